// Source of wall-clock time (UTC). Only service/, jobs/, channels/ and http/ hold one;
// pure code receives `Timestamp now` instead. SystemClock lives in app/; tests use
// tests/support/fake_clock.hpp.
#pragma once

#include "core/time.hpp"

namespace sp {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

}  // namespace sp

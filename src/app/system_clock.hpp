// The wall clock (UTC, milliseconds): the only Clock that reads the system time. Built by
// the composition root (app/wiring) for the binary; tests use tests/support/fake_clock.hpp.
#pragma once

#include <chrono>

#include "core/clock.hpp"

namespace sp::app {

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  }
};

}  // namespace sp::app

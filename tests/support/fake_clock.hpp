// A Clock that stands still until a test moves it (after Envoy's SimulatedTimeSystem).
#pragma once

#include <atomic>

#include "core/clock.hpp"

namespace sp::testing {

class FakeClock : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_ms_(to_unix_ms(start)) {}
  Timestamp now() const override { return from_unix_ms(now_ms_.load()); }
  void advance(Duration by) { now_ms_ += by.count(); }
  void set(Timestamp t) { now_ms_ = to_unix_ms(t); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace sp::testing

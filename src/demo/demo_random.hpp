// Deterministic random choices for the demo data. The std:: distributions are not
// specified bit for bit, so the same seed could give other data with another standard
// library; these helpers use only the raw output of std::mt19937_64, which is.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <span>

#include "core/time.hpp"

namespace sp::demo {

class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1), from the top 53 bits.
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Uniform in [lo, hi]. REQUIRES: lo <= hi. The modulo bias is below 1e-15 for our ranges.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(engine_() % span);
  }

  bool chance(double probability) { return unit() < probability; }

  // An index into a non-empty container.
  template <typename Container>
  std::size_t index(const Container& items) {
    return static_cast<std::size_t>(between(0, static_cast<std::int64_t>(items.size()) - 1));
  }

  template <typename Container>
  const auto& pick(const Container& items) {
    return items[index(items)];
  }

  // An index drawn in proportion to `weights` (not all zero).
  std::size_t weighted(std::span<const double> weights) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double target = unit() * total;
    for (std::size_t idx = 0; idx < weights.size(); ++idx) {
      if (target < weights[idx]) {
        return idx;
      }
      target -= weights[idx];
    }
    return weights.size() - 1;
  }

  // A duration between `lo_minutes` and `hi_minutes` on a log scale: waiting times are
  // skewed, with as many between 1 and 10 minutes as between 10 and 100.
  Duration log_minutes(double lo_minutes, double hi_minutes) {
    double minutes = lo_minutes * std::exp(unit() * std::log(hi_minutes / lo_minutes));
    return Duration{static_cast<std::int64_t>(minutes * 60'000.0)};
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace sp::demo

#include "quality/agreement.hpp"

#include <algorithm>
#include <map>

namespace sp::quality {

AlphaResult krippendorff_alpha(std::span<const Unit> units, AlphaMetric metric) {
  AlphaResult result;
  // The distinct values and the coincidence matrix o[c][k] over them.
  std::vector<double> values;
  for (const auto& unit : units) {
    if (unit.size() < 2) continue;
    values.insert(values.end(), unit.begin(), unit.end());
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  const std::size_t count = values.size();
  auto index = [&values](double v) {
    return static_cast<std::size_t>(std::lower_bound(values.begin(), values.end(), v) - values.begin());
  };
  std::vector<std::vector<double>> o(count, std::vector<double>(count, 0.0));
  for (const auto& unit : units) {
    const auto m = unit.size();
    if (m < 2) continue;
    ++result.units;
    result.pairable_values += static_cast<int>(m);
    // Each ordered pair of values of different coders adds 1 / (m - 1).
    for (std::size_t a = 0; a < m; ++a) {
      for (std::size_t b = 0; b < m; ++b) {
        if (a == b) continue;
        o[index(unit[a])][index(unit[b])] += 1.0 / static_cast<double>(m - 1);
      }
    }
  }
  if (result.pairable_values < 2) return result;
  std::vector<double> n_c(count, 0.0);
  for (std::size_t c = 0; c < count; ++c) {
    for (std::size_t k = 0; k < count; ++k) n_c[c] += o[c][k];
  }
  const double n = static_cast<double>(result.pairable_values);
  auto delta2 = [&](std::size_t c, std::size_t k) -> double {
    if (c == k) return 0.0;
    switch (metric) {
      case AlphaMetric::Nominal:
        return 1.0;
      case AlphaMetric::Interval: {
        const double d = values[c] - values[k];
        return d * d;
      }
      case AlphaMetric::Ordinal: {
        const auto lo = std::min(c, k);
        const auto hi = std::max(c, k);
        double sum = 0;
        for (std::size_t g = lo; g <= hi; ++g) sum += n_c[g];
        const double d = sum - (n_c[c] + n_c[k]) / 2.0;
        return d * d;
      }
    }
    return 0.0;
  };
  double observed = 0;
  double expected = 0;
  for (std::size_t c = 0; c < count; ++c) {
    for (std::size_t k = 0; k < count; ++k) {
      const double d = delta2(c, k);
      observed += o[c][k] * d;
      expected += n_c[c] * n_c[k] * d;
    }
  }
  if (expected <= 0) return result;
  result.alpha = 1.0 - (n - 1.0) * observed / expected;
  return result;
}

}  // namespace sp::quality

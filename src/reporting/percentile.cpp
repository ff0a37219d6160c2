#include "reporting/percentile.hpp"

#include <algorithm>
#include <cmath>

namespace sp::reporting {

std::optional<double> percentile_of_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) {
    return std::nullopt;
  }
  p = std::clamp(p, 0.0, 100.0);
  const double h = static_cast<double>(sorted.size() - 1) * p / 100.0;
  const auto k = static_cast<std::size_t>(std::floor(h));
  if (k + 1 >= sorted.size()) {
    return sorted.back();
  }
  const double f = h - static_cast<double>(k);
  return sorted[k] + f * (sorted[k + 1] - sorted[k]);
}

Summary summarize(std::vector<double>& values) {
  Summary out;
  out.count = static_cast<std::int64_t>(values.size());
  if (values.empty()) {
    return out;
  }
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double v : values) {
    sum += v;
  }
  out.mean = sum / static_cast<double>(values.size());
  out.median = percentile_of_sorted(values, 50);
  out.p90 = percentile_of_sorted(values, 90);
  return out;
}

}  // namespace sp::reporting

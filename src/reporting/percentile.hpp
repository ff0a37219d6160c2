// Exact summaries (count, mean, median, p90) of a collected set of values, for the KPI report.
//
// Percentiles use linear interpolation between closest ranks (Hyndman & Fan type 7, the default of
// R, NumPy and spreadsheet PERCENTILE): over the sorted values x[0..n-1] the p-th percentile is
// x[k] + f * (x[k+1] - x[k]) with h = (n - 1) * p / 100, k = floor(h), f = h - k. So the median of
// {1, 2, 3, 4} is 2.5 and p90 of {1..10} is 9.1. Exact, not streaming: the caller keeps every
// value. Pure and allocation-free apart from what the caller passes in.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace sp::reporting {

struct Summary {
  std::int64_t count = 0;
  // Empty when count == 0 (no value, rather than a misleading 0).
  std::optional<double> mean;
  std::optional<double> median;
  std::optional<double> p90;

  friend bool operator==(const Summary&, const Summary&) = default;
};

// Returns the p-th percentile (0 <= p <= 100, clamped otherwise) of `sorted`, which must be in
// ascending order. Empty when `sorted` is empty.
std::optional<double> percentile_of_sorted(std::span<const double> sorted, double p);

// Sorts `values` in place and returns their count, mean, median and p90. All of them but count
// are empty when `values` is empty. Never fails.
Summary summarize(std::vector<double>& values);

}  // namespace sp::reporting

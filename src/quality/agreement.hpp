// Agreement between QA reviewers (calibration, issue 18): Krippendorff's alpha over a
// reliability matrix of units (here: a reviewed ticket and criterion) by coders (reviewers),
// with missing values allowed. alpha = 1 - D_o / D_e from the coincidence matrix
// (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011): 1 is perfect agreement,
// 0 agreement as by chance. Only units with at least two values are pairable.
// Pure; no I/O.
#pragma once

#include <optional>
#include <span>
#include <vector>

namespace sp::quality {

enum class AlphaMetric { Nominal, Ordinal, Interval };

// One unit's values, one per coder who coded it (missing coders are simply absent).
using Unit = std::vector<double>;

struct AlphaResult {
  std::optional<double> alpha;  // empty when undefined: fewer than two pairable values, or no
                                // variation at all (every value equal: D_e = 0)
  int pairable_values = 0;      // n: values in units with two or more values
  int units = 0;                // units with two or more values
};

AlphaResult krippendorff_alpha(std::span<const Unit> units, AlphaMetric metric);

}  // namespace sp::quality

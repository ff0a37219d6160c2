#include <gtest/gtest.h>

#include "reporting/percentile.hpp"

namespace sp::reporting {
namespace {

TEST(Percentile, MedianOfAnEvenCountInterpolatesBetweenTheMiddleValues) {
  std::vector<double> v = {4, 1, 3, 2};
  Summary s = summarize(v);
  EXPECT_EQ(s.count, 4);
  EXPECT_DOUBLE_EQ(*s.mean, 2.5);
  EXPECT_DOUBLE_EQ(*s.median, 2.5);
}

TEST(Percentile, P90OfOneToTenIsNinePointOneByLinearInterpolation) {
  std::vector<double> v = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  Summary s = summarize(v);
  EXPECT_DOUBLE_EQ(*s.p90, 9.1);
  EXPECT_DOUBLE_EQ(*s.median, 5.5);
}

TEST(Percentile, SingleValueIsEveryPercentile) {
  std::vector<double> v = {42};
  Summary s = summarize(v);
  EXPECT_DOUBLE_EQ(*s.mean, 42);
  EXPECT_DOUBLE_EQ(*s.median, 42);
  EXPECT_DOUBLE_EQ(*s.p90, 42);
}

TEST(Percentile, EmptyInputHasACountOfZeroAndNoValues) {
  std::vector<double> v;
  Summary s = summarize(v);
  EXPECT_EQ(s.count, 0);
  EXPECT_FALSE(s.mean.has_value());
  EXPECT_FALSE(s.median.has_value());
  EXPECT_FALSE(s.p90.has_value());
}

TEST(Percentile, ExtremesAreMinimumAndMaximumAndOutOfRangeIsClamped) {
  const std::vector<double> sorted = {1, 5, 9};
  EXPECT_DOUBLE_EQ(*percentile_of_sorted(sorted, 0), 1);
  EXPECT_DOUBLE_EQ(*percentile_of_sorted(sorted, 100), 9);
  EXPECT_DOUBLE_EQ(*percentile_of_sorted(sorted, 150), 9);
  EXPECT_DOUBLE_EQ(*percentile_of_sorted(sorted, 75), 7);
}

}  // namespace
}  // namespace sp::reporting

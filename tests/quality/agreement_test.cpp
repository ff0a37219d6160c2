#include "quality/agreement.hpp"

#include <gtest/gtest.h>

namespace sp::quality {
namespace {

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 observers,
// 12 units, missing values; published alpha nominal 0.743, ordinal 0.815, interval 0.849.
std::vector<Unit> published_example() {
  return {{1, 1, 1},    {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
          {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {5, 5, 5},    {1, 1},       {3}};
}

TEST(KrippendorffAlpha, MatchesThePublishedNominalValue) {
  auto units = published_example();
  auto result = krippendorff_alpha(units, AlphaMetric::Nominal);
  ASSERT_TRUE(result.alpha);
  EXPECT_NEAR(*result.alpha, 0.743, 0.0005);
  EXPECT_EQ(result.pairable_values, 40);
  EXPECT_EQ(result.units, 11);  // the unit with one value is not pairable
}

TEST(KrippendorffAlpha, MatchesThePublishedOrdinalValue) {
  auto units = published_example();
  auto result = krippendorff_alpha(units, AlphaMetric::Ordinal);
  ASSERT_TRUE(result.alpha);
  EXPECT_NEAR(*result.alpha, 0.815, 0.0005);
}

TEST(KrippendorffAlpha, MatchesThePublishedIntervalValue) {
  auto units = published_example();
  auto result = krippendorff_alpha(units, AlphaMetric::Interval);
  ASSERT_TRUE(result.alpha);
  EXPECT_NEAR(*result.alpha, 0.849, 0.0005);
}

TEST(KrippendorffAlpha, PerfectAgreementIsOne) {
  std::vector<Unit> units{{1, 1}, {3, 3, 3}, {4, 4}};
  auto result = krippendorff_alpha(units, AlphaMetric::Interval);
  ASSERT_TRUE(result.alpha);
  EXPECT_DOUBLE_EQ(*result.alpha, 1.0);
}

TEST(KrippendorffAlpha, IsUndefinedWithoutVariationOrPairs) {
  std::vector<Unit> same{{2, 2}, {2, 2}};
  EXPECT_FALSE(krippendorff_alpha(same, AlphaMetric::Interval).alpha);
  std::vector<Unit> single{{1}, {2}};
  auto result = krippendorff_alpha(single, AlphaMetric::Interval);
  EXPECT_FALSE(result.alpha);
  EXPECT_EQ(result.units, 0);
}

TEST(KrippendorffAlpha, SystematicDisagreementIsBelowZero) {
  std::vector<Unit> units{{0, 4}, {4, 0}, {0, 4}};
  auto result = krippendorff_alpha(units, AlphaMetric::Interval);
  ASSERT_TRUE(result.alpha);
  EXPECT_LT(*result.alpha, 0.0);
}

}  // namespace
}  // namespace sp::quality

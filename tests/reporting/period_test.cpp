#include <gtest/gtest.h>

#include "reporting/period.hpp"

namespace sp::reporting {
namespace {

using std::chrono::hours;

Timestamp utc(std::string_view text) {
  return parse_rfc3339(text).value();
}

TEST(Period, DaysInAmsterdamAcrossSpringForwardLast24And23Hours) {
  // 2026-03-29 is the spring-forward Sunday: 02:00 CET becomes 03:00 CEST.
  auto b = Buckets::create(Period::Day, utc("2026-03-27T23:00:00Z"), utc("2026-03-30T22:00:00Z"),
                           "Europe/Amsterdam");
  ASSERT_TRUE(b.ok()) << b.error().message;
  ASSERT_EQ(b->size(), 3u);
  EXPECT_EQ(b->all()[0].label, "2026-03-28");
  EXPECT_EQ(b->all()[1].label, "2026-03-29");
  EXPECT_EQ(b->all()[2].label, "2026-03-30");
  EXPECT_EQ(b->all()[0].end - b->all()[0].start, hours{24});
  EXPECT_EQ(b->all()[1].end - b->all()[1].start, hours{23});
  EXPECT_EQ(b->all()[1].start, utc("2026-03-28T23:00:00Z"));
  EXPECT_EQ(b->all()[2].start, utc("2026-03-29T22:00:00Z"));
}

TEST(Period, AnInstantAt2330UtcBelongsToTheNextLocalDayInAmsterdam) {
  auto b = Buckets::create(Period::Day, utc("2026-03-27T23:00:00Z"), utc("2026-03-30T22:00:00Z"),
                           "Europe/Amsterdam");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->all()[*b->index_of(utc("2026-03-27T23:30:00Z"))].label, "2026-03-28");
  EXPECT_EQ(b->all()[*b->index_of(utc("2026-03-29T22:30:00Z"))].label, "2026-03-30");
  EXPECT_EQ(b->all()[*b->index_of(utc("2026-03-29T21:30:00Z"))].label, "2026-03-29");
  EXPECT_FALSE(b->index_of(utc("2026-03-30T22:00:00Z")).has_value());
  EXPECT_FALSE(b->index_of(utc("2026-03-27T22:59:59Z")).has_value());
}

TEST(Period, WeeksStartOnMondayAndTheFirstIsClippedToFrom) {
  // Wednesday 2026-11-18 to Wednesday 2026-12-02 in UTC.
  auto b = Buckets::create(Period::Week, utc("2026-11-18T00:00:00Z"), utc("2026-12-02T00:00:00Z"), "UTC");
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->size(), 3u);
  EXPECT_EQ(b->all()[0].label, "2026-11-16");
  EXPECT_EQ(b->all()[0].start, utc("2026-11-18T00:00:00Z"));
  EXPECT_EQ(b->all()[1].label, "2026-11-23");
  EXPECT_EQ(b->all()[2].label, "2026-11-30");
  EXPECT_EQ(b->all()[2].end, utc("2026-12-02T00:00:00Z"));
}

TEST(Period, MonthsAndHalfYearsAreLabelledByTheirStart) {
  auto months =
      Buckets::create(Period::Month, utc("2026-01-15T00:00:00Z"), utc("2026-03-01T00:00:00Z"), "UTC");
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(months->size(), 2u);
  EXPECT_EQ(months->all()[0].label, "2026-01");
  EXPECT_EQ(months->all()[1].label, "2026-02");
  auto halves =
      Buckets::create(Period::HalfYear, utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"), "UTC");
  ASSERT_TRUE(halves.ok());
  ASSERT_EQ(halves->size(), 2u);
  EXPECT_EQ(halves->all()[0].label, "2026-H1");
  EXPECT_EQ(halves->all()[1].label, "2026-H2");
  EXPECT_EQ(halves->all()[1].start, utc("2026-07-01T00:00:00Z"));
}

TEST(Period, CustomRangeIsOneBucket) {
  auto b = Buckets::create(Period::Custom, utc("2026-01-15T00:00:00Z"), utc("2026-03-01T00:00:00Z"),
                           "Nowhere/Invalid");
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->size(), 1u);
  EXPECT_EQ(b->all()[0].label, "2026-01-15T00:00:00Z/2026-03-01T00:00:00Z");
}

TEST(Period, UnknownZoneAndEmptyRangeAreInvalidInput) {
  auto zone =
      Buckets::create(Period::Day, utc("2026-01-01T00:00:00Z"), utc("2026-01-02T00:00:00Z"), "Mars/Olympus");
  ASSERT_FALSE(zone.ok());
  EXPECT_EQ(zone.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(zone.error().field, "time_zone");
  auto empty = Buckets::create(Period::Day, utc("2026-01-02T00:00:00Z"), utc("2026-01-02T00:00:00Z"), "UTC");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "to");
}

TEST(Period, NamesRoundTrip) {
  for (Period p : {Period::Day, Period::Week, Period::Month, Period::HalfYear, Period::Custom}) {
    EXPECT_EQ(parse_period(to_string(p)).value(), p);
  }
  EXPECT_FALSE(parse_period("year").ok());
}

}  // namespace
}  // namespace sp::reporting

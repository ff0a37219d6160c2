// Validation and lookup rules of BusinessCalendar built through the C++ API.
#include "sla/business_calendar.hpp"

#include <gtest/gtest.h>

namespace sp::sla {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day ymd(int y, unsigned m, unsigned d) {
  return year_month_day{year{y}, month{m}, day{d}};
}

CalendarDefinition office() {
  CalendarDefinition definition;
  definition.time_zone = "Europe/Amsterdam";
  for (int day_idx = 0; day_idx < 5; ++day_idx) {
    definition.weekly[day_idx] = {LocalInterval{9 * 60, 17 * 60}};
  }
  return definition;
}

void expect_rejected(const CalendarDefinition& definition, const std::string& field) {
  auto calendar = BusinessCalendar::create(definition);
  ASSERT_FALSE(calendar.ok()) << "expected an error at " << field;
  EXPECT_EQ(calendar.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(calendar.error().field, field);
  EXPECT_NE(calendar.error().message.find(field), std::string::npos) << calendar.error().message;
}

TEST(BusinessCalendar, AcceptsAnOfficeCalendar) {
  auto calendar = BusinessCalendar::create(office());
  ASSERT_TRUE(calendar.ok()) << calendar.error().message;
  EXPECT_EQ(calendar->time_zone(), "Europe/Amsterdam");
  EXPECT_TRUE(calendar->has_opening_hours());
  EXPECT_EQ(calendar->hours_on(ymd(2026, 11, 23)), (DayHours{LocalInterval{540, 1020}}));
  EXPECT_TRUE(calendar->hours_on(ymd(2026, 11, 28)).empty());  // Saturday
}

TEST(BusinessCalendar, RejectsUnknownTimeZone) {
  auto definition = office();
  definition.time_zone = "Moon/Tranquility";
  expect_rejected(definition, "timezone");
  definition.time_zone = "";
  expect_rejected(definition, "timezone");
}

TEST(BusinessCalendar, RejectsReversedAndEmptyIntervals) {
  auto definition = office();
  definition.weekly[1] = {LocalInterval{600, 660}, LocalInterval{17 * 60, 13 * 60}};
  expect_rejected(definition, "weekly.tue[1]");
  definition.weekly[1] = {LocalInterval{600, 600}};
  expect_rejected(definition, "weekly.tue[0]");
}

TEST(BusinessCalendar, RejectsOverlappingAndOutOfOrderIntervals) {
  auto definition = office();
  definition.weekly[1] = {LocalInterval{8 * 60, 12 * 60}, LocalInterval{11 * 60, 17 * 60}};
  expect_rejected(definition, "weekly.tue[1]");
  definition.weekly[1] = {LocalInterval{13 * 60, 17 * 60}, LocalInterval{8 * 60, 12 * 60}};
  expect_rejected(definition, "weekly.tue[1]");
}

TEST(BusinessCalendar, AcceptsTouchingIntervals) {
  auto definition = office();
  definition.weekly[1] = {LocalInterval{8 * 60, 12 * 60}, LocalInterval{12 * 60, 17 * 60}};
  EXPECT_TRUE(BusinessCalendar::create(definition).ok());
}

TEST(BusinessCalendar, RejectsTimesOutsideTheDay) {
  auto definition = office();
  definition.weekly[6] = {LocalInterval{-10, 60}};
  expect_rejected(definition, "weekly.sun[0]");
  definition.weekly[6] = {LocalInterval{60, 1441}};
  expect_rejected(definition, "weekly.sun[0]");
  definition.weekly[6] = {LocalInterval{1440, 1440}};
  expect_rejected(definition, "weekly.sun[0]");
}

TEST(BusinessCalendar, RejectsImpossibleDates) {
  auto definition = office();
  definition.holidays = {ymd(2026, 12, 25), ymd(2026, 2, 30)};
  expect_rejected(definition, "holidays[1]");
  definition = office();
  definition.overrides[ymd(2026, 13, 1)] = {};
  expect_rejected(definition, "overrides.2026-13-01");
  definition = office();
  definition.overrides[ymd(2026, 12, 24)] = {LocalInterval{13 * 60, 9 * 60}};
  expect_rejected(definition, "overrides.2026-12-24[0]");
}

TEST(BusinessCalendar, NormalizesHolidaysAndLetsOverridesWin) {
  auto definition = office();
  definition.holidays = {ymd(2026, 12, 28), ymd(2026, 12, 25), ymd(2026, 12, 28)};
  definition.overrides[ymd(2026, 12, 28)] = {LocalInterval{10 * 60, 12 * 60}};
  auto calendar = BusinessCalendar::create(definition);
  ASSERT_TRUE(calendar.ok());
  EXPECT_EQ(calendar->definition().holidays,
            (std::vector<year_month_day>{ymd(2026, 12, 25), ymd(2026, 12, 28)}));
  EXPECT_TRUE(calendar->hours_on(ymd(2026, 12, 25)).empty());
  EXPECT_EQ(calendar->hours_on(ymd(2026, 12, 28)), (DayHours{LocalInterval{600, 720}}));
}

TEST(BusinessCalendar, AlwaysOpenIsOpenEveryDayAllDay) {
  auto calendar = BusinessCalendar::always_open("Asia/Shanghai");
  ASSERT_TRUE(calendar.ok());
  for (const DayHours& hours : calendar->definition().weekly) {
    EXPECT_EQ(hours, (DayHours{LocalInterval{0, 1440}}));
  }
  EXPECT_FALSE(BusinessCalendar::always_open("Nowhere/Special").ok());
}

TEST(BusinessCalendar, WithoutAnyIntervalHasNoOpeningHours) {
  CalendarDefinition definition;
  definition.time_zone = "UTC";
  definition.overrides[ymd(2026, 12, 24)] = {};
  auto calendar = BusinessCalendar::create(definition);
  ASSERT_TRUE(calendar.ok());
  EXPECT_FALSE(calendar->has_opening_hours());
}

TEST(BusinessCalendar, CopiesShareTheDefinitionAndCompareEqual) {
  auto calendar = BusinessCalendar::create(office());
  ASSERT_TRUE(calendar.ok());
  BusinessCalendar copy = calendar.value();
  EXPECT_EQ(copy, calendar.value());
  EXPECT_EQ(&copy.definition(), &calendar->definition());
  auto other = office();
  other.weekly[5] = {LocalInterval{600, 660}};
  EXPECT_FALSE(BusinessCalendar::create(other).value() == copy);
}

TEST(BusinessCalendar, FormatsLocalTimesAndDates) {
  EXPECT_EQ(format_local_time(0), "00:00");
  EXPECT_EQ(format_local_time(8 * 60 + 30), "08:30");
  EXPECT_EQ(format_local_time(1440), "24:00");
  EXPECT_EQ(format_local_date(ymd(2026, 3, 9)), "2026-03-09");
}

}  // namespace
}  // namespace sp::sla

// Explicit cases for business-time arithmetic: closing times, holidays, overrides, lunch
// breaks, 24x7, and DST in Europe/Amsterdam, America/New_York, Australia/Lord_Howe (30-minute
// shift), Asia/Kathmandu (+05:45) and Asia/Shanghai (no DST).
#include "sla/business_time.hpp"

#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <vector>

#include "sla/sla_test_util.hpp"

namespace sp::sla {
namespace {

using testing::at;
using testing::calendar_from;
using testing::kHour_s;

// Mon-Fri 09:00-17:00 in Amsterdam; Christmas closed; Christmas Eve until 13:00.
constexpr std::string_view kAmsterdamOffice = R"({
  "timezone": "Europe/Amsterdam",
  "weekly": {"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]], "wed": [["09:00","17:00"]],
             "thu": [["09:00","17:00"]], "fri": [["09:00","17:00"]], "sat": [], "sun": []},
  "holidays": ["2026-12-25"],
  "overrides": {"2026-12-24": [["09:00","13:00"]]}
})";

// Tuesday with a lunch break, as in issue 4.
constexpr std::string_view kLunchBreak = R"({
  "timezone": "Europe/Amsterdam",
  "weekly": {"tue": [["08:30","12:00"],["13:00","17:30"]]}
})";

std::int64_t seconds_between(const BusinessCalendar& calendar, std::string_view from, std::string_view to) {
  auto measured = business_seconds(calendar, at(from), at(to));
  EXPECT_TRUE(measured.ok()) << measured.error().message;
  return measured.ok() ? measured.value() : -1;
}

std::string due(const BusinessCalendar& calendar, std::string_view start, std::int64_t add_s) {
  auto result = add_business_seconds(calendar, at(start), add_s);
  EXPECT_TRUE(result.ok()) << result.error().message;
  return result.ok() ? format_rfc3339(result.value()) : "error: " + result.error().message;
}

// A calendar open all day on Sundays only, to measure the length of DST-change Sundays.
BusinessCalendar sundays_all_day(std::string_view zone) {
  return calendar_from(R"({"timezone":")" + std::string(zone) + R"(","weekly":{"sun":[["00:00","24:00"]]}})");
}

TEST(BusinessTime, DueTimeFallsExactlyOnClosingTime) {
  auto office = calendar_from(kAmsterdamOffice);
  // Monday 2026-11-23 16:00 CET plus one hour is 17:00 CET the same day, not Tuesday 09:00.
  EXPECT_EQ(due(office, "2026-11-23T16:00:00+01:00", kHour_s), "2026-11-23T16:00:00Z");
  EXPECT_EQ(due(office, "2026-11-23T09:00:00+01:00", 8 * kHour_s), "2026-11-23T16:00:00Z");
}

TEST(BusinessTime, OneSecondPastClosingCarriesIntoNextOpening) {
  auto office = calendar_from(kAmsterdamOffice);
  EXPECT_EQ(due(office, "2026-11-23T16:59:59+01:00", 2), "2026-11-24T08:00:01Z");
}

TEST(BusinessTime, AddingZeroReturnsStartEvenWhenClosed) {
  auto office = calendar_from(kAmsterdamOffice);
  const Timestamp saturday = at("2026-11-28T12:34:56.789Z");
  auto result = add_business_seconds(office, saturday, 0);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value(), saturday);
}

TEST(BusinessTime, AddingFromClosedTimeStartsAtNextOpening) {
  auto office = calendar_from(kAmsterdamOffice);
  // Friday evening plus one hour is Monday 10:00 CET.
  EXPECT_EQ(due(office, "2026-11-27T18:00:00+01:00", kHour_s), "2026-11-30T09:00:00Z");
  // Before opening on a weekday.
  EXPECT_EQ(due(office, "2026-11-24T07:00:00+01:00", 60), "2026-11-24T08:01:00Z");
}

TEST(BusinessTime, HolidayIsSkippedAndOverrideShortensTheDay) {
  auto office = calendar_from(kAmsterdamOffice);
  // Thu 24 Dec opens 09:00-13:00, Fri 25 Dec is a holiday, then the weekend: two hours from
  // 12:00 on the 24th are one hour that day and one on Monday 28 Dec.
  EXPECT_EQ(due(office, "2026-12-24T12:00:00+01:00", 2 * kHour_s), "2026-12-28T09:00:00Z");
  EXPECT_EQ(seconds_between(office, "2026-12-24T00:00:00+01:00", "2026-12-28T00:00:00+01:00"), 4 * kHour_s);
  EXPECT_FALSE(is_open(office, at("2026-12-25T10:00:00+01:00")));
  EXPECT_FALSE(is_open(office, at("2026-12-24T14:00:00+01:00")));
  EXPECT_TRUE(is_open(office, at("2026-12-24T12:59:59+01:00")));
}

TEST(BusinessTime, OverrideWithEmptyListClosesTheDay) {
  auto calendar = calendar_from(R"({"timezone":"Europe/Amsterdam",
      "weekly":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]]},
      "overrides":{"2026-11-23":[]}})");
  EXPECT_EQ(due(calendar, "2026-11-23T08:00:00+01:00", kHour_s), "2026-11-24T09:00:00Z");
}

TEST(BusinessTime, OverrideOpensAWeekendDay) {
  auto calendar = calendar_from(R"({"timezone":"Europe/Amsterdam",
      "weekly":{"mon":[["09:00","17:00"]]},
      "overrides":{"2026-11-29":[["10:00","11:00"]]}})");
  EXPECT_EQ(due(calendar, "2026-11-28T12:00:00+01:00", 1800), "2026-11-29T09:30:00Z");
}

TEST(BusinessTime, LunchBreakIsNotBusinessTime) {
  auto calendar = calendar_from(kLunchBreak);
  // Tuesday 2026-11-24: 11:00-12:00 and 13:00-14:00 count, the lunch hour does not.
  EXPECT_EQ(seconds_between(calendar, "2026-11-24T11:00:00+01:00", "2026-11-24T14:00:00+01:00"), 2 * kHour_s);
  EXPECT_EQ(due(calendar, "2026-11-24T11:30:00+01:00", kHour_s), "2026-11-24T12:30:00Z");
  // Ending exactly at the start of lunch: the due time is 12:00, not 13:00.
  EXPECT_EQ(due(calendar, "2026-11-24T11:30:00+01:00", 1800), "2026-11-24T11:00:00Z");
  EXPECT_FALSE(is_open(calendar, at("2026-11-24T12:30:00+01:00")));
  EXPECT_EQ(seconds_between(calendar, "2026-11-23T00:00:00Z", "2026-11-30T00:00:00Z"), 8 * kHour_s);
}

TEST(BusinessTime, AlwaysOpenCountsElapsedSecondsAcrossDst) {
  auto calendar = BusinessCalendar::always_open("Europe/Amsterdam");
  ASSERT_TRUE(calendar.ok());
  EXPECT_EQ(seconds_between(*calendar, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"), 48 * kHour_s);
  EXPECT_EQ(due(*calendar, "2026-10-24T23:00:00Z", 5 * kHour_s), "2026-10-25T04:00:00Z");
  EXPECT_TRUE(is_open(*calendar, at("2026-10-25T01:30:00Z")));
}

TEST(BusinessTime, AlwaysOpenAddsAcrossManyYears) {
  auto calendar = BusinessCalendar::always_open();
  ASSERT_TRUE(calendar.ok());
  const std::int64_t twenty_years_s = 20 * 31'556'952;
  auto result = add_business_seconds(*calendar, at("2001-01-01T00:00:00Z"), twenty_years_s);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value() - at("2001-01-01T00:00:00Z"), std::chrono::seconds{twenty_years_s});
  EXPECT_EQ(seconds_between(*calendar, "1970-01-01T00:00:00Z", "2100-01-01T00:00:00Z"), 4102444800);
}

TEST(BusinessTime, AllDayOnDstChangeIs23Or25HoursInAmsterdam) {
  auto calendar = sundays_all_day("Europe/Amsterdam");
  EXPECT_EQ(seconds_between(calendar, "2026-03-23T00:00:00Z", "2026-03-30T00:00:00Z"), 23 * kHour_s);
  EXPECT_EQ(seconds_between(calendar, "2026-10-19T00:00:00Z", "2026-10-26T00:00:00Z"), 25 * kHour_s);
  EXPECT_EQ(seconds_between(calendar, "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z"), 24 * kHour_s);
}

TEST(BusinessTime, AllDayOnDstChangeIs23Or25HoursInNewYork) {
  auto calendar = sundays_all_day("America/New_York");
  EXPECT_EQ(seconds_between(calendar, "2026-03-03T00:00:00Z", "2026-03-10T00:00:00Z"), 23 * kHour_s);
  EXPECT_EQ(seconds_between(calendar, "2026-10-27T00:00:00Z", "2026-11-03T00:00:00Z"), 25 * kHour_s);
  // The Sunday opens at local midnight: 05:00Z in winter.
  auto opening = next_opening(calendar, at("2026-11-03T00:00:00Z"));
  ASSERT_TRUE(opening.ok());
  EXPECT_EQ(format_rfc3339(opening.value()), "2026-11-08T05:00:00Z");
}

TEST(BusinessTime, AllDayOnLordHoweDstChangeShiftsByHalfAnHour) {
  auto calendar = sundays_all_day("Australia/Lord_Howe");
  // DST ends on Sunday 2026-04-05 (02:00 -> 01:30) and starts on Sunday 2026-10-04
  // (02:00 -> 02:30).
  EXPECT_EQ(seconds_between(calendar, "2026-03-30T00:00:00Z", "2026-04-06T00:00:00Z"), 24 * kHour_s + 1800);
  EXPECT_EQ(seconds_between(calendar, "2026-09-28T00:00:00Z", "2026-10-05T00:00:00Z"), 23 * kHour_s + 1800);
}

TEST(BusinessTime, LordHoweOfficeHoursFollowTheHalfHourShift) {
  auto calendar = calendar_from(R"({"timezone":"Australia/Lord_Howe",
      "weekly":{"fri":[["09:00","17:00"]],"mon":[["09:00","17:00"]]}})");
  // Friday 2026-04-03 is +11:00; Monday 2026-04-06 is +10:30.
  EXPECT_EQ(due(calendar, "2026-04-03T16:00:00+11:00", 2 * kHour_s), "2026-04-05T23:30:00Z");
}

TEST(BusinessTime, KathmanduQuarterHourOffset) {
  auto calendar = calendar_from(R"({"timezone":"Asia/Kathmandu",
      "weekly":{"mon":[["09:00","17:00"]]}})");
  EXPECT_FALSE(is_open(calendar, at("2026-11-23T03:14:59Z")));
  EXPECT_TRUE(is_open(calendar, at("2026-11-23T03:15:00Z")));
  EXPECT_EQ(due(calendar, "2026-11-23T00:00:00Z", 8 * kHour_s), "2026-11-23T11:15:00Z");
}

TEST(BusinessTime, ShanghaiHasTheSameUtcHoursAllYear) {
  auto calendar = calendar_from(R"({"timezone":"Asia/Shanghai",
      "weekly":{"mon":[["09:00","18:00"]]}})");
  EXPECT_EQ(due(calendar, "2026-03-30T00:00:00Z", 60), "2026-03-30T01:01:00Z");
  EXPECT_EQ(due(calendar, "2026-11-02T00:00:00Z", 9 * kHour_s), "2026-11-02T10:00:00Z");
}

TEST(BusinessTime, NewYorkOfficeAcrossSpringForward) {
  auto calendar = calendar_from(R"({"timezone":"America/New_York","weekly":{
      "mon":[["09:00","17:00"]],"fri":[["09:00","17:00"]]}})");
  // Friday 2026-03-06 16:00 EST plus two hours is Monday 10:00 EDT.
  EXPECT_EQ(due(calendar, "2026-03-06T16:00:00-05:00", 2 * kHour_s), "2026-03-09T14:00:00Z");
}

TEST(BusinessTime, IntervalStartingInSpringForwardGapOpensAtTransition) {
  // 02:30 does not exist in Amsterdam on 2026-03-29: the interval opens at 03:00 CEST (01:00Z).
  auto calendar = calendar_from(R"({"timezone":"Europe/Amsterdam",
      "weekly":{"sun":[["02:30","05:00"]]}})");
  auto opening = next_opening(calendar, at("2026-03-28T12:00:00Z"));
  ASSERT_TRUE(opening.ok());
  EXPECT_EQ(format_rfc3339(opening.value()), "2026-03-29T01:00:00Z");
  EXPECT_EQ(seconds_between(calendar, "2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z"), 2 * kHour_s);
  // A week earlier the same interval is the full 2.5 hours.
  EXPECT_EQ(seconds_between(calendar, "2026-03-22T00:00:00Z", "2026-03-23T00:00:00Z"), 2 * kHour_s + 1800);
}

TEST(BusinessTime, IntervalInsideSpringForwardGapIsEmpty) {
  auto calendar = calendar_from(R"({"timezone":"Europe/Amsterdam",
      "weekly":{"sun":[["02:10","02:50"]]}})");
  EXPECT_EQ(seconds_between(calendar, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"), 0);
  auto opening = next_opening(calendar, at("2026-03-28T12:00:00Z"));
  ASSERT_TRUE(opening.ok());
  EXPECT_EQ(format_rfc3339(opening.value()), "2026-04-05T00:10:00Z");
}

TEST(BusinessTime, AmbiguousOpeningUsesFirstOccurrence) {
  // On 2026-10-25 Amsterdam repeats 02:00-03:00. 02:30 is taken in CEST (00:30Z); 04:00 is
  // 03:00Z, so the interval lasts 2.5 real hours.
  auto calendar = calendar_from(R"({"timezone":"Europe/Amsterdam",
      "weekly":{"sun":[["02:30","04:00"]]}})");
  auto opening = next_opening(calendar, at("2026-10-24T12:00:00Z"));
  ASSERT_TRUE(opening.ok());
  EXPECT_EQ(format_rfc3339(opening.value()), "2026-10-25T00:30:00Z");
  EXPECT_EQ(seconds_between(calendar, "2026-10-25T00:00:00Z", "2026-10-26T00:00:00Z"), 2 * kHour_s + 1800);
}

TEST(BusinessTime, IntervalsTouchingAtMidnightFormOneStretch) {
  auto calendar = calendar_from(R"({"timezone":"Europe/Amsterdam",
      "weekly":{"mon":[["22:00","24:00"]],"tue":[["00:00","02:00"]]}})");
  EXPECT_EQ(due(calendar, "2026-11-23T23:00:00+01:00", 2 * kHour_s), "2026-11-24T00:00:00Z");
  EXPECT_TRUE(is_open(calendar, at("2026-11-23T23:00:00Z")));
}

TEST(BusinessTime, OpeningAndClosingInstantsAreHalfOpen) {
  auto office = calendar_from(kAmsterdamOffice);
  EXPECT_TRUE(is_open(office, at("2026-11-23T09:00:00+01:00")));
  EXPECT_TRUE(is_open(office, at("2026-11-23T16:59:59.999+01:00")));
  EXPECT_FALSE(is_open(office, at("2026-11-23T17:00:00+01:00")));
  EXPECT_FALSE(is_open(office, at("2026-11-23T08:59:59.999+01:00")));
}

TEST(BusinessTime, NextOpeningReturnsTheInstantItselfWhenOpen) {
  auto office = calendar_from(kAmsterdamOffice);
  const Timestamp open_at = at("2026-11-23T10:00:00.250+01:00");
  auto opening = next_opening(office, open_at);
  ASSERT_TRUE(opening.ok());
  EXPECT_EQ(opening.value(), open_at);
  auto after_close = next_opening(office, at("2026-11-27T17:00:00+01:00"));
  ASSERT_TRUE(after_close.ok());
  EXPECT_EQ(format_rfc3339(after_close.value()), "2026-11-30T08:00:00Z");
}

TEST(BusinessTime, EmptyOrReversedRangeHasNoBusinessTime) {
  auto office = calendar_from(kAmsterdamOffice);
  EXPECT_EQ(seconds_between(office, "2026-11-23T12:00:00Z", "2026-11-23T12:00:00Z"), 0);
  EXPECT_EQ(seconds_between(office, "2026-11-23T12:00:00Z", "2026-11-23T10:00:00Z"), 0);
}

TEST(BusinessTime, SubSecondPartsAreFlooredConsistently) {
  auto calendar = BusinessCalendar::always_open();
  ASSERT_TRUE(calendar.ok());
  auto measured = business_seconds(*calendar, at("2026-11-23T10:00:00.900Z"), at("2026-11-23T10:00:01.100Z"));
  ASSERT_TRUE(measured.ok());
  EXPECT_EQ(measured.value(), 1);
  auto result = add_business_seconds(*calendar, at("2026-11-23T10:00:00.900Z"), 5);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(format_rfc3339(result.value()), "2026-11-23T10:00:05Z");
}

TEST(BusinessTime, AllClosedCalendarFailsInsteadOfLooping) {
  auto calendar = calendar_from(R"({"timezone":"Europe/Amsterdam","weekly":{"mon":[]}})");
  EXPECT_FALSE(calendar.has_opening_hours());
  auto result = add_business_seconds(calendar, at("2026-11-23T10:00:00Z"), 60);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(result.error().kind, kNoOpeningHours);
  auto opening = next_opening(calendar, at("2026-11-23T10:00:00Z"));
  ASSERT_FALSE(opening.ok());
  EXPECT_EQ(opening.error().kind, kNoOpeningHours);
  EXPECT_EQ(seconds_between(calendar, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"), 0);
}

TEST(BusinessTime, HolidaysOnEveryOpenDayFailAfterTenClosedYears) {
  // Open only on 29 February: 2028 is within ten years of 2026, then 2032 follows.
  auto leap_only = calendar_from(R"({"timezone":"UTC","overrides":{
      "2028-02-29":[["09:00","10:00"]],"2032-02-29":[["09:00","10:00"]]}})");
  auto first = add_business_seconds(leap_only, at("2026-11-23T00:00:00Z"), 2 * kHour_s);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(format_rfc3339(first.value()), "2032-02-29T10:00:00Z");
  // From 2033 on there is no opening at all in the next ten years.
  auto none = add_business_seconds(leap_only, at("2033-01-01T00:00:00Z"), 1);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, kNoOpeningHours);
  // An opening more than ten years ahead is also an error, never a long search.
  auto far = calendar_from(R"({"timezone":"UTC","overrides":{"2040-01-02":[["09:00","10:00"]]}})");
  auto too_far = next_opening(far, at("2026-11-23T00:00:00Z"));
  ASSERT_FALSE(too_far.ok());
  EXPECT_EQ(too_far.error().kind, kNoOpeningHours);
  auto near = next_opening(far, at("2035-01-01T00:00:00Z"));
  ASSERT_TRUE(near.ok());
  EXPECT_EQ(format_rfc3339(near.value()), "2040-01-02T09:00:00Z");
}

TEST(BusinessTime, InstantsOutsideTheSupportedWindowFail) {
  auto office = calendar_from(kAmsterdamOffice);
  auto early = add_business_seconds(office, at("1969-12-31T23:59:59Z"), 60);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().kind, kOutOfRange);
  EXPECT_EQ(early.error().field, "start");
  auto late = business_seconds(office, at("2099-12-01T00:00:00Z"), at("2100-01-01T00:00:01Z"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().kind, kOutOfRange);
  EXPECT_EQ(late.error().field, "to");
  auto beyond = add_business_seconds(office, at("2099-12-30T00:00:00Z"), 100 * kHour_s);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().kind, kOutOfRange);
  EXPECT_FALSE(is_open(office, at("1960-01-04T10:00:00+01:00")));
  auto opening = next_opening(office, at("2100-01-01T00:00:00Z"));
  EXPECT_FALSE(opening.ok());
}

TEST(BusinessTime, NegativeSecondsAreRejected) {
  auto office = calendar_from(kAmsterdamOffice);
  auto result = add_business_seconds(office, at("2026-11-23T10:00:00Z"), -1);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(result.error().field, "seconds");
}

TEST(BusinessTime, SpansOverManyChunksAddUp) {
  auto office = calendar_from(kAmsterdamOffice);
  // 2024..2028: 5 years, each chunk about 388 days, so the range crosses several chunks.
  auto whole = business_seconds(office, at("2024-01-01T00:00:00Z"), at("2029-01-01T00:00:00Z"));
  ASSERT_TRUE(whole.ok());
  std::int64_t by_year_s = 0;
  for (int year = 2024; year < 2029; ++year) {
    auto part = business_seconds(office, at(std::to_string(year) + "-01-01T00:00:00Z"),
                                 at(std::to_string(year + 1) + "-01-01T00:00:00Z"));
    ASSERT_TRUE(part.ok());
    by_year_s += part.value();
  }
  EXPECT_EQ(whole.value(), by_year_s);
  auto back = add_business_seconds(office, at("2024-01-01T00:00:00Z"), whole.value());
  ASSERT_TRUE(back.ok());
  // The last opening of 2028 closes on Friday 29 December at 17:00 CET.
  EXPECT_EQ(format_rfc3339(back.value()), "2028-12-29T16:00:00Z");
}

TEST(BusinessTime, ConcurrentReadersOfAFreshCalendarAgree) {
  const auto make = [] { return calendar_from(kLunchBreak); };
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<std::int64_t> start_s(946684800, 3'000'000'000);
  std::vector<Timestamp> starts;
  for (int idx = 0; idx < 400; ++idx) {
    starts.push_back(from_unix_seconds(start_s(rng)));
  }
  auto expected_calendar = make();
  std::vector<std::int64_t> expected;
  for (Timestamp start : starts) {
    auto result = add_business_seconds(expected_calendar, start, 30 * kHour_s);
    ASSERT_TRUE(result.ok());
    expected.push_back(to_unix_ms(result.value()));
  }
  auto shared = make();  // fresh: no chunk built yet, so the threads race to build them
  std::vector<std::vector<std::int64_t>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t thread_idx = 0; thread_idx < seen.size(); ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      for (Timestamp start : starts) {
        auto result = add_business_seconds(shared, start, 30 * kHour_s);
        seen[thread_idx].push_back(result.ok() ? to_unix_ms(result.value()) : -1);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (const auto& results : seen) {
    EXPECT_EQ(results, expected);
  }
}

}  // namespace
}  // namespace sp::sla

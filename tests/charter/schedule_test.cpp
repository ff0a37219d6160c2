#include "charter/schedule.hpp"

#include <gtest/gtest.h>

namespace sp::charter {
namespace {

Timestamp at(const char* rfc3339) {
  auto parsed = parse_rfc3339(rfc3339);
  EXPECT_TRUE(parsed.ok()) << rfc3339;
  return parsed.ok() ? *parsed : Timestamp{};
}

std::string next(const Schedule& schedule, const char* zone, const char* after) {
  auto run = next_run_after(schedule, zone, at(after));
  EXPECT_TRUE(run.ok()) << (run.ok() ? "" : run.error().message);
  return run.ok() ? format_rfc3339(run->run_at) : "";
}

Schedule daily(int hour, int minute) {
  Schedule schedule;
  schedule.frequency = Frequency::Daily;
  schedule.minute_of_day = hour * 60 + minute;
  return schedule;
}

TEST(Schedule, DailyKeepsLocalTimeAcrossAmsterdamDstChanges) {
  const Schedule s = daily(8, 30);
  // CET (UTC+1) before 29 March 2026, CEST (UTC+2) after.
  EXPECT_EQ(next(s, "Europe/Amsterdam", "2026-03-28T00:00:00Z"), "2026-03-28T07:30:00Z");
  EXPECT_EQ(next(s, "Europe/Amsterdam", "2026-03-28T07:30:00Z"), "2026-03-29T06:30:00Z");
  // Back to CET on 25 October 2026.
  EXPECT_EQ(next(s, "Europe/Amsterdam", "2026-10-24T12:00:00Z"), "2026-10-25T07:30:00Z");
}

TEST(Schedule, NonexistentLocalTimeRunsAtTheEndOfTheGap) {
  // 02:30 does not exist on 29 March 2026 in Amsterdam: the clock jumps from 02:00 to 03:00.
  EXPECT_EQ(next(daily(2, 30), "Europe/Amsterdam", "2026-03-28T12:00:00Z"), "2026-03-29T01:00:00Z");
}

TEST(Schedule, AmbiguousLocalTimeRunsOnceAtItsFirstOccurrence) {
  // 02:30 happens twice on 25 October 2026: first in CEST (00:30Z), then in CET (01:30Z).
  const Schedule s = daily(2, 30);
  EXPECT_EQ(next(s, "Europe/Amsterdam", "2026-10-24T12:00:00Z"), "2026-10-25T00:30:00Z");
  EXPECT_EQ(next(s, "Europe/Amsterdam", "2026-10-25T00:30:00Z"), "2026-10-26T01:30:00Z");
}

TEST(Schedule, DailyPeriodIsTheLocalDayBeforeAndLasts23HoursOnSpringForward) {
  auto run = next_run_after(daily(8, 30), "Europe/Amsterdam", at("2026-03-30T00:00:00Z"));
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->period_label, "2026-03-29");
  EXPECT_EQ(format_rfc3339(run->period_from), "2026-03-28T23:00:00Z");
  EXPECT_EQ(format_rfc3339(run->period_to), "2026-03-29T22:00:00Z");
}

TEST(Schedule, ShanghaiHasNoDstNowAndCutsDaysAtUtcPlus8) {
  const Schedule s = daily(8, 0);
  EXPECT_EQ(next(s, "Asia/Shanghai", "2026-03-28T12:00:00Z"), "2026-03-29T00:00:00Z");
  auto run = next_run_after(s, "Asia/Shanghai", at("2026-11-23T01:00:00Z"));
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->period_label, "2026-11-23");
  EXPECT_EQ(format_rfc3339(run->period_from), "2026-11-22T16:00:00Z");
  EXPECT_EQ(format_rfc3339(run->period_to), "2026-11-23T16:00:00Z");
}

TEST(Schedule, ShanghaiHistoricalDstChangeIsFollowed) {
  // China observed DST from 1986 to 1991; on 12 April 1987 02:00 became 03:00 (UTC+9).
  const Schedule s = daily(8, 0);
  EXPECT_EQ(next(s, "Asia/Shanghai", "1987-04-10T12:00:00Z"), "1987-04-11T00:00:00Z");
  EXPECT_EQ(next(s, "Asia/Shanghai", "1987-04-11T00:00:00Z"), "1987-04-11T23:00:00Z");
  auto run = next_run_after(s, "Asia/Shanghai", at("1987-04-12T12:00:00Z"));
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->period_label, "1987-04-12");
  // The day of the change lasts 23 hours.
  EXPECT_EQ(run->period_to - run->period_from, std::chrono::hours{23});
}

TEST(Schedule, WeeklyMonthlyAndHalfYearly) {
  Schedule weekly;
  weekly.frequency = Frequency::Weekly;
  weekly.iso_weekday = 1;  // Monday 09:00
  weekly.minute_of_day = 9 * 60;
  auto run = next_run_after(weekly, "Europe/Amsterdam", at("2026-11-18T12:00:00Z"));
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(format_rfc3339(run->run_at), "2026-11-23T08:00:00Z");
  EXPECT_EQ(run->period_label, "2026-11-16/2026-11-22");

  Schedule monthly;
  monthly.frequency = Frequency::Monthly;
  monthly.day_of_month = 31;
  monthly.minute_of_day = 6 * 60;
  run = next_run_after(monthly, "Europe/Amsterdam", at("2026-02-01T00:00:00Z"));
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(format_rfc3339(run->run_at), "2026-02-28T05:00:00Z");  // clamped to the last day
  EXPECT_EQ(run->period_label, "2026-01");
  EXPECT_EQ(format_rfc3339(run->period_from), "2025-12-31T23:00:00Z");

  Schedule half;
  half.frequency = Frequency::HalfYearly;
  half.day_of_month = 2;
  half.minute_of_day = 7 * 60;
  run = next_run_after(half, "Asia/Shanghai", at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(format_rfc3339(run->run_at), "2026-07-01T23:00:00Z");
  EXPECT_EQ(run->period_label, "2026-H1");
  run = next_run_after(half, "Asia/Shanghai", at("2026-07-02T00:00:00Z"));
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->period_label, "2026-H2");
  EXPECT_EQ(format_rfc3339(run->run_at), "2027-01-01T23:00:00Z");
}

TEST(Schedule, RunsMissedWhileDownAreEachDueOnceAcrossDst) {
  const Schedule s = daily(8, 30);
  // Down from Friday 27 March 10:00Z to Monday 30 March 12:00Z, across the DST change.
  auto due = runs_due(s, "Europe/Amsterdam", at("2026-03-27T10:00:00Z"), at("2026-03-30T12:00:00Z"));
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 3u);
  EXPECT_EQ((*due)[0].period_label, "2026-03-27");
  EXPECT_EQ(format_rfc3339((*due)[0].run_at), "2026-03-28T07:30:00Z");
  EXPECT_EQ(format_rfc3339((*due)[1].run_at), "2026-03-29T06:30:00Z");
  EXPECT_EQ((*due)[2].period_label, "2026-03-29");
  // After producing them, nothing more is due until the next run.
  auto again = runs_due(s, "Europe/Amsterdam", due->back().run_at, at("2026-03-30T12:00:00Z"));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

TEST(Schedule, CatchUpIsCappedToTheLatestRuns) {
  auto due =
      runs_due(daily(8, 0), "Asia/Shanghai", at("2020-01-01T00:00:00Z"), at("2026-11-23T01:00:00Z"), 5);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 5u);
  EXPECT_EQ(due->back().period_label, "2026-11-22");
  EXPECT_EQ(due->front().period_label, "2026-11-18");
}

TEST(Schedule, InvalidSchedulesAndZonesAreRejected) {
  Schedule s = daily(8, 0);
  s.minute_of_day = 1440;
  EXPECT_EQ(next_run_after(s, "UTC", Timestamp{}).error().field, "minute_of_day");
  s = daily(8, 0);
  s.frequency = Frequency::Weekly;
  s.iso_weekday = 0;
  EXPECT_EQ(validate(s).error().field, "iso_weekday");
  EXPECT_EQ(next_run_after(daily(8, 0), "Nowhere/City", Timestamp{}).error().field, "time_zone");
  EXPECT_EQ(*parse_frequency("half_yearly"), Frequency::HalfYearly);
}

}  // namespace
}  // namespace sp::charter

namespace sp::charter {
namespace {

TEST(ScheduleJson, RoundTripsAndNamesBadFields) {
  Schedule weekly;
  weekly.frequency = Frequency::Weekly;
  weekly.iso_weekday = 5;
  weekly.minute_of_day = 17 * 60 + 45;
  const auto json = to_json(weekly);
  EXPECT_EQ(json, nlohmann::json::parse(R"({"frequency":"weekly","time":"17:45","weekday":5})"));
  auto read = schedule_from_json(json);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->iso_weekday, 5);
  EXPECT_EQ(read->minute_of_day, 17 * 60 + 45);
  auto bad = schedule_from_json(nlohmann::json::parse(R"({"frequency":"weekly","time":"9:00"})"));
  EXPECT_EQ(bad.error().field, "time");
  bad = schedule_from_json(nlohmann::json::parse(R"({"frequency":"weekly","time":"09:00","weekday":8})"));
  EXPECT_EQ(bad.error().field, "weekday");
  bad = schedule_from_json(nlohmann::json::parse(R"({"frequency":"hourly","time":"09:00"})"));
  EXPECT_EQ(bad.error().field, "frequency");
  bad = schedule_from_json(nlohmann::json::parse(R"({"frequency":"daily","time":"09:00","x":1})"));
  EXPECT_EQ(bad.error().field, "x");
}

TEST(ScheduleJson, CharterRhythmGivesTheLettersReports) {
  Charter charter = example_charter();
  charter.rhythm.daily_self_check_minute = 7 * 60;
  auto schedules = charter_schedules(charter);
  ASSERT_EQ(schedules.size(), 4u);
  EXPECT_EQ(schedules[0].report, "daily_self_check");
  EXPECT_EQ(schedules[0].schedule.minute_of_day, 7 * 60);
  EXPECT_EQ(schedules[3].schedule.frequency, Frequency::HalfYearly);
  charter.rhythm.weekly_feedback_summaries = 0;
  EXPECT_EQ(charter_schedules(charter).size(), 3u);
}

}  // namespace
}  // namespace sp::charter

// Agent load and well-being figures on small hand-checked days.
#include <gtest/gtest.h>

#include <date/tz.h>

#include "sla/business_calendar.hpp"
#include "sla/calendar_json.hpp"
#include "workforce/agent_load.hpp"
#include "workforce/simulation_json.hpp"

namespace sp::workforce {
namespace {

// 2026-03-02 (a Monday) at hh:mm in Amsterdam (UTC+1 in winter).
Timestamp ams(int hh, int mm, int day = 2) {
  return from_unix_seconds(1'772'406'000 + (day - 2) * 86400 + hh * 3600 + mm * 60);
}

AgentAction reply(std::int64_t agent, Timestamp at, std::int64_t ticket, const char* channel = "email",
                  bool abusive = false) {
  return AgentAction{agent, at, AgentActionKind::Reply, channel, ticket, abusive, std::nullopt};
}

const date::time_zone& amsterdam() {
  return *date::locate_zone("Europe/Amsterdam");
}

TEST(AgentLoad, CreditsWorkPerChannelAndComputesOccupancyAgainstContractedHours) {
  // 2026-03-02 00:00 Amsterdam = 2026-03-01T23:00Z = 1772406000.
  ASSERT_EQ(format_rfc3339(ams(0, 0)), "2026-03-01T23:00:00Z");
  AgentLoadOptions options;
  options.aht_seconds = {{"email", 600}, {"phone", 300}};
  std::vector<AgentAction> actions = {
      reply(1, ams(9, 0), 10),
      reply(1, ams(9, 10), 11, "phone"),
      {1, ams(9, 20), AgentActionKind::Note, "email", 10, false, std::nullopt},
      {1, ams(9, 21), AgentActionKind::Change, "email", 10, false, std::nullopt},
  };
  auto report = compute_agent_load(actions, amsterdam(), options);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->days.size(), 1u);
  const auto& day = report->days[0];
  EXPECT_EQ(day.day, "2026-03-02");
  EXPECT_EQ(day.replies, 2);
  EXPECT_EQ(day.notes, 1);
  EXPECT_EQ(day.changes, 1);
  EXPECT_DOUBLE_EQ(day.work_seconds, 600 + 300 + 60 + 30);
  // Span 09:00 .. 09:21:30; occupancy over the contracted 8 hours.
  EXPECT_DOUBLE_EQ(day.active_span_seconds, 21 * 60 + 30);
  EXPECT_DOUBLE_EQ(day.occupancy, 990.0 / (8 * 3600));
  EXPECT_DOUBLE_EQ(day.overtime_seconds, 0);
  EXPECT_EQ(day.tickets_handled, 2);
  EXPECT_EQ(day.breaks, 0);
}

TEST(AgentLoad, LocalDayBoundariesOvertimeAndBreaks) {
  AgentLoadOptions options;
  options.aht_seconds = {{"email", 1800}};  // each reply: half an hour
  options.contracted_hours_per_day = 8;
  std::vector<AgentAction> actions;
  // 07:00 .. 17:30 local, one reply every 30 minutes except a 60-minute gap at 12:00.
  for (int minutes = 7 * 60; minutes < 17 * 60 + 30; minutes += 30) {
    if (minutes == 12 * 60 || minutes == 12 * 60 + 30) continue;
    actions.push_back(reply(7, ams(minutes / 60, minutes % 60), minutes));
  }
  // 23:30 local on the same UTC day but the next local day? 00:30 local is the next day.
  actions.push_back(reply(7, ams(0, 30, 3), 9999));
  auto report = compute_agent_load(actions, amsterdam(), options);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->days.size(), 2u);
  const auto& day = report->days[0];
  EXPECT_EQ(day.day, "2026-03-02");
  EXPECT_EQ(day.breaks, 1);
  EXPECT_DOUBLE_EQ(day.break_seconds, 3600);
  // Span 07:00 .. 17:30 = 10.5 h; overtime 2.5 h; no stretch over 6 h (break at 12:00).
  EXPECT_DOUBLE_EQ(day.active_span_seconds, 10.5 * 3600);
  EXPECT_DOUBLE_EQ(day.overtime_seconds, 2.5 * 3600);
  EXPECT_FALSE(day.long_day_without_break);
  EXPECT_DOUBLE_EQ(day.occupancy, 19 * 1800.0 / (10.5 * 3600));
  EXPECT_EQ(report->days[1].day, "2026-03-03");
  ASSERT_EQ(report->agents.size(), 1u);
  EXPECT_EQ(report->agents[0].days_worked, 2);
  EXPECT_DOUBLE_EQ(report->agents[0].overtime_hours, 2.5);
}

TEST(AgentLoad, FlagsLongStretchesWithoutBreakAndAbusiveShare) {
  AgentLoadOptions options;
  options.aht_seconds = {{"email", 600}};
  std::vector<AgentAction> actions;
  for (int idx = 0; idx < 40; ++idx) {  // 09:00 .. 15:40, every 10 min: 6h50 without a break
    actions.push_back(reply(3, ams(9, 0) + std::chrono::minutes(10 * idx), idx, "email", idx % 4 == 0));
  }
  auto report = compute_agent_load(actions, amsterdam(), options);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->days[0].long_day_without_break);
  EXPECT_EQ(report->days[0].abusive_tickets, 10);
  EXPECT_DOUBLE_EQ(report->days[0].abusive_share, 0.25);
  EXPECT_EQ(report->agents[0].days_without_break, 1);
}

TEST(AgentLoad, CountsActionsOutsideOpeningHours) {
  auto calendar = sla::parse_calendar_json(
      nlohmann::json::parse(R"({"timezone":"Europe/Amsterdam","weekly":{"mon":[["09:00","17:00"]]}})"));
  ASSERT_TRUE(calendar.ok()) << calendar.error().message;
  AgentLoadOptions options;
  options.opening_hours = &*calendar;
  std::vector<AgentAction> actions = {reply(1, ams(8, 0), 1), reply(1, ams(10, 0), 2),
                                      reply(1, ams(18, 0), 3)};
  auto report = compute_agent_load(actions, amsterdam(), options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->days[0].out_of_hours_actions, 2);
}

TEST(AgentLoad, RejectsAbsurdOptions) {
  AgentLoadOptions options;
  options.contracted_hours_per_day = 0;
  auto report = compute_agent_load({}, amsterdam(), options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().field, "contracted_hours_per_day");
  options = {};
  options.aht_seconds = {{"email", -1}};
  EXPECT_EQ(compute_agent_load({}, amsterdam(), options).error().field, "aht_seconds.email");
}

TEST(SimulationJson, ParsesRequestsAndNamesTheBadField) {
  auto request = parse_simulation_request(nlohmann::json::parse(R"({
      "intervals":[{"duration_seconds":1800,"arrival_rate_per_hour":100,"agents":6}],
      "handle_time":{"distribution":"lognormal","mean_seconds":180,"cv":0.5},
      "patience":{"mean_seconds":60}, "target_seconds":30, "replications":4, "seed":7,
      "service_level_convention":"answered_within_over_answered"})"));
  ASSERT_TRUE(request.ok()) << request.error().message;
  EXPECT_EQ(request->seed, 7u);
  EXPECT_EQ(request->config.handle_time.kind, Distribution::Kind::Lognormal);
  EXPECT_DOUBLE_EQ(request->config.handle_time.cv, 0.5);
  ASSERT_TRUE(request->config.patience);
  EXPECT_EQ(request->config.convention, ServiceLevelConvention::AnsweredWithinOverAnswered);

  auto missing = parse_simulation_request(
      nlohmann::json::parse(R"({"intervals":[{"agents":1}],"handle_time":{"mean_seconds":1}})"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "intervals[0].arrival_rate_per_hour");
  auto unknown = parse_simulation_request(nlohmann::json::parse(R"({"intervals":[],"bogus":1})"));
  EXPECT_FALSE(unknown.ok());
  auto bad_kind = parse_simulation_request(nlohmann::json::parse(
      R"({"intervals":[{"arrival_rate_per_hour":1,"agents":1}],"handle_time":{"distribution":"pareto","mean_seconds":1}})"));
  EXPECT_EQ(bad_kind.error().field, "handle_time.distribution");
}

}  // namespace
}  // namespace sp::workforce

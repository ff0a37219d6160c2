// The staffing plan: a one-interval Erlang C known answer with shrinkage and cost, totals over
// channels and intervals, Erlang A abandonment, the e-mail backlog spread, opening hours with
// carry-over, minimum staffing, and errors that name where a plan fails.
#include "workforce/plan.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "core/time.hpp"
#include "sla/business_calendar.hpp"
#include "workforce/erlang.hpp"
#include "workforce/forecast.hpp"
#include "workforce/staffing.hpp"

namespace sp::workforce {
namespace {

using std::chrono::hours;

Timestamp at(const char* text) {
  return *parse_rfc3339(text);
}

ChannelPlanSpec phone_spec(double service_level, double target_seconds) {
  ChannelPlanSpec spec;
  spec.channel = "phone";
  spec.model = ChannelModel::Queue;
  spec.targets.service_level = service_level;
  spec.targets.target_seconds = target_seconds;
  return spec;
}

StaffingTargets sl_targets(double share, double seconds) {
  StaffingTargets targets;
  targets.service_level = share;
  targets.target_seconds = seconds;
  return targets;
}

// Weekdays 09:00-17:00 UTC.
sla::BusinessCalendar office_hours() {
  sla::CalendarDefinition definition;
  definition.time_zone = "UTC";
  for (int day = 0; day < 5; ++day) {
    definition.weekly[day] = {sla::LocalInterval{9 * 60, 17 * 60}};
  }
  return *sla::BusinessCalendar::create(definition);
}

TEST(PlanStaffing, OneIntervalMatchesTheErlangCTextbookAnswerWithCost) {
  // 100 calls in 30 minutes (200/h), AHT 180 s: 10 Erlangs. 80% within 20 s needs 14 agents (SL
  // 88.84%, P(wait) 0.17413, ASA 0.17413 x 180 / 4 = 7.836 s, occupancy 10/14). With 30% shrinkage
  // that is 20 paid agents: 10 paid hours at 30 an hour = 300, or 3 per contact.
  ChannelPlanSpec spec = phone_spec(0.8, 20);
  spec.targets.shrinkage = 0.3;
  spec.targets.hourly_cost = 30;
  const Demand demand{at("2026-01-05T09:00:00Z"), 30, 1, {ChannelDemand{"phone", {100}, {180}}}};
  auto plan = plan_staffing(demand, std::vector{spec});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->intervals.size(), 1u);
  const ChannelIntervalPlan& cell = plan->intervals[0].channels[0];
  EXPECT_EQ(cell.agents_required, 14);
  EXPECT_NEAR(cell.service_level, 0.888350, 1e-6);
  EXPECT_NEAR(cell.asa_seconds, 7.835937, 1e-6);
  EXPECT_NEAR(cell.occupancy, 10.0 / 14, 1e-12);
  EXPECT_EQ(cell.abandon_rate, 0.0);
  EXPECT_NEAR(cell.paid_agents, 20.0, 1e-12);
  EXPECT_EQ(cell.scheduled_agents, 20);
  EXPECT_NEAR(cell.cost, 300.0, 1e-9);
  EXPECT_EQ(plan->intervals[0].agents_required, 14);
  EXPECT_EQ(plan->intervals[0].scheduled_agents, 20);
  EXPECT_DOUBLE_EQ(plan->total_contacts, 100);
  EXPECT_NEAR(plan->required_agent_hours, 7.0, 1e-12);
  EXPECT_NEAR(plan->total_agent_hours, 10.0, 1e-12);
  EXPECT_NEAR(plan->total_cost, 300.0, 1e-9);
  ASSERT_TRUE(plan->cost_per_contact);
  EXPECT_NEAR(*plan->cost_per_contact, 3.0, 1e-12);
  ASSERT_EQ(plan->channels.size(), 1u);
  EXPECT_NEAR(plan->channels[0].service_level, 0.888350, 1e-6);
  EXPECT_EQ(plan->channels[0].peak_agents_required, 14);
}

TEST(PlanStaffing, TotalsAddUpOverChannelsAndIntervals) {
  ChannelPlanSpec phone = phone_spec(0.8, 20);
  phone.targets.shrinkage = 0.3;
  phone.targets.hourly_cost = 30;
  ChannelPlanSpec chat;
  chat.channel = "chat";
  chat.model = ChannelModel::Chat;
  chat.chat_concurrency = 2;
  chat.targets.service_level = 0.8;
  chat.targets.target_seconds = 60;
  chat.targets.shrinkage = 0.2;
  chat.targets.hourly_cost = 25;
  const Demand demand{
      at("2026-01-05T09:00:00Z"),
      60,
      2,
      {ChannelDemand{"phone", {200, 0}, {180, 0}}, ChannelDemand{"chat", {60, 120}, {600, 600}}}};
  auto plan = plan_staffing(demand, std::vector{chat, phone});  // spec order does not matter
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->channels.size(), 2u);
  EXPECT_EQ(plan->channels[0].channel, "phone");  // demand order
  EXPECT_EQ(plan->channels[1].channel, "chat");

  const int phone_agents = required_agents_erlang_c(200, 180, sl_targets(0.8, 20))->agents_required;
  EXPECT_EQ(phone_agents, 14);
  const int chat_first = required_agents_chat(60, 600, 2, std::nullopt, sl_targets(0.8, 60))->agents_required;
  const int chat_second =
      required_agents_chat(120, 600, 2, std::nullopt, sl_targets(0.8, 60))->agents_required;
  EXPECT_EQ(plan->intervals[0].channels[0].agents_required, phone_agents);
  EXPECT_EQ(plan->intervals[1].channels[0].agents_required, 0);
  EXPECT_EQ(plan->intervals[0].channels[1].agents_required, chat_first);
  EXPECT_EQ(plan->intervals[1].channels[1].agents_required, chat_second);

  double cost = 0;
  double paid_hours = 0;
  for (const IntervalPlan& interval : plan->intervals) {
    EXPECT_EQ(interval.agents_required,
              interval.channels[0].agents_required + interval.channels[1].agents_required);
    EXPECT_EQ(interval.scheduled_agents,
              interval.channels[0].scheduled_agents + interval.channels[1].scheduled_agents);
    EXPECT_NEAR(interval.cost, interval.channels[0].cost + interval.channels[1].cost, 1e-9);
    cost += interval.cost;
    paid_hours += interval.paid_agents;  // one-hour intervals
  }
  const double expected_cost = phone_agents / 0.7 * 30 + (chat_first + chat_second) / 0.8 * 25;
  EXPECT_NEAR(plan->total_cost, expected_cost, 1e-9);
  EXPECT_NEAR(cost, expected_cost, 1e-9);
  EXPECT_NEAR(plan->total_agent_hours, paid_hours, 1e-9);
  EXPECT_NEAR(plan->required_agent_hours, phone_agents + chat_first + chat_second, 1e-12);
  EXPECT_DOUBLE_EQ(plan->total_contacts, 380);
  EXPECT_NEAR(*plan->cost_per_contact, expected_cost / 380, 1e-12);
  EXPECT_NEAR(*plan->channels[0].cost_per_contact, phone_agents / 0.7 * 30 / 200, 1e-12);
}

TEST(PlanStaffing, ErlangAChannelsReportAbandonment) {
  ChannelPlanSpec spec = phone_spec(0.8, 20);
  spec.targets.patience_seconds = 120;
  spec.targets.max_abandon = 0.05;
  const Demand demand{at("2026-01-05T09:00:00Z"), 15, 1, {ChannelDemand{"phone", {75}, {240}}}};
  auto plan = plan_staffing(demand, std::vector{spec});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const ChannelIntervalPlan& cell = plan->intervals[0].channels[0];
  const QueueMetrics metrics = *erlang_a_metrics(300, 240, 120, cell.agents_required, 20);
  EXPECT_GT(cell.abandon_rate, 0.0);
  EXPECT_LE(cell.abandon_rate, 0.05);
  EXPECT_DOUBLE_EQ(cell.abandon_rate, metrics.p_abandon);
  EXPECT_DOUBLE_EQ(cell.service_level, metrics.service_level());
  EXPECT_DOUBLE_EQ(plan->channels[0].abandon_rate, metrics.p_abandon);
}

TEST(PlanStaffing, BacklogWorkIsSpreadOverTheResponseTarget) {
  // 50 e-mails at 09:00, 6 minutes each (5 hours of work), to be answered within 4 hours: 12.5 an
  // hour for four hours, 1.25 busy agents, so 2 agents from 09:00 to 13:00.
  ChannelPlanSpec email;
  email.channel = "email";
  email.model = ChannelModel::Backlog;
  email.response_target_seconds = 4 * 3600;
  const Demand demand{
      at("2026-01-05T09:00:00Z"), 60, 6, {ChannelDemand{"email", {50, 0, 0, 0, 0, 0}, {360, 0, 0, 0, 0, 0}}}};
  auto plan = plan_staffing(demand, std::vector{email});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const std::vector<int> expected = {2, 2, 2, 2, 0, 0};
  for (int idx = 0; idx < 6; ++idx) {
    EXPECT_EQ(plan->intervals[idx].channels[0].agents_required, expected[idx]) << idx;
  }
  const ChannelIntervalPlan& first = plan->intervals[0].channels[0];
  EXPECT_DOUBLE_EQ(first.contacts, 50);
  EXPECT_DOUBLE_EQ(first.service_level, 1.0);
  EXPECT_DOUBLE_EQ(first.asa_seconds, 3 * 3600 / 2.0);
  EXPECT_NEAR(plan->intervals[2].channels[0].occupancy, 1.25 / 2, 1e-12);
  EXPECT_NEAR(plan->required_agent_hours, 8.0, 1e-12);
}

TEST(PlanStaffing, ClosedHoursNeedNoAgentsAndCarryContactsToTheNextOpening) {
  // Monday 07:00-19:00 UTC, 10 calls an hour, open 09:00-17:00: the 20 calls of 07:00 and 08:00
  // come at 09:00, the 20 of 17:00 and 18:00 fall after the horizon.
  std::vector<double> contacts(12, 10.0);
  std::vector<double> aht(12, 180.0);
  const Demand demand{at("2026-01-05T07:00:00Z"), 60, 12, {ChannelDemand{"phone", contacts, aht}}};
  auto plan = plan_staffing(demand, std::vector{phone_spec(0.8, 20)}, office_hours());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const int for_30 = required_agents_erlang_c(30, 180, sl_targets(0.8, 20))->agents_required;
  const int for_10 = required_agents_erlang_c(10, 180, sl_targets(0.8, 20))->agents_required;
  for (int idx = 0; idx < 12; ++idx) {
    const ChannelIntervalPlan& cell = plan->intervals[idx].channels[0];
    const bool open = idx >= 2 && idx < 10;
    EXPECT_EQ(cell.open, open) << idx;
    if (!open) {
      EXPECT_EQ(cell.agents_required, 0) << idx;
      EXPECT_EQ(cell.contacts, 0.0) << idx;
    }
  }
  EXPECT_DOUBLE_EQ(plan->intervals[2].channels[0].contacts, 30);
  EXPECT_EQ(plan->intervals[2].channels[0].agents_required, for_30);
  EXPECT_EQ(plan->intervals[3].channels[0].agents_required, for_10);
  EXPECT_DOUBLE_EQ(plan->channels[0].carried_past_horizon, 20);
  EXPECT_DOUBLE_EQ(plan->channels[0].contacts, 100);
}

TEST(PlanStaffing, KeepsTheMinimumStaffInQuietOpenIntervals) {
  ChannelPlanSpec spec = phone_spec(0.8, 20);
  spec.min_agents_open = 2;
  const Demand demand{at("2026-01-05T09:00:00Z"), 60, 2, {ChannelDemand{"phone", {0, 3}, {0, 180}}}};
  auto plan = plan_staffing(demand, std::vector{spec});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->intervals[0].channels[0].agents_required, 2);
  EXPECT_EQ(plan->intervals[1].channels[0].agents_required, 2);
  EXPECT_DOUBLE_EQ(plan->intervals[1].channels[0].service_level,
                   erlang_c_metrics(3, 180, 2, 20)->service_level());
}

TEST(PlanStaffing, NamesChannelAndIntervalOfAnUnreachableTarget) {
  const Demand demand{at("2026-01-05T09:00:00Z"), 60, 2, {ChannelDemand{"phone", {0, 5}, {0, 180}}}};
  auto plan = plan_staffing(demand, std::vector{phone_spec(1.0, 20)});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().kind, kUnreachableTarget);
  EXPECT_NE(plan.error().message.find("channel 'phone', interval 1 (2026-01-05T10:00:00Z)"),
            std::string::npos)
      << plan.error().message;
}

TEST(PlanStaffing, RejectsInconsistentDemandAndSpecs) {
  const Demand good{at("2026-01-05T09:00:00Z"), 60, 1, {ChannelDemand{"phone", {5}, {180}}}};
  auto expect_field = [](const Result<StaffingPlan>& plan, const std::string& field) {
    ASSERT_FALSE(plan.ok()) << field;
    EXPECT_EQ(plan.error().kind, kInvalidRequest) << plan.error().message;
    EXPECT_EQ(plan.error().field, field) << plan.error().message;
  };
  ChannelPlanSpec other = phone_spec(0.8, 20);
  other.channel = "chat";
  expect_field(plan_staffing(good, std::vector{other}), "specs");
  expect_field(plan_staffing(good, std::vector{phone_spec(0.8, 20), phone_spec(0.9, 20)}),
               "specs[1].channel");
  Demand bad = good;
  bad.channels[0].aht_seconds = {0};
  expect_field(plan_staffing(bad, std::vector{phone_spec(0.8, 20)}), "channels[0].aht_seconds");
  bad = good;
  bad.channels[0].contacts = {5, 5};
  expect_field(plan_staffing(bad, std::vector{phone_spec(0.8, 20)}), "channels[0].contacts");
  bad = good;
  bad.interval_minutes = 45;
  expect_field(plan_staffing(bad, std::vector{phone_spec(0.8, 20)}), "interval_minutes");
  ChannelPlanSpec shrunk = phone_spec(0.8, 20);
  shrunk.targets.shrinkage = 1.0;
  expect_field(plan_staffing(good, std::vector{shrunk}), "specs[0].shrinkage");
  ChannelPlanSpec no_target;
  no_target.channel = "phone";
  expect_field(plan_staffing(good, std::vector{no_target}), "specs[0].service_level");
  ChannelPlanSpec abandon_without_patience = phone_spec(0.8, 20);
  abandon_without_patience.targets.max_abandon = 0.05;
  expect_field(plan_staffing(good, std::vector{abandon_without_patience}), "specs[0].max_abandon");
}

TEST(PlanStaffing, PlansAForecastDirectly) {
  const Timestamp start = at("2026-01-05T00:00:00Z");
  std::vector<Contact> history;
  for (int hour = 0; hour < 2 * 168; ++hour) {
    if (hour % 24 >= 9 && hour % 24 < 17) {
      for (int call = 0; call < 20; ++call) {
        history.push_back(Contact{start + hours{hour} + std::chrono::minutes{call * 3}, 180, "phone"});
      }
    }
  }
  ForecastRequest request;
  request.interval_minutes = 60;
  request.history_start = start;
  request.history_end = start + hours{2 * 168};
  request.horizon_start = request.history_end;
  request.horizon_intervals = 24;
  auto forecast = forecast_contacts(history, request);
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  auto plan = plan_staffing(demand_from_forecast(*forecast), std::vector{phone_spec(0.8, 20)});
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_DOUBLE_EQ(plan->total_contacts, 8 * 20);
  EXPECT_EQ(plan->intervals[10].agents_required,
            required_agents_erlang_c(20, 180, sl_targets(0.8, 20))->agents_required);
  EXPECT_EQ(plan->intervals[3].agents_required, 0);
}

}  // namespace
}  // namespace sp::workforce

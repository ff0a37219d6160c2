// Issue 16 section 3: per-clock pause sets, the three peer-compatible options and the presets,
// on the clock evaluation and in the policy JSON; including the Amsterdam DST Sundays.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sla/policy_json.hpp"
#include "sla/sla_clock.hpp"
#include "ticket_history.hpp"

namespace sp::sla {
namespace {

using domain::Status;
using testing::at;
using testing::calendar_from;
using testing::cet;
using testing::kHour_s;
using testing::standard_policy;
using testing::Ticket;

// A policy with only `target` set, read from its JSON form ("<target>_minutes").
SlaPolicy with_target(SlaTarget target, std::int64_t minutes) {
  const std::string text = R"({"name":"Standard","calendar_id":1,"targets":{")" +
                           std::string(to_string(target)) + R"(_minutes":)" + std::to_string(minutes) + "}}";
  auto policy = parse_policy_json(nlohmann::json::parse(text));
  EXPECT_TRUE(policy.ok());
  return policy.ok() ? *policy : SlaPolicy{};
}

std::vector<ClockCycle> cycles_of(const SlaState& state, SlaTarget target) {
  std::vector<ClockCycle> out;
  for (const ClockCycle& cycle : state.cycles) {
    if (cycle.target == target) out.push_back(cycle);
  }
  return out;
}

ClockCycle only_cycle(const SlaState& state, SlaTarget target) {
  auto cycles = cycles_of(state, target);
  EXPECT_EQ(cycles.size(), 1u);
  return cycles.empty() ? ClockCycle{} : cycles.front();
}

SlaPolicy parsed(const std::string& text) {
  auto policy = parse_policy_json(nlohmann::json::parse(text));
  EXPECT_TRUE(policy.ok()) << policy.error().message;
  return policy.ok() ? *policy : SlaPolicy{};
}

std::string error_field(const std::string& text) {
  auto policy = parse_policy_json(nlohmann::json::parse(text));
  return policy.ok() ? "no error" : policy.error().field;
}

// --- pause sets per clock -------------------------------------------------------------------

TEST(SlaOptions, FirstResponsePausesWhileItsPauseSetHoldsTheStatus) {
  SlaPolicy policy = with_target(SlaTarget::FirstResponse, 240);
  Ticket ticket("mon 09:00");
  ticket.status(Status::Pending, "mon 10:00").status(Status::Open, "mon 13:00");
  EXPECT_EQ(only_cycle(ticket.at(policy, "mon 14:00"), SlaTarget::FirstResponse).business_seconds_used,
            5 * kHour_s)
      << "default: the first response never pauses";

  policy.pause_first_response_on = {Status::Pending};
  const ClockCycle paused = only_cycle(ticket.at(policy, "mon 12:00"), SlaTarget::FirstResponse);
  EXPECT_EQ(paused.state, ClockState::Paused);
  EXPECT_EQ(paused.due_at, std::nullopt);
  const ClockCycle resumed = only_cycle(ticket.at(policy, "mon 14:00"), SlaTarget::FirstResponse);
  EXPECT_EQ(resumed.state, ClockState::Running);
  EXPECT_EQ(resumed.business_seconds_used, 2 * kHour_s);
  EXPECT_EQ(resumed.due_at, cet("mon 16:00"));
}

TEST(SlaOptions, NextResponseStartsPausedWhenTheCustomerWritesInAPausingStatus) {
  SlaPolicy policy = with_target(SlaTarget::NextResponse, 60);
  policy.pause_next_response_on = {Status::OnHold};
  Ticket ticket("mon 09:00");
  ticket.outbound("mon 09:30").status(Status::OnHold, "mon 10:00").inbound("mon 11:00");
  // Our history builder keeps on_hold on an inbound message (only pending and solved reopen).
  const auto cycles = cycles_of(ticket.at(policy, "mon 12:00"), SlaTarget::NextResponse);
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].state, ClockState::Paused);
  EXPECT_EQ(cycles[0].business_seconds_used, 0);
}

TEST(SlaOptions, PeriodicUpdatePausesOnItsOwnSet) {
  SlaPolicy policy = with_target(SlaTarget::PeriodicUpdate, 120);
  policy.pause_periodic_update_on = {Status::Pending};
  Ticket ticket("mon 09:00");
  ticket.outbound("mon 10:00").status(Status::Pending, "mon 10:30");
  const auto cycles = cycles_of(ticket.at(policy, "mon 15:00"), SlaTarget::PeriodicUpdate);
  ASSERT_EQ(cycles.size(), 2u);
  EXPECT_EQ(cycles[1].state, ClockState::Paused);
  EXPECT_EQ(cycles[1].business_seconds_used, 1800);
}

// --- options --------------------------------------------------------------------------------

TEST(SlaOptions, AnyUnansweredInboundStartsANextResponseCycleWithTheFirstMessage) {
  SlaPolicy policy = with_target(SlaTarget::NextResponse, 60);
  Ticket ticket("mon 09:00");  // with the customer's first message
  EXPECT_TRUE(cycles_of(ticket.at(policy, "mon 09:30"), SlaTarget::NextResponse).empty());

  policy.next_response_starts = NextResponseStart::AnyUnansweredInbound;
  ClockCycle cycle = only_cycle(ticket.at(policy, "mon 09:30"), SlaTarget::NextResponse);
  EXPECT_EQ(cycle.started_at, cet("mon 09:00"));
  EXPECT_EQ(cycle.due_at, cet("mon 10:00"));
  ticket.inbound("mon 09:40").outbound("mon 09:50");
  cycle = only_cycle(ticket.at(policy, "mon 11:00"), SlaTarget::NextResponse);
  EXPECT_EQ(cycle.state, ClockState::Met) << "the oldest unanswered message counts";
  EXPECT_EQ(cycle.met_at, cet("mon 09:50"));
}

TEST(SlaOptions, SolvingLeavesTheFirstResponseUnmetWhenTurnedOff) {
  SlaPolicy policy = with_target(SlaTarget::FirstResponse, 240);
  Ticket ticket("mon 09:00");
  ticket.status(Status::Solved, "mon 10:00");
  EXPECT_EQ(only_cycle(ticket.at(policy, "mon 11:00"), SlaTarget::FirstResponse).state, ClockState::Met);

  policy.solve_meets_first_response = false;
  ClockCycle cycle = only_cycle(ticket.at(policy, "tue 11:00"), SlaTarget::FirstResponse);
  EXPECT_EQ(cycle.state, ClockState::Paused);
  EXPECT_EQ(cycle.met_at, std::nullopt);
  EXPECT_EQ(cycle.business_seconds_used, kHour_s);

  ticket.inbound("tue 09:00");  // reopens
  cycle = only_cycle(ticket.at(policy, "tue 10:00"), SlaTarget::FirstResponse);
  EXPECT_EQ(cycle.state, ClockState::Running);
  EXPECT_EQ(cycle.due_at, cet("tue 12:00"));
}

TEST(SlaOptions, PeriodicUpdateCanStartAtTheFirstReply) {
  SlaPolicy policy = with_target(SlaTarget::PeriodicUpdate, 120);
  policy.periodic_update_starts = PeriodicUpdateStart::FirstReply;
  Ticket ticket("mon 09:00");
  EXPECT_TRUE(cycles_of(ticket.at(policy, "mon 12:00"), SlaTarget::PeriodicUpdate).empty());
  ticket.outbound("mon 12:00");
  ClockCycle cycle = only_cycle(ticket.at(policy, "mon 12:30"), SlaTarget::PeriodicUpdate);
  EXPECT_EQ(cycle.started_at, cet("mon 12:00"));
  EXPECT_EQ(cycle.due_at, cet("mon 14:00"));
}

TEST(SlaOptions, ReopenStartsNoPeriodicUpdateBeforeAnyReplyInFirstReplyMode) {
  SlaPolicy policy = with_target(SlaTarget::PeriodicUpdate, 120);
  policy.periodic_update_starts = PeriodicUpdateStart::FirstReply;
  Ticket ticket("mon 09:00");
  ticket.status(Status::Solved, "mon 10:00").inbound("mon 11:00");
  EXPECT_TRUE(cycles_of(ticket.at(policy, "mon 12:00"), SlaTarget::PeriodicUpdate).empty());
}

// --- presets and JSON -----------------------------------------------------------------------

TEST(SlaOptions, PresetsSetThePeersBehaviour) {
  SlaPolicy zammad = standard_policy(1);
  apply_preset(zammad, PolicyPreset::Zammad);
  EXPECT_EQ(zammad.pause_first_response_on, std::vector<Status>{Status::Pending});
  EXPECT_EQ(zammad.pause_next_response_on, std::vector<Status>{Status::Pending});
  EXPECT_EQ(zammad.next_response_starts, NextResponseStart::AnyUnansweredInbound);
  EXPECT_FALSE(zammad.solve_meets_first_response);

  SlaPolicy rt = standard_policy(1);
  apply_preset(rt, PolicyPreset::Rt);
  EXPECT_EQ(rt.periodic_update_starts, PeriodicUpdateStart::FirstReply);
  EXPECT_TRUE(rt.pause_first_response_on.empty());
  EXPECT_EQ(rt.preset, PolicyPreset::Rt);

  SlaPolicy znuny = standard_policy(1);
  apply_preset(znuny, PolicyPreset::Znuny);
  EXPECT_EQ(znuny.pause_resolution_on, std::vector<Status>{Status::Pending});
  EXPECT_EQ(znuny.next_response_starts, NextResponseStart::AfterFirstReply);
}

constexpr const char* kBase = R"("name":"P","calendar_id":1,"targets":{"first_response_minutes":60})";

std::string policy_text(const std::string& rest) {
  return std::string("{") + kBase + (rest.empty() ? "" : "," + rest) + "}";
}

TEST(SlaOptions, JsonDefaultsAreTodaysRules) {
  const SlaPolicy policy = parsed(policy_text(""));
  EXPECT_TRUE(policy.pause_first_response_on.empty());
  EXPECT_EQ(policy.pause_resolution_on, std::vector<Status>{Status::Pending});
  EXPECT_EQ(policy.next_response_starts, NextResponseStart::AfterFirstReply);
  EXPECT_TRUE(policy.solve_meets_first_response);
  EXPECT_EQ(policy.periodic_update_starts, PeriodicUpdateStart::Created);
  EXPECT_EQ(policy.preset, std::nullopt);
}

TEST(SlaOptions, JsonReadsPauseSetsOptionsAndPresetsAndRoundTrips) {
  const SlaPolicy policy = parsed(policy_text(
      R"("preset":"zammad","solve_meets_first_response":true,"periodic_update_starts":"first_reply",)"
      R"("pause_on":{"next_response":["on_hold"]})"));
  EXPECT_EQ(policy.preset, PolicyPreset::Zammad);
  EXPECT_EQ(policy.pause_first_response_on, std::vector<Status>{Status::Pending}) << "from the preset";
  EXPECT_EQ(policy.pause_next_response_on, std::vector<Status>{Status::OnHold}) << "explicit wins";
  EXPECT_TRUE(policy.solve_meets_first_response);
  EXPECT_EQ(policy.periodic_update_starts, PeriodicUpdateStart::FirstReply);
  const nlohmann::json encoded = to_json(policy);
  EXPECT_EQ(encoded["pause_on"]["next_response"], nlohmann::json::array({"on_hold"}));
  EXPECT_EQ(encoded["next_response_starts"], "any_unanswered_inbound");
  EXPECT_EQ(encoded["preset"], "zammad");
  EXPECT_EQ(parsed(encoded.dump()), policy);
}

TEST(SlaOptions, PauseResolutionOnIsTheResolutionEntryOfPauseOn) {
  EXPECT_EQ(parsed(policy_text(R"("pause_resolution_on":["on_hold"])")).pause_resolution_on,
            std::vector<Status>{Status::OnHold});
  EXPECT_EQ(parsed(policy_text(R"("pause_on":{"resolution":[]})")).pause_resolution_on,
            std::vector<Status>{});
  EXPECT_EQ(parsed(policy_text(R"("pause_on":{"resolution":["open"]},"pause_resolution_on":["open"])"))
                .pause_resolution_on,
            std::vector<Status>{Status::Open});
  EXPECT_EQ(error_field(policy_text(R"("pause_on":{"resolution":["open"]},"pause_resolution_on":[])")),
            "pause_resolution_on");
}

TEST(SlaOptions, JsonNamesTheBadField) {
  EXPECT_EQ(error_field(policy_text(R"("pause_on":{"moon":[]})")), "pause_on.moon");
  EXPECT_EQ(error_field(policy_text(R"("pause_on":{"first_response":["solved"]})")),
            "pause_on.first_response[0]");
  EXPECT_EQ(error_field(policy_text(R"("pause_on":[])")), "pause_on");
  EXPECT_EQ(error_field(policy_text(R"("next_response_starts":"sometimes")")), "next_response_starts");
  EXPECT_EQ(error_field(policy_text(R"("periodic_update_starts":1)")), "periodic_update_starts");
  EXPECT_EQ(error_field(policy_text(R"("solve_meets_first_response":"yes")")), "solve_meets_first_response");
  EXPECT_EQ(error_field(policy_text(R"("preset":"otrs")")), "preset");
}

TEST(SlaOptions, TargetsMayRunFiveYears) {
  EXPECT_EQ(
      parsed(R"({"name":"P","calendar_id":1,"targets":{"resolution_minutes":2628000}})").resolution_minutes,
      2628000);
  EXPECT_EQ(error_field(R"({"name":"P","calendar_id":1,"targets":{"resolution_minutes":2628001}})"),
            "targets.resolution_minutes");
}

// --- DST Sundays in Amsterdam ---------------------------------------------------------------

// Open Sundays 09:00-17:00 local time: the opening moves in UTC when the clocks change.
constexpr std::string_view kSundays =
    R"({"timezone":"Europe/Amsterdam","weekly":{"sun":[["09:00","17:00"]]}})";

SlaState evaluate_on(const SlaPolicy& policy, std::string_view calendar_text, const Ticket& ticket,
                     Timestamp now) {
  const BusinessCalendar calendar = calendar_from(calendar_text);
  auto state = ticket.evaluate_at(policy, calendar, now);
  EXPECT_TRUE(state.ok()) << state.error().message;
  return state.ok() ? *state : SlaState{};
}

TEST(SlaOptions, FirstResponseDueFollowsLocalOpeningOnTheSpringForwardSunday) {
  const SlaPolicy policy = with_target(SlaTarget::FirstResponse, 60);
  // 2026-03-29 is the last Sunday of March: 09:00 CEST is 07:00 UTC (a week earlier 08:00 UTC).
  Ticket ticket(at("2026-03-28T12:00:00Z"));
  const ClockCycle cycle =
      only_cycle(evaluate_on(policy, kSundays, ticket, at("2026-03-28T13:00:00Z")), SlaTarget::FirstResponse);
  EXPECT_EQ(cycle.due_at, at("2026-03-29T08:00:00Z"));
  EXPECT_EQ(cycle.at_risk_at, at("2026-03-29T07:45:00Z"));
}

TEST(SlaOptions, APausedFirstResponseResumesAcrossTheSpringForwardSunday) {
  SlaPolicy policy = with_target(SlaTarget::FirstResponse, 120);
  policy.pause_first_response_on = {Status::Pending};
  Ticket ticket(at("2026-03-22T15:00:00Z"));  // Sunday 16:00 CET: one business hour left that day
  ticket.status(Status::Pending, at("2026-03-22T15:30:00Z")).status(Status::Open, at("2026-03-29T08:00:00Z"));
  const ClockCycle cycle =
      only_cycle(evaluate_on(policy, kSundays, ticket, at("2026-03-29T08:30:00Z")), SlaTarget::FirstResponse);
  EXPECT_EQ(cycle.state, ClockState::Running);
  EXPECT_EQ(cycle.business_seconds_used, 3600);         // 30 min before the pause, 30 min after
  EXPECT_EQ(cycle.due_at, at("2026-03-29T09:30:00Z"));  // 11:30 CEST
}

TEST(SlaOptions, ResolutionPausedOnPendingCountsTheFallBackSundayInLocalHours) {
  SlaPolicy policy = with_target(SlaTarget::Resolution, 600);  // 10 business hours
  // 2026-10-25 is the last Sunday of October: 09:00 CET is 08:00 UTC (a week earlier 07:00 UTC).
  Ticket ticket(at("2026-10-18T14:00:00Z"));  // 16:00 CEST: one hour left that Sunday
  ticket.status(Status::Pending, at("2026-10-18T14:30:00Z")).status(Status::Open, at("2026-10-24T12:00:00Z"));
  const ClockCycle cycle =
      only_cycle(evaluate_on(policy, kSundays, ticket, at("2026-10-25T09:00:00Z")), SlaTarget::Resolution);
  EXPECT_EQ(cycle.business_seconds_used, 1800 + 3600);  // 30 min, then 08:00-09:00 UTC on the 25th
  EXPECT_EQ(cycle.due_at, at("2026-11-01T09:30:00Z"));  // 8.5 h left: 7 on the 25th, 1.5 on Nov 1
}

}  // namespace
}  // namespace sp::sla

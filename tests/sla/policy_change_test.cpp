// Policy-change modes (sla/policy_change.hpp) on realistic histories: the ticket is evaluated
// as of the change under the old and the new policy, the mode decides the budgets it keeps, and
// the ticket is then evaluated later under the new policy with them, as the server does.
// Office calendar Mon-Fri 09:00-17:00 Amsterdam, CET, week of Monday 2026-11-23, unless a test
// says otherwise.
#include "sla/policy_change.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "sla/sla_test_util.hpp"
#include "sla/ticket_history.hpp"

namespace sp::sla {
namespace {

using domain::Status;
using testing::cet;
using testing::Ticket;

constexpr auto kRetroactive = PolicyChangeMode::Retroactive;
constexpr auto kProspective = PolicyChangeMode::Prospective;
constexpr auto kKeepPromised = PolicyChangeMode::KeepPromised;

SlaPolicy policy_with(std::optional<std::int64_t> first_response, std::optional<std::int64_t> next_response,
                      std::optional<std::int64_t> resolution) {
  SlaPolicy policy = testing::standard_policy(42);
  policy.first_response_minutes = first_response;
  policy.next_response_minutes = next_response;
  policy.resolution_minutes = resolution;
  return policy;
}

const BusinessCalendar& office() {
  static const BusinessCalendar calendar = testing::calendar_from(testing::kOffice);
  return calendar;
}

// The ticket evaluated as the server does around a change at `changed_at` from `old_policy`
// to `new_policy`: the budgets the mode leaves, and the state at `now` with them.
struct Changed {
  std::vector<CycleBudget> budgets;
  SlaState state;
  std::vector<DueMove> moves;  // as a dry run at the change would list them
};

Changed change(const Ticket& ticket, const SlaPolicy& old_policy, const SlaPolicy& new_policy,
               PolicyChangeMode mode, Timestamp changed_at, Timestamp now,
               const BusinessCalendar& calendar = office(), std::vector<CycleBudget> old_budgets = {}) {
  Changed out;
  auto before = evaluate(old_policy, calendar, ticket.created(), ticket.events(), changed_at, old_budgets);
  auto after = evaluate(new_policy, calendar, ticket.created(), ticket.events(), changed_at);
  EXPECT_TRUE(before.ok() && after.ok());
  if (!before.ok() || !after.ok()) return out;
  auto budgets = budgets_after_change(mode, *before, *after, calendar, changed_at);
  EXPECT_TRUE(budgets.ok());
  if (!budgets.ok()) return out;
  out.budgets = *budgets;
  auto kept = evaluate(new_policy, calendar, ticket.created(), ticket.events(), changed_at, out.budgets);
  EXPECT_TRUE(kept.ok());
  if (kept.ok()) out.moves = due_moves(*before, *kept);
  auto state = evaluate(new_policy, calendar, ticket.created(), ticket.events(), now, out.budgets);
  EXPECT_TRUE(state.ok());
  if (state.ok()) out.state = *state;
  return out;
}

const ClockCycle& cycle_of(const SlaState& state, SlaTarget target, int number) {
  for (const ClockCycle& cycle : state.cycles) {
    if (cycle.target == target && cycle.cycle == number) return cycle;
  }
  static const ClockCycle missing{};
  ADD_FAILURE() << "no cycle " << number << " of " << to_string(target);
  return missing;
}

TEST(PolicyChange, ModesHaveStableNamesAndAnUnknownOneIsRefusedNamingTheField) {
  for (auto mode : {kRetroactive, kProspective, kKeepPromised}) {
    auto parsed = parse_policy_change_mode(to_string(mode));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, mode);
  }
  auto unknown = parse_policy_change_mode("sometimes");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(unknown.error().field, "change_mode");
}

TEST(PolicyChange, RetroactiveRecomputesTheRunningCycleUnderTheNewTarget) {
  Ticket ticket("mon 10:00");
  auto changed =
      change(ticket, policy_with(60, std::nullopt, std::nullopt),
             policy_with(240, std::nullopt, std::nullopt), kRetroactive, cet("mon 10:30"), cet("mon 10:40"));
  EXPECT_TRUE(changed.budgets.empty());
  EXPECT_EQ(cycle_of(changed.state, SlaTarget::FirstResponse, 1).due_at, cet("mon 14:00"));
  ASSERT_EQ(changed.moves.size(), 1u);
  EXPECT_EQ(changed.moves[0].old_due_at, cet("mon 11:00"));
  EXPECT_EQ(changed.moves[0].new_due_at, cet("mon 14:00"));
  EXPECT_EQ(changed.moves[0].delta_s, 3 * 3600);
}

TEST(PolicyChange, ProspectiveKeepsTheRunningCycleOnItsOldTargetAndGivesNewCyclesTheNewOne) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:45").inbound("mon 11:00");  // next-response cycle 1 starts after the change
  const SlaPolicy before = policy_with(60, 120, 480);
  const SlaPolicy after = policy_with(240, 30, 960);
  auto changed = change(ticket, before, after, kProspective, cet("mon 10:30"), cet("mon 11:10"));
  // First response and resolution ran at the change: they keep 60 and 480 minutes.
  EXPECT_EQ(cycle_of(changed.state, SlaTarget::FirstResponse, 1).state, ClockState::Met);
  EXPECT_EQ(cycle_of(changed.state, SlaTarget::FirstResponse, 1).due_at, cet("mon 11:00"));
  EXPECT_EQ(cycle_of(changed.state, SlaTarget::Resolution, 1).due_at, cet("tue 10:00"));
  EXPECT_EQ(cycle_of(changed.state, SlaTarget::Resolution, 1).business_seconds_remaining, 8 * 3600 - 70 * 60);
  // The next-response cycle started after the change: the new 30 minutes.
  EXPECT_EQ(cycle_of(changed.state, SlaTarget::NextResponse, 1).due_at, cet("mon 11:30"));
  EXPECT_TRUE(changed.moves.empty());
}

TEST(PolicyChange, ProspectiveScalesAtRiskAndEscalationOfAKeptCycleToItsOwnBudget) {
  Ticket ticket("mon 10:00");
  SlaPolicy before = policy_with(60, std::nullopt, std::nullopt);
  SlaPolicy after = policy_with(240, std::nullopt, std::nullopt);
  after.escalation.push_back({SlaTarget::FirstResponse, 0.5, EscalationStep::Action::NotifyTeamLead, {}});
  auto changed = change(ticket, before, after, kProspective, cet("mon 10:05"), cet("mon 10:50"));
  const ClockCycle& first = cycle_of(changed.state, SlaTarget::FirstResponse, 1);
  EXPECT_EQ(first.due_at, cet("mon 11:00"));
  EXPECT_EQ(first.at_risk_at, cet("mon 10:45"));  // 75% of 60 minutes, not of 240
  ASSERT_EQ(changed.state.escalations_due.size(), 1u);
  EXPECT_EQ(changed.state.escalations_due[0].at, cet("mon 10:30"));  // half of 60 minutes
}

TEST(PolicyChange, ASecondProspectiveChangeKeepsTheBudgetTheFirstLeft) {
  Ticket ticket("mon 10:00");
  const SlaPolicy first = policy_with(60, std::nullopt, std::nullopt);
  const SlaPolicy second = policy_with(240, std::nullopt, std::nullopt);
  const SlaPolicy third = policy_with(30, std::nullopt, std::nullopt);
  auto once = change(ticket, first, second, kProspective, cet("mon 10:05"), cet("mon 10:10"));
  auto twice =
      change(ticket, second, third, kProspective, cet("mon 10:10"), cet("mon 10:20"), office(), once.budgets);
  EXPECT_EQ(cycle_of(twice.state, SlaTarget::FirstResponse, 1).due_at, cet("mon 11:00"));
  EXPECT_TRUE(twice.moves.empty());
}

TEST(PolicyChange, KeepPromisedNeverMovesARunningDueTimeLaterButLetsItMoveEarlier) {
  Ticket ticket("mon 10:00");
  const SlaPolicy before = policy_with(60, std::nullopt, std::nullopt);
  auto longer = change(ticket, before, policy_with(240, std::nullopt, std::nullopt), kKeepPromised,
                       cet("mon 10:10"), cet("mon 10:20"));
  EXPECT_EQ(cycle_of(longer.state, SlaTarget::FirstResponse, 1).due_at, cet("mon 11:00"));
  EXPECT_TRUE(longer.moves.empty());
  auto shorter = change(ticket, before, policy_with(30, std::nullopt, std::nullopt), kKeepPromised,
                        cet("mon 10:10"), cet("mon 10:20"));
  EXPECT_EQ(cycle_of(shorter.state, SlaTarget::FirstResponse, 1).due_at, cet("mon 10:30"));
  ASSERT_EQ(shorter.moves.size(), 1u);
  EXPECT_EQ(shorter.moves[0].delta_s, -30 * 60);
}

TEST(PolicyChange, KeepPromisedLeavesFinishedCyclesAsTheyWere) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:40");  // met in time under 60 minutes, would be breached under 30
  auto changed = change(ticket, policy_with(60, std::nullopt, 480), policy_with(30, std::nullopt, 480),
                        kKeepPromised, cet("mon 11:00"), cet("mon 11:30"));
  const ClockCycle& first = cycle_of(changed.state, SlaTarget::FirstResponse, 1);
  EXPECT_EQ(first.state, ClockState::Met);
  EXPECT_EQ(first.due_at, cet("mon 11:00"));
  EXPECT_TRUE(changed.state.due_notices.empty());
  // Retroactively the same change breaches the cycle that was answered in time.
  auto retro = change(ticket, policy_with(60, std::nullopt, 480), policy_with(30, std::nullopt, 480),
                      kRetroactive, cet("mon 11:00"), cet("mon 11:30"));
  EXPECT_EQ(cycle_of(retro.state, SlaTarget::FirstResponse, 1).state, ClockState::Breached);
}

TEST(PolicyChange, KeepPromisedHoldsADueTimeAcrossTheDaylightSavingSwitch) {
  // Every day 09:00-17:00 in Amsterdam; clocks go forward in the night to Sunday 2026-03-29.
  const BusinessCalendar daily = testing::calendar_from(R"({"timezone":"Europe/Amsterdam","weekly":{
      "mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],
      "fri":[["09:00","17:00"]],"sat":[["09:00","17:00"]],"sun":[["09:00","17:00"]]}})");
  Ticket ticket(testing::at("2026-03-28T16:00:00+01:00"));
  const SlaPolicy before = policy_with(std::nullopt, std::nullopt, 120);
  const Timestamp changed_at = testing::at("2026-03-28T16:30:00+01:00");
  const Timestamp later = testing::at("2026-03-28T16:45:00+01:00");
  // Promised: one hour on Saturday, one on Sunday morning in summer time.
  const Timestamp promised = testing::at("2026-03-29T10:00:00+02:00");
  auto longer = change(ticket, before, policy_with(std::nullopt, std::nullopt, 240), kKeepPromised,
                       changed_at, later, daily);
  EXPECT_EQ(cycle_of(longer.state, SlaTarget::Resolution, 1).due_at, promised);
  auto prospective = change(ticket, before, policy_with(std::nullopt, std::nullopt, 240), kProspective,
                            changed_at, later, daily);
  EXPECT_EQ(cycle_of(prospective.state, SlaTarget::Resolution, 1).due_at, promised);
  auto retro = change(ticket, before, policy_with(std::nullopt, std::nullopt, 240), kRetroactive, changed_at,
                      later, daily);
  EXPECT_EQ(cycle_of(retro.state, SlaTarget::Resolution, 1).due_at, testing::at("2026-03-29T12:00:00+02:00"));
  auto shorter = change(ticket, before, policy_with(std::nullopt, std::nullopt, 60), kKeepPromised,
                        changed_at, later, daily);
  EXPECT_EQ(cycle_of(shorter.state, SlaTarget::Resolution, 1).due_at,
            testing::at("2026-03-28T17:00:00+01:00"));
  ASSERT_EQ(shorter.moves.size(), 1u);
  // From Sunday 10:00 CEST back to Saturday 17:00 CET is 16 hours of wall-clock time.
  EXPECT_EQ(shorter.moves[0].delta_s, -16 * 3600);
}

TEST(PolicyChange, KeepPromisedCapsAPausedCycleAtTheTimeItHadLeft) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:30").status(Status::Pending, "mon 11:00");  // resolution used 1 h of 8
  ticket.inbound("tue 10:00");                                        // pending -> open
  const SlaPolicy before = policy_with(60, std::nullopt, 480);
  const Timestamp changed_at = cet("mon 12:00");
  auto longer =
      change(ticket, before, policy_with(60, std::nullopt, 960), kKeepPromised, changed_at, cet("tue 10:30"));
  EXPECT_EQ(cycle_of(longer.state, SlaTarget::Resolution, 1).due_at, cet("tue 17:00"));  // 7 h left
  auto shorter =
      change(ticket, before, policy_with(60, std::nullopt, 240), kKeepPromised, changed_at, cet("tue 10:30"));
  EXPECT_EQ(cycle_of(shorter.state, SlaTarget::Resolution, 1).due_at, cet("tue 13:00"));  // 3 h left
  auto retro =
      change(ticket, before, policy_with(60, std::nullopt, 960), kRetroactive, changed_at, cet("tue 10:30"));
  EXPECT_EQ(cycle_of(retro.state, SlaTarget::Resolution, 1).due_at, cet("wed 17:00"));  // 15 h left
  // Paused at the change, the cycle had no due time to show; a dry run lists nothing for it.
  EXPECT_TRUE(longer.moves.empty());
  EXPECT_TRUE(retro.moves.empty());
}

TEST(PolicyChange, ATargetTheNewPolicyAddsRunsAsItSaysAndOneItDropsStops) {
  Ticket ticket("mon 10:00");
  auto changed =
      change(ticket, policy_with(60, std::nullopt, std::nullopt),
             policy_with(std::nullopt, std::nullopt, 120), kProspective, cet("mon 10:30"), cet("mon 10:40"));
  EXPECT_TRUE(changed.budgets.empty());
  ASSERT_EQ(changed.state.cycles.size(), 1u);
  EXPECT_EQ(changed.state.cycles[0].target, SlaTarget::Resolution);
  EXPECT_EQ(changed.state.cycles[0].due_at, cet("mon 12:00"));
  // The dry run lists both: the first response loses its due time, resolution gains one.
  ASSERT_EQ(changed.moves.size(), 2u);
  EXPECT_EQ(changed.moves[0].target, SlaTarget::FirstResponse);
  EXPECT_FALSE(changed.moves[0].new_due_at);
  EXPECT_EQ(changed.moves[1].target, SlaTarget::Resolution);
  EXPECT_FALSE(changed.moves[1].old_due_at);
  EXPECT_FALSE(changed.moves[1].delta_s);
}

TEST(PolicyChange, DueMovesListOnlyOpenCyclesWhoseDueTimeChanges) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:20");  // first response met: never listed
  auto changed = change(ticket, policy_with(60, std::nullopt, 480), policy_with(30, std::nullopt, 480),
                        kRetroactive, cet("mon 10:30"), cet("mon 10:30"));
  EXPECT_TRUE(changed.moves.empty());
}

}  // namespace
}  // namespace sp::sla

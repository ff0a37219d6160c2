// SLA clocks evaluated from realistic ticket histories (built with domain::draft_ticket,
// add_message and apply_patch, seq numbered 1..n as storage does) under an Amsterdam office
// calendar, Mon-Fri 09:00-17:00. All times are CET (+01:00) in the week of Monday 2026-11-23.
#include "sla/sla_clock.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "domain/ticket_rules.hpp"
#include "sla/business_time.hpp"
#include "sla/sla_test_util.hpp"
#include "sla/ticket_history.hpp"

namespace sp::sla {
namespace {

using domain::MessageKind;
using domain::Status;
using testing::calendar_from;

using testing::cet;
using testing::kOffice;
using testing::Ticket;

SlaPolicy office_policy() {
  SlaPolicy policy = testing::standard_policy(42);
  policy.first_response_minutes = 60;
  policy.next_response_minutes = 120;
  policy.periodic_update_minutes = 240;
  policy.resolution_minutes = 480;
  return policy;
}

SlaPolicy only(SlaTarget target, std::int64_t minutes) {
  SlaPolicy policy = office_policy();
  policy.first_response_minutes.reset();
  policy.next_response_minutes.reset();
  policy.periodic_update_minutes.reset();
  policy.resolution_minutes.reset();
  switch (target) {
    case SlaTarget::FirstResponse:
      policy.first_response_minutes = minutes;
      break;
    case SlaTarget::NextResponse:
      policy.next_response_minutes = minutes;
      break;
    case SlaTarget::PeriodicUpdate:
      policy.periodic_update_minutes = minutes;
      break;
    case SlaTarget::Resolution:
      policy.resolution_minutes = minutes;
      break;
  }
  return policy;
}

const ClockCycle& current(const SlaState& state, SlaTarget target) {
  for (const ClockCycle& cycle : state.current) {
    if (cycle.target == target) return cycle;
  }
  static const ClockCycle missing{};
  ADD_FAILURE() << "no current cycle for " << to_string(target);
  return missing;
}

std::vector<ClockCycle> cycles_of(const SlaState& state, SlaTarget target) {
  std::vector<ClockCycle> out;
  for (const ClockCycle& cycle : state.cycles) {
    if (cycle.target == target) out.push_back(cycle);
  }
  return out;
}

SlaNotice notice(SlaTarget target, int cycle, SlaNotice::Kind kind, std::string_view when) {
  return SlaNotice{target, cycle, kind, cet(when)};
}

constexpr auto kAtRisk = SlaNotice::Kind::AtRisk;
constexpr auto kBreached = SlaNotice::Kind::Breached;
constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 3600;

// --- first response -------------------------------------------------------------------------

TEST(SlaClock, FirstResponseIsMetByTheFirstOutboundReply) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:20");
  const SlaState state = ticket.at(only(SlaTarget::FirstResponse, 60), "mon 12:00");
  EXPECT_EQ(state.policy_id, 42);
  ASSERT_EQ(state.cycles.size(), 1u);
  const ClockCycle& first = state.cycles[0];
  EXPECT_EQ(first.target, SlaTarget::FirstResponse);
  EXPECT_EQ(first.cycle, 1);
  EXPECT_EQ(first.state, ClockState::Met);
  EXPECT_EQ(first.started_at, cet("mon 10:00"));
  EXPECT_EQ(first.met_at, cet("mon 10:20"));
  EXPECT_EQ(first.due_at, cet("mon 11:00")) << "the due time in force when it was met";
  EXPECT_EQ(first.at_risk_at, std::nullopt) << "never reached";
  EXPECT_EQ(first.business_seconds_used, 20 * kMinute);
  EXPECT_EQ(first.business_seconds_remaining, 40 * kMinute);
  EXPECT_TRUE(state.due_notices.empty());
  EXPECT_EQ(state.next_deadline, std::nullopt);
}

TEST(SlaClock, FirstResponseRunsWithItsDueAndAtRiskTimesUntilAnswered) {
  Ticket ticket("mon 10:00");
  const SlaState state = ticket.at(only(SlaTarget::FirstResponse, 60), "mon 10:30");
  const ClockCycle& first = current(state, SlaTarget::FirstResponse);
  EXPECT_EQ(first.state, ClockState::Running);
  EXPECT_EQ(first.due_at, cet("mon 11:00"));
  EXPECT_EQ(first.at_risk_at, cet("mon 10:45"));
  EXPECT_EQ(first.business_seconds_used, 30 * kMinute);
  EXPECT_EQ(first.business_seconds_remaining, 30 * kMinute);
  EXPECT_EQ(state.next_deadline, cet("mon 10:45"));
}

TEST(SlaClock, FirstResponseIsBreachedWhenNoReplyComesBeforeDueAndStaysBreachedWhenAnswered) {
  Ticket ticket("mon 10:00");
  const SlaPolicy policy = only(SlaTarget::FirstResponse, 60);
  SlaState state = ticket.at(policy, "mon 11:30");
  EXPECT_EQ(current(state, SlaTarget::FirstResponse).state, ClockState::Breached);
  EXPECT_EQ(current(state, SlaTarget::FirstResponse).due_at, cet("mon 11:00"));
  EXPECT_EQ(current(state, SlaTarget::FirstResponse).business_seconds_remaining, -30 * kMinute);
  EXPECT_EQ(state.due_notices,
            (std::vector<SlaNotice>{notice(SlaTarget::FirstResponse, 1, kAtRisk, "mon 10:45"),
                                    notice(SlaTarget::FirstResponse, 1, kBreached, "mon 11:00")}));
  EXPECT_EQ(state.next_deadline, std::nullopt) << "nothing left to wake for";

  ticket.outbound("mon 11:40");
  state = ticket.at(policy, "mon 12:00");
  const ClockCycle& first = current(state, SlaTarget::FirstResponse);
  EXPECT_EQ(first.state, ClockState::Breached);
  EXPECT_EQ(first.met_at, cet("mon 11:40"));
  EXPECT_EQ(first.business_seconds_used, 100 * kMinute);
  EXPECT_EQ(first.business_seconds_remaining, -40 * kMinute);
  EXPECT_EQ(state.due_notices.size(), 2u);
}

TEST(SlaClock, ABreachFallsExactlyAtTheDueInstant) {
  Ticket ticket("mon 10:00");
  const SlaPolicy policy = only(SlaTarget::FirstResponse, 60);
  // One millisecond before due: still running, at risk, and the scheduler is told to wake at due.
  const BusinessCalendar office = calendar_from(kOffice);
  auto before = ticket.evaluate_at(policy, office, cet("mon 11:00") - Duration{1});
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(current(*before, SlaTarget::FirstResponse).state, ClockState::Running);
  EXPECT_EQ(before->next_deadline, cet("mon 11:00"));
  EXPECT_EQ(before->due_notices.size(), 1u);
  // At due: breached, the breach notice carries the due instant.
  SlaState at_due = ticket.at(policy, "mon 11:00");
  EXPECT_EQ(current(at_due, SlaTarget::FirstResponse).state, ClockState::Breached);
  EXPECT_EQ(current(at_due, SlaTarget::FirstResponse).business_seconds_remaining, 0);
  EXPECT_EQ(at_due.due_notices.back(), notice(SlaTarget::FirstResponse, 1, kBreached, "mon 11:00"));

  // A reply at exactly the due instant is late; one second earlier is in time.
  Ticket late("mon 10:00");
  late.outbound("mon 11:00");
  EXPECT_EQ(current(late.at(policy, "mon 12:00"), SlaTarget::FirstResponse).state, ClockState::Breached);
  Ticket in_time("mon 10:00");
  in_time.outbound("mon 10:59:59");
  const SlaState met = in_time.at(policy, "mon 12:00");
  EXPECT_EQ(current(met, SlaTarget::FirstResponse).state, ClockState::Met);
  EXPECT_EQ(current(met, SlaTarget::FirstResponse).business_seconds_remaining, 1);
}

TEST(SlaClock, AtRiskIsReachedAtSeventyFivePercentOfTheTarget) {
  Ticket ticket("mon 10:00");
  const SlaPolicy policy = only(SlaTarget::FirstResponse, 60);
  SlaState state = ticket.at(policy, "mon 10:44:59");
  EXPECT_TRUE(state.due_notices.empty());
  EXPECT_EQ(state.next_deadline, cet("mon 10:45"));
  state = ticket.at(policy, "mon 10:45");
  EXPECT_EQ(state.due_notices,
            std::vector<SlaNotice>{notice(SlaTarget::FirstResponse, 1, kAtRisk, "mon 10:45")});
  EXPECT_EQ(current(state, SlaTarget::FirstResponse).state, ClockState::Running);
  EXPECT_EQ(current(state, SlaTarget::FirstResponse).at_risk_at, cet("mon 10:45"));
  EXPECT_EQ(state.next_deadline, cet("mon 11:00"));

  SlaPolicy nervous = policy;
  nervous.at_risk_fraction = 0.5;
  EXPECT_EQ(current(ticket.at(nervous, "mon 10:10"), SlaTarget::FirstResponse).at_risk_at, cet("mon 10:30"));
}

TEST(SlaClock, DueTimesSkipTheNightAndTheWeekend) {
  const SlaPolicy policy = only(SlaTarget::FirstResponse, 60);
  Ticket friday("fri 16:30");
  const ClockCycle weekend = current(friday.at(policy, "fri 16:40"), SlaTarget::FirstResponse);
  EXPECT_EQ(weekend.due_at, cet("mon2 09:30"));
  EXPECT_EQ(weekend.at_risk_at, cet("mon2 09:15"));
  // Nothing is used over the weekend.
  EXPECT_EQ(current(friday.at(policy, "sun 12:00"), SlaTarget::FirstResponse).business_seconds_used,
            30 * kMinute);

  Ticket evening("tue 16:45");
  EXPECT_EQ(current(evening.at(policy, "tue 18:00"), SlaTarget::FirstResponse).due_at, cet("wed 09:45"));
  // Created at night: the clock starts counting at the next opening.
  Ticket night("wed 23:10");
  EXPECT_EQ(current(night.at(policy, "thu 08:00"), SlaTarget::FirstResponse).due_at, cet("thu 10:00"));
}

TEST(SlaClock, NotesNeverCountAsAResponse) {
  Ticket ticket("mon 10:00");
  ticket.note("mon 10:10").note("mon 10:20");
  const SlaState state = ticket.at(office_policy(), "mon 10:30");
  EXPECT_EQ(current(state, SlaTarget::FirstResponse).state, ClockState::Running);
  EXPECT_EQ(cycles_of(state, SlaTarget::PeriodicUpdate).size(), 1u);
  EXPECT_EQ(current(state, SlaTarget::PeriodicUpdate).state, ClockState::Running);
  EXPECT_TRUE(cycles_of(state, SlaTarget::NextResponse).empty());
}

TEST(SlaClock, SolvingWithoutAReplyMeetsTheFirstResponse) {
  Ticket ticket("mon 10:00");
  ticket.status(Status::Solved, "mon 10:30");
  const SlaState state = ticket.at(office_policy(), "tue 10:00");
  EXPECT_EQ(current(state, SlaTarget::FirstResponse).state, ClockState::Met);
  EXPECT_EQ(current(state, SlaTarget::FirstResponse).met_at, cet("mon 10:30"));
  EXPECT_EQ(current(state, SlaTarget::Resolution).state, ClockState::Met);
  EXPECT_EQ(current(state, SlaTarget::PeriodicUpdate).state, ClockState::Met);
  EXPECT_EQ(state.next_deadline, std::nullopt);
  EXPECT_TRUE(state.due_notices.empty());
}

// --- next response --------------------------------------------------------------------------

TEST(SlaClock, NextResponseCyclesThroughAConversation) {
  Ticket ticket("mon 10:00");  // the customer's first message is covered by the first response
  ticket
      .outbound("mon 10:30")   // first response met
      .inbound("mon 11:00")    // next response cycle 1 starts
      .inbound("mon 11:15")    // the oldest unanswered message counts: no restart
      .outbound("mon 11:45")   // cycle 1 met after 45 minutes
      .note("mon 12:00")       // notes never count
      .inbound("mon 13:00")    // cycle 2 starts
      .outbound("mon 13:20");  // cycle 2 met
  const SlaState state = ticket.at(office_policy(), "mon 14:00");
  EXPECT_EQ(current(state, SlaTarget::FirstResponse).state, ClockState::Met);
  EXPECT_EQ(current(state, SlaTarget::FirstResponse).met_at, cet("mon 10:30"));
  const std::vector<ClockCycle> next = cycles_of(state, SlaTarget::NextResponse);
  ASSERT_EQ(next.size(), 2u);
  EXPECT_EQ(next[0].cycle, 1);
  EXPECT_EQ(next[0].started_at, cet("mon 11:00"));
  EXPECT_EQ(next[0].met_at, cet("mon 11:45"));
  EXPECT_EQ(next[0].state, ClockState::Met);
  EXPECT_EQ(next[0].business_seconds_used, 45 * kMinute);
  EXPECT_EQ(next[1].cycle, 2);
  EXPECT_EQ(next[1].started_at, cet("mon 13:00"));
  EXPECT_EQ(next[1].met_at, cet("mon 13:20"));
  EXPECT_EQ(current(state, SlaTarget::NextResponse), next[1]);
  EXPECT_TRUE(state.due_notices.empty());

  // A third customer message, unanswered over the night: cycle 3 runs and then breaches.
  ticket.inbound("mon 16:00");
  const SlaState later = ticket.at(office_policy(), "tue 12:00");
  const ClockCycle& third = current(later, SlaTarget::NextResponse);
  EXPECT_EQ(third.cycle, 3);
  EXPECT_EQ(third.state, ClockState::Breached);
  EXPECT_EQ(third.due_at, cet("tue 10:00"));
  EXPECT_EQ(third.at_risk_at, cet("tue 09:30"));
}

TEST(SlaClock, CyclesAreListedInStartOrderAndCurrentHoldsTheLatestPerTarget) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:30").inbound("mon 11:00");
  const SlaState state = ticket.at(office_policy(), "mon 11:30");
  std::vector<std::tuple<SlaTarget, int>> order;
  for (const ClockCycle& cycle : state.cycles) order.emplace_back(cycle.target, cycle.cycle);
  EXPECT_EQ(order, (std::vector<std::tuple<SlaTarget, int>>{{SlaTarget::FirstResponse, 1},
                                                            {SlaTarget::PeriodicUpdate, 1},
                                                            {SlaTarget::Resolution, 1},
                                                            {SlaTarget::PeriodicUpdate, 2},
                                                            {SlaTarget::NextResponse, 1}}));
  ASSERT_EQ(state.current.size(), 4u);
  EXPECT_EQ(state.current[0].target, SlaTarget::FirstResponse);
  EXPECT_EQ(state.current[1].target, SlaTarget::NextResponse);
  EXPECT_EQ(state.current[2].target, SlaTarget::PeriodicUpdate);
  EXPECT_EQ(state.current[2].cycle, 2);
  EXPECT_EQ(state.current[3].target, SlaTarget::Resolution);
}

TEST(SlaClock, ACustomerMessageOnASolvedTicketStartsANextResponseCycle) {
  Ticket ticket("mon 10:00");
  ticket.status(Status::Solved, "mon 10:30").inbound("tue 10:00");
  ASSERT_EQ(ticket.current().status, Status::Open);
  const SlaState state = ticket.at(office_policy(), "tue 10:30");
  const ClockCycle& next = current(state, SlaTarget::NextResponse);
  EXPECT_EQ(next.cycle, 1);
  EXPECT_EQ(next.started_at, cet("tue 10:00"));
  EXPECT_EQ(next.due_at, cet("tue 12:00"));
}

// --- periodic update ------------------------------------------------------------------------

TEST(SlaClock, PeriodicUpdateRestartsAtEveryOutboundMessageStopsWhenSolvedAndRestartsOnReopen) {
  const SlaPolicy policy = only(SlaTarget::PeriodicUpdate, 240);
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 11:00").outbound("mon 12:30");
  SlaState state = ticket.at(policy, "mon 13:00");
  std::vector<ClockCycle> updates = cycles_of(state, SlaTarget::PeriodicUpdate);
  ASSERT_EQ(updates.size(), 3u);
  EXPECT_EQ(updates[0].met_at, cet("mon 11:00"));
  EXPECT_EQ(updates[1].started_at, cet("mon 11:00"));
  EXPECT_EQ(updates[1].met_at, cet("mon 12:30"));
  EXPECT_EQ(updates[2].started_at, cet("mon 12:30"));
  EXPECT_EQ(updates[2].state, ClockState::Running);
  EXPECT_EQ(updates[2].due_at, cet("mon 16:30"));
  EXPECT_EQ(state.next_deadline, cet("mon 15:30"));

  ticket.status(Status::Solved, "mon 14:00");
  state = ticket.at(policy, "tue 09:30");
  EXPECT_EQ(current(state, SlaTarget::PeriodicUpdate).state, ClockState::Met);
  EXPECT_EQ(current(state, SlaTarget::PeriodicUpdate).met_at, cet("mon 14:00"));
  EXPECT_EQ(state.next_deadline, std::nullopt);

  ticket.outbound("tue 09:40");  // an agent writing on a solved ticket starts nothing
  EXPECT_EQ(cycles_of(ticket.at(policy, "tue 09:50"), SlaTarget::PeriodicUpdate).size(), 3u);

  ticket.inbound("tue 10:00");  // reopens
  state = ticket.at(policy, "tue 10:00");
  updates = cycles_of(state, SlaTarget::PeriodicUpdate);
  ASSERT_EQ(updates.size(), 4u);
  EXPECT_EQ(updates[3].cycle, 4);
  EXPECT_EQ(updates[3].started_at, cet("tue 10:00"));
  EXPECT_EQ(updates[3].due_at, cet("tue 14:00"));
}

TEST(SlaClock, PeriodicUpdateKeepsRunningWhilePending) {
  const SlaPolicy policy = only(SlaTarget::PeriodicUpdate, 240);
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 11:00").status(Status::Pending, "mon 11:00");
  const SlaState state = ticket.at(policy, "mon 16:00");
  EXPECT_EQ(current(state, SlaTarget::PeriodicUpdate).state, ClockState::Breached);
  EXPECT_EQ(current(state, SlaTarget::PeriodicUpdate).due_at, cet("mon 15:00"));
}

// --- resolution -----------------------------------------------------------------------------

TEST(SlaClock, ResolutionPausesWhilePendingAndResumesWhenTheCustomerAnswers) {
  const SlaPolicy policy = only(SlaTarget::Resolution, 480);
  Ticket ticket("mon 09:00");
  ticket.outbound("mon 10:00").status(Status::Pending, "mon 10:00");
  SlaState state = ticket.at(policy, "mon 15:00");
  ClockCycle resolution = current(state, SlaTarget::Resolution);
  EXPECT_EQ(resolution.state, ClockState::Paused);
  EXPECT_EQ(resolution.due_at, std::nullopt);
  EXPECT_EQ(resolution.at_risk_at, std::nullopt);
  EXPECT_EQ(resolution.business_seconds_used, kHour);
  EXPECT_EQ(resolution.business_seconds_remaining, 7 * kHour);
  EXPECT_EQ(state.next_deadline, std::nullopt) << "a paused clock needs no wake-up";

  ticket.inbound("tue 11:00");  // pending -> open
  state = ticket.at(policy, "tue 11:00");
  resolution = current(state, SlaTarget::Resolution);
  EXPECT_EQ(resolution.state, ClockState::Running);
  EXPECT_EQ(resolution.cycle, 1);
  EXPECT_EQ(resolution.business_seconds_used, kHour);
  EXPECT_EQ(resolution.due_at, cet("wed 10:00"));      // 6 h on Tuesday, 1 h on Wednesday
  EXPECT_EQ(resolution.at_risk_at, cet("tue 16:00"));  // 6 h used at 16:00
}

TEST(SlaClock, PauseStatusesAreConfigurable) {
  SlaPolicy policy = only(SlaTarget::Resolution, 480);
  policy.pause_resolution_on = {Status::OnHold};
  Ticket ticket("mon 09:00");
  ticket.status(Status::Pending, "mon 10:00").status(Status::OnHold, "mon 11:00");
  const ClockCycle resolution = current(ticket.at(policy, "mon 15:00"), SlaTarget::Resolution);
  EXPECT_EQ(resolution.state, ClockState::Paused);
  EXPECT_EQ(resolution.business_seconds_used, 2 * kHour);

  policy.pause_resolution_on.clear();
  EXPECT_EQ(current(ticket.at(policy, "mon 15:00"), SlaTarget::Resolution).business_seconds_used, 6 * kHour);
}

TEST(SlaClock, AReopenIntoAPausingStatusResumesTheResolutionCyclePaused) {
  SlaPolicy policy = only(SlaTarget::Resolution, 480);
  policy.pause_resolution_on = {Status::Open};  // unusual, but configurable
  Ticket ticket("mon 09:00");
  ticket
      .outbound("mon 10:00")  // new -> open: paused after 1 h
      .status(Status::Solved, "mon 11:00")
      .inbound("tue 09:00");  // solved -> open
  const ClockCycle resolution = current(ticket.at(policy, "tue 12:00"), SlaTarget::Resolution);
  EXPECT_EQ(resolution.state, ClockState::Paused);
  EXPECT_EQ(resolution.met_at, std::nullopt);
  EXPECT_EQ(resolution.due_at, std::nullopt);
  EXPECT_EQ(resolution.business_seconds_used, kHour);
}

TEST(SlaClock, ReopenResumesTheSameResolutionCycleWithItsUsedTime) {
  const SlaPolicy policy = only(SlaTarget::Resolution, 480);
  Ticket ticket("mon 09:00");
  ticket.outbound("mon 10:00").status(Status::Solved, "mon 12:00");
  SlaState state = ticket.at(policy, "mon 16:00");
  EXPECT_EQ(current(state, SlaTarget::Resolution).state, ClockState::Met);
  EXPECT_EQ(current(state, SlaTarget::Resolution).met_at, cet("mon 12:00"));
  EXPECT_EQ(current(state, SlaTarget::Resolution).business_seconds_used, 3 * kHour);

  ticket.inbound("tue 09:00");  // solved -> open
  state = ticket.at(policy, "tue 10:00");
  ASSERT_EQ(cycles_of(state, SlaTarget::Resolution).size(), 1u);
  const ClockCycle& resolution = current(state, SlaTarget::Resolution);
  EXPECT_EQ(resolution.cycle, 1);
  EXPECT_EQ(resolution.state, ClockState::Running);
  EXPECT_EQ(resolution.met_at, std::nullopt);
  EXPECT_EQ(resolution.started_at, cet("mon 09:00"));
  EXPECT_EQ(resolution.business_seconds_used, 4 * kHour);
  EXPECT_EQ(resolution.due_at, cet("tue 14:00"));
  EXPECT_EQ(resolution.at_risk_at, cet("tue 12:00"));
}

TEST(SlaClock, AReopenedBreachedResolutionStaysBreachedAndItsNoticesAreNotRepeated) {
  const SlaPolicy policy = only(SlaTarget::Resolution, 60);
  Ticket ticket("mon 09:00");
  ticket.status(Status::Solved, "mon 11:00").inbound("tue 09:00").status(Status::Solved, "tue 09:30");
  const SlaState state = ticket.at(policy, "tue 12:00");
  const ClockCycle& resolution = current(state, SlaTarget::Resolution);
  EXPECT_EQ(resolution.state, ClockState::Breached);
  EXPECT_EQ(resolution.met_at, cet("tue 09:30"));
  EXPECT_EQ(resolution.business_seconds_used, 150 * kMinute);
  EXPECT_EQ(state.due_notices,
            (std::vector<SlaNotice>{notice(SlaTarget::Resolution, 1, kAtRisk, "mon 09:45"),
                                    notice(SlaTarget::Resolution, 1, kBreached, "mon 10:00")}));
}

TEST(SlaClock, AtRiskReachedBeforeAPauseIsKeptWhilePaused) {
  const SlaPolicy policy = only(SlaTarget::Resolution, 60);
  Ticket ticket("mon 09:00");
  ticket.status(Status::Pending, "mon 09:50");
  const SlaState state = ticket.at(policy, "mon 12:00");
  const ClockCycle& resolution = current(state, SlaTarget::Resolution);
  EXPECT_EQ(resolution.state, ClockState::Paused);
  EXPECT_EQ(resolution.at_risk_at, cet("mon 09:45"));
  EXPECT_EQ(resolution.due_at, std::nullopt);
  EXPECT_EQ(resolution.business_seconds_remaining, 10 * kMinute);
  EXPECT_EQ(state.due_notices,
            std::vector<SlaNotice>{notice(SlaTarget::Resolution, 1, kAtRisk, "mon 09:45")});
}

// --- notices and determinism ----------------------------------------------------------------

TEST(SlaClock, BreachesThatFellDueWhileTheServerWasDownAreListedOncePerCycle) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:30").inbound("mon 11:00");  // next response 1 from 11:00, never answered
  // The server comes back a week later: every instant that passed is listed exactly once.
  const std::vector<SlaNotice> expected = {notice(SlaTarget::NextResponse, 1, kAtRisk, "mon 12:30"),
                                           notice(SlaTarget::NextResponse, 1, kBreached, "mon 13:00"),
                                           notice(SlaTarget::PeriodicUpdate, 2, kAtRisk, "mon 13:30"),
                                           notice(SlaTarget::PeriodicUpdate, 2, kBreached, "mon 14:30"),
                                           notice(SlaTarget::Resolution, 1, kAtRisk, "mon 16:00"),
                                           notice(SlaTarget::Resolution, 1, kBreached, "tue 10:00")};
  const SlaState state = ticket.at(office_policy(), "mon2 12:00");
  EXPECT_EQ(state.due_notices, expected);
  EXPECT_EQ(state.next_deadline, std::nullopt);
  // Far later still, and evaluated again: the same notices, cycle numbers and instants.
  EXPECT_EQ(ticket.at(office_policy(), "mon2 12:00").due_notices, expected);
  EXPECT_EQ(ticket.at(office_policy(), "mon2 16:59").due_notices, expected);
}

TEST(SlaClock, EvaluationIsDeterministicAndNoticesNeverDisappearAsTimeMovesOn) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 11:30")
      .inbound("mon 12:00")
      .status(Status::Pending, "mon 16:00")
      .inbound("tue 10:00")
      .outbound("tue 13:00")
      .inbound("tue 13:30")
      .status(Status::Solved, "wed 11:00")
      .inbound("thu 09:30")
      .status(Status::Solved, "thu 10:00");
  SlaPolicy policy = office_policy();
  policy.escalation = {{SlaTarget::NextResponse, 1.5, EscalationStep::Action::NotifyManager, {}}};
  std::vector<SlaNotice> seen;
  std::vector<EscalationDue> seen_escalations;
  for (Timestamp now = cet("mon 10:00"); now <= cet("fri 12:00"); now += std::chrono::minutes{7}) {
    const BusinessCalendar office = calendar_from(kOffice);
    auto first = ticket.evaluate_at(policy, office, now);
    auto second = ticket.evaluate_at(policy, office, now);
    ASSERT_TRUE(first.ok() && second.ok());
    ASSERT_EQ(first->cycles, second->cycles);
    ASSERT_EQ(first->due_notices, second->due_notices);
    ASSERT_EQ(first->escalations_due, second->escalations_due);
    ASSERT_EQ(first->next_deadline, second->next_deadline);
    // Every notice seen earlier is still listed, with the same instant.
    for (const SlaNotice& earlier : seen) {
      ASSERT_NE(std::find(first->due_notices.begin(), first->due_notices.end(), earlier),
                first->due_notices.end())
          << "lost " << to_string(earlier.target) << " cycle " << earlier.cycle << " at "
          << format_rfc3339(now);
    }
    for (const EscalationDue& earlier : seen_escalations) {
      ASSERT_NE(std::find(first->escalations_due.begin(), first->escalations_due.end(), earlier),
                first->escalations_due.end());
    }
    // Once per (target, cycle, kind), never in the future, and the deadline is in the future.
    std::set<std::tuple<SlaTarget, int, SlaNotice::Kind>> keys;
    for (const SlaNotice& listed : first->due_notices) {
      EXPECT_TRUE(keys.emplace(listed.target, listed.cycle, listed.kind).second);
      EXPECT_LE(listed.at, now);
    }
    if (first->next_deadline) {
      EXPECT_GT(*first->next_deadline, now);
    }
    seen = first->due_notices;
    seen_escalations = first->escalations_due;
  }
  EXPECT_FALSE(seen.empty());
}

TEST(SlaClock, SchedulerEventsInTheHistoryAreIgnored) {
  Ticket plain("mon 10:00");
  plain.outbound("mon 11:30");
  Ticket with_outputs("mon 10:00");
  with_outputs.sla_event(domain::EventType::SlaAtRisk, "first_response", "mon 10:45")
      .sla_event(domain::EventType::SlaBreached, "first_response", "mon 11:00")
      .outbound("mon 11:30")
      .sla_event(domain::EventType::SlaAtRisk, "resolution", "mon 16:00");
  const SlaState expected = plain.at(office_policy(), "tue 12:00");
  const SlaState actual = with_outputs.at(office_policy(), "tue 12:00");
  EXPECT_EQ(actual.cycles, expected.cycles);
  EXPECT_EQ(actual.due_notices, expected.due_notices);
  EXPECT_EQ(actual.next_deadline, expected.next_deadline);
}

TEST(SlaClock, EventsAreTakenInSeqOrderWhateverOrderTheyArriveIn) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:30").inbound("mon 11:00").status(Status::Pending, "mon 12:00");
  std::vector<domain::TicketEvent> reversed(ticket.events().rbegin(), ticket.events().rend());
  const BusinessCalendar office = calendar_from(kOffice);
  auto in_order = ticket.evaluate_at(office_policy(), office, cet("tue 10:00"));
  auto shuffled = evaluate(office_policy(), office, ticket.created(), reversed, cet("tue 10:00"));
  ASSERT_TRUE(in_order.ok() && shuffled.ok());
  EXPECT_EQ(shuffled->cycles, in_order->cycles);
  EXPECT_EQ(shuffled->due_notices, in_order->due_notices);
}

TEST(SlaClock, EventsAfterNowAreNotYetApplied) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:30");
  const SlaState before = ticket.at(only(SlaTarget::FirstResponse, 60), "mon 10:20");
  EXPECT_EQ(current(before, SlaTarget::FirstResponse).state, ClockState::Running);
  EXPECT_EQ(current(before, SlaTarget::FirstResponse).business_seconds_used, 20 * kMinute);
  const SlaState before_creation = ticket.at(only(SlaTarget::FirstResponse, 60), "mon 09:00");
  EXPECT_TRUE(before_creation.cycles.empty());
  EXPECT_TRUE(before_creation.current.empty());
  EXPECT_EQ(before_creation.next_deadline, std::nullopt);
}

TEST(SlaClock, AnEventStampedBeforeItsPredecessorIsTakenAtThePredecessorsTime) {
  Ticket ticket("mon 10:00");
  ticket.note("mon 10:30").outbound("mon 10:40");
  std::vector<domain::TicketEvent> events = ticket.events();
  // A server clock that went backwards stamped the reply 10:20; it counts at 10:30.
  for (auto& event : events) {
    if (event.message_kind == MessageKind::Outbound || event.type == domain::EventType::StatusChanged) {
      event.at = cet("mon 10:20");
    }
  }
  const BusinessCalendar office = calendar_from(kOffice);
  auto state =
      evaluate(only(SlaTarget::FirstResponse, 60), office, ticket.created(), events, cet("mon 12:00"));
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(current(*state, SlaTarget::FirstResponse).met_at, cet("mon 10:30"));
  EXPECT_EQ(current(*state, SlaTarget::FirstResponse).business_seconds_used, 30 * kMinute);
}

TEST(SlaClock, OtherChangesNeitherStartNorStopClocks) {
  Ticket plain("mon 10:00");
  Ticket changed("mon 10:00");
  changed.priority(domain::Priority::Urgent, "mon 10:10").status(Status::Open, "mon 10:20");
  const SlaState expected = plain.at(office_policy(), "mon 12:00");
  EXPECT_EQ(changed.at(office_policy(), "mon 12:00").cycles, expected.cycles);
}

TEST(SlaClock, OnlyTheTargetsThePolicySetsHaveClocks) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:30").inbound("mon 11:00");
  const SlaState state = ticket.at(only(SlaTarget::NextResponse, 30), "mon 11:10");
  ASSERT_EQ(state.cycles.size(), 1u);
  EXPECT_EQ(state.cycles[0].target, SlaTarget::NextResponse);
  EXPECT_EQ(state.cycles[0].due_at, cet("mon 11:30"));
}

TEST(SlaClock, ACalendarThatNeverOpensIsAnError) {
  Ticket ticket("mon 10:00");
  const BusinessCalendar closed = calendar_from(R"({"timezone":"Europe/Amsterdam"})");
  auto state = ticket.evaluate_at(office_policy(), closed, cet("mon 11:00"));
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(state.error().kind, kNoOpeningHours);
}

TEST(SlaClock, TwentyFourSevenCalendarsCountEveryHour) {
  Ticket ticket("fri 16:30");
  auto always = BusinessCalendar::always_open("Europe/Amsterdam");
  ASSERT_TRUE(always.ok());
  auto state = ticket.evaluate_at(only(SlaTarget::Resolution, 24 * 60), *always, cet("sat 10:00"));
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(current(*state, SlaTarget::Resolution).due_at, cet("sat 16:30"));
}

// --- escalation -----------------------------------------------------------------------------

SlaPolicy ladder_policy() {
  SlaPolicy policy = office_policy();
  policy.escalation = {{SlaTarget::FirstResponse, 0.75, EscalationStep::Action::NotifyAssignee, {}},
                       {SlaTarget::FirstResponse, 1.0, EscalationStep::Action::NotifyTeamLead, {}},
                       {SlaTarget::FirstResponse, 1.0, EscalationStep::Action::RaisePriority, {}},
                       {SlaTarget::Resolution, 1.5, EscalationStep::Action::ReassignTeam, domain::TeamId{4}}};
  return policy;
}

TEST(SlaClock, EscalationStepsFallDueAtSeventyFiveHundredAndHundredFiftyPercent) {
  Ticket ticket("mon 10:00");
  SlaState state = ticket.at(ladder_policy(), "mon 10:44");
  EXPECT_TRUE(state.escalations_due.empty());
  state = ticket.at(ladder_policy(), "mon 12:00");
  EXPECT_EQ(state.escalations_due,
            (std::vector<EscalationDue>{{0, SlaTarget::FirstResponse, 1, cet("mon 10:45")},
                                        {1, SlaTarget::FirstResponse, 1, cet("mon 11:00")},
                                        {2, SlaTarget::FirstResponse, 1, cet("mon 11:00")}}));
  // Resolution 8 business hours; 150% is 12 h: 7 h on Monday, 5 h on Tuesday.
  state = ticket.at(ladder_policy(), "tue 13:59:59");
  EXPECT_EQ(state.escalations_due.size(), 3u);
  EXPECT_EQ(state.next_deadline, cet("tue 14:00"));
  state = ticket.at(ladder_policy(), "tue 14:00");
  ASSERT_EQ(state.escalations_due.size(), 4u);
  EXPECT_EQ(state.escalations_due.back(), (EscalationDue{3, SlaTarget::Resolution, 1, cet("tue 14:00")}));
  EXPECT_EQ(state.next_deadline, std::nullopt);
}

TEST(SlaClock, EscalationStepsAfterTheCycleIsMetNeverFallDue) {
  Ticket ticket("mon 10:00");
  ticket.outbound("mon 10:50");
  const SlaState state = ticket.at(ladder_policy(), "mon 12:00");
  EXPECT_EQ(state.escalations_due,
            (std::vector<EscalationDue>{{0, SlaTarget::FirstResponse, 1, cet("mon 10:45")}}));
}

TEST(SlaClock, EscalationStepsAccountForPauses) {
  SlaPolicy policy = only(SlaTarget::Resolution, 60);
  policy.escalation = {{SlaTarget::Resolution, 1.5, EscalationStep::Action::NotifyManager, {}}};
  Ticket ticket("mon 09:00");
  ticket.status(Status::Pending, "mon 09:30").inbound("mon 13:00");  // paused 09:30-13:00
  const SlaState state = ticket.at(policy, "mon 16:00");
  EXPECT_EQ(state.escalations_due,
            (std::vector<EscalationDue>{{0, SlaTarget::Resolution, 1, cet("mon 14:00")}}));
  EXPECT_EQ(current(state, SlaTarget::Resolution).due_at, cet("mon 13:30"));
}

TEST(SlaClock, EscalationStepsRepeatForEveryCycleOfTheirTarget) {
  SlaPolicy policy = only(SlaTarget::NextResponse, 60);
  policy.escalation = {{SlaTarget::NextResponse, 1.0, EscalationStep::Action::NotifyTeamLead, {}}};
  Ticket ticket("mon 09:00");
  ticket.outbound("mon 09:10")
      .inbound("mon 09:20")
      .outbound("mon 11:00")
      .inbound("mon 12:00")
      .outbound("mon 14:00");
  const SlaState state = ticket.at(policy, "mon 16:00");
  EXPECT_EQ(state.escalations_due,
            (std::vector<EscalationDue>{{0, SlaTarget::NextResponse, 1, cet("mon 10:20")},
                                        {0, SlaTarget::NextResponse, 2, cet("mon 13:00")}}));
}

}  // namespace
}  // namespace sp::sla

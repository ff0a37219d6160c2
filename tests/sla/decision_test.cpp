// The SLA decision (sla/decision.hpp) over clocks evaluated from ticket histories built with
// the domain rules (ticket_history.hpp). The ticket is created on Monday at 10:00 CET, within
// the office hours, and times are given as minutes after that; every threshold falls within
// Monday's opening hours (up to minute 420), so business minutes are plain minutes.
#include "sla/decision.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sla/ticket_history.hpp"

namespace sp::sla {
namespace {

using Action = EscalationStep::Action;
using domain::Status;

constexpr domain::AgentId kAssignee{3};
constexpr domain::TeamId kTeam{2};

Timestamp minute(int minutes) {
  return testing::cet("mon 10:00") + std::chrono::minutes(minutes);
}

// A customer's ticket created at minute 0 and assigned at once to kAssignee in kTeam.
class History {
 public:
  History() : ticket_(minute(0)) {
    domain::TicketPatch assign;
    assign.assignee_id = std::optional<domain::AgentId>(kAssignee);
    assign.team_id = std::optional<domain::TeamId>(kTeam);
    ticket_.patch(assign, minute(0));
  }

  History& reply(int at_minute) {
    ticket_.outbound(minute(at_minute));
    return *this;
  }

  History& status(Status status, int at_minute) {
    ticket_.status(status, minute(at_minute));
    return *this;
  }

  SlaState state(const SlaPolicy& policy, int now_minute) const {
    return ticket_.at(policy, minute(now_minute));
  }

  SlaDecision decision(const SlaPolicy& policy, int now_minute,
                       const std::vector<NoticeKey>& already_fired = {}) const {
    return decide(policy, state(policy, now_minute), ticket(), already_fired, minute(now_minute));
  }

  const domain::Ticket& ticket() const { return ticket_.current(); }

 private:
  testing::Ticket ticket_;
};

// First response within 60 minutes, at risk at 75% (minute 45).
SlaPolicy first_response_policy() {
  SlaPolicy policy = testing::standard_policy(9);
  policy.first_response_minutes = 60;
  return policy;
}

SlaPolicy ladder_policy() {
  SlaPolicy policy = first_response_policy();
  policy.escalation = {{SlaTarget::FirstResponse, 0.5, Action::NotifyAssignee, {}},
                       {SlaTarget::FirstResponse, 1.0, Action::NotifyTeamLead, {}},
                       {SlaTarget::FirstResponse, 1.5, Action::RaisePriority, {}},
                       {SlaTarget::FirstResponse, 2.0, Action::ReassignTeam, domain::TeamId{8}},
                       {SlaTarget::FirstResponse, 2.0, Action::NotifyManager, {}}};
  return policy;
}

NoticeKey at_risk(SlaTarget target = SlaTarget::FirstResponse, int cycle = 1) {
  return {target, cycle, NoticeKind::at_risk()};
}
NoticeKey breached(SlaTarget target = SlaTarget::FirstResponse, int cycle = 1) {
  return {target, cycle, NoticeKind::breached()};
}
NoticeKey escalation(std::size_t step) {
  return {SlaTarget::FirstResponse, 1, NoticeKind::escalation(step)};
}

std::vector<NoticeKey> keys_of(const SlaDecision& decision) {
  std::vector<NoticeKey> keys;
  for (const auto& notice : decision.notices) keys.push_back(notice.key);
  return keys;
}

const Recipient kToAssignee{kAssignee, std::nullopt};

TEST(SlaDecision, NothingFiresBeforeTheAtRiskInstantAndTheTimerWaitsForIt) {
  const SlaDecision decision = History().decision(first_response_policy(), 44);
  EXPECT_TRUE(decision.notices.empty());
  EXPECT_TRUE(decision.changes.empty());
  EXPECT_EQ(decision.timer, (TimerEntry{minute(45), minute(60), false, false}));
}

TEST(SlaDecision, AtRiskFiresOnceToTheAssignee) {
  const History history;
  const SlaDecision decision = history.decision(first_response_policy(), 45);
  EXPECT_EQ(decision.notices,
            (std::vector<NoticeToFire>{{at_risk(), minute(45), kToAssignee, std::nullopt}}));
  EXPECT_EQ(decision.timer, (TimerEntry{minute(60), minute(60), true, false}));
  EXPECT_TRUE(history.decision(first_response_policy(), 50, {at_risk()}).notices.empty());
}

TEST(SlaDecision, BreachFiresOnceAndMarksTheTimerBreached) {
  const History history;
  EXPECT_EQ(keys_of(history.decision(first_response_policy(), 60, {at_risk()})),
            std::vector<NoticeKey>{breached()});
  const SlaDecision later = history.decision(first_response_policy(), 90, {breached(), at_risk()});
  EXPECT_TRUE(later.notices.empty());
  // Nothing is left to wait for, but the overdue clock keeps its place in the queue.
  EXPECT_EQ(later.timer, (TimerEntry{std::nullopt, minute(60), false, true}));
}

TEST(SlaDecision, UnassignedTicketsNotifyTheManagers) {
  History history;
  domain::Ticket unassigned = history.ticket();
  unassigned.assignee_id.reset();
  const SlaPolicy policy = first_response_policy();
  const SlaDecision decision = decide(policy, history.state(policy, 60), unassigned, {}, minute(60));
  ASSERT_EQ(decision.notices.size(), 2u);
  EXPECT_EQ(decision.notices[0].recipient, Recipient{});
  EXPECT_EQ(decision.notices[1].recipient, Recipient{});
}

TEST(SlaDecision, EscalationStepsFireAtTheirFractionsWithTheirRecipients) {
  const History history;
  const SlaPolicy policy = ladder_policy();
  EXPECT_EQ(keys_of(history.decision(policy, 29)), std::vector<NoticeKey>{});
  EXPECT_EQ(keys_of(history.decision(policy, 30)), std::vector<NoticeKey>{escalation(0)});
  EXPECT_EQ(history.decision(policy, 30).timer.next_deadline, minute(45));
  const std::vector<NoticeKey> fired = {escalation(0), at_risk()};
  EXPECT_EQ(history.decision(policy, 60, fired).notices,
            (std::vector<NoticeToFire>{
                {breached(), minute(60), kToAssignee, std::nullopt},
                {escalation(1), minute(60), Recipient{std::nullopt, kTeam}, Action::NotifyTeamLead}}));
  const SlaDecision at_150 =
      history.decision(policy, 90, {at_risk(), breached(), escalation(0), escalation(1)});
  EXPECT_EQ(at_150.notices,
            (std::vector<NoticeToFire>{{escalation(2), minute(90), Recipient{}, Action::RaisePriority}}));
  EXPECT_EQ(at_150.changes,
            (std::vector<EscalationChange>{{escalation(2), Action::RaisePriority, std::nullopt}}));
  EXPECT_EQ(at_150.timer.next_deadline, minute(120));
}

TEST(SlaDecision, ReassigningNotifiesTheNewTeamAndNamesItInTheChange) {
  const SlaDecision decision = History().decision(
      ladder_policy(), 120, {at_risk(), breached(), escalation(0), escalation(1), escalation(2)});
  EXPECT_EQ(decision.notices,
            (std::vector<NoticeToFire>{{escalation(3), minute(120),
                                        Recipient{std::nullopt, domain::TeamId{8}}, Action::ReassignTeam},
                                       {escalation(4), minute(120), Recipient{}, Action::NotifyManager}}));
  EXPECT_EQ(decision.changes,
            (std::vector<EscalationChange>{{escalation(3), Action::ReassignTeam, domain::TeamId{8}}}));
  EXPECT_EQ(decision.timer.next_deadline, std::nullopt);
}

TEST(SlaDecision, AlreadyFiredNoticesAreNeverRepeatedWhateverTheirOrder) {
  const std::vector<NoticeKey> all = {escalation(4), escalation(2), breached(),   escalation(0),
                                      escalation(3), at_risk(),     escalation(1)};
  const SlaDecision decision = History().decision(ladder_policy(), 500, all);
  EXPECT_TRUE(decision.notices.empty());
  EXPECT_TRUE(decision.changes.empty());
  EXPECT_TRUE(decision.timer.breached);
}

TEST(SlaDecision, NoticesOfAnotherCycleOrTargetDoNotCountAsFired) {
  const std::vector<NoticeKey> others = {at_risk(SlaTarget::FirstResponse, 2),
                                         at_risk(SlaTarget::Resolution, 1)};
  EXPECT_EQ(keys_of(History().decision(first_response_policy(), 45, others)),
            std::vector<NoticeKey>{at_risk()});
}

TEST(SlaDecision, DeadlinesThatPassedWhileNobodyLookedFireAtTheirOwnInstants) {
  // The server was down from minute 10 to minute 200: the first decision after it lists
  // everything reached meanwhile, at-risk and breach first, then the ladder in order.
  const SlaDecision decision = History().decision(ladder_policy(), 200);
  EXPECT_EQ(keys_of(decision), (std::vector<NoticeKey>{at_risk(), breached(), escalation(0), escalation(1),
                                                       escalation(2), escalation(3), escalation(4)}));
  std::vector<Timestamp> instants;
  for (const auto& notice : decision.notices) instants.push_back(notice.at);
  EXPECT_EQ(instants, (std::vector<Timestamp>{minute(45), minute(60), minute(30), minute(60), minute(90),
                                              minute(120), minute(120)}));
  ASSERT_EQ(decision.changes.size(), 2u);
  EXPECT_EQ(decision.changes[0].notice, escalation(2));
  EXPECT_EQ(decision.changes[1].notice, escalation(3));
}

TEST(SlaDecision, AMetCycleFiresOnlyWhatWasReachedBeforeIt) {
  History history;
  history.reply(50);
  const SlaDecision decision = history.decision(ladder_policy(), 300);
  EXPECT_EQ(keys_of(decision), (std::vector<NoticeKey>{at_risk(), escalation(0)}));
  EXPECT_EQ(decision.timer, TimerEntry{});
}

TEST(SlaDecision, APausedClockFiresNothingAndSetsNoDeadline) {
  SlaPolicy policy = first_response_policy();
  policy.first_response_minutes.reset();
  policy.resolution_minutes = 60;
  History history;
  history.status(Status::Pending, 10);
  const SlaDecision paused = history.decision(policy, 300);
  EXPECT_TRUE(paused.notices.empty());
  EXPECT_EQ(paused.timer, TimerEntry{});
  // Resumed at minute 300 with 50 minutes left: at risk at 335, due at 350.
  history.status(Status::Open, 300);
  const SlaDecision resumed = history.decision(policy, 301);
  EXPECT_TRUE(resumed.notices.empty());
  EXPECT_EQ(resumed.timer, (TimerEntry{minute(335), minute(350), false, false}));
  EXPECT_EQ(keys_of(history.decision(policy, 335)), std::vector<NoticeKey>{at_risk(SlaTarget::Resolution)});
}

TEST(SlaDecision, TheNextDeadlineIsTheEarliestThresholdOfAnyRunningClock) {
  SlaPolicy policy = first_response_policy();
  policy.resolution_minutes = 40;  // at risk at 30, due at 40
  const History history;
  EXPECT_EQ(history.decision(policy, 0).timer, (TimerEntry{minute(30), minute(40), false, false}));
  EXPECT_EQ(history.decision(policy, 30).timer, (TimerEntry{minute(40), minute(40), true, false}));
  // Resolution breached at 40: first response's at-risk instant is next; the queue sorts by
  // the overdue clock.
  EXPECT_EQ(history.decision(policy, 41).timer, (TimerEntry{minute(45), minute(40), false, true}));
}

TEST(SlaDecision, AStepMissingFromTheLadderIsSkipped) {
  const History history;
  SlaState state = history.state(first_response_policy(), 10);
  state.escalations_due.push_back({3, SlaTarget::FirstResponse, 1, minute(5)});
  const SlaDecision decision = decide(first_response_policy(), state, history.ticket(), {}, minute(10));
  EXPECT_TRUE(decision.notices.empty());
  EXPECT_TRUE(decision.changes.empty());
}

TEST(SlaDecision, RaisingPriorityGoesOneLevelUpAndStopsAtUrgent) {
  domain::Ticket ticket = History().ticket();
  const EscalationChange raise{escalation(2), Action::RaisePriority, std::nullopt};
  ticket.priority = domain::Priority::Normal;
  EXPECT_EQ(escalation_patch(raise, ticket).priority, domain::Priority::High);
  ticket.priority = domain::Priority::Urgent;
  EXPECT_TRUE(escalation_patch(raise, ticket).empty());
}

TEST(SlaDecision, ReassigningMovesTheTicketToTheStepsTeam) {
  const EscalationChange reassign{escalation(3), Action::ReassignTeam, domain::TeamId{8}};
  const auto patch = escalation_patch(reassign, History().ticket());
  ASSERT_TRUE(patch.team_id.has_value());
  EXPECT_EQ(*patch.team_id, domain::TeamId{8});
  EXPECT_FALSE(patch.priority.has_value());
}

TEST(SlaDecision, AClosedTicketIsNeverChangedByAnEscalation) {
  domain::Ticket ticket = History().ticket();
  ticket.status = Status::Closed;
  EXPECT_TRUE(escalation_patch({escalation(2), Action::RaisePriority, std::nullopt}, ticket).empty());
  EXPECT_TRUE(escalation_patch({escalation(3), Action::ReassignTeam, domain::TeamId{8}}, ticket).empty());
}

TEST(NoticeKind, StoredTextKeepsTheSpellingOfExistingRows) {
  EXPECT_EQ(to_string(NoticeKind::at_risk()), "at_risk");
  EXPECT_EQ(to_string(NoticeKind::breached()), "breached");
  EXPECT_EQ(to_string(NoticeKind::escalation(0)), "escalation:0");
  EXPECT_EQ(to_string(NoticeKind::escalation(12)), "escalation:12");
}

TEST(NoticeKind, TextRoundTripsToTheSameKind) {
  for (const NoticeKind kind : {NoticeKind::at_risk(), NoticeKind::breached(), NoticeKind::escalation(0),
                                NoticeKind::escalation(7), NoticeKind::escalation(123)}) {
    auto parsed = parse_notice_kind(to_string(kind));
    ASSERT_TRUE(parsed.ok()) << to_string(kind);
    EXPECT_EQ(*parsed, kind);
  }
}

TEST(NoticeKind, AnyOtherTextIsRejected) {
  for (const std::string text :
       {"", "AT_RISK", "breach", "escalation", "escalation:", "escalation:01", "escalation:-1",
        "escalation:+1", "escalation:1x", "escalation: 1", "escalation:99999999999999999999999"}) {
    auto parsed = parse_notice_kind(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidInput);
  }
}

}  // namespace
}  // namespace sp::sla

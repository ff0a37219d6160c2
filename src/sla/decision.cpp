#include "sla/decision.hpp"

#include <algorithm>
#include <charconv>

namespace sp::sla {

namespace {

constexpr std::string_view kEscalationPrefix = "escalation:";

bool fired_before(std::span<const NoticeKey> already_fired, const NoticeKey& key) {
  return std::find(already_fired.begin(), already_fired.end(), key) != already_fired.end();
}

Recipient escalation_recipient(const EscalationStep& step, const domain::Ticket& ticket) {
  using Action = EscalationStep::Action;
  Recipient recipient;
  if (step.action == Action::NotifyAssignee) recipient.agent = ticket.assignee_id;
  if (step.action == Action::NotifyTeamLead || step.action == Action::ReassignTeam) {
    recipient.team = step.team ? step.team : ticket.team_id;
  }
  return recipient;
}

bool changes_ticket(EscalationStep::Action action) {
  return action == EscalationStep::Action::RaisePriority || action == EscalationStep::Action::ReassignTeam;
}

// Only the latest cycle of each target counts: an earlier cycle is over.
TimerEntry timer_entry(const SlaState& state, Timestamp now) {
  TimerEntry timer;
  timer.next_deadline = state.next_deadline;
  auto consider_due = [&](const std::optional<Timestamp>& due_at) {
    if (due_at && (!timer.due_at || *due_at < *timer.due_at)) timer.due_at = due_at;
  };
  for (const auto& cycle : state.current) {
    if (cycle.state == ClockState::Breached && !cycle.met_at) {
      timer.breached = true;
      // An overdue clock is the most urgent of all: it sorts by the time it fell due.
      consider_due(cycle.due_at);
    }
    if (cycle.state == ClockState::Running) {
      consider_due(cycle.due_at);
      if (cycle.at_risk_at && *cycle.at_risk_at <= now) timer.at_risk = true;
    }
  }
  return timer;
}

}  // namespace

std::string to_string(NoticeKind kind) {
  switch (kind.type) {
    case NoticeKind::Type::AtRisk:
      return std::string(to_string(SlaNotice::Kind::AtRisk));
    case NoticeKind::Type::Breached:
      return std::string(to_string(SlaNotice::Kind::Breached));
    case NoticeKind::Type::Escalation:
      return std::string(kEscalationPrefix) + std::to_string(kind.escalation_step);
  }
  return {};
}

Result<NoticeKind> parse_notice_kind(std::string_view text) {
  if (text == to_string(SlaNotice::Kind::AtRisk)) return NoticeKind::at_risk();
  if (text == to_string(SlaNotice::Kind::Breached)) return NoticeKind::breached();
  if (text.starts_with(kEscalationPrefix)) {
    const std::string_view digits = text.substr(kEscalationPrefix.size());
    std::size_t step = 0;
    const auto* end = digits.data() + digits.size();
    auto [ptr, ec] = std::from_chars(digits.data(), end, step);
    // One spelling per step, so that text -> kind -> text is the identity.
    const bool canonical = !digits.empty() && (digits.size() == 1 || digits.front() != '0');
    if (ec == std::errc{} && ptr == end && canonical) return NoticeKind::escalation(step);
  }
  return invalid_input("unknown SLA notice kind '" + std::string(text) +
                       "' (use at_risk, breached or escalation:<step>)");
}

SlaDecision decide(const SlaPolicy& policy, const SlaState& state, const domain::Ticket& ticket,
                   std::span<const NoticeKey> already_fired, Timestamp now) {
  SlaDecision decision;
  decision.timer = timer_entry(state, now);
  for (const auto& notice : state.due_notices) {
    NoticeKey key{notice.target, notice.cycle,
                  notice.kind == SlaNotice::Kind::AtRisk ? NoticeKind::at_risk() : NoticeKind::breached()};
    if (fired_before(already_fired, key)) continue;
    decision.notices.push_back({key, notice.at, Recipient{ticket.assignee_id, std::nullopt}, std::nullopt});
  }
  for (const auto& due : state.escalations_due) {
    if (due.step >= policy.escalation.size()) continue;
    const auto& step = policy.escalation[due.step];
    NoticeKey key{due.target, due.cycle, NoticeKind::escalation(due.step)};
    if (fired_before(already_fired, key)) continue;
    decision.notices.push_back({key, due.at, escalation_recipient(step, ticket), step.action});
    if (changes_ticket(step.action)) decision.changes.push_back({key, step.action, step.team});
  }
  return decision;
}

domain::TicketPatch escalation_patch(const EscalationChange& change, const domain::Ticket& current) {
  using Action = EscalationStep::Action;
  domain::TicketPatch patch;
  if (current.status == domain::Status::Closed) return patch;
  if (change.action == Action::RaisePriority && current.priority != domain::Priority::Urgent) {
    patch.priority = static_cast<domain::Priority>(static_cast<int>(current.priority) + 1);
  }
  if (change.action == Action::ReassignTeam && change.team) {
    patch.team_id = std::optional<domain::TeamId>(*change.team);
  }
  return patch;
}

}  // namespace sp::sla

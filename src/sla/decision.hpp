// What the SLA engine does about a ticket at `now` (issue 15): given the ticket's evaluated
// clocks (sla_clock.hpp), its policy and the notices that already fired, decide() lists the
// notices to record (at risk, breached, escalation step n, each for a target and cycle), who
// hears of each, the ticket changes escalation steps make, and the ticket's entry in the
// scheduler's timer index. The caller (service::SlaService) applies that and decides nothing.
//
// Exactly once: a notice is identified by its NoticeKey (target, cycle, kind); decide() never
// lists a key that is among the fired ones, and the caller records keys under a uniqueness
// constraint, so a racing second writer cannot repeat one either. Because evaluate() lists
// every reached instant of every cycle, a deadline that passed while nobody looked (server
// down, policy changed) fires at the next decision.
//
// Pure value types and functions: no I/O, no clock reads, safe on many threads at once.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"
#include "domain/ticket_rules.hpp"
#include "sla/policy.hpp"
#include "sla/sla_clock.hpp"

namespace sp::sla {

// What a notice says: the cycle became at risk, breached, or reached an escalation step.
struct NoticeKind {
  enum class Type { AtRisk, Breached, Escalation };

  Type type = Type::AtRisk;
  std::size_t escalation_step = 0;  // index into SlaPolicy::escalation; 0 unless Escalation

  static NoticeKind at_risk() { return {Type::AtRisk, 0}; }
  static NoticeKind breached() { return {Type::Breached, 0}; }
  static NoticeKind escalation(std::size_t step) { return {Type::Escalation, step}; }

  friend auto operator<=>(const NoticeKind&, const NoticeKind&) = default;
};

// The stored spelling of a kind (the sla_notices.kind column; existing rows and the
// table's uniqueness constraint depend on it): "at_risk", "breached", "escalation:<step>"
// with the step in decimal without leading zeros.
std::string to_string(NoticeKind kind);
// The inverse of to_string(NoticeKind). Fails with InvalidInput for any other text.
Result<NoticeKind> parse_notice_kind(std::string_view text);

// The durable identity of a notice: each key fires at most once per ticket.
struct NoticeKey {
  SlaTarget target = SlaTarget::FirstResponse;
  int cycle = 1;
  NoticeKind kind;

  friend auto operator<=>(const NoticeKey&, const NoticeKey&) = default;
};

// Who hears of a notice: one agent, the lead(s) of a team, or (neither set) the managers.
struct Recipient {
  std::optional<domain::AgentId> agent;
  std::optional<domain::TeamId> team;

  friend bool operator==(const Recipient&, const Recipient&) = default;
};

// A notice to record now, with its notification.
struct NoticeToFire {
  NoticeKey key;
  Timestamp at;  // the at-risk, due or escalation instant the notice is about
  Recipient recipient;
  // For an escalation notice: the step's action (what the notification reports).
  std::optional<EscalationStep::Action> action;

  friend bool operator==(const NoticeToFire&, const NoticeToFire&) = default;
};

// A ticket change an escalation step makes (raise_priority, reassign_team). It must run only
// if its notice was newly recorded, after recording it, so a crash in between loses the
// change rather than repeating it.
struct EscalationChange {
  NoticeKey notice;
  EscalationStep::Action action = EscalationStep::Action::RaisePriority;
  std::optional<domain::TeamId> team;  // the target team of reassign_team

  friend bool operator==(const EscalationChange&, const EscalationChange&) = default;
};

// The ticket's row in the scheduler's timer index.
struct TimerEntry {
  // When the ticket must be looked at again (SlaState::next_deadline); empty: never.
  std::optional<Timestamp> next_deadline;
  // The earliest due time of a running or breached-and-unmet cycle, for due-ordered queues.
  std::optional<Timestamp> due_at;
  bool at_risk = false;   // a running cycle is past its at-risk instant
  bool breached = false;  // a cycle is breached and not yet met

  friend bool operator==(const TimerEntry&, const TimerEntry&) = default;
};

// Everything to apply. The default value (nothing fires, empty timer) is the decision for a
// ticket no policy matches.
struct SlaDecision {
  // Not fired before; the at-risk and breach notices in SlaState::due_notices order, then the
  // escalation notices in SlaState::escalations_due order.
  std::vector<NoticeToFire> notices;
  // One per raise_priority / reassign_team notice in `notices`, in the same order.
  std::vector<EscalationChange> changes;
  TimerEntry timer;

  friend bool operator==(const SlaDecision&, const SlaDecision&) = default;
};

// Decides what happens to `ticket` (its current row: assignee and team address the
// notifications) whose clocks under `policy` are `state` (evaluate() as of `now`), given the
// keys of the notices recorded before (in any order). Addressing: at-risk and breach notices
// go to the assignee (the managers if unassigned); escalation steps to the assignee
// (notify_assignee), the ticket's team lead (notify_team_lead), the new team's lead
// (reassign_team) or the managers (notify_manager, raise_priority). A step index that is not
// in the policy's ladder is skipped.
[[nodiscard]] SlaDecision decide(const SlaPolicy& policy, const SlaState& state, const domain::Ticket& ticket,
                                 std::span<const NoticeKey> already_fired, Timestamp now);

// The patch `change` makes to the ticket as it is when the change runs (`current`): one
// priority level up (none above urgent), or the new team. Empty when nothing would change or
// the ticket is closed.
domain::TicketPatch escalation_patch(const EscalationChange& change, const domain::Ticket& current);

}  // namespace sp::sla

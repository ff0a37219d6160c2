// SLA clocks (issue 4): a ticket's SLA state, derived from its event history by one pure
// function, so it is the same after a restart and is recomputed deterministically whenever the
// policy or the calendar changes.
//
// evaluate() folds the history once, in seq order, under ONE policy (the one select_policy picks
// for the ticket as it is now) and the policy's calendar. Each target runs in cycles; a cycle has
// a budget of target_minutes * 60 business seconds of the calendar, counted with
// business_seconds() while the cycle runs.
//
// Rules (issue 4; "solved" below means the status solved or closed):
//  - First response: one cycle, started when the ticket is created (its Created event; without
//    one, created_state.created_at). Met by the first Outbound message. Notes never count, for
//    any target. Solving the ticket also meets it (nothing is left to answer).
//  - Next response: a cycle starts at an Inbound message that arrives when no next-response cycle
//    runs and the first-response phase is over (an Outbound message was sent or the ticket was
//    solved); inbound messages before that are covered by the first response. Further inbound
//    messages while a cycle runs do not restart it: the oldest unanswered message counts. Met by
//    the next Outbound message, or by solving the ticket. A customer message on a solved ticket
//    (which reopens it) therefore starts a cycle. An automatic inbound message (out-of-office,
//    domain::is_automatic_message) starts nothing.
//  - Periodic update: while the ticket is not solved the customer hears from us at least every
//    N minutes. Cycle 1 starts at creation; each Outbound message meets the running cycle and
//    starts the next one at the same instant; solving meets the running cycle; reopening
//    (solved -> not solved) starts a new cycle. An Outbound message on a solved ticket starts
//    nothing.
//  - Resolution: one cycle, started at creation, paused while the status is in
//    policy.pause_resolution_on (default pending), met when solved. On reopen the same cycle 1
//    resumes with its used time kept and met_at cleared (Running again, or Breached if it ever
//    was). Instants already reached are never un-reached.
//  - Pauses (issue 16): each target has its own pausing statuses (SlaPolicy::pauses; by default
//    only resolution, on pending). A cycle pauses when the status enters its set, resumes when
//    it leaves it, and a cycle that starts in such a status starts paused. While paused, due_at
//    is empty and remaining is frozen; on resuming at instant r the due time is
//    add_business_seconds(r, remaining).
//  - Options (issue 16; the defaults are the rules above): next_response_starts
//    any_unanswered_inbound starts a next-response cycle at any inbound message no running or
//    paused cycle covers, also before the first reply (so cycle 1 usually starts with the
//    ticket's first message, alongside the first response). solve_meets_first_response false:
//    solving pauses an unmet first response instead of meeting it (it resumes on reopen).
//    periodic_update_starts first_reply: periodic-update cycle 1 starts at the first Outbound
//    message on an unsolved ticket, and reopening starts a cycle only once we have replied.
//  - Thresholds: a cycle with budget T seconds is at risk once round(at_risk_fraction * T)
//    business seconds are used, due once T are used, and escalation step k (of the cycle's
//    target) is due once round(fraction_k * T) are used. The instant a threshold is reached is
//    add_business_seconds(segment start, threshold - used before the segment). A threshold is
//    reached when its instant is <= the end of the running segment (the event that met or
//    paused the cycle, or `now`). Events at the same instant as a threshold come after it: a
//    reply at exactly due_at is late. So due_at is the first late instant, a cycle is in time
//    when met_at < due_at, and at now == due_at an unmet cycle is Breached. Escalation steps
//    apply to every cycle of their target (a next-response step fires once per cycle).
//  - Breached: the due instant was reached before the cycle was met. A breached cycle that is
//    later met stays Breached and records met_at.
//  - SlaAtRisk and SlaBreached events are outputs of the scheduler and are ignored, as are
//    Created (beyond fixing the start) and events that change neither messages nor status.
//    The status is folded from StatusChanged events exactly as domain::replay does.
//  - Evaluation is as of `now`: events after `now` are not applied, so the result for a given
//    (history, policy, calendar, now) never changes, and every notice listed at some `now` is
//    also listed, with the same instant, at every later `now` (history is appended in time
//    order). An event whose time is before its predecessor's is taken at its predecessor's
//    time: time never runs backwards. If `now` is before the ticket's creation no cycle exists.
//  - Policy or calendar change (the rule for running tickets): everything is recomputed from the
//    ticket's creation under the new policy; cycle numbers are stable because they depend only on
//    the history. Notices already recorded stay recorded (the caller's durable key is (ticket,
//    target, cycle, kind)); instants that the new policy puts in the past are listed at once.
//    A change made prospectively or keeping promises (policy_change.hpp) leaves CycleBudgets:
//    a cycle named by one runs on that budget instead of the policy's target (Exact), or on the
//    smaller of the two (Cap); thresholds (at risk, due, escalation steps) scale with it. A
//    budget for a target the policy does not set starts no cycle.
//
// Cost: one pass, O(events) business-time lookups of O(log n) each (about 6 business_seconds
// and 10 add_business_seconds calls for a typical 10-event ticket, about 1.1 us in all; see
// bench/sla/RESULTS.md); working memory is a per-thread scratch buffer, so only the result
// allocates. Pure: no clock reads, no I/O; safe on many threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"
#include "sla/business_calendar.hpp"
#include "sla/policy.hpp"

namespace sp::sla {

// Stable names: "running", "paused", "met", "breached".
enum class ClockState { Running, Paused, Met, Breached };
std::string_view to_string(ClockState state);

struct ClockCycle {
  SlaTarget target = SlaTarget::FirstResponse;
  int cycle = 1;  // 1-based per target
  ClockState state = ClockState::Running;
  Timestamp started_at;
  // The instant the budget is used up: for a running cycle the current due time; for a breached
  // one the instant it fell due; for a met cycle the due time in force when it was met (empty if
  // it was met while paused). Empty while paused.
  std::optional<Timestamp> due_at;
  // The instant the cycle becomes (or became) at risk: for a running cycle the current one; for
  // a paused, met or breached cycle only if it was reached.
  std::optional<Timestamp> at_risk_at;
  std::optional<Timestamp> met_at;
  std::int64_t business_seconds_used = 0;       // up to met_at, the pause, or now
  std::int64_t business_seconds_remaining = 0;  // target - used; negative when over budget

  friend bool operator==(const ClockCycle&, const ClockCycle&) = default;
};

// An at-risk or breach instant that has been reached (see the rules above).
struct SlaNotice {
  enum class Kind { AtRisk, Breached };

  SlaTarget target = SlaTarget::FirstResponse;
  int cycle = 1;
  Kind kind = Kind::AtRisk;
  Timestamp at;  // the at-risk or due instant

  friend bool operator==(const SlaNotice&, const SlaNotice&) = default;
};
std::string_view to_string(SlaNotice::Kind kind);  // "at_risk", "breached"

// An escalation step whose instant has been reached in a cycle of its target.
struct EscalationDue {
  std::size_t step = 0;  // index into SlaPolicy::escalation
  SlaTarget target = SlaTarget::FirstResponse;
  int cycle = 1;
  Timestamp at;  // add_business_seconds over the cycle's running time to fraction * target

  friend bool operator==(const EscalationDue&, const EscalationDue&) = default;
};

// A budget a policy change fixed for one cycle of a ticket (see policy_change.hpp).
struct CycleBudget {
  enum class Kind { Exact, Cap };

  SlaTarget target = SlaTarget::FirstResponse;
  int cycle = 1;
  std::int64_t budget_s = 0;  // business seconds, >= 1 in effect
  Kind kind = Kind::Exact;

  friend bool operator==(const CycleBudget&, const CycleBudget&) = default;
};
// Stable names: "exact", "cap".
std::string_view to_string(CycleBudget::Kind kind);
Result<CycleBudget::Kind> parse_cycle_budget_kind(std::string_view name);

struct SlaState {
  std::int64_t policy_id = 0;
  // Every cycle, in start order (cycles starting together: first_response, next_response,
  // periodic_update, resolution).
  std::vector<ClockCycle> cycles;
  // The latest cycle of each target that has one, in target order.
  std::vector<ClockCycle> current;
  // The earliest instant after `now` at which a running (unmet, unpaused) cycle reaches an
  // at-risk, due or escalation threshold: when a scheduler must evaluate again. Empty when no
  // clock runs. Everything at or before `now` is already in due_notices / escalations_due.
  std::optional<Timestamp> next_deadline;
  // Every reached at-risk / breach instant of every cycle (running or finished), once per
  // (target, cycle, kind), ordered by (at, target, cycle, kind).
  std::vector<SlaNotice> due_notices;
  // Every reached escalation step of every cycle, once per (step, cycle), ordered by
  // (at, target, cycle, step).
  std::vector<EscalationDue> escalations_due;
};

// Evaluates the SLA clocks of one ticket as of `now` (see the rules above).
// `created_state` is the ticket as domain::draft_ticket made it (its status and created_at are
// used); `history` is the ticket's events, normally in seq order (they are sorted by seq if
// not). `budgets` are the ticket's cycle budgets from policy changes (any order; at most one
// per (target, cycle) is used). Fails with the calendar's InvalidInput error (kind
// kNoOpeningHours when the calendar never opens, kOutOfRange outside 1970..2100) when a due
// time cannot be computed.
[[nodiscard]] Result<SlaState> evaluate(const SlaPolicy& policy, const BusinessCalendar& calendar,
                                        const domain::Ticket& created_state,
                                        std::span<const domain::TicketEvent> history, Timestamp now,
                                        std::span<const CycleBudget> budgets = {});

}  // namespace sp::sla

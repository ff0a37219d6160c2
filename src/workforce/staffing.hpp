// Required agents: the smallest number of agents whose Erlang C or Erlang A figures meet a
// set of targets (service level within a threshold, maximum average speed of answer,
// maximum abandonment, maximum occupancy), the staff to schedule after shrinkage, and the
// documented approximations for chat (concurrency) and e-mail/backlog work.
//
// Contract: pure (no I/O, no clock), thread-safe, never throws on bad data. Searches are
// linear in the number of agents, from the first value that can possibly qualify, so the
// answer is the smallest qualifying N even where a figure is not monotone in N. Errors carry
// Error::kind "invalid-request", "unreachable-target" (no N <= kMaxAgents qualifies, or a
// target no finite staff can meet, such as a 100% service level) or, from the formulas,
// "unstable-queue".
#pragma once

#include <optional>

#include "core/result.hpp"
#include "workforce/erlang.hpp"

namespace sp::workforce {

// What a staffing plan must achieve. At least one of the optional targets must be set.
struct StaffingTargets {
  double target_seconds = 0;              // threshold t of the service level
  std::optional<double> service_level;    // minimum share answered within t, in [0, 1]
  std::optional<double> max_asa_seconds;  // maximum mean wait of answered contacts, >= 0
  std::optional<double> max_abandon;      // maximum share abandoning, in [0, 1] (Erlang A only)
  std::optional<double> max_occupancy;    // maximum share of agent time busy, in [0, 1]
  ServiceLevelConvention convention = ServiceLevelConvention::AnsweredWithinOverOffered;

  // True when `metrics` meets every target that is set.
  bool met_by(const QueueMetrics& metrics) const;
};

// The smallest number of agents and the figures it achieves.
struct StaffingResult {
  int agents_required = 0;
  QueueMetrics metrics;  // at agents_required (all zero, with p_answered_within 1, for no load)
};

// Smallest N meeting `targets` under Erlang C (M/M/N, nobody abandons), searching upwards
// from floor(a) + 1, the first stable N. Zero arrivals need zero agents.
// Fails with "invalid-request" for bad arguments, no target set, or max_abandon set (Erlang
// C has no abandonment; use Erlang A), and with "unreachable-target" when no N up to
// kMaxAgents qualifies or a target cannot be met by any finite N (service level 1 with
// arrivals, max_asa_seconds 0 with arrivals).
[[nodiscard]] Result<StaffingResult> required_agents_erlang_c(double arrival_rate_per_hour,
                                                              double aht_seconds,
                                                              const StaffingTargets& targets);

// Smallest N meeting `targets` under Erlang A (M/M/N+M with mean patience
// `patience_seconds`). Searches from one agent upwards (with impatient callers fewer agents
// than Erlangs can meet a target stated over offered contacts), skipping only values that
// provably fail: every N has occupancy <= 1, so P(answered) <= N/a, which bounds a service
// level over offered contacts (SL <= N/a) and abandonment (P(abandon) >= 1 - N/a).
// Fails like required_agents_erlang_c (max_abandon 0 with arrivals is unreachable).
[[nodiscard]] Result<StaffingResult> required_agents_erlang_a(double arrival_rate_per_hour,
                                                              double aht_seconds, double patience_seconds,
                                                              const StaffingTargets& targets);

// Staff to schedule so that `agents_required` are available after `shrinkage` (the share of
// paid time lost to breaks, training, meetings and absence): ceil(N / (1 - shrinkage)),
// rounded with a 1e-9 tolerance so that 14 / 0.7 gives 20, not 21.
// Fails with "invalid-request" unless 0 <= agents_required <= kMaxAgents and
// 0 <= shrinkage < 1, and with "unreachable-target" when the result exceeds kMaxAgents.
[[nodiscard]] Result<int> scheduled_agents(int agents_required, double shrinkage);

// Chat with concurrency: an agent works on up to `concurrency` chats at once. Approximation
// (documented, as used in workforce tools): each agent is `concurrency` independent
// servers ("slots"), each an Erlang C server or, with `patience_seconds`, an Erlang A
// server, whose handle time is `aht_seconds`, the handle time of one chat measured while
// agents multitask (so it already includes the slow-down of concurrency). Required agents =
// ceil(required slots / concurrency); occupancy is per slot. It ignores that a busy agent's
// chats share one person (slots of one agent are not independent), so it is optimistic
// when concurrency is high and chats are bursty; check such plans with simulate().
struct ChatStaffing {
  int agents_required = 0;
  int slots_required = 0;
  QueueMetrics metrics;  // of the slots actually provided: agents_required * concurrency
};

// Fails with "invalid-request" unless 1 <= concurrency <= 20, then like the Erlang search.
[[nodiscard]] Result<ChatStaffing> required_agents_chat(double arrival_rate_per_hour, double aht_seconds,
                                                        int concurrency,
                                                        std::optional<double> patience_seconds,
                                                        const StaffingTargets& targets);

// E-mail and other backlog work that is due within a response time of hours rather than
// seconds. Fluid approximation (no queueing variability, valid when the response target is
// many handle times long): the work arriving at `arrival_rate_per_hour`, plus
// `backlog_contacts` already waiting that must be cleared within `response_target_seconds`,
// must be done by agents busy at most `max_occupancy` of their time:
//   agents = ceil((arrival_rate * AHT + backlog * AHT / T) / (3600 * max_occupancy)).
struct BacklogWork {
  double arrival_rate_per_hour = 0;
  double aht_seconds = 0;
  double response_target_seconds = 0;  // T: every item must be answered within it
  double backlog_contacts = 0;         // items already waiting at the start
  double max_occupancy = 1.0;          // share of time agents can spend on this work, (0, 1]
};

// Fails with "invalid-request" for negative or non-finite numbers, aht_seconds <= 0,
// response_target_seconds < aht_seconds (use Erlang C for such short targets) or
// max_occupancy outside (0, 1]; with "unreachable-target" beyond kMaxAgents.
[[nodiscard]] Result<int> required_agents_backlog(const BacklogWork& work);

}  // namespace sp::workforce

// SLA policies (issue 4): which promise applies to a ticket, and what it promises.
//
// A policy belongs to one tenant, names a business calendar and sets up to four targets in
// business minutes of that calendar (first response, next response, periodic update,
// resolution); at least one is set. Policies are chosen by conditions on the ticket: the first
// matching policy of the ticket's tenant in (position, id) order wins. sla_clock.hpp turns a
// policy and a ticket's history into clock cycles; policy_json.hpp is the JSON form.
// Pure value types and functions; nothing here reads a clock or throws.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/model.hpp"

namespace sp::sla {

// The four kinds of promise. Stable names: "first_response", "next_response",
// "periodic_update", "resolution" (also used as the `field` of SlaAtRisk/SlaBreached events).
enum class SlaTarget { FirstResponse, NextResponse, PeriodicUpdate, Resolution };
inline constexpr std::size_t kSlaTargetCount = 4;

std::string_view to_string(SlaTarget target);
// Fails with InvalidInput listing the accepted names.
Result<SlaTarget> parse_sla_target(std::string_view name);

// Conditions on a ticket. Each non-empty list must match (any of its entries); the lists are
// AND-ed; empty conditions match every ticket. Categories compare exactly with
// Ticket::category; tags_any matches when the ticket has at least one of the tags.
struct PolicyConditions {
  std::vector<domain::Channel> channels;
  std::vector<domain::Priority> priorities;
  std::vector<std::string> categories;
  std::vector<std::string> tags_any;

  friend bool operator==(const PolicyConditions&, const PolicyConditions&) = default;
};

// One rung of an escalation ladder: when `fraction` of `target` has been used (0.75, 1.0,
// 1.5 ...) in a cycle that is not yet met, `action` is due once for that cycle.
struct EscalationStep {
  enum class Action { NotifyAssignee, NotifyTeamLead, NotifyManager, RaisePriority, ReassignTeam };

  SlaTarget target = SlaTarget::FirstResponse;
  double fraction = 1.0;  // of the target's business time, > 0
  Action action = Action::NotifyAssignee;
  std::optional<domain::TeamId> team;  // set exactly for ReassignTeam

  friend bool operator==(const EscalationStep&, const EscalationStep&) = default;
};

// Stable names: "notify_assignee", "notify_team_lead", "notify_manager", "raise_priority",
// "reassign_team".
std::string_view to_string(EscalationStep::Action action);
Result<EscalationStep::Action> parse_escalation_action(std::string_view name);

// When a next-response cycle starts (issue 16 section 3). AfterFirstReply (today's rule): at an
// inbound message once the first-response phase is over. AnyUnansweredInbound (Zammad's
// "response time"): at any inbound message that no running cycle covers, so cycle 1 runs
// alongside the first response. Stable names "after_first_reply", "any_unanswered_inbound".
enum class NextResponseStart { AfterFirstReply, AnyUnansweredInbound };
// When periodic-update cycle 1 starts: Created (today's rule) or FirstReply (RT's KeepInLoop:
// the customer is kept in the loop once we have answered). Stable names "created", "first_reply".
enum class PeriodicUpdateStart { Created, FirstReply };
// A peer whose SLA behaviour a policy copies (see src/sla/README.md). Stable names "zammad",
// "rt", "znuny".
enum class PolicyPreset { Zammad, Rt, Znuny };

std::string_view to_string(NextResponseStart value);
std::string_view to_string(PeriodicUpdateStart value);
std::string_view to_string(PolicyPreset value);
// Each fails with InvalidInput listing the accepted names.
Result<NextResponseStart> parse_next_response_start(std::string_view name);
Result<PeriodicUpdateStart> parse_periodic_update_start(std::string_view name);
Result<PolicyPreset> parse_policy_preset(std::string_view name);

struct SlaPolicy {
  std::int64_t id = 0;
  domain::TenantId tenant_id;
  std::string name;
  int position = 0;  // lower is tried first; ties broken by id
  PolicyConditions conditions;
  std::int64_t calendar_id = 0;
  // Targets in business minutes of the calendar; an absent target has no clock.
  std::optional<std::int64_t> first_response_minutes;
  std::optional<std::int64_t> next_response_minutes;
  std::optional<std::int64_t> periodic_update_minutes;
  std::optional<std::int64_t> resolution_minutes;
  // Statuses that pause each clock (never solved or closed, which stop clocks). Today's rule,
  // the default: only resolution pauses, on pending.
  std::vector<domain::Status> pause_first_response_on;
  std::vector<domain::Status> pause_next_response_on;
  std::vector<domain::Status> pause_periodic_update_on;
  std::vector<domain::Status> pause_resolution_on = {domain::Status::Pending};
  NextResponseStart next_response_starts = NextResponseStart::AfterFirstReply;
  // Whether solving the ticket meets an unanswered first response (today) or only stops its
  // clock (paused, resumed on reopen) so that it never counts as answered.
  bool solve_meets_first_response = true;
  PeriodicUpdateStart periodic_update_starts = PeriodicUpdateStart::Created;
  // The preset the options above were filled from, if any (kept for display and re-encoding).
  std::optional<PolicyPreset> preset;
  // A cycle is at risk once this fraction of its target is used; 0 < fraction < 1.
  double at_risk_fraction = 0.75;
  std::vector<EscalationStep> escalation;

  // The target of `target` in minutes, if the policy sets it.
  std::optional<std::int64_t> target_minutes(SlaTarget target) const;
  // The statuses that pause `target`'s clock.
  const std::vector<domain::Status>& pauses(SlaTarget target) const;
  std::vector<domain::Status>& pauses(SlaTarget target);

  friend bool operator==(const SlaPolicy&, const SlaPolicy&) = default;
};

// Sets the pause sets and the three semantic options of `policy` as `preset` behaves (see
// src/sla/README.md for what each preset means and the peer behaviour behind it).
void apply_preset(SlaPolicy& policy, PolicyPreset preset);

// True when `ticket` satisfies every non-empty list of `conditions` (see PolicyConditions).
bool matches(const PolicyConditions& conditions, const domain::Ticket& ticket);

// Returns the policy that applies to `ticket`: among the policies of the ticket's tenant whose
// conditions match, the one with the lowest (position, id). `policies` may be in any order.
// Returns nullptr when none applies. The pointer points into `policies`. O(n).
const SlaPolicy* select_policy(std::span<const SlaPolicy> policies, const domain::Ticket& ticket);

}  // namespace sp::sla

#include "sla/policy.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace sp::sla {

namespace {

constexpr std::array<std::string_view, kSlaTargetCount> kTargetNames = {"first_response", "next_response",
                                                                        "periodic_update", "resolution"};

constexpr std::array<std::string_view, 5> kActionNames = {
    "notify_assignee", "notify_team_lead", "notify_manager", "raise_priority", "reassign_team"};

template <typename T>
bool contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

constexpr std::array<std::string_view, 2> kNextResponseStartNames = {"after_first_reply",
                                                                     "any_unanswered_inbound"};
constexpr std::array<std::string_view, 2> kPeriodicUpdateStartNames = {"created", "first_reply"};
constexpr std::array<std::string_view, 3> kPresetNames = {"zammad", "rt", "znuny"};

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, E value) {
  const auto idx = static_cast<std::size_t>(value);
  return idx < names.size() ? names[idx] : std::string_view("unknown");
}

template <typename E, std::size_t N>
Result<E> parse_name(const std::array<std::string_view, N>& names, std::string_view name, const char* what) {
  for (std::size_t idx = 0; idx < names.size(); ++idx) {
    if (names[idx] == name) return static_cast<E>(idx);
  }
  return invalid_input(std::string("unknown ") + what + " (use " + joined(names) + ")");
}

}  // namespace

std::string_view to_string(NextResponseStart value) {
  return name_of(kNextResponseStartNames, value);
}
std::string_view to_string(PeriodicUpdateStart value) {
  return name_of(kPeriodicUpdateStartNames, value);
}
std::string_view to_string(PolicyPreset value) {
  return name_of(kPresetNames, value);
}
Result<NextResponseStart> parse_next_response_start(std::string_view name) {
  return parse_name<NextResponseStart>(kNextResponseStartNames, name, "next_response_starts");
}
Result<PeriodicUpdateStart> parse_periodic_update_start(std::string_view name) {
  return parse_name<PeriodicUpdateStart>(kPeriodicUpdateStartNames, name, "periodic_update_starts");
}
Result<PolicyPreset> parse_policy_preset(std::string_view name) {
  return parse_name<PolicyPreset>(kPresetNames, name, "preset");
}

std::string_view to_string(SlaTarget target) {
  const auto idx = static_cast<std::size_t>(target);
  return idx < kTargetNames.size() ? kTargetNames[idx] : std::string_view("unknown");
}

Result<SlaTarget> parse_sla_target(std::string_view name) {
  for (std::size_t idx = 0; idx < kTargetNames.size(); ++idx) {
    if (kTargetNames[idx] == name) return static_cast<SlaTarget>(idx);
  }
  return invalid_input("unknown SLA target (use " + joined(kTargetNames) + ")");
}

std::string_view to_string(EscalationStep::Action action) {
  const auto idx = static_cast<std::size_t>(action);
  return idx < kActionNames.size() ? kActionNames[idx] : std::string_view("unknown");
}

Result<EscalationStep::Action> parse_escalation_action(std::string_view name) {
  for (std::size_t idx = 0; idx < kActionNames.size(); ++idx) {
    if (kActionNames[idx] == name) return static_cast<EscalationStep::Action>(idx);
  }
  return invalid_input("unknown escalation action (use " + joined(kActionNames) + ")");
}

std::optional<std::int64_t> SlaPolicy::target_minutes(SlaTarget target) const {
  switch (target) {
    case SlaTarget::FirstResponse:
      return first_response_minutes;
    case SlaTarget::NextResponse:
      return next_response_minutes;
    case SlaTarget::PeriodicUpdate:
      return periodic_update_minutes;
    case SlaTarget::Resolution:
      return resolution_minutes;
  }
  return std::nullopt;
}

const std::vector<domain::Status>& SlaPolicy::pauses(SlaTarget target) const {
  switch (target) {
    case SlaTarget::FirstResponse:
      return pause_first_response_on;
    case SlaTarget::NextResponse:
      return pause_next_response_on;
    case SlaTarget::PeriodicUpdate:
      return pause_periodic_update_on;
    case SlaTarget::Resolution:
      break;
  }
  return pause_resolution_on;
}

std::vector<domain::Status>& SlaPolicy::pauses(SlaTarget target) {
  return const_cast<std::vector<domain::Status>&>(std::as_const(*this).pauses(target));
}

void apply_preset(SlaPolicy& policy, PolicyPreset preset) {
  using domain::Status;
  policy.preset = preset;
  switch (preset) {
    case PolicyPreset::Zammad:
      // Zammad's pending states ignore escalation: every clock stops while we wait on the
      // customer; its "response time" answers each customer message, first one included;
      // closing ends escalation without recording a first response.
      for (std::size_t idx = 0; idx < kSlaTargetCount; ++idx) {
        policy.pauses(static_cast<SlaTarget>(idx)) = {Status::Pending};
      }
      policy.next_response_starts = NextResponseStart::AnyUnansweredInbound;
      policy.solve_meets_first_response = false;
      policy.periodic_update_starts = PeriodicUpdateStart::Created;
      return;
    case PolicyPreset::Rt:
      // RT's Response deadline is set by every requestor message no staff reply has answered
      // yet; KeepInLoop starts at a staff reply; a stalled ticket ignores Resolve and
      // KeepInLoop (IgnoreOnStatuses in RT's own SLA tests); resolving clears every deadline.
      policy.pause_first_response_on = {};
      policy.pause_next_response_on = {};
      policy.pause_periodic_update_on = {Status::Pending};
      policy.pause_resolution_on = {Status::Pending};
      policy.next_response_starts = NextResponseStart::AnyUnansweredInbound;
      policy.solve_meets_first_response = true;
      policy.periodic_update_starts = PeriodicUpdateStart::FirstReply;
      return;
    case PolicyPreset::Znuny:
      // Znuny (OTRS) suspends escalation in pending states; its update time follows the first
      // response; closing a ticket ends escalation without a first response.
      for (std::size_t idx = 0; idx < kSlaTargetCount; ++idx) {
        policy.pauses(static_cast<SlaTarget>(idx)) = {Status::Pending};
      }
      policy.next_response_starts = NextResponseStart::AfterFirstReply;
      policy.solve_meets_first_response = false;
      policy.periodic_update_starts = PeriodicUpdateStart::Created;
      return;
  }
}

bool matches(const PolicyConditions& conditions, const domain::Ticket& ticket) {
  if (!conditions.channels.empty() && !contains(conditions.channels, ticket.channel)) {
    return false;
  }
  if (!conditions.priorities.empty() && !contains(conditions.priorities, ticket.priority)) {
    return false;
  }
  if (!conditions.categories.empty() && !contains(conditions.categories, ticket.category)) {
    return false;
  }
  if (!conditions.tags_any.empty() &&
      std::none_of(conditions.tags_any.begin(), conditions.tags_any.end(),
                   [&](const std::string& tag) { return contains(ticket.tags, tag); })) {
    return false;
  }
  return true;
}

const SlaPolicy* select_policy(std::span<const SlaPolicy> policies, const domain::Ticket& ticket) {
  const SlaPolicy* best = nullptr;
  for (const SlaPolicy& policy : policies) {
    if (policy.tenant_id != ticket.tenant_id) continue;
    if (best != nullptr && std::pair(policy.position, policy.id) >= std::pair(best->position, best->id)) {
      continue;
    }
    if (matches(policy.conditions, ticket)) best = &policy;
  }
  return best;
}

}  // namespace sp::sla

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

}  // namespace

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

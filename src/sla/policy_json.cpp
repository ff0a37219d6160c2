#include "sla/policy_json.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/validation.hpp"

#include "sla/json_errors.hpp"

namespace sp::sla {

namespace {

using detail::field_error;
using detail::kMaxQuotedChars;
using detail::quote_text;
using detail::type_error;
using detail::type_name;
using nlohmann::json;

constexpr std::int64_t kMaxTargetMinutes = 5 * 525600;  // five years of 365 days
constexpr std::int64_t kMaxPosition = 1000000;
constexpr double kMaxStepFraction = 10.0;
constexpr std::size_t kMaxListEntries = 100;

Error unknown_key(const std::string& prefix, const std::string& key, std::string_view accepted) {
  return field_error(prefix + key.substr(0, kMaxQuotedChars),
                     "unknown key " + quote_text(key) + " (use " + std::string(accepted) + ")");
}

// An integer in [min, max]; fractional numbers, booleans and strings are type errors.
Result<std::int64_t> read_integer(const json& value, const std::string& field, std::int64_t min,
                                  std::int64_t max) {
  const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (value.is_number_unsigned()) {
    const auto raw = value.get<std::uint64_t>();
    if (raw > static_cast<std::uint64_t>(max) || (min > 0 && raw < static_cast<std::uint64_t>(min))) {
      return field_error(field, "must be " + range);
    }
    return static_cast<std::int64_t>(raw);
  }
  if (value.is_number_integer()) {
    const auto raw = value.get<std::int64_t>();
    if (raw < min || raw > max) return field_error(field, "must be " + range);
    return raw;
  }
  return type_error(field, range, value);
}

// A finite number; integers are accepted ("at": 1).
Result<double> read_number(const json& value, const std::string& field, std::string_view expected) {
  if (!value.is_number()) return type_error(field, expected, value);
  const double raw = value.get<double>();
  if (!std::isfinite(raw)) return field_error(field, "must be " + std::string(expected));
  return raw;
}

Result<std::string> read_string(const json& value, const std::string& field, std::string_view expected) {
  if (!value.is_string()) return type_error(field, expected, value);
  return value.get<std::string>();
}

// Re-labels a domain parser's error with our field name.
template <typename T>
Result<T> relabel(Result<T> parsed, const std::string& field) {
  if (parsed.ok()) return parsed;
  return field_error(field, parsed.error().message);
}

template <typename T, typename ParseItem>
Result<std::vector<T>> read_list(const json& value, const std::string& field, std::string_view expected_items,
                                 ParseItem parse_item) {
  if (!value.is_array()) {
    return type_error(field, "an array of " + std::string(expected_items), value);
  }
  if (value.size() > kMaxListEntries) {
    return field_error(field, "has more than " + std::to_string(kMaxListEntries) + " entries");
  }
  std::vector<T> out;
  out.reserve(value.size());
  for (std::size_t idx = 0; idx < value.size(); ++idx) {
    const std::string item_field = field + "[" + std::to_string(idx) + "]";
    auto text = read_string(value[idx], item_field, expected_items);
    if (!text.ok()) return text.error();
    Result<T> item = parse_item(*text, item_field);
    if (!item.ok()) return item.error();
    out.push_back(std::move(item.value()));
  }
  return out;
}

Result<PolicyConditions> parse_conditions(const json& value) {
  if (!value.is_object()) return type_error("conditions", "an object", value);
  PolicyConditions conditions;
  for (const auto& [key, item] : value.items()) {
    const std::string field = "conditions." + key;
    if (key == "channels") {
      auto channels = read_list<domain::Channel>(item, field, "channel names",
                                                 [](const std::string& text, const std::string& item_field) {
                                                   return relabel(domain::parse_channel(text), item_field);
                                                 });
      if (!channels.ok()) return channels.error();
      conditions.channels = std::move(channels.value());
    } else if (key == "priorities") {
      auto priorities = read_list<domain::Priority>(
          item, field, "priority names", [](const std::string& text, const std::string& item_field) {
            return relabel(domain::parse_priority(text), item_field);
          });
      if (!priorities.ok()) return priorities.error();
      conditions.priorities = std::move(priorities.value());
    } else if (key == "categories") {
      auto categories = read_list<std::string>(
          item, field, "categories",
          [](const std::string& text, const std::string& item_field) -> Result<std::string> {
            if (text.empty()) return field_error(item_field, "must not be empty");
            return relabel(domain::validate_category(text), item_field);
          });
      if (!categories.ok()) return categories.error();
      conditions.categories = std::move(categories.value());
    } else if (key == "tags_any") {
      auto tags = read_list<std::string>(
          item, field, "tags",
          [](const std::string& text, const std::string& item_field) -> Result<std::string> {
            auto normalised = domain::normalise_tags({text});
            if (!normalised.ok()) return field_error(item_field, normalised.error().message);
            if (normalised->size() != 1) return field_error(item_field, "must not be empty");
            return std::move(normalised->front());
          });
      if (!tags.ok()) return tags.error();
      conditions.tags_any = std::move(tags.value());
    } else {
      return unknown_key("conditions.", key, "channels, priorities, categories, tags_any");
    }
  }
  return conditions;
}

constexpr std::string_view kTargetKeys =
    "first_response_minutes, next_response_minutes, periodic_update_minutes, resolution_minutes";

Result<void> parse_targets(const json& value, SlaPolicy& policy) {
  if (!value.is_object()) return type_error("targets", "an object", value);
  for (const auto& [key, item] : value.items()) {
    std::optional<std::int64_t>* slot = nullptr;
    if (key == "first_response_minutes") {
      slot = &policy.first_response_minutes;
    } else if (key == "next_response_minutes") {
      slot = &policy.next_response_minutes;
    } else if (key == "periodic_update_minutes") {
      slot = &policy.periodic_update_minutes;
    } else if (key == "resolution_minutes") {
      slot = &policy.resolution_minutes;
    } else {
      return unknown_key("targets.", key, kTargetKeys);
    }
    if (item.is_null()) {
      slot->reset();
      continue;
    }
    auto minutes = read_integer(item, "targets." + key, 1, kMaxTargetMinutes);
    if (!minutes.ok()) return minutes.error();
    *slot = *minutes;
  }
  if (!policy.first_response_minutes && !policy.next_response_minutes && !policy.periodic_update_minutes &&
      !policy.resolution_minutes) {
    return field_error("targets", "needs at least one of " + std::string(kTargetKeys));
  }
  return {};
}

Result<std::vector<domain::Status>> parse_pause_statuses(const json& value, const std::string& field) {
  return read_list<domain::Status>(
      value, field, "status names",
      [](const std::string& text, const std::string& item_field) -> Result<domain::Status> {
        auto status = relabel(domain::parse_status(text), item_field);
        if (status.ok() && (*status == domain::Status::Solved || *status == domain::Status::Closed)) {
          return field_error(item_field, quote_text(text) + " stops the clocks; it cannot pause them");
        }
        return status;
      });
}

// "pause_on": {"first_response": [...], ...}; a target left out keeps its current set.
Result<void> parse_pause_on(const json& value, SlaPolicy& policy) {
  if (!value.is_object()) return type_error("pause_on", "an object", value);
  for (const auto& [key, item] : value.items()) {
    auto target = parse_sla_target(key);
    if (!target.ok()) {
      return unknown_key("pause_on.", key, "first_response, next_response, periodic_update, resolution");
    }
    auto statuses = parse_pause_statuses(item, "pause_on." + key);
    if (!statuses.ok()) return statuses.error();
    policy.pauses(*target) = std::move(statuses.value());
  }
  return {};
}

// A name-valued option such as "next_response_starts": "any_unanswered_inbound".
template <typename E, typename Parse>
Result<E> read_choice(const json& value, const std::string& field, Parse parse) {
  auto text = read_string(value, field, "a string");
  if (!text.ok()) return text.error();
  return relabel(parse(*text), field);
}

Result<EscalationStep> parse_step(const json& value, const std::string& field) {
  if (!value.is_object()) return type_error(field, "an object", value);
  EscalationStep step;
  bool has_target = false;
  bool has_at = false;
  bool has_action = false;
  std::optional<domain::TeamId> team;
  for (const auto& [key, item] : value.items()) {
    const std::string item_field = field + "." + key;
    if (key == "target") {
      auto text = read_string(item, item_field, "a target name");
      if (!text.ok()) return text.error();
      auto target = relabel(parse_sla_target(*text), item_field);
      if (!target.ok()) return target.error();
      step.target = *target;
      has_target = true;
    } else if (key == "at") {
      auto fraction = read_number(item, item_field, "a fraction of the target in (0, 10]");
      if (!fraction.ok()) return fraction.error();
      if (!(*fraction > 0.0 && *fraction <= kMaxStepFraction)) {
        return field_error(item_field, "must be a fraction of the target in (0, 10]");
      }
      step.fraction = *fraction;
      has_at = true;
    } else if (key == "action") {
      auto text = read_string(item, item_field, "an action name");
      if (!text.ok()) return text.error();
      auto action = relabel(parse_escalation_action(*text), item_field);
      if (!action.ok()) return action.error();
      step.action = *action;
      has_action = true;
    } else if (key == "team_id") {
      auto id = read_integer(item, item_field, 1, std::numeric_limits<std::int64_t>::max());
      if (!id.ok()) return id.error();
      team = domain::TeamId{*id};
    } else {
      return unknown_key(field + ".", key, "target, at, action, team_id");
    }
  }
  if (!has_target) return field_error(field + ".target", "is required");
  if (!has_at) return field_error(field + ".at", "is required");
  if (!has_action) return field_error(field + ".action", "is required");
  if (step.action == EscalationStep::Action::ReassignTeam) {
    if (!team) return field_error(field + ".team_id", "is required for reassign_team");
    step.team = team;
  } else if (team) {
    return field_error(field + ".team_id", "is only allowed for reassign_team");
  }
  return step;
}

Result<std::vector<EscalationStep>> parse_escalation(const json& value) {
  if (!value.is_array()) return type_error("escalation", "an array of steps", value);
  if (value.size() > kMaxListEntries) {
    return field_error("escalation", "has more than " + std::to_string(kMaxListEntries) + " steps");
  }
  std::vector<EscalationStep> steps;
  steps.reserve(value.size());
  for (std::size_t idx = 0; idx < value.size(); ++idx) {
    auto step = parse_step(value[idx], "escalation[" + std::to_string(idx) + "]");
    if (!step.ok()) return step.error();
    steps.push_back(*step);
  }
  return steps;
}

Result<SlaPolicy> parse_checked(const json& value) {
  if (!value.is_object()) {
    return invalid_input("policy must be a JSON object, got " + std::string(type_name(value)));
  }
  SlaPolicy policy;
  if (auto preset = value.find("preset"); preset != value.end() && !preset->is_null()) {
    auto choice = read_choice<PolicyPreset>(*preset, "preset", parse_policy_preset);
    if (!choice.ok()) return choice.error();
    apply_preset(policy, *choice);
  }
  // Today's "pause_resolution_on" is the resolution entry of "pause_on"; both may be given
  // (a GET body carries both) as long as they agree.
  std::optional<std::vector<domain::Status>> legacy_resolution_pauses;
  bool resolution_in_pause_on = false;
  bool has_name = false;
  bool has_calendar = false;
  bool has_targets = false;
  for (const auto& [key, item] : value.items()) {
    if (key == "id" || key == "tenant_id") {
      if (item.is_null()) continue;
      auto ignored = read_integer(item, key, std::numeric_limits<std::int64_t>::min(),
                                  std::numeric_limits<std::int64_t>::max());
      if (!ignored.ok()) return ignored.error();
    } else if (key == "name") {
      auto text = read_string(item, "name", "a string");
      if (!text.ok()) return text.error();
      auto name = domain::require_text(*text, "name", domain::kMaxNameBytes);
      if (!name.ok()) {
        return field_error("name", "must be text of 1-" + std::to_string(domain::kMaxNameBytes) +
                                       " bytes without control characters");
      }
      policy.name = std::move(name.value());
      has_name = true;
    } else if (key == "position") {
      auto position = read_integer(item, "position", -kMaxPosition, kMaxPosition);
      if (!position.ok()) return position.error();
      policy.position = static_cast<int>(*position);
    } else if (key == "conditions") {
      auto conditions = parse_conditions(item);
      if (!conditions.ok()) return conditions.error();
      policy.conditions = std::move(conditions.value());
    } else if (key == "calendar_id") {
      auto calendar_id = read_integer(item, "calendar_id", 1, std::numeric_limits<std::int64_t>::max());
      if (!calendar_id.ok()) return calendar_id.error();
      policy.calendar_id = *calendar_id;
      has_calendar = true;
    } else if (key == "targets") {
      SP_TRY(parse_targets(item, policy));
      has_targets = true;
    } else if (key == "pause_resolution_on") {
      auto statuses = parse_pause_statuses(item, "pause_resolution_on");
      if (!statuses.ok()) return statuses.error();
      legacy_resolution_pauses = std::move(statuses.value());
    } else if (key == "pause_on") {
      SP_TRY(parse_pause_on(item, policy));
      resolution_in_pause_on = item.is_object() && item.contains("resolution");
    } else if (key == "next_response_starts") {
      auto choice = read_choice<NextResponseStart>(item, key, parse_next_response_start);
      if (!choice.ok()) return choice.error();
      policy.next_response_starts = *choice;
    } else if (key == "periodic_update_starts") {
      auto choice = read_choice<PeriodicUpdateStart>(item, key, parse_periodic_update_start);
      if (!choice.ok()) return choice.error();
      policy.periodic_update_starts = *choice;
    } else if (key == "solve_meets_first_response") {
      if (!item.is_boolean()) return type_error(key, "a boolean", item);
      policy.solve_meets_first_response = item.get<bool>();
    } else if (key == "preset") {
      continue;  // applied before the loop, so that explicit options override it
    } else if (key == "at_risk_fraction") {
      auto fraction = read_number(item, "at_risk_fraction", "a fraction between 0 and 1");
      if (!fraction.ok()) return fraction.error();
      if (!(*fraction > 0.0 && *fraction < 1.0)) {
        return field_error("at_risk_fraction", "must be a fraction between 0 and 1 (exclusive)");
      }
      policy.at_risk_fraction = *fraction;
    } else if (key == "escalation") {
      auto steps = parse_escalation(item);
      if (!steps.ok()) return steps.error();
      policy.escalation = std::move(steps.value());
    } else {
      return unknown_key("", key,
                         "name, position, conditions, calendar_id, targets, pause_on, pause_resolution_on, "
                         "next_response_starts, solve_meets_first_response, periodic_update_starts, "
                         "preset, at_risk_fraction, escalation");
    }
  }
  if (legacy_resolution_pauses) {
    if (resolution_in_pause_on && *legacy_resolution_pauses != policy.pause_resolution_on) {
      return field_error("pause_resolution_on", "differs from pause_on.resolution (give one of them)");
    }
    policy.pause_resolution_on = std::move(*legacy_resolution_pauses);
  }
  if (!has_name) return field_error("name", "is required");
  if (!has_calendar) return field_error("calendar_id", "is required");
  if (!has_targets) return field_error("targets", "is required");
  for (std::size_t idx = 0; idx < policy.escalation.size(); ++idx) {
    const SlaTarget target = policy.escalation[idx].target;
    if (!policy.target_minutes(target)) {
      return field_error("escalation[" + std::to_string(idx) + "].target",
                         "the policy sets no " + std::string(to_string(target)) + " target");
    }
  }
  return policy;
}

template <typename E>
json names_json(const std::vector<E>& values) {
  json out = json::array();
  for (const E& value : values) out.push_back(std::string(domain::to_string(value)));
  return out;
}

}  // namespace

Result<SlaPolicy> parse_policy_json(const nlohmann::json& json) {
  try {
    return parse_checked(json);
  } catch (const std::exception& error) {
    // Every access above is type-checked; this only guards against allocation failure.
    return internal_error(std::string("policy parsing failed: ") + error.what());
  }
}

nlohmann::json to_json(const SlaPolicy& policy) {
  json targets = json::object();
  if (policy.first_response_minutes) targets["first_response_minutes"] = *policy.first_response_minutes;
  if (policy.next_response_minutes) targets["next_response_minutes"] = *policy.next_response_minutes;
  if (policy.periodic_update_minutes) {
    targets["periodic_update_minutes"] = *policy.periodic_update_minutes;
  }
  if (policy.resolution_minutes) targets["resolution_minutes"] = *policy.resolution_minutes;
  json escalation = json::array();
  for (const EscalationStep& step : policy.escalation) {
    json entry{{"target", std::string(to_string(step.target))},
               {"at", step.fraction},
               {"action", std::string(to_string(step.action))}};
    if (step.team) entry["team_id"] = step.team->value;
    escalation.push_back(std::move(entry));
  }
  json pause_on = json::object();
  for (std::size_t idx = 0; idx < kSlaTargetCount; ++idx) {
    const auto target = static_cast<SlaTarget>(idx);
    pause_on[std::string(to_string(target))] = names_json(policy.pauses(target));
  }
  return json{{"id", policy.id},
              {"tenant_id", policy.tenant_id.value},
              {"name", policy.name},
              {"position", policy.position},
              {"conditions",
               {{"channels", names_json(policy.conditions.channels)},
                {"priorities", names_json(policy.conditions.priorities)},
                {"categories", policy.conditions.categories},
                {"tags_any", policy.conditions.tags_any}}},
              {"calendar_id", policy.calendar_id},
              {"targets", std::move(targets)},
              {"pause_on", std::move(pause_on)},
              {"pause_resolution_on", names_json(policy.pause_resolution_on)},
              {"next_response_starts", std::string(to_string(policy.next_response_starts))},
              {"solve_meets_first_response", policy.solve_meets_first_response},
              {"periodic_update_starts", std::string(to_string(policy.periodic_update_starts))},
              {"preset", policy.preset ? json(std::string(to_string(*policy.preset))) : json(nullptr)},
              {"at_risk_fraction", policy.at_risk_fraction},
              {"escalation", std::move(escalation)}};
}

}  // namespace sp::sla

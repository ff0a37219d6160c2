#include "automation/rule_json.hpp"

#include "core/time.hpp"
#include "domain/validation.hpp"

namespace sp::automation {

namespace {

using nlohmann::json;

Error unknown_member(const std::string& field) {
  Error error = invalid_input("unknown member", field);
  error.kind = "unknown-field";
  return error;
}

// A value as its text form: strings as they are, positive integers in decimal, null as "".
Result<std::string> value_text(const json& value, const std::string& field) {
  if (value.is_null()) return std::string();
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer() && value.get<std::int64_t>() > 0)
    return std::to_string(value.get<std::int64_t>());
  return invalid_input("a string, a positive integer or null", field);
}

Result<Condition> parse_condition(const json& object, const std::string& at) {
  if (!object.is_object()) return invalid_input("a condition is an object", at);
  Condition c;
  bool has_field = false, has_op = false, has_value = false;
  const json* value = nullptr;
  for (const auto& [key, member] : object.items()) {
    if (key == "field") {
      if (!member.is_string()) return invalid_input("field is a string", at + ".field");
      auto field = parse_field(member.get<std::string>());
      if (!field) return invalid_input(field.error().message, at + ".field");
      c.field = *field;
      has_field = true;
    } else if (key == "op") {
      if (!member.is_string()) return invalid_input("op is a string", at + ".op");
      auto op = parse_op(member.get<std::string>());
      if (!op) return invalid_input(op.error().message, at + ".op");
      c.op = *op;
      has_op = true;
    } else if (key == "value") {
      value = &member;
      has_value = true;
    } else if (key == "business_hours") {
      if (!member.is_boolean())
        return invalid_input("business_hours is true or false", at + ".business_hours");
      c.business_hours = member.get<bool>();
    } else {
      return unknown_member(at + "." + key);
    }
  }
  if (!has_field) return invalid_input("field is required", at + ".field");
  if (!has_op) return invalid_input("op is required", at + ".op");
  if (!has_value) return invalid_input("value is required", at + ".value");
  if (c.field == Field::HoursInStatus) {
    if (!value->is_number()) return invalid_input("hours are a number", at + ".value");
    c.hours = value->get<double>();
    return c;
  }
  if (c.business_hours) return unknown_member(at + ".business_hours");
  if (value->is_array()) {
    if (value->size() > kMaxValues) return invalid_input("1 to 20 values", at + ".value");
    for (const auto& item : *value) {
      auto text = value_text(item, at + ".value");
      if (!text) return text.error();
      c.values.push_back(std::move(*text));
    }
  } else {
    auto text = value_text(*value, at + ".value");
    if (!text) return text.error();
    c.values.push_back(std::move(*text));
  }
  if (c.field == Field::Tags) {
    for (auto& tag : c.values) {
      auto normalised = domain::normalise_tags({tag});
      if (normalised && normalised->size() == 1) tag = normalised->front();
    }
  }
  return c;
}

Result<std::vector<Condition>> parse_conditions(const json& list, const std::string& at) {
  if (!list.is_array()) return invalid_input("a list of conditions", at);
  if (list.size() > kMaxConditions) return invalid_input("at most 20 conditions", "conditions");
  std::vector<Condition> out;
  for (std::size_t idx = 0; idx < list.size(); ++idx) {
    auto c = parse_condition(list[idx], at + "[" + std::to_string(idx) + "]");
    if (!c) return c.error();
    out.push_back(std::move(*c));
  }
  return out;
}

Result<std::optional<std::int64_t>> nullable_id(const json& value, const std::string& field) {
  if (value.is_null()) return std::optional<std::int64_t>{};
  if (!value.is_number_integer() || value.get<std::int64_t>() <= 0) {
    return invalid_input("a positive integer or null", field);
  }
  return std::optional<std::int64_t>{value.get<std::int64_t>()};
}

Result<Action> parse_action(const json& object, const std::string& at) {
  if (!object.is_object()) return invalid_input("an action is an object", at);
  auto type_member = object.find("type");
  if (type_member == object.end() || !type_member->is_string()) {
    return invalid_input("type is required", at + ".type");
  }
  auto type = parse_action_type(type_member->get<std::string>());
  if (!type) return invalid_input(type.error().message, at + ".type");
  Action a;
  a.type = *type;
  const std::string field = at + ".value";
  const json* value = nullptr;
  for (const auto& [key, member] : object.items()) {
    if (key == "type") continue;
    if (key == "value" && a.type != ActionType::Webhook) {
      value = &member;
    } else if (key == "to" && a.type == ActionType::Notify) {
      if (!member.is_string()) return invalid_input("to is assignee, team_lead or agent", at + ".to");
      const auto to = member.get<std::string>();
      if (to == "assignee") {
        a.target = NotifyTarget::Assignee;
      } else if (to == "team_lead") {
        a.target = NotifyTarget::TeamLead;
      } else if (to == "agent") {
        a.target = NotifyTarget::Agent;
      } else {
        return invalid_input("to is assignee, team_lead or agent", at + ".to");
      }
    } else if (key == "agent_id" && a.type == ActionType::Notify) {
      if (!member.is_number_integer() || member.get<std::int64_t>() <= 0) {
        return invalid_input("a positive integer", at + ".agent_id");
      }
      a.id = member.get<std::int64_t>();
    } else {
      return unknown_member(at + "." + key);
    }
  }
  if (a.type == ActionType::Webhook) return a;
  if (value == nullptr) return invalid_input("value is required", field);
  auto text = [&]() -> Result<std::string> {
    if (!value->is_string()) return invalid_input("a string", field);
    return value->get<std::string>();
  };
  switch (a.type) {
    case ActionType::SetStatus: {
      auto t = text();
      if (!t) return t.error();
      auto s = domain::parse_status(*t);
      if (!s) return invalid_input(s.error().message, field);
      a.status = *s;
      break;
    }
    case ActionType::SetPriority: {
      auto t = text();
      if (!t) return t.error();
      auto p = domain::parse_priority(*t);
      if (!p) return invalid_input(p.error().message, field);
      a.priority = *p;
      break;
    }
    case ActionType::SetCategory:
    case ActionType::AddNote:
    case ActionType::Notify: {
      auto t = text();
      if (!t) return t.error();
      a.text = std::move(*t);
      break;
    }
    case ActionType::SetTeam:
    case ActionType::SetAssignee: {
      auto id = nullable_id(*value, field);
      if (!id) return id.error();
      a.id = *id;
      break;
    }
    case ActionType::ApplyMacro: {
      if (!value->is_number_integer() || value->get<std::int64_t>() <= 0) {
        return invalid_input("a macro id", field);
      }
      a.id = value->get<std::int64_t>();
      break;
    }
    case ActionType::AddTags:
    case ActionType::RemoveTags: {
      if (!value->is_array() || value->size() > domain::kMaxTags) return invalid_input("1 to 20 tags", field);
      std::vector<std::string> tags;
      for (const auto& tag : *value) {
        if (!tag.is_string()) return invalid_input("1 to 20 tags", field);
        tags.push_back(tag.get<std::string>());
      }
      auto normalised = domain::normalise_tags(tags);
      if (!normalised) return invalid_input(normalised.error().message, field);
      a.tags = std::move(*normalised);
      break;
    }
    case ActionType::Webhook:
      break;
  }
  return a;
}

json condition_json(const Condition& c) {
  json out{{"field", to_string(c.field)}, {"op", to_string(c.op)}};
  if (c.field == Field::HoursInStatus) {
    out["value"] = c.hours;
    out["business_hours"] = c.business_hours;
    return out;
  }
  const bool numeric = c.field == Field::CustomerId || c.field == Field::Team || c.field == Field::Assignee;
  auto one = [numeric](const std::string& v) -> json {
    if (v.empty() && numeric) return nullptr;
    if (numeric) return std::stoll(v);
    return v;
  };
  if (c.values.size() == 1) {
    out["value"] = one(c.values.front());
  } else {
    json list = json::array();
    for (const auto& v : c.values) list.push_back(one(v));
    out["value"] = std::move(list);
  }
  return out;
}

json action_json(const Action& a) {
  json out{{"type", to_string(a.type)}};
  switch (a.type) {
    case ActionType::SetStatus:
      out["value"] = domain::to_string(*a.status);
      break;
    case ActionType::SetPriority:
      out["value"] = domain::to_string(*a.priority);
      break;
    case ActionType::SetCategory:
    case ActionType::AddNote:
      out["value"] = a.text;
      break;
    case ActionType::Notify:
      out["value"] = a.text;
      out["to"] = to_string(a.target);
      if (a.id) out["agent_id"] = *a.id;
      break;
    case ActionType::SetTeam:
    case ActionType::SetAssignee:
    case ActionType::ApplyMacro:
      out["value"] = a.id ? json(*a.id) : json(nullptr);
      break;
    case ActionType::AddTags:
    case ActionType::RemoveTags:
      out["value"] = a.tags;
      break;
    case ActionType::Webhook:
      break;
  }
  return out;
}

}  // namespace

Result<Rule> parse_rule(const json& document) {
  if (!document.is_object()) return invalid_input("a rule is a JSON object");
  Rule rule;
  bool has_name = false, has_event = false, has_actions = false;
  for (const auto& [key, member] : document.items()) {
    if (key == "name") {
      if (!member.is_string()) return invalid_input("name is a string", "name");
      rule.name = member.get<std::string>();
      has_name = true;
    } else if (key == "event") {
      if (!member.is_string()) return invalid_input("event is a string", "event");
      auto trigger = parse_trigger(member.get<std::string>());
      if (!trigger) return invalid_input(trigger.error().message, "event");
      rule.trigger = *trigger;
      has_event = true;
    } else if (key == "active") {
      if (!member.is_boolean()) return invalid_input("active is true or false", "active");
      rule.active = member.get<bool>();
    } else if (key == "position") {
      if (!member.is_number_integer() || member.get<std::int64_t>() < 0 ||
          member.get<std::int64_t>() > 100000) {
        return invalid_input("position is an integer from 0 to 100000", "position");
      }
      rule.position = static_cast<int>(member.get<std::int64_t>());
    } else if (key == "conditions") {
      if (!member.is_object()) return invalid_input("conditions is an object with all and any", "conditions");
      for (const auto& [group, list] : member.items()) {
        if (group == "all") {
          auto parsed = parse_conditions(list, "conditions.all");
          if (!parsed) return parsed.error();
          rule.all = std::move(*parsed);
        } else if (group == "any") {
          auto parsed = parse_conditions(list, "conditions.any");
          if (!parsed) return parsed.error();
          rule.any = std::move(*parsed);
        } else {
          return unknown_member("conditions." + group);
        }
      }
    } else if (key == "actions") {
      if (!member.is_array()) return invalid_input("actions is a list", "actions");
      if (member.empty() || member.size() > kMaxActions) return invalid_input("1 to 10 actions", "actions");
      for (std::size_t idx = 0; idx < member.size(); ++idx) {
        auto action = parse_action(member[idx], "actions[" + std::to_string(idx) + "]");
        if (!action) return action.error();
        rule.actions.push_back(std::move(*action));
      }
      has_actions = true;
    } else if (key == "id" || key == "created_at" || key == "updated_at") {
      // Read-only members of the answer: a client may send the rule back as it got it.
    } else {
      return unknown_member(key);
    }
  }
  if (!has_name) return invalid_input("name is required", "name");
  if (!has_event) return invalid_input("event is required", "event");
  if (!has_actions) return invalid_input("actions is required", "actions");
  SP_TRY(validate(rule));
  return rule;
}

json document_of(const Rule& rule) {
  json all = json::array(), any = json::array(), actions = json::array();
  for (const auto& c : rule.all) all.push_back(condition_json(c));
  for (const auto& c : rule.any) any.push_back(condition_json(c));
  for (const auto& a : rule.actions) actions.push_back(action_json(a));
  return {{"name", rule.name},
          {"event", to_string(rule.trigger)},
          {"active", rule.active},
          {"position", rule.position},
          {"conditions", {{"all", std::move(all)}, {"any", std::move(any)}}},
          {"actions", std::move(actions)}};
}

json to_json(const Rule& rule) {
  json out = document_of(rule);
  out["id"] = rule.id;
  out["created_at"] = format_rfc3339(rule.created_at);
  out["updated_at"] = format_rfc3339(rule.updated_at);
  return out;
}

}  // namespace sp::automation

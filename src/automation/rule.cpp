#include "automation/rule.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "domain/ticket_rules.hpp"
#include "domain/validation.hpp"
#include "sla/business_time.hpp"

namespace sp::automation {

namespace {

template <typename E, std::size_t N>
Result<E> parse_named(std::string_view text, const std::array<std::pair<E, std::string_view>, N>& names,
                      std::string_view what) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  std::string accepted;
  for (const auto& [value, name] : names) {
    if (!accepted.empty()) accepted += ", ";
    accepted += name;
  }
  return invalid_input(std::string(what) + " must be one of " + accepted);
}

template <typename E, std::size_t N>
std::string_view name_of(E value, const std::array<std::pair<E, std::string_view>, N>& names) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";
}

constexpr std::array<std::pair<Trigger, std::string_view>, 3> kTriggers{
    {{Trigger::OnCreate, "on_create"}, {Trigger::OnUpdate, "on_update"}, {Trigger::OnTime, "on_time"}}};
constexpr std::array<std::pair<SlaState, std::string_view>, 3> kSlaStates{
    {{SlaState::OnSchedule, "on_schedule"}, {SlaState::AtRisk, "at_risk"}, {SlaState::Breached, "breached"}}};
constexpr std::array<std::pair<Field, std::string_view>, 11> kFields{
    {{Field::Channel, "channel"},
     {Field::Status, "status"},
     {Field::Priority, "priority"},
     {Field::Category, "category"},
     {Field::Tags, "tags"},
     {Field::Language, "language"},
     {Field::CustomerId, "customer_id"},
     {Field::Team, "team_id"},
     {Field::Assignee, "assignee_id"},
     {Field::SlaState, "sla_state"},
     {Field::HoursInStatus, "hours_in_status"}}};
constexpr std::array<std::pair<Op, std::string_view>, 5> kOps{
    {{Op::Is, "is"}, {Op::IsNot, "is_not"}, {Op::Has, "has"}, {Op::HasNot, "has_not"}, {Op::Gte, "gte"}}};
constexpr std::array<std::pair<ActionType, std::string_view>, 11> kActions{
    {{ActionType::SetStatus, "set_status"},
     {ActionType::SetPriority, "set_priority"},
     {ActionType::SetCategory, "set_category"},
     {ActionType::SetTeam, "set_team"},
     {ActionType::SetAssignee, "set_assignee"},
     {ActionType::AddTags, "add_tags"},
     {ActionType::RemoveTags, "remove_tags"},
     {ActionType::ApplyMacro, "apply_macro"},
     {ActionType::AddNote, "add_note"},
     {ActionType::Notify, "notify"},
     {ActionType::Webhook, "webhook"}}};
constexpr std::array<std::pair<NotifyTarget, std::string_view>, 3> kTargets{
    {{NotifyTarget::Assignee, "assignee"},
     {NotifyTarget::TeamLead, "team_lead"},
     {NotifyTarget::Agent, "agent"}}};

template <typename IdT>
std::string id_text(const std::optional<IdT>& id) {
  return id ? std::to_string(id->value) : std::string();
}

// The ticket's value of a scalar field as text (see Condition::values).
std::string value_of(Field field, const TicketFacts& facts) {
  const auto& t = facts.ticket;
  switch (field) {
    case Field::Channel:
      return std::string(domain::to_string(t.channel));
    case Field::Status:
      return std::string(domain::to_string(t.status));
    case Field::Priority:
      return std::string(domain::to_string(t.priority));
    case Field::Category:
      return t.category;
    case Field::Language:
      return std::string(domain::to_string(facts.language));
    case Field::CustomerId:
      return std::to_string(t.requester_id.value);
    case Field::Team:
      return id_text(t.team_id);
    case Field::Assignee:
      return id_text(t.assignee_id);
    case Field::SlaState:
      return std::string(to_string(facts.sla));
    case Field::Tags:
    case Field::HoursInStatus:
      break;
  }
  return {};
}

bool hours_reached(const Condition& c, const TicketFacts& facts, Timestamp now) {
  if (now <= facts.status_since) return c.hours <= 0;
  const auto needed = static_cast<std::int64_t>(std::llround(c.hours * 3600.0));
  std::int64_t elapsed = 0;
  if (c.business_hours && facts.calendar != nullptr) {
    auto seconds = sla::business_seconds(*facts.calendar, facts.status_since, now);
    if (!seconds) return false;  // a calendar the engine cannot use: never due
    elapsed = *seconds;
  } else {
    elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - facts.status_since).count();
  }
  return elapsed >= needed;
}

bool holds(const Condition& c, const TicketFacts& facts, Timestamp now) {
  if (c.field == Field::HoursInStatus) return hours_reached(c, facts, now);
  if (c.field == Field::Tags) {
    const auto& tags = facts.ticket.tags;
    bool any = false;
    for (const auto& value : c.values) any = any || std::find(tags.begin(), tags.end(), value) != tags.end();
    return c.op == Op::Has ? any : !any;
  }
  const auto value = value_of(c.field, facts);
  const bool in = std::find(c.values.begin(), c.values.end(), value) != c.values.end();
  return c.op == Op::Is ? in : !in;
}

Result<void> check_condition(const Condition& c, const std::string& at, Trigger trigger) {
  const std::string field = at + ".field";
  const std::string value = at + ".value";
  if (c.field == Field::HoursInStatus) {
    if (trigger != Trigger::OnTime) return invalid_input("hours_in_status is for on_time rules only", field);
    if (c.op != Op::Gte) return invalid_input("hours_in_status takes the op gte", at + ".op");
    if (!(c.hours > 0) || c.hours > kMaxHours) return invalid_input("hours between 0 and 8784", value);
    return {};
  }
  if (c.field == Field::Tags) {
    if (c.op != Op::Has && c.op != Op::HasNot) return invalid_input("tags take has or has_not", at + ".op");
  } else if (c.op != Op::Is && c.op != Op::IsNot) {
    return invalid_input(std::string(to_string(c.field)) + " takes is or is_not", at + ".op");
  }
  if (c.values.empty() || c.values.size() > kMaxValues) return invalid_input("1 to 20 values", value);
  for (const auto& v : c.values) {
    bool ok = true;
    switch (c.field) {
      case Field::Channel:
        ok = domain::parse_channel(v).ok();
        break;
      case Field::Status:
        ok = domain::parse_status(v).ok();
        break;
      case Field::Priority:
        ok = domain::parse_priority(v).ok();
        break;
      case Field::Language:
        ok = domain::parse_language(v).ok();
        break;
      case Field::SlaState:
        ok = parse_sla_state(v).ok();
        break;
      case Field::Category:
        ok = domain::validate_category(v).ok();
        break;
      case Field::Tags:
        ok = !v.empty() && domain::normalise_tags({v}).ok();
        break;
      case Field::CustomerId:
      case Field::Team:
      case Field::Assignee:
        ok = (v.empty() && c.field != Field::CustomerId) ||
             (!v.empty() && v.size() <= 18 &&
              std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) && v != "0");
        break;
      case Field::HoursInStatus:
        break;
    }
    if (!ok) return invalid_input("not a valid " + std::string(to_string(c.field)) + ": " + v, value);
  }
  return {};
}

Result<void> check_action(const Action& a, const std::string& at) {
  const std::string value = at + ".value";
  switch (a.type) {
    case ActionType::SetStatus:
      if (!a.status) return invalid_input("set_status needs a status", value);
      break;
    case ActionType::SetPriority:
      if (!a.priority) return invalid_input("set_priority needs a priority", value);
      break;
    case ActionType::SetCategory:
      if (!domain::validate_category(a.text)) return invalid_input("not a valid category", value);
      break;
    case ActionType::AddTags:
    case ActionType::RemoveTags:
      if (a.tags.empty() || a.tags.size() > domain::kMaxTags) return invalid_input("1 to 20 tags", value);
      break;
    case ActionType::ApplyMacro:
      if (!a.id || *a.id <= 0) return invalid_input("apply_macro needs a macro id", value);
      break;
    case ActionType::AddNote:
      if (a.text.empty() || a.text.size() > kMaxNoteBytes)
        return invalid_input("a note of 1 to 4096 bytes", value);
      break;
    case ActionType::Notify:
      if (a.text.empty() || a.text.size() > kMaxNoteBytes) {
        return invalid_input("a message of 1 to 4096 bytes", value);
      }
      if ((a.target == NotifyTarget::Agent) != a.id.has_value()) {
        return invalid_input("agent_id is given exactly when notifying an agent", at + ".agent_id");
      }
      break;
    case ActionType::SetTeam:
    case ActionType::SetAssignee:
      if (a.id && *a.id <= 0) return invalid_input("an id is a positive integer or null", value);
      break;
    case ActionType::Webhook:
      break;
  }
  return {};
}

// Adds one set-field action to `changes` (later actions win over earlier ones).
void merge(macros::FieldChanges& changes, const macros::FieldChanges& more) {
  if (more.status) changes.status = more.status;
  if (more.priority) changes.priority = more.priority;
  if (more.category) changes.category = more.category;
  if (more.team_id) changes.team_id = more.team_id;
  if (more.assignee_id) changes.assignee_id = more.assignee_id;
  for (const auto& tag : more.tags_add) {
    std::erase(changes.tags_remove, tag);
    if (std::find(changes.tags_add.begin(), changes.tags_add.end(), tag) == changes.tags_add.end()) {
      changes.tags_add.push_back(tag);
    }
  }
  for (const auto& tag : more.tags_remove) {
    std::erase(changes.tags_add, tag);
    if (std::find(changes.tags_remove.begin(), changes.tags_remove.end(), tag) == changes.tags_remove.end()) {
      changes.tags_remove.push_back(tag);
    }
  }
}

macros::FieldChanges changes_of(const Action& a) {
  macros::FieldChanges c;
  switch (a.type) {
    case ActionType::SetStatus:
      c.status = a.status;
      break;
    case ActionType::SetPriority:
      c.priority = a.priority;
      break;
    case ActionType::SetCategory:
      c.category = a.text;
      break;
    case ActionType::SetTeam:
      c.team_id = a.id ? std::optional<domain::TeamId>(domain::TeamId{*a.id}) : std::nullopt;
      break;
    case ActionType::SetAssignee:
      c.assignee_id = a.id ? std::optional<domain::AgentId>(domain::AgentId{*a.id}) : std::nullopt;
      break;
    case ActionType::AddTags:
      c.tags_add = a.tags;
      break;
    case ActionType::RemoveTags:
      c.tags_remove = a.tags;
      break;
    default:
      break;
  }
  return c;
}

}  // namespace

std::string_view to_string(Trigger t) {
  return name_of(t, kTriggers);
}
Result<Trigger> parse_trigger(std::string_view text) {
  return parse_named(text, kTriggers, "event");
}
std::string_view to_string(SlaState s) {
  return name_of(s, kSlaStates);
}
Result<SlaState> parse_sla_state(std::string_view text) {
  return parse_named(text, kSlaStates, "sla_state");
}
std::string_view to_string(Field f) {
  return name_of(f, kFields);
}
Result<Field> parse_field(std::string_view text) {
  return parse_named(text, kFields, "field");
}
std::string_view to_string(Op op) {
  return name_of(op, kOps);
}
Result<Op> parse_op(std::string_view text) {
  return parse_named(text, kOps, "op");
}
std::string_view to_string(ActionType type) {
  return name_of(type, kActions);
}
Result<ActionType> parse_action_type(std::string_view text) {
  return parse_named(text, kActions, "type");
}
std::string_view to_string(NotifyTarget target) {
  return name_of(target, kTargets);
}

Result<void> validate(const Rule& rule) {
  auto name = domain::require_text(rule.name, "name", kMaxNameBytes);
  if (!name) return name.error();
  if (rule.all.size() + rule.any.size() > kMaxConditions) {
    return invalid_input("at most 20 conditions", "conditions");
  }
  if (rule.actions.empty() || rule.actions.size() > kMaxActions) {
    return invalid_input("1 to 10 actions", "actions");
  }
  int time_conditions = 0;
  for (std::size_t idx = 0; idx < rule.all.size(); ++idx) {
    SP_TRY(check_condition(rule.all[idx], "conditions.all[" + std::to_string(idx) + "]", rule.trigger));
    if (rule.all[idx].field == Field::HoursInStatus) ++time_conditions;
  }
  for (std::size_t idx = 0; idx < rule.any.size(); ++idx) {
    if (rule.any[idx].field == Field::HoursInStatus) {
      return invalid_input("hours_in_status belongs in conditions.all", "conditions.any");
    }
    SP_TRY(check_condition(rule.any[idx], "conditions.any[" + std::to_string(idx) + "]", rule.trigger));
  }
  if (rule.trigger == Trigger::OnTime && time_conditions != 1) {
    return invalid_input("an on_time rule has exactly one hours_in_status condition", "conditions.all");
  }
  for (std::size_t idx = 0; idx < rule.actions.size(); ++idx) {
    SP_TRY(check_action(rule.actions[idx], "actions[" + std::to_string(idx) + "]"));
  }
  return {};
}

std::vector<std::int64_t> macro_ids(const Rule& rule) {
  std::vector<std::int64_t> ids;
  for (const auto& a : rule.actions) {
    if (a.type == ActionType::ApplyMacro && a.id) ids.push_back(*a.id);
  }
  return ids;
}

bool matches(const Rule& rule, const TicketFacts& facts, Timestamp now) {
  for (const auto& c : rule.all) {
    if (!holds(c, facts, now)) return false;
  }
  if (rule.any.empty()) return true;
  return std::any_of(rule.any.begin(), rule.any.end(),
                     [&](const Condition& c) { return holds(c, facts, now); });
}

std::vector<Plan> plan_chain(std::span<const Rule> rules, Trigger trigger, TicketFacts facts, Timestamp now,
                             const std::map<std::int64_t, macros::FieldChanges>& macro_changes,
                             std::optional<std::int64_t> only_rule) {
  std::vector<const Rule*> ordered;
  for (const auto& rule : rules) {
    if (rule.active) ordered.push_back(&rule);
  }
  std::sort(ordered.begin(), ordered.end(), [](const Rule* a, const Rule* b) {
    return std::pair(a->position, a->id) < std::pair(b->position, b->id);
  });
  std::vector<Plan> plans;
  std::set<std::int64_t> fired;
  const domain::Actor system{domain::ActorType::System, 0};
  for (int round = 0; round < kMaxRounds; ++round) {
    const Trigger wanted = round == 0 ? trigger : Trigger::OnUpdate;
    bool any_fired = false;
    for (const Rule* rule : ordered) {
      if (rule->trigger != wanted || fired.contains(rule->id)) continue;
      if (round == 0 && only_rule && rule->id != *only_rule) continue;
      if (!matches(*rule, facts, now)) continue;
      Plan plan;
      plan.rule_id = rule->id;
      plan.rule_name = rule->name;
      plan.round = round;
      for (const auto& action : rule->actions) {
        if (action.type == ActionType::ApplyMacro) {
          if (auto found = macro_changes.find(action.id.value_or(0)); found != macro_changes.end()) {
            merge(plan.changes, found->second);
          }
          plan.effects.push_back(action);
        } else if (action.type == ActionType::AddNote || action.type == ActionType::Notify ||
                   action.type == ActionType::Webhook) {
          plan.effects.push_back(action);
        } else {
          merge(plan.changes, changes_of(action));
        }
      }
      auto patch = macros::patch_for(facts.ticket, plan.changes);
      if (!patch) continue;
      if (patch->empty() && plan.effects.empty()) continue;  // nothing to do: not a run
      if (!patch->empty()) {
        auto changed = domain::apply_patch(facts.ticket, *patch, system, now);
        if (!changed) continue;  // e.g. a transition the ticket's status does not allow
        if (changed->after.status != facts.ticket.status) facts.status_since = now;
        facts.ticket = std::move(changed->after);
      }
      fired.insert(rule->id);
      plans.push_back(std::move(plan));
      any_fired = true;
    }
    if (!any_fired) break;
  }
  return plans;
}

std::vector<domain::Status> time_rule_statuses(const Rule& rule) {
  using domain::Status;
  std::vector<Status> all{Status::New, Status::Open, Status::Pending, Status::OnHold, Status::Solved};
  std::vector<Status> allowed = all;
  for (const auto& c : rule.all) {
    if (c.field != Field::Status) continue;
    std::vector<Status> narrowed;
    for (auto s : allowed) {
      const bool named = std::find(c.values.begin(), c.values.end(), domain::to_string(s)) != c.values.end();
      if (named == (c.op == Op::Is)) narrowed.push_back(s);
    }
    allowed = std::move(narrowed);
  }
  return allowed;
}

const Condition* time_condition(const Rule& rule) {
  for (const auto& c : rule.all) {
    if (c.field == Field::HoursInStatus) return &c;
  }
  return nullptr;
}

}  // namespace sp::automation

#include "service/improvement_service.hpp"

#include <date/tz.h>

#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "domain/validation.hpp"

namespace sp::service {

namespace {

using nlohmann::json;

constexpr const char* kKnownKeys[] = {"you_said", "we_did", "owner_id",
                                      "due_on",   "status", "outcome",
                                      "done_on",  "topic",  "feedback_ticket_ids"};

Result<std::string> text_field(const json& value, const std::string& field, std::size_t max_bytes,
                               bool required) {
  if (value.is_null() && !required) return std::string();
  if (!value.is_string()) return invalid_input(field + " must be a string", field);
  std::string text(text::trim(value.get<std::string>()));
  if (required && text.empty()) return invalid_input(field + " must not be empty", field);
  if (text.size() > max_bytes) {
    return invalid_input(field + " must be at most " + std::to_string(max_bytes) + " bytes", field);
  }
  if (!is_valid_utf8(text) || text.find('\0') != std::string::npos) {
    return invalid_input(field + " must be UTF-8 text", field);
  }
  return text;
}

Result<std::string> date_field(const json& value, const std::string& field) {
  if (value.is_null()) return std::string();
  if (!value.is_string() || !is_local_date(value.get<std::string>())) {
    return invalid_input(field + " must be a date YYYY-MM-DD or null", field);
  }
  return value.get<std::string>();
}

bool is_status(const std::string& status) {
  return std::any_of(std::begin(storage::kImprovementStatuses), std::end(storage::kImprovementStatuses),
                     [&](const char* known) { return status == known; });
}

}  // namespace

bool is_local_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int idx = 0; idx < 3; ++idx) {
    for (std::size_t pos = starts[idx]; pos < starts[idx] + lengths[idx]; ++pos) {
      if (text[pos] < '0' || text[pos] > '9') return false;
      parts[idx] = parts[idx] * 10 + (text[pos] - '0');
    }
  }
  const std::chrono::year_month_day ymd{std::chrono::year(parts[0]),
                                        std::chrono::month(static_cast<unsigned>(parts[1])),
                                        std::chrono::day(static_cast<unsigned>(parts[2]))};
  return ymd.ok() && parts[0] >= 1970;
}

json ImprovementService::to_json(const storage::ImprovementRecord& a) {
  json tickets = json::array();
  for (const auto& id : a.ticket_ids) tickets.push_back(id.value);
  auto or_null = [](const std::string& text) { return text.empty() ? json(nullptr) : json(text); };
  return {{"id", a.id},
          {"tenant_id", a.tenant_id.value},
          {"you_said", a.you_said},
          {"we_did", a.we_did},
          {"owner_id", a.owner ? json(a.owner->value) : json(nullptr)},
          {"due_on", or_null(a.due_on)},
          {"status", a.status},
          {"outcome", a.outcome},
          {"done_on", or_null(a.done_on)},
          {"topic", or_null(a.topic)},
          {"feedback_ticket_ids", std::move(tickets)},
          {"created_at", format_rfc3339(a.created_at)},
          {"updated_at", format_rfc3339(a.updated_at)}};
}

Result<std::string> ImprovementService::today(TenantId tenant) {
  auto row = store_.get_tenant(storage::Scope::of(tenant), tenant);
  if (!row) return row.error();
  try {
    const auto* zone = date::locate_zone(row->timezone);
    auto local = date::floor<date::days>(zone->to_local(clock_.now()));
    return date::format("%F", local);
  } catch (const std::exception&) {
    return internal_error("tenant time zone " + row->timezone + " is unknown");
  }
}

Result<void> ImprovementService::apply(TenantId tenant, const json& body, storage::ImprovementRecord& action,
                                       bool creating) {
  if (!body.is_object()) return invalid_input("the body must be a JSON object");
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    if (std::none_of(std::begin(kKnownKeys), std::end(kKnownKeys),
                     [&](const char* known) { return key == known; })) {
      return invalid_input("unknown field " + key.substr(0, 64), key.substr(0, 64));
    }
  }
  if (creating && (!body.contains("you_said") || !body.contains("we_did"))) {
    return invalid_input(std::string(body.contains("you_said") ? "we_did" : "you_said") + " is required",
                         body.contains("you_said") ? "we_did" : "you_said");
  }
  const auto scope = storage::Scope::of(tenant);
  if (auto it = body.find("you_said"); it != body.end()) {
    auto text = text_field(*it, "you_said", kMaxImprovementTextBytes, true);
    if (!text) return text.error();
    action.you_said = *text;
  }
  if (auto it = body.find("we_did"); it != body.end()) {
    auto text = text_field(*it, "we_did", kMaxImprovementTextBytes, true);
    if (!text) return text.error();
    action.we_did = *text;
  }
  if (auto it = body.find("outcome"); it != body.end()) {
    auto text = text_field(*it, "outcome", kMaxImprovementOutcomeBytes, false);
    if (!text) return text.error();
    action.outcome = *text;
  }
  if (auto it = body.find("owner_id"); it != body.end()) {
    if (it->is_null()) {
      action.owner.reset();
    } else {
      if (!it->is_number_integer() || it->get<std::int64_t>() <= 0) {
        return invalid_input("owner_id must be an agent id or null", "owner_id");
      }
      auto agent = store_.get_agent(scope, AgentId{it->get<std::int64_t>()});
      if (!agent || agent->tenant_id != tenant) {
        return invalid_input("owner_id: no agent " + it->dump() + " in this tenant", "owner_id");
      }
      action.owner = agent->id;
    }
  }
  if (auto it = body.find("due_on"); it != body.end()) {
    auto date = date_field(*it, "due_on");
    if (!date) return date.error();
    action.due_on = *date;
  }
  if (auto it = body.find("status"); it != body.end()) {
    if (!it->is_string() || !is_status(it->get<std::string>())) {
      return invalid_input("status must be planned, in_progress, done or dropped", "status");
    }
    action.status = it->get<std::string>();
  }
  bool done_on_given = false;
  if (auto it = body.find("done_on"); it != body.end()) {
    auto date = date_field(*it, "done_on");
    if (!date) return date.error();
    action.done_on = *date;
    done_on_given = !date->empty();
  }
  if (action.status == "done" && action.done_on.empty()) {
    auto local = today(tenant);
    if (!local) return local.error();
    action.done_on = *local;
  } else if (action.status != "done" && !action.done_on.empty()) {
    if (done_on_given) return invalid_input("done_on is only set on done actions", "done_on");
    action.done_on.clear();
  }
  if (auto it = body.find("topic"); it != body.end()) {
    if (it->is_null()) {
      action.topic.clear();
    } else {
      const std::string topic = it->is_string() ? it->get<std::string>() : std::string();
      const bool ok =
          !topic.empty() && topic.size() <= 64 && std::all_of(topic.begin(), topic.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
          });
      if (!ok)
        return invalid_input("topic must be 1-64 characters of a-z, 0-9 and _ (e.g. waiting_time)", "topic");
      action.topic = topic;
    }
  }
  if (auto it = body.find("feedback_ticket_ids"); it != body.end()) {
    const std::string field = "feedback_ticket_ids";
    if (it->is_null()) {
      action.ticket_ids.clear();
    } else {
      if (!it->is_array() || it->size() > kMaxImprovementTickets) {
        return invalid_input(field + " must be a list of at most 100 ticket ids", field);
      }
      std::set<std::int64_t> seen;
      std::vector<TicketId> tickets;
      for (const auto& value : *it) {
        if (!value.is_number_integer() || value.get<std::int64_t>() <= 0) {
          return invalid_input(field + " must hold ticket ids", field);
        }
        const std::int64_t id = value.get<std::int64_t>();
        if (!seen.insert(id).second) continue;
        // The feedback that prompted the action must be one of this tenant's tickets.
        if (!store_.get_ticket(scope, TicketId{id})) {
          return invalid_input(field + ": no ticket " + std::to_string(id) + " in this tenant", field);
        }
        tickets.push_back(TicketId{id});
      }
      action.ticket_ids = std::move(tickets);
    }
  }
  return {};
}

Result<std::vector<storage::ImprovementRecord>> ImprovementService::list(const Principal& p,
                                                                         std::optional<TenantId> tenant,
                                                                         int limit) {
  SP_TRY(require(p, Permission::Read));
  if (limit < 1 || limit > storage::kMaxImprovementsPerTenant) {
    return invalid_input("limit must be between 1 and 1000", "limit");
  }
  auto id = resolve_tenant(store_, p, tenant);
  if (!id) return id.error();
  return actions_.list_improvements(storage::Scope::of(*id), limit);
}

Result<storage::ImprovementRecord> ImprovementService::get(const Principal& p, std::optional<TenantId> tenant,
                                                           std::int64_t action_id) {
  SP_TRY(require(p, Permission::Read));
  auto id = resolve_tenant(store_, p, tenant);
  if (!id) return id.error();
  return actions_.get_improvement(storage::Scope::of(*id), action_id);
}

Result<storage::ImprovementRecord> ImprovementService::create(const Principal& p,
                                                              std::optional<TenantId> tenant,
                                                              const json& body) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto id = resolve_tenant(store_, p, tenant);
  if (!id) return id.error();
  storage::ImprovementRecord action;
  action.tenant_id = *id;
  SP_TRY(apply(*id, body, action, true));
  action.created_at = action.updated_at = clock_.now();
  auto stored = actions_.create_improvement(action);
  if (stored) changed(*id);
  return stored;
}

Result<storage::ImprovementRecord> ImprovementService::update(const Principal& p,
                                                              std::optional<TenantId> tenant,
                                                              std::int64_t action_id, const json& body) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto id = resolve_tenant(store_, p, tenant);
  if (!id) return id.error();
  auto action = actions_.get_improvement(storage::Scope::of(*id), action_id);
  if (!action) return action.error();
  if (body.is_object() && body.empty()) return invalid_input("the update names no field to change");
  SP_TRY(apply(*id, body, *action, false));
  action->updated_at = clock_.now();
  auto stored = actions_.update_improvement(storage::Scope::of(*id), *action);
  if (stored) changed(*id);
  return stored;
}

Result<void> ImprovementService::remove(const Principal& p, std::optional<TenantId> tenant,
                                        std::int64_t action_id) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto id = resolve_tenant(store_, p, tenant);
  if (!id) return id.error();
  auto removed = actions_.delete_improvement(storage::Scope::of(*id), action_id);
  if (removed) changed(*id);
  return removed;
}

Result<std::vector<storage::ImprovementRecord>> ImprovementService::all_of(TenantId tenant) {
  return actions_.list_improvements(storage::Scope::of(tenant), storage::kMaxImprovementsPerTenant);
}

Result<std::vector<storage::ImprovementRecord>> ImprovementService::replace_all(
    TenantId tenant, std::vector<storage::ImprovementRecord> actions) {
  const auto now = clock_.now();
  for (auto& action : actions) {
    action.tenant_id = tenant;
    action.created_at = action.updated_at = now;
  }
  auto stored = actions_.replace_improvements(tenant, actions);
  if (stored) changed(tenant);
  return stored;
}

}  // namespace sp::service

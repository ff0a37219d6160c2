#include "http/json_codec.hpp"

#include "core/text.hpp"
#include "core/time.hpp"
#include "http/problem.hpp"

namespace sp::http {

using namespace sp::domain;

namespace {

template <typename IdT>
json id_or_null(const std::optional<IdT>& id) {
  return id ? json(id->value) : json(nullptr);
}

json actor_json(const Actor& actor) {
  return {{"type", to_string(actor.type)},
          {"id", actor.type == ActorType::System ? json(nullptr) : json(actor.id)}};
}

}  // namespace

json to_json(const Tenant& t) {
  return {{"id", t.id.value},
          {"slug", t.slug},
          {"name", t.name},
          {"timezone", t.timezone},
          {"default_language", to_string(t.default_language)},
          {"created_at", format_rfc3339(t.created_at)}};
}

json to_json(const Team& t) {
  return {{"id", t.id.value},
          {"tenant_id", t.tenant_id.value},
          {"name", t.name},
          {"lead_id", id_or_null(t.lead_id)},
          {"created_at", format_rfc3339(t.created_at)}};
}

json to_json(const Agent& a) {
  return {{"id", a.id.value},
          {"tenant_id", id_or_null(a.tenant_id)},
          {"email", a.email},
          {"name", a.name},
          {"role", to_string(a.role)},
          {"team_id", id_or_null(a.team_id)},
          {"language", to_string(a.language)},
          {"active", a.active},
          {"created_at", format_rfc3339(a.created_at)}};
}

json to_json(const Customer& c) {
  return {{"id", c.id.value},
          {"tenant_id", c.tenant_id.value},
          {"name", c.name},
          {"emails", c.emails},
          {"phones", c.phones},
          {"language", to_string(c.language)},
          {"created_at", format_rfc3339(c.created_at)}};
}

json to_json(const Ticket& t) {
  return {{"id", t.id.value},
          {"reference", "T-" + std::to_string(t.id.value)},
          {"tenant_id", t.tenant_id.value},
          {"subject", t.subject},
          {"status", to_string(t.status)},
          {"priority", to_string(t.priority)},
          {"channel", to_string(t.channel)},
          {"category", t.category},
          {"tags", t.tags},
          {"team_id", id_or_null(t.team_id)},
          {"assignee_id", id_or_null(t.assignee_id)},
          {"requester_id", t.requester_id.value},
          {"created_at", format_rfc3339(t.created_at)},
          {"updated_at", format_rfc3339(t.updated_at)},
          {"solved_at", t.solved_at ? json(format_rfc3339(*t.solved_at)) : json(nullptr)},
          {"version", t.version}};
}

void add_summary(json& ticket, const TicketSummary& summary) {
  if (summary.sla_due_at) {
    ticket["sla"] = {{"due_at", format_rfc3339(*summary.sla_due_at)},
                     {"at_risk", summary.sla_at_risk},
                     {"breached", summary.sla_breached}};
  } else {
    ticket["sla"] = nullptr;
  }
  ticket["requester_name"] = summary.requester_name;
  if (summary.last_message_kind && summary.last_message_at) {
    ticket["last_message"] = {{"kind", to_string(*summary.last_message_kind)},
                              {"at", format_rfc3339(*summary.last_message_at)}};
  } else {
    ticket["last_message"] = nullptr;
  }
}

json to_json(const Message& m) {
  return {{"id", m.id.value},
          {"ticket_id", m.ticket_id.value},
          {"kind", to_string(m.kind)},
          {"author", actor_json(m.author)},
          {"body", m.body},
          {"created_at", format_rfc3339(m.created_at)},
          {"automatic", m.automatic}};
}

json to_json(const TicketEvent& e) {
  json out = {{"seq", e.seq},
              {"ticket_id", e.ticket_id.value},
              {"type", to_string(e.type)},
              {"actor", actor_json(e.actor)},
              {"at", format_rfc3339(e.at)}};
  if (!e.field.empty()) out["field"] = e.field;
  if (e.type != EventType::MessageAdded && e.type != EventType::Created) {
    out["from"] = e.from;
    out["to"] = e.to;
  }
  if (e.type == EventType::Created) out["status"] = e.to;
  if (e.message_kind) out["message_kind"] = to_string(*e.message_kind);
  if (e.message_id) out["message_id"] = e.message_id->value;
  return out;
}

Result<json> parse_json_object(std::string_view body) {
  // Depth is checked before parsing so a hostile document cannot exhaust the stack.
  if (auto pos = text::json_nesting_exceeded_at(body, kMaxJsonDepth)) {
    Error error = invalid_input("JSON is nested deeper than " + std::to_string(kMaxJsonDepth) +
                                " levels (at byte " + std::to_string(*pos) + ")");
    error.kind = kinds::kInvalidJson;
    return error;
  }
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    // Parse again with exceptions only on failure, to learn the position.
    std::string detail = "malformed JSON";
    try {
      json unused = json::parse(body);
      (void)unused;
    } catch (const json::parse_error& e) {
      detail = "malformed JSON at byte " + std::to_string(e.byte) + ": " + e.what();
    }
    Error error = invalid_input(detail);
    error.kind = kinds::kInvalidJson;
    return error;
  }
  if (!parsed.is_object()) {
    Error error = invalid_input("the request body must be a JSON object");
    error.kind = kinds::kInvalidJson;
    return error;
  }
  return parsed;
}

void BodyReader::fail(Error error) {
  if (!error_) error_ = std::move(error);
}

const json* BodyReader::member(const char* key, bool required) {
  seen_.insert(key);
  auto found = object_.find(key);
  if (found == object_.end() || found->is_null()) {
    if (required) fail(invalid_input(std::string(key) + " is required", key));
    return nullptr;
  }
  return &*found;
}

std::optional<std::string> BodyReader::string(const char* key, bool required) {
  const json* value = member(key, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    Error error = invalid_input(std::string(key) + " must be a string", key);
    error.kind = kinds::kWrongType;
    fail(std::move(error));
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::int64_t> BodyReader::integer(const char* key, bool required) {
  const json* value = member(key, required);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) {
    Error error = invalid_input(std::string(key) + " must be an integer", key);
    error.kind = kinds::kWrongType;
    fail(std::move(error));
    return std::nullopt;
  }
  return value->get<std::int64_t>();
}

std::optional<bool> BodyReader::boolean(const char* key) {
  const json* value = member(key, false);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    Error error = invalid_input(std::string(key) + " must be true or false", key);
    error.kind = kinds::kWrongType;
    fail(std::move(error));
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<std::vector<std::string>> BodyReader::strings(const char* key) {
  const json* value = member(key, false);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array() || value->size() > 100) {
    Error error = invalid_input(std::string(key) + " must be an array of at most 100 strings", key);
    error.kind = kinds::kWrongType;
    fail(std::move(error));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : *value) {
    if (!item.is_string()) {
      Error error = invalid_input(std::string(key) + " must contain only strings", key);
      error.kind = kinds::kWrongType;
      fail(std::move(error));
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<std::optional<std::int64_t>> BodyReader::nullable_id(const char* key) {
  seen_.insert(key);
  auto found = object_.find(key);
  if (found == object_.end()) return std::nullopt;
  if (found->is_null()) return std::optional<std::int64_t>{};
  if (!found->is_number_integer() || found->get<std::int64_t>() <= 0) {
    Error error = invalid_input(std::string(key) + " must be a positive integer id or null", key);
    error.kind = kinds::kWrongType;
    fail(std::move(error));
    return std::nullopt;
  }
  return std::optional<std::int64_t>{found->get<std::int64_t>()};
}

Result<void> BodyReader::finish() {
  if (error_) return *error_;
  for (const auto& [key, value] : object_.items()) {
    if (!seen_.count(key)) {
      Error error = invalid_input("unknown member '" + key.substr(0, 64) + "'", key.substr(0, 64));
      error.kind = kinds::kUnknownField;
      return error;
    }
  }
  return {};
}

}  // namespace sp::http

#include "http/privacy_routes.hpp"

#include <array>

#include "core/time.hpp"
#include "http/handler_util.hpp"

namespace sp::http {

namespace {

constexpr std::size_t kMaxScanBodyBytes = 80 * 1024;  // 64 KiB of text plus JSON escaping

json to_json(const storage::AuditRecord& r) {
  return {{"seq", r.seq},
          {"at", format_rfc3339(from_unix_ms(r.at_ms))},
          {"actor_agent_id", r.actor_agent_id ? json(*r.actor_agent_id) : json(nullptr)},
          {"action", r.action},
          {"subject", r.subject_kind + ":" + std::to_string(r.subject_id)},
          {"detail", r.detail},
          {"reason", r.reason},
          {"prev_hash", r.prev_hash},
          {"hash", r.hash}};
}

// "/api/v1/tickets/{id}/messages" without the prefix: "tickets/{id}/messages".
std::string_view route_tail(std::string_view pattern) {
  constexpr std::string_view kPrefix = "/api/v1/";
  return pattern.starts_with(kPrefix) ? pattern.substr(kPrefix.size()) : pattern;
}

// Top-level member names of a JSON body (never their values), at most 20.
std::string field_names(const HttpRequest& request) {
  if (request.body.empty() || request.body.front() != '{') return "";
  auto body = json::parse(request.body, nullptr, false);
  if (!body.is_object()) return "";
  std::string out;
  int count = 0;
  for (const auto& item : body.items()) {
    if (++count > 20) break;
    std::string key = item.key().substr(0, 40);
    out += (out.empty() ? "" : ",") + key;
  }
  return out;
}

std::optional<std::int64_t> id_in(const HttpResponse& response, const char* member) {
  if (response.body.empty() || response.body.front() != '{') return std::nullopt;
  auto body = json::parse(response.body, nullptr, false);
  if (!body.is_object() || !body.contains(member) || !body[member].is_number_integer()) return std::nullopt;
  return body[member].get<std::int64_t>();
}

struct Audited {
  std::string action;
  service::AuditSubject subject;
  std::string detail;
};

// Which audit entry a successful request makes, if any.
std::optional<Audited> audited(const Api::Context& ctx, const std::string& method, const std::string& pattern,
                               const HttpResponse& response) {
  std::string_view tail = route_tail(pattern);
  auto param = [&](const char* name) {
    return ctx.params.count(name) ? ctx.params.at(name) : std::int64_t{0};
  };
  if (method == "GET" || method == "HEAD") {
    if (tail == "tickets/{id}") return Audited{"read", {"ticket", param("id")}, "ticket"};
    if (tail == "tickets/{id}/messages") return Audited{"read", {"ticket", param("id")}, "messages"};
    if (tail == "tickets/{id}/events") return Audited{"read", {"ticket", param("id")}, "events"};
    if (tail == "tickets/{id}/messages/{message_id}/raw")
      return Audited{"read", {"ticket", param("id")}, "raw message " + std::to_string(param("message_id"))};
    if (tail == "tickets/{id}/messages/{message_id}/html")
      return Audited{"read", {"ticket", param("id")}, "html message " + std::to_string(param("message_id"))};
    if (tail == "tickets/{id}/attachments/{attachment_id}")
      return Audited{"read", {"attachment", param("attachment_id")}, "ticket " + std::to_string(param("id"))};
    if (tail == "customers/{id}") return Audited{"read", {"customer", param("id")}, "customer"};
    return std::nullopt;
  }
  // Requests that change nothing, or only the caller's own session and view.
  static constexpr std::array<std::string_view, 8> kNoChange = {"auth/login",
                                                                "auth/logout",
                                                                "privacy/scan",
                                                                "conduct/check",
                                                                "staffing/erlang",
                                                                "tickets/{id}/presence",
                                                                "tickets/{id}/macros/{macro_id}/preview",
                                                                "notifications/read"};
  for (auto skip : kNoChange) {
    if (tail == skip) return std::nullopt;
  }
  if (tail.starts_with("notifications") || tail.starts_with("staffing/") || tail.starts_with("reports/"))
    return std::nullopt;
  std::string detail = method + " " + std::string(tail);
  std::string fields = field_names(ctx.request);
  if (!fields.empty()) detail += " fields=" + fields;
  if (tail.starts_with("tickets")) {
    std::int64_t id = param("id");
    if (id == 0) id = id_in(response, "id").value_or(0);
    return Audited{"change", {"ticket", id}, detail};
  }
  if (tail.starts_with("customers")) {
    std::int64_t id = param("id");
    if (id == 0) id = id_in(response, "id").value_or(0);
    return Audited{"change", {"customer", id}, detail};
  }
  // Everything else that changes something is configuration: policies, calendars, charter,
  // agents and their roles, teams, tokens, webhooks, settings.
  std::string kind(tail.substr(0, tail.find('/')));
  if (tail.starts_with("sla/policies")) kind = "sla_policy";
  if (tail.starts_with("auth/tokens")) kind = "api_token";
  if (tail.starts_with("webhooks")) kind = "webhook";
  std::int64_t id = param("id");
  if (id == 0) id = id_in(response, "id").value_or(0);
  return Audited{"config", {kind, id}, detail};
}

}  // namespace

std::optional<HttpResponse> ApiAuditHook::after(const Api::Context& ctx, const std::string& method,
                                                const std::string& pattern, const HttpResponse& response) {
  auto entry = audited(ctx, method, pattern, response);
  if (!entry) return std::nullopt;
  const auto& who = ctx.who();
  std::optional<domain::TenantId> tenant = who.agent.tenant_id;
  if (!tenant) {
    // A platform administrator acts on the tenant named, or the one just created.
    if (auto named = ctx.request.query_param("tenant_id"); named && parse_positive(*named, "tenant_id")) {
      tenant = domain::TenantId{*parse_positive(*named, "tenant_id")};
    } else if (auto created = id_in(response, "tenant_id")) {
      tenant = domain::TenantId{*created};
    } else if (route_tail(pattern) == "tenants" || route_tail(pattern) == "tenants/{id}") {
      auto id = id_in(response, "id");
      if (id) tenant = domain::TenantId{*id};
    }
  }
  if (!tenant) return std::nullopt;
  std::string reason(ctx.request.header("x-audit-reason").value_or(""));
  // Reads are queued (one insert in the next group commit, not a wait for it); changes wait.
  bool durable = entry->action != "read";
  auto recorded = audit_.record(&who, *tenant, std::move(entry->action), std::move(entry->subject),
                                std::move(entry->detail), std::move(reason), durable);
  if (!recorded) {
    spdlog::error("audit entry not written: {}", recorded.error().message);
    return problem(503, "audit-unavailable", "Audit log unavailable",
                   "the access could not be recorded in the audit log; retry later");
  }
  return std::nullopt;
}

void register_privacy_routes(Api& api, service::AuditService& audit) {
  auto auth = Api::Access::Authenticated;
  api.add("POST", "/api/v1/privacy/scan", auth, [](Api::Context& ctx) {
    auto body = body_at_most(ctx, kMaxScanBodyBytes);
    if (!body) return error_response(body.error());
    if (!body->contains("text") || !(*body)["text"].is_string()) {
      return error_response(invalid_input("text is a required string", "text"));
    }
    std::optional<domain::Language> language;
    if (body->contains("language") && !(*body)["language"].is_null()) {
      if (!(*body)["language"].is_string())
        return error_response(invalid_input("language is nl, en or zh", "language"));
      auto parsed = domain::parse_language((*body)["language"].get<std::string>());
      if (!parsed) return error_response(invalid_input("language is nl, en or zh", "language"));
      language = *parsed;
    }
    for (const auto& item : body->items()) {
      if (item.key() != "text" && item.key() != "language") {
        Error error = invalid_input("unknown member", item.key());
        error.kind = kinds::kUnknownField;
        return error_response(error);
      }
    }
    std::string text = (*body)["text"].get<std::string>();
    SP_OR_RESPOND(found, service::scan_personal_data(ctx.who(), text, language));
    json findings = json::array();
    for (const auto& match : *found) {
      findings.push_back(
          {{"type", privacy::to_string(match.type)}, {"start", match.start}, {"end", match.end}});
    }
    return json_response(200, json{{"findings", findings}});
  });

  api.add("GET", "/api/v1/audit", auth, [&audit](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    auto subject_text = ctx.request.query_param("subject");
    if (!subject_text) return error_response(invalid_input("subject is required (customer:42)", "subject"));
    SP_OR_RESPOND(subject, service::parse_audit_subject(*subject_text));
    std::optional<std::int64_t> cursor;
    if (auto text = ctx.request.query_param("cursor")) {
      SP_OR_RESPOND(value, parse_positive(*text, "cursor"));
      cursor = *value;
    }
    int limit = 50;
    if (auto text = ctx.request.query_param("limit")) {
      SP_OR_RESPOND(value, parse_positive(*text, "limit"));
      if (*value > 200) return error_response(invalid_input("limit is 1 to 200", "limit"));
      limit = static_cast<int>(*value);
    }
    SP_OR_RESPOND(page, audit.list(ctx.who(), *tenant, *subject, cursor, limit));
    json items = json::array();
    for (const auto& record : page->items) items.push_back(to_json(record));
    return json_response(200,
                         json{{"items", items},
                              {"next_cursor", page->next_cursor ? json(*page->next_cursor) : json(nullptr)}});
  });

  api.add("GET", "/api/v1/audit/anchors", auth, [&audit](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(anchors, audit.anchors(ctx.who(), *tenant));
    json items = json::array();
    for (const auto& anchor : *anchors) {
      auto day = from_unix_ms(anchor.day * 86'400'000);
      items.push_back(
          {{"day", format_rfc3339(day).substr(0, 10)}, {"seq", anchor.seq}, {"hash", anchor.hash}});
    }
    return json_response(200, json{{"items", items}});
  });
}

}  // namespace sp::http

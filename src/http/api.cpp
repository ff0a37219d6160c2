#include "http/api.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <map>

#include "core/text.hpp"
#include "core/time.hpp"
#include "domain/notify_rules.hpp"
#include "http/json_codec.hpp"
#include "http/handler_util.hpp"
#include "http/problem.hpp"
#include "workforce/calc.hpp"

namespace sp::http {

using namespace sp::domain;
using service::Principal;

namespace {

constexpr const char* kSessionCookie = "sp_session";

std::string etag_for(const Ticket& ticket) {
  return "\"" + std::to_string(ticket.version) + "\"";
}

HttpResponse ticket_response(int status, const Ticket& ticket) {
  auto response = json_response(status, to_json(ticket));
  response.header("ETag", etag_for(ticket));
  return response;
}

// Reads an optional enum member; records the parse error in `reader_error`.
template <typename E>
std::optional<E> enum_member(BodyReader& reader, const char* key, Result<E> (*parse)(std::string_view),
                             std::optional<Error>& error) {
  auto text = reader.string(key);
  if (!text) return std::nullopt;
  auto parsed = parse(*text);
  if (!parsed) {
    if (!error) error = parsed.error();
    return std::nullopt;
  }
  return *parsed;
}

std::string session_cookie(const std::string& value, std::int64_t max_age_seconds, bool secure) {
  std::string cookie = std::string(kSessionCookie) + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
  if (secure) cookie += "; Secure";
  return cookie;
}

// --- Handlers --------------------------------------------------------------------------

HttpResponse login(Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  auto email = reader.string("email", true);
  auto password = reader.string("password", true);
  if (auto done = reader.finish(); !done) return error_response(done.error());
  SP_OR_RESPOND(result, ctx.service.login(*email, *password));
  json out = {{"agent", to_json(result->agent)},
              {"csrf_token", result->csrf_token},
              {"expires_at", format_rfc3339(result->expires_at)}};
  auto response = json_response(200, out);
  auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(
      result->expires_at.time_since_epoch() - std::chrono::system_clock::now().time_since_epoch());
  response.header("Set-Cookie",
                  session_cookie(result->session_token, std::max<std::int64_t>(lifetime.count(), 60),
                                 ctx.options.secure_cookies));
  response.header("Cache-Control", "no-store");
  return response;
}

HttpResponse logout(Api::Context& ctx) {
  if (auto cookie = ctx.request.cookie(kSessionCookie)) (void)ctx.service.logout(*cookie);
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  response.header("Set-Cookie", session_cookie("", 0, ctx.options.secure_cookies));
  return response;
}

HttpResponse me(Api::Context& ctx) {
  json out = {{"agent", to_json(ctx.who().agent)}, {"via_api_token", ctx.who().via_api_token}};
  if (!ctx.who().via_api_token) out["csrf_token"] = ctx.who().csrf_token;
  return json_response(200, out);
}

HttpResponse create_api_token(Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  auto name = reader.string("name", true);
  if (auto done = reader.finish(); !done) return error_response(done.error());
  SP_OR_RESPOND(token, ctx.service.create_api_token(ctx.who(), *name));
  return json_response(201, {{"token", *token}, {"name", *name}});
}

HttpResponse create_tenant(Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  std::optional<Error> error;
  service::NewTenantInput input;
  input.slug = reader.string("slug", true).value_or("");
  input.name = reader.string("name", true).value_or("");
  input.timezone = reader.string("timezone").value_or("UTC");
  input.language = enum_member(reader, "default_language", parse_language, error).value_or(Language::En);
  if (auto done = reader.finish(); !done) return error_response(done.error());
  if (error) return error_response(*error);
  SP_OR_RESPOND(tenant, ctx.service.create_tenant(ctx.who(), std::move(input)));
  return json_response(201, to_json(*tenant))
      .header("Location", "/api/v1/tenants/" + std::to_string(tenant->id.value));
}

HttpResponse list_tenants(Api::Context& ctx) {
  SP_OR_RESPOND(items, ctx.service.list_tenants(ctx.who()));
  return json_response(200, {{"items", array_of(*items)}});
}

HttpResponse get_tenant(Api::Context& ctx) {
  SP_OR_RESPOND(tenant, ctx.service.get_tenant(ctx.who(), TenantId{ctx.param("id")}));
  return json_response(200, to_json(*tenant));
}

std::optional<TenantId> tenant_member(BodyReader& reader) {
  auto id = reader.integer("tenant_id");
  if (!id) return std::nullopt;
  return TenantId{*id};
}

HttpResponse create_team(Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  service::NewTeamInput input;
  input.tenant_id = tenant_member(reader);
  input.name = reader.string("name", true).value_or("");
  if (auto done = reader.finish(); !done) return error_response(done.error());
  SP_OR_RESPOND(team, ctx.service.create_team(ctx.who(), std::move(input)));
  return json_response(201, to_json(*team))
      .header("Location", "/api/v1/teams/" + std::to_string(team->id.value));
}

HttpResponse list_teams(Api::Context& ctx) {
  SP_OR_RESPOND(items, ctx.service.list_teams(ctx.who()));
  return json_response(200, {{"items", array_of(*items)}});
}

HttpResponse get_team(Api::Context& ctx) {
  SP_OR_RESPOND(team, ctx.service.get_team(ctx.who(), TeamId{ctx.param("id")}));
  return json_response(200, to_json(*team));
}

HttpResponse create_agent(Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  std::optional<Error> error;
  service::NewAgentInput input;
  input.tenant_id = tenant_member(reader);
  input.email = reader.string("email", true).value_or("");
  input.name = reader.string("name", true).value_or("");
  input.password = reader.string("password", true).value_or("");
  input.role = enum_member(reader, "role", parse_role, error).value_or(Role::Agent);
  if (auto team = reader.integer("team_id")) input.team_id = TeamId{*team};
  input.language = enum_member(reader, "language", parse_language, error).value_or(Language::En);
  if (auto done = reader.finish(); !done) return error_response(done.error());
  if (error) return error_response(*error);
  SP_OR_RESPOND(agent, ctx.service.create_agent(ctx.who(), std::move(input)));
  return json_response(201, to_json(*agent))
      .header("Location", "/api/v1/agents/" + std::to_string(agent->id.value));
}

HttpResponse list_agents(Api::Context& ctx) {
  SP_OR_RESPOND(items, ctx.service.list_agents(ctx.who()));
  return json_response(200, {{"items", array_of(*items)}});
}

HttpResponse get_agent(Api::Context& ctx) {
  SP_OR_RESPOND(agent, ctx.service.get_agent(ctx.who(), AgentId{ctx.param("id")}));
  return json_response(200, to_json(*agent));
}

HttpResponse create_customer(Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  std::optional<Error> error;
  service::NewCustomerInput input;
  input.tenant_id = tenant_member(reader);
  input.name = reader.string("name", true).value_or("");
  input.emails = reader.strings("emails").value_or(std::vector<std::string>{});
  input.phones = reader.strings("phones").value_or(std::vector<std::string>{});
  input.language = enum_member(reader, "language", parse_language, error).value_or(Language::En);
  if (auto done = reader.finish(); !done) return error_response(done.error());
  if (error) return error_response(*error);
  SP_OR_RESPOND(customer, ctx.service.create_customer(ctx.who(), std::move(input)));
  return json_response(201, to_json(*customer))
      .header("Location", "/api/v1/customers/" + std::to_string(customer->id.value));
}

template <typename T>
HttpResponse page_response(const std::vector<T>& items, int limit) {
  json out = {{"items", array_of(items)}};
  if (static_cast<int>(items.size()) == limit && !items.empty()) {
    out["next_cursor"] = std::to_string(items.back().id.value);
  } else {
    out["next_cursor"] = nullptr;
  }
  return json_response(200, out);
}

HttpResponse list_customers(Api::Context& ctx) {
  storage::CustomerFilter filter;
  SP_OR_RESPOND(limit, page_limit(ctx.request));
  SP_OR_RESPOND(cursor, cursor_of(ctx.request));
  filter.limit = *limit;
  filter.before_id = *cursor;
  filter.email = ctx.request.query_param("email");
  SP_OR_RESPOND(items, ctx.service.list_customers(ctx.who(), filter));
  return page_response(*items, *limit);
}

HttpResponse get_customer(Api::Context& ctx) {
  SP_OR_RESPOND(customer, ctx.service.get_customer(ctx.who(), CustomerId{ctx.param("id")}));
  return json_response(200, to_json(*customer));
}

HttpResponse create_ticket(Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  std::optional<Error> error;
  service::NewTicketInput input;
  input.tenant_id = tenant_member(reader);
  NewTicket& t = input.ticket;
  t.subject = reader.string("subject", true).value_or("");
  t.priority = enum_member(reader, "priority", parse_priority, error).value_or(Priority::Normal);
  t.channel = enum_member(reader, "channel", parse_channel, error).value_or(Channel::Api);
  t.category = reader.string("category").value_or("");
  t.tags = reader.strings("tags").value_or(std::vector<std::string>{});
  if (auto team = reader.integer("team_id")) t.team_id = TeamId{*team};
  if (auto assignee = reader.integer("assignee_id")) t.assignee_id = AgentId{*assignee};
  t.requester_id = CustomerId{reader.integer("requester_id", true).value_or(0)};
  t.first_message = reader.string("body");
  if (auto done = reader.finish(); !done) return error_response(done.error());
  if (error) return error_response(*error);
  SP_OR_RESPOND(ticket, ctx.service.create_ticket(ctx.who(), std::move(input)));
  return ticket_response(201, *ticket)
      .header("Location", "/api/v1/tickets/" + std::to_string(ticket->id.value));
}

HttpResponse get_ticket(Api::Context& ctx) {
  SP_OR_RESPOND(ticket, ctx.service.get_ticket(ctx.who(), TicketId{ctx.param("id")}));
  if (auto none_match = ctx.request.header("if-none-match"); none_match && *none_match == etag_for(*ticket)) {
    HttpResponse response;
    response.status = 304;
    response.content_type.clear();
    response.header("ETag", etag_for(*ticket));
    return response;
  }
  return ticket_response(200, *ticket);
}

// The cursor of the due orders: "k<segment>.<due ms>.<id>" of the previous page's last row.
std::string due_cursor(const storage::UrgencyKey& key) {
  return "k" + std::to_string(key.segment) + "." + std::to_string(key.due_ms) + "." + std::to_string(key.id);
}

std::optional<storage::UrgencyKey> parse_due_cursor(std::string_view text) {
  if (text.size() < 6 || text.size() > 64 || text.front() != 'k') return std::nullopt;
  storage::UrgencyKey key;
  const char* cursor = text.data() + 1;
  const char* end = text.data() + text.size();
  auto number = [&](std::int64_t& out, bool last) {
    auto [ptr, ec] = std::from_chars(cursor, end, out);
    if (ec != std::errc{} || ptr == cursor) return false;
    cursor = ptr;
    if (last) return cursor == end;
    if (cursor == end || *cursor != '.') return false;
    ++cursor;
    return true;
  };
  std::int64_t segment = 0;
  if (!number(segment, false) || !number(key.due_ms, false) || !number(key.id, true)) return std::nullopt;
  if (segment < 0 || segment > 2 || key.id < 1) return std::nullopt;
  key.segment = static_cast<int>(segment);
  return key;
}

HttpResponse list_tickets(Api::Context& ctx) {
  const auto& request = ctx.request;
  storage::TicketFilter filter;
  SP_OR_RESPOND(limit, page_limit(request));
  filter.limit = *limit;
  if (auto sort = request.query_param("sort")) {
    if (*sort == "due") {
      filter.sort_by_due = true;
    } else if (*sort == "urgency") {
      filter.sort_by_urgency = true;
    } else if (*sort != "newest") {
      return error_response(invalid_input("sort must be newest, due or urgency", "sort"));
    }
  }
  if (filter.sort_by_due || filter.sort_by_urgency) {
    if (auto text = request.query_param("cursor")) {
      auto key = parse_due_cursor(*text);
      if (!key) return error_response(invalid_input("cursor is not one this API issued", "cursor"));
      filter.after = *key;
    }
  } else {
    SP_OR_RESPOND(cursor, cursor_of(request));
    filter.before_id = *cursor;
  }
  if (auto sla = request.query_param("sla")) {
    if (*sla == "at_risk") {
      filter.sla_at_risk_only = true;
    } else if (*sla == "breached") {
      filter.sla_breached_only = true;
    } else {
      return error_response(invalid_input("sla must be at_risk or breached", "sla"));
    }
  }
  SP_OR_RESPOND(statuses, status_params(request));
  filter.statuses = std::move(*statuses);
  if (auto text = request.query_param("tenant_id")) {
    SP_OR_RESPOND(id, parse_positive(*text, "tenant_id"));
    filter.tenant = TenantId{*id};
  }
  if (auto text = request.query_param("team_id")) {
    SP_OR_RESPOND(id, parse_positive(*text, "team_id"));
    filter.team = TeamId{*id};
  }
  if (auto text = request.query_param("assignee_id")) {
    if (*text == "none") {
      filter.unassigned_only = true;
    } else {
      SP_OR_RESPOND(id, parse_positive(*text, "assignee_id"));
      filter.assignee = AgentId{*id};
    }
  }
  if (auto text = request.query_param("requester_id")) {
    SP_OR_RESPOND(id, parse_positive(*text, "requester_id"));
    filter.requester = CustomerId{*id};
  }
  if (auto text = request.query_param("updated_since")) {
    auto since = parse_rfc3339(*text);
    if (!since) return error_response(invalid_input(since.error().message, "updated_since"));
    filter.updated_since = *since;
  }
  if (auto text = request.query_param("channel")) {
    SP_OR_RESPOND(channel, parse_channel(*text));
    filter.channel = *channel;
  }
  if (auto text = request.query_param("q")) {
    if (text->size() > 200) return error_response(invalid_input("q is at most 200 bytes", "q"));
    if (!text->empty()) filter.search = *text;
  }
  SP_OR_RESPOND(items, ctx.service.list_tickets(ctx.who(), filter));
  // Each row carries what a queue shows beside it: SLA due time and state, requester name.
  std::vector<TicketId> ids;
  ids.reserve(items->size());
  for (const auto& ticket : *items) ids.push_back(ticket.id);
  SP_OR_RESPOND(summaries, ctx.service.store().ticket_summaries(ctx.who().scope, ids));
  std::map<std::int64_t, const TicketSummary*> by_id;
  for (const auto& [id, summary] : *summaries) by_id[id.value] = &summary;
  json rows = json::array();
  for (const auto& ticket : *items) {
    json row = to_json(ticket);
    if (auto it = by_id.find(ticket.id.value); it != by_id.end()) add_summary(row, *it->second);
    rows.push_back(std::move(row));
  }
  json out = {{"items", std::move(rows)}};
  bool full = static_cast<int>(items->size()) == *limit && !items->empty();
  if (filter.sort_by_due || filter.sort_by_urgency) {
    std::optional<storage::UrgencyKey> last;
    if (full) {
      auto it = by_id.find(items->back().id.value);
      last =
          storage::urgency_key(filter, items->back().id, it != by_id.end() ? *it->second : TicketSummary{});
    }
    out["next_cursor"] = last ? json(due_cursor(*last)) : json(nullptr);
  } else {
    out["next_cursor"] = full ? json(std::to_string(items->back().id.value)) : json(nullptr);
  }
  return json_response(200, out);
}

// The default views of the queue, each with its size and the listing that shows it (in
// urgency order); their counts come from counters, so this answers in constant time.
HttpResponse list_views(Api::Context& ctx) {
  std::optional<TenantId> tenant;
  if (auto text = ctx.request.query_param("tenant_id")) {
    SP_OR_RESPOND(id, parse_positive(*text, "tenant_id"));
    tenant = TenantId{*id};
  }
  SP_OR_RESPOND(counts, ctx.service.queue_counts(ctx.who(), tenant));
  const std::string open = "status=new,open,pending,on_hold";
  const std::string scope = tenant ? "&tenant_id=" + std::to_string(tenant->value) : "";
  auto view = [&](std::string_view id, std::int64_t count, const std::string& query) {
    return json{{"id", id}, {"count", count}, {"query", query + scope + "&sort=urgency"}};
  };
  json items = json::array({
      view("mine", counts->mine, "assignee_id=" + std::to_string(ctx.who().agent.id.value) + "&" + open),
      view("unassigned", counts->unassigned, "assignee_id=none&" + open),
      view("at_risk", counts->at_risk, "sla=at_risk"),
      view("breached", counts->breached, "sla=breached"),
      view("open", counts->open, open),
  });
  return json_response(200, {{"items", std::move(items)}});
}

HttpResponse update_ticket(Api::Context& ctx) {
  SP_OR_RESPOND(version, expected_version(ctx.request));
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  std::optional<Error> error;
  TicketPatch patch;
  patch.subject = reader.string("subject");
  patch.status = enum_member(reader, "status", parse_status, error);
  patch.priority = enum_member(reader, "priority", parse_priority, error);
  patch.category = reader.string("category");
  patch.tags = reader.strings("tags");
  if (auto assignee = reader.nullable_id("assignee_id")) {
    patch.assignee_id = *assignee ? std::optional<AgentId>(AgentId{**assignee}) : std::nullopt;
  }
  if (auto team = reader.nullable_id("team_id")) {
    patch.team_id = *team ? std::optional<TeamId>(TeamId{**team}) : std::nullopt;
  }
  if (auto done = reader.finish(); !done) return error_response(done.error());
  if (error) return error_response(*error);
  SP_OR_RESPOND(ticket, ctx.service.update_ticket(ctx.who(), TicketId{ctx.param("id")}, patch, *version));
  return ticket_response(200, *ticket);
}

HttpResponse add_message(Api::Context& ctx) {
  if (auto type = ctx.request.header("content-type");
      type && text::istarts_with(*type, "multipart/form-data")) {
    if (ctx.options.message_extras == nullptr) {
      return problem(415, "unsupported-media-type", "Unsupported media type", "uploads are not configured");
    }
    return ctx.options.message_extras->add_message_with_files(ctx);
  }
  SP_OR_RESPOND(version, expected_version(ctx.request));
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  std::optional<Error> error;
  auto kind = enum_member(reader, "kind", parse_message_kind, error).value_or(MessageKind::Outbound);
  auto text = reader.string("body", true);
  // Collision detection (issue 17): the id of the newest message the composer saw.
  auto seen_up_to = reader.integer("if_no_reply_since");
  if (auto done = reader.finish(); !done) return error_response(done.error());
  if (error) return error_response(*error);
  if (seen_up_to && kind == MessageKind::Outbound) {
    SP_OR_RESPOND(collision, reply_collision(ctx, TicketId{ctx.param("id")}, MessageId{*seen_up_to}));
    if (*collision) return std::move(**collision);
  }
  SP_OR_RESPOND(
      added, ctx.service.add_message(ctx.who(), TicketId{ctx.param("id")}, kind, std::move(*text), *version));
  json out = to_json(added->message);
  out["ticket"] = to_json(added->ticket);
  if (auto* gate = ctx.service.reply_gate();
      gate != nullptr && added->message.kind == MessageKind::Outbound) {
    auto findings =
        json::parse(gate->reply_findings_json(added->ticket.tenant_id, added->ticket.id, added->message.id),
                    nullptr, false);
    if (findings.is_array()) out["conduct_findings"] = std::move(findings);
  }
  auto response = json_response(201, out);
  response.header("ETag", etag_for(added->ticket));
  return response;
}

HttpResponse list_messages(Api::Context& ctx) {
  TicketId ticket{ctx.param("id")};
  SP_OR_RESPOND(items, ctx.service.list_messages(ctx.who(), ticket));
  json out = array_of(*items);
  if (ctx.options.message_extras != nullptr && !items->empty()) {
    auto decorated = ctx.options.message_extras->decorate(*items, true, out);
    if (!decorated) return error_response(decorated.error());
  }
  return json_response(200, {{"items", std::move(out)}});
}

HttpResponse list_events(Api::Context& ctx) {
  SP_OR_RESPOND(items, ctx.service.list_events(ctx.who(), TicketId{ctx.param("id")}));
  return json_response(200, {{"items", array_of(*items)}});
}

// Erlang B/C/A staffing: the same request and answer as `servicepact calc staffing`.
HttpResponse staffing_erlang(Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  json answer = json::parse(workforce::calc_staffing_line(body->dump()), nullptr, false);
  if (answer.is_discarded()) return error_response(internal_error("staffing answer is not JSON"));
  if (answer.contains("error")) {
    std::string type = answer["error"].value("type", std::string("invalid-request"));
    std::string detail = answer["error"].value("detail", std::string());
    int status = type == "internal" ? 500 : 422;
    return problem(status, type, "The staffing request cannot be answered", detail);
  }
  return json_response(200, answer);
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    out.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

}  // namespace

Api::Api(service::HelpdeskService& service, Metrics& metrics, ApiOptions options)
    : service_(service), metrics_(metrics), options_(options) {
  register_routes();
  unmatched_metrics_index_ = metrics_.add_route("ANY", "unmatched");
}

void Api::add(const std::string& method, const std::string& pattern, Access access, Handler handler) {
  routes_.push_back(Route{method, pattern, split_path(pattern), access, std::move(handler),
                          metrics_.add_route(method, pattern)});
}

void Api::register_routes() {
  auto pub = Access::Public;
  auto auth = Access::Authenticated;
  add("GET", "/healthz", pub, [](Context&) { return json_response(200, {{"status", "ok"}}); });
  add("GET", "/readyz", pub, [this](Context& ctx) {
    if (draining_) return problem(503, "unavailable", "Shutting down", "the server is draining");
    if (auto ping = ctx.service.ping(); !ping) return error_response(ping.error());
    return json_response(200, {{"status", "ready"}});
  });
  add("GET", "/metrics", pub, [this](Context&) {
    HttpResponse response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = metrics_.render();
    return response;
  });
  add("GET", "/api/v1/openapi.json", pub, [](Context&) {
    HttpResponse response;
    response.body = openapi_document();
    return response;
  });
  add("POST", "/api/v1/auth/login", pub, login);
  add("POST", "/api/v1/auth/logout", pub, logout);
  add("GET", "/api/v1/auth/me", auth, me);
  add("POST", "/api/v1/auth/tokens", auth, create_api_token);
  add("GET", "/api/v1/tenants", auth, list_tenants);
  add("POST", "/api/v1/tenants", auth, create_tenant);
  add("GET", "/api/v1/tenants/{id}", auth, get_tenant);
  add("GET", "/api/v1/teams", auth, list_teams);
  add("POST", "/api/v1/teams", auth, create_team);
  add("GET", "/api/v1/teams/{id}", auth, get_team);
  add("GET", "/api/v1/agents", auth, list_agents);
  add("POST", "/api/v1/agents", auth, create_agent);
  add("GET", "/api/v1/agents/{id}", auth, get_agent);
  add("GET", "/api/v1/customers", auth, list_customers);
  add("POST", "/api/v1/customers", auth, create_customer);
  add("GET", "/api/v1/customers/{id}", auth, get_customer);
  add("GET", "/api/v1/views", auth, list_views);
  add("GET", "/api/v1/tickets", auth, list_tickets);
  add("POST", "/api/v1/tickets", auth, create_ticket);
  add("GET", "/api/v1/tickets/{id}", auth, get_ticket);
  add("PATCH", "/api/v1/tickets/{id}", auth, update_ticket);
  add("GET", "/api/v1/tickets/{id}/messages", auth, list_messages);
  add("POST", "/api/v1/tickets/{id}/messages", auth, add_message);
  add("GET", "/api/v1/tickets/{id}/events", auth, list_events);
  add("POST", "/api/v1/staffing/erlang", auth, staffing_erlang);
}

std::vector<RouteInfo> Api::routes() const {
  std::vector<RouteInfo> out;
  for (const auto& route : routes_) out.push_back({route.method, route.pattern});
  return out;
}

HttpResponse Api::handle(const HttpRequest& request) {
  auto started = std::chrono::steady_clock::now();
  std::size_t metrics_index = unmatched_metrics_index_;
  HttpResponse response;
  try {
    response = dispatch(request, metrics_index);
  } catch (const std::exception& e) {
    spdlog::error("handler for {} {} threw: {}", request.method, request.path, e.what());
    response = problem_from(internal_error(e.what()));
  }
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  metrics_.record_request(metrics_index, response.status, elapsed.count());
  if (response.status >= 400 || request.path.starts_with("/api/")) {
    response.header("Cache-Control", "no-store");
  }
  response.header("X-Content-Type-Options", "nosniff");
  return response;
}

HttpResponse Api::dispatch(const HttpRequest& request, std::size_t& metrics_index) {
  auto segments = split_path(request.path);
  const Route* matched = nullptr;
  std::map<std::string, std::int64_t> params;
  bool path_matched = false;
  std::vector<std::string> allowed;
  bool bad_id = false;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::int64_t> candidate;
    bool ok = true;
    bool id_invalid = false;
    for (std::size_t idx = 0; idx < segments.size() && ok; ++idx) {
      const auto& expected = route.segments[idx];
      if (expected.size() > 2 && expected.front() == '{') {
        auto value = parse_positive(segments[idx], "id");
        if (!value) {
          id_invalid = true;
        } else {
          candidate[expected.substr(1, expected.size() - 2)] = *value;
        }
      } else if (expected != segments[idx]) {
        ok = false;
      }
    }
    if (!ok) continue;
    path_matched = true;
    if (route.method != request.method) {
      allowed.push_back(route.method);
      continue;
    }
    if (id_invalid) {
      bad_id = true;
      metrics_index = route.metrics_index;
      continue;
    }
    matched = &route;
    params = std::move(candidate);
    break;
  }
  if (matched == nullptr) {
    if (bad_id) return problem(404, "not-found", "Not found", "ids are positive integers");
    if (path_matched) {
      std::string allow;
      for (const auto& method : allowed) allow += (allow.empty() ? "" : ", ") + method;
      auto response = problem(405, "method-not-allowed", "Method not allowed",
                              request.method + " is not supported here; use " + allow);
      response.header("Allow", allow);
      return response;
    }
    if (fallback_ && !request.path.starts_with("/api/")) {
      if (auto page = fallback_(request)) return std::move(*page);
    }
    return problem(404, "not-found", "Not found", "no such resource: " + request.path.substr(0, 200));
  }
  metrics_index = matched->metrics_index;
  Context ctx{request, std::move(params), std::nullopt, service_, options_};
  if (matched->access == Access::Authenticated) {
    auto authorization = request.header("authorization");
    if (authorization && authorization->starts_with("Bearer ")) {
      auto principal = service_.authenticate_api_token(authorization->substr(7));
      if (!principal) return error_response(principal.error());
      ctx.principal = std::move(*principal);
    } else if (auto cookie = request.cookie(kSessionCookie)) {
      auto principal = service_.authenticate_session(*cookie);
      if (!principal) return error_response(principal.error());
      // Cookies ride along on cross-site requests; a change must also prove it came from
      // our own page by echoing the CSRF token (SameSite=Strict is the first line).
      if (request.method != "GET" && request.method != "HEAD") {
        auto token = request.header("x-csrf-token");
        if (!token || !service::constant_time_equal(*token, principal->csrf_token)) {
          return problem(403, "csrf-token-invalid", "CSRF token missing or wrong",
                         "send the csrf_token from login in the X-CSRF-Token header");
        }
      }
      ctx.principal = std::move(*principal);
    } else {
      return problem(401, "unauthenticated", "Authentication required",
                     "log in (session cookie) or send Authorization: Bearer <API token>");
    }
  }
  auto response = matched->handler(ctx);
  if (audit_hook_ != nullptr && ctx.principal && response.status >= 200 && response.status < 300) {
    if (auto refused = audit_hook_->after(ctx, matched->method, matched->pattern, response))
      return std::move(*refused);
  }
  return response;
}

}  // namespace sp::http

#include "http/sla_routes.hpp"

#include "http/handler_util.hpp"
#include "sla/calendar_json.hpp"
#include "sla/policy_json.hpp"

namespace sp::http {

namespace {

using service::SlaService;
using namespace sp::domain;

json opt_time(const std::optional<Timestamp>& t) {
  return t ? json(format_rfc3339(*t)) : json(nullptr);
}

json calendar_json(const storage::CalendarRecord& record) {
  json definition = json::parse(record.definition_json, nullptr, false);
  return {{"id", record.id},
          {"tenant_id", record.tenant_id.value},
          {"name", record.name},
          {"calendar", definition},
          {"created_at", format_rfc3339(record.created_at)},
          {"updated_at", format_rfc3339(record.updated_at)}};
}

json policy_json(const sla::SlaPolicy& policy) {
  json out = sla::to_json(policy);
  out["id"] = policy.id;
  out["tenant_id"] = policy.tenant_id.value;
  return out;
}

json cycle_json(const sla::ClockCycle& c) {
  return {{"target", sla::to_string(c.target)},
          {"cycle", c.cycle},
          {"state", sla::to_string(c.state)},
          {"started_at", format_rfc3339(c.started_at)},
          {"due_at", opt_time(c.due_at)},
          {"at_risk_at", opt_time(c.at_risk_at)},
          {"met_at", opt_time(c.met_at)},
          {"business_seconds_used", c.business_seconds_used},
          {"business_seconds_remaining", c.business_seconds_remaining}};
}

std::optional<TenantId> tenant_of(const json& body, std::optional<Error>& error) {
  auto found = body.find("tenant_id");
  if (found == body.end() || found->is_null()) return std::nullopt;
  if (!found->is_number_integer()) {
    error = invalid_input("tenant_id must be an integer", "tenant_id");
    return std::nullopt;
  }
  return TenantId{found->get<std::int64_t>()};
}

// ?change_mode=, ?dry_run= and the dry run's page (?cursor=, ?limit=) of a policy update.
Result<service::PolicyChangeOptions> change_options(const HttpRequest& request) {
  service::PolicyChangeOptions options;
  if (auto mode = request.query_param("change_mode")) {
    auto parsed = sla::parse_policy_change_mode(*mode);
    if (!parsed) return parsed.error();
    options.mode = *parsed;
  }
  if (auto dry_run = request.query_param("dry_run")) {
    if (*dry_run != "true" && *dry_run != "false") {
      return invalid_input("dry_run must be true or false", "dry_run");
    }
    options.dry_run = *dry_run == "true";
  }
  if (auto cursor = request.query_param("cursor")) {
    auto after = parse_positive(*cursor, "cursor");
    if (!after) return invalid_input("cursor is not one this API issued", "cursor");
    options.after_ticket = *after;
  }
  auto limit = page_limit(request);
  if (!limit) return limit.error();
  options.limit = *limit;
  return options;
}

json due_move_json(const service::TicketDueMove& item) {
  const sla::DueMove& move = item.move;
  return {{"ticket_id", item.ticket.value},
          {"reference", "T-" + std::to_string(item.ticket.value)},
          {"target", sla::to_string(move.target)},
          {"cycle", move.cycle},
          {"old_due_at", opt_time(move.old_due_at)},
          {"new_due_at", opt_time(move.new_due_at)},
          {"delta_seconds", move.delta_s ? json(*move.delta_s) : json(nullptr)}};
}

HttpResponse update_policy(SlaService& sla, Api::Context& ctx) {
  SP_OR_RESPOND(options, change_options(ctx.request));
  SP_OR_RESPOND(body, body_of(ctx));
  SP_OR_RESPOND(changed, sla.change_policy(ctx.who(), ctx.param("id"), *body, *options));
  if (!options->dry_run) return json_response(200, policy_json(changed->policy));
  json items = json::array();
  for (const auto& item : changed->moves) items.push_back(due_move_json(item));
  return json_response(200, {{"dry_run", true},
                             {"change_mode", sla::to_string(options->mode)},
                             {"policy", policy_json(changed->policy)},
                             {"items", items},
                             {"next_cursor", changed->next_after ? json(std::to_string(*changed->next_after))
                                                                 : json(nullptr)}});
}

HttpResponse create_calendar(SlaService& sla, Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  std::optional<Error> error;
  auto tenant = tenant_of(*body, error);
  (void)reader.integer("tenant_id");
  auto name = reader.string("name", true);
  bool has_calendar = body->contains("calendar") && (*body)["calendar"].is_object();
  if (!has_calendar && !error) {
    error =
        invalid_input("calendar must be an object such as {\"timezone\":...,\"weekly\":{...}}", "calendar");
  }
  // "calendar" itself is validated by the SLA parser, which names the offending field.
  for (const auto& [key, value] : body->items()) {
    if (key != "calendar" && key != "name" && key != "tenant_id") {
      Error unknown = invalid_input("unknown member '" + key.substr(0, 64) + "'", key.substr(0, 64));
      unknown.kind = kinds::kUnknownField;
      return error_response(unknown);
    }
  }
  if (auto done = reader.finish(); !done && done.error().kind != kinds::kUnknownField) {
    return error_response(done.error());
  }
  if (error) return error_response(*error);
  SP_OR_RESPOND(created, sla.create_calendar(ctx.who(), tenant, *name, (*body)["calendar"]));
  return json_response(201, calendar_json(*created))
      .header("Location", "/api/v1/calendars/" + std::to_string(created->id));
}

HttpResponse update_calendar(SlaService& sla, Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  if (!body->contains("calendar") || !(*body)["calendar"].is_object()) {
    return error_response(invalid_input("calendar must be an object", "calendar"));
  }
  std::optional<std::string> name;
  for (const auto& [key, value] : body->items()) {
    if (key == "name") {
      if (!value.is_string()) return error_response(invalid_input("name must be a string", "name"));
      name = value.get<std::string>();
    } else if (key != "calendar" && key != "id" && key != "tenant_id" && key != "created_at" &&
               key != "updated_at") {
      Error error = invalid_input("unknown member '" + key.substr(0, 64) + "'", key.substr(0, 64));
      error.kind = kinds::kUnknownField;
      return error_response(error);
    }
  }
  SP_OR_RESPOND(updated, sla.update_calendar(ctx.who(), ctx.param("id"), name, (*body)["calendar"]));
  return json_response(200, calendar_json(*updated));
}

}  // namespace

void register_sla_routes(Api& api, SlaService& sla) {
  using Access = Api::Access;
  auto auth = Access::Authenticated;
  api.add("GET", "/api/v1/calendars", auth, [&sla](Api::Context& ctx) {
    SP_OR_RESPOND(items, sla.list_calendars(ctx.who()));
    json out = json::array();
    for (const auto& item : *items) out.push_back(calendar_json(item));
    return json_response(200, {{"items", out}});
  });
  api.add("POST", "/api/v1/calendars", auth, [&sla](Api::Context& ctx) { return create_calendar(sla, ctx); });
  api.add("GET", "/api/v1/calendars/{id}", auth, [&sla](Api::Context& ctx) {
    SP_OR_RESPOND(item, sla.get_calendar(ctx.who(), ctx.param("id")));
    return json_response(200, calendar_json(*item));
  });
  api.add("PUT", "/api/v1/calendars/{id}", auth,
          [&sla](Api::Context& ctx) { return update_calendar(sla, ctx); });

  api.add("POST", "/api/v1/calendars/{id}/holidays/import", auth, [&sla](Api::Context& ctx) {
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto ical = reader.string("ical", true);
    auto from_year = reader.integer("from_year", true);
    auto to_year = reader.integer("to_year", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    SP_OR_RESPOND(updated, sla.import_holidays(ctx.who(), ctx.param("id"), *ical,
                                               static_cast<int>(*from_year), static_cast<int>(*to_year)));
    return json_response(200, calendar_json(*updated));
  });

  api.add("GET", "/api/v1/sla/policies", auth, [&sla](Api::Context& ctx) {
    SP_OR_RESPOND(items, sla.list_policies(ctx.who()));
    json out = json::array();
    for (const auto& item : *items) out.push_back(policy_json(item));
    return json_response(200, {{"items", out}});
  });
  api.add("POST", "/api/v1/sla/policies", auth, [&sla](Api::Context& ctx) {
    SP_OR_RESPOND(body, body_of(ctx));
    std::optional<Error> error;
    auto tenant = tenant_of(*body, error);
    if (error) return error_response(*error);
    SP_OR_RESPOND(created, sla.create_policy(ctx.who(), tenant, *body));
    return json_response(201, policy_json(*created))
        .header("Location", "/api/v1/sla/policies/" + std::to_string(created->id));
  });
  api.add("GET", "/api/v1/sla/policies/{id}", auth, [&sla](Api::Context& ctx) {
    SP_OR_RESPOND(item, sla.get_policy(ctx.who(), ctx.param("id")));
    return json_response(200, policy_json(*item));
  });
  api.add("PUT", "/api/v1/sla/policies/{id}", auth,
          [&sla](Api::Context& ctx) { return update_policy(sla, ctx); });
  api.add("DELETE", "/api/v1/sla/policies/{id}", auth, [&sla](Api::Context& ctx) {
    SP_OR_RESPOND(deleted, sla.delete_policy(ctx.who(), ctx.param("id")));
    HttpResponse response;
    response.status = 204;
    response.content_type.clear();
    return response;
  });

  api.add("GET", "/api/v1/tickets/{id}/status-times", auth, [&sla](Api::Context& ctx) {
    SP_OR_RESPOND(times, sla.status_times(ctx.who(), TicketId{ctx.param("id")}));
    json statuses = json::array();
    for (const auto& t : times->statuses) {
      statuses.push_back(
          {{"status", domain::to_string(t.status)},
           {"seconds", t.seconds},
           {"business_seconds", t.business_seconds ? json(*t.business_seconds) : json(nullptr)},
           {"entered", t.entered}});
    }
    return json_response(200, {{"ticket_id", ctx.param("id")},
                               {"current", domain::to_string(times->current)},
                               {"since", format_rfc3339(times->since)},
                               {"statuses", statuses}});
  });

  api.add("GET", "/api/v1/tickets/{id}/sla", auth, [&sla](Api::Context& ctx) {
    SP_OR_RESPOND(result, sla.ticket_sla(ctx.who(), TicketId{ctx.param("id")}));
    json out;
    out["ticket_id"] = ctx.param("id");
    out["policy"] =
        result->policy ? json{{"id", result->policy->id}, {"name", result->policy->name}} : json(nullptr);
    json clocks = json::array();
    json history = json::array();
    json next = nullptr;
    if (result->state) {
      for (const auto& c : result->state->current) clocks.push_back(cycle_json(c));
      for (const auto& c : result->state->cycles) history.push_back(cycle_json(c));
      next = opt_time(result->state->next_deadline);
    }
    out["clocks"] = clocks;
    out["cycles"] = history;
    out["next_deadline"] = next;
    json fired = json::array();
    for (const auto& n : result->fired) {
      fired.push_back(
          {{"target", n.target}, {"cycle", n.cycle}, {"kind", n.kind}, {"due_at", format_rfc3339(n.due_at)}});
    }
    out["fired"] = fired;
    return json_response(200, out);
  });
}

}  // namespace sp::http

#include "http/macro_routes.hpp"

#include "http/handler_util.hpp"
#include "macros/macro_json.hpp"
#include "service/bulk_update.hpp"

namespace sp::http {

namespace {

using domain::TicketId;

// The ticket PATCH body that applies `patch` (only the members it sets).
json patch_json(const domain::TicketPatch& patch) {
  json out = json::object();
  if (patch.status) out["status"] = std::string(domain::to_string(*patch.status));
  if (patch.priority) out["priority"] = std::string(domain::to_string(*patch.priority));
  if (patch.tags) out["tags"] = *patch.tags;
  if (patch.category) out["category"] = *patch.category;
  if (patch.team_id) out["team_id"] = *patch.team_id ? json((*patch.team_id)->value) : json(nullptr);
  if (patch.assignee_id) {
    out["assignee_id"] = *patch.assignee_id ? json((*patch.assignee_id)->value) : json(nullptr);
  }
  return out;
}

// {ticket_ids: [..], changes: {...}} -> one outcome per ticket: {ticket_id, ok, ticket} or
// {ticket_id, ok: false, problem}.
HttpResponse bulk_update(Api::Context& ctx) {
  auto body = body_at_most(ctx, kMaxBulkBodyBytes);
  if (!body) return error_response(body.error());
  std::vector<domain::TicketId> ids;
  std::optional<macros::FieldChanges> changes;
  for (const auto& [key, value] : body->items()) {
    if (key == "ticket_ids") {
      if (!value.is_array() || value.empty() || value.size() > macros::kMaxBulkTickets) {
        return error_response(invalid_input("ticket_ids is a list of 1 to 100 ticket ids", "ticket_ids"));
      }
      for (const auto& id : value) {
        if (!id.is_number_integer() || id.get<std::int64_t>() <= 0) {
          return error_response(invalid_input("ticket ids are positive integers", "ticket_ids"));
        }
        ids.push_back(domain::TicketId{id.get<std::int64_t>()});
      }
    } else if (key == "changes") {
      SP_OR_RESPOND(parsed, macros::parse_changes(value, "changes.", false));
      changes = std::move(*parsed);
    } else {
      Error error = invalid_input("unknown member", key);
      error.kind = kinds::kUnknownField;
      return error_response(error);
    }
  }
  if (ids.empty()) return error_response(invalid_input("ticket_ids is required", "ticket_ids"));
  if (!changes) return error_response(invalid_input("changes is required", "changes"));
  SP_OR_RESPOND(outcomes, service::bulk_update(ctx.service, ctx.who(), ids, *changes));
  json items = json::array();
  for (const auto& outcome : *outcomes) {
    json item = {{"ticket_id", outcome.ticket_id.value}, {"ok", outcome.result.ok()}};
    if (outcome.result) {
      item["ticket"] = to_json(*outcome.result);
    } else {
      const HttpResponse refused = error_response(outcome.result.error());
      item["problem"] = json::parse(refused.body, nullptr, false);
    }
    items.push_back(std::move(item));
  }
  return json_response(200, {{"items", std::move(items)}});
}

}  // namespace

void register_macro_routes(Api& api, service::MacroService& macros) {
  auto auth = Api::Access::Authenticated;
  api.add("GET", "/api/v1/macros", auth, [&macros](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(items, macros.list(ctx.who(), *tenant));
    json out = json::array();
    for (const auto& macro : *items) out.push_back(macros::to_json(macro));
    return json_response(200, {{"items", std::move(out)}});
  });
  api.add("POST", "/api/v1/macros", auth, [&macros](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    auto body = body_at_most(ctx, kMaxMacroBodyBytes);
    if (!body) return error_response(body.error());
    SP_OR_RESPOND(macro, macros.create(ctx.who(), *tenant, *body));
    auto response = json_response(201, macros::to_json(*macro));
    response.header("Location", "/api/v1/macros/" + std::to_string(macro->id));
    return response;
  });
  api.add("GET", "/api/v1/macros/{id}", auth, [&macros](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(macro, macros.get(ctx.who(), *tenant, ctx.param("id")));
    return json_response(200, macros::to_json(*macro));
  });
  api.add("PATCH", "/api/v1/macros/{id}", auth, [&macros](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    auto body = body_at_most(ctx, kMaxMacroBodyBytes);
    if (!body) return error_response(body.error());
    SP_OR_RESPOND(macro, macros.update(ctx.who(), *tenant, ctx.param("id"), *body));
    return json_response(200, macros::to_json(*macro));
  });
  api.add("DELETE", "/api/v1/macros/{id}", auth, [&macros](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(removed, macros.remove(ctx.who(), *tenant, ctx.param("id")));
    HttpResponse response;
    response.status = 204;
    return response;
  });
  api.add("POST", "/api/v1/tickets/bulk", auth, bulk_update);
  api.add("POST", "/api/v1/tickets/{id}/macros/{macro_id}/preview", auth, [&macros](Api::Context& ctx) {
    SP_OR_RESPOND(preview, macros.preview(ctx.who(), TicketId{ctx.param("id")}, ctx.param("macro_id")));
    return json_response(
        200, {{"macro_id", preview->macro.id},
              {"language",
               preview->language ? json(std::string(domain::to_string(*preview->language))) : json(nullptr)},
              {"text", preview->text},
              {"patch", patch_json(preview->patch)},
              {"ticket_version", preview->ticket_version}});
  });
}

}  // namespace sp::http

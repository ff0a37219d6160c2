#include "http/conduct_routes.hpp"

#include "http/handler_util.hpp"

namespace sp::http {

namespace {

using domain::TicketId;
using service::ConductService;

}  // namespace

void register_conduct_routes(Api& api, ConductService& conduct) {
  auto auth = Api::Access::Authenticated;
  api.add("POST", "/api/v1/conduct/check", auth, [&conduct](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    auto body = body_at_most(ctx, kMaxConductBodyBytes);
    if (!body) return error_response(body.error());
    service::ConductCheckRequest request;
    if (!body->contains("text") || !(*body)["text"].is_string()) {
      return error_response(invalid_input("text is a required string", "text"));
    }
    request.text = (*body)["text"].get<std::string>();
    if (body->contains("language")) {
      if (!(*body)["language"].is_string())
        return error_response(invalid_input("language is nl, en or zh", "language"));
      auto language = domain::parse_language((*body)["language"].get<std::string>());
      if (!language) return error_response(invalid_input("language is nl, en or zh", "language"));
      request.language = *language;
    }
    if (body->contains("ticket_id") && !(*body)["ticket_id"].is_null()) {
      if (!(*body)["ticket_id"].is_number_integer() || (*body)["ticket_id"].get<std::int64_t>() <= 0) {
        return error_response(invalid_input("ticket_id is a positive integer", "ticket_id"));
      }
      request.ticket_id = TicketId{(*body)["ticket_id"].get<std::int64_t>()};
    }
    for (const auto& [key, value] : body->items()) {
      if (key != "text" && key != "language" && key != "ticket_id") {
        Error error = invalid_input("unknown member", key);
        error.kind = kinds::kUnknownField;
        return error_response(error);
      }
    }
    SP_OR_RESPOND(findings, conduct.check(ctx.who(), *tenant, request));
    json out = json::array();
    for (const auto& finding : *findings) out.push_back(ConductService::to_json(finding));
    return json_response(200, {{"findings", std::move(out)}});
  });
  api.add("GET", "/api/v1/conduct/settings", auth, [&conduct](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(settings, conduct.settings(ctx.who(), *tenant));
    return json_response(200, ConductService::to_json(*settings));
  });
  api.add("PUT", "/api/v1/conduct/settings", auth, [&conduct](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    auto body = body_at_most(ctx, kMaxConductBodyBytes);
    if (!body) return error_response(body.error());
    SP_OR_RESPOND(settings, conduct.put_settings(ctx.who(), *tenant, *body));
    return json_response(200, ConductService::to_json(*settings));
  });
  api.add("GET", "/api/v1/tickets/{id}/conduct-findings", auth, [&conduct](Api::Context& ctx) {
    SP_OR_RESPOND(items, conduct.ticket_findings(ctx.who(), TicketId{ctx.param("id")}));
    return json_response(200, *items);
  });
}

}  // namespace sp::http

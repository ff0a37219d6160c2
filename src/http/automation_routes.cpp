#include "http/automation_routes.hpp"

#include "automation/rule_json.hpp"
#include "http/handler_util.hpp"
#include "http/json_codec.hpp"

namespace sp::http {

void register_automation_routes(Api& api, service::AutomationService& automations) {
  auto auth = Api::Access::Authenticated;
  api.add("GET", "/api/v1/automations", auth, [&automations](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(rules, automations.list(ctx.who(), *tenant));
    json out = json::array();
    for (const auto& rule : *rules) out.push_back(automation::to_json(rule));
    return json_response(200, {{"items", std::move(out)}});
  });
  api.add("POST", "/api/v1/automations", auth, [&automations](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    auto body = body_at_most(ctx, kMaxAutomationBodyBytes);
    if (!body) return error_response(body.error());
    SP_OR_RESPOND(rule, automations.create(ctx.who(), *tenant, *body));
    auto response = json_response(201, automation::to_json(*rule));
    response.header("Location", "/api/v1/automations/" + std::to_string(rule->id));
    return response;
  });
  api.add("GET", "/api/v1/automations/{id}", auth, [&automations](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(rule, automations.get(ctx.who(), *tenant, ctx.param("id")));
    return json_response(200, automation::to_json(*rule));
  });
  api.add("PUT", "/api/v1/automations/{id}", auth, [&automations](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    auto body = body_at_most(ctx, kMaxAutomationBodyBytes);
    if (!body) return error_response(body.error());
    SP_OR_RESPOND(rule, automations.replace(ctx.who(), *tenant, ctx.param("id"), *body));
    return json_response(200, automation::to_json(*rule));
  });
  api.add("DELETE", "/api/v1/automations/{id}", auth, [&automations](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(removed, automations.remove(ctx.who(), *tenant, ctx.param("id")));
    HttpResponse response;
    response.status = 204;
    return response;
  });
  api.add("POST", "/api/v1/automations/{id}/dry-run", auth, [&automations](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    int limit = 20;
    if (auto text = ctx.request.query_param("limit")) {
      SP_OR_RESPOND(value, parse_positive(*text, "limit"));
      if (*value > 100) return error_response(invalid_input("limit must be between 1 and 100", "limit"));
      limit = static_cast<int>(*value);
    }
    SP_OR_RESPOND(outcome, automations.dry_run(ctx.who(), *tenant, ctx.param("id"), limit));
    json items = json::array();
    for (const auto& ticket : outcome->matches) items.push_back(to_json(ticket));
    return json_response(
        200, {{"rule_id", ctx.param("id")}, {"examined", outcome->examined}, {"items", std::move(items)}});
  });
}

}  // namespace sp::http

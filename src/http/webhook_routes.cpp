#include "http/webhook_routes.hpp"

#include "http/handler_util.hpp"

namespace sp::http {

using webhooks::OutboundWebhookService;

void register_webhook_routes(Api& api, OutboundWebhookService& hooks) {
  auto auth = Api::Access::Authenticated;
  const std::string base = "/api/v1/webhooks/subscriptions";
  api.add("POST", base, auth, [&hooks, base](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_of(ctx));
    SP_OR_RESPOND(created, hooks.create(ctx.who(), *tenant, *body));
    auto response = json_response(201, OutboundWebhookService::to_json(*created, /*with_secret=*/true));
    response.header("Location", base + "/" + std::to_string(created->id));
    return response;
  });
  api.add("GET", base, auth, [&hooks](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(items, hooks.list(ctx.who(), *tenant));
    json out = json::array();
    for (const auto& item : *items) out.push_back(OutboundWebhookService::to_json(item, false));
    return json_response(200, {{"items", std::move(out)}});
  });
  api.add("GET", base + "/{id}", auth, [&hooks](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(item, hooks.get(ctx.who(), *tenant, ctx.param("id")));
    return json_response(200, OutboundWebhookService::to_json(*item, false));
  });
  api.add("PATCH", base + "/{id}", auth, [&hooks](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_of(ctx));
    bool secret_shown = false;
    SP_OR_RESPOND(updated, hooks.update(ctx.who(), *tenant, ctx.param("id"), *body, secret_shown));
    return json_response(200, OutboundWebhookService::to_json(*updated, secret_shown));
  });
  api.add("DELETE", base + "/{id}", auth, [&hooks](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(deleted, hooks.remove(ctx.who(), *tenant, ctx.param("id")));
    HttpResponse response;
    response.status = 204;
    response.content_type.clear();
    return response;
  });
  api.add("GET", base + "/{id}/deliveries", auth, [&hooks](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(limit, page_limit(ctx.request));
    SP_OR_RESPOND(items, hooks.deliveries(ctx.who(), *tenant, ctx.param("id"), *limit));
    json out = json::array();
    for (const auto& item : *items) out.push_back(OutboundWebhookService::to_json(item));
    return json_response(200, {{"items", std::move(out)}});
  });
  api.add("POST", "/api/v1/webhooks/deliveries/{id}/retry", auth, [&hooks](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(retried, hooks.retry(ctx.who(), *tenant, ctx.param("id")));
    return json_response(202, OutboundWebhookService::to_json(*retried));
  });
}

}  // namespace sp::http

#include "http/improvement_routes.hpp"

#include <algorithm>

#include "http/handler_util.hpp"

namespace sp::http {

namespace {

using service::ImprovementService;

}  // namespace

void register_improvement_routes(Api& api, ImprovementService& improvements) {
  auto auth = Api::Access::Authenticated;
  api.add("GET", "/api/v1/improvements", auth, [&improvements](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    int limit = 200;
    if (auto text = ctx.request.query_param("limit")) {
      SP_OR_RESPOND(parsed, parse_positive(*text, "limit"));
      limit = static_cast<int>(std::min<std::int64_t>(*parsed, 100'000));
    }
    SP_OR_RESPOND(items, improvements.list(ctx.who(), *tenant, limit));
    json out = json::array();
    for (const auto& item : *items) out.push_back(ImprovementService::to_json(item));
    return json_response(200, {{"items", std::move(out)}});
  });
  api.add("POST", "/api/v1/improvements", auth, [&improvements](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    auto body = body_at_most(ctx, kMaxImprovementBodyBytes);
    if (!body) return error_response(body.error());
    SP_OR_RESPOND(created, improvements.create(ctx.who(), *tenant, *body));
    auto response = json_response(201, ImprovementService::to_json(*created));
    response.header("Location", "/api/v1/improvements/" + std::to_string(created->id));
    return response;
  });
  api.add("GET", "/api/v1/improvements/{id}", auth, [&improvements](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(item, improvements.get(ctx.who(), *tenant, ctx.param("id")));
    return json_response(200, ImprovementService::to_json(*item));
  });
  api.add("PATCH", "/api/v1/improvements/{id}", auth, [&improvements](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    auto body = body_at_most(ctx, kMaxImprovementBodyBytes);
    if (!body) return error_response(body.error());
    SP_OR_RESPOND(updated, improvements.update(ctx.who(), *tenant, ctx.param("id"), *body));
    return json_response(200, ImprovementService::to_json(*updated));
  });
  api.add("DELETE", "/api/v1/improvements/{id}", auth, [&improvements](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(deleted, improvements.remove(ctx.who(), *tenant, ctx.param("id")));
    HttpResponse response;
    response.status = 204;
    response.content_type.clear();
    return response;
  });
}

}  // namespace sp::http

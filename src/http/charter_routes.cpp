#include "http/charter_routes.hpp"

#include "charter/charter_json.hpp"
#include "documents/letter.hpp"
#include "documents/pdf.hpp"
#include "http/handler_util.hpp"
#include "http/static_files.hpp"

namespace sp::http {

namespace {

using service::CharterService;

Result<domain::Language> language_param(const HttpRequest& request, domain::Language fallback) {
  auto text = request.query_param("lang");
  if (!text) return fallback;
  auto parsed = domain::parse_language(*text);
  if (!parsed) return invalid_input("lang must be nl, en or zh", "lang");
  return *parsed;
}

HttpResponse document(std::string content_type, std::string body, bool cacheable) {
  HttpResponse response;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  response.header("Cache-Control", cacheable ? "public, max-age=600" : "no-store");
  if (response.content_type.starts_with("text/html") || response.content_type.starts_with("image/svg")) {
    response.header("Content-Security-Policy", kContentSecurityPolicy);
  }
  return response;
}

HttpResponse letter(const charter::Charter& c, const HttpRequest& request, bool cacheable) {
  SP_OR_RESPOND(language, language_param(request, c.languages.front()));
  auto format = request.query_param("format").value_or("html");
  if (format == "pdf") {
    SP_OR_RESPOND(pdf, documents::render_letter_pdf(c, *language));
    auto response = document("application/pdf", std::string(pdf->begin(), pdf->end()), cacheable);
    response.header("Content-Disposition", "inline; filename=\"commitment-letter-" +
                                               std::string(domain::to_string(*language)) + ".pdf\"");
    return response;
  }
  if (format != "html") return error_response(invalid_input("format must be html or pdf", "format"));
  SP_OR_RESPOND(html, documents::render_letter_html(c, *language));
  return document("text/html; charset=utf-8", std::move(*html), cacheable);
}

Result<service::PublicCharterView> public_view(CharterService& charters, const HttpRequest& request) {
  auto slug = request.query_param("tenant");
  if (!slug) return invalid_input("tenant (slug) is required", "tenant");
  return charters.public_view(*slug);
}

}  // namespace

void register_charter_routes(Api& api, CharterService& charters) {
  auto auth = Api::Access::Authenticated;
  auto pub = Api::Access::Public;
  api.add("GET", "/api/v1/charter", auth, [&charters](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(c, charters.get(ctx.who(), *tenant));
    return json_response(200, charter::to_json(*c));
  });
  api.add("PUT", "/api/v1/charter", auth, [&charters](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_of(ctx));
    SP_OR_RESPOND(c, charters.put(ctx.who(), *tenant, *body));
    return json_response(200, charter::to_json(*c));
  });
  api.add("GET", "/api/v1/charter/letter", auth, [&charters](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(c, charters.get(ctx.who(), *tenant));
    return letter(*c, ctx.request, false);
  });
  api.add("GET", "/api/v1/charter/evaluation", auth, [&charters](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    auto period = ctx.request.query_param("period").value_or("last_month");
    if (period != "last_month" && period != "last_quarter") {
      return error_response(invalid_input("period must be last_month or last_quarter", "period"));
    }
    SP_OR_RESPOND(evaluation, charters.evaluation(ctx.who(), *tenant, period == "last_quarter"));
    return json_response(200, documents::to_json(*evaluation));
  });
  api.add("GET", "/api/v1/charter/improvements", auth, [&charters](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(actions, charters.improvements(ctx.who(), *tenant));
    json items = json::array();
    for (const auto& a : *actions)
      items.push_back({{"you_said", a.you_said}, {"we_did", a.we_did}, {"done_on", a.done_on}});
    return json_response(200, {{"items", std::move(items)}});
  });
  api.add("PUT", "/api/v1/charter/improvements", auth, [&charters](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_of(ctx));
    SP_OR_RESPOND(actions, charters.put_improvements(ctx.who(), *tenant, *body));
    return json_response(200, {{"count", actions->size()}});
  });

  // Public: no login, by tenant slug.
  api.add("GET", "/public/charter", pub, [&charters](Api::Context& ctx) {
    SP_OR_RESPOND(view, public_view(charters, ctx.request));
    SP_OR_RESPOND(language, language_param(ctx.request, view->tenant.default_language));
    std::string letter_href =
        "/public/letter?tenant=" + view->tenant.slug + "&lang=" + std::string(domain::to_string(*language));
    SP_OR_RESPOND(html, documents::render_public_page(
                            view->charter, view->last_month, view->last_quarter, view->actions, *language,
                            letter_href, view->phone_last_month ? &*view->phone_last_month : nullptr,
                            view->commitments_last_month ? &*view->commitments_last_month : nullptr));
    return document("text/html; charset=utf-8", std::move(*html), true);
  });
  api.add("GET", "/public/letter", pub, [&charters](Api::Context& ctx) {
    SP_OR_RESPOND(view, public_view(charters, ctx.request));
    return letter(view->charter, ctx.request, true);
  });
  api.add("GET", "/public/charter.json", pub, [&charters](Api::Context& ctx) {
    SP_OR_RESPOND(view, public_view(charters, ctx.request));
    auto response = document("application/json",
                             documents::public_summary_json(
                                 view->charter, view->last_month, view->last_quarter, view->actions,
                                 view->phone_last_month ? &*view->phone_last_month : nullptr,
                                 view->commitments_last_month ? &*view->commitments_last_month : nullptr)
                                 .dump(),
                             true);
    response.header("Access-Control-Allow-Origin", "*");  // embeddable on the client's own site
    return response;
  });
  api.add("GET", "/public/badge.svg", pub, [&charters](Api::Context& ctx) {
    SP_OR_RESPOND(view, public_view(charters, ctx.request));
    SP_OR_RESPOND(language, language_param(ctx.request, view->tenant.default_language));
    bool quarter = ctx.request.query_param("period").value_or("") == "last_quarter";
    return document(
        "image/svg+xml",
        documents::charter_badge_svg(
            quarter ? view->last_quarter : view->last_month,
            quarter ? documents::BadgePeriod::LastQuarter : documents::BadgePeriod::LastMonth, *language),
        true);
  });
  api.add("GET", "/public/charter.css", pub, [](Api::Context&) {
    auto response = document("text/css; charset=utf-8", std::string(documents::charter_css()), true);
    return response;
  });
}

}  // namespace sp::http

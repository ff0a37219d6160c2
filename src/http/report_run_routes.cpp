#include "http/report_run_routes.hpp"

#include "core/time.hpp"
#include "http/handler_util.hpp"
#include "http/static_files.hpp"

namespace sp::http {

void register_report_run_routes(Api& api, service::ReportScheduleService& schedules) {
  api.add("GET", "/api/v1/reports/runs", Api::Access::Authenticated, [&schedules](Api::Context& ctx) {
    auto limit = page_limit(ctx.request);
    if (!limit) return error_response(limit.error());
    auto runs = schedules.list(ctx.who(), *limit);
    if (!runs) return error_response(runs.error());
    json items = json::array();
    for (const auto& run : *runs) {
      items.push_back({{"id", run.id},
                       {"tenant_id", run.tenant_id.value},
                       {"report", run.report},
                       {"period", run.period_label},
                       {"from", format_rfc3339(run.period_from)},
                       {"to", format_rfc3339(run.period_to)},
                       {"created_at", format_rfc3339(run.created_at)}});
    }
    return json_response(200, {{"items", std::move(items)}});
  });
  api.add("GET", "/api/v1/reports/runs/{id}", Api::Access::Authenticated, [&schedules](Api::Context& ctx) {
    auto run = schedules.get(ctx.who(), ctx.param("id"));
    if (!run) return error_response(run.error());
    auto format = ctx.request.query_param("format").value_or("html");
    HttpResponse response;
    std::string name = run->report + "-" + run->period_label;
    if (format == "html") {
      response.content_type = "text/html; charset=utf-8";
      response.body = std::move(run->html);
      response.header("Content-Security-Policy", kContentSecurityPolicy);
    } else if (format == "csv") {
      response.content_type = "text/csv; charset=utf-8";
      response.body = std::move(run->csv);
      response.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    } else if (format == "pdf") {
      response.content_type = "application/pdf";
      response.body = std::move(run->pdf);
      response.header("Content-Disposition", "inline; filename=\"" + name + ".pdf\"");
    } else {
      return error_response(invalid_input("format must be html, csv or pdf", "format"));
    }
    return response;
  });
}

}  // namespace sp::http

#include "http/report_routes.hpp"

#include "documents/report_render.hpp"
#include "http/handler_util.hpp"
#include "http/static_files.hpp"
#include "reporting/kpi_json.hpp"

namespace sp::http {

namespace {

std::string report_title(domain::Language language) {
  switch (language) {
    case domain::Language::Nl:
      return "KPI-rapport";
    case domain::Language::Zh:
      return "KPI 报告";
    case domain::Language::En:
      break;
  }
  return "KPI report";
}

// "kpis-team-2026-10-01": the file name of a download (dimension and first day,
// UTC).
std::string file_stem(const reporting::KpiReport& report) {
  return "kpis-" + std::string(reporting::to_string(report.dimension)) + "-" +
         format_rfc3339(report.from).substr(0, 10);
}

// The report in `format` (json, csv, html, pdf); the language of html and pdf
// is `lang` or the agent's own.
HttpResponse render_report(const reporting::KpiReport& report, const std::string& format,
                           domain::Language language) {
  if (format == "json") return json_response(200, reporting::to_json(report));
  HttpResponse response;
  if (format == "csv") {
    response.content_type = "text/csv; charset=utf-8";
    response.body = documents::report_csv(report);
    response.header("Content-Disposition", "attachment; filename=\"" + file_stem(report) + ".csv\"");
  } else if (format == "html") {
    response.content_type = "text/html; charset=utf-8";
    response.body = documents::report_html(report, report_title(language), language);
    response.header("Content-Security-Policy", kContentSecurityPolicy);
  } else {
    auto pdf = documents::report_pdf(report, report_title(language), language);
    if (!pdf) return error_response(pdf.error());
    response.content_type = "application/pdf";
    response.body.assign(pdf->begin(), pdf->end());
    response.header("Content-Disposition", "inline; filename=\"" + file_stem(report) + ".pdf\"");
  }
  return response;  // Api::handle marks every /api/ answer no-store
}

}  // namespace

void register_report_routes(Api& api, service::ReportService& reports) {
  api.add("GET", "/api/v1/reports/kpis", Api::Access::Authenticated,
          [&reports](Api::Context& ctx) -> HttpResponse {
            const auto& request = ctx.request;
            service::KpiRequest query;
            SP_OR_RESPOND(tenant, tenant_param(request));
            query.tenant = *tenant;
            if (auto text = request.query_param("dimension")) {
              auto dimension = reporting::parse_dimension(*text);
              if (!dimension) return error_response(invalid_input(dimension.error().message, "dimension"));
              query.dimension = *dimension;
            }
            if (auto text = request.query_param("period")) {
              auto period = reporting::parse_period(*text);
              if (!period) return error_response(invalid_input(period.error().message, "period"));
              query.period = *period;
            }
            for (const char* name : {"from", "to"}) {
              auto text = request.query_param(name);
              if (!text) {
                return error_response(invalid_input(std::string(name) + " is required (RFC 3339)", name));
              }
              auto parsed = parse_rfc3339(*text);
              if (!parsed) return error_response(invalid_input(parsed.error().message, name));
              (std::string(name) == "from" ? query.from : query.to) = *parsed;
            }
            if (auto text = request.query_param("business_time")) {
              if (*text != "true" && *text != "false") {
                return error_response(invalid_input("business_time must be true or false", "business_time"));
              }
              query.business_time = *text == "true";
            }
            if (auto text = request.query_param("source")) {
              auto source = service::parse_kpi_source(*text);
              if (!source) return error_response(source.error());
              query.source = *source;
            }
            const std::string format = request.query_param("format").value_or("json");
            if (format != "json" && format != "csv" && format != "html" && format != "pdf") {
              return error_response(invalid_input("format must be json, csv, html or pdf", "format"));
            }
            domain::Language language = ctx.who().agent.language;
            if (auto text = request.query_param("lang")) {
              auto parsed = domain::parse_language(*text);
              if (!parsed) return error_response(invalid_input("lang must be nl, en or zh", "lang"));
              language = *parsed;
            }
            auto report = reports.kpis(ctx.who(), query);
            if (!report) return error_response(report.error());
            return render_report(*report, format, language);
          });
  api.add("GET", "/api/v1/phone-settings", Api::Access::Authenticated, [&reports](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(seconds, reports.service_level_seconds(ctx.who(), *tenant));
    return json_response(200, json{{"service_level_seconds", *seconds}});
  });
  api.add("PUT", "/api/v1/phone-settings", Api::Access::Authenticated, [&reports](Api::Context& ctx) {
    SP_OR_RESPOND(tenant, tenant_param(ctx.request));
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto seconds = reader.integer("service_level_seconds", true);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    SP_OR_RESPOND(set, reports.set_service_level_seconds(ctx.who(), *tenant, *seconds));
    return json_response(200, json{{"service_level_seconds", *set}});
  });
}

}  // namespace sp::http

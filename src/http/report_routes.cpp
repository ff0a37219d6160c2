#include "http/report_routes.hpp"

#include "http/handler_util.hpp"
#include "reporting/kpi_json.hpp"

namespace sp::http {

void register_report_routes(Api& api, service::ReportService& reports) {
  api.add("GET", "/api/v1/reports/kpis", Api::Access::Authenticated,
          [&reports](Api::Context& ctx) -> HttpResponse {
            const auto& request = ctx.request;
            service::KpiRequest query;
            if (auto text = request.query_param("tenant_id")) {
              auto id = parse_positive(*text, "tenant_id");
              if (!id) return error_response(id.error());
              query.tenant = domain::TenantId{*id};
            }
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
            auto report = reports.kpis(ctx.who(), query);
            if (!report) return error_response(report.error());
            return json_response(200, reporting::to_json(*report));
          });
}

}  // namespace sp::http

// REST route of KPI reports: every figure with its definition, per group and period.
#pragma once

#include "http/api.hpp"
#include "service/report_service.hpp"

namespace sp::http {

void register_report_routes(Api& api, service::ReportService& reports);

}  // namespace sp::http

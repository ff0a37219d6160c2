// Scheduled report runs: listed, and each fetched as HTML, CSV or PDF.
#pragma once

#include "http/api.hpp"
#include "service/report_schedule_service.hpp"

namespace sp::http {

void register_report_run_routes(Api& api, service::ReportScheduleService& schedules);

}  // namespace sp::http

// REST route of feedback topics (issue 8, "Feedback and improvement"): survey comments per topic
// with example comments, and the recurring issues among the window's tickets.
#pragma once

#include "http/api.hpp"
#include "service/report_schedule_service.hpp"

namespace sp::http {

void register_feedback_routes(Api& api, service::ReportScheduleService& schedules);

}  // namespace sp::http

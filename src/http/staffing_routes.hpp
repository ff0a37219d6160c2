// REST routes of capacity planning: a staffing plan for the coming intervals, forecast
// from the tenant's own ticket history.
#pragma once

#include "http/api.hpp"
#include "service/staffing_service.hpp"

namespace sp::http {

void register_staffing_routes(Api& api, service::StaffingService& staffing);

}  // namespace sp::http

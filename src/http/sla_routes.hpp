// REST routes of the SLA engine: calendars, policies, a ticket's SLA state, and the
// escalation notifications. Registered onto an Api by the app when the engine is wired.
#pragma once

#include "http/api.hpp"
#include "service/sla_service.hpp"

namespace sp::http {

void register_sla_routes(Api& api, service::SlaService& sla);

}  // namespace sp::http

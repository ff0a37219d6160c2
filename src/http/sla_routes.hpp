// REST routes of the SLA engine: calendars, policies and a ticket's SLA state (the notices it
// writes are listed by http/notification_routes.hpp). Registered onto an Api by the app when the engine is
// wired.
#pragma once

#include "http/api.hpp"
#include "service/sla_service.hpp"

namespace sp::http {

void register_sla_routes(Api& api, service::SlaService& sla);

}  // namespace sp::http

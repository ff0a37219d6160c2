// REST routes of per-agent notifications and collision detection (issue 17): the caller's own
// notifications (unread filter, id cursor), the unread count, read marks, mail preferences per
// kind, a team's lead and manager (PATCH /api/v1/teams/{id}), and ticket presence (viewing or
// replying heartbeats). GET /api/v1/notifications?scope=tenant keeps the older tenant-wide
// listing of SlaService (admins: every notification of the tenant).
#pragma once

#include "http/api.hpp"
#include "service/notification_service.hpp"
#include "service/presence.hpp"
#include "service/sla_service.hpp"

namespace sp::http {

void register_notification_routes(Api& api, service::NotificationService& notifications,
                                  service::PresenceService& presence, service::SlaService& sla);

}  // namespace sp::http

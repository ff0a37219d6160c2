// Routes of outbound webhooks (issue 16 section 4), for tenant admins: subscriptions
// (create, list, read, change, delete), a subscription's deliveries with their attempts, and
// retrying a delivery. The secret is in the answer of POST and of a PATCH with
// "rotate_secret": true, never elsewhere.
//
// Stable problem types: /problems/webhook-bad-url and /problems/webhook-unknown-event (422,
// with "field"), /problems/webhook-subscription-not-found and
// /problems/webhook-delivery-not-found (404, also for another tenant's ids),
// /problems/webhook-subscription-limit (409), /problems/forbidden (403, not an admin).
#pragma once

#include "http/api.hpp"
#include "webhooks/outbound_webhook_service.hpp"

namespace sp::http {

void register_webhook_routes(Api& api, webhooks::OutboundWebhookService& hooks);

}  // namespace sp::http

// Channels that reach the desk without an agent: the signed webhook intake for telephony and
// social platforms (/api/v1/channels/phone/events, /api/v1/channels/social/events), the
// rotation of a tenant's webhook secret, and the public web form, both as JSON
// (/api/v1/forms/token, /api/v1/forms/submit) and as a plain server-rendered page (/contact:
// no JavaScript, no inline style, every value output-encoded, every field labelled, in the
// tenant's default language).
#pragma once

#include "http/api.hpp"
#include "intake/form_intake.hpp"
#include "intake/webhook_intake.hpp"

namespace sp::http {

void register_channel_routes(Api& api, intake::WebhookIntake& webhooks, intake::FormIntake& forms);

}  // namespace sp::http

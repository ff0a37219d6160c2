// The delivery state of a ticket's outgoing mail (queued, sending, sent, failed with reason).
#pragma once

#include "http/api.hpp"
#include "mail/outbox.hpp"

namespace sp::http {

void register_mail_routes(Api& api, mail::Outbox& outbox);

}  // namespace sp::http

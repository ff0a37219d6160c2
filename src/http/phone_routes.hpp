// Phone tickets (issue 17): "log a call" and "call back", for agents of the ticket's tenant.
//
// POST /api/v1/tickets/{id}/calls {direction: inbound|outbound, duration_seconds (0..86,400),
// outcome: reached|voicemail|no_answer|busy, note?} stores the call as an internal note whose
// first line reads "[call] <direction>, <m> min <s> s, <outcome>", and answers it with a `call`
// object. POST /api/v1/tickets/{id}/callbacks {due_at (RFC 3339, in the future), note?} makes a
// commitment (issue 18: source `callback`, channel phone, what "call back" and the note; its due
// time checked against the calendar as every commitment's) and writes the note
// "[call back due <RFC 3339>]" with the commitment's due time; the answer carries `commitment`.
// Other tickets' and tenants' ids are 404; bad input 422 problem+json naming the field.
#pragma once

#include "http/api.hpp"
#include "service/commitment_service.hpp"

namespace sp::http {

void register_phone_routes(Api& api, service::CommitmentService& commitments);

}  // namespace sp::http

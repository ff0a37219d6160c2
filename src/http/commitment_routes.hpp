// Commitments (issue 18) over HTTP, for agents of the ticket's tenant:
//   GET  /api/v1/tickets/{id}/commitments            the ticket's commitments, due time order
//   POST /api/v1/tickets/{id}/commitments            {what, due_at (RFC 3339), channel?, source?
//                                                     (manual|conduct), agent_id?, note?} -> 201
//   PATCH /api/v1/commitments/{id}                   {state: kept|cancelled, note}
//   GET  /api/v1/commitments?state=&agent_id=&due_before=&limit=   the tenant's commitments
//   GET/PUT /api/v1/commitment-settings              {reminder_minutes} (default 30)
// Other tenants' ids are 404; bad input 422 problem+json naming the field; a due time with no
// opening hours before it 422 /problems/commitment-unkeepable; closing a decided one 409
// /problems/commitment-closed.
#pragma once

#include "domain/commitment.hpp"
#include "http/api.hpp"
#include "service/commitment_service.hpp"

namespace sp::http {

nlohmann::json to_json(const domain::Commitment& commitment);

void register_commitment_routes(Api& api, service::CommitmentService& commitments);

}  // namespace sp::http

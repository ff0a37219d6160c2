// Routes of the conduct check (issue 18): POST /api/v1/conduct/check {text, language,
// ticket_id?} -> {findings: [...]} for agents; GET/PUT /api/v1/conduct/settings (word-list
// additions and exceptions, glossary, own contacts, warn/block per kind; everyone reads,
// supervisors and admins change); GET /api/v1/tickets/{id}/conduct-findings (the findings
// stored with the ticket's agent replies, for QA). Platform administrators name the tenant
// with ?tenant_id=. Errors are RFC 9457 problems (422 invalid-field with "field", 404, 413 over
// 64 KiB). A reply stopped on sending is /problems/conduct-blocked (422) with "findings".
#pragma once

#include "http/api.hpp"
#include "service/conduct_service.hpp"

namespace sp::http {

inline constexpr std::size_t kMaxConductBodyBytes = 128 * 1024;

void register_conduct_routes(Api& api, service::ConductService& conduct);

}  // namespace sp::http

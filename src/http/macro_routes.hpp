// Routes of macros (issue 17): GET/POST /api/v1/macros, GET/PATCH/DELETE /api/v1/macros/{id}
// (see service::MacroService for who sees and changes which), and
// POST /api/v1/tickets/{id}/macros/{macro_id}/preview -> {macro_id, language, text, patch,
// ticket_version}: the rendered text and the ticket PATCH body the macro's changes make,
// changing nothing. POST /api/v1/tickets/bulk {ticket_ids (at most 100), changes: {status?,
// priority?, assignee_id?, team_id?, tags_add?, tags_remove?}} -> {items: [{ticket_id, ok,
// ticket | problem}]}, each ticket changed as a PATCH would (service::bulk_update). Platform administrators
// name the tenant with ?tenant_id=. Errors are RFC 9457 problems: 422 invalid-field with "field", 422
// unknown-placeholder with "placeholder", 403, 404, 409 macro-limit, 413 over kMaxMacroBodyBytes.
#pragma once

#include "http/api.hpp"
#include "service/macro_service.hpp"

namespace sp::http {

inline constexpr std::size_t kMaxMacroBodyBytes = 80 * 1024;
inline constexpr std::size_t kMaxBulkBodyBytes = 16 * 1024;

void register_macro_routes(Api& api, service::MacroService& macros);

}  // namespace sp::http

// Routes of improvement actions (issue 8, "you said, we did"): GET/POST
// /api/v1/improvements and GET/PATCH/DELETE /api/v1/improvements/{id}. Everyone in a tenant
// reads; supervisors and admins change (403 otherwise). Platform administrators name the
// tenant with ?tenant_id=. Errors are RFC 9457 problems: /problems/invalid-field (422, with
// "field"), /problems/not-found (404), /problems/too-many-improvements (409), 413 for bodies
// over 64 KiB.
#pragma once

#include "http/api.hpp"
#include "service/improvement_service.hpp"

namespace sp::http {

inline constexpr std::size_t kMaxImprovementBodyBytes = 64 * 1024;

void register_improvement_routes(Api& api, service::ImprovementService& improvements);

}  // namespace sp::http

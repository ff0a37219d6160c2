// Routes of triggers and automations (issue 17; service::AutomationService decides who may do
// what, automation/README.md documents the rule format):
//   GET    /api/v1/automations               {items: [rule...]} in run order (everyone of the tenant)
//   POST   /api/v1/automations               rule document -> 201 rule (admins, supervisors)
//   GET    /api/v1/automations/{id}          rule
//   PUT    /api/v1/automations/{id}          rule document (replaces it) -> rule
//   DELETE /api/v1/automations/{id}          204
//   POST   /api/v1/automations/{id}/dry-run?limit=  {rule_id, examined, items: [ticket...]}: the
//          open tickets its conditions hold for now (at most limit, default 20, max 100)
// Platform administrators name the tenant with ?tenant_id=. Errors are RFC 9457 problems: 400
// invalid-json, 422 invalid-field / unknown-field / unknown-macro naming "field", 403, 404,
// 409 automation-limit, 413 over kMaxAutomationBodyBytes.
#pragma once

#include "http/api.hpp"
#include "service/automation_service.hpp"

namespace sp::http {

inline constexpr std::size_t kMaxAutomationBodyBytes = 32 * 1024;

void register_automation_routes(Api& api, service::AutomationService& automations);

}  // namespace sp::http

// Privacy over HTTP (issue 19):
//   POST /api/v1/privacy/scan   {text, language?} -> {findings: [{type, start, end}]}
//                               agents and above; text at most 64 KiB (body at most 80 KiB)
//   GET  /api/v1/audit?subject=customer:42|ticket:N|agent:N&cursor=&limit=
//                               admins (no privacy officer role exists yet); newest first,
//                               next_cursor while there are more
//   GET  /api/v1/audit/anchors  the last hash of each UTC day, newest first (90 days)
// and the audit hook: every successful authenticated read of a ticket, its messages, events,
// raw mail, HTML view or attachment, of a customer, and every change and configuration change
// through the API appends one audit entry (ids and field names only).
#pragma once

#include "http/api.hpp"
#include "service/privacy_service.hpp"

namespace sp::http {

void register_privacy_routes(Api& api, service::AuditService& audit);

// The audit hook for Api::set_audit_hook.
class ApiAuditHook final : public AuditHook {
 public:
  explicit ApiAuditHook(service::AuditService& audit) : audit_(audit) {}
  std::optional<HttpResponse> after(const Api::Context& ctx, const std::string& method,
                                    const std::string& pattern, const HttpResponse& response) override;

 private:
  service::AuditService& audit_;
};

}  // namespace sp::http

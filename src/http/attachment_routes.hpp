// Attachments over HTTP: who wrote each message and its files on the message lists, the
// downloads (agents of the tenant; the portal's customer for their own tickets), the raw
// RFC 5322 bytes of mail (agents), and replies with files (multipart/form-data) from agents
// and portal customers, within the tenant's limits.
//
// Downloads are always `Content-Disposition: attachment` (RFC 6266, filename* for any
// name), `X-Content-Type-Options: nosniff`, the sniffed type but never HTML or SVG, and a
// sandboxing CSP. Anything not visible to the caller, also another tenant's or another
// customer's, is 404, never 403 (existence is not revealed).
#pragma once

#include "http/api.hpp"
#include "intake/attachments.hpp"
#include "service/portal.hpp"

namespace sp::http {

// Upload errors as problem+json: a size limit is 413, too many files 422, a malformed body
// 400; the detail names the limit.
HttpResponse upload_problem(const Error& error);

class AttachmentRoutes final : public MessageExtras {
 public:
  // REQUIRES: all outlive this object.
  AttachmentRoutes(intake::Attachments& attachments, service::HelpdeskService& helpdesk,
                   service::PortalService& portal)
      : attachments_(attachments), helpdesk_(helpdesk), portal_(portal) {}

  // The download and raw routes (agents and portal).
  void register_routes(Api& api);

  Result<void> decorate(const std::vector<domain::Message>& messages, bool for_agent,
                        nlohmann::json& items) override;
  HttpResponse add_message_with_files(Api::Context& ctx) override;
  // POST /api/v1/portal/tickets/{id}/messages as multipart/form-data: field body, files.
  Result<storage::AppendedMessage> portal_reply_with_files(Api::Context& ctx,
                                                           const service::CustomerPrincipal& who);

 private:
  intake::Attachments& attachments_;
  service::HelpdeskService& helpdesk_;
  service::PortalService& portal_;
};

}  // namespace sp::http

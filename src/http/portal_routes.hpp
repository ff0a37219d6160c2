// The customer portal's API (/api/v1/portal/...) and the live change streams
// (server-sent events) for agents and customers.
#pragma once

#include "http/api.hpp"
#include "service/change_feed.hpp"
#include "service/portal.hpp"

namespace sp::http {

struct PortalOptions {
  // Demo mode: sign-in links are returned in the API answer and logged, since no e-mail
  // is sent. Never on in production.
  bool demo_mode = false;
  // A sender for sign-in links (e-mail); unset: links are only logged in demo mode.
  std::function<void(const service::PortalLink&)> send_link;
  // The customer's survey link (absolute URL) for a solved or closed ticket they have not
  // rated yet; unset or nullopt: no "survey_url" (null) in the ticket view.
  std::function<std::optional<std::string>(const domain::Ticket&)> survey_url;
  // Authors and attachments on the thread (attachment_routes); unset: messages as they are.
  MessageExtras* message_extras = nullptr;
  // A reply posted as multipart/form-data (body and files); unset: such posts are refused.
  std::function<Result<storage::AppendedMessage>(Api::Context&, const service::CustomerPrincipal&)>
      reply_with_files;
};

// The customer behind the portal cookie of `request`; changes must echo the CSRF token.
Result<service::CustomerPrincipal> portal_customer(service::PortalService& portal,
                                                   const HttpRequest& request);

void register_portal_routes(Api& api, service::PortalService& portal, service::ChangeFeed& feed,
                            PortalOptions options);
void register_stream_routes(Api& api, service::ChangeFeed& feed);

}  // namespace sp::http

#include "http/mail_routes.hpp"

#include "core/time.hpp"
#include "http/handler_util.hpp"

namespace sp::http {

void register_mail_routes(Api& api, mail::Outbox& outbox) {
  api.add("GET", "/api/v1/tickets/{id}/deliveries", Api::Access::Authenticated, [&outbox](Api::Context& ctx) {
    domain::TicketId id{ctx.param("id")};
    // Reading the ticket first applies the usual tenant isolation (404 otherwise).
    auto ticket = ctx.service.get_ticket(ctx.who(), id);
    if (!ticket) return error_response(ticket.error());
    auto mails = outbox.list_for_ticket(ticket->tenant_id, id);
    if (!mails) return error_response(mails.error());
    json items = json::array();
    for (const auto& m : *mails) {
      items.push_back({{"id", m.id},
                       {"message_id", m.message_id},
                       {"recipients", m.recipients},
                       {"state", mail::to_string(m.state)},
                       {"attempts", m.attempts},
                       {"last_error", m.last_error},
                       {"next_attempt_at", format_rfc3339(m.next_attempt_at)},
                       {"created_at", format_rfc3339(m.created_at)},
                       {"sent_at", m.sent_at ? json(format_rfc3339(*m.sent_at)) : json(nullptr)}});
    }
    return json_response(200, {{"items", std::move(items)}});
  });
}

}  // namespace sp::http

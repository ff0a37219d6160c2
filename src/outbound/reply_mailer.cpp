#include "outbound/reply_mailer.hpp"

#include <spdlog/spdlog.h>

namespace sp::outbound {

void ReplyMailer::message_added(const domain::Ticket& ticket, const domain::Message& message) {
  // send_reply decides which channels are mailed (e-mail, web form, portal).
  if (message.kind != domain::MessageKind::Outbound) return;
  for (const auto& desk : desks_) {
    if (desk.tenant != ticket.tenant_id) continue;
    auto sent = intake_.send_reply(desk, ticket, message);
    if (!sent) spdlog::error("reply on T-{} not queued for mail: {}", ticket.id.value, sent.error().message);
    return;
  }
}

}  // namespace sp::outbound

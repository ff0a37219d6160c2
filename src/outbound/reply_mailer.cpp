#include "outbound/reply_mailer.hpp"

#include <spdlog/spdlog.h>

namespace sp::outbound {

void ReplyMailer::message_added(const domain::Ticket& ticket, const domain::Message& message) {
  if (message.kind != domain::MessageKind::Outbound || ticket.channel != domain::Channel::Email) return;
  for (const auto& desk : desks_) {
    if (desk.tenant != ticket.tenant_id) continue;
    auto sent = intake_.send_reply(desk, ticket, message);
    if (!sent) spdlog::error("reply on T-{} not queued for mail: {}", ticket.id.value, sent.error().message);
    return;
  }
}

}  // namespace sp::outbound

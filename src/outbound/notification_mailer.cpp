#include "outbound/notification_mailer.hpp"

#include <sodium.h>

#include "channels/compose.hpp"

namespace sp::outbound {

Result<void> mail_notification(mail::Outbox& outbox, const intake::MailDesk& desk, const domain::Agent& agent,
                               const storage::Notification& note, const std::string& console_url,
                               Timestamp now) {
  if (agent.email.empty()) return {};
  const auto at = desk.address.find('@');
  const std::string domain = at == std::string::npos ? "servicepact.invalid" : desk.address.substr(at + 1);
  channels::OutboundMail out;
  out.from = {desk.address, desk.display_name.empty() ? std::string("servicepact") : desk.display_name};
  out.to = {{agent.email, agent.name}};
  out.subject = "[servicepact] " + note.message;
  out.text = note.message + "\n\n" + console_url + "#tickets/" + std::to_string(note.ticket_id.value) + "\n";
  out.date = now;
  std::uint8_t random[16];
  randombytes_buf(random, sizeof random);
  out.message_id = channels::make_message_id(random, domain);
  out.auto_submitted = true;  // no out-of-office replies to the desk
  auto raw = channels::compose_mail(out);
  if (!raw) return raw.error();
  auto queued = outbox.enqueue({note.tenant_id,
                                std::nullopt,
                                "<" + out.message_id + ">",
                                desk.address,
                                {agent.email},
                                std::move(*raw)},
                               now);
  if (!queued) return queued.error();
  return {};
}

}  // namespace sp::outbound

#include "outbound/notification_mailer.hpp"

#include "outbound/report_mailer.hpp"

namespace sp::outbound {

Result<void> mail_notification(mail::Outbox& outbox, const intake::MailDesk& desk, const domain::Agent& agent,
                               const storage::Notification& note, const std::string& console_url,
                               Timestamp now) {
  if (agent.email.empty()) return {};
  channels::OutboundMail out;
  out.from = {desk.address, desk.display_name.empty() ? std::string("servicepact") : desk.display_name};
  out.to = {{agent.email, agent.name}};
  out.subject = "[servicepact] " + note.message;
  out.text = note.message + "\n\n" + console_url + "#tickets/" + std::to_string(note.ticket_id.value) + "\n";
  return queue_staff_mail(outbox, note.tenant_id, desk.address, std::move(out), now);
}

}  // namespace sp::outbound

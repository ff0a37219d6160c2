// Mails one per-agent notification (issue 17) to its agent, when they switched mail on for its
// kind (service::NotificationService decides that and calls this through its mailer): from the
// tenant's mail desk, queued in the durable outbox like replies and reports, one mail per
// notification (nothing is batched), with a link to the ticket in the console. Tenants
// without a desk send nothing. Thread-safe (the outbox is).
#pragma once

#include <string>

#include "core/clock.hpp"
#include "intake/mail_intake.hpp"
#include "mail/outbox.hpp"
#include "storage/sla_store.hpp"

namespace sp::outbound {

// Queues the mail; `console_url` is the base of the link (e.g. "https://desk.example/").
Result<void> mail_notification(mail::Outbox& outbox, const intake::MailDesk& desk, const domain::Agent& agent,
                               const storage::Notification& note, const std::string& console_url,
                               Timestamp now);

}  // namespace sp::outbound

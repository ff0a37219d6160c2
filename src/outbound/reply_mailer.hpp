// Sends agents' outbound messages on e-mail, web-form and portal tickets as mail (through the durable
// outbox), for the tenants that have a desk: the agent's reply, and the system's outbound messages such as
// the survey invitation on solving. Called after the message is committed; a failure to queue
// is logged, never lost silently (the message stays on the ticket).
#pragma once

#include <vector>

#include "intake/mail_intake.hpp"
#include "service/helpdesk.hpp"

namespace sp::outbound {

class ReplyMailer final : public service::TicketObserver {
 public:
  // REQUIRES: `intake` outlives this object.
  ReplyMailer(intake::MailIntake& intake, std::vector<intake::MailDesk> desks)
      : intake_(intake), desks_(std::move(desks)) {}
  void ticket_changed(const domain::Ticket&, service::TicketChangeKind) override {}
  void message_added(const domain::Ticket& ticket, const domain::Message& message) override;

 private:
  intake::MailIntake& intake_;
  std::vector<intake::MailDesk> desks_;
};

}  // namespace sp::outbound

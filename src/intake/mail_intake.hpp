// E-mail becomes tickets, exactly once, whichever way it arrives (IMAP poller or the MTA
// gateway): parse (channels/), drop or route bounces, refuse the desk's own mail coming
// back, find the customer by address, thread into an existing ticket (Message-IDs, then the
// subject token) when the sender is one of its participants or open a new one (linked to
// the ticket it referred to when the sender is not), and acknowledge new tickets once in the
// customer's language with the time by which they will have an answer. Automatic mail
// (out-of-office) is stored marked automatic and changes no status. The receipt (tenant,
// source, Message-ID) and the mailbox checkpoint are stored in the same transaction as the
// message, so a crash neither loses nor doubles mail.
//
// Replies are composed here (send_reply: threading belongs with the desk's intake) and
// queued by outbound::ReplyMailer.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/mime.hpp"
#include "channels/threading.hpp"
#include "intake/attachments.hpp"
#include "mail/outbox.hpp"
#include "service/helpdesk.hpp"
#include "service/sla_service.hpp"
#include "storage/mail_intake_store.hpp"

namespace sp::kinds {
inline constexpr std::string_view kMailRefused = "mail-refused";
}  // namespace sp::kinds

namespace sp::intake {

using namespace sp::domain;  // NOLINT

// A tenant's e-mail desk.
struct MailDesk {
  TenantId tenant;
  std::string address;       // the desk's address: From of acknowledgements and replies
  std::string display_name;  // e.g. "Telnet klantenservice"
  // Aliases. Mail from the address or an alias is the desk's own coming back: refused.
  std::vector<std::string> other_addresses;
  int max_auto_replies_per_hour = 3;  // per sender address, held in the database
  // Used when no SLA policy gives a first-response due time.
  std::chrono::minutes fallback_first_response{8 * 60};
  // The customer portal (absolute URL, e.g. "https://desk.example.com/portal"): replies on
  // web-form and portal tickets name it, since the customer did not write by mail.
  std::string portal_url;
};

struct MailIntakeResult {
  std::optional<TicketId> ticket;
  bool created = false;       // a new ticket
  bool duplicate = false;     // this message was already received: nothing changed
  bool bounce = false;        // a delivery report (noted on the ticket it belongs to, if any)
  bool acknowledged = false;  // an acknowledgement was queued
  bool automatic = false;     // sent by a machine (out-of-office): stored marked, no status change
  // The ticket the mail referred to when its sender is not a participant of it: the mail
  // opened `ticket` instead, with a note on both.
  std::optional<TicketId> linked_to;
  std::string note;  // why no acknowledgement / what was done with a bounce
};

class MailIntake {
 public:
  // `sla`, `outbox` and `attachments` are optional (no acknowledgements without an outbox;
  // attachments only listed, and raw messages not kept, without a store). `mail_store` holds
  // the auto-reply limit and the tickets' mail participants.
  MailIntake(service::HelpdeskService& helpdesk, storage::MailIntakeStore& mail_store,
             service::SlaService* sla, mail::Outbox* outbox, AttachmentStore* attachments = nullptr);
  // With records: every attachment, inline image, the HTML version and the raw message of
  // each mail get an attachment record (files written after the duplicate check, records
  // right after the message). Call while wiring, before mail arrives.
  void set_attachment_records(Attachments* records) { records_ = records; }

  // Acknowledges a ticket opened by another channel (the web form) by e-mail to its
  // requester; returns the promised answer time. Nothing is sent without an outbox or
  // an address, or past the per-address hourly limit (the due time is still returned).
  Result<std::optional<Timestamp>> acknowledge_contact(const MailDesk& desk, const Ticket& ticket);

  // Ingests one raw RFC 5322 message that arrived for `desk` through `source`. With a
  // checkpoint (IMAP), it is stored with the message, or alone for duplicates and refusals.
  // Fails with InvalidInput kind kinds::kMailRefused for mail that can never be ingested
  // (unparseable, no usable sender, from the desk's own address): callers drop it (gateway
  // exit 65). A property of the message is never any other error: control characters are
  // left out of the stored text, MIME past the nesting cap is not read (the raw message is
  // kept beside it in both cases), over-long texts are cut at a UTF-8 boundary. Other errors
  // are storage trouble that can pass (Unavailable when busy: retry later, gateway exit 75).
  Result<MailIntakeResult> ingest(const MailDesk& desk, std::string_view raw, const std::string& source,
                                  std::optional<storage::MailboxCheckpoint> checkpoint = {});

  // Mails a customer their portal sign-in link (nl, en, zh by the customer's language).
  Result<void> send_portal_link(const MailDesk& desk, const Customer& customer, const std::string& url,
                                Timestamp expires_at);

  // Queues the mail for an agent's outbound message on an e-mail, web-form or portal ticket
  // (the form promises "we answer by e-mail"): to the requester, threaded with
  // In-Reply-To/References to the ticket's mail so far, token in the subject; on web tickets
  // with a paragraph naming the portal. Other channels, notes and inbound messages: nothing.
  Result<std::optional<mail::OutboundMail>> send_reply(const MailDesk& desk, const Ticket& ticket,
                                                       const Message& message);

 private:
  Result<MailIntakeResult> acknowledge(const MailDesk& desk, const channels::ParsedMail& mail,
                                       const Ticket& ticket, const Customer& customer,
                                       MailIntakeResult result);
  Timestamp answer_due(const MailDesk& desk, const Ticket& ticket, Timestamp now);
  // Composes and queues the acknowledgement of `ticket` to `to`.
  Result<void> queue_acknowledgement(const MailDesk& desk, const Ticket& ticket, const Customer& customer,
                                     const channels::MailAddress& to, Timestamp due,
                                     const std::string& in_reply_to, std::vector<std::string> references);
  // The customer's words with a line per file, and (in `files`) the files to keep.
  std::string body_with_attachments(const channels::ParsedMail& mail, std::string_view raw,
                                    std::vector<IncomingFile>& files);
  // Keeps the files of a stored message; a failure is logged (the message is stored).
  void keep_files(TenantId tenant, TicketId ticket, std::optional<MessageId> message,
                  std::vector<IncomingFile> files);
  // Whether `sender` (customer `customer`) may add to `ticket` by mail: its requester, one of
  // its mail participants or an agent of the tenant.
  Result<bool> is_participant(const MailDesk& desk, TicketId ticket, const Customer& customer,
                              const std::string& sender);
  void record_participants(const MailDesk& desk, TicketId ticket, const channels::ParsedMail& mail);
  // System notes on both tickets saying why the mail did not join `referred`.
  void note_link(const MailDesk& desk, const channels::ParsedMail& mail, TicketId referred,
                 channels::ThreadEvidence evidence, TicketId opened);
  bool take_auto_reply_slot(const MailDesk& desk, const std::string& address, Timestamp now);
  std::string new_message_id(const MailDesk& desk) const;

  service::HelpdeskService& helpdesk_;
  storage::MailIntakeStore& mail_store_;
  service::SlaService* sla_;
  mail::Outbox* outbox_;
  AttachmentStore* attachments_;
  Attachments* records_ = nullptr;
};

}  // namespace sp::intake

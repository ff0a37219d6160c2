#include "intake/mail_intake.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "channels/acknowledgement.hpp"
#include "channels/auto_reply.hpp"
#include "channels/compose.hpp"
#include "channels/threading.hpp"
#include "domain/validation.hpp"
#include "service/auth.hpp"

namespace sp::intake {

namespace {

// Threading questions answered from storage, for one tenant only.
class StoreThreadLookup final : public channels::ThreadLookup {
 public:
  StoreThreadLookup(storage::Store& store, TenantId tenant) : store_(store), tenant_(tenant) {}
  std::optional<TicketId> ticket_for_message_id(std::string_view message_id) const override {
    auto found = store_.find_ticket_by_mail_ids(tenant_, {std::string(message_id)});
    return found ? *found : std::nullopt;
  }
  bool ticket_exists(TicketId ticket) const override {
    return store_.get_ticket(storage::Scope::of(tenant_), ticket).ok();
  }

 private:
  storage::Store& store_;
  TenantId tenant_;
};

Error refused(std::string message) {
  Error error = invalid_input(std::move(message), "message");
  error.kind = kinds::kMailRefused;
  return error;
}

// A message without Message-ID is identified by the digest of its bytes.
std::string external_id_of(const channels::ParsedMail& mail, std::string_view raw) {
  if (!mail.message_id.empty()) return mail.message_id.substr(0, 900);
  return "sha256:" + service::token_digest(raw);
}

// Cuts `text` to at most `max_bytes` without splitting a UTF-8 sequence (a split one would
// make the whole text invalid, and the store refuse it).
std::string cut_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

// Control characters other than tab and newline out: the store refuses them, and what a
// sender's software put there is no reason to lose the mail.
std::string without_controls(std::string text) {
  std::erase_if(text, [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t' && c != '\n') || u == 0x7F;
  });
  return text;
}

std::string subject_of(const channels::ParsedMail& mail) {
  std::string subject = mail.subject;
  if (subject.empty()) subject = "(no subject)";
  return cut_utf8(std::move(subject), 250);
}

// A message that a property of its own makes impossible to store (helpdesk validation) is
// refused like unparseable mail: retrying it can never help.
Error refused_if_invalid(Error error) {
  if (error.code != ErrorCode::InvalidInput || error.kind == kinds::kMailRefused) return error;
  return refused("message not storable: " + error.message);
}

// The id of a new ticket's only message (open_customer_ticket returns the ticket).
std::optional<MessageId> first_message_of(storage::Store& store, TenantId tenant, TicketId ticket) {
  auto messages = store.list_messages(storage::Scope::of(tenant), ticket);
  if (!messages || messages->empty()) return std::nullopt;
  return messages->front().id;
}

// Customers who wrote through the web form or the portal get replies by mail too.
bool is_mailed_channel(Channel channel) {
  return channel == Channel::Email || channel == Channel::Web;
}

// Where a customer who did not write by mail reads and answers the whole conversation.
std::string portal_paragraph(Language language, const std::string& portal_url) {
  if (portal_url.empty()) return "";
  switch (language) {
    case Language::Nl:
      return "\n\n--\nU kunt ook antwoorden op deze e-mail, of uw vraag bekijken en beantwoorden in het "
             "klantenportaal: " +
             portal_url + "\n";
    case Language::Zh:
      return "\n\n--\n您可以直接回复此邮件，或在客户门户中查看并回复您的咨询：" + portal_url + "\n";
    case Language::En:
      break;
  }
  return "\n\n--\nYou can answer this e-mail, or see and answer your request in the customer portal: " +
         portal_url + "\n";
}

}  // namespace

MailIntake::MailIntake(service::HelpdeskService& helpdesk, storage::MailIntakeStore& mail_store,
                       service::SlaService* sla, mail::Outbox* outbox, AttachmentStore* attachments)
    : helpdesk_(helpdesk), mail_store_(mail_store), sla_(sla), outbox_(outbox), attachments_(attachments) {}

// The customer's words: text, with a line per attachment kept (with its digest when stored)
// or dropped, and the raw message when the text leaves something out. Nothing is written
// here: the files are kept once the message is (a duplicate stores none).
std::string MailIntake::body_with_attachments(const channels::ParsedMail& mail, std::string_view raw,
                                              std::vector<IncomingFile>& files) {
  const bool keeping = attachments_ != nullptr || records_ != nullptr;
  std::string body = mail.text;
  while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
  if (body.empty()) body = "(no text)";
  for (const auto& attachment : mail.attachments) {
    std::string stored;
    if (keeping) {
      stored = ", sha256:" + AttachmentStore::digest_of(attachment.bytes);
      files.push_back(
          {attachment.filename, attachment.content_type, attachment.bytes,
           attachment.inline_image ? storage::AttachmentRole::Inline : storage::AttachmentRole::File,
           attachment.content_id});
    }
    body += "\n[attachment: " + attachment.filename + ", " + attachment.content_type + ", " +
            std::to_string(attachment.bytes.size()) + " bytes" + stored + "]";
  }
  for (const auto& dropped : mail.dropped) {
    body += "\n[attachment not kept: " + dropped.filename + " (" + dropped.reason + ")]";
  }
  // The sanitised HTML version is kept beside the text (as a stored file), never shown raw.
  if (mail.html && !mail.html->empty() && keeping) {
    body += "\n[html version: text/html, " + std::to_string(mail.html->size()) +
            " bytes, sha256:" + AttachmentStore::digest_of(*mail.html) + "]";
    files.push_back({"message.html", "text/html", *mail.html, storage::AttachmentRole::Html, ""});
  }
  // Control characters removed or MIME past the nesting cap: the bytes as received are kept
  // (and always with records: agents may download the raw RFC 5322 message).
  if (mail.lossy && keeping) {
    body += "\n[original message: message/rfc822, " + std::to_string(raw.size()) +
            " bytes, sha256:" + AttachmentStore::digest_of(raw) + "]";
  }
  if ((mail.lossy && keeping) || records_ != nullptr) {
    files.push_back({"message.eml", "message/rfc822", std::string(raw), storage::AttachmentRole::Raw, ""});
  }
  return cut_utf8(without_controls(std::move(body)), domain::kMaxBodyBytes);
}

void MailIntake::keep_files(TenantId tenant, TicketId ticket, std::optional<MessageId> message,
                            std::vector<IncomingFile> files) {
  if (files.empty()) return;
  if (records_ != nullptr && message) {
    auto kept = records_->attach(std::move(files), tenant, ticket, *message, helpdesk_.clock().now());
    if (!kept) spdlog::error("attachments of T-{} not kept: {}", ticket.value, kept.error().message);
    return;
  }
  if (attachments_ == nullptr) return;
  for (const auto& file : files) {
    if (auto stored = attachments_->put(file.bytes); !stored) {
      spdlog::warn("attachment {} not stored: {}", file.filename, stored.error().message);
    }
  }
}

Result<MailIntakeResult> MailIntake::ingest(const MailDesk& desk, std::string_view raw,
                                            const std::string& source,
                                            std::optional<storage::MailboxCheckpoint> checkpoint) {
  auto& store = helpdesk_.store();
  auto now = helpdesk_.clock().now();
  // Whatever happens to this message, the mailbox moves past it once we are done.
  auto advance = [&]() -> Result<void> {
    if (!checkpoint) return {};
    return store.put_mailbox_checkpoint(desk.tenant, *checkpoint, now);
  };
  // A storage call failed because of the message itself: refused, and the mailbox moves on.
  auto refuse_if_invalid = [&](Error error) -> Error {
    error = refused_if_invalid(std::move(error));
    if (error.kind == kinds::kMailRefused) {
      if (auto advanced = advance(); !advanced) return advanced.error();
    }
    return error;
  };
  auto parsed = channels::parse_mail(raw);
  if (!parsed) {
    SP_TRY(advance());
    return refused("unreadable message: " + parsed.error().message);
  }
  auto& mail = *parsed;
  MailIntakeResult result;

  if (mail.delivery_report) {
    // A bounce never becomes a ticket: note it on the ticket whose mail bounced.
    result.bounce = true;
    const auto& report = *mail.delivery_report;
    std::optional<TicketId> ticket;
    if (!report.original_message_id.empty()) {
      auto found = store.find_ticket_by_mail_ids(desk.tenant, {report.original_message_id});
      if (!found) return found.error();
      ticket = *found;
    }
    if (outbox_ != nullptr && report.failed() && !report.original_message_id.empty()) {
      auto marked = outbox_->mark_bounced(desk.tenant, "<" + report.original_message_id + ">",
                                          report.status + " " + report.diagnostic);
      if (!marked) return marked.error();
    }
    if (ticket && report.failed()) {
      auto noted = helpdesk_.add_system_note(
          desk.tenant, *ticket,
          "Delivery failed to " + report.final_recipient + ": " + report.status + " " + report.diagnostic);
      if (!noted) return noted.error();
      result.ticket = ticket;
      result.note = "bounce noted on the ticket";
    } else {
      result.note = "bounce for unknown mail dropped";
    }
    SP_TRY(advance());
    return result;
  }

  auto sender = mail.from.address;
  if (sender.empty()) {
    SP_TRY(advance());
    return refused("the message has no usable From address");
  }
  std::vector<std::string> own_addresses = desk.other_addresses;
  own_addresses.push_back(desk.address);
  if (channels::is_own_address(sender, own_addresses)) {
    // Our own mail coming back (a forwarding loop, a misrouted copy): it is no customer's.
    SP_TRY(advance());
    return refused("mail from the desk's own address " + sender);
  }
  auto external_id = external_id_of(mail, raw);
  if (auto seen = store.find_intake(desk.tenant, source, external_id); !seen) {
    return seen.error();
  } else if (*seen) {
    SP_TRY(advance());
    result.ticket = **seen;
    result.duplicate = true;
    return result;
  }

  auto tenant = store.get_tenant(storage::Scope::of(desk.tenant), desk.tenant);
  if (!tenant) return tenant.error();
  auto customer = helpdesk_.find_or_create_customer(
      desk.tenant, sender, cut_utf8(mail.from.name, domain::kMaxNameBytes), tenant->default_language);
  if (!customer) {
    if (customer.error().code == ErrorCode::InvalidInput) {
      SP_TRY(advance());
      return refused("sender address not usable: " + customer.error().message);
    }
    return customer.error();
  }

  storage::InboundReceipt receipt{source, external_id, {}, checkpoint};
  if (!mail.message_id.empty()) receipt.mail_message_ids.push_back(mail.message_id);
  result.automatic = channels::is_automatic(mail);
  std::vector<IncomingFile> files;
  auto body = body_with_attachments(mail, raw, files);
  StoreThreadLookup lookup(store, desk.tenant);
  auto decision = channels::decide_thread(mail, lookup);
  std::optional<channels::ThreadEvidence> link_evidence;
  if (auto* append = std::get_if<channels::AppendTo>(&decision)) {
    auto participant = is_participant(desk, append->ticket, *customer, sender);
    if (!participant) return participant.error();
    if (!*participant) {
      // Anyone can type "[#T-1830]": a stranger's mail must not read as the customer's own.
      result.linked_to = append->ticket;
      link_evidence = append->evidence;
    } else {
      auto added = helpdesk_.add_customer_message(desk.tenant, customer->id, append->ticket, body, receipt,
                                                  result.automatic);
      if (added) {
        result.ticket = added->ticket.id;
        keep_files(desk.tenant, added->ticket.id, added->message.id, std::move(files));
        record_participants(desk, added->ticket.id, mail);
        return result;
      }
      if (added.error().kind == kinds::kDuplicateIntake) {
        result.ticket = append->ticket;
        result.duplicate = true;
        return result;
      }
      // A closed ticket cannot take messages: the mail opens a new ticket below.
      if (added.error().code != ErrorCode::Conflict) return refuse_if_invalid(added.error());
    }
  }

  NewTicket ticket;
  ticket.subject = subject_of(mail);
  ticket.channel = Channel::Email;
  ticket.first_message = std::move(body);
  ticket.first_message_automatic = result.automatic;
  if (result.linked_to) ticket.tags = {"refers-to:" + channels::format_ticket_reference(*result.linked_to)};
  auto created = helpdesk_.open_customer_ticket(desk.tenant, customer->id, std::move(ticket), receipt);
  if (!created) {
    if (created.error().kind == kinds::kDuplicateIntake) {
      auto seen = store.find_intake(desk.tenant, source, external_id);
      result.ticket = seen && *seen ? std::optional<TicketId>(**seen) : std::nullopt;
      result.duplicate = true;
      return result;
    }
    return refuse_if_invalid(created.error());
  }
  result.ticket = created->id;
  result.created = true;
  keep_files(desk.tenant, created->id, first_message_of(store, desk.tenant, created->id), std::move(files));
  record_participants(desk, created->id, mail);
  if (result.linked_to) note_link(desk, mail, *result.linked_to, *link_evidence, created->id);
  return acknowledge(desk, mail, *created, *customer, std::move(result));
}

Result<bool> MailIntake::is_participant(const MailDesk& desk, TicketId ticket, const Customer& customer,
                                        const std::string& sender) {
  auto& store = helpdesk_.store();
  auto found = store.get_ticket(storage::Scope::of(desk.tenant), ticket);
  if (!found) return found.error();
  if (found->requester_id == customer.id) return true;
  auto copied = mail_store_.is_mail_participant(desk.tenant, ticket, sender);
  if (!copied) return copied.error();
  if (*copied) return true;
  auto agent = store.find_agent_by_email(sender);
  if (!agent) {
    if (agent.error().code == ErrorCode::NotFound) return false;
    return agent.error();
  }
  return agent->agent.active && agent->agent.tenant_id == desk.tenant;
}

// Everyone the accepted mail was from, to or copied to (the desk's own addresses aside) may
// write on the ticket later: that is how a colleague in Cc answering "reply all" joins.
// The mail is stored when this runs: a failure is logged, never a reason to take it again.
void MailIntake::record_participants(const MailDesk& desk, TicketId ticket,
                                     const channels::ParsedMail& mail) {
  std::vector<std::string> own = desk.other_addresses;
  own.push_back(desk.address);
  std::vector<std::string> addresses;
  auto consider = [&](const channels::MailAddress& address) {
    if (addresses.size() >= 50) return;  // a mail to a whole list adds no more than this
    auto normalised = channels::normalize_address(address.address);
    if (!normalised || channels::is_own_address(*normalised, own)) return;
    if (std::find(addresses.begin(), addresses.end(), *normalised) == addresses.end()) {
      addresses.push_back(std::move(*normalised));
    }
  };
  consider(mail.from);
  for (const auto& address : mail.to) consider(address);
  for (const auto& address : mail.cc) consider(address);
  auto added = mail_store_.add_mail_participants(desk.tenant, ticket, addresses, helpdesk_.clock().now());
  if (!added)
    spdlog::error("mail participants of T-{} not recorded: {}", ticket.value, added.error().message);
}

void MailIntake::note_link(const MailDesk& desk, const channels::ParsedMail& mail, TicketId referred,
                           channels::ThreadEvidence evidence, TicketId opened) {
  auto referred_ref = channels::format_ticket_reference(referred);
  auto opened_ref = channels::format_ticket_reference(opened);
  std::string why = "the sender " + mail.from.address + " is not a participant of " + referred_ref +
                    " (not its requester, a contact its mail went to or an agent of this desk)";
  auto on_new = helpdesk_.add_system_note(
      desk.tenant, opened,
      "This mail refers to " + referred_ref + " (" + std::string(channels::to_string(evidence)) +
          ") but was opened as a new ticket: " + why + ". Merge or answer it as fits.");
  auto on_referred = helpdesk_.add_system_note(
      desk.tenant, referred, "Mail referring to this ticket was opened as " + opened_ref + ": " + why + ".");
  for (const auto* noted : {&on_new, &on_referred}) {
    if (!*noted)
      spdlog::error("link note {} / {} not added: {}", referred_ref, opened_ref, noted->error().message);
  }
}

Result<MailIntakeResult> MailIntake::acknowledge(const MailDesk& desk, const channels::ParsedMail& mail,
                                                 const Ticket& ticket, const Customer& customer,
                                                 MailIntakeResult result) {
  if (outbox_ == nullptr) {
    result.note = "no outgoing mail configured";
    return result;
  }
  auto now = helpdesk_.clock().now();
  channels::AutoReplyPolicy policy;
  policy.own_addresses = desk.other_addresses;
  policy.own_addresses.push_back(desk.address);
  policy.max_replies_per_address_per_hour = desk.max_auto_replies_per_hour;
  // The hourly limit is counted (and the slot taken) in the database, below.
  auto decision = channels::should_auto_reply(mail, policy, 0);
  if (!decision.send || !take_auto_reply_slot(desk, mail.from.address, now)) {
    result.note = "no acknowledgement: " +
                  std::string(decision.send ? "rate-limited" : channels::to_string(decision.reason));
    return result;
  }
  auto due = answer_due(desk, ticket, now);
  std::vector<std::string> references = mail.references;
  if (!mail.message_id.empty()) references.push_back(mail.message_id);
  SP_TRY(queue_acknowledgement(desk, ticket, customer, {mail.from.address, mail.from.name}, due,
                               mail.message_id, std::move(references)));
  result.acknowledged = true;
  return result;
}

Timestamp MailIntake::answer_due(const MailDesk& desk, const Ticket& ticket, Timestamp now) {
  // The promise: the first-response due time from the SLA engine, else the desk's target.
  Timestamp due = now + desk.fallback_first_response;
  if (sla_ != nullptr) {
    if (auto state = sla_->evaluate(ticket, now); state && state->state) {
      for (const auto& cycle : state->state->current) {
        if (cycle.target == sla::SlaTarget::FirstResponse && cycle.due_at) due = *cycle.due_at;
      }
    }
  }
  return due;
}

Result<void> MailIntake::queue_acknowledgement(const MailDesk& desk, const Ticket& ticket,
                                               const Customer& customer, const channels::MailAddress& to,
                                               Timestamp due, const std::string& in_reply_to,
                                               std::vector<std::string> references) {
  auto& store = helpdesk_.store();
  auto tenant = store.get_tenant(storage::Scope::of(desk.tenant), desk.tenant);
  if (!tenant) return tenant.error();
  channels::AcknowledgementInput input{customer.language, tenant->name, ticket.id,
                                       ticket.subject,    due,          tenant->timezone};
  auto ack = channels::make_acknowledgement(input);
  if (!ack) return ack.error();
  auto now = helpdesk_.clock().now();
  channels::OutboundMail out;
  out.from = {desk.address, desk.display_name.empty() ? tenant->name : desk.display_name};
  out.to = {to};
  out.subject = ack->subject;
  out.ticket = ticket.id;
  out.text = ack->body;
  out.date = now;
  out.message_id = new_message_id(desk);
  out.in_reply_to = in_reply_to;
  out.references = std::move(references);
  out.auto_submitted = true;
  auto raw = channels::compose_mail(out);
  if (!raw) return raw.error();
  auto queued = outbox_->enqueue(
      {desk.tenant, ticket.id, "<" + out.message_id + ">", desk.address, {to.address}, *raw}, now);
  if (!queued) return queued.error();
  return store.map_mail_ids(desk.tenant, ticket.id, {out.message_id});
}

Result<std::optional<Timestamp>> MailIntake::acknowledge_contact(const MailDesk& desk, const Ticket& ticket) {
  auto now = helpdesk_.clock().now();
  auto due = answer_due(desk, ticket, now);
  if (outbox_ == nullptr) return std::optional<Timestamp>{due};
  auto customer = helpdesk_.store().get_customer(storage::Scope::of(desk.tenant), ticket.requester_id);
  if (!customer) return customer.error();
  if (customer->emails.empty()) return std::optional<Timestamp>{due};
  if (!take_auto_reply_slot(desk, customer->emails.front(), now)) {
    return std::optional<Timestamp>{due};
  }
  SP_TRY(queue_acknowledgement(desk, ticket, *customer, {customer->emails.front(), customer->name}, due, "",
                               {}));
  return std::optional<Timestamp>{due};
}

Result<std::optional<mail::OutboundMail>> MailIntake::send_reply(const MailDesk& desk, const Ticket& ticket,
                                                                 const Message& message) {
  if (outbox_ == nullptr || message.kind != MessageKind::Outbound || !is_mailed_channel(ticket.channel)) {
    return std::optional<mail::OutboundMail>{};
  }
  auto& store = helpdesk_.store();
  auto scope = storage::Scope::of(desk.tenant);
  auto customer = store.get_customer(scope, ticket.requester_id);
  if (!customer) return customer.error();
  if (customer->emails.empty()) return std::optional<mail::OutboundMail>{};
  auto tenant = store.get_tenant(scope, desk.tenant);
  if (!tenant) return tenant.error();
  auto now = helpdesk_.clock().now();
  channels::OutboundMail out;
  out.from = {desk.address, desk.display_name.empty() ? tenant->name : desk.display_name};
  out.to = {{customer->emails.front(), customer->name}};
  out.subject = "Re: " + ticket.subject;
  out.ticket = ticket.id;
  out.text = message.body;
  if (ticket.channel != Channel::Email) out.text += portal_paragraph(customer->language, desk.portal_url);
  out.date = now;
  out.message_id = new_message_id(desk);
  // Threaded under the ticket's mail so far: the customer's client shows one conversation.
  auto earlier = store.mail_ids_of_ticket(desk.tenant, ticket.id, 20);
  if (!earlier) return earlier.error();
  if (!earlier->empty()) {
    out.in_reply_to = earlier->back();
    out.references = *earlier;
  }
  auto raw = channels::compose_mail(out);
  if (!raw) return raw.error();
  auto queued = outbox_->enqueue(
      {desk.tenant, ticket.id, "<" + out.message_id + ">", desk.address, {customer->emails.front()}, *raw},
      now);
  if (!queued) return queued.error();
  SP_TRY(store.map_mail_ids(desk.tenant, ticket.id, {out.message_id}));
  return std::optional<mail::OutboundMail>{*queued};
}

Result<void> MailIntake::send_portal_link(const MailDesk& desk, const Customer& customer,
                                          const std::string& url, Timestamp expires_at) {
  if (outbox_ == nullptr || customer.emails.empty()) return {};
  auto& store = helpdesk_.store();
  auto tenant = store.get_tenant(storage::Scope::of(desk.tenant), desk.tenant);
  if (!tenant) return tenant.error();
  auto until = channels::format_local_time(expires_at, tenant->timezone, customer.language);
  if (!until) return until.error();
  std::string subject, text;
  switch (customer.language) {
    case Language::Nl:
      subject = "Uw inloglink voor " + tenant->name;
      text = "Beste " + customer.name +
             ",\n\nMet deze link logt u in om uw vragen te bekijken en te beantwoorden:\n\n" + url +
             "\n\nDe link werkt één keer en tot " + *until +
             ". Heeft u niet om deze link gevraagd? Dan kunt u dit bericht negeren.\n";
      break;
    case Language::Zh:
      subject = tenant->name + " 登录链接";
      text = customer.name + "，您好：\n\n请通过以下链接登录，查看并回复您的咨询：\n\n" + url +
             "\n\n该链接仅可使用一次，有效期至" + *until + "。如果您没有申请此链接，请忽略本邮件。\n";
      break;
    case Language::En:
      subject = "Your sign-in link for " + tenant->name;
      text = "Dear " + customer.name +
             ",\n\nUse this link to sign in, see your requests and answer them:\n\n" + url +
             "\n\nThe link works once and until " + *until +
             ". If you did not ask for it, you can ignore this message.\n";
      break;
  }
  auto now = helpdesk_.clock().now();
  channels::OutboundMail out;
  out.from = {desk.address, desk.display_name.empty() ? tenant->name : desk.display_name};
  out.to = {{customer.emails.front(), customer.name}};
  out.subject = subject;
  out.text = text;
  out.date = now;
  out.message_id = new_message_id(desk);
  out.auto_submitted = true;
  auto raw = channels::compose_mail(out);
  if (!raw) return raw.error();
  auto queued = outbox_->enqueue(
      {desk.tenant, std::nullopt, "<" + out.message_id + ">", desk.address, {customer.emails.front()}, *raw},
      now);
  if (!queued) return queued.error();
  return {};
}

bool MailIntake::take_auto_reply_slot(const MailDesk& desk, const std::string& address, Timestamp now) {
  auto taken = mail_store_.take_auto_reply_slot(desk.tenant, address, now, std::chrono::hours(1),
                                                desk.max_auto_replies_per_hour);
  if (!taken) {
    // The mail is stored already; an acknowledgement is not worth a retry of it.
    spdlog::warn("auto-reply limit for {} not readable, no acknowledgement: {}", address,
                 taken.error().message);
    return false;
  }
  return *taken;
}

std::string MailIntake::new_message_id(const MailDesk& desk) const {
  std::uint8_t random[16];
  randombytes_buf(random, sizeof random);
  auto at = desk.address.find('@');
  std::string domain = at == std::string::npos ? "servicepact.invalid" : desk.address.substr(at + 1);
  return channels::make_message_id(random, domain);
}

}  // namespace sp::intake

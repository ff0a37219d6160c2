// The e-mail channel at run time: resolves the configured desks to tenants, sends queued
// mail (acknowledgements, replies) through SMTP from the durable outbox, polls each desk's
// IMAP mailbox on its own thread, and mails agents' replies on e-mail tickets.
#pragma once

#include <atomic>
#include <optional>
#include <memory>
#include <thread>
#include <vector>

#include "app/config.hpp"
#include "intake/mail_intake.hpp"
#include "outbound/reply_mailer.hpp"
#include "mail/outbox_worker.hpp"
#include "mail/smtp_client.hpp"
#include "storage/sqlite/sqlite_attachment_store.hpp"
#include "storage/sqlite/sqlite_mail_store.hpp"
#include "storage/sqlite/sqlite_mail_intake_store.hpp"

namespace sp::app {

// The desks of `config` with their tenant ids; unknown tenant slugs are an error.
Result<std::vector<intake::MailDesk>> resolve_mail_desks(const Config& config, storage::Store& store);

class MailRuntime {
 public:
  MailRuntime(const Config& config, storage::sqlite::SqliteStore& store, service::HelpdeskService& helpdesk,
              service::SlaService* sla, const Clock& clock);
  ~MailRuntime();  // stop()

  // Stops the pollers and the outbox worker (idempotent): call it at shutdown before the
  // ticket observers wired after this runtime are destroyed, since polled mail notifies them.
  void stop();

  Result<void> start();  // resolves desks, registers the reply observer, starts threads
  intake::MailIntake& intake() { return intake_; }
  // The desk of a tenant (after start()), if it has one.
  std::optional<intake::MailDesk> desk_for(domain::TenantId tenant) const;
  mail::Outbox& outbox() { return outbox_; }
  // Attachment files and records of every channel (mail, uploads).
  intake::Attachments& attachments() { return attachments_with_records_; }

 private:
  const Config& config_;
  storage::sqlite::SqliteStore& store_;
  service::HelpdeskService& helpdesk_;
  const Clock& clock_;
  storage::sqlite::SqliteOutboxStore outbox_;
  storage::sqlite::SqliteMailCheckpointStore checkpoints_;
  intake::AttachmentStore attachments_;
  intake::AttachmentStore raw_messages_;  // the RFC 5322 bytes of every mail, for agents
  storage::sqlite::SqliteAttachmentStore attachment_records_;
  intake::Attachments attachments_with_records_;
  storage::sqlite::SqliteMailIntakeStore mail_store_;
  std::vector<intake::MailDesk> desks_;
  intake::MailIntake intake_;
  std::unique_ptr<mail::SmtpClient> smtp_;
  std::unique_ptr<mail::OutboxWorker> worker_;
  std::unique_ptr<outbound::ReplyMailer> replies_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> pollers_;
};

}  // namespace sp::app

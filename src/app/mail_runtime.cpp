#include "app/mail_runtime.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "mail/imap_idle.hpp"
#include "mail/imap_poller.hpp"

namespace sp::app {

Result<std::vector<intake::MailDesk>> resolve_mail_desks(const Config& config, storage::Store& store) {
  std::vector<intake::MailDesk> desks;
  std::string public_url = config.public_url.empty() ? "http://" + config.listen : config.public_url;
  while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
  for (const auto& desk : config.mail_desks) {
    auto tenant = store.find_tenant_by_slug(desk.tenant);
    if (!tenant) return invalid_input("mail_desk: no tenant '" + desk.tenant + "'", "mail_desk.tenant");
    intake::MailDesk resolved;
    resolved.tenant = tenant->id;
    resolved.address = desk.address;
    resolved.display_name = desk.display_name;
    resolved.other_addresses = desk.aliases;
    resolved.portal_url = public_url + "/portal";
    desks.push_back(std::move(resolved));
  }
  return desks;
}

MailRuntime::MailRuntime(const Config& config, storage::sqlite::SqliteStore& store,
                         service::HelpdeskService& helpdesk, service::SlaService* sla, const Clock& clock)
    : config_(config),
      store_(store),
      helpdesk_(helpdesk),
      clock_(clock),
      outbox_(store),
      checkpoints_(store),
      attachments_((std::filesystem::path(config.data_dir) / "attachments").string()),
      raw_messages_((std::filesystem::path(config.data_dir) / "messages").string()),
      attachment_records_(store),
      attachments_with_records_(attachments_, attachment_records_, store, &raw_messages_),
      mail_store_(store),
      intake_(helpdesk, mail_store_, sla, &outbox_, &attachments_) {
  intake_.set_attachment_records(&attachments_with_records_);
}

std::optional<intake::MailDesk> MailRuntime::desk_for(domain::TenantId tenant) const {
  for (const auto& desk : desks_) {
    if (desk.tenant == tenant) return desk;
  }
  return std::nullopt;
}

MailRuntime::~MailRuntime() {
  stop();
}

void MailRuntime::stop() {
  stopping_ = true;
  for (auto& thread : pollers_) {
    if (thread.joinable()) thread.join();
  }
  pollers_.clear();
  if (worker_) worker_->stop();
}

Result<void> MailRuntime::start() {
  auto desks = resolve_mail_desks(config_, store_);
  if (!desks) return desks.error();
  desks_ = *desks;
  replies_ = std::make_unique<outbound::ReplyMailer>(intake_, *desks);
  helpdesk_.add_observer(replies_.get());
  if (!config_.smtp.url.empty()) {
    mail::SmtpConfig smtp;
    smtp.url = config_.smtp.url;
    smtp.user = config_.smtp.user;
    smtp.password = config_.smtp.password;
    auto client = mail::SmtpClient::create(smtp);
    if (!client) return client.error();
    smtp_ = std::move(*client);
    worker_ = std::make_unique<mail::OutboxWorker>(outbox_, *smtp_, clock_);
    if (auto recovered = worker_->recover(); !recovered) return recovered.error();
    worker_->start();
    spdlog::info("outgoing mail through {}", config_.smtp.url);
  } else if (!desks->empty()) {
    spdlog::warn("no [smtp] configured: acknowledgements and replies stay queued");
  }
  for (std::size_t idx = 0; idx < desks->size(); ++idx) {
    const auto& desk_config = config_.mail_desks[idx];
    if (desk_config.imap_url.empty()) continue;
    mail::MailboxConfig mailbox;
    mailbox.tenant = (*desks)[idx].tenant;
    mailbox.imap = {desk_config.imap_url, desk_config.imap_user, desk_config.imap_password};
    mailbox.mailbox = desk_config.imap_mailbox;
    mailbox.source = mail::mailbox_source(mailbox.imap, mailbox.mailbox);
    auto desk = (*desks)[idx];
    int poll_seconds = desk_config.poll_seconds;
    pollers_.emplace_back([this, mailbox, desk, poll_seconds] {
      mail::ImapPoller poller(mailbox, checkpoints_, [this, desk](const mail::RawMail& raw) -> Result<void> {
        storage::MailboxCheckpoint checkpoint{raw.source, raw.uidvalidity, raw.uid};
        auto ingested = intake_.ingest(desk, raw.bytes, raw.source, checkpoint);
        if (!ingested && ingested.error().kind == kinds::kMailRefused) {
          spdlog::warn("mail {} uid {} refused: {}", raw.source, raw.uid, ingested.error().message);
          return {};  // refused mail never blocks the mailbox (its checkpoint was stored)
        }
        if (!ingested) return ingested.error();
        if (worker_ && ingested->acknowledged) worker_->notify();
        return {};
      });
      spdlog::info("polling {} every {} s (sooner when IMAP IDLE announces mail)", mailbox.source,
                   poll_seconds);
      mail::ImapIdleWatcher idle(mailbox.imap, mailbox.mailbox);
      bool idle_works = true;
      while (!stopping_) {
        auto polled = poller.run_once();
        if (!polled) spdlog::warn("polling {}: {}", mailbox.source, polled.error().message);
        if (polled && polled->more) continue;
        // Wait for the next poll: in IDLE (woken by new mail) in slices of at most 5 s so a
        // shutdown is never held up long; by sleeping when the server has no IDLE.
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(poll_seconds);
        while (!stopping_ && std::chrono::steady_clock::now() < until) {
          auto left =
              std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
          if (idle_works) {
            auto wake = idle.wait(std::min<std::chrono::milliseconds>(left, std::chrono::seconds(5)));
            if (wake && *wake == mail::IdleWake::NewMail) break;
            if (wake) continue;
            if (wake.error().kind == kinds::kIdleUnsupported) idle_works = false;
            spdlog::debug("IDLE on {}: {}", mailbox.source, wake.error().message);
          }
          std::this_thread::sleep_for(
              std::min<std::chrono::milliseconds>(left, std::chrono::milliseconds(100)));
        }
      }
    });
  }
  return {};
}

}  // namespace sp::app

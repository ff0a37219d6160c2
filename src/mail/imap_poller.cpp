#include "mail/imap_poller.hpp"

namespace sp::mail {

std::string mailbox_source(const ImapConfig& imap, const std::string& mailbox) {
  std::string_view host = imap.url;
  if (auto scheme = host.find("://"); scheme != std::string_view::npos) {
    host.remove_prefix(scheme + 3);
  }
  if (auto path = host.find('/'); path != std::string_view::npos) host = host.substr(0, path);
  return "imap:" + imap.user + "@" + std::string(host) + "/" + mailbox;
}

ImapPoller::ImapPoller(MailboxConfig config, CheckpointStore& checkpoints, MailHandler handler)
    : config_(std::move(config)), checkpoints_(checkpoints), handler_(std::move(handler)) {}

ImapPoller::~ImapPoller() = default;

Result<PollStats> ImapPoller::run_once() {
  PollStats stats;
  if (!checkpoint_loaded_) {
    auto stored = checkpoints_.get_checkpoint(config_.source);
    if (!stored) return stored.error();
    cursor_ = *stored;
    checkpoint_loaded_ = true;
  }
  if (!client_) {
    auto client = ImapClient::connect(config_.imap);
    if (!client) return client.error();
    client_ = std::move(*client);
  }
  auto status = client_->select(config_.mailbox);
  if (!status) {
    // Start from a fresh connection next time rather than trusting a half-broken one.
    if (status.error().code == ErrorCode::Unavailable) client_.reset();
    return status.error();
  }
  if (!cursor_ || cursor_->uidvalidity != status->uidvalidity) {
    // A new UIDVALIDITY means the server renumbered the mailbox (RFC 3501 section
    // 2.3.1.1): old UIDs say nothing any more, so read it all again.
    stats.uidvalidity_reset = cursor_.has_value();
    cursor_ = MailCheckpoint{config_.source, config_.tenant, status->uidvalidity, 0};
  }
  // UIDs are ascending: nothing can be new when UIDNEXT is right above the cursor.
  if (status->uidnext != 0 && status->uidnext <= cursor_->last_uid + 1) return stats;

  auto uids = client_->uids_after(cursor_->last_uid);
  if (!uids) {
    if (uids.error().code == ErrorCode::Unavailable) client_.reset();
    return uids.error();
  }
  for (std::uint32_t uid : *uids) {
    if (stats.delivered + stats.skipped >= config_.max_messages_per_poll) {
      stats.more = true;
      break;
    }
    auto fetched = client_->fetch(uid);
    if (!fetched) {
      if (fetched.error().code == ErrorCode::NotFound) {
        // Expunged since the SEARCH: there is nothing to store. The cursor passes it; the
        // stored checkpoint will pass it with the next message.
        ++stats.skipped;
        cursor_->last_uid = uid;
        continue;
      }
      if (fetched.error().code == ErrorCode::Unavailable) client_.reset();
      return fetched.error();
    }
    RawMail mail{config_.tenant,    config_.source, cursor_->uidvalidity, uid, std::move(fetched->bytes),
                 fetched->truncated};
    SP_TRY(handler_(mail));
    cursor_->last_uid = uid;
    ++stats.delivered;
  }
  return stats;
}

}  // namespace sp::mail

// Polls one IMAP mailbox and hands every new message, in UID order, to an injected handler.
//
// Exactly-once is shared with the handler: the poller reads the mailbox's checkpoint
// (UIDVALIDITY, last stored UID) from a CheckpointStore once, then only advances its own
// in-memory cursor after the handler returned ok for a message. The handler must store
// the message and the checkpoint {source, uidvalidity, uid} in one transaction (see
// storage/sqlite/sqlite_mail_store.hpp: put_checkpoint), so a crash between fetch and
// commit neither loses nor duplicates mail. When UIDVALIDITY changes the mailbox is read again from UID 1;
// de-duplication by Message-ID downstream absorbs the repeats.
// Call run_once() at an interval, and at once when mail/imap_idle announces new mail (the
// UID checkpoint, not the wake-up, decides what is new). Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"
#include "mail/imap_client.hpp"
#include "storage/mail_store.hpp"

namespace sp::mail {

using domain::TenantId;

// The checkpoint and its store are storage's (storage/mail_store.hpp).
using storage::MailCheckpoint;
using CheckpointStore = storage::MailCheckpointStore;

// A stable checkpoint key for a mailbox: "imap:USER@HOST[:PORT]/MAILBOX" (the URL's scheme
// and any path are dropped). Pure.
std::string mailbox_source(const ImapConfig& imap, const std::string& mailbox);

struct MailboxConfig {
  TenantId tenant;
  ImapConfig imap;
  std::string mailbox = "INBOX";
  // Stable key of this mailbox in mail_checkpoints; mailbox_source() makes a good one.
  std::string source;
  // At most this many messages per run_once (keeps one poll bounded).
  int max_messages_per_poll = 100;
};

struct RawMail {
  TenantId tenant;
  std::string source;
  std::uint32_t uidvalidity = 0;
  std::uint32_t uid = 0;
  std::string bytes;       // the message as stored on the server
  bool truncated = false;  // larger than ImapConfig::max_message_bytes; `bytes` is a prefix
};

// Stores the message and the checkpoint {source, uidvalidity, uid} in one transaction.
// An error stops the poll; the same message is offered again next time.
using MailHandler = std::function<Result<void>(const RawMail&)>;

struct PollStats {
  int delivered = 0;  // messages the handler accepted
  int skipped = 0;    // UIDs that vanished between SEARCH and FETCH
  bool uidvalidity_reset = false;
  bool more = false;  // stopped at max_messages_per_poll with more waiting
};

class ImapPoller {
 public:
  // REQUIRES: `checkpoints` outlives the poller.
  ImapPoller(MailboxConfig config, CheckpointStore& checkpoints, MailHandler handler);
  ~ImapPoller();

  // Connects if needed, selects the mailbox, and delivers new messages in UID order.
  // Fails with the first error (network: Unavailable; the handler's own error), after
  // delivering what came before it.
  Result<PollStats> run_once();

  // The in-memory cursor (for tests and diagnostics); nullopt before the first poll.
  std::optional<MailCheckpoint> cursor() const { return cursor_; }

 private:
  MailboxConfig config_;
  CheckpointStore& checkpoints_;
  MailHandler handler_;
  std::unique_ptr<ImapClient> client_;
  std::optional<MailCheckpoint> cursor_;
  bool checkpoint_loaded_ = false;
};

}  // namespace sp::mail

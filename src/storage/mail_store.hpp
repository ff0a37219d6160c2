// The mail tables (migration 5) as storage sees them: the durable outbound queue and the
// IMAP checkpoints. Records and interfaces only; the retry policy that drives the queue is
// mail's (mail/outbox.hpp), and the SQLite implementation is storage/sqlite/sqlite_mail_store.
//
// Life of a message: enqueue -> queued; claim_due -> sending (attempts + 1); then
// mark_sent -> sent, reschedule -> queued again at a later instant, or mark_failed ->
// failed (with the reason). A message left in `sending` by a crash is put back by
// requeue_stuck at start, so delivery is at-least-once: a crash between the server's
// "250 OK" and mark_sent sends it again (recipients de-duplicate on Message-ID).
// Instants are UTC; nothing here reads a clock. Contract as in scope.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/scope.hpp"

namespace sp::storage {

enum class OutboundState { Queued, Sending, Sent, Failed };
std::string_view to_string(OutboundState state);
Result<OutboundState> parse_outbound_state(std::string_view text);

struct NewOutboundMail {
  TenantId tenant;
  std::optional<TicketId> ticket;  // the ticket the message answers, if any
  std::string message_id;          // the Message-ID header's value, e.g. "<abc@desk.test>"
  std::string envelope_from;       // MAIL FROM
  std::vector<std::string> recipients;
  std::string raw;  // the complete RFC 5322 message (CRLF line ends), sent byte for byte
};

struct OutboundMail {
  std::int64_t id = 0;
  TenantId tenant;
  std::optional<TicketId> ticket;
  std::string message_id;
  std::string envelope_from;
  std::vector<std::string> recipients;
  std::string raw;  // empty in list_for_ticket (only state is listed there)
  OutboundState state = OutboundState::Queued;
  int attempts = 0;  // attempts started (counted when claimed)
  Timestamp next_attempt_at;
  std::string last_error;  // the latest failure's reason, empty when none
  Timestamp created_at;
  std::optional<Timestamp> sent_at;
};

// Storage of the queue. Implementations are thread-safe; every change is durable when
// the call returns.
class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Queues a message, due at `now`. Fails with InvalidInput without recipients or
  // Message-ID, Conflict when the ticket is not the tenant's.
  virtual Result<OutboundMail> enqueue(NewOutboundMail mail, Timestamp now) = 0;

  // Marks up to `limit` queued messages due at or before `now` as sending (oldest due
  // first), counts the attempt, and returns them in full.
  virtual Result<std::vector<OutboundMail>> claim_due(Timestamp now, int limit) = 0;

  // sending -> sent. Fails with NotFound for an unknown id, Conflict when not sending.
  virtual Result<void> mark_sent(std::int64_t id, Timestamp now) = 0;

  // sending -> queued, due at `next_attempt_at`, remembering `reason`.
  virtual Result<void> reschedule(std::int64_t id, std::string reason, Timestamp next_attempt_at) = 0;

  // sending -> failed for good, with `reason`.
  virtual Result<void> mark_failed(std::int64_t id, std::string reason) = 0;
  // A delivery status notification came back for the sent message with this Message-ID
  // ("<...>"): it failed after all. Returns false when no such message of the tenant exists.
  virtual Result<bool> mark_bounced(TenantId tenant, const std::string& message_id, std::string reason) = 0;

  // Crash recovery at start: every `sending` message becomes queued, due at `now`.
  // Returns how many were put back.
  virtual Result<int> requeue_stuck(Timestamp now) = 0;

  // The tenant's messages for `ticket`, oldest first, without their raw text.
  virtual Result<std::vector<OutboundMail>> list_for_ticket(TenantId tenant, TicketId ticket) = 0;

  // One message in full, or NotFound.
  virtual Result<OutboundMail> get(std::int64_t id) = 0;

  // The earliest next_attempt_at of a queued message (for the worker to sleep until).
  virtual Result<std::optional<Timestamp>> next_due() = 0;
};

// Where an IMAP mailbox was read up to: the highest UID whose message is stored, valid
// while the mailbox keeps its UIDVALIDITY.
struct MailCheckpoint {
  std::string source;
  TenantId tenant;
  std::uint32_t uidvalidity = 0;
  std::uint32_t last_uid = 0;  // highest UID whose message is stored
};

class MailCheckpointStore {
 public:
  virtual ~MailCheckpointStore() = default;
  // The checkpoint of `source`, or nullopt before its first message.
  virtual Result<std::optional<MailCheckpoint>> get_checkpoint(const std::string& source) = 0;
};

}  // namespace sp::storage

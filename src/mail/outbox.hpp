// The durable outbound mail queue: its records, its storage interface, and the pure retry
// policy that decides when a failed message is tried again.
//
// Life of a message: enqueue -> queued; claim_due -> sending (attempts + 1); then
// mark_sent -> sent, reschedule -> queued again at a later instant, or mark_failed ->
// failed (with the reason). A message left in `sending` by a crash is put back by
// requeue_stuck at start, so delivery is at-least-once: a crash between the server's
// "250 OK" and mark_sent sends it again (recipients de-duplicate on Message-ID).
// Instants are UTC; nothing here reads a clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"
#include "mail/smtp_client.hpp"

namespace sp::mail {

using domain::TenantId;
using domain::TicketId;

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

// Retries with exponential back-off: after the n-th failed attempt the next one is due
// initial_delay * 2^(n-1) later, capped at max_delay. No jitter: the schedule is a pure
// function of the attempt count, so it is testable and the same after a restart (the
// worker sends one message at a time per server, so synchronised retries are harmless).
struct RetryPolicy {
  Duration initial_delay = std::chrono::minutes{1};
  Duration max_delay = std::chrono::hours{4};
  // After this many attempts a temporary failure is final too. With the defaults above
  // the attempts span about 13 hours (1, 2, 4 ... 128 minutes, then 4 h).
  int max_attempts = 10;
};

// The delay before the next attempt after `attempts` attempts failed (attempts >= 1;
// smaller values are treated as 1). Pure.
Duration retry_delay(const RetryPolicy& policy, int attempts);

// What to do with a message after its attempt number `attempts` failed at `failed_at`:
// the instant of the next attempt, or nullopt to give up (a permanent failure, or
// max_attempts reached). Pure.
std::optional<Timestamp> next_attempt(const RetryPolicy& policy, int attempts,
                                      DeliveryFailure failure, Timestamp failed_at);

// Storage of the queue. Implementations are thread-safe; every change is durable when
// the call returns.
class Outbox {
 public:
  virtual ~Outbox() = default;

  // Queues a message, due at `now`. Fails with InvalidInput without recipients or
  // Message-ID, Conflict when the ticket is not the tenant's.
  virtual Result<OutboundMail> enqueue(NewOutboundMail mail, Timestamp now) = 0;

  // Marks up to `limit` queued messages due at or before `now` as sending (oldest due
  // first), counts the attempt, and returns them in full.
  virtual Result<std::vector<OutboundMail>> claim_due(Timestamp now, int limit) = 0;

  // sending -> sent. Fails with NotFound for an unknown id, Conflict when not sending.
  virtual Result<void> mark_sent(std::int64_t id, Timestamp now) = 0;

  // sending -> queued, due at `next_attempt_at`, remembering `reason`.
  virtual Result<void> reschedule(std::int64_t id, std::string reason,
                                  Timestamp next_attempt_at) = 0;

  // sending -> failed for good, with `reason`.
  virtual Result<void> mark_failed(std::int64_t id, std::string reason) = 0;
  // A delivery status notification came back for the sent message with this Message-ID
  // ("<...>"): it failed after all. Returns false when no such message of the tenant exists.
  virtual Result<bool> mark_bounced(TenantId tenant, const std::string& message_id,
                                    std::string reason) = 0;

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

// Records the outcome of a failed attempt of `mail` (as returned by claim_due) according
// to `policy`: rescheduled or failed. Returns the new state.
Result<OutboundState> record_failure(Outbox& outbox, const OutboundMail& mail, const Error& error,
                                     const RetryPolicy& policy, Timestamp now);

}  // namespace sp::mail

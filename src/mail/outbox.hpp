// The durable outbound mail queue as mail uses it: the pure retry policy that decides when a
// failed message is tried again, and record_failure, which applies it. The queue's records
// and its storage interface are storage's (storage/mail_store.hpp: the life of a message is
// described there); mail names them as before. Instants are UTC; nothing here reads a clock.
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
#include "storage/mail_store.hpp"

namespace sp::mail {

using domain::TenantId;
using domain::TicketId;
using storage::NewOutboundMail;
using storage::OutboundMail;
using storage::OutboundState;
using storage::parse_outbound_state;
using storage::to_string;
// The queue's storage, under the name mail, intake and http use for it.
using Outbox = storage::OutboxStore;

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
std::optional<Timestamp> next_attempt(const RetryPolicy& policy, int attempts, DeliveryFailure failure,
                                      Timestamp failed_at);

// Records the outcome of a failed attempt of `mail` (as returned by claim_due) according
// to `policy`: rescheduled or failed. Returns the new state.
Result<OutboundState> record_failure(Outbox& outbox, const OutboundMail& mail, const Error& error,
                                     const RetryPolicy& policy, Timestamp now);

}  // namespace sp::mail

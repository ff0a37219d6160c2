#include "mail/outbox.hpp"

namespace sp::mail {

Duration retry_delay(const RetryPolicy& policy, int attempts) {
  Duration delay = policy.initial_delay;
  // Doubling stops at the cap, which also keeps the arithmetic far from overflow.
  for (int step = 1; step < attempts && delay < policy.max_delay; ++step) delay *= 2;
  return delay < policy.max_delay ? delay : policy.max_delay;
}

std::optional<Timestamp> next_attempt(const RetryPolicy& policy, int attempts, DeliveryFailure failure,
                                      Timestamp failed_at) {
  if (failure == DeliveryFailure::Permanent) return std::nullopt;
  if (attempts >= policy.max_attempts) return std::nullopt;
  return failed_at + retry_delay(policy, attempts);
}

Result<OutboundState> record_failure(Outbox& outbox, const OutboundMail& mail, const Error& error,
                                     const RetryPolicy& policy, Timestamp now) {
  const DeliveryFailure failure = classify_delivery_error(error);
  auto retry_at = next_attempt(policy, mail.attempts, failure, now);
  if (retry_at) {
    SP_TRY(outbox.reschedule(mail.id, error.message, *retry_at));
    return OutboundState::Queued;
  }
  std::string reason = error.message;
  if (failure == DeliveryFailure::Temporary) {
    reason = "gave up after " + std::to_string(mail.attempts) + " attempts: " + reason;
  }
  SP_TRY(outbox.mark_failed(mail.id, std::move(reason)));
  return OutboundState::Failed;
}

}  // namespace sp::mail

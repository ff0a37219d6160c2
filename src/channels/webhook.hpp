// Webhook intake for telephony and social platforms: HMAC-SHA256 signature checks and the
// parsing of call records and social messages from JSON into plain structs. Pure: `now` is
// passed in; replayed-nonce detection needs storage and lives in the shell. Thread-safe.
//
// Signature scheme: hex(HMAC-SHA256(secret, timestamp + "." + body)), where timestamp is the
// decimal Unix time in seconds sent by the platform (header X-Signature-Timestamp) and the
// signature header (X-Signature) may carry a "sha256=" prefix. Failures are
// ErrorCode::Unauthenticated with Error::kind "webhook-bad-timestamp", "webhook-stale" or
// "webhook-bad-signature" (kinds::kWebhook…); JSON problems are InvalidInput naming the field.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace sp::kinds {
inline constexpr std::string_view kWebhookBadSignature = "webhook-bad-signature";
inline constexpr std::string_view kWebhookBadTimestamp = "webhook-bad-timestamp";
inline constexpr std::string_view kWebhookStale = "webhook-stale";
}  // namespace sp::kinds

namespace sp::channels {

inline constexpr Duration kDefaultWebhookTolerance = std::chrono::minutes(5);
inline constexpr std::size_t kMaxWebhookBodyBytes = 256 * 1024;

// Returns the lowercase hex signature for `timestamp` and `body` (for tests and for the
// platforms' documentation). REQUIRES: a non-empty secret.
std::string sign_webhook(std::string_view secret, std::string_view timestamp, std::string_view body);

// Accepts when the signature matches (constant-time compare) and the timestamp lies within
// `tolerance` of `now` in either direction. An empty secret never verifies.
[[nodiscard]] Result<void> verify_webhook(std::string_view secret, std::string_view timestamp,
                                          std::string_view body, std::string_view signature, Timestamp now,
                                          Duration tolerance = kDefaultWebhookTolerance);

enum class CallState { Queued, Answered, Abandoned, Ended };
std::string_view to_string(CallState state);

// One telephony event. JSON:
// {"call_id":"c-42","state":"answered","caller_number":"+31 20 123 4567",
//  "agent_email":"eva@desk.example","wait_seconds":35,"talk_seconds":0,
//  "occurred_at":"2026-11-23T10:15:00Z"}
struct CallRecord {
  std::string call_id;  // 1-128 printable ASCII characters
  CallState state = CallState::Queued;
  std::string caller_number;        // normalised: optional leading '+', digits only (3-20)
  std::string agent_email;          // normalised; required for answered and ended, else may be empty
  std::optional<int> wait_seconds;  // 0..86400; required for answered and abandoned
  std::optional<int> talk_seconds;  // 0..86400; required for ended
  Timestamp occurred_at;
};

// One social-media message. JSON:
// {"platform":"x","handle":"@jan","thread_id":"t-9","message_id":"m-1",
//  "text":"Where is my order?","sent_at":"2026-11-23T10:15:00Z"}
struct SocialMessage {
  std::string platform;    // lower case [a-z0-9_-], 1-32
  std::string handle;      // 1-256, no control characters
  std::string thread_id;   // 1-256
  std::string message_id;  // 1-256, unique per platform (for de-duplication)
  std::string text;        // 1-65536 bytes of UTF-8
  Timestamp sent_at;
};

// Fail with InvalidInput; Error::field names the offending member ("state", "wait_seconds",
// ...) or is "body" when the JSON itself is malformed, too large or nested too deeply.
// Unknown members are ignored (platforms add fields over time).
[[nodiscard]] Result<CallRecord> parse_call_record(std::string_view json);
[[nodiscard]] Result<SocialMessage> parse_social_message(std::string_view json);

}  // namespace sp::channels

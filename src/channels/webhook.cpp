#include "channels/webhook.hpp"

#include <sodium.h>

#include <array>
#include <charconv>
#include <mutex>
#include <nlohmann/json.hpp>

#include "channels/text_util.hpp"
#include "core/text.hpp"
#include "channels/threading.hpp"

namespace sp::channels {
namespace {

using nlohmann::json;

void ensure_sodium_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    // sodium_init() fails only when no entropy source exists; HMAC needs none, so carry on.
    if (sodium_init() < 0) {
      return;
    }
  });
}

Error unauthenticated(std::string_view kind, std::string message) {
  return Error{ErrorCode::Unauthenticated, std::move(message), {}, std::string(kind)};
}

std::array<unsigned char, crypto_auth_hmacsha256_BYTES> hmac(std::string_view secret,
                                                             std::string_view timestamp,
                                                             std::string_view body) {
  ensure_sodium_initialised();
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(timestamp.data()),
                                timestamp.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof(state));
  return mac;
}

// Rejects nesting deeper than `max_depth` before nlohmann's recursive parser sees it.
bool nesting_within(std::string_view text, int max_depth) {
  return !text::json_nesting_exceeded_at(text, max_depth).has_value();
}

Result<json> parse_object(std::string_view text) {
  if (text.size() > kMaxWebhookBodyBytes) {
    return invalid_input("the body is larger than " + std::to_string(kMaxWebhookBodyBytes) + " bytes",
                         "body");
  }
  if (!nesting_within(text, 16)) {
    return invalid_input("the JSON is nested too deeply", "body");
  }
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return invalid_input("the body is not valid JSON", "body");
  }
  if (!document.is_object()) {
    return invalid_input("the body must be a JSON object", "body");
  }
  return document;
}

bool has_control(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      return true;
    }
  }
  return false;
}

// A string member: nullopt when absent (or null) and optional, an error when mistyped.
Result<std::optional<std::string>> string_member(const json& object, const char* name, bool required,
                                                 std::size_t max_bytes, bool allow_control = false) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    if (required) {
      return invalid_input(std::string(name) + " is required", name);
    }
    return std::optional<std::string>();
  }
  if (!it->is_string()) {
    return invalid_input(std::string(name) + " must be a string", name);
  }
  std::string value = it->get<std::string>();
  if (required && detail::trim(value).empty()) {
    return invalid_input(std::string(name) + " must not be empty", name);
  }
  if (value.size() > max_bytes) {
    return invalid_input(std::string(name) + " is longer than " + std::to_string(max_bytes) + " bytes", name);
  }
  if (!allow_control && has_control(value)) {
    return invalid_input(std::string(name) + " contains control characters", name);
  }
  return std::optional<std::string>(std::move(value));
}

Result<std::optional<int>> seconds_member(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    return std::optional<int>();
  }
  if (!it->is_number_integer()) {
    return invalid_input(std::string(name) + " must be a whole number of seconds", name);
  }
  const auto value = it->get<std::int64_t>();
  if (value < 0 || value > 86400) {
    return invalid_input(std::string(name) + " must be between 0 and 86400", name);
  }
  return std::optional<int>(static_cast<int>(value));
}

Result<Timestamp> time_member(const json& object, const char* name) {
  auto text = string_member(object, name, true, 64);
  if (!text.ok()) {
    return text.error();
  }
  auto parsed = parse_rfc3339(**text);
  if (!parsed.ok()) {
    return invalid_input(std::string(name) + ": " + parsed.error().message, name);
  }
  return *parsed;
}

Result<std::string> normalise_phone(std::string_view raw) {
  std::string out;
  for (std::size_t idx = 0; idx < raw.size(); ++idx) {
    const char c = raw[idx];
    if (c >= '0' && c <= '9') {
      out.push_back(c);
    } else if (c == '+' && out.empty()) {
      out.push_back(c);
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return invalid_input(
          "caller_number may contain only digits, spaces, dashes, dots, brackets and a leading +",
          "caller_number");
    }
  }
  const std::size_t digits = out.size() - (out.starts_with('+') ? 1 : 0);
  if (digits < 3 || digits > 20) {
    return invalid_input("caller_number must have 3 to 20 digits", "caller_number");
  }
  return out;
}

}  // namespace

std::string_view to_string(CallState state) {
  switch (state) {
    case CallState::Queued:
      return "queued";
    case CallState::Answered:
      return "answered";
    case CallState::Abandoned:
      return "abandoned";
    case CallState::Ended:
      return "ended";
  }
  return "unknown";
}

std::string sign_webhook(std::string_view secret, std::string_view timestamp, std::string_view body) {
  SP_ASSERT(!secret.empty() && "webhook secrets must not be empty");
  const auto mac = hmac(secret, timestamp, body);
  return detail::to_hex(mac);
}

Result<void> verify_webhook(std::string_view secret, std::string_view timestamp, std::string_view body,
                            std::string_view signature, Timestamp now, Duration tolerance) {
  if (secret.empty()) {
    return unauthenticated(kinds::kWebhookBadSignature, "no webhook secret is configured");
  }
  timestamp = detail::trim(timestamp);
  std::int64_t seconds = 0;
  const auto [ptr, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), seconds);
  if (timestamp.empty() || timestamp.size() > 12 || ec != std::errc() ||
      ptr != timestamp.data() + timestamp.size() || seconds < 0) {
    return unauthenticated(kinds::kWebhookBadTimestamp, "the signature timestamp must be Unix seconds");
  }
  const Duration skew = now - from_unix_seconds(seconds);
  if (skew > tolerance || -skew > tolerance) {
    return unauthenticated(kinds::kWebhookStale, "the signature timestamp is outside the accepted window");
  }
  signature = detail::trim(signature);
  if (detail::istarts_with(signature, "sha256=")) {
    signature.remove_prefix(7);
  }
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> given{};
  std::size_t given_len = 0;
  if (signature.size() != given.size() * 2 ||
      sodium_hex2bin(given.data(), given.size(), signature.data(), signature.size(), nullptr, &given_len,
                     nullptr) != 0 ||
      given_len != given.size()) {
    return unauthenticated(kinds::kWebhookBadSignature, "the signature is not 64 hexadecimal digits");
  }
  const auto expected = hmac(secret, timestamp, body);
  if (sodium_memcmp(expected.data(), given.data(), expected.size()) != 0) {
    return unauthenticated(kinds::kWebhookBadSignature, "the signature does not match");
  }
  return {};
}

Result<CallRecord> parse_call_record(std::string_view text) {
  auto document = parse_object(text);
  if (!document.ok()) {
    return document.error();
  }
  const json& object = *document;
  CallRecord record;

  auto call_id = string_member(object, "call_id", true, 128);
  if (!call_id.ok()) {
    return call_id.error();
  }
  record.call_id = **call_id;

  auto state = string_member(object, "state", true, 32);
  if (!state.ok()) {
    return state.error();
  }
  const std::string state_name = detail::to_lower(**state);
  if (state_name == "queued") {
    record.state = CallState::Queued;
  } else if (state_name == "answered") {
    record.state = CallState::Answered;
  } else if (state_name == "abandoned") {
    record.state = CallState::Abandoned;
  } else if (state_name == "ended") {
    record.state = CallState::Ended;
  } else {
    return invalid_input("state must be one of queued, answered, abandoned, ended", "state");
  }

  auto caller = string_member(object, "caller_number", true, 64);
  if (!caller.ok()) {
    return caller.error();
  }
  auto phone = normalise_phone(**caller);
  if (!phone.ok()) {
    return phone.error();
  }
  record.caller_number = *phone;

  auto agent = string_member(object, "agent_email", false, 254);
  if (!agent.ok()) {
    return agent.error();
  }
  if (*agent && !detail::trim(**agent).empty()) {
    auto email = normalize_address(**agent);
    if (!email.ok()) {
      return invalid_input("agent_email: " + email.error().message, "agent_email");
    }
    record.agent_email = *email;
  } else if (record.state == CallState::Answered || record.state == CallState::Ended) {
    return invalid_input("agent_email is required for answered and ended calls", "agent_email");
  }

  auto wait = seconds_member(object, "wait_seconds");
  if (!wait.ok()) {
    return wait.error();
  }
  record.wait_seconds = *wait;
  if (!record.wait_seconds && (record.state == CallState::Answered || record.state == CallState::Abandoned)) {
    return invalid_input("wait_seconds is required for answered and abandoned calls", "wait_seconds");
  }
  auto talk = seconds_member(object, "talk_seconds");
  if (!talk.ok()) {
    return talk.error();
  }
  record.talk_seconds = *talk;
  if (!record.talk_seconds && record.state == CallState::Ended) {
    return invalid_input("talk_seconds is required for ended calls", "talk_seconds");
  }

  auto at = time_member(object, "occurred_at");
  if (!at.ok()) {
    return at.error();
  }
  record.occurred_at = *at;
  return record;
}

Result<SocialMessage> parse_social_message(std::string_view text) {
  auto document = parse_object(text);
  if (!document.ok()) {
    return document.error();
  }
  const json& object = *document;
  SocialMessage message;

  auto platform = string_member(object, "platform", true, 32);
  if (!platform.ok()) {
    return platform.error();
  }
  message.platform = detail::to_lower(**platform);
  for (char c : message.platform) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
      return invalid_input("platform may contain only letters, digits, '_' and '-'", "platform");
    }
  }
  struct Member {
    const char* name;
    std::string* target;
    std::size_t max_bytes;
    bool allow_control;
  };
  const Member members[] = {{"handle", &message.handle, 256, false},
                            {"thread_id", &message.thread_id, 256, false},
                            {"message_id", &message.message_id, 256, false},
                            {"text", &message.text, 65536, true}};
  for (const Member& member : members) {
    auto value = string_member(object, member.name, true, member.max_bytes, member.allow_control);
    if (!value.ok()) {
      return value.error();
    }
    *member.target = std::move(**value);
  }
  if (message.text.find('\0') != std::string::npos) {
    return invalid_input("text contains a NUL character", "text");
  }
  auto at = time_member(object, "sent_at");
  if (!at.ok()) {
    return at.error();
  }
  message.sent_at = *at;
  return message;
}

}  // namespace sp::channels

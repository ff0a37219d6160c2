#include "channels/form_guard.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "channels/text_util.hpp"

namespace sp::channels {
namespace {

Error refused(std::string_view kind, std::string message) {
  return Error{ErrorCode::Forbidden, std::move(message), {}, std::string(kind)};
}

std::array<unsigned char, crypto_auth_hmacsha256_BYTES> form_mac(std::string_view secret,
                                                                 std::string_view context,
                                                                 std::string_view millis) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  // Length-prefix the context so ("ab", "1") and ("a", "b1") cannot collide.
  const std::string prefix = "form.v1." + std::to_string(context.size()) + ":";
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(prefix.data()), prefix.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(context.data()),
                                context.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(millis.data()), millis.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof(state));
  return mac;
}

}  // namespace

std::string issue_form_token(std::string_view secret, std::string_view context, Timestamp rendered_at) {
  SP_ASSERT(!secret.empty() && "form secrets must not be empty");
  const std::string millis = std::to_string(to_unix_ms(rendered_at));
  return "v1." + millis + "." + detail::to_hex(form_mac(secret, context, millis));
}

Result<void> check_form_submission(std::string_view secret, std::string_view context,
                                   const FormSubmission& submission, Timestamp now,
                                   const FormGuardPolicy& policy) {
  if (!detail::trim(submission.honeypot).empty()) {
    return refused(kinds::kFormHoneypot, "the submission was refused");
  }
  const std::string_view token = detail::trim(submission.token);
  if (secret.empty() || !token.starts_with("v1.")) {
    return refused(kinds::kFormBadToken, "the form token is missing or invalid; reload the form");
  }
  const std::string_view rest = token.substr(3);
  const std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 15) {
    return refused(kinds::kFormBadToken, "the form token is missing or invalid; reload the form");
  }
  const std::string_view millis = rest.substr(0, dot);
  const std::string_view hex = rest.substr(dot + 1);
  std::int64_t rendered_ms = 0;
  const auto [ptr, ec] = std::from_chars(millis.data(), millis.data() + millis.size(), rendered_ms);
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> given{};
  std::size_t given_len = 0;
  if (ec != std::errc() || ptr != millis.data() + millis.size() || rendered_ms < 0 ||
      hex.size() != given.size() * 2 ||
      sodium_hex2bin(given.data(), given.size(), hex.data(), hex.size(), nullptr, &given_len, nullptr) != 0 ||
      given_len != given.size()) {
    return refused(kinds::kFormBadToken, "the form token is missing or invalid; reload the form");
  }
  const auto expected = form_mac(secret, context, millis);
  if (sodium_memcmp(expected.data(), given.data(), expected.size()) != 0) {
    return refused(kinds::kFormBadToken, "the form token is missing or invalid; reload the form");
  }
  const Duration elapsed = now - from_unix_ms(rendered_ms);
  if (elapsed < policy.min_fill_time) {
    return refused(kinds::kFormTooFast, "the form was submitted too quickly; please try again");
  }
  if (elapsed > policy.max_age) {
    return refused(kinds::kFormExpired, "the form has expired; reload the page and submit again");
  }
  return {};
}

RateLimiter::RateLimiter(Config config) : config_(config) {
  SP_ASSERT(config_.burst > 0 && config_.refill_every.count() > 0 && config_.max_keys > 0);
}

bool RateLimiter::allow(std::string_view key, Timestamp now) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= config_.max_keys) {
      make_room(now);
    }
    it = buckets_.emplace(std::string(key), Bucket{static_cast<double>(config_.burst), now}).first;
  } else if (now > it->second.last) {
    const double refilled = static_cast<double>((now - it->second.last).count()) /
                            static_cast<double>(config_.refill_every.count());
    it->second.tokens = std::min<double>(config_.burst, it->second.tokens + refilled);
    it->second.last = now;
  }
  if (it->second.tokens < 1.0) {
    return false;
  }
  it->second.tokens -= 1.0;
  return true;
}

std::size_t RateLimiter::tracked_keys() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void RateLimiter::make_room(Timestamp now) {
  // Buckets that have refilled completely carry no information: forget them first.
  const Duration full_after = config_.refill_every * config_.burst;
  std::erase_if(buckets_, [&](const auto& entry) { return now - entry.second.last >= full_after; });
  if (buckets_.size() < config_.max_keys) {
    return;
  }
  const auto oldest = std::min_element(buckets_.begin(), buckets_.end(), [](const auto& a, const auto& b) {
    return a.second.last < b.second.last;
  });
  buckets_.erase(oldest);
}

}  // namespace sp::channels

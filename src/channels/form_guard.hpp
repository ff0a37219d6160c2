// Bot checks for the public web form: a honeypot field that must stay empty, a time trap
// (the form carries an HMAC-signed render time; submissions faster than a human or older
// than the form's lifetime are refused) and a per-client token-bucket rate limiter.
// Pure: `now` is always passed in. The free functions are thread-safe; RateLimiter is
// thread-safe (one mutex) and holds at most Config::max_keys clients.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"
#include "core/time.hpp"

namespace sp::kinds {
inline constexpr std::string_view kFormHoneypot = "form-honeypot";
inline constexpr std::string_view kFormBadToken = "form-bad-token";  // missing, malformed, forged
inline constexpr std::string_view kFormTooFast = "form-too-fast";
inline constexpr std::string_view kFormExpired = "form-expired";
}  // namespace sp::kinds

namespace sp::channels {

struct FormGuardPolicy {
  Duration min_fill_time = std::chrono::seconds(3);
  Duration max_age = std::chrono::hours(2);
};

// Returns "v1.<render time in Unix ms>.<hex HMAC-SHA256>" binding the render time to
// `context` (e.g. the tenant slug, so a token for one form is useless on another).
// REQUIRES: a non-empty secret.
std::string issue_form_token(std::string_view secret, std::string_view context, Timestamp rendered_at);

struct FormSubmission {
  std::string_view honeypot;  // value of the hidden field; humans leave it empty
  std::string_view token;     // the token issued when the form was rendered
};

// Accepts a submission. Fails with ErrorCode::Forbidden and Error::kind kFormHoneypot,
// kFormBadToken (missing, malformed or forged), kFormTooFast (< min_fill_time after
// rendering, or rendered in the future) or kFormExpired (> max_age).
[[nodiscard]] Result<void> check_form_submission(std::string_view secret, std::string_view context,
                                                 const FormSubmission& submission, Timestamp now,
                                                 const FormGuardPolicy& policy = {});

// Token bucket per client key (an IP address, say): each key starts with `burst` tokens and
// regains one every `refill_every`, up to `burst`. A request takes one token.
class RateLimiter {
 public:
  struct Config {
    int burst = 5;
    Duration refill_every = std::chrono::minutes(1);
    std::size_t max_keys = 100000;  // beyond this, the least recently seen key is forgotten
  };

  explicit RateLimiter(Config config);

  // Returns true (and takes a token) when `key` may make a request at `now`. A `now` earlier
  // than the key's last request counts as no time passing.
  bool allow(std::string_view key, Timestamp now);

  std::size_t tracked_keys() const;

 private:
  struct Bucket {
    double tokens = 0;
    Timestamp last;
  };
  void make_room(Timestamp now);

  Config config_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace sp::channels

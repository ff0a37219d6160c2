#include "channels/form_guard.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace sp::channels {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Timestamp kRendered = from_unix_seconds(1795000000);

Result<void> submit(std::string_view token, Timestamp now, std::string_view honeypot = "") {
  return check_form_submission("form-secret", "telco-nl", FormSubmission{honeypot, token}, now);
}

TEST(FormGuard, HumanPaceSubmissionIsAccepted) {
  const std::string token = issue_form_token("form-secret", "telco-nl", kRendered);
  EXPECT_TRUE(token.starts_with("v1.1795000000000."));
  EXPECT_TRUE(submit(token, kRendered + seconds(3)).ok());
  EXPECT_TRUE(submit(token, kRendered + minutes(30)).ok());
  EXPECT_TRUE(submit(token, kRendered + hours(2)).ok());
}

TEST(FormGuard, HoneypotTooFastAndExpiredAreRefused) {
  const std::string token = issue_form_token("form-secret", "telco-nl", kRendered);
  EXPECT_EQ(submit(token, kRendered + seconds(10), "http://spam.example").error().kind, kinds::kFormHoneypot);
  EXPECT_EQ(submit(token, kRendered + seconds(2)).error().kind, kinds::kFormTooFast);
  EXPECT_EQ(submit(token, kRendered - seconds(30)).error().kind, kinds::kFormTooFast);
  EXPECT_EQ(submit(token, kRendered + hours(2) + seconds(1)).error().kind, kinds::kFormExpired);
  EXPECT_EQ(submit(token, kRendered + seconds(2)).error().code, ErrorCode::Forbidden);
}

TEST(FormGuard, ForgedOrForeignTokensAreRefused) {
  const std::string token = issue_form_token("form-secret", "telco-nl", kRendered);
  const Timestamp now = kRendered + minutes(1);
  // Backdating the render time breaks the MAC.
  std::string forged = token;
  forged.replace(3, 13, "1794999000000");
  EXPECT_EQ(submit(forged, now).error().kind, kinds::kFormBadToken);
  EXPECT_EQ(check_form_submission("form-secret", "other-tenant", FormSubmission{"", token}, now).error().kind,
            kinds::kFormBadToken);
  EXPECT_EQ(check_form_submission("other-secret", "telco-nl", FormSubmission{"", token}, now).error().kind,
            kinds::kFormBadToken);
  for (const char* bad : {"", "v1.", "v1.123", "v1..abc", "v2.1795000000000.00", "v1.x.00", "v1.-5.00"}) {
    EXPECT_EQ(submit(bad, now).error().kind, kinds::kFormBadToken) << bad;
  }
}

TEST(RateLimiter, BurstThenRefill) {
  RateLimiter limiter({.burst = 3, .refill_every = minutes(1), .max_keys = 100});
  const Timestamp t0 = from_unix_seconds(1000);
  EXPECT_TRUE(limiter.allow("1.2.3.4", t0));
  EXPECT_TRUE(limiter.allow("1.2.3.4", t0));
  EXPECT_TRUE(limiter.allow("1.2.3.4", t0));
  EXPECT_FALSE(limiter.allow("1.2.3.4", t0 + seconds(30)));
  EXPECT_TRUE(limiter.allow("5.6.7.8", t0));  // keys are independent
  EXPECT_TRUE(limiter.allow("1.2.3.4", t0 + seconds(61)));
  EXPECT_FALSE(limiter.allow("1.2.3.4", t0 + seconds(62)));
  // Time going backwards grants nothing.
  EXPECT_FALSE(limiter.allow("1.2.3.4", t0));
  // Refill caps at the burst.
  const Timestamp later = t0 + hours(5);
  EXPECT_TRUE(limiter.allow("1.2.3.4", later));
  EXPECT_TRUE(limiter.allow("1.2.3.4", later));
  EXPECT_TRUE(limiter.allow("1.2.3.4", later));
  EXPECT_FALSE(limiter.allow("1.2.3.4", later));
}

TEST(RateLimiter, MemoryIsBounded) {
  RateLimiter limiter({.burst = 1, .refill_every = minutes(1), .max_keys = 50});
  const Timestamp t0 = from_unix_seconds(1000);
  for (int idx = 0; idx < 1000; ++idx) {
    EXPECT_TRUE(limiter.allow("client-" + std::to_string(idx), t0 + seconds(idx % 10)));
  }
  EXPECT_LE(limiter.tracked_keys(), 50u);
}

TEST(RateLimiter, ThreadSafeUnderContention) {
  RateLimiter limiter({.burst = 100, .refill_every = hours(1), .max_keys = 1000});
  const Timestamp t0 = from_unix_seconds(1000);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < 4; ++thread_idx) {
    threads.emplace_back([&] {
      for (int idx = 0; idx < 100; ++idx) {
        if (limiter.allow("shared", t0)) {
          ++allowed;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(allowed.load(), 100);
}

}  // namespace
}  // namespace sp::channels

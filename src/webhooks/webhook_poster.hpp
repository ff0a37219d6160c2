// The one HTTP call of outbound webhooks: POST a body with headers to a URL and report what
// came back, behind an interface so the delivery job can be driven without a network.
// CurlWebhookPoster (libcurl, kept in one .cpp) is the real one: http and https only,
// connect and total timeouts, no redirects followed, at most `max_response_bytes` of the
// answer read (the rest is not waited for). Thread-safe: each post uses its own handle.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "webhooks/outbound_webhook_service.hpp"

namespace sp::webhooks {

using Headers = std::vector<std::pair<std::string, std::string>>;

class WebhookPoster {
 public:
  virtual ~WebhookPoster() = default;
  // Never fails: a transport problem is PostOutcome::error ("timeout", "connection
  // refused", "connection closed without an answer", ...); a non-2xx answer is "HTTP <n>".
  virtual PostOutcome post(const std::string& url, const Headers& headers, const std::string& body) = 0;
};

struct CurlPosterOptions {
  Duration connect_timeout = std::chrono::seconds(5);
  Duration total_timeout = std::chrono::seconds(10);
  std::size_t max_response_bytes = 16 * 1024;
};

class CurlWebhookPoster final : public WebhookPoster {
 public:
  explicit CurlWebhookPoster(CurlPosterOptions options = {}) : options_(options) {}
  PostOutcome post(const std::string& url, const Headers& headers, const std::string& body) override;

 private:
  CurlPosterOptions options_;
};

}  // namespace sp::webhooks

// Delivers outbound webhooks on its own thread: every second (at once again while there is
// a backlog) it claims the due deliveries and POSTs them, at most `concurrency` at a time,
// each bounded by the poster's timeouts, and reports every attempt to the service (retry
// schedule, auto-disable). Claims are leased, so deliveries of a process that died
// mid-attempt come due again when the lease ends. run_once() is the same pass without the
// thread, for tests (integration tests run no background jobs).
#pragma once

#include "jobs/periodic_thread.hpp"
#include "webhooks/outbound_webhook_service.hpp"
#include "webhooks/webhook_poster.hpp"

namespace sp::jobs {

struct WebhookJobOptions {
  int concurrency = 4;                       // deliveries in flight at once
  int batch = 32;                            // deliveries claimed per pass
  Duration lease = std::chrono::minutes(2);  // longer than a poster's total timeout
  Duration interval = std::chrono::seconds(1);
};

class WebhookJob {
 public:
  WebhookJob(webhooks::OutboundWebhookService& hooks, webhooks::WebhookPoster& poster,
             WebhookJobOptions options = {})
      : hooks_(hooks), poster_(poster), options_(options) {}
  void start();
  void stop() { thread_.stop(); }
  // One pass: claims up to `batch` due deliveries and attempts each. Returns how many were
  // attempted.
  Result<int> run_once();

 private:
  webhooks::OutboundWebhookService& hooks_;
  webhooks::WebhookPoster& poster_;
  WebhookJobOptions options_;
  PeriodicThread thread_;  // last: stopped before the members its passes use
};

}  // namespace sp::jobs

#include "jobs/webhook_job.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace sp::jobs {

Result<int> WebhookJob::run_once() {
  auto claimed = hooks_.claim_due(options_.batch, options_.lease);
  if (!claimed) return claimed.error();
  auto& due = *claimed;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t idx = next++; idx < due.size(); idx = next++) {
      const auto& item = due[idx];
      const auto started_at = hooks_.clock().now();
      const auto outcome = poster_.post(item.url, hooks_.headers_for(item), item.delivery.body);
      if (auto done = hooks_.complete(item, started_at, outcome); !done) {
        spdlog::warn("webhook delivery {} not recorded: {}", item.delivery.id, done.error().message);
      }
    }
  };
  const std::size_t workers =
      std::min<std::size_t>(due.size(), static_cast<std::size_t>(std::max(1, options_.concurrency)));
  std::vector<std::thread> threads;
  for (std::size_t idx = 1; idx < workers; ++idx) threads.emplace_back(work);
  if (workers > 0) work();
  for (auto& thread : threads) thread.join();
  return static_cast<int>(due.size());
}

void WebhookJob::start() {
  thread_.start([this]() -> std::optional<Duration> {
    auto attempted = run_once();
    if (!attempted) spdlog::warn("webhook deliveries: {}", attempted.error().message);
    const bool backlog = attempted && *attempted >= options_.batch;
    return backlog ? Duration::zero() : options_.interval;
  });
}

}  // namespace sp::jobs

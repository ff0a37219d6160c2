#include "jobs/webhook_job.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
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
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto attempted = run_once();
      if (!attempted) spdlog::warn("webhook deliveries: {}", attempted.error().message);
      const bool backlog = attempted && *attempted >= options_.batch;
      lock.lock();
      if (!backlog) wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
    }
  });
}

void WebhookJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sp::jobs

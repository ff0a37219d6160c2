#include "jobs/search_backfill_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

void SearchBackfillJob::start() {
  thread_ = std::thread([this] {
    std::int64_t batches = 0;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto more = search_.backfill(batch_);
      lock.lock();
      if (!more) {
        spdlog::warn("search index backfill: {}", more.error().message);
        wake_.wait_for(lock, std::chrono::seconds(5), [this] { return stopping_; });
        continue;
      }
      if (!*more) {
        if (batches > 0) spdlog::info("search index backfill done ({} batches)", batches + 1);
        return;
      }
      ++batches;
      wake_.wait_for(lock, pause_, [this] { return stopping_; });
    }
  });
}

void SearchBackfillJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sp::jobs

#include "jobs/search_backfill_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

void SearchBackfillJob::start() {
  thread_.start([this]() -> std::optional<Duration> {
    auto more = search_.backfill(batch_);
    if (!more) {
      spdlog::warn("search index backfill: {}", more.error().message);
      return std::chrono::seconds(5);
    }
    if (!*more) {
      if (batches_ > 0) spdlog::info("search index backfill done ({} batches)", batches_ + 1);
      return std::nullopt;
    }
    ++batches_;
    return pause_;
  });
}

}  // namespace sp::jobs

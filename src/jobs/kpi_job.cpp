#include "jobs/kpi_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

namespace {
constexpr int kBackfillSlice = 2000;  // tickets per pass: about a second of work at most
}

void KpiJob::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    long long backfilled = 0;
    while (!stopping_) {
      lock.unlock();
      if (auto flushed = aggregator_.flush(); !flushed) {
        spdlog::warn("KPI aggregates: {}", flushed.error().message);
      }
      bool more = false;
      if (!backfilled_) {
        auto done = aggregator_.backfill(kBackfillSlice);
        if (!done) {
          spdlog::warn("KPI aggregates backfill: {}", done.error().message);
        } else if (*done == 0) {
          backfilled_ = true;
          if (backfilled > 0) spdlog::info("KPI aggregates: {} tickets measured", backfilled);
        } else {
          backfilled += *done;
          more = true;
        }
      }
      lock.lock();
      // While backfilling, go on at once; afterwards (or after an error) every interval.
      if (!more) wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
  });
}

void KpiJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sp::jobs

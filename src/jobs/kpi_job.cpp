#include "jobs/kpi_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

namespace {
constexpr int kBackfillSlice = 2000;  // tickets per pass: about a second of work at most
}

void KpiJob::start() {
  thread_.start([this]() -> std::optional<Duration> {
    if (auto flushed = aggregator_.flush(); !flushed) {
      spdlog::warn("KPI aggregates: {}", flushed.error().message);
    }
    if (backfilled_) return interval_;
    auto done = aggregator_.backfill(kBackfillSlice);
    if (!done) {
      spdlog::warn("KPI aggregates backfill: {}", done.error().message);
      return interval_;
    }
    if (*done == 0) {
      backfilled_ = true;
      if (measured_ > 0) spdlog::info("KPI aggregates: {} tickets measured", measured_);
      return interval_;
    }
    // While backfilling, go on at once; afterwards (or after an error) every interval.
    measured_ += *done;
    return Duration::zero();
  });
}

}  // namespace sp::jobs

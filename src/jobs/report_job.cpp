#include "jobs/report_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

void ReportJob::start() {
  thread_.start([this]() -> std::optional<Duration> {
    auto produced = schedules_.run_due(clock_.now());
    if (!produced) {
      spdlog::warn("scheduled reports: {}", produced.error().message);
    } else if (*produced > 0) {
      spdlog::info("scheduled reports: {} produced", *produced);
    }
    return interval_;
  });
}

}  // namespace sp::jobs

#include "jobs/qa_sample_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

void QaSampleJob::start() {
  thread_.start([this]() -> std::optional<Duration> {
    auto ran = run_once();
    if (!ran) {
      spdlog::warn("qa sample: {}", ran.error().message);
    } else if (ran->samples > 0) {
      spdlog::info("qa sample: {} samples drawn over {} days", ran->samples, ran->days);
    }
    return interval_;
  });
}

}  // namespace sp::jobs

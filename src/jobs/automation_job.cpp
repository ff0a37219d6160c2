#include "jobs/automation_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

void AutomationJob::start() {
  thread_.start([this]() -> std::optional<Duration> {
    auto ran = run_once();
    if (!ran) {
      spdlog::warn("automations: {}", ran.error().message);
    } else if (ran->fired > 0) {
      spdlog::info("automations: {} on_time rule runs ({} tickets examined)", ran->fired, ran->examined);
    }
    return interval_;
  });
}

}  // namespace sp::jobs

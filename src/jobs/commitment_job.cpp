#include "jobs/commitment_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

void CommitmentJob::start() {
  thread_.start([this]() -> std::optional<Duration> {
    auto ran = run_once();
    if (!ran) {
      spdlog::warn("commitments: {}", ran.error().message);
    } else if (ran->broken + ran->reminded + ran->kept > 0) {
      spdlog::info("commitments: {} broken, {} kept, {} reminded", ran->broken, ran->kept, ran->reminded);
    }
    return interval_;
  });
}

}  // namespace sp::jobs

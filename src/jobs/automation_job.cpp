#include "jobs/automation_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

void AutomationJob::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto ran = run_once();
      if (!ran) {
        spdlog::warn("automations: {}", ran.error().message);
      } else if (ran->fired > 0) {
        spdlog::info("automations: {} on_time rule runs ({} tickets examined)", ran->fired, ran->examined);
      }
      lock.lock();
      wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
  });
}

void AutomationJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sp::jobs

#include "jobs/qa_sample_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

void QaSampleJob::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto ran = run_once();
      if (!ran) {
        spdlog::warn("qa sample: {}", ran.error().message);
      } else if (ran->samples > 0) {
        spdlog::info("qa sample: {} samples drawn over {} days", ran->samples, ran->days);
      }
      lock.lock();
      wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
  });
}

void QaSampleJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sp::jobs

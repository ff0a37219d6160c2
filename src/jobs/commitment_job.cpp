#include "jobs/commitment_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

void CommitmentJob::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto ran = run_once();
      if (!ran) {
        spdlog::warn("commitments: {}", ran.error().message);
      } else if (ran->broken + ran->reminded + ran->kept > 0) {
        spdlog::info("commitments: {} broken, {} kept, {} reminded", ran->broken, ran->kept, ran->reminded);
      }
      lock.lock();
      wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
  });
}

void CommitmentJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sp::jobs

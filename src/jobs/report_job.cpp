#include "jobs/report_job.hpp"

#include <spdlog/spdlog.h>

namespace sp::jobs {

void ReportJob::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      auto produced = schedules_.run_due(clock_.now());
      if (!produced) {
        spdlog::warn("scheduled reports: {}", produced.error().message);
      } else if (*produced > 0) {
        spdlog::info("scheduled reports: {} produced", *produced);
      }
      lock.lock();
      wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
  });
}

void ReportJob::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace sp::jobs

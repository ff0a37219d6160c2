// Runs the scheduled reports: at start (so runs that fell due while the server was down are
// produced once) and then every minute, on its own thread.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "service/report_schedule_service.hpp"

namespace sp::jobs {

class ReportJob {
 public:
  ReportJob(service::ReportScheduleService& schedules, const Clock& clock,
            Duration interval = std::chrono::minutes(1))
      : schedules_(schedules), clock_(clock), interval_(interval) {}
  ~ReportJob() { stop(); }
  void start();
  void stop();

 private:
  service::ReportScheduleService& schedules_;
  const Clock& clock_;
  Duration interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sp::jobs

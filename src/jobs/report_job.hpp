// Runs the scheduled reports: at start (so runs that fell due while the server was down are
// produced once) and then every minute, on its own thread.
#pragma once

#include "jobs/periodic_thread.hpp"
#include "core/clock.hpp"
#include "service/report_schedule_service.hpp"

namespace sp::jobs {

class ReportJob {
 public:
  ReportJob(service::ReportScheduleService& schedules, const Clock& clock,
            Duration interval = std::chrono::minutes(1))
      : schedules_(schedules), clock_(clock), interval_(interval) {}
  void start();
  void stop() { thread_.stop(); }

 private:
  service::ReportScheduleService& schedules_;
  const Clock& clock_;
  Duration interval_;
  PeriodicThread thread_;  // last: stopped before the members its passes use
};

}  // namespace sp::jobs

// Runs AutomationService::run_time_rules (issue 17): at start and then every `interval`, on its
// own thread, with bounded work per pass (`budget` tickets examined). Exactly once per status
// period is the store's (the durable on_time firings), so a pass may repeat after a restart.
#pragma once

#include "core/clock.hpp"
#include "jobs/periodic_thread.hpp"
#include "service/automation_service.hpp"

namespace sp::jobs {

class AutomationJob {
 public:
  AutomationJob(service::AutomationService& automations, const Clock& clock,
                Duration interval = std::chrono::seconds(60), int budget = 500)
      : automations_(automations), clock_(clock), interval_(interval), budget_(budget) {}
  void start();
  void stop() { thread_.stop(); }
  // One pass at the clock's time (what the thread does each interval); for tests.
  Result<service::TimeRunSummary> run_once() { return automations_.run_time_rules(clock_.now(), budget_); }

 private:
  service::AutomationService& automations_;
  const Clock& clock_;
  Duration interval_;
  int budget_;
  PeriodicThread thread_;  // last: stopped before the members its passes use
};

}  // namespace sp::jobs

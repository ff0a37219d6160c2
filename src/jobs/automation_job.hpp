// Runs AutomationService::run_time_rules (issue 17): at start and then every `interval`, on its
// own thread, with bounded work per pass (`budget` tickets examined). Exactly once per status
// period is the store's (the durable on_time firings), so a pass may repeat after a restart.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "service/automation_service.hpp"

namespace sp::jobs {

class AutomationJob {
 public:
  AutomationJob(service::AutomationService& automations, const Clock& clock,
                Duration interval = std::chrono::seconds(60), int budget = 500)
      : automations_(automations), clock_(clock), interval_(interval), budget_(budget) {}
  ~AutomationJob() { stop(); }
  void start();
  void stop();
  // One pass at the clock's time (what the thread does each interval); for tests.
  Result<service::TimeRunSummary> run_once() { return automations_.run_time_rules(clock_.now(), budget_); }

 private:
  service::AutomationService& automations_;
  const Clock& clock_;
  Duration interval_;
  int budget_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sp::jobs

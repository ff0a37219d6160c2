// The SLA scheduler: a background thread that wakes at the next deadline in the timer
// index (at most every `max_sleep`), or as soon as tickets change, and lets SlaService
// recompute changed tickets and fire what is due. At start its thread first recomputes
// every open ticket (in the background: the server already answers), which is how
// deadlines that passed while the server was down are found and fired (once: the notice
// record is unique per ticket, target, cycle and kind); stop() cuts that pass short.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "service/sla_service.hpp"

namespace sp::jobs {

class SlaScheduler {
 public:
  SlaScheduler(service::SlaService& sla, const Clock& clock, Duration max_sleep = std::chrono::seconds(1));
  ~SlaScheduler();

  // Starts the thread: recomputes all open tickets, then keeps firing due notices until stop().
  void start();
  void stop();
  // One pass over the due timers (tests and the CLI call this directly).
  Result<int> run_once();

 private:
  void recompute_at_start();
  void loop();

  service::SlaService& sla_;
  const Clock& clock_;
  Duration max_sleep_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;  // tickets changed: recompute them now
  std::thread thread_;
};

}  // namespace sp::jobs

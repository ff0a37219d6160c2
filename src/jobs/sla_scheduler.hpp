// The SLA scheduler: a background thread that wakes at the next deadline in the timer
// index (at most every `max_sleep`), or as soon as tickets change, and lets SlaService
// recompute changed tickets (also those changed by other processes: durable refresh marks)
// and fire what is due. Deadlines that passed while the server was down are in the timer
// index and fire at the first pass (once: the notice record is unique per ticket, target,
// cycle and kind). At start its thread recomputes every open ticket only when the SLA
// rules changed since the last complete pass (in the background: the server already
// answers); stop() cuts that pass short.
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

  // Starts the thread: recomputes open tickets if the rules changed, then keeps firing due
  // notices until stop().
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

// Runs QaService::draw_due: at start (so days that ended while the server was down are drawn
// then) and then every `interval`, on its own thread. Each tenant's day is drawn exactly once by
// the store's conditional mark (storage/qa_store.hpp), so a pass may repeat or overlap another
// node's.
#pragma once

#include "core/clock.hpp"
#include "jobs/periodic_thread.hpp"
#include "service/qa_service.hpp"

namespace sp::jobs {

class QaSampleJob {
 public:
  QaSampleJob(service::QaService& qa, const Clock& clock, Duration interval = std::chrono::minutes(5))
      : qa_(qa), clock_(clock), interval_(interval) {}
  void start();
  void stop() { thread_.stop(); }
  // One pass at the clock's time (what the thread does each interval); for tests.
  Result<service::QaDrawSummary> run_once() { return qa_.draw_due(clock_.now()); }

 private:
  service::QaService& qa_;
  const Clock& clock_;
  Duration interval_;
  PeriodicThread thread_;  // last: stopped before the members its passes use
};

}  // namespace sp::jobs

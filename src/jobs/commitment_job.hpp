// Runs CommitmentService::run_due: at start (so commitments that fell due while the server was
// down are decided then, once) and then every `interval`, on its own thread. Exactly-once is
// the store's (storage/commitment_store.hpp), so a pass may repeat or overlap another node's.
#pragma once

#include "jobs/periodic_thread.hpp"
#include "core/clock.hpp"
#include "service/commitment_service.hpp"

namespace sp::jobs {

class CommitmentJob {
 public:
  CommitmentJob(service::CommitmentService& commitments, const Clock& clock,
                Duration interval = std::chrono::seconds(30))
      : commitments_(commitments), clock_(clock), interval_(interval) {}
  void start();
  void stop() { thread_.stop(); }
  // One pass at the clock's time (what the thread does each interval); for tests.
  Result<service::CommitmentRunSummary> run_once() { return commitments_.run_due(clock_.now()); }

 private:
  service::CommitmentService& commitments_;
  const Clock& clock_;
  Duration interval_;
  PeriodicThread thread_;  // last: stopped before the members its passes use
};

}  // namespace sp::jobs

// Keeps the KPI aggregates current on its own thread: flushes the tickets marked since the
// last pass every half second, then measures tickets that have no contribution yet (after an
// upgrade or an import) in bounded slices, so a large backfill never starves the flush.
#pragma once

#include "jobs/periodic_thread.hpp"
#include "service/kpi_aggregator.hpp"

namespace sp::jobs {

class KpiJob {
 public:
  explicit KpiJob(service::KpiAggregator& aggregator, Duration interval = std::chrono::milliseconds(500))
      : aggregator_(aggregator), interval_(interval) {}
  void start();
  void stop() { thread_.stop(); }

 private:
  service::KpiAggregator& aggregator_;
  Duration interval_;
  bool backfilled_ = false;  // the pass's own state: only its thread touches these
  long long measured_ = 0;
  PeriodicThread thread_;  // last: stopped before the members its passes use
};

}  // namespace sp::jobs

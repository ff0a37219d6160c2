// Keeps the KPI aggregates current on its own thread: flushes the tickets marked since the
// last pass every half second, then measures tickets that have no contribution yet (after an
// upgrade or an import) in bounded slices, so a large backfill never starves the flush.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "service/kpi_aggregator.hpp"

namespace sp::jobs {

class KpiJob {
 public:
  explicit KpiJob(service::KpiAggregator& aggregator, Duration interval = std::chrono::milliseconds(500))
      : aggregator_(aggregator), interval_(interval) {}
  ~KpiJob() { stop(); }
  void start();
  void stop();

 private:
  service::KpiAggregator& aggregator_;
  Duration interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool backfilled_ = false;
  std::thread thread_;
};

}  // namespace sp::jobs

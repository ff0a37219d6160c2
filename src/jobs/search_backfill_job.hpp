// Indexes the tickets that were there before the full-text index (migration 20), or that a
// bulk load put in its backfill range, on its own thread: one batch of `batch` tickets per
// write transaction with a pause between batches, so requests keep their share of the writer;
// the thread ends when the range is done (at later starts the first call finds nothing).
#pragma once

#include "jobs/periodic_thread.hpp"
#include "core/clock.hpp"
#include "service/search_service.hpp"

namespace sp::jobs {

class SearchBackfillJob {
 public:
  explicit SearchBackfillJob(service::SearchService& search, int batch = 500,
                             Duration pause = std::chrono::milliseconds(20))
      : search_(search), batch_(batch), pause_(pause) {}
  void start();
  void stop() { thread_.stop(); }

 private:
  service::SearchService& search_;
  int batch_;
  Duration pause_;
  std::int64_t batches_ = 0;  // only the thread touches it
  PeriodicThread thread_;     // last: stopped before the members its passes use
};

}  // namespace sp::jobs

// Scheduled reports (issue 8): the commitment letter's rhythm as reports each tenant with a
// charter receives: a daily self-check (yesterday per agent), a weekly feedback summary, a
// monthly SLA report per channel and a semi-annual quality report per team. Schedules are in
// the tenant's zone; every run that fell due, also while the server was down, is produced
// once (the store keeps one per tenant, report and period), in HTML, CSV and PDF.
#pragma once

#include <functional>

#include "charter/schedule.hpp"
#include "service/charter_service.hpp"
#include "storage/report_run_store.hpp"

namespace sp::service {

class ReportScheduleService {
 public:
  ReportScheduleService(storage::Store& store, storage::ReportRunStore& runs, ReportService& reports,
                        const Clock& clock)
      : store_(store), runs_(runs), reports_(reports), clock_(clock) {}

  // Produces every run due at `now` for every tenant with a charter; returns how many new.
  // A tenant's first time produces only runs due in the last two days (no backfill of years).
  Result<int> run_due(Timestamp now);

  Result<std::vector<storage::ReportRun>> list(const Principal& p, int limit);
  Result<storage::ReportRun> get(const Principal& p, std::int64_t id);

  // Called once for each run this service newly stores (not for runs another process stored
  // first), after it is durable: the place to mail it. Set before run_due is first called.
  using RunObserver = std::function<void(const Tenant&, const storage::ReportRun&)>;
  void set_run_observer(RunObserver observer) { run_observer_ = std::move(observer); }

 private:
  Result<int> run_tenant(const Tenant& tenant, const charter::Charter& charter, Timestamp now);

  storage::Store& store_;
  storage::ReportRunStore& runs_;
  ReportService& reports_;
  const Clock& clock_;
  RunObserver run_observer_;
};

}  // namespace sp::service

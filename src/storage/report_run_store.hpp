// Storage of scheduled report runs (issue 8): each run of a tenant's report for one period
// is produced once (unique per tenant, report and period) and kept in HTML, CSV and PDF.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

struct ReportRun {
  std::int64_t id = 0;
  TenantId tenant_id;
  std::string report;        // "daily_self_check", "weekly_feedback", "monthly_sla", ...
  std::string period_label;  // "2026-11-22", "2026-10", "2026-H1"
  Timestamp period_from;
  Timestamp period_to;
  Timestamp run_at;  // when the schedule made it due
  Timestamp created_at;
  std::string html, csv, pdf;  // empty in listings
};

class ReportRunStore {
 public:
  virtual ~ReportRunStore() = default;
  // Stores a run unless one for (tenant, report, period) exists; returns whether it was new.
  virtual Result<bool> put_report_run(const ReportRun& run) = 0;
  // The latest run_at of a tenant's report, if it ever ran.
  virtual Result<std::optional<Timestamp>> last_report_run(TenantId tenant, const std::string& report) = 0;
  // Newest first, without contents.
  virtual Result<std::vector<ReportRun>> list_report_runs(const Scope& scope, int limit) = 0;
  virtual Result<ReportRun> get_report_run(const Scope& scope, std::int64_t id) = 0;
};

}  // namespace sp::storage

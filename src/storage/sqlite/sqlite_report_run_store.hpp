// ReportRunStore on the shared SQLite database (migration 9), through the store's reader
// pool and group-commit writer.
#pragma once

#include "storage/report_run_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteReportRunStore final : public ReportRunStore {
 public:
  explicit SqliteReportRunStore(SqliteStore& store) : store_(store) {}
  Result<bool> put_report_run(const ReportRun& run) override;
  Result<std::optional<Timestamp>> last_report_run(TenantId tenant, const std::string& report) override;
  Result<std::vector<ReportRun>> list_report_runs(const Scope& scope, int limit) override;
  Result<ReportRun> get_report_run(const Scope& scope, std::int64_t id) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

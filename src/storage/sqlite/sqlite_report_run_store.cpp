#include "storage/sqlite/sqlite_report_run_store.hpp"

namespace sp::storage::sqlite {

namespace {

#define SP_RUN_COLUMNS "id, tenant_id, report, period_label, period_from, period_to, run_at, created_at"
constexpr const char* kListRuns =
    "SELECT " SP_RUN_COLUMNS
    " FROM report_runs WHERE (?1 IS NULL OR tenant_id = ?1) ORDER BY id DESC LIMIT ?2";
constexpr const char* kGetRun =
    "SELECT " SP_RUN_COLUMNS
    ", html, csv, pdf FROM report_runs WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)";
#undef SP_RUN_COLUMNS

ReportRun read_run(const Statement& s) {
  ReportRun run;
  run.id = s.int64(0);
  run.tenant_id = TenantId{s.int64(1)};
  run.report = s.text(2);
  run.period_label = s.text(3);
  run.period_from = from_unix_ms(s.int64(4));
  run.period_to = from_unix_ms(s.int64(5));
  run.run_at = from_unix_ms(s.int64(6));
  run.created_at = from_unix_ms(s.int64(7));
  return run;
}

}  // namespace

Result<bool> SqliteReportRunStore::put_report_run(const ReportRun& run) {
  bool inserted = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    auto stmt = conn.prepare(
        "INSERT INTO report_runs(tenant_id, report, period_label, period_from, period_to, run_at, "
        "created_at, html, csv, pdf) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT(tenant_id, report, period_label) DO NOTHING");
    if (!stmt) return stmt.error();
    stmt->bind(1, run.tenant_id.value)
        .bind(2, run.report)
        .bind(3, run.period_label)
        .bind(4, to_unix_ms(run.period_from))
        .bind(5, to_unix_ms(run.period_to))
        .bind(6, to_unix_ms(run.run_at))
        .bind(7, to_unix_ms(run.created_at))
        .bind(8, std::string_view(run.html))
        .bind(9, std::string_view(run.csv))
        .bind(10, std::string_view(run.pdf));
    SP_TRY(stmt->run());
    inserted = conn.changes() > 0;
    return {};
  }));
  return inserted;
}

Result<std::optional<Timestamp>> SqliteReportRunStore::last_report_run(TenantId tenant,
                                                                       const std::string& report) {
  return store_.read([&](Connection& conn) -> Result<std::optional<Timestamp>> {
    auto stmt = conn.prepare("SELECT MAX(run_at) FROM report_runs WHERE tenant_id = ?1 AND report = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, tenant.value).bind(2, report);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row || stmt->is_null(0)) return std::optional<Timestamp>{};
    return std::optional<Timestamp>{from_unix_ms(stmt->int64(0))};
  });
}

Result<std::vector<ReportRun>> SqliteReportRunStore::list_report_runs(const Scope& scope, int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<ReportRun>> {
    auto stmt = conn.prepare(kListRuns);
    if (!stmt) return stmt.error();
    if (scope.tenant) {
      stmt->bind(1, scope.tenant->value);
    } else {
      stmt->bind_null(1);
    }
    stmt->bind(2, std::int64_t{limit});
    return collect_rows(*stmt, read_run);
  });
}

Result<ReportRun> SqliteReportRunStore::get_report_run(const Scope& scope, std::int64_t id) {
  return store_.read([&](Connection& conn) -> Result<ReportRun> {
    auto stmt = conn.prepare(kGetRun);
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    if (scope.tenant) {
      stmt->bind(2, scope.tenant->value);
    } else {
      stmt->bind_null(2);
    }
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return not_found("no such report run");
    auto run = read_run(*stmt);
    run.html = stmt->text(8);
    run.csv = stmt->text(9);
    run.pdf = stmt->text(10);
    return run;
  });
}

}  // namespace sp::storage::sqlite

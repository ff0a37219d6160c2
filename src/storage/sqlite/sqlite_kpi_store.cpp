#include "storage/sqlite/sqlite_kpi_store.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace sp::storage::sqlite {

namespace {

constexpr std::string_view kOldContribution =
    "SELECT contribution FROM kpi_ticket_facts WHERE tenant_id = ?1 AND ticket_id = ?2";
constexpr std::string_view kPutContribution =
    "INSERT INTO kpi_ticket_facts(tenant_id, ticket_id, contribution, updated_at) "
    "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(tenant_id, ticket_id) DO UPDATE SET "
    "contribution = excluded.contribution, updated_at = excluded.updated_at";
constexpr std::string_view kGetRow =
    "SELECT figures, backlog_delta, backlog_created_sum FROM kpi_daily "
    "WHERE tenant_id = ?1 AND dimension = ?2 AND day = ?3 AND key = ?4";
constexpr std::string_view kPutRow =
    "INSERT INTO kpi_daily(tenant_id, dimension, day, key, figures, backlog_delta, "
    "backlog_created_sum) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT(tenant_id, dimension, day, key) DO UPDATE SET figures = excluded.figures, "
    "backlog_delta = excluded.backlog_delta, backlog_created_sum = excluded.backlog_created_sum";
constexpr std::string_view kDeleteRow =
    "DELETE FROM kpi_daily WHERE tenant_id = ?1 AND dimension = ?2 AND day = ?3 AND key = ?4";
constexpr std::string_view kRows =
    "SELECT day, key, figures, backlog_delta, backlog_created_sum FROM kpi_daily "
    "WHERE tenant_id = ?1 AND dimension = ?2 AND day >= ?3 AND day < ?4";
constexpr std::string_view kAddTotal =
    "INSERT INTO kpi_backlog_totals(tenant_id, dimension, key, open_count, created_sum) "
    "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(tenant_id, dimension, key) DO UPDATE SET "
    "open_count = open_count + excluded.open_count, "
    "created_sum = created_sum + excluded.created_sum";
constexpr std::string_view kTotals =
    "SELECT key, open_count, created_sum FROM kpi_backlog_totals "
    "WHERE tenant_id = ?1 AND dimension = ?2";
// The WHERE repeats the partial index's condition so SQLite can use it (covering).
constexpr std::string_view kBacklogSince =
    "SELECT key, SUM(backlog_delta), SUM(backlog_created_sum) FROM kpi_daily "
    "WHERE tenant_id = ?1 AND dimension = ?2 AND day >= ?3 "
    "AND (backlog_delta != 0 OR backlog_created_sum != 0) GROUP BY key";
constexpr std::string_view kWithout =
    "SELECT t.tenant_id, t.id FROM tickets t WHERE (?1 IS NULL OR t.tenant_id = ?1) "
    "AND t.id > ?2 AND NOT EXISTS (SELECT 1 FROM kpi_ticket_facts f "
    "WHERE f.tenant_id = t.tenant_id AND f.ticket_id = t.id) ORDER BY t.id LIMIT ?3";
constexpr std::string_view kCountCreated =
    "SELECT COUNT(*) FROM tickets WHERE tenant_id = ?1 AND created_at >= ?2 AND created_at < ?3";

Error needs_tenant() {
  return invalid_input("KPI aggregates belong to one tenant", "tenant_id");
}

Result<void> apply_row(Connection& conn, std::int64_t tenant, const KpiRollupRow& change,
                       const KpiRollupCodec& codec) {
  auto get = conn.prepare(kGetRow);
  if (!get) return get.error();
  get->bind(1, tenant).bind(2, change.dimension).bind(3, change.day).bind(4, change.key);
  auto found = get->step();
  if (!found) return found.error();
  std::optional<std::string> stored;
  std::int64_t backlog = 0;
  std::int64_t created_sum = 0;
  if (*found) {
    stored = get->blob(0);
    backlog = get->int64(1);
    created_sum = get->int64(2);
  }
  if (auto done = get->reset(); !done) return done.error();
  if (change.backlog_delta != 0 || change.backlog_created_sum_ms != 0) {
    auto total = conn.prepare(kAddTotal);
    if (!total) return total.error();
    total->bind(1, tenant).bind(2, change.dimension).bind(3, change.key);
    total->bind(4, change.backlog_delta).bind(5, change.backlog_created_sum_ms);
    if (auto ran = total->run(); !ran) return ran.error();
  }
  auto figures =
      codec.add_figures(stored ? std::optional<std::string_view>(*stored) : std::nullopt, change.figures);
  if (!figures) return figures.error();
  backlog += change.backlog_delta;
  created_sum += change.backlog_created_sum_ms;
  if (figures->empty && backlog == 0 && created_sum == 0) {
    if (!*found) return {};
    auto del = conn.prepare(kDeleteRow);
    if (!del) return del.error();
    del->bind(1, tenant).bind(2, change.dimension).bind(3, change.day).bind(4, change.key);
    return del->run();
  }
  auto put = conn.prepare(kPutRow);
  if (!put) return put.error();
  put->bind(1, tenant).bind(2, change.dimension).bind(3, change.day).bind(4, change.key);
  put->bind_blob(5, figures->figures).bind(6, backlog).bind(7, created_sum);
  return put->run();
}

}  // namespace

Result<void> SqliteKpiStore::put_contributions(const Scope& scope,
                                               std::span<const KpiContributionUpdate> updates,
                                               const KpiRollupCodec& codec, Timestamp now) {
  if (!scope.tenant) return needs_tenant();
  if (updates.size() > kMaxContributionBatch) {
    return invalid_input("too many contributions in one batch", "updates");
  }
  if (updates.empty()) return {};
  const std::int64_t tenant = scope.tenant->value;
  return store_.write([&](Connection& conn) -> Result<void> {
    std::vector<std::optional<std::string>> old_blobs;  // kept alive for the replacements' views
    std::vector<const KpiContributionUpdate*> changed;
    old_blobs.reserve(updates.size());
    for (const auto& update : updates) {
      auto old = conn.prepare(kOldContribution);
      if (!old) return old.error();
      old->bind(1, tenant).bind(2, update.ticket.value);
      auto found = old->step();
      if (!found) return found.error();
      std::optional<std::string> old_blob;
      if (*found) old_blob = old->blob(0);
      if (auto done = old->reset(); !done) return done.error();
      if (old_blob == update.contribution) continue;  // nothing the reports show has changed
      old_blobs.push_back(std::move(old_blob));
      changed.push_back(&update);
      auto put = conn.prepare(kPutContribution);
      if (!put) return put.error();
      put->bind(1, tenant).bind(2, update.ticket.value).bind_blob(3, update.contribution);
      put->bind(4, to_unix_ms(now));
      if (auto ran = put->run(); !ran) {
        // The foreign key to tickets(tenant_id, id) is the tenant check: no extra lookup.
        if (ran.error().kind == kinds::kConstraint) {
          return not_found("ticket " + std::to_string(update.ticket.value));
        }
        return ran.error();
      }
    }
    if (changed.empty()) return {};
    std::vector<KpiRollupCodec::Replacement> replaced;
    replaced.reserve(changed.size());
    for (std::size_t i = 0; i < changed.size(); ++i) {
      replaced.push_back({old_blobs[i] ? std::optional<std::string_view>(*old_blobs[i]) : std::nullopt,
                          changed[i]->contribution});
    }
    auto rows = codec.row_changes(replaced);
    if (!rows) return rows.error();
    for (const auto& change : *rows) {
      if (auto applied = apply_row(conn, tenant, change, codec); !applied) return applied.error();
    }
    return {};
  });
}

Result<std::vector<KpiRollupRow>> SqliteKpiStore::rollup_rows(const Scope& scope, std::string_view dimension,
                                                              std::int64_t from_day, std::int64_t to_day) {
  using Rows = std::vector<KpiRollupRow>;
  if (!scope.tenant) return needs_tenant();
  return store_.read([&](Connection& conn) -> Result<Rows> {
    auto stmt = conn.prepare(kRows);
    if (!stmt) return stmt.error();
    stmt->bind(1, scope.tenant->value).bind(2, dimension);
    stmt->bind(3, from_day).bind(4, to_day);
    return collect_rows(*stmt, [dimension](const Statement& row) {
      return KpiRollupRow{std::string(dimension), row.int64(0), row.text(1), row.blob(2),
                          row.int64(3),           row.int64(4)};
    });
  });
}

Result<std::vector<KpiBacklogTotal>> SqliteKpiStore::backlog_before(const Scope& scope,
                                                                    std::string_view dimension,
                                                                    std::int64_t day) {
  using Totals = std::vector<KpiBacklogTotal>;
  if (!scope.tenant) return needs_tenant();
  // All steps ever, minus those on or after `day`: reads only the days since, so a report on
  // recent days does not scan the tenant's whole history.
  return store_.read([&](Connection& conn) -> Result<Totals> {
    std::map<std::string, KpiBacklogTotal> totals;
    auto all = conn.prepare(kTotals);
    if (!all) return all.error();
    all->bind(1, scope.tenant->value).bind(2, dimension);
    SP_TRY(for_each_row(*all, [&totals](const Statement& row) {
      std::string key = row.text(0);
      totals[key] = {key, row.int64(1), row.int64(2)};
    }));
    auto since = conn.prepare(kBacklogSince);
    if (!since) return since.error();
    since->bind(1, scope.tenant->value).bind(2, dimension).bind(3, day);
    SP_TRY(for_each_row(*since, [&totals](const Statement& row) {
      auto& total = totals[row.text(0)];
      total.key = row.text(0);
      total.count -= row.int64(1);
      total.created_sum_ms -= row.int64(2);
    }));
    Totals out;
    for (auto& [key, total] : totals) {
      if (total.count != 0 || total.created_sum_ms != 0) out.push_back(std::move(total));
    }
    return out;
  });
}

Result<std::vector<std::pair<TenantId, TicketId>>> SqliteKpiStore::tickets_without_contribution(
    const Scope& scope, TicketId after, int limit) {
  using Ids = std::vector<std::pair<TenantId, TicketId>>;
  return store_.read([&](Connection& conn) -> Result<Ids> {
    auto stmt = conn.prepare(kWithout);
    if (!stmt) return stmt.error();
    if (scope.tenant) {
      stmt->bind(1, scope.tenant->value);
    } else {
      stmt->bind_null(1);
    }
    stmt->bind(2, after.value).bind(3, static_cast<std::int64_t>(std::clamp(limit, 1, 10'000)));
    return collect_rows(*stmt, [](const Statement& row) {
      return std::pair<TenantId, TicketId>{TenantId{row.int64(0)}, TicketId{row.int64(1)}};
    });
  });
}

Result<std::int64_t> SqliteKpiStore::count_created(const Scope& scope, Timestamp from, Timestamp to) {
  if (!scope.tenant) return needs_tenant();
  return store_.read([&](Connection& conn) -> Result<std::int64_t> {
    auto stmt = conn.prepare(kCountCreated);
    if (!stmt) return stmt.error();
    stmt->bind(1, scope.tenant->value).bind(2, to_unix_ms(from)).bind(3, to_unix_ms(to));
    auto row = stmt->step();
    if (!row) return row.error();
    return *row ? stmt->int64(0) : 0;
  });
}

}  // namespace sp::storage::sqlite

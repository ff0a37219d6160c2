#include "storage/sqlite/sqlite_kpi_store.hpp"

#include <algorithm>
#include <map>
#include <tuple>

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

// A pending change to one rollup row, summed over the batch before it is written.
struct Pending {
  reporting::DayFigures figures;
  std::int64_t backlog_delta = 0;
  std::int64_t backlog_created_sum = 0;
};
using RowKey = std::tuple<std::string_view, std::int64_t, std::string>;

Result<void> apply_row(Connection& conn, std::int64_t tenant, const RowKey& key, const Pending& change) {
  const auto& [dimension, day, group] = key;
  auto get = conn.prepare(kGetRow);
  if (!get) return get.error();
  get->bind(1, tenant).bind(2, dimension).bind(3, day).bind(4, group);
  auto found = get->step();
  if (!found) return found.error();
  reporting::DayFigures figures;
  std::int64_t backlog = 0;
  std::int64_t created_sum = 0;
  if (*found) {
    auto decoded = reporting::DayFigures::decode(get->blob(0));
    if (!decoded) return decoded.error();
    figures = std::move(*decoded);
    backlog = get->int64(1);
    created_sum = get->int64(2);
  }
  if (auto done = get->reset(); !done) return done.error();
  if (change.backlog_delta != 0 || change.backlog_created_sum != 0) {
    auto total = conn.prepare(kAddTotal);
    if (!total) return total.error();
    total->bind(1, tenant).bind(2, dimension).bind(3, group);
    total->bind(4, change.backlog_delta).bind(5, change.backlog_created_sum);
    if (auto ran = total->run(); !ran) return ran.error();
  }
  figures.merge(change.figures, 1);
  backlog += change.backlog_delta;
  created_sum += change.backlog_created_sum;
  if (figures.empty() && backlog == 0 && created_sum == 0) {
    if (!*found) return {};
    auto del = conn.prepare(kDeleteRow);
    if (!del) return del.error();
    del->bind(1, tenant).bind(2, dimension).bind(3, day).bind(4, group);
    return del->run();
  }
  auto put = conn.prepare(kPutRow);
  if (!put) return put.error();
  put->bind(1, tenant).bind(2, dimension).bind(3, day).bind(4, group);
  put->bind_blob(5, figures.encode()).bind(6, backlog).bind(7, created_sum);
  return put->run();
}

}  // namespace

Result<void> SqliteKpiStore::put_contributions(const Scope& scope,
                                               std::span<const TicketContributionUpdate> updates,
                                               Timestamp now) {
  if (!scope.tenant) return needs_tenant();
  if (updates.size() > kMaxContributionBatch) {
    return invalid_input("too many contributions in one batch", "updates");
  }
  if (updates.empty()) return {};
  const std::int64_t tenant = scope.tenant->value;
  return store_.write([&](Connection& conn) -> Result<void> {
    std::map<RowKey, Pending> pending;
    std::vector<reporting::RollupDelta> deltas;
    for (const auto& update : updates) {
      const std::string blob = update.contribution.encode();
      auto old = conn.prepare(kOldContribution);
      if (!old) return old.error();
      old->bind(1, tenant).bind(2, update.ticket.value);
      auto found = old->step();
      if (!found) return found.error();
      deltas.clear();
      if (*found) {
        const std::string old_blob = old->blob(0);
        if (old_blob == blob) continue;  // nothing the reports show has changed
        auto decoded = reporting::TicketContribution::decode(old_blob);
        if (!decoded) return decoded.error();
        reporting::rollup_deltas(*decoded, -1, deltas);
      }
      if (auto done = old->reset(); !done) return done.error();
      reporting::rollup_deltas(update.contribution, 1, deltas);
      for (auto& d : deltas) {
        auto& p = pending[RowKey{reporting::to_string(d.dimension), d.day, std::move(d.key)}];
        p.figures.merge(d.figures, 1);
        p.backlog_delta += d.backlog_delta;
        p.backlog_created_sum += d.backlog_created_sum_ms;
      }
      auto put = conn.prepare(kPutContribution);
      if (!put) return put.error();
      put->bind(1, tenant).bind(2, update.ticket.value).bind_blob(3, blob).bind(4, to_unix_ms(now));
      if (auto ran = put->run(); !ran) {
        // The foreign key to tickets(tenant_id, id) is the tenant check: no extra lookup.
        if (ran.error().kind == kinds::kConstraint) {
          return not_found("ticket " + std::to_string(update.ticket.value));
        }
        return ran.error();
      }
    }
    for (const auto& [key, change] : pending) {
      if (change.figures.empty() && change.backlog_delta == 0 && change.backlog_created_sum == 0) {
        continue;
      }
      if (auto applied = apply_row(conn, tenant, key, change); !applied) return applied.error();
    }
    return {};
  });
}

Result<std::vector<reporting::RollupRow>> SqliteKpiStore::rollup_rows(const Scope& scope,
                                                                      reporting::Dimension dimension,
                                                                      std::int64_t from_day,
                                                                      std::int64_t to_day) {
  using Rows = std::vector<reporting::RollupRow>;
  if (!scope.tenant) return needs_tenant();
  return store_.read([&](Connection& conn) -> Result<Rows> {
    auto stmt = conn.prepare(kRows);
    if (!stmt) return stmt.error();
    stmt->bind(1, scope.tenant->value).bind(2, reporting::to_string(dimension));
    stmt->bind(3, from_day).bind(4, to_day);
    Rows rows;
    SP_TRY(for_each_row(*stmt, [&rows](const Statement& row) -> Result<void> {
      reporting::RollupRow r;
      r.day = row.int64(0);
      r.key = row.text(1);
      auto figures = reporting::DayFigures::decode(row.blob(2));
      if (!figures) return figures.error();
      r.figures = std::move(*figures);
      r.backlog_delta = row.int64(3);
      r.backlog_created_sum_ms = row.int64(4);
      rows.push_back(std::move(r));
      return {};
    }));
    return rows;
  });
}

Result<std::vector<reporting::BacklogBase>> SqliteKpiStore::backlog_before(const Scope& scope,
                                                                           reporting::Dimension dimension,
                                                                           std::int64_t day) {
  using Bases = std::vector<reporting::BacklogBase>;
  if (!scope.tenant) return needs_tenant();
  // All steps ever, minus those on or after `day`: reads only the days since, so a report on
  // recent days does not scan the tenant's whole history.
  return store_.read([&](Connection& conn) -> Result<Bases> {
    std::map<std::string, reporting::BacklogBase> bases;
    auto totals = conn.prepare(kTotals);
    if (!totals) return totals.error();
    totals->bind(1, scope.tenant->value).bind(2, reporting::to_string(dimension));
    SP_TRY(for_each_row(*totals, [&bases](const Statement& row) {
      std::string key = row.text(0);
      bases[key] = {key, row.int64(1), row.int64(2)};
    }));
    auto since = conn.prepare(kBacklogSince);
    if (!since) return since.error();
    since->bind(1, scope.tenant->value).bind(2, reporting::to_string(dimension)).bind(3, day);
    SP_TRY(for_each_row(*since, [&bases](const Statement& row) {
      auto& base = bases[row.text(0)];
      base.key = row.text(0);
      base.count -= row.int64(1);
      base.created_sum_ms -= row.int64(2);
    }));
    Bases out;
    for (auto& [key, base] : bases) {
      if (base.count != 0 || base.created_sum_ms != 0) out.push_back(std::move(base));
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

#include "storage/sqlite/sqlite_automation_store.hpp"

#include <algorithm>

#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

#define SP_RULE_COLUMNS "id, tenant_id, name, event, active, position, document_json, created_at, updated_at"
constexpr std::string_view kGet =
    "SELECT " SP_RULE_COLUMNS " FROM automation_rules WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kList = "SELECT " SP_RULE_COLUMNS
                                   " FROM automation_rules WHERE tenant_id = ?1 "
                                   "AND (?2 IS NULL OR (event = ?2 AND active = 1)) "
                                   "ORDER BY position, id LIMIT ?3";
#undef SP_RULE_COLUMNS
constexpr std::string_view kCount = "SELECT COUNT(*) FROM automation_rules WHERE tenant_id = ?1";
constexpr std::string_view kInsert =
    "INSERT INTO automation_rules(tenant_id, name, event, active, position, document_json, created_at, "
    "updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr std::string_view kUpdate =
    "UPDATE automation_rules SET name = ?3, event = ?4, active = ?5, position = ?6, document_json = ?7, "
    "updated_at = ?8 WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kDelete = "DELETE FROM automation_rules WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kTimeTenants =
    "SELECT DISTINCT tenant_id FROM automation_rules WHERE event = 'on_time' AND active = 1 "
    "ORDER BY tenant_id LIMIT ?1";
// A range of tickets_status_since; each candidate costs one primary-key probe of the firings.
constexpr std::string_view kCandidates =
    "SELECT t.id, t.status_changed_at FROM tickets t WHERE t.tenant_id = ?1 AND t.status = ?2 "
    "AND t.status_changed_at <= ?3 AND (t.status_changed_at > ?4 OR (t.status_changed_at = ?4 AND t.id > "
    "?5)) "
    "AND NOT EXISTS (SELECT 1 FROM automation_time_firings f WHERE f.rule_id = ?6 AND f.ticket_id = t.id "
    "AND f.status_since = t.status_changed_at) "
    "ORDER BY t.status_changed_at, t.id LIMIT ?7";
constexpr std::string_view kStatusSince =
    "SELECT COALESCE(status_changed_at, created_at) FROM tickets WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kFire =
    "INSERT OR IGNORE INTO automation_time_firings(rule_id, ticket_id, status_since, tenant_id, fired_at) "
    "SELECT ?2, ?3, ?4, ?1, ?5 WHERE EXISTS (SELECT 1 FROM automation_rules WHERE tenant_id = ?1 AND id = "
    "?2)";

AutomationRuleRecord record_of(const Statement& row) {
  AutomationRuleRecord record;
  record.id = row.int64(0);
  record.tenant_id = TenantId{row.int64(1)};
  record.name = row.text(2);
  record.event = row.text(3);
  record.active = row.int64(4) != 0;
  record.position = static_cast<int>(row.int64(5));
  record.document_json = row.text(6);
  record.created_at = from_unix_ms(row.int64(7));
  record.updated_at = from_unix_ms(row.int64(8));
  return record;
}

}  // namespace

Result<AutomationRuleRecord> SqliteAutomationStore::create_rule(AutomationRuleRecord record,
                                                                std::size_t max_per_tenant) {
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(count, conn, kCount);
    count.bind(1, record.tenant_id.value);
    SP_STEP(has_row, count);
    if (has_row && count.int64(0) >= static_cast<std::int64_t>(max_per_tenant)) {
      return conflict(
          "the tenant has " + std::to_string(max_per_tenant) + " automation rules, the most it may keep",
          "automation-limit");
    }
    SP_PREPARE(stmt, conn, kInsert);
    stmt.bind(1, record.tenant_id.value)
        .bind(2, record.name)
        .bind(3, record.event)
        .bind(4, std::int64_t{record.active ? 1 : 0})
        .bind(5, std::int64_t{record.position})
        .bind(6, record.document_json)
        .bind(7, to_unix_ms(record.created_at))
        .bind(8, to_unix_ms(record.updated_at));
    SP_TRY(stmt.run());
    record.id = conn.last_insert_rowid();
    return {};
  }));
  return record;
}

Result<AutomationRuleRecord> SqliteAutomationStore::get_rule(TenantId tenant, std::int64_t id) {
  return store_.read([&](Connection& conn) -> Result<AutomationRuleRecord> {
    SP_PREPARE(stmt, conn, kGet);
    stmt.bind(1, tenant.value).bind(2, id);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("no such automation rule");
    return record_of(stmt);
  });
}

Result<std::vector<AutomationRuleRecord>> SqliteAutomationStore::list_rules(
    TenantId tenant, std::optional<std::string> event) {
  return store_.read([&](Connection& conn) -> Result<std::vector<AutomationRuleRecord>> {
    SP_PREPARE(stmt, conn, kList);
    stmt.bind(1, tenant.value).bind(2, event).bind(3, std::int64_t{1000});
    return collect_rows(stmt, record_of);
  });
}

Result<void> SqliteAutomationStore::update_rule(const AutomationRuleRecord& record) {
  bool changed = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kUpdate);
    stmt.bind(1, record.tenant_id.value)
        .bind(2, record.id)
        .bind(3, record.name)
        .bind(4, record.event)
        .bind(5, std::int64_t{record.active ? 1 : 0})
        .bind(6, std::int64_t{record.position})
        .bind(7, record.document_json)
        .bind(8, to_unix_ms(record.updated_at));
    SP_TRY(stmt.run());
    changed = conn.changes() > 0;
    return {};
  }));
  if (!changed) return not_found("no such automation rule");
  return {};
}

Result<void> SqliteAutomationStore::delete_rule(TenantId tenant, std::int64_t id) {
  bool deleted = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kDelete);
    stmt.bind(1, tenant.value).bind(2, id);
    SP_TRY(stmt.run());
    deleted = conn.changes() > 0;
    return {};
  }));
  if (!deleted) return not_found("no such automation rule");
  return {};
}

Result<std::vector<TenantId>> SqliteAutomationStore::tenants_with_time_rules() {
  return store_.read([&](Connection& conn) -> Result<std::vector<TenantId>> {
    SP_PREPARE(stmt, conn, kTimeTenants);
    stmt.bind(1, std::int64_t{10000});
    return collect_rows(stmt, [](const Statement& row) { return TenantId{row.int64(0)}; });
  });
}

Result<std::vector<TimeCandidate>> SqliteAutomationStore::time_candidates(TenantId tenant,
                                                                          std::int64_t rule_id, Status status,
                                                                          Timestamp changed_before,
                                                                          std::optional<TimeCursor> after,
                                                                          int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<TimeCandidate>> {
    SP_PREPARE(stmt, conn, kCandidates);
    const std::int64_t after_at = after ? to_unix_ms(after->status_since) : std::int64_t{-1};
    const std::int64_t after_id = after ? after->ticket_id : std::int64_t{0};
    stmt.bind(1, tenant.value)
        .bind(2, to_string(status))
        .bind(3, to_unix_ms(changed_before))
        .bind(4, after_at)
        .bind(5, after_id)
        .bind(6, rule_id)
        .bind(7, std::clamp<std::int64_t>(limit, 1, kMaxPageSize));
    return collect_rows(stmt, [](const Statement& row) {
      return TimeCandidate{TicketId{row.int64(0)}, from_unix_ms(row.int64(1))};
    });
  });
}

Result<Timestamp> SqliteAutomationStore::status_since(TenantId tenant, TicketId ticket) {
  return store_.read([&](Connection& conn) -> Result<Timestamp> {
    SP_PREPARE(stmt, conn, kStatusSince);
    stmt.bind(1, tenant.value).bind(2, ticket.value);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("no such ticket");
    return from_unix_ms(stmt.int64(0));
  });
}

Result<bool> SqliteAutomationStore::record_time_firing(TenantId tenant, std::int64_t rule_id, TicketId ticket,
                                                       Timestamp status_since, Timestamp now) {
  bool recorded = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kFire);
    stmt.bind(1, tenant.value)
        .bind(2, rule_id)
        .bind(3, ticket.value)
        .bind(4, to_unix_ms(status_since))
        .bind(5, to_unix_ms(now));
    SP_TRY(stmt.run());
    recorded = conn.changes() > 0;
    return {};
  }));
  return recorded;
}

}  // namespace sp::storage::sqlite

#include "storage/sqlite/sqlite_macro_store.hpp"

namespace sp::storage::sqlite {

namespace {

#define SP_MACRO_COLUMNS \
  "id, tenant_id, scope, team_id, owner_id, name, document_json, created_at, updated_at"
constexpr std::string_view kGet = "SELECT " SP_MACRO_COLUMNS " FROM macros WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kList =
    "SELECT " SP_MACRO_COLUMNS " FROM macros WHERE tenant_id = ?1 ORDER BY name, id LIMIT ?2";
#undef SP_MACRO_COLUMNS
constexpr std::string_view kCount = "SELECT COUNT(*) FROM macros WHERE tenant_id = ?1";
constexpr std::string_view kInsert =
    "INSERT INTO macros(tenant_id, scope, team_id, owner_id, name, document_json, created_at, updated_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr std::string_view kUpdate =
    "UPDATE macros SET scope = ?3, team_id = ?4, owner_id = ?5, name = ?6, document_json = ?7, updated_at = "
    "?8 "
    "WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kDelete = "DELETE FROM macros WHERE tenant_id = ?1 AND id = ?2";

MacroRecord record_of(const Statement& row) {
  MacroRecord record;
  record.id = row.int64(0);
  record.tenant_id = TenantId{row.int64(1)};
  record.scope = row.text(2);
  if (auto team = row.optional_int64(3)) record.team_id = TeamId{*team};
  if (auto owner = row.optional_int64(4)) record.owner_id = AgentId{*owner};
  record.name = row.text(5);
  record.document_json = row.text(6);
  record.created_at = from_unix_ms(row.int64(7));
  record.updated_at = from_unix_ms(row.int64(8));
  return record;
}

}  // namespace

Result<MacroRecord> SqliteMacroStore::create_macro(MacroRecord record, std::size_t max_per_tenant) {
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    auto count = conn.prepare(kCount);
    if (!count) return count.error();
    count->bind(1, record.tenant_id.value);
    auto row = count->step();
    if (!row) return row.error();
    if (*row && count->int64(0) >= static_cast<std::int64_t>(max_per_tenant)) {
      return conflict("the tenant has " + std::to_string(max_per_tenant) + " macros, the most it may keep",
                      "macro-limit");
    }
    auto stmt = conn.prepare(kInsert);
    if (!stmt) return stmt.error();
    stmt->bind(1, record.tenant_id.value)
        .bind(2, record.scope)
        .bind(3, record.team_id ? std::optional<std::int64_t>(record.team_id->value) : std::nullopt)
        .bind(4, record.owner_id ? std::optional<std::int64_t>(record.owner_id->value) : std::nullopt)
        .bind(5, record.name)
        .bind(6, record.document_json)
        .bind(7, to_unix_ms(record.created_at))
        .bind(8, to_unix_ms(record.updated_at));
    if (auto ran = stmt->run(); !ran) return ran.error();
    record.id = conn.last_insert_rowid();
    return {};
  }));
  return record;
}

Result<MacroRecord> SqliteMacroStore::get_macro(TenantId tenant, std::int64_t id) {
  return store_.read([&](Connection& conn) -> Result<MacroRecord> {
    auto stmt = conn.prepare(kGet);
    if (!stmt) return stmt.error();
    stmt->bind(1, tenant.value).bind(2, id);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return not_found("no such macro");
    return record_of(*stmt);
  });
}

Result<std::vector<MacroRecord>> SqliteMacroStore::list_macros(TenantId tenant, std::size_t limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<MacroRecord>> {
    auto stmt = conn.prepare(kList);
    if (!stmt) return stmt.error();
    stmt->bind(1, tenant.value).bind(2, static_cast<std::int64_t>(limit));
    return collect_rows(*stmt, [](const Statement& row) { return record_of(row); });
  });
}

Result<void> SqliteMacroStore::update_macro(const MacroRecord& record) {
  return store_.write([&](Connection& conn) -> Result<void> {
    auto stmt = conn.prepare(kUpdate);
    if (!stmt) return stmt.error();
    stmt->bind(1, record.tenant_id.value)
        .bind(2, record.id)
        .bind(3, record.scope)
        .bind(4, record.team_id ? std::optional<std::int64_t>(record.team_id->value) : std::nullopt)
        .bind(5, record.owner_id ? std::optional<std::int64_t>(record.owner_id->value) : std::nullopt)
        .bind(6, record.name)
        .bind(7, record.document_json)
        .bind(8, to_unix_ms(record.updated_at));
    if (auto ran = stmt->run(); !ran) return ran.error();
    if (conn.changes() == 0) return not_found("no such macro");
    return {};
  });
}

Result<void> SqliteMacroStore::delete_macro(TenantId tenant, std::int64_t id) {
  return store_.write([&](Connection& conn) -> Result<void> {
    auto stmt = conn.prepare(kDelete);
    if (!stmt) return stmt.error();
    stmt->bind(1, tenant.value).bind(2, id);
    if (auto ran = stmt->run(); !ran) return ran.error();
    if (conn.changes() == 0) return not_found("no such macro");
    return {};
  });
}

}  // namespace sp::storage::sqlite

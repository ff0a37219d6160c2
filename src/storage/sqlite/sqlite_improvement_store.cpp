#include "storage/sqlite/sqlite_improvement_store.hpp"

#include <algorithm>
#include <charconv>

namespace sp::storage::sqlite {

namespace {

#define SP_IMPROVEMENT_COLUMNS                                                           \
  "id, tenant_id, you_said, we_did, owner_id, due_on, status, outcome, done_on, topic, " \
  "ticket_ids, created_at, updated_at"

constexpr std::string_view kList =
    "SELECT " SP_IMPROVEMENT_COLUMNS " FROM improvement_actions WHERE tenant_id = ?1 ORDER BY id LIMIT ?2";
constexpr std::string_view kGet =
    "SELECT " SP_IMPROVEMENT_COLUMNS " FROM improvement_actions WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kCount = "SELECT count(*) FROM improvement_actions WHERE tenant_id = ?1";
constexpr std::string_view kInsert =
    "INSERT INTO improvement_actions(tenant_id, you_said, we_did, owner_id, due_on, status, outcome, "
    "done_on, topic, ticket_ids, created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11, ?12)";
constexpr std::string_view kUpdate =
    "UPDATE improvement_actions SET you_said = ?3, we_did = ?4, owner_id = ?5, due_on = ?6, status = ?7, "
    "outcome = ?8, done_on = ?9, topic = ?10, ticket_ids = ?11, updated_at = ?12 "
    "WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kDelete = "DELETE FROM improvement_actions WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kDeleteAll = "DELETE FROM improvement_actions WHERE tenant_id = ?1";

#undef SP_IMPROVEMENT_COLUMNS

Error not_found_action(std::int64_t id) {
  return not_found("no improvement action " + std::to_string(id));
}

Result<TenantId> tenant_of(const Scope& scope) {
  if (!scope.tenant) return invalid_input("improvement actions belong to one tenant", "tenant_id");
  return *scope.tenant;
}

// Ticket ids as "12,34" (the column holds no other text; ids are checked by the service).
std::string join_ids(const std::vector<TicketId>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id.value);
  }
  return out;
}

std::vector<TicketId> split_ids(const std::string& text) {
  std::vector<TicketId> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data() + pos, text.data() + comma, value);
    if (ec == std::errc() && end == text.data() + comma && value > 0) out.push_back(TicketId{value});
    pos = comma + 1;
  }
  return out;
}

std::optional<std::string> or_null(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

ImprovementRecord read_action(const Statement& row) {
  ImprovementRecord action;
  action.id = row.int64(0);
  action.tenant_id = TenantId{row.int64(1)};
  action.you_said = row.text(2);
  action.we_did = row.text(3);
  if (auto owner = row.optional_int64(4)) action.owner = AgentId{*owner};
  if (!row.is_null(5)) action.due_on = row.text(5);
  action.status = row.text(6);
  action.outcome = row.text(7);
  if (!row.is_null(8)) action.done_on = row.text(8);
  if (!row.is_null(9)) action.topic = row.text(9);
  action.ticket_ids = split_ids(row.text(10));
  action.created_at = from_unix_ms(row.int64(11));
  action.updated_at = from_unix_ms(row.int64(12));
  return action;
}

Result<ImprovementRecord> select_action(Connection& conn, TenantId tenant, std::int64_t id) {
  auto stmt = conn.prepare(kGet);
  if (!stmt) return stmt.error();
  stmt->bind(1, tenant.value).bind(2, id);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return not_found_action(id);
  return read_action(*stmt);
}

Result<std::vector<ImprovementRecord>> select_all(Connection& conn, TenantId tenant, int limit) {
  auto stmt = conn.prepare(kList);
  if (!stmt) return stmt.error();
  stmt->bind(1, tenant.value).bind(2, static_cast<std::int64_t>(limit));
  return collect_rows(*stmt, read_action);
}

Result<std::int64_t> insert_action(Connection& conn, TenantId tenant, const ImprovementRecord& action) {
  auto insert = conn.prepare(kInsert);
  if (!insert) return insert.error();
  std::optional<std::int64_t> owner;
  if (action.owner) owner = action.owner->value;
  insert->bind(1, tenant.value)
      .bind(2, action.you_said)
      .bind(3, action.we_did)
      .bind(4, owner)
      .bind(5, or_null(action.due_on))
      .bind(6, action.status)
      .bind(7, action.outcome)
      .bind(8, or_null(action.done_on))
      .bind(9, or_null(action.topic))
      .bind(10, join_ids(action.ticket_ids))
      .bind(11, to_unix_ms(action.created_at))
      .bind(12, to_unix_ms(action.updated_at));
  if (auto ran = insert->run(); !ran) return ran.error();
  return conn.last_insert_rowid();
}

}  // namespace

Result<std::vector<ImprovementRecord>> SqliteImprovementStore::list_improvements(const Scope& scope,
                                                                                 int limit) {
  auto tenant = tenant_of(scope);
  if (!tenant) return tenant.error();
  limit = std::clamp(limit, 1, kMaxImprovementsPerTenant);
  return store_.read([&](Connection& conn) { return select_all(conn, *tenant, limit); });
}

Result<ImprovementRecord> SqliteImprovementStore::get_improvement(const Scope& scope, std::int64_t id) {
  auto tenant = tenant_of(scope);
  if (!tenant) return tenant.error();
  return store_.read([&](Connection& conn) { return select_action(conn, *tenant, id); });
}

Result<ImprovementRecord> SqliteImprovementStore::create_improvement(const ImprovementRecord& action) {
  ImprovementRecord stored;
  auto written = store_.write([&](Connection& conn) -> Result<void> {
    auto count = conn.prepare(kCount);
    if (!count) return count.error();
    count->bind(1, action.tenant_id.value);
    auto row = count->step();
    if (!row) return row.error();
    if (*row && count->int64(0) >= kMaxImprovementsPerTenant) {
      return conflict(
          "at most " + std::to_string(kMaxImprovementsPerTenant) + " improvement actions per tenant",
          kinds::kTooManyImprovements);
    }
    auto id = insert_action(conn, action.tenant_id, action);
    if (!id) return id.error();
    auto found = select_action(conn, action.tenant_id, *id);
    if (!found) return found.error();
    stored = std::move(*found);
    return {};
  });
  if (!written) return written.error();
  return stored;
}

Result<ImprovementRecord> SqliteImprovementStore::update_improvement(const Scope& scope,
                                                                     const ImprovementRecord& action) {
  auto tenant = tenant_of(scope);
  if (!tenant) return tenant.error();
  ImprovementRecord stored;
  auto written = store_.write([&](Connection& conn) -> Result<void> {
    auto update = conn.prepare(kUpdate);
    if (!update) return update.error();
    std::optional<std::int64_t> owner;
    if (action.owner) owner = action.owner->value;
    update->bind(1, tenant->value)
        .bind(2, action.id)
        .bind(3, action.you_said)
        .bind(4, action.we_did)
        .bind(5, owner)
        .bind(6, or_null(action.due_on))
        .bind(7, action.status)
        .bind(8, action.outcome)
        .bind(9, or_null(action.done_on))
        .bind(10, or_null(action.topic))
        .bind(11, join_ids(action.ticket_ids))
        .bind(12, to_unix_ms(action.updated_at));
    if (auto ran = update->run(); !ran) return ran.error();
    if (conn.changes() != 1) return not_found_action(action.id);
    auto found = select_action(conn, *tenant, action.id);
    if (!found) return found.error();
    stored = std::move(*found);
    return {};
  });
  if (!written) return written.error();
  return stored;
}

Result<void> SqliteImprovementStore::delete_improvement(const Scope& scope, std::int64_t id) {
  auto tenant = tenant_of(scope);
  if (!tenant) return tenant.error();
  return store_.write([&](Connection& conn) -> Result<void> {
    auto remove = conn.prepare(kDelete);
    if (!remove) return remove.error();
    remove->bind(1, tenant->value).bind(2, id);
    if (auto ran = remove->run(); !ran) return ran.error();
    if (conn.changes() != 1) return not_found_action(id);
    return {};
  });
}

Result<std::vector<ImprovementRecord>> SqliteImprovementStore::replace_improvements(
    TenantId tenant, const std::vector<ImprovementRecord>& actions) {
  if (actions.size() > static_cast<std::size_t>(kMaxImprovementsPerTenant)) {
    return invalid_input("too many improvement actions", "items");
  }
  std::vector<ImprovementRecord> stored;
  auto written = store_.write([&](Connection& conn) -> Result<void> {
    auto clear = conn.prepare(kDeleteAll);
    if (!clear) return clear.error();
    clear->bind(1, tenant.value);
    if (auto ran = clear->run(); !ran) return ran.error();
    for (const auto& action : actions) {
      auto id = insert_action(conn, tenant, action);
      if (!id) return id.error();
    }
    auto all = select_all(conn, tenant, kMaxImprovementsPerTenant);
    if (!all) return all.error();
    stored = std::move(*all);
    return {};
  });
  if (!written) return written.error();
  return stored;
}

}  // namespace sp::storage::sqlite

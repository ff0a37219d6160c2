#include "storage/sqlite/sqlite_conduct_store.hpp"

namespace sp::storage::sqlite {

namespace {

constexpr std::string_view kGetSettings =
    "SELECT settings_json, updated_at FROM conduct_settings WHERE tenant_id = ?1";
constexpr std::string_view kPutSettings =
    "INSERT INTO conduct_settings(tenant_id, settings_json, updated_at) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(tenant_id) DO UPDATE SET settings_json = excluded.settings_json, "
    "updated_at = excluded.updated_at";
// Only a message of the named ticket of the named tenant gets findings (the SELECT is empty
// otherwise, which put_message_findings reports as Conflict).
constexpr std::string_view kPutFindings =
    "INSERT INTO message_conduct_findings(tenant_id, ticket_id, message_id, findings_json, finding_count, "
    "checked_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6 FROM messages WHERE id = ?3 AND tenant_id = ?1 AND ticket_id "
    "= ?2 "
    "ON CONFLICT(tenant_id, message_id) DO UPDATE SET findings_json = excluded.findings_json, "
    "finding_count = excluded.finding_count, checked_at = excluded.checked_at";
constexpr std::string_view kTicketFindings =
    "SELECT message_id, findings_json, finding_count, checked_at FROM message_conduct_findings "
    "WHERE tenant_id = ?1 AND ticket_id = ?2 ORDER BY message_id LIMIT ?3";

}  // namespace

Result<std::optional<ConductSettingsRecord>> SqliteConductStore::get_conduct_settings(TenantId tenant) {
  return store_.read([&](Connection& conn) -> Result<std::optional<ConductSettingsRecord>> {
    auto stmt = conn.prepare(kGetSettings);
    if (!stmt) return stmt.error();
    stmt->bind(1, tenant.value);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<ConductSettingsRecord>{};
    return std::optional<ConductSettingsRecord>{
        ConductSettingsRecord{tenant, stmt->text(0), from_unix_ms(stmt->int64(1))}};
  });
}

Result<void> SqliteConductStore::put_conduct_settings(const ConductSettingsRecord& settings) {
  return store_.write([&](Connection& conn) -> Result<void> {
    auto stmt = conn.prepare(kPutSettings);
    if (!stmt) return stmt.error();
    stmt->bind(1, settings.tenant_id.value)
        .bind(2, settings.settings_json)
        .bind(3, to_unix_ms(settings.updated_at));
    return stmt->run();
  });
}

Result<void> SqliteConductStore::put_message_findings(const MessageConductRecord& record) {
  return store_.write([&](Connection& conn) -> Result<void> {
    auto stmt = conn.prepare(kPutFindings);
    if (!stmt) return stmt.error();
    stmt->bind(1, record.tenant_id.value)
        .bind(2, record.ticket_id.value)
        .bind(3, record.message_id.value)
        .bind(4, record.findings_json)
        .bind(5, static_cast<std::int64_t>(record.finding_count))
        .bind(6, to_unix_ms(record.checked_at));
    if (auto ran = stmt->run(); !ran) return ran.error();
    if (conn.changes() == 0) return conflict("the message is not one of this ticket");
    return {};
  });
}

Result<std::vector<MessageConductRecord>> SqliteConductStore::message_findings(TenantId tenant,
                                                                               TicketId ticket) {
  return store_.read([&](Connection& conn) -> Result<std::vector<MessageConductRecord>> {
    auto stmt = conn.prepare(kTicketFindings);
    if (!stmt) return stmt.error();
    stmt->bind(1, tenant.value).bind(2, ticket.value).bind(3, std::int64_t{kMaxConductRecordsPerTicket});
    return collect_rows(*stmt, [&](const Statement& row) {
      MessageConductRecord record;
      record.tenant_id = tenant;
      record.ticket_id = ticket;
      record.message_id = MessageId{row.int64(0)};
      record.findings_json = row.text(1);
      record.finding_count = static_cast<int>(row.int64(2));
      record.checked_at = from_unix_ms(row.int64(3));
      return record;
    });
  });
}

}  // namespace sp::storage::sqlite

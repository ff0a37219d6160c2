#include "storage/sqlite/sqlite_attachment_store.hpp"

#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

#define SP_ATTACHMENT_COLUMNS                                                                       \
  "id, tenant_id, ticket_id, message_id, role, filename, content_type, declared_type, size_bytes, " \
  "sha256, storage_key, content_id, created_at"

constexpr std::string_view kMessageOnTicket =
    "SELECT 1 FROM messages WHERE id = ?1 AND ticket_id = ?2 AND tenant_id = ?3";
constexpr std::string_view kInsert =
    "INSERT INTO message_attachments(tenant_id, ticket_id, message_id, role, filename, content_type, "
    "declared_type, size_bytes, sha256, storage_key, content_id, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
constexpr std::string_view kOfTicket = "SELECT " SP_ATTACHMENT_COLUMNS
                                       " FROM message_attachments WHERE tenant_id = ?1 AND ticket_id = ?2 "
                                       "ORDER BY message_id, id LIMIT 10000";
constexpr std::string_view kOfTicketAnyTenant = "SELECT " SP_ATTACHMENT_COLUMNS
                                                " FROM message_attachments WHERE ticket_id = ?1 "
                                                "ORDER BY message_id, id LIMIT 10000";
constexpr std::string_view kOne =
    "SELECT " SP_ATTACHMENT_COLUMNS
    " FROM message_attachments WHERE tenant_id = ?1 AND ticket_id = ?2 AND id = ?3";
constexpr std::string_view kOneAnyTenant =
    "SELECT " SP_ATTACHMENT_COLUMNS " FROM message_attachments WHERE ticket_id = ?1 AND id = ?2";
constexpr std::string_view kReferences = "SELECT COUNT(*) FROM message_attachments WHERE storage_key = ?1";

#undef SP_ATTACHMENT_COLUMNS

AttachmentRecord read_record(const Statement& row) {
  AttachmentRecord record;
  record.id = row.int64(0);
  record.tenant_id = TenantId{row.int64(1)};
  record.ticket_id = TicketId{row.int64(2)};
  record.message_id = MessageId{row.int64(3)};
  record.role = parse_or(parse_attachment_role(row.text(4)), AttachmentRole::File);
  record.filename = row.text(5);
  record.content_type = row.text(6);
  record.declared_type = row.text(7);
  record.size_bytes = row.int64(8);
  record.sha256 = row.text(9);
  record.storage_key = row.text(10);
  record.content_id = row.text(11);
  record.created_at = from_unix_ms(row.int64(12));
  return record;
}

}  // namespace

Result<std::vector<AttachmentRecord>> SqliteAttachmentStore::add_attachments(
    std::vector<AttachmentRecord> records) {
  if (records.empty()) return records;
  if (records.size() > kMaxAttachmentsPerMessage) {
    return invalid_input("at most " + std::to_string(kMaxAttachmentsPerMessage) + " attachments per message",
                         "attachments");
  }
  const auto& first = records.front();
  for (const auto& record : records) {
    if (record.tenant_id != first.tenant_id || record.ticket_id != first.ticket_id ||
        record.message_id != first.message_id) {
      return invalid_input("records of one message at a time", "attachments");
    }
  }
  auto written = store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(check, conn, kMessageOnTicket);
    check.bind(1, first.message_id.value).bind(2, first.ticket_id.value).bind(3, first.tenant_id.value);
    SP_STEP(found, check);
    if (!found)
      return not_found("message " + std::to_string(first.message_id.value) + " is not on this ticket");
    for (auto& record : records) {
      SP_PREPARE(insert, conn, kInsert);
      insert.bind(1, record.tenant_id.value)
          .bind(2, record.ticket_id.value)
          .bind(3, record.message_id.value)
          .bind(4, to_string(record.role))
          .bind(5, record.filename)
          .bind(6, record.content_type)
          .bind(7, record.declared_type)
          .bind(8, record.size_bytes)
          .bind(9, record.sha256)
          .bind(10, record.storage_key)
          .bind(11, record.content_id)
          .bind(12, to_unix_ms(record.created_at));
      if (auto ran = insert.run(); !ran) return ran.error();
      record.id = conn.last_insert_rowid();
    }
    return {};
  });
  if (!written) return written.error();
  return records;
}

Result<std::vector<AttachmentRecord>> SqliteAttachmentStore::ticket_attachments(const Scope& scope,
                                                                                TicketId ticket) {
  return store_.read([&](Connection& conn) -> Result<std::vector<AttachmentRecord>> {
    auto stmt = scope.tenant ? conn.prepare(kOfTicket) : conn.prepare(kOfTicketAnyTenant);
    if (!stmt) return stmt.error();
    if (scope.tenant) {
      stmt->bind(1, scope.tenant->value).bind(2, ticket.value);
    } else {
      stmt->bind(1, ticket.value);
    }
    return collect_rows(*stmt, read_record);
  });
}

Result<AttachmentRecord> SqliteAttachmentStore::get_attachment(const Scope& scope, TicketId ticket,
                                                               std::int64_t id) {
  return store_.read([&](Connection& conn) -> Result<AttachmentRecord> {
    auto stmt = scope.tenant ? conn.prepare(kOne) : conn.prepare(kOneAnyTenant);
    if (!stmt) return stmt.error();
    if (scope.tenant) {
      stmt->bind(1, scope.tenant->value).bind(2, ticket.value).bind(3, id);
    } else {
      stmt->bind(1, ticket.value).bind(2, id);
    }
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return not_found("no such attachment");
    return read_record(*stmt);
  });
}

Result<std::int64_t> SqliteAttachmentStore::count_storage_references(const std::string& storage_key) {
  return store_.read([&](Connection& conn) -> Result<std::int64_t> {
    SP_PREPARE(stmt, conn, kReferences);
    stmt.bind(1, storage_key);
    SP_STEP(has_row, stmt);
    return has_row ? stmt.int64(0) : 0;
  });
}

}  // namespace sp::storage::sqlite

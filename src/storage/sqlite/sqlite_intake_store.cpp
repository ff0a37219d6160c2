// SqliteStore as IntakeStore: receipts of inbound messages (inbound_receipts), the
// Message-IDs and social thread keys that map mail to tickets (mail_message_ids) and the
// mailbox checkpoints (mail_checkpoints). record_receipt writes all three inside the
// transaction that stores the message (sqlite_ticket_store.cpp).
#include "storage/sqlite/sqlite_store.hpp"

#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

Result<void> insert_mail_ids(Connection& conn, TenantId tenant, TicketId ticket,
                             const std::vector<std::string>& message_ids) {
  SP_PREPARE(stmt, conn,
             "INSERT INTO mail_message_ids(tenant_id, message_id, ticket_id) VALUES(?1, ?2, ?3) "
             "ON CONFLICT(tenant_id, message_id) DO NOTHING");
  for (const auto& id : message_ids) {
    if (id.empty() || id.size() > 998) continue;
    stmt.bind(1, tenant.value).bind(2, id).bind(3, ticket.value);
    SP_TRY(stmt.run());
  }
  return {};
}

Result<void> upsert_checkpoint(Connection& conn, TenantId tenant, const MailboxCheckpoint& checkpoint,
                               Timestamp now) {
  // A new UIDVALIDITY replaces the row; within one, the checkpoint only moves forward.
  SP_PREPARE(stmt, conn,
             "INSERT INTO mail_checkpoints(source, tenant_id, uidvalidity, last_uid, updated_at) "
             "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(source) DO UPDATE SET "
             "last_uid = CASE WHEN uidvalidity = excluded.uidvalidity "
             "  THEN MAX(last_uid, excluded.last_uid) ELSE excluded.last_uid END, "
             "uidvalidity = excluded.uidvalidity, updated_at = excluded.updated_at");
  stmt.bind(1, checkpoint.source)
      .bind(2, tenant.value)
      .bind(3, checkpoint.uidvalidity)
      .bind(4, checkpoint.last_uid)
      .bind(5, to_unix_ms(now));
  return stmt.run();
}

}  // namespace

Result<void> record_receipt(Connection& conn, const Ticket& ticket, MessageId message,
                            const InboundReceipt& receipt, Timestamp now) {
  SP_PREPARE(exists, conn,
             "SELECT ticket_id FROM inbound_receipts WHERE tenant_id = ?1 AND source = ?2 "
             "AND external_id = ?3");
  exists.bind(1, ticket.tenant_id.value).bind(2, receipt.source).bind(3, receipt.external_id);
  SP_STEP(duplicate, exists);
  if (duplicate) {
    return conflict("already received as T-" + std::to_string(exists.int64(0)), kinds::kDuplicateIntake);
  }
  SP_TRY(exists.reset());
  SP_PREPARE(stmt, conn,
             "INSERT INTO inbound_receipts(tenant_id, source, external_id, ticket_id, message_id, "
             "created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  stmt.bind(1, ticket.tenant_id.value)
      .bind(2, receipt.source)
      .bind(3, receipt.external_id)
      .bind(4, ticket.id.value)
      .bind(5, message.value)
      .bind(6, to_unix_ms(now));
  SP_TRY(stmt.run());
  SP_TRY(insert_mail_ids(conn, ticket.tenant_id, ticket.id, receipt.mail_message_ids));
  if (receipt.checkpoint) SP_TRY(upsert_checkpoint(conn, ticket.tenant_id, *receipt.checkpoint, now));
  return {};
}

Result<std::optional<TicketId>> SqliteStore::find_intake(TenantId tenant, const std::string& source,
                                                         const std::string& external_id) {
  return read([&](Connection& conn) -> Result<std::optional<TicketId>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id FROM inbound_receipts WHERE tenant_id = ?1 AND source = ?2 "
               "AND external_id = ?3");
    stmt.bind(1, tenant.value).bind(2, source).bind(3, external_id);
    SP_STEP(has_row, stmt);
    if (!has_row) return std::optional<TicketId>{};
    return std::optional<TicketId>{TicketId{stmt.int64(0)}};
  });
}

Result<std::optional<TicketId>> SqliteStore::find_ticket_by_mail_ids(
    TenantId tenant, const std::vector<std::string>& message_ids) {
  return read([&](Connection& conn) -> Result<std::optional<TicketId>> {
    SP_PREPARE(stmt, conn, "SELECT ticket_id FROM mail_message_ids WHERE tenant_id = ?1 AND message_id = ?2");
    for (const auto& id : message_ids) {
      stmt.bind(1, tenant.value).bind(2, id);
      SP_STEP(has_row, stmt);
      if (has_row) return std::optional<TicketId>{TicketId{stmt.int64(0)}};
      SP_TRY(stmt.reset());
    }
    return std::optional<TicketId>{};
  });
}

Result<std::vector<std::string>> SqliteStore::mail_ids_of_ticket(TenantId tenant, TicketId ticket,
                                                                 int limit) {
  return read([&](Connection& conn) -> Result<std::vector<std::string>> {
    // rowid grows with every insert, so it orders the ids as they were received or sent.
    SP_PREPARE(stmt, conn,
               "SELECT message_id FROM (SELECT rowid, message_id FROM mail_message_ids "
               "WHERE tenant_id = ?1 AND ticket_id = ?2 ORDER BY rowid DESC LIMIT ?3) ORDER BY rowid");
    stmt.bind(1, tenant.value).bind(2, ticket.value).bind(3, std::int64_t{limit});
    std::vector<std::string> out;
    SP_TRY(for_each_row(stmt, [&out](const Statement& row) {
      if (row.text(0).find(' ') == std::string::npos) out.push_back(row.text(0));  // not a social thread key
    }));
    return out;
  });
}

Result<void> SqliteStore::map_mail_ids(TenantId tenant, TicketId ticket,
                                       const std::vector<std::string>& message_ids) {
  return writer_->submit(
      [&](Connection& conn) { return insert_mail_ids(conn, tenant, ticket, message_ids); });
}

Result<void> SqliteStore::put_mailbox_checkpoint(TenantId tenant, const MailboxCheckpoint& checkpoint,
                                                 Timestamp now) {
  return writer_->submit([&](Connection& conn) { return upsert_checkpoint(conn, tenant, checkpoint, now); });
}

}  // namespace sp::storage::sqlite

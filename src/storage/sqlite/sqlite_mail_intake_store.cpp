#include "storage/sqlite/sqlite_mail_intake_store.hpp"

namespace sp::storage::sqlite {

Result<bool> SqliteMailIntakeStore::take_auto_reply_slot(TenantId tenant, const std::string& address,
                                                         Timestamp now, std::chrono::seconds window,
                                                         int limit) {
  const std::int64_t since_ms = to_unix_ms(now - window);
  bool taken = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    // Only this address's old rows: each slot taken cleans up after its own address.
    auto forget =
        conn.prepare("DELETE FROM auto_replies_sent WHERE tenant_id = ?1 AND address = ?2 AND sent_at <= ?3");
    if (!forget) return forget.error();
    forget->bind(1, tenant.value).bind(2, address).bind(3, since_ms);
    SP_TRY(forget->run());
    auto count = conn.prepare("SELECT count(*) FROM auto_replies_sent WHERE tenant_id = ?1 AND address = ?2");
    if (!count) return count.error();
    count->bind(1, tenant.value).bind(2, address);
    auto row = count->step();
    if (!row) return row.error();
    if (*row && count->int64(0) >= limit) return {};
    auto record =
        conn.prepare("INSERT INTO auto_replies_sent(tenant_id, address, sent_at) VALUES(?1, ?2, ?3)");
    if (!record) return record.error();
    record->bind(1, tenant.value).bind(2, address).bind(3, to_unix_ms(now));
    SP_TRY(record->run());
    taken = true;
    return {};
  }));
  return taken;
}

Result<void> SqliteMailIntakeStore::add_mail_participants(TenantId tenant, TicketId ticket,
                                                          const std::vector<std::string>& addresses,
                                                          Timestamp now) {
  if (addresses.empty()) return {};
  return store_.write([&](Connection& conn) -> Result<void> {
    auto insert = conn.prepare(
        "INSERT INTO mail_participants(tenant_id, ticket_id, address, added_at) "
        "VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    if (!insert) return insert.error();
    for (const auto& address : addresses) {
      insert->bind(1, tenant.value).bind(2, ticket.value).bind(3, address).bind(4, to_unix_ms(now));
      SP_TRY(insert->run());
    }
    return {};
  });
}

Result<bool> SqliteMailIntakeStore::is_mail_participant(TenantId tenant, TicketId ticket,
                                                        const std::string& address) {
  return store_.read([&](Connection& conn) -> Result<bool> {
    auto stmt = conn.prepare(
        "SELECT 1 FROM mail_participants WHERE tenant_id = ?1 AND ticket_id = ?2 AND address = ?3");
    if (!stmt) return stmt.error();
    stmt->bind(1, tenant.value).bind(2, ticket.value).bind(3, address);
    auto row = stmt->step();
    if (!row) return row.error();
    return *row;
  });
}

}  // namespace sp::storage::sqlite

#include "storage/sqlite/sqlite_audit_store.hpp"

#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

#define SP_AUDIT_COLUMNS \
  "tenant_id, seq, at, actor_agent_id, action, subject_kind, subject_id, detail, reason, prev_hash, hash"

constexpr std::string_view kLast =
    "SELECT " SP_AUDIT_COLUMNS " FROM audit_log WHERE tenant_id = ?1 ORDER BY seq DESC LIMIT 1";
constexpr std::string_view kInsert =
    "INSERT INTO audit_log(" SP_AUDIT_COLUMNS ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
constexpr std::string_view kAbout =
    "SELECT " SP_AUDIT_COLUMNS
    " FROM audit_log WHERE tenant_id = ?1 AND subject_kind = ?2 AND subject_id = ?3 "
    "AND (?4 IS NULL OR seq < ?4) ORDER BY seq DESC LIMIT ?5";
constexpr std::string_view kBy = "SELECT " SP_AUDIT_COLUMNS
                                 " FROM audit_log WHERE tenant_id = ?1 AND actor_agent_id = ?2 "
                                 "AND (?3 IS NULL OR seq < ?3) ORDER BY seq DESC LIMIT ?4";
constexpr std::string_view kChain =
    "SELECT " SP_AUDIT_COLUMNS " FROM audit_log WHERE tenant_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3";
// The last entry of each day: the greatest seq per day (seq grows with time).
constexpr std::string_view kAnchors =
    "SELECT at / 86400000 AS day, MAX(seq), hash FROM audit_log WHERE tenant_id = ?1 "
    "GROUP BY day ORDER BY day DESC LIMIT ?2";
constexpr std::string_view kTenants = "SELECT DISTINCT tenant_id FROM audit_log ORDER BY tenant_id";

AuditRecord read_record(const Statement& row) {
  AuditRecord r;
  r.tenant_id = row.int64(0);
  r.seq = row.int64(1);
  r.at_ms = row.int64(2);
  r.actor_agent_id = row.optional_int64(3);
  r.action = row.text(4);
  r.subject_kind = row.text(5);
  r.subject_id = row.int64(6);
  r.detail = row.text(7);
  r.reason = row.text(8);
  r.prev_hash = row.text(9);
  r.hash = row.text(10);
  return r;
}

// Seals `entry` after its tenant's last entry and inserts it, in the caller's transaction.
Result<void> insert_sealed(Connection& conn, const AuditSealer& sealer, AuditRecord& entry) {
  std::optional<AuditRecord> previous;
  {
    SP_PREPARE(last, conn, kLast);
    last.bind(1, entry.tenant_id);
    SP_STEP(has_row, last);
    if (has_row) previous = read_record(last);
  }
  entry.seq = previous ? previous->seq + 1 : 1;
  sealer(entry, previous ? &*previous : nullptr);
  SP_PREPARE(stmt, conn, kInsert);
  stmt.bind(1, entry.tenant_id)
      .bind(2, entry.seq)
      .bind(3, entry.at_ms)
      .bind(4, entry.actor_agent_id)
      .bind(5, entry.action)
      .bind(6, entry.subject_kind)
      .bind(7, entry.subject_id)
      .bind(8, entry.detail)
      .bind(9, entry.reason)
      .bind(10, entry.prev_hash)
      .bind(11, entry.hash);
  return stmt.run();
}

}  // namespace

Result<AuditRecord> SqliteAuditStore::append_audit(AuditRecord entry) {
  SP_TRY(store_.write([&](Connection& conn) { return insert_sealed(conn, sealer_, entry); }));
  return entry;
}

Result<void> SqliteAuditStore::append_audit_later(AuditRecord entry) {
  return store_.write_later([sealer = sealer_, entry = std::move(entry)](Connection& conn) mutable {
    return insert_sealed(conn, sealer, entry);
  });
}

Result<std::vector<AuditRecord>> SqliteAuditStore::audit_about(domain::TenantId tenant,
                                                               const std::string& subject_kind,
                                                               std::int64_t subject_id,
                                                               std::optional<std::int64_t> before_seq,
                                                               int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<AuditRecord>> {
    SP_PREPARE(stmt, conn, kAbout);
    stmt.bind(1, tenant.value)
        .bind(2, subject_kind)
        .bind(3, subject_id)
        .bind(4, before_seq)
        .bind(5, std::int64_t{limit});
    return collect_rows(stmt, read_record);
  });
}

Result<std::vector<AuditRecord>> SqliteAuditStore::audit_by(domain::TenantId tenant, std::int64_t agent_id,
                                                            std::optional<std::int64_t> before_seq,
                                                            int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<AuditRecord>> {
    SP_PREPARE(stmt, conn, kBy);
    stmt.bind(1, tenant.value).bind(2, agent_id).bind(3, before_seq).bind(4, std::int64_t{limit});
    return collect_rows(stmt, read_record);
  });
}

Result<std::vector<AuditRecord>> SqliteAuditStore::audit_chain(domain::TenantId tenant,
                                                               std::int64_t after_seq, int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<AuditRecord>> {
    SP_PREPARE(stmt, conn, kChain);
    stmt.bind(1, tenant.value).bind(2, after_seq).bind(3, std::int64_t{limit});
    return collect_rows(stmt, read_record);
  });
}

Result<std::vector<AuditAnchor>> SqliteAuditStore::audit_anchors(domain::TenantId tenant, int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<AuditAnchor>> {
    SP_PREPARE(stmt, conn, kAnchors);
    stmt.bind(1, tenant.value).bind(2, std::int64_t{limit});
    return collect_rows(stmt, [](const Statement& row) {
      return AuditAnchor{row.int64(0), row.int64(1), row.text(2)};
    });
  });
}

Result<std::vector<domain::TenantId>> SqliteAuditStore::audited_tenants() {
  return store_.read([&](Connection& conn) -> Result<std::vector<domain::TenantId>> {
    SP_PREPARE(stmt, conn, kTenants);
    return collect_rows(stmt, [](const Statement& row) { return domain::TenantId{row.int64(0)}; });
  });
}

}  // namespace sp::storage::sqlite

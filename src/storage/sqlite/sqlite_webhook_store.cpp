// SqliteStore as WebhookStore: replay keys (webhook_nonces) and social identities
// (social_identities), migration 7.
#include "storage/sqlite/sqlite_store.hpp"

#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

Result<void> SqliteStore::remember_replay_keys(TenantId tenant, const std::string& nonce,
                                               const std::string& signature, Timestamp now,
                                               Timestamp forget_before) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(sweep, conn, "DELETE FROM webhook_nonces WHERE seen_at < ?1");
    sweep.bind(1, to_unix_ms(forget_before));
    SP_TRY(sweep.run());
    SP_PREPARE(insert, conn,
               "INSERT INTO webhook_nonces(tenant_id, nonce, seen_at) VALUES(?1, ?2, ?3) "
               "ON CONFLICT(tenant_id, nonce) DO NOTHING");
    for (const std::string* key : {&nonce, &signature}) {
      insert.bind(1, tenant.value).bind(2, *key).bind(3, to_unix_ms(now));
      SP_TRY(insert.run());
      if (conn.changes() == 0) {
        // The writer rolls this job's savepoint back, so the first key is not kept either.
        return conflict(key == &nonce ? "this nonce was already used" : "this request was already received",
                        "replayed-nonce");
      }
    }
    return {};
  });
}

Result<void> SqliteStore::forget_replay_keys(TenantId tenant, const std::string& nonce,
                                             const std::string& signature) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(remove, conn, "DELETE FROM webhook_nonces WHERE tenant_id = ?1 AND nonce IN (?2, ?3)");
    remove.bind(1, tenant.value).bind(2, nonce).bind(3, signature);
    return remove.run();
  });
}

Result<std::optional<CustomerId>> SqliteStore::find_social_identity(TenantId tenant,
                                                                    const std::string& platform,
                                                                    const std::string& handle) {
  return read([&](Connection& conn) -> Result<std::optional<CustomerId>> {
    SP_PREPARE(stmt, conn,
               "SELECT customer_id FROM social_identities WHERE tenant_id = ?1 AND platform = ?2 "
               "AND handle = ?3");
    stmt.bind(1, tenant.value).bind(2, platform).bind(3, handle);
    SP_STEP(has_row, stmt);
    if (!has_row) return std::optional<CustomerId>{};
    return std::optional<CustomerId>{CustomerId{stmt.int64(0)}};
  });
}

Result<void> SqliteStore::map_social_identity(TenantId tenant, const std::string& platform,
                                              const std::string& handle, CustomerId customer, Timestamp at) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(insert, conn,
               "INSERT INTO social_identities(tenant_id, platform, handle, customer_id, created_at) "
               "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(tenant_id, platform, handle) DO NOTHING");
    insert.bind(1, tenant.value)
        .bind(2, platform)
        .bind(3, handle)
        .bind(4, customer.value)
        .bind(5, to_unix_ms(at));
    return insert.run();
  });
}

}  // namespace sp::storage::sqlite

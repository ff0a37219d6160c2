// AuditStore on the shared SQLite database (migration 27), on the SqliteStore's reader pool
// and group-commit writer like SqliteCommitmentStore. The sealer (privacy's hash chain,
// handed in by app/) runs inside the appending transaction, so two appends of one tenant can
// never seal after the same previous entry.
#pragma once

#include "storage/audit_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteAuditStore final : public AuditStore {
 public:
  // REQUIRES: `store` is migrated (version >= 27) and outlives this object.
  SqliteAuditStore(SqliteStore& store, AuditSealer sealer) : store_(store), sealer_(std::move(sealer)) {}

  Result<AuditRecord> append_audit(AuditRecord entry) override;
  Result<void> append_audit_later(AuditRecord entry) override;
  // The write queue is FIFO: an empty job commits after everything posted before it.
  Result<void> flush_audit() override {
    return store_.write([](Connection&) -> Result<void> { return {}; });
  }
  Result<std::vector<AuditRecord>> audit_about(domain::TenantId tenant, const std::string& subject_kind,
                                               std::int64_t subject_id,
                                               std::optional<std::int64_t> before_seq, int limit) override;
  Result<std::vector<AuditRecord>> audit_by(domain::TenantId tenant, std::int64_t agent_id,
                                            std::optional<std::int64_t> before_seq, int limit) override;
  Result<std::vector<AuditRecord>> audit_chain(domain::TenantId tenant, std::int64_t after_seq,
                                               int limit) override;
  Result<std::vector<AuditAnchor>> audit_anchors(domain::TenantId tenant, int limit) override;
  Result<std::vector<domain::TenantId>> audited_tenants() override;

 private:
  SqliteStore& store_;
  AuditSealer sealer_;
};

}  // namespace sp::storage::sqlite

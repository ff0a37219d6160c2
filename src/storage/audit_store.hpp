// The append-only audit log (issue 19, migration 27): who read or changed which ticket,
// customer, attachment or configuration, hash-chained per tenant. SQLite triggers refuse
// UPDATE and DELETE on the table; the chain (privacy/audit_chain.hpp) shows any edit made
// around them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/model.hpp"

namespace sp::storage {

// One entry, as privacy::AuditEntry (ids and field names only, never content).
struct AuditRecord {
  std::int64_t tenant_id = 0;
  std::int64_t seq = 0;
  std::int64_t at_ms = 0;
  std::optional<std::int64_t> actor_agent_id;
  std::string action, subject_kind;
  std::int64_t subject_id = 0;
  std::string detail, reason;
  std::string prev_hash, hash;
};

// Fills prev_hash and hash of `entry` after `previous` (nullptr: the tenant's first entry).
using AuditSealer = std::function<void(AuditRecord& entry, const AuditRecord* previous)>;

struct AuditAnchor {
  std::int64_t day = 0;  // days since 1970-01-01 (UTC)
  std::int64_t seq = 0;  // the day's last entry
  std::string hash;      // its hash
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Appends `entry` to its tenant's chain in one transaction: gives it the next seq, seals
  // it after the tenant's last entry, and returns it as stored.
  virtual Result<AuditRecord> append_audit(AuditRecord entry) = 0;
  // The same, queued for the next write transaction without waiting for it to be durable
  // (reads: a crash may lose the last few milliseconds of read entries, never reorder them).
  virtual Result<void> append_audit_later(AuditRecord entry) = 0;
  // Returns once every entry queued before it is committed (so a listing sees them).
  virtual Result<void> flush_audit() = 0;
  // Entries about one subject, newest first, with seq < before_seq when given; at most `limit`.
  virtual Result<std::vector<AuditRecord>> audit_about(domain::TenantId tenant,
                                                       const std::string& subject_kind,
                                                       std::int64_t subject_id,
                                                       std::optional<std::int64_t> before_seq, int limit) = 0;
  // Entries by one agent (actor), newest first, as audit_about.
  virtual Result<std::vector<AuditRecord>> audit_by(domain::TenantId tenant, std::int64_t agent_id,
                                                    std::optional<std::int64_t> before_seq, int limit) = 0;
  // A tenant's chain in seq order from seq > after_seq; at most `limit` (for verify).
  virtual Result<std::vector<AuditRecord>> audit_chain(domain::TenantId tenant, std::int64_t after_seq,
                                                       int limit) = 0;
  // The last entry of each UTC day, newest day first; at most `limit` days.
  virtual Result<std::vector<AuditAnchor>> audit_anchors(domain::TenantId tenant, int limit) = 0;
  // The tenants that have audit entries.
  virtual Result<std::vector<domain::TenantId>> audited_tenants() = 0;
};

}  // namespace sp::storage

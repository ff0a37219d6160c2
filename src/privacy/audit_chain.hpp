// The hash chain of the audit log (issue 19, "audit that cannot be rewritten"): each entry of
// a tenant carries the SHA-256 of the previous entry of that tenant, and its own hash over
// that and its canonical content, so that changing a byte of any entry, deleting one or
// swapping two breaks the chain at the first entry affected.
//
// Pure and thread-safe: no I/O, no clock reads; SHA-256 from libsodium (as service/auth.cpp
// uses for token digests).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sp::privacy {

// One audit entry. Holds ids and field names only: never message content or personal values.
struct AuditEntry {
  std::int64_t tenant_id = 0;
  std::int64_t seq = 0;                        // 1, 2, 3 ... per tenant
  std::int64_t at_ms = 0;                      // Unix milliseconds, UTC
  std::optional<std::int64_t> actor_agent_id;  // empty for the system
  std::string action;                          // "read", "change", "config", "export", "erasure"
  std::string subject_kind;  // "ticket", "customer", "attachment", "agent", "sla_policy", ...
  std::int64_t subject_id = 0;
  std::string detail;     // what was read or changed: field names, a route ("messages")
  std::string reason;     // why, where the reader gave one (X-Audit-Reason)
  std::string prev_hash;  // hex SHA-256 of the previous entry; kGenesisHash for seq 1
  std::string hash;       // hex SHA-256 of prev_hash and canonical_content(entry)
};

// 64 zeros: the "previous hash" of a tenant's first entry.
extern const std::string kGenesisHash;

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// Every field but the hashes, each as "<length>:<bytes>;" so that no two entries share an
// encoding (a "|" in a reason cannot shift one field into the next).
std::string canonical_content(const AuditEntry& entry);

// sha256_hex(prev_hash + "\n" + canonical_content(entry)).
std::string entry_hash(const AuditEntry& entry);

// Fills in prev_hash and hash of `entry` after `previous` (nullptr for the first entry).
void seal(AuditEntry& entry, const AuditEntry* previous);

struct ChainBreak {
  std::int64_t seq = 0;  // the first bad entry (or, for a gap, the entry after it)
  std::string problem;   // "sequence gap: expected 4", "previous hash differs", "content hash differs"
};

// Walks a chain incrementally: feed one tenant's entries in seq order.
class ChainVerifier {
 public:
  // The first problem found so far stays; later entries are ignored once one is found.
  void add(const AuditEntry& entry);
  const std::optional<ChainBreak>& first_break() const { return break_; }
  std::int64_t entries() const { return entries_; }
  const std::string& last_hash() const { return last_hash_; }

 private:
  std::int64_t entries_ = 0;
  std::int64_t expected_seq_ = 1;
  std::string last_hash_ = kGenesisHash;
  std::optional<ChainBreak> break_;
};

}  // namespace sp::privacy

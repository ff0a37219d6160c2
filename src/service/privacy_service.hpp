// Privacy use cases of issue 19: the personal-data scan, and the audit log (recording reads,
// changes and configuration changes, listing them by subject, daily anchors, verifying the
// chain).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "privacy/audit_chain.hpp"
#include "privacy/personal_data.hpp"
#include "service/helpdesk.hpp"
#include "storage/audit_store.hpp"

namespace sp::service {

inline constexpr std::size_t kMaxScanTextBytes = 64 * 1024;

// POST /api/v1/privacy/scan: agents and above (WriteTickets); text at most 64 KiB of UTF-8.
Result<std::vector<privacy::PersonalDataMatch>> scan_personal_data(const Principal& p, std::string_view text,
                                                                   std::optional<Language> language);

// The sealer for storage's audit store: privacy's hash chain over storage's record.
void seal_audit_record(storage::AuditRecord& entry, const storage::AuditRecord* previous);
privacy::AuditEntry to_audit_entry(const storage::AuditRecord& record);

struct AuditSubject {
  std::string kind;  // "ticket", "customer", "agent"
  std::int64_t id = 0;
};
// "customer:42", "ticket:7", "agent:3"; InvalidInput otherwise.
Result<AuditSubject> parse_audit_subject(std::string_view text);

struct AuditPage {
  std::vector<storage::AuditRecord> items;
  std::optional<std::int64_t> next_cursor;  // pass as cursor for the next (older) page
};

struct ChainReport {
  TenantId tenant;
  std::int64_t entries = 0;
  std::optional<privacy::ChainBreak> first_break;
};

class AuditService {
 public:
  AuditService(storage::AuditStore& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Appends one entry for `p` (the system when p is null) in `tenant`. `detail` names what
  // (a route part, field names), never values.
  // `durable`: return once the entry is committed (changes, configuration); otherwise queue it
  // for the next write transaction (reads: a crash may lose the last milliseconds of them).
  Result<void> record(const Principal* p, TenantId tenant, std::string action, AuditSubject subject,
                      std::string detail, std::string reason, bool durable = true);

  // Admins of the tenant (platform administrators naming it): there is no privacy officer
  // role yet. Newest first; `limit` 1..200 (default 50).
  Result<AuditPage> list(const Principal& p, std::optional<TenantId> tenant, const AuditSubject& subject,
                         std::optional<std::int64_t> cursor, int limit);
  // The last 90 days' anchors (the day's last hash), newest first.
  Result<std::vector<storage::AuditAnchor>> anchors(const Principal& p, std::optional<TenantId> tenant);

  // Walks each tenant's chain (or the one given) from the start, in pages: for the CLI.
  Result<std::vector<ChainReport>> verify(std::optional<TenantId> tenant);

 private:
  Result<TenantId> admin_tenant(const Principal& p, std::optional<TenantId> tenant) const;

  storage::AuditStore& store_;
  const Clock& clock_;
};

}  // namespace sp::service

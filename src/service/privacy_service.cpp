#include "service/privacy_service.hpp"

#include "core/text.hpp"
#include "core/time.hpp"

namespace sp::service {

Result<std::vector<privacy::PersonalDataMatch>> scan_personal_data(const Principal& p, std::string_view text,
                                                                   std::optional<Language> language) {
  SP_TRY(require(p, Permission::WriteTickets));
  if (text.size() > kMaxScanTextBytes) return invalid_input("text is at most 64 KiB", "text");
  if (!text::is_valid_utf8(text)) return invalid_input("text must be UTF-8", "text");
  privacy::ScanOptions options;
  if (language) options.language = to_string(*language);
  return privacy::find_personal_data(text, options);
}

privacy::AuditEntry to_audit_entry(const storage::AuditRecord& r) {
  return {r.tenant_id,  r.seq,    r.at_ms,  r.actor_agent_id, r.action, r.subject_kind,
          r.subject_id, r.detail, r.reason, r.prev_hash,      r.hash};
}

void seal_audit_record(storage::AuditRecord& entry, const storage::AuditRecord* previous) {
  auto sealed = to_audit_entry(entry);
  sealed.prev_hash = previous != nullptr ? previous->hash : privacy::kGenesisHash;
  entry.prev_hash = sealed.prev_hash;
  entry.hash = privacy::entry_hash(sealed);
}

Result<AuditSubject> parse_audit_subject(std::string_view text) {
  auto colon = text.find(':');
  auto bad = [] { return invalid_input("subject is ticket:N, customer:N or agent:N", "subject"); };
  if (colon == std::string_view::npos) return bad();
  std::string kind(text.substr(0, colon));
  if (kind != "ticket" && kind != "customer" && kind != "agent") return bad();
  std::string_view digits = text.substr(colon + 1);
  if (digits.empty() || digits.size() > 18) return bad();
  std::int64_t id = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return bad();
    id = id * 10 + (c - '0');
  }
  if (id <= 0) return bad();
  return AuditSubject{kind, id};
}

Result<void> AuditService::record(const Principal* p, TenantId tenant, std::string action,
                                  AuditSubject subject, std::string detail, std::string reason,
                                  bool durable) {
  storage::AuditRecord entry;
  entry.tenant_id = tenant.value;
  entry.at_ms = to_unix_ms(clock_.now());
  if (p != nullptr) entry.actor_agent_id = p->agent.id.value;
  entry.action = std::move(action);
  entry.subject_kind = std::move(subject.kind);
  entry.subject_id = subject.id;
  entry.detail = std::move(detail);
  // The reason is free text of the reader: bounded, valid UTF-8.
  entry.reason = std::string(text::truncate_utf8(text::make_valid_utf8(reason), 200));
  if (!durable) return store_.append_audit_later(std::move(entry));
  auto stored = store_.append_audit(std::move(entry));
  if (!stored) return stored.error();
  return {};
}

Result<TenantId> AuditService::admin_tenant(const Principal& p, std::optional<TenantId> tenant) const {
  if (p.agent.role != Role::Admin) return forbidden("only admins read the audit log");
  if (p.is_platform_admin()) {
    if (!tenant) return invalid_input("name the tenant with tenant_id", "tenant_id");
    return *tenant;
  }
  if (tenant && *tenant != *p.agent.tenant_id) return not_found("no such tenant");
  return *p.agent.tenant_id;
}

Result<AuditPage> AuditService::list(const Principal& p, std::optional<TenantId> tenant,
                                     const AuditSubject& subject, std::optional<std::int64_t> cursor,
                                     int limit) {
  auto resolved = admin_tenant(p, tenant);
  if (!resolved) return resolved.error();
  TenantId tenant_id = *resolved;
  if (limit < 1 || limit > 200) return invalid_input("limit is 1 to 200", "limit");
  SP_TRY(store_.flush_audit());  // the reads queued just before this listing
  // One more than asked tells whether there is a next page.
  auto rows = subject.kind == "agent"
                  ? store_.audit_by(tenant_id, subject.id, cursor, limit + 1)
                  : store_.audit_about(tenant_id, subject.kind, subject.id, cursor, limit + 1);
  if (!rows) return rows.error();
  AuditPage page;
  page.items = std::move(*rows);
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.resize(static_cast<std::size_t>(limit));
    page.next_cursor = page.items.back().seq;
  }
  return page;
}

Result<std::vector<storage::AuditAnchor>> AuditService::anchors(const Principal& p,
                                                                std::optional<TenantId> tenant) {
  auto resolved = admin_tenant(p, tenant);
  if (!resolved) return resolved.error();
  SP_TRY(store_.flush_audit());
  return store_.audit_anchors(*resolved, 90);
}

Result<std::vector<ChainReport>> AuditService::verify(std::optional<TenantId> tenant) {
  std::vector<TenantId> tenants;
  if (tenant) {
    tenants.push_back(*tenant);
  } else {
    auto all = store_.audited_tenants();
    if (!all) return all.error();
    tenants = std::move(*all);
  }
  std::vector<ChainReport> out;
  for (TenantId id : tenants) {
    privacy::ChainVerifier verifier;
    std::int64_t after = 0;
    while (true) {
      auto page = store_.audit_chain(id, after, 1000);
      if (!page) return page.error();
      for (const auto& record : *page) verifier.add(to_audit_entry(record));
      if (page->size() < 1000) break;
      after = page->back().seq;
    }
    out.push_back({id, verifier.entries(), verifier.first_break()});
  }
  return out;
}

}  // namespace sp::service

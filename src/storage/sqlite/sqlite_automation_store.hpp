// AutomationStore on the shared SQLite database (migration 25): borrows the SqliteStore's
// reader pool and group-commit writer, like SqliteMacroStore, so it is as thread-safe and
// durable as the store itself.
#pragma once

#include "storage/automation_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteAutomationStore final : public AutomationStore {
 public:
  // REQUIRES: `store` is migrated (version >= 25) and outlives this object.
  explicit SqliteAutomationStore(SqliteStore& store) : store_(store) {}

  Result<AutomationRuleRecord> create_rule(AutomationRuleRecord record, std::size_t max_per_tenant) override;
  Result<AutomationRuleRecord> get_rule(TenantId tenant, std::int64_t id) override;
  Result<std::vector<AutomationRuleRecord>> list_rules(TenantId tenant,
                                                       std::optional<std::string> event) override;
  Result<void> update_rule(const AutomationRuleRecord& record) override;
  Result<void> delete_rule(TenantId tenant, std::int64_t id) override;
  Result<std::vector<TenantId>> tenants_with_time_rules() override;
  Result<std::vector<TimeCandidate>> time_candidates(TenantId tenant, std::int64_t rule_id, Status status,
                                                     Timestamp changed_before,
                                                     std::optional<TimeCursor> after, int limit) override;
  Result<Timestamp> status_since(TenantId tenant, TicketId ticket) override;
  Result<bool> record_time_firing(TenantId tenant, std::int64_t rule_id, TicketId ticket,
                                  Timestamp status_since, Timestamp now) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

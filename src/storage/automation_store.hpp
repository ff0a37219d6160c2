// Storage of automation rules (issue 17, migration 25): per tenant, in (position, id) order,
// each with its event and active flag as columns and the whole rule as a JSON document
// validated by service::AutomationService (automation::document_of) before storing; and the
// durable record of on_time firings, one per (rule, ticket, status period), so an on_time
// rule fires once per qualifying state, also across restarts. Same contract as store.hpp:
// every call is a durable transaction and every query names the tenant.
//
// The on_time scan reads tickets by the index on (tenant, status, status_changed_at, id):
// `status_changed_at` is kept by a trigger on ticket_events (the time of the last created or
// status_changed event), so a pass reads the oldest tickets of a status and never the table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

struct AutomationRuleRecord {
  std::int64_t id = 0;
  TenantId tenant_id;
  std::string name;
  std::string event;  // "on_create", "on_update", "on_time"
  bool active = true;
  int position = 0;
  std::string document_json;  // automation::document_of
  Timestamp created_at;
  Timestamp updated_at;
};

// A ticket an on_time rule may fire on: in one of the rule's statuses since `status_since`.
struct TimeCandidate {
  TicketId ticket_id;
  Timestamp status_since;
};

// The keyset position of an on_time scan: the last candidate read.
struct TimeCursor {
  Timestamp status_since;
  std::int64_t ticket_id = 0;
};

class AutomationStore {
 public:
  virtual ~AutomationStore() = default;

  // Stores a new rule (id assigned). Conflict kind "automation-limit" when the tenant already
  // keeps `max_per_tenant` rules.
  virtual Result<AutomationRuleRecord> create_rule(AutomationRuleRecord record,
                                                   std::size_t max_per_tenant) = 0;
  virtual Result<AutomationRuleRecord> get_rule(TenantId tenant, std::int64_t id) = 0;
  // The tenant's rules in (position, id) order; with `event`, only the active ones of it.
  virtual Result<std::vector<AutomationRuleRecord>> list_rules(TenantId tenant,
                                                               std::optional<std::string> event) = 0;
  // NotFound when the rule is not the tenant's.
  virtual Result<void> update_rule(const AutomationRuleRecord& record) = 0;
  virtual Result<void> delete_rule(TenantId tenant, std::int64_t id) = 0;

  // The tenants with at least one active on_time rule (the job's only cross-tenant read).
  virtual Result<std::vector<TenantId>> tenants_with_time_rules() = 0;
  // Tickets of `tenant` in `status` whose status changed at or before `changed_before`, after
  // `after` in (status_since, id) order, oldest first, at most `limit`, leaving out those for
  // which `rule_id` already fired in their current status period. A range of the index.
  virtual Result<std::vector<TimeCandidate>> time_candidates(TenantId tenant, std::int64_t rule_id,
                                                             Status status, Timestamp changed_before,
                                                             std::optional<TimeCursor> after, int limit) = 0;
  // When the ticket's status last changed (its creation if never).
  virtual Result<Timestamp> status_since(TenantId tenant, TicketId ticket) = 0;
  // Records that `rule_id` fired on the ticket for the status period that began at
  // `status_since`. Returns false (and changes nothing) when it was recorded before.
  virtual Result<bool> record_time_firing(TenantId tenant, std::int64_t rule_id, TicketId ticket,
                                          Timestamp status_since, Timestamp now) = 0;
};

}  // namespace sp::storage

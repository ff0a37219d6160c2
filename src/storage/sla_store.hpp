// Storage for the SLA engine: business calendars and SLA policies (kept as validated JSON
// documents, so storage needs no SLA types), the durable timer index (each open ticket's
// next SLA deadline), the exactly-once record of fired at-risk/breach notices, escalation
// notifications, and the cycle budgets that prospective and keep-promised policy changes
// leave (sla/policy_change.hpp decides them; storage keeps their text). Same contract as store.hpp: every
// call is a durable transaction, Scope filters by tenant, constraint violations are Conflict.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

struct CalendarRecord {
  std::int64_t id = 0;
  TenantId tenant_id;
  std::string name;
  std::string definition_json;  // validated by sla::parse_calendar_json before storing
  Timestamp created_at;
  Timestamp updated_at;
};

struct PolicyRecord {
  std::int64_t id = 0;
  TenantId tenant_id;
  std::string name;
  int position = 0;
  std::int64_t calendar_id = 0;
  std::string policy_json;  // validated by sla::parse_policy_json before storing
  Timestamp created_at;
  Timestamp updated_at;
};

// The scheduler's index: when each open ticket next needs SLA attention.
struct SlaTimer {
  TicketId ticket_id;
  TenantId tenant_id;
  std::optional<Timestamp> next_deadline;  // nullopt: nothing pending (removed from the index)
  std::optional<Timestamp> due_at;         // earliest running due time, for sorting queues
  bool at_risk = false;
  bool breached = false;
};

// A ticket some change marked for an SLA refresh (migration 24); `mark` grows with each change.
struct SlaRefreshMark {
  TicketId ticket_id;
  TenantId tenant_id;
  std::int64_t mark = 0;
};

struct Notification {
  std::int64_t id = 0;
  TenantId tenant_id;
  TicketId ticket_id;
  std::optional<AgentId> agent_id;  // addressed to one agent, or
  std::optional<TeamId> team_id;    // to a team's lead(s), or neither: managers (admins)
  std::string kind;                 // "sla_at_risk", "sla_breached", "escalation"
  std::string message;
  Timestamp created_at;
  std::optional<Timestamp> read_at;  // when its recipient read it (storage/notification_store.hpp)
};

// One fired notice; (ticket, target, cycle, kind) is unique, which makes firing idempotent.
struct SlaNoticeRecord {
  TicketId ticket_id;
  std::string target;  // "first_response", ...
  int cycle = 1;
  std::string kind;  // "at_risk", "breached", or "escalation:<step>"
  Timestamp due_at;  // the instant the notice is about
  // What firing it records in the ticket's history (SlaAtRisk or SlaBreached), if anything:
  // decided by the SLA engine, so the store never interprets `kind`. Not read back.
  std::optional<EventType> ticket_event;
  // Set by fire_sla_notices on the notices it fired: the notification stored with it (id set).
  std::optional<Notification> notification;
};

// The budget one cycle of a ticket keeps under one policy after a policy change; (ticket,
// policy, target, cycle) is unique.
struct CycleBudgetRecord {
  TicketId ticket_id;
  std::int64_t policy_id = 0;
  std::string target;  // "first_response", ...
  int cycle = 1;
  std::int64_t budget_seconds = 0;
  std::string kind;  // "exact" or "cap" (sla::CycleBudget::Kind)
};

class SlaStore {
 public:
  virtual ~SlaStore() = default;

  virtual Result<CalendarRecord> create_calendar(CalendarRecord calendar) = 0;
  virtual Result<CalendarRecord> update_calendar(const Scope& scope, CalendarRecord calendar) = 0;
  virtual Result<std::vector<CalendarRecord>> list_calendars(const Scope& scope) = 0;
  virtual Result<CalendarRecord> get_calendar(const Scope& scope, std::int64_t id) = 0;

  virtual Result<PolicyRecord> create_policy(PolicyRecord policy) = 0;
  virtual Result<PolicyRecord> update_policy(const Scope& scope, PolicyRecord policy) = 0;
  virtual Result<void> delete_policy(const Scope& scope, std::int64_t id) = 0;
  virtual Result<std::vector<PolicyRecord>> list_policies(const Scope& scope) = 0;
  virtual Result<PolicyRecord> get_policy(const Scope& scope, std::int64_t id) = 0;

  // Replaces the ticket's timer row (deleting it when next_deadline is empty and the
  // ticket has no running clock).
  virtual Result<void> put_sla_timer(const SlaTimer& timer) = 0;
  // Replaces many timer rows in one transaction.
  virtual Result<void> put_sla_timers(const std::vector<SlaTimer>& timers) = 0;
  virtual Result<std::optional<SlaTimer>> get_sla_timer(TicketId ticket) = 0;
  // Timers whose next_deadline <= now, earliest first (index range scan, not a table scan).
  virtual Result<std::vector<SlaTimer>> due_sla_timers(Timestamp now, int limit) = 0;
  virtual Result<std::optional<Timestamp>> earliest_sla_deadline() = 0;
  // Up to `limit` tickets marked for a refresh by a change (in any process), in id order.
  virtual Result<std::vector<SlaRefreshMark>> sla_refresh_marks(int limit) = 0;
  // Clears each mark that is still as read (a change since then keeps its ticket marked).
  virtual Result<void> clear_sla_refresh_marks(const std::vector<SlaRefreshMark>& marks) = 0;
  // Tickets not solved or closed, in id order after `after_id` (for recomputing all).
  virtual Result<std::vector<Ticket>> open_tickets_page(std::int64_t after_id, int limit) = 0;
  // The same for one tenant (index range scans per open status, never the whole table).
  virtual Result<std::vector<Ticket>> open_tenant_tickets_page(TenantId tenant, std::int64_t after_id,
                                                               int limit) = 0;

  // The budgets `policy_id` keeps for `ticket`, in (target, cycle) order.
  virtual Result<std::vector<CycleBudgetRecord>> list_cycle_budgets(const Scope& scope, TicketId ticket,
                                                                    std::int64_t policy_id) = 0;
  // The tenant's policies for which some ticket keeps budgets (one probe per policy).
  virtual Result<std::vector<std::int64_t>> policies_with_cycle_budgets(TenantId tenant) = 0;
  // In one transaction: drops the budgets `policy_id` keeps for each of `tickets` and stores
  // `budgets` (each for one of those tickets and that policy).
  virtual Result<void> replace_cycle_budgets(TenantId tenant, std::int64_t policy_id,
                                             const std::vector<TicketId>& tickets,
                                             const std::vector<CycleBudgetRecord>& budgets) = 0;
  // Drops every budget `policy_id` keeps for any ticket of the tenant.
  virtual Result<void> clear_cycle_budgets(TenantId tenant, std::int64_t policy_id) = 0;

  // In one transaction: records each notice unless it was fired before, appends an
  // SlaAtRisk/SlaBreached event for each newly fired at/risk or breach notice, stores the
  // notifications that belong to newly fired notices (matched by index), and replaces the
  // timer. Returns the notices that were new.
  virtual Result<std::vector<SlaNoticeRecord>> fire_sla_notices(
      TenantId tenant, std::vector<SlaNoticeRecord> notices,
      std::vector<std::optional<Notification>> notifications, const SlaTimer& timer, Timestamp now) = 0;
  virtual Result<std::vector<SlaNoticeRecord>> list_sla_notices(const Scope& scope, TicketId ticket) = 0;
  virtual Result<std::vector<Notification>> list_notifications(const Scope& scope,
                                                               std::optional<AgentId> agent, int limit) = 0;
};

}  // namespace sp::storage

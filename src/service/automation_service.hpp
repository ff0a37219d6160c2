// Triggers and automations (issue 17): the tenant's rules (automation/rule.hpp) with their
// permissions, and running them. As HelpdeskService's TicketAutomation it runs on_create and
// on_update rules after every create and update made through the helpdesk (every channel;
// history imports never pass there); run_time_rules() is the on_time job's pass.
//
// Who: everyone of the tenant lists and reads rules; admins and supervisors create, replace,
// delete and dry-run them. Platform administrators name the tenant (?tenant_id=).
//
// Running: the pure automation::plan_chain decides which rules fire (each at most once per
// originating change, at most kMaxRounds rounds of rules reacting to rules); each plan becomes
// one store update with actor System that writes its field events and an automation_applied
// event in the same transaction, after which the helpdesk's observers are told (SLA, feed,
// notifications, webhooks); then its effects run: a macro's text as a system reply, notes,
// notifications and the `automation.fired` webhook. An on_time firing is recorded durably
// (rule, ticket, status period) before its plan runs, so it happens at most once per period.
// Thread-safe as the stores are.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "automation/rule.hpp"
#include "service/helpdesk.hpp"
#include "service/macro_service.hpp"
#include "service/notification_service.hpp"
#include "service/sla_service.hpp"
#include "storage/automation_store.hpp"

namespace sp::service {

// The kind of the notifications a notify action stores.
inline constexpr std::string_view kAutomationNotificationKind = "automation";

struct DryRunOutcome {
  std::vector<Ticket> matches;  // the first `limit` open tickets the rule's conditions hold for
  int examined = 0;             // open tickets looked at (the newest, at most 500)
};

struct TimeRunSummary {
  int examined = 0;
  int fired = 0;
};

class AutomationService final : public TicketAutomation {
 public:
  // Queues the `automation.fired` webhook event of a webhook action (wiring: the outbound
  // webhook service); `event_id` is unique per rule run.
  using WebhookCall = std::function<void(TenantId tenant, const std::string& event_id, nlohmann::json data)>;

  AutomationService(HelpdeskService& helpdesk, storage::AutomationStore& store, SlaService& sla,
                    MacroService& macros, NotificationService& notifications, const Clock& clock)
      : helpdesk_(helpdesk),
        store_(store),
        sla_(sla),
        macros_(macros),
        notifications_(notifications),
        clock_(clock) {}
  void set_webhook(WebhookCall call) { webhook_ = std::move(call); }

  Result<std::vector<automation::Rule>> list(const Principal& p, std::optional<TenantId> tenant);
  Result<automation::Rule> get(const Principal& p, std::optional<TenantId> tenant, std::int64_t id);
  // Creates a rule from its JSON document (automation::parse_rule). Fails with InvalidInput for
  // a bad document or one naming a macro, team or agent the tenant does not have, Conflict kind
  // "automation-limit" past kMaxRulesPerTenant.
  Result<automation::Rule> create(const Principal& p, std::optional<TenantId> tenant,
                                  const nlohmann::json& document);
  // Replaces the rule with the document (as create validates it).
  Result<automation::Rule> replace(const Principal& p, std::optional<TenantId> tenant, std::int64_t id,
                                   const nlohmann::json& document);
  Result<void> remove(const Principal& p, std::optional<TenantId> tenant, std::int64_t id);
  // The open tickets (new, open, pending, on hold; newest first, at most 500 looked at) whose
  // state the rule's conditions hold for now, at most `limit` (1..100). Changes nothing.
  Result<DryRunOutcome> dry_run(const Principal& p, std::optional<TenantId> tenant, std::int64_t id,
                                int limit);

  // TicketAutomation: runs the on_create (Created) or on_update rules. Never fails the change
  // that called it: a rule that cannot run is logged and skipped.
  bool after_change(const Ticket& ticket, TicketChangeKind change) override;

  // One pass of the on_time rules at `now`: for each tenant with active on_time rules and each
  // such rule, reads candidates from the (tenant, status, status_changed_at) index, oldest
  // first and no later than the rule's threshold in clock hours (business hours are never
  // more), at most `budget` tickets in all. A rule's scan resumes where the last pass stopped
  // and starts over after its last candidate, so tickets that did not qualify yet are seen again.
  Result<TimeRunSummary> run_time_rules(Timestamp now, int budget = 500);

 private:
  struct Loaded {
    std::vector<automation::Rule> rules;
    std::map<std::int64_t, macros::FieldChanges> macro_changes;
    bool needs_sla = false;
    bool needs_calendar = false;
  };
  Result<Loaded> load(TenantId tenant);
  Result<automation::Rule> checked(TenantId tenant, const nlohmann::json& document);
  Result<void> check_references(TenantId tenant, const automation::Rule& rule);
  Result<automation::TicketFacts> facts_for(const Ticket& ticket, const Loaded& loaded, Timestamp now,
                                            std::optional<sla::BusinessCalendar>& calendar);
  // Runs the plans in order; returns whether any changed or recorded something.
  bool run_plans(TenantId tenant, TicketId ticket, automation::Trigger trigger,
                 const std::vector<automation::Plan>& plans, Timestamp now);
  Result<bool> run_plan(TenantId tenant, TicketId ticket, automation::Trigger trigger,
                        const automation::Plan& plan, Timestamp now);
  void run_effects(const Ticket& ticket, automation::Trigger trigger, const automation::Plan& plan);

  HelpdeskService& helpdesk_;
  storage::AutomationStore& store_;
  SlaService& sla_;
  MacroService& macros_;
  NotificationService& notifications_;
  const Clock& clock_;
  WebhookCall webhook_;
  // Where each (rule, status) scan of the on_time pass stopped; in memory only: a restart
  // starts over, which the durable firings make harmless.
  std::mutex cursor_mutex_;
  std::map<std::pair<std::int64_t, int>, storage::TimeCursor> cursors_;
};

}  // namespace sp::service

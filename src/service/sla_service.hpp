// The SLA engine's use cases: calendars and policies (validated with sla/, stored as JSON),
// a ticket's live SLA state, and the durable timers. After every ticket change the
// ticket's state is recomputed from its full event history and its next deadline put in
// the timer index; the scheduler (jobs/) calls process_due() to fire at-risk, breach and
// escalation notices exactly once, including those whose time passed while the server
// was down (recompute_all() at start finds them). What fires, who hears of it and what an
// escalation changes is decided by sla::decide() (sla/decision.hpp); this service only
// reads its inputs and writes its result.
//
// Rule for policy and calendar changes: a ticket's SLA state is always derived from its
// whole history under the policy that matches the ticket now, with the calendar as it is
// now, and with the cycle budgets earlier policy changes left it (sla/policy_change.hpp).
// A policy change is retroactive by default (no budgets: every clock is recomputed under the
// new policy); prospective and keep_promised changes first store, for every open ticket the
// changed policy matches, the budgets its cycles keep. Notices fired earlier are never
// withdrawn (their key is (ticket, target, cycle, kind)), and breaches the new rules imply
// are fired once. A calendar change is retroactive.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "reporting/status_time.hpp"
#include "core/clock.hpp"
#include "service/helpdesk.hpp"
#include "sla/business_calendar.hpp"
#include "sla/decision.hpp"
#include "sla/policy.hpp"
#include "sla/policy_change.hpp"
#include "sla/sla_clock.hpp"
#include "storage/sla_store.hpp"

namespace sp::service {

struct TicketSla {
  std::optional<sla::SlaPolicy> policy;  // empty: no policy matches, no clocks
  std::optional<sla::SlaState> state;
  std::vector<storage::SlaNoticeRecord> fired;
};

// How PUT /sla/policies/{id} treats the clocks already running.
struct PolicyChangeOptions {
  sla::PolicyChangeMode mode = sla::PolicyChangeMode::Retroactive;
  bool dry_run = false;
  // Dry run page: the open tickets examined are those after this id, at most `limit`.
  std::int64_t after_ticket = 0;
  int limit = 100;
};

// One due time a policy change moves (or would move) on one ticket.
struct TicketDueMove {
  TicketId ticket;
  sla::DueMove move;
};

struct PolicyChangeOutcome {
  sla::SlaPolicy policy;                   // as stored (dry run: as it would be stored)
  std::vector<TicketDueMove> moves;        // dry run only: the moves among the tickets examined
  std::optional<std::int64_t> next_after;  // dry run only: more open tickets after this id
};

class SlaService final : public TicketObserver {
 public:
  SlaService(storage::Store& store, storage::SlaStore& sla_store, const Clock& clock);

  Result<storage::CalendarRecord> create_calendar(const Principal& p, std::optional<TenantId> tenant,
                                                  std::string name, const nlohmann::json& definition);
  Result<storage::CalendarRecord> update_calendar(const Principal& p, std::int64_t id,
                                                  std::optional<std::string> name,
                                                  const nlohmann::json& definition);
  // Adds the holidays of an iCalendar text (recurrences expanded over the years given) to
  // the calendar; returns the updated calendar. Open tickets are recomputed.
  Result<storage::CalendarRecord> import_holidays(const Principal& p, std::int64_t id, std::string_view ical,
                                                  int from_year, int to_year);
  Result<std::vector<storage::CalendarRecord>> list_calendars(const Principal& p);
  Result<storage::CalendarRecord> get_calendar(const Principal& p, std::int64_t id);

  Result<sla::SlaPolicy> create_policy(const Principal& p, std::optional<TenantId> tenant,
                                       const nlohmann::json& policy);
  Result<sla::SlaPolicy> update_policy(const Principal& p, std::int64_t id, const nlohmann::json& policy);
  // The same in a change mode, or (dry run) only the due times it would move: a dry run
  // examines one page of the tenant's open tickets and changes nothing.
  Result<PolicyChangeOutcome> change_policy(const Principal& p, std::int64_t id, const nlohmann::json& policy,
                                            const PolicyChangeOptions& options);
  Result<void> delete_policy(const Principal& p, std::int64_t id);
  Result<std::vector<sla::SlaPolicy>> list_policies(const Principal& p);
  Result<sla::SlaPolicy> get_policy(const Principal& p, std::int64_t id);

  Result<TicketSla> ticket_sla(const Principal& p, TicketId id);
  // Time in each status up to now (issue 17); business seconds on the calendar of the policy
  // that applies to the ticket (promise_calendar), none without one. Requires Read.
  Result<reporting::StatusTimes> status_times(const Principal& p, TicketId id);
  // The SLA state of a ticket (no permission check: for reports built by other services).
  Result<TicketSla> evaluate(const Ticket& ticket, Timestamp now) { return evaluate_ticket(ticket, now); }
  // The same with the ticket's events already loaded (saves reading them again).
  Result<TicketSla> evaluate(const Ticket& ticket, const std::vector<TicketEvent>& events, Timestamp now);
  Result<std::vector<storage::Notification>> notifications(const Principal& p, int limit);
  // The calendar promises to a customer are checked against (the conduct check, issue 18): that
  // of the policy that applies to `ticket`; without a ticket (or a matching policy) that of the
  // tenant's first policy in (position, id) order, else its first calendar; nullopt when none.
  Result<std::optional<sla::BusinessCalendar>> promise_calendar(TenantId tenant, const Ticket* ticket);

  // TicketObserver: marks the ticket for recomputation and wakes the scheduler. Done off
  // the request path: the write that changed the ticket is already durable, and so is its
  // refresh mark (written by the same transaction), so a mark lost here is found there.
  void ticket_changed(const Ticket& ticket, TicketChangeKind change) override;
  void mark_changed(TenantId tenant, TicketId ticket);
  // Told about the ticket changes the SLA engine makes itself (escalations).
  void set_escalation_observer(TicketObserver* observer) { escalation_observer_ = observer; }
  // Told after notices (at risk, breached, escalation) of a ticket are recorded, also when the
  // ticket itself does not change: a breach changes what the KPI aggregates count.
  void set_notice_observer(std::function<void(TenantId, TicketId)> observer) {
    notice_observer_ = std::move(observer);
  }
  // Told the notifications newly fired notices stored (to push and mail them to their recipients).
  void set_notification_observer(std::function<void(const std::vector<storage::Notification>&)> observer) {
    notification_observer_ = std::move(observer);
  }
  // Recomputes every ticket marked since the last call (one worker per ticket at a time,
  // so two quick changes can never leave a stale timer): those marked in this process and
  // those whose changes left a durable mark (storage::SlaRefreshMark: any process, also the
  // mail gateway's, and changes a crash kept from being refreshed), up to 2048 of those per
  // call. Returns notices newly fired.
  Result<int> refresh_changed();
  // Called (from any thread) when tickets were marked; the scheduler sets it.
  void set_wake(std::function<void()> wake);

  // Timer rows collected by several refresh workers, written in one transaction.
  struct TimerBatch {
    std::mutex mutex;
    std::vector<storage::SlaTimer> timers;
  };
  // Recomputes one ticket and fires whatever is due at `now`. Returns notices newly fired.
  // With `batch`, a changed timer that fires nothing is added to it instead of written.
  Result<int> refresh(TenantId tenant, TicketId ticket, Timestamp now, TimerBatch* batch = nullptr);
  // Fires notices of up to `batch` due timers; returns how many notices were new.
  Result<int> process_due(int batch = 256);
  // At start: recomputes every open ticket only when the SLA engine's rules changed since the
  // last complete pass (kRulesVersion, kept in the settings), e.g. after an upgrade; otherwise
  // the stored timers and the durable refresh marks already hold everything, and a start
  // costs nothing that grows with the number of tickets. Returns notices fired; nullopt
  // when nothing needed recomputing.
  Result<std::optional<int>> recompute_if_rules_changed(const std::function<bool()>& keep_going = {});
  // Bump when a change to sla/ or to this service makes stored timers wrong.
  static constexpr std::string_view kRulesVersion = "2026-12-07";
  static constexpr std::string_view kRulesVersionSetting = "sla.rules_version";
  // True when the last refresh_changed() left durable marks unread (a backlog, e.g. after an
  // import): the scheduler then runs again without sleeping.
  bool more_marks_pending() const { return more_marks_; }
  // Recomputes every open ticket (rules changed, after policy or calendar changes).
  // `keep_going`, when given, is asked between pages; false ends the pass early (shutdown).
  Result<int> recompute_all(std::optional<TenantId> tenant = std::nullopt,
                            const std::function<bool()>& keep_going = {});
  Result<std::optional<Timestamp>> earliest_deadline() { return sla_store_.earliest_sla_deadline(); }

 private:
  struct TenantRules {
    std::vector<sla::SlaPolicy> policies;
    std::map<std::int64_t, sla::BusinessCalendar> calendars;
    // Policies some ticket keeps cycle budgets for: only their tickets read budgets.
    std::set<std::int64_t> policies_with_budgets;
  };
  // A ticket's state as of `now` under `rules` (with its stored budgets), and under
  // `changed` (the rules with policy `policy_id` replaced) in `mode`, with the budgets
  // that mode leaves it.
  struct TicketUnderChange {
    sla::SlaState before;
    sla::SlaState after;
    bool keeps_budgets = false;  // `changed` selects policy_id for the ticket
    std::vector<sla::CycleBudget> budgets;
  };
  Result<TicketUnderChange> under_change(const Ticket& ticket, const std::vector<TicketEvent>& events,
                                         const TenantRules& rules, const TenantRules& changed,
                                         std::int64_t policy_id, sla::PolicyChangeMode mode, Timestamp now);
  // The state of `ticket` under `rules`, with `budgets` (empty state: no policy matches).
  Result<TicketSla> evaluate_under(const TenantRules& rules, const Ticket& ticket,
                                   const std::vector<TicketEvent>& events, Timestamp now,
                                   const std::vector<sla::CycleBudget>* budgets);
  Result<std::vector<sla::CycleBudget>> stored_budgets(const TenantRules& rules, const Ticket& ticket,
                                                       std::int64_t policy_id);
  // Stores the budgets `mode` leaves every open ticket of the tenant (page by page).
  Result<void> keep_budgets(TenantId tenant, const TenantRules& rules, const TenantRules& changed,
                            std::int64_t policy_id, sla::PolicyChangeMode mode, Timestamp now);
  Result<std::shared_ptr<const TenantRules>> rules_for(TenantId tenant);
  void invalidate(TenantId tenant);
  // Drops the cached rules and recomputes the tenant's open tickets (errors are logged).
  void rules_changed(TenantId tenant);
  Result<TicketSla> evaluate_ticket(const Ticket& ticket, Timestamp now);
  Result<TicketSla> evaluate_with(const Ticket& ticket, const std::vector<TicketEvent>* known_events,
                                  Timestamp now);
  // sla::decide() with the keys of the notices already recorded for the ticket.
  Result<sla::SlaDecision> decide(const Ticket& ticket, const TicketSla& evaluated, Timestamp now);
  // Runs the ticket changes of escalation notices this refresh recorded (`recorded`).
  void apply_escalations(TenantId tenant, TicketId id, const std::vector<sla::EscalationChange>& changes,
                         const std::vector<sla::NoticeKey>& recorded, Timestamp now);

  storage::Store& store_;
  storage::SlaStore& sla_store_;
  const Clock& clock_;
  std::mutex cache_mutex_;
  std::map<std::int64_t, std::shared_ptr<const TenantRules>> cache_;
  std::mutex changed_mutex_;
  std::map<std::int64_t, TenantId> changed_;  // ticket id -> tenant
  std::function<void()> wake_;
  static constexpr int kRefreshMarksPerPass = 2048;
  std::atomic<bool> more_marks_{false};
  TicketObserver* escalation_observer_ = nullptr;
  std::function<void(TenantId, TicketId)> notice_observer_;
  std::function<void(const std::vector<storage::Notification>&)> notification_observer_;
};

}  // namespace sp::service

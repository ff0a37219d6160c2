#include "service/sla_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "domain/validation.hpp"
#include "sla/calendar_json.hpp"
#include "sla/ical_import.hpp"
#include "sla/policy_json.hpp"

namespace sp::service {

namespace {

Error bad_json(const char* what, const std::exception& e) {
  return invalid_input(std::string(what) + ": " + e.what());
}

// The storage boundary: sla_notices rows keep text (the `kind` column's spelling is fixed by
// sla::to_string(NoticeKind)); everything above works with sla::NoticeKey.
storage::SlaNoticeRecord record_of(TicketId ticket, const sla::NoticeToFire& notice) {
  std::optional<domain::EventType> event;
  using Type = sla::NoticeKind::Type;
  if (notice.key.kind.type == Type::AtRisk) event = domain::EventType::SlaAtRisk;
  if (notice.key.kind.type == Type::Breached) event = domain::EventType::SlaBreached;
  return {ticket,           std::string(sla::to_string(notice.key.target)),
          notice.key.cycle, sla::to_string(notice.key.kind),
          notice.at,        event};
}

// Rows this version cannot read can never match a key it decides, so they are dropped.
std::vector<sla::NoticeKey> keys_of(const std::vector<storage::SlaNoticeRecord>& records) {
  std::vector<sla::NoticeKey> keys;
  keys.reserve(records.size());
  for (const auto& record : records) {
    auto target = sla::parse_sla_target(record.target);
    auto kind = sla::parse_notice_kind(record.kind);
    if (!target || !kind) {
      spdlog::warn("SLA notice of T-{} with unreadable target '{}' or kind '{}' ignored",
                   record.ticket_id.value, record.target, record.kind);
      continue;
    }
    keys.push_back({*target, record.cycle, *kind});
  }
  return keys;
}

storage::SlaTimer timer_row(const Ticket& ticket, const sla::TimerEntry& entry) {
  return {ticket.id, ticket.tenant_id, entry.next_deadline, entry.due_at, entry.at_risk, entry.breached};
}

sla::TimerEntry timer_entry_of(const std::optional<storage::SlaTimer>& row) {
  if (!row) return {};
  return {row->next_deadline, row->due_at, row->at_risk, row->breached};
}

std::string describe(const Ticket& ticket, std::string_view target, std::string_view what, Timestamp at) {
  return "T-" + std::to_string(ticket.id.value) + ": " + std::string(target) + " " + std::string(what) +
         " (" + format_rfc3339(at) + ")";
}

storage::Notification notification_for(const Ticket& ticket, const sla::NoticeToFire& notice) {
  storage::Notification note;
  note.tenant_id = ticket.tenant_id;
  note.ticket_id = ticket.id;
  note.agent_id = notice.recipient.agent;
  note.team_id = notice.recipient.team;
  std::string what;
  if (notice.key.kind.type == sla::NoticeKind::Type::Escalation) {
    note.kind = "escalation";
    what = "escalated: ";
    if (notice.action) what += sla::to_string(*notice.action);
  } else {
    const bool at_risk = notice.key.kind.type == sla::NoticeKind::Type::AtRisk;
    note.kind = "sla_" + sla::to_string(notice.key.kind);
    what = at_risk ? "at risk" : "breached";
  }
  note.message = describe(ticket, sla::to_string(notice.key.target), what, notice.at);
  return note;
}

}  // namespace

SlaService::SlaService(storage::Store& store, storage::SlaStore& sla_store, const Clock& clock)
    : store_(store), sla_store_(sla_store), clock_(clock) {}

// ---------------------------------------------------------------------------------------
// Calendars and policies

Result<storage::CalendarRecord> SlaService::create_calendar(const Principal& p,
                                                            std::optional<TenantId> tenant, std::string name,
                                                            const nlohmann::json& definition) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto tenant_id = resolve_tenant(store_, p, tenant);
  if (!tenant_id) return tenant_id.error();
  auto label = domain::require_text(name, "name", domain::kMaxNameBytes);
  if (!label) return label.error();
  auto calendar = sla::parse_calendar_json(definition);
  if (!calendar) return calendar.error();
  auto now = clock_.now();
  storage::CalendarRecord record{0, *tenant_id, *label, sla::to_json(*calendar).dump(), now, now};
  return sla_store_.create_calendar(std::move(record));
}

Result<storage::CalendarRecord> SlaService::update_calendar(const Principal& p, std::int64_t id,
                                                            std::optional<std::string> name,
                                                            const nlohmann::json& definition) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto existing = sla_store_.get_calendar(p.scope, id);
  if (!existing) return existing.error();
  auto calendar = sla::parse_calendar_json(definition);
  if (!calendar) return calendar.error();
  storage::CalendarRecord record = *existing;
  if (name) {
    auto label = domain::require_text(*name, "name", domain::kMaxNameBytes);
    if (!label) return label.error();
    record.name = *label;
  }
  record.definition_json = sla::to_json(*calendar).dump();
  record.updated_at = clock_.now();
  auto updated = sla_store_.update_calendar(p.scope, std::move(record));
  if (!updated) return updated.error();
  rules_changed(updated->tenant_id);
  return updated;
}

Result<storage::CalendarRecord> SlaService::import_holidays(const Principal& p, std::int64_t id,
                                                            std::string_view ical, int from_year,
                                                            int to_year) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto existing = sla_store_.get_calendar(p.scope, id);
  if (!existing) return existing.error();
  auto days = sla::holidays_from_ical(ical, from_year, to_year);
  if (!days) return days.error();
  try {
    auto definition = nlohmann::json::parse(existing->definition_json);
    auto& holidays = definition["holidays"];
    if (!holidays.is_array()) holidays = nlohmann::json::array();
    for (const auto& day : *days) holidays.push_back(sla::format_local_date(day));
    return update_calendar(p, id, std::nullopt, definition);
  } catch (const std::exception& e) {
    return bad_json("stored calendar", e);
  }
}

Result<std::vector<storage::CalendarRecord>> SlaService::list_calendars(const Principal& p) {
  SP_TRY(require(p, Permission::Read));
  return sla_store_.list_calendars(p.scope);
}

Result<storage::CalendarRecord> SlaService::get_calendar(const Principal& p, std::int64_t id) {
  SP_TRY(require(p, Permission::Read));
  return sla_store_.get_calendar(p.scope, id);
}

Result<sla::SlaPolicy> SlaService::create_policy(const Principal& p, std::optional<TenantId> tenant,
                                                 const nlohmann::json& body) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto tenant_id = resolve_tenant(store_, p, tenant);
  if (!tenant_id) return tenant_id.error();
  auto policy = sla::parse_policy_json(body);
  if (!policy) return policy.error();
  auto calendar = sla_store_.get_calendar(storage::Scope::of(*tenant_id), policy->calendar_id);
  if (!calendar) return invalid_input("calendar_id does not name a calendar of this tenant", "calendar_id");
  auto now = clock_.now();
  storage::PolicyRecord record{
      0,   *tenant_id, policy->name, policy->position, policy->calendar_id, sla::to_json(*policy).dump(),
      now, now};
  auto created = sla_store_.create_policy(std::move(record));
  if (!created) return created.error();
  policy->id = created->id;
  policy->tenant_id = *tenant_id;
  rules_changed(*tenant_id);
  return policy;
}

Result<sla::SlaPolicy> SlaService::update_policy(const Principal& p, std::int64_t id,
                                                 const nlohmann::json& body) {
  auto changed = change_policy(p, id, body, PolicyChangeOptions{});
  if (!changed) return changed.error();
  return std::move(changed->policy);
}

Result<PolicyChangeOutcome> SlaService::change_policy(const Principal& p, std::int64_t id,
                                                      const nlohmann::json& body,
                                                      const PolicyChangeOptions& options) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto existing = sla_store_.get_policy(p.scope, id);
  if (!existing) return existing.error();
  auto policy = sla::parse_policy_json(body);
  if (!policy) return policy.error();
  auto calendar = sla_store_.get_calendar(storage::Scope::of(existing->tenant_id), policy->calendar_id);
  if (!calendar) return invalid_input("calendar_id does not name a calendar of this tenant", "calendar_id");
  const TenantId tenant = existing->tenant_id;
  policy->id = id;
  policy->tenant_id = tenant;
  PolicyChangeOutcome outcome{*policy, {}, std::nullopt};
  const auto now = clock_.now();

  std::shared_ptr<const TenantRules> rules;
  std::optional<TenantRules> changed;
  if (options.dry_run || options.mode != sla::PolicyChangeMode::Retroactive) {
    auto current = rules_for(tenant);
    if (!current) return current.error();
    rules = *current;
    changed = *rules;
    std::replace_if(
        changed->policies.begin(), changed->policies.end(),
        [id](const sla::SlaPolicy& candidate) { return candidate.id == id; }, *policy);
  }
  if (options.dry_run) {
    auto page = sla_store_.open_tenant_tickets_page(tenant, options.after_ticket, options.limit);
    if (!page) return page.error();
    for (const Ticket& listed : *page) {
      auto history = store_.ticket_history(storage::Scope::of(tenant), listed.id);
      if (!history) return history.error();
      auto both = under_change(history->ticket, history->events, *rules, *changed, id, options.mode, now);
      if (!both) return both.error();
      for (const auto& move : sla::due_moves(both->before, both->after)) {
        outcome.moves.push_back({listed.id, move});
      }
    }
    if (static_cast<int>(page->size()) == options.limit) outcome.next_after = page->back().id.value;
    return outcome;
  }

  // Budgets first: until the new policy is stored they are not read (the cached rules do not
  // list the policy as keeping budgets), so no clock runs on a mix of old and new.
  if (options.mode != sla::PolicyChangeMode::Retroactive) {
    SP_TRY(keep_budgets(tenant, *rules, *changed, id, options.mode, now));
  }
  storage::PolicyRecord record = *existing;
  record.name = policy->name;
  record.position = policy->position;
  record.calendar_id = policy->calendar_id;
  record.policy_json = sla::to_json(*policy).dump();
  record.updated_at = now;
  auto updated = sla_store_.update_policy(p.scope, std::move(record));
  if (!updated) return updated.error();
  if (options.mode == sla::PolicyChangeMode::Retroactive) SP_TRY(sla_store_.clear_cycle_budgets(tenant, id));
  rules_changed(tenant);
  return outcome;
}

Result<void> SlaService::keep_budgets(TenantId tenant, const TenantRules& rules, const TenantRules& changed,
                                      std::int64_t policy_id, sla::PolicyChangeMode mode, Timestamp now) {
  constexpr int kPage = 256;
  std::int64_t after = 0;
  for (;;) {
    auto page = sla_store_.open_tenant_tickets_page(tenant, after, kPage);
    if (!page) return page.error();
    if (page->empty()) return {};
    after = page->back().id.value;
    std::vector<TicketId> tickets;
    std::vector<storage::CycleBudgetRecord> records;
    for (const Ticket& listed : *page) {
      auto history = store_.ticket_history(storage::Scope::of(tenant), listed.id);
      if (!history) return history.error();
      auto both = under_change(history->ticket, history->events, rules, changed, policy_id, mode, now);
      if (!both) return both.error();
      if (!both->keeps_budgets) continue;
      tickets.push_back(listed.id);
      for (const auto& budget : both->budgets) {
        records.push_back({listed.id, policy_id, std::string(sla::to_string(budget.target)), budget.cycle,
                           budget.budget_s, std::string(sla::to_string(budget.kind))});
      }
    }
    if (!tickets.empty()) SP_TRY(sla_store_.replace_cycle_budgets(tenant, policy_id, tickets, records));
    if (static_cast<int>(page->size()) < kPage) return {};
  }
}

Result<SlaService::TicketUnderChange> SlaService::under_change(
    const Ticket& ticket, const std::vector<TicketEvent>& events, const TenantRules& rules,
    const TenantRules& changed, std::int64_t policy_id, sla::PolicyChangeMode mode, Timestamp now) {
  TicketUnderChange out;
  auto before = evaluate_under(rules, ticket, events, now, nullptr);
  if (!before) return before.error();
  if (before->state) out.before = std::move(*before->state);
  const sla::SlaPolicy* selected = sla::select_policy(changed.policies, ticket);
  out.keeps_budgets = selected != nullptr && selected->id == policy_id;
  if (!out.keeps_budgets) {
    // Another policy (or none) matches after the change: it applies as it stands.
    auto after = evaluate_under(changed, ticket, events, now, nullptr);
    if (!after) return after.error();
    if (after->state) out.after = std::move(*after->state);
    return out;
  }
  const std::vector<sla::CycleBudget> none;
  auto plain = evaluate_under(changed, ticket, events, now, &none);
  if (!plain) return plain.error();
  auto calendar = changed.calendars.find(selected->calendar_id);
  if (calendar == changed.calendars.end()) {
    return internal_error("policy " + std::to_string(policy_id) + " names a missing calendar");
  }
  auto budgets = sla::budgets_after_change(mode, out.before, *plain->state, calendar->second, now);
  if (!budgets) return budgets.error();
  out.budgets = std::move(*budgets);
  auto after = evaluate_under(changed, ticket, events, now, &out.budgets);
  if (!after) return after.error();
  out.after = std::move(*after->state);
  return out;
}

Result<void> SlaService::delete_policy(const Principal& p, std::int64_t id) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto existing = sla_store_.get_policy(p.scope, id);
  if (!existing) return existing.error();
  SP_TRY(sla_store_.delete_policy(p.scope, id));
  rules_changed(existing->tenant_id);
  return {};
}

Result<std::vector<sla::SlaPolicy>> SlaService::list_policies(const Principal& p) {
  SP_TRY(require(p, Permission::Read));
  auto records = sla_store_.list_policies(p.scope);
  if (!records) return records.error();
  std::vector<sla::SlaPolicy> out;
  for (const auto& record : *records) {
    try {
      auto policy = sla::parse_policy_json(nlohmann::json::parse(record.policy_json));
      if (!policy) return policy.error();
      policy->id = record.id;
      policy->tenant_id = record.tenant_id;
      out.push_back(std::move(*policy));
    } catch (const std::exception& e) {
      return bad_json("stored policy", e);
    }
  }
  return out;
}

Result<sla::SlaPolicy> SlaService::get_policy(const Principal& p, std::int64_t id) {
  SP_TRY(require(p, Permission::Read));
  auto record = sla_store_.get_policy(p.scope, id);
  if (!record) return record.error();
  try {
    auto policy = sla::parse_policy_json(nlohmann::json::parse(record->policy_json));
    if (!policy) return policy.error();
    policy->id = record->id;
    policy->tenant_id = record->tenant_id;
    return policy;
  } catch (const std::exception& e) {
    return bad_json("stored policy", e);
  }
}

// ---------------------------------------------------------------------------------------
// Evaluation

void SlaService::invalidate(TenantId tenant) {
  std::lock_guard lock(cache_mutex_);
  cache_.erase(tenant.value);
}

void SlaService::rules_changed(TenantId tenant) {
  invalidate(tenant);
  if (auto recomputed = recompute_all(tenant); !recomputed) {
    spdlog::warn("recompute after a policy or calendar change failed: {}", recomputed.error().message);
  }
}

Result<std::optional<sla::BusinessCalendar>> SlaService::promise_calendar(TenantId tenant,
                                                                          const Ticket* ticket) {
  auto rules = rules_for(tenant);
  if (!rules) return rules.error();
  const auto& policies = (*rules)->policies;
  const auto& calendars = (*rules)->calendars;
  const sla::SlaPolicy* policy = ticket != nullptr ? sla::select_policy(policies, *ticket) : nullptr;
  if (policy == nullptr && !policies.empty()) {
    policy = &*std::min_element(policies.begin(), policies.end(), [](const auto& a, const auto& b) {
      return std::pair(a.position, a.id) < std::pair(b.position, b.id);
    });
  }
  if (policy != nullptr) {
    if (auto found = calendars.find(policy->calendar_id); found != calendars.end()) return {found->second};
  }
  if (!calendars.empty()) return {calendars.begin()->second};
  return std::optional<sla::BusinessCalendar>{};
}

Result<std::shared_ptr<const SlaService::TenantRules>> SlaService::rules_for(TenantId tenant) {
  {
    std::lock_guard lock(cache_mutex_);
    auto found = cache_.find(tenant.value);
    if (found != cache_.end()) return found->second;
  }
  auto rules = std::make_shared<TenantRules>();
  auto scope = storage::Scope::of(tenant);
  auto records = sla_store_.list_policies(scope);
  if (!records) return records.error();
  for (const auto& record : *records) {
    try {
      auto policy = sla::parse_policy_json(nlohmann::json::parse(record.policy_json));
      if (!policy) return policy.error();
      policy->id = record.id;
      policy->tenant_id = record.tenant_id;
      rules->policies.push_back(std::move(*policy));
    } catch (const std::exception& e) {
      return bad_json("stored policy", e);
    }
  }
  auto calendars = sla_store_.list_calendars(scope);
  if (!calendars) return calendars.error();
  for (const auto& record : *calendars) {
    try {
      auto calendar = sla::parse_calendar_json(nlohmann::json::parse(record.definition_json));
      if (!calendar) return calendar.error();
      rules->calendars.emplace(record.id, std::move(*calendar));
    } catch (const std::exception& e) {
      return bad_json("stored calendar", e);
    }
  }
  auto with_budgets = sla_store_.policies_with_cycle_budgets(tenant);
  if (!with_budgets) return with_budgets.error();
  rules->policies_with_budgets.insert(with_budgets->begin(), with_budgets->end());
  std::shared_ptr<const TenantRules> shared = rules;
  std::lock_guard lock(cache_mutex_);
  cache_[tenant.value] = shared;
  return shared;
}

Result<TicketSla> SlaService::evaluate_ticket(const Ticket& ticket, Timestamp now) {
  return evaluate_with(ticket, nullptr, now);
}

Result<TicketSla> SlaService::evaluate(const Ticket& ticket, const std::vector<TicketEvent>& events,
                                       Timestamp now) {
  return evaluate_with(ticket, &events, now);
}

Result<TicketSla> SlaService::evaluate_with(const Ticket& ticket,
                                            const std::vector<TicketEvent>* known_events, Timestamp now) {
  auto rules = rules_for(ticket.tenant_id);
  if (!rules) return rules.error();
  std::vector<TicketEvent> loaded;
  if (known_events == nullptr) {
    auto events = store_.list_events(storage::Scope::of(ticket.tenant_id), ticket.id);
    if (!events) return events.error();
    loaded = std::move(*events);
    known_events = &loaded;
  }
  return evaluate_under(**rules, ticket, *known_events, now, nullptr);
}

Result<std::vector<sla::CycleBudget>> SlaService::stored_budgets(const TenantRules& rules,
                                                                 const Ticket& ticket,
                                                                 std::int64_t policy_id) {
  std::vector<sla::CycleBudget> budgets;
  // Most policies were never changed prospectively: their tickets skip the read.
  if (!rules.policies_with_budgets.contains(policy_id)) return budgets;
  auto records = sla_store_.list_cycle_budgets(storage::Scope::of(ticket.tenant_id), ticket.id, policy_id);
  if (!records) return records.error();
  for (const auto& record : *records) {
    auto target = sla::parse_sla_target(record.target);
    auto kind = sla::parse_cycle_budget_kind(record.kind);
    if (!target || !kind) {
      spdlog::warn("SLA cycle budget of T-{} with unreadable target '{}' or kind '{}' ignored",
                   record.ticket_id.value, record.target, record.kind);
      continue;
    }
    budgets.push_back({*target, record.cycle, record.budget_seconds, *kind});
  }
  return budgets;
}

Result<TicketSla> SlaService::evaluate_under(const TenantRules& rules, const Ticket& ticket,
                                             const std::vector<TicketEvent>& events, Timestamp now,
                                             const std::vector<sla::CycleBudget>* budgets) {
  TicketSla out;
  const sla::SlaPolicy* policy = sla::select_policy(rules.policies, ticket);
  if (policy == nullptr) return out;
  auto calendar = rules.calendars.find(policy->calendar_id);
  if (calendar == rules.calendars.end()) {
    return internal_error("policy " + std::to_string(policy->id) + " names a missing calendar");
  }
  std::vector<sla::CycleBudget> stored;
  if (budgets == nullptr) {
    auto read = stored_budgets(rules, ticket, policy->id);
    if (!read) return read.error();
    stored = std::move(*read);
    budgets = &stored;
  }
  // The created state: replay() re-derives status from the history, so start from New.
  Ticket created = ticket;
  created.status = Status::New;
  created.solved_at.reset();
  auto state = sla::evaluate(*policy, calendar->second, created, events, now, *budgets);
  if (!state) return state.error();
  out.policy = *policy;
  out.state = std::move(*state);
  return out;
}

Result<TicketSla> SlaService::ticket_sla(const Principal& p, TicketId id) {
  SP_TRY(require(p, Permission::Read));
  auto history = store_.ticket_history(p.scope, id);
  if (!history) return history.error();
  auto result = evaluate_with(history->ticket, &history->events, clock_.now());
  if (!result) return result.error();
  auto fired = sla_store_.list_sla_notices(p.scope, id);
  if (!fired) return fired.error();
  result->fired = std::move(*fired);
  return result;
}

Result<reporting::StatusTimes> SlaService::status_times(const Principal& p, TicketId id) {
  SP_TRY(require(p, Permission::Read));
  auto history = store_.ticket_history(p.scope, id);
  if (!history) return history.error();
  auto calendar = promise_calendar(history->ticket.tenant_id, &history->ticket);
  if (!calendar) return calendar.error();
  return reporting::time_in_status(history->events, history->ticket.created_at, history->ticket.status,
                                   clock_.now(), *calendar ? &**calendar : nullptr);
}

Result<std::vector<storage::Notification>> SlaService::notifications(const Principal& p, int limit) {
  SP_TRY(require(p, Permission::Read));
  std::optional<AgentId> agent;
  if (p.agent.role == Role::Agent) agent = p.agent.id;
  return sla_store_.list_notifications(p.scope, agent, limit);
}

void SlaService::ticket_changed(const Ticket& ticket, TicketChangeKind) {
  mark_changed(ticket.tenant_id, ticket.id);
}

void SlaService::mark_changed(TenantId tenant, TicketId ticket) {
  std::function<void()> wake;
  {
    std::lock_guard lock(changed_mutex_);
    changed_[ticket.value] = tenant;
    wake = wake_;
  }
  if (wake) wake();
}

void SlaService::set_wake(std::function<void()> wake) {
  std::lock_guard lock(changed_mutex_);
  wake_ = std::move(wake);
}

Result<int> SlaService::refresh_changed() {
  std::map<std::int64_t, TenantId> wanted;
  {
    std::lock_guard lock(changed_mutex_);
    wanted.swap(changed_);
  }
  // Durable marks: changes other processes made (the mail gateway) or that a crash kept from
  // being refreshed. Read before the tickets, so a change after this read keeps its mark.
  auto marks = sla_store_.sla_refresh_marks(kRefreshMarksPerPass);
  if (!marks) {
    spdlog::warn("SLA refresh marks not read: {}", marks.error().message);
    marks = std::vector<storage::SlaRefreshMark>{};
  }
  more_marks_ = static_cast<int>(marks->size()) == kRefreshMarksPerPass;
  for (const auto& mark : *marks) wanted.emplace(mark.ticket_id.value, mark.tenant_id);
  std::vector<std::pair<TicketId, TenantId>> batch;
  batch.reserve(wanted.size());
  for (const auto& [id, tenant] : wanted) batch.emplace_back(TicketId{id}, tenant);
  if (batch.empty()) return 0;
  auto now = clock_.now();
  std::atomic<int> fired{0};
  std::atomic<std::size_t> next{0};
  TimerBatch timers;
  std::mutex retry_mutex;
  std::set<std::int64_t> retry;  // tickets whose refresh failed for a reason that may pass
  // Several workers read and evaluate; plain timer changes are then written in one go.
  auto work = [&] {
    for (std::size_t idx = next++; idx < batch.size(); idx = next++) {
      auto result = refresh(batch[idx].second, batch[idx].first, now, &timers);
      if (!result) {
        spdlog::warn("SLA refresh of T-{} failed: {}", batch[idx].first.value, result.error().message);
        if (result.error().code == ErrorCode::Internal) {
          std::lock_guard lock(retry_mutex);
          retry.insert(batch[idx].first.value);
        }
        continue;
      }
      fired += *result;
    }
  };
  std::vector<std::thread> threads;
  // Threads only pay off for bursts; a lone change is handled inline.
  std::size_t workers = std::min<std::size_t>(4, (batch.size() + 15) / 16);
  for (std::size_t t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  if (!timers.timers.empty()) SP_TRY(sla_store_.put_sla_timers(timers.timers));
  // A deleted ticket or one whose rules cannot be evaluated is done with; a failed read keeps
  // its mark for the next pass.
  std::vector<storage::SlaRefreshMark> done;
  for (const auto& mark : *marks) {
    if (!retry.contains(mark.ticket_id.value)) done.push_back(mark);
  }
  SP_TRY(sla_store_.clear_sla_refresh_marks(done));
  return fired.load();
}

Result<std::optional<int>> SlaService::recompute_if_rules_changed(const std::function<bool()>& keep_going) {
  auto stored = store_.get_setting(std::string(kRulesVersionSetting));
  if (!stored) return stored.error();
  if (*stored && **stored == kRulesVersion) return std::optional<int>{};
  auto fired = recompute_all(std::nullopt, keep_going);
  if (!fired) return fired.error();
  // A pass cut short (shutdown) runs again at the next start.
  if (keep_going && !keep_going()) return std::optional<int>{*fired};
  SP_TRY(store_.put_setting(std::string(kRulesVersionSetting), std::string(kRulesVersion)));
  return std::optional<int>{*fired};
}

Result<sla::SlaDecision> SlaService::decide(const Ticket& ticket, const TicketSla& evaluated, Timestamp now) {
  if (!evaluated.policy || !evaluated.state) return sla::SlaDecision{};
  const sla::SlaState& state = *evaluated.state;
  std::vector<sla::NoticeKey> already_fired;
  // Until some instant is reached nothing can have fired: most refreshes skip the read.
  if (!state.due_notices.empty() || !state.escalations_due.empty()) {
    auto records = sla_store_.list_sla_notices(storage::Scope::of(ticket.tenant_id), ticket.id);
    if (!records) return records.error();
    already_fired = keys_of(*records);
  }
  return sla::decide(*evaluated.policy, state, ticket, already_fired, now);
}

Result<int> SlaService::refresh(TenantId tenant, TicketId id, Timestamp now, TimerBatch* batch) {
  auto history = store_.ticket_history(storage::Scope::of(tenant), id);
  if (!history) return history.error();
  const Ticket& ticket = history->ticket;
  auto evaluated = evaluate_with(ticket, &history->events, now);
  if (!evaluated) return evaluated.error();
  auto decision = decide(ticket, *evaluated, now);
  if (!decision) return decision.error();
  const storage::SlaTimer timer = timer_row(ticket, decision->timer);
  // Most changes neither fire anything nor move the deadline: skip the write then, so the
  // SLA engine does not double the commits of ordinary ticket traffic.
  if (decision->notices.empty()) {
    auto existing = sla_store_.get_sla_timer(id);
    if (!existing) return existing.error();
    if (timer_entry_of(*existing) == decision->timer) return 0;
    if (batch != nullptr) {
      std::lock_guard lock(batch->mutex);
      batch->timers.push_back(timer);
      return 0;
    }
  }
  std::vector<storage::SlaNoticeRecord> records;
  std::vector<std::optional<storage::Notification>> notifications;
  for (const auto& notice : decision->notices) {
    records.push_back(record_of(id, notice));
    notifications.push_back(notification_for(ticket, notice));
  }
  // The store inserts each notice under the table's uniqueness constraint and returns those
  // that were new, so a racing refresh of the same ticket cannot fire one twice.
  auto fired = sla_store_.fire_sla_notices(tenant, std::move(records), std::move(notifications), timer, now);
  if (!fired) return fired.error();
  if (!fired->empty() && notice_observer_) notice_observer_(tenant, id);
  if (notification_observer_) {
    std::vector<storage::Notification> stored;
    for (auto& record : *fired) {
      if (record.notification) stored.push_back(std::move(*record.notification));
    }
    if (!stored.empty()) notification_observer_(stored);
  }
  if (!decision->changes.empty()) {
    apply_escalations(tenant, id, decision->changes, keys_of(*fired), now);
  }
  return static_cast<int>(fired->size());
}

void SlaService::apply_escalations(TenantId tenant, TicketId id,
                                   const std::vector<sla::EscalationChange>& changes,
                                   const std::vector<sla::NoticeKey>& recorded, Timestamp now) {
  const Actor system{ActorType::System, 0};
  // Each change runs after its notice is recorded, and only if this refresh recorded it, so
  // each runs at most once (a crash in between loses the change, never repeats it).
  for (const auto& change : changes) {
    if (std::find(recorded.begin(), recorded.end(), change.notice) == recorded.end()) continue;
    auto changed = store_.update_ticket(storage::Scope::of(tenant), id,
                                        [&](const Ticket& current) -> Result<TicketChange> {
                                          auto patch = sla::escalation_patch(change, current);
                                          if (patch.empty()) return TicketChange{current, {}};
                                          return apply_patch(current, patch, system, now);
                                        });
    if (!changed) {
      spdlog::warn("escalation on T-{} failed: {}", id.value, changed.error().message);
      continue;
    }
    mark_changed(tenant, id);  // a new priority may select another policy
    if (escalation_observer_ != nullptr) {
      escalation_observer_->ticket_changed(*changed, TicketChangeKind::Updated);
    }
  }
}

Result<int> SlaService::process_due(int batch) {
  auto now = clock_.now();
  auto due = sla_store_.due_sla_timers(now, batch);
  if (!due) return due.error();
  int fired = 0;
  for (const auto& timer : *due) {
    auto result = refresh(timer.tenant_id, timer.ticket_id, now);
    if (!result) {
      spdlog::warn("SLA timer of T-{} failed: {}", timer.ticket_id.value, result.error().message);
      // Park it so one broken ticket cannot spin the scheduler; it is retried in a minute.
      storage::SlaTimer parked = timer;
      parked.next_deadline = now + std::chrono::minutes(1);
      (void)sla_store_.put_sla_timer(parked);
      continue;
    }
    fired += *result;
  }
  return fired;
}

Result<int> SlaService::recompute_all(std::optional<TenantId> tenant,
                                      const std::function<bool()>& keep_going) {
  auto now = clock_.now();
  std::int64_t after = 0;
  std::atomic<int> fired{0};
  // Tickets are refreshed from several threads so their writes share group commits.
  constexpr std::size_t kThreads = 8;
  for (;;) {
    if (keep_going && !keep_going()) break;
    // One tenant's change reads only that tenant's open tickets.
    auto page = tenant ? sla_store_.open_tenant_tickets_page(*tenant, after, 512)
                       : sla_store_.open_tickets_page(after, 512);
    if (!page) return page.error();
    if (page->empty()) break;
    after = page->back().id.value;
    std::atomic<std::size_t> next{0};
    TimerBatch timers;
    auto work = [&] {
      for (std::size_t idx = next++; idx < page->size(); idx = next++) {
        const auto& ticket = (*page)[idx];
        if (tenant && ticket.tenant_id != *tenant) continue;
        auto result = refresh(ticket.tenant_id, ticket.id, now, &timers);
        if (!result) {
          spdlog::warn("SLA recompute of T-{} failed: {}", ticket.id.value, result.error().message);
          continue;
        }
        fired += *result;
      }
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < kThreads; ++t) threads.emplace_back(work);
    work();
    for (auto& thread : threads) thread.join();
    if (!timers.timers.empty()) SP_TRY(sla_store_.put_sla_timers(timers.timers));
  }
  return fired.load();
}

}  // namespace sp::service

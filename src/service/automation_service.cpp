#include "service/automation_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "automation/rule_json.hpp"
#include "macros/macro_json.hpp"

namespace sp::service {

namespace {

using automation::ActionType;
using automation::Rule;
using automation::Trigger;
using nlohmann::json;

const Actor kSystem{ActorType::System, 0};

Result<Rule> rule_of(const storage::AutomationRuleRecord& record) {
  json document = json::parse(record.document_json, nullptr, false);
  if (document.is_discarded())
    return internal_error("stored rule " + std::to_string(record.id) + " is not JSON");
  auto rule = automation::parse_rule(document);
  if (!rule) return internal_error("stored rule " + std::to_string(record.id) + ": " + rule.error().message);
  rule->id = record.id;
  rule->tenant_id = record.tenant_id;
  rule->created_at = record.created_at;
  rule->updated_at = record.updated_at;
  return rule;
}

storage::AutomationRuleRecord record_of(const Rule& rule) {
  return storage::AutomationRuleRecord{rule.id,
                                       rule.tenant_id,
                                       rule.name,
                                       std::string(automation::to_string(rule.trigger)),
                                       rule.active,
                                       rule.position,
                                       automation::document_of(rule).dump(),
                                       rule.created_at,
                                       rule.updated_at};
}

// What a patch changed, for the automation_applied event.
json patch_json(const TicketPatch& patch) {
  json out = json::object();
  if (patch.status) out["status"] = std::string(to_string(*patch.status));
  if (patch.priority) out["priority"] = std::string(to_string(*patch.priority));
  if (patch.tags) out["tags"] = *patch.tags;
  if (patch.category) out["category"] = *patch.category;
  if (patch.team_id) out["team_id"] = *patch.team_id ? json((*patch.team_id)->value) : json(nullptr);
  if (patch.assignee_id) {
    out["assignee_id"] = *patch.assignee_id ? json((*patch.assignee_id)->value) : json(nullptr);
  }
  return out;
}

automation::SlaState sla_state_of(const TicketSla& sla, Timestamp now) {
  if (!sla.state) return automation::SlaState::OnSchedule;
  bool at_risk = false;
  for (const auto& cycle : sla.state->current) {
    if (cycle.state == sla::ClockState::Breached) return automation::SlaState::Breached;
    if (cycle.state == sla::ClockState::Running && cycle.at_risk_at && *cycle.at_risk_at <= now)
      at_risk = true;
  }
  return at_risk ? automation::SlaState::AtRisk : automation::SlaState::OnSchedule;
}

bool is_managing(const Principal& p) {
  return p.is_platform_admin() || p.agent.role == Role::Admin || p.agent.role == Role::Supervisor;
}

Result<void> require_manager(const Principal& p) {
  if (!is_managing(p)) return forbidden("only admins and supervisors manage automation rules");
  return {};
}

// Set while this thread runs rules: their own changes never start another chain (the chain
// itself is where rules react to rules).
thread_local bool running_rules = false;

}  // namespace

Result<AutomationService::Loaded> AutomationService::load(TenantId tenant) {
  auto records = store_.list_rules(tenant, std::nullopt);
  if (!records) return records.error();
  Loaded loaded;
  for (const auto& record : *records) {
    if (!record.active) continue;
    auto rule = rule_of(record);
    if (!rule) {
      spdlog::warn("automation: {}", rule.error().message);
      continue;
    }
    for (const auto* group : {&rule->all, &rule->any}) {
      for (const auto& c : *group) {
        loaded.needs_sla = loaded.needs_sla || c.field == automation::Field::SlaState;
        loaded.needs_calendar = loaded.needs_calendar || c.business_hours;
      }
    }
    for (auto macro_id : automation::macro_ids(*rule)) {
      if (loaded.macro_changes.contains(macro_id)) continue;
      auto macro = macros_.tenant_macro(tenant, macro_id);
      if (macro) loaded.macro_changes.emplace(macro_id, macro->changes);
    }
    loaded.rules.push_back(std::move(*rule));
  }
  return loaded;
}

Result<automation::TicketFacts> AutomationService::facts_for(const Ticket& ticket, const Loaded& loaded,
                                                             Timestamp now,
                                                             std::optional<sla::BusinessCalendar>& calendar) {
  automation::TicketFacts facts;
  facts.ticket = ticket;
  auto scope = storage::Scope::of(ticket.tenant_id);
  auto customer = helpdesk_.store().get_customer(scope, ticket.requester_id);
  if (customer) facts.language = customer->language;
  auto since = store_.status_since(ticket.tenant_id, ticket.id);
  facts.status_since = since ? *since : ticket.created_at;
  if (loaded.needs_sla) {
    auto sla = sla_.evaluate(ticket, now);
    if (sla) facts.sla = sla_state_of(*sla, now);
  }
  if (loaded.needs_calendar) {
    auto found = sla_.promise_calendar(ticket.tenant_id, &ticket);
    if (found && *found) {
      calendar = std::move(**found);
      facts.calendar = &*calendar;
    }
  }
  return facts;
}

bool AutomationService::after_change(const Ticket& ticket, TicketChangeKind change) {
  if (running_rules) return false;
  const Trigger trigger = change == TicketChangeKind::Created ? Trigger::OnCreate : Trigger::OnUpdate;
  auto loaded = load(ticket.tenant_id);
  if (!loaded) {
    spdlog::warn("automation: rules of tenant {} not read: {}", ticket.tenant_id.value,
                 loaded.error().message);
    return false;
  }
  const bool wanted = std::any_of(loaded->rules.begin(), loaded->rules.end(), [&](const Rule& rule) {
    return rule.trigger == trigger || rule.trigger == Trigger::OnUpdate;
  });
  if (!wanted) return false;
  const Timestamp now = clock_.now();
  std::optional<sla::BusinessCalendar> calendar;
  auto facts = facts_for(ticket, *loaded, now, calendar);
  if (!facts) return false;
  auto plans = automation::plan_chain(loaded->rules, trigger, std::move(*facts), now, loaded->macro_changes);
  return run_plans(ticket.tenant_id, ticket.id, trigger, plans, now);
}

bool AutomationService::run_plans(TenantId tenant, TicketId ticket, Trigger trigger,
                                  const std::vector<automation::Plan>& plans, Timestamp now) {
  if (plans.empty()) return false;
  running_rules = true;
  bool any = false;
  for (const auto& plan : plans) {
    auto ran = run_plan(tenant, ticket, plan.round == 0 ? trigger : Trigger::OnUpdate, plan, now);
    if (!ran) {
      spdlog::warn("automation: rule {} on T-{} not applied: {}", plan.rule_id, ticket.value,
                   ran.error().message);
      continue;
    }
    any = any || *ran;
  }
  running_rules = false;
  return any;
}

Result<bool> AutomationService::run_plan(TenantId tenant, TicketId id, Trigger trigger,
                                         const automation::Plan& plan, Timestamp now) {
  auto scope = storage::Scope::of(tenant);
  json effects = json::array();
  for (const auto& effect : plan.effects) effects.push_back(std::string(automation::to_string(effect.type)));
  bool recorded = false;
  auto updated =
      helpdesk_.store().update_ticket(scope, id, [&](const Ticket& current) -> Result<TicketChange> {
        recorded = false;
        // The plan was made against the ticket as it was read; its changes are made to the ticket
        // as it is now (patch_for leaves out what already holds).
        auto patch = macros::patch_for(current, plan.changes);
        if (!patch) return patch.error();
        TicketChange change{current, {}};
        if (!patch->empty()) {
          auto applied = apply_patch(current, *patch, kSystem, now);
          if (!applied) return applied.error();
          change = std::move(*applied);
        }
        if (change.events.empty()) {
          if (plan.effects.empty()) return change;  // nothing left to do: no run to record
          change.after.version += 1;
          change.after.updated_at = now;
        }
        TicketEvent event;
        event.type = EventType::AutomationApplied;
        event.actor = kSystem;
        event.at = now;
        event.field = "automation";
        event.from = std::to_string(plan.rule_id);
        event.to = json{
            {"rule_id", plan.rule_id},
            {"name", plan.rule_name},
            {"event", automation::to_string(trigger)},
            {"changes", patch_json(*patch)},
            {"effects",
             effects}}.dump();
        change.events.push_back(std::move(event));
        recorded = true;
        return change;
      });
  if (!updated) return updated.error();
  if (!recorded) return false;
  helpdesk_.announce_change(*updated, TicketChangeKind::Updated);
  run_effects(*updated, trigger, plan);
  return true;
}

void AutomationService::run_effects(const Ticket& ticket, Trigger trigger, const automation::Plan& plan) {
  for (const auto& effect : plan.effects) {
    switch (effect.type) {
      case ActionType::ApplyMacro: {
        auto preview = macros_.system_preview(ticket, effect.id.value_or(0));
        if (!preview) {
          spdlog::warn("automation: rule {} macro {}: {}", plan.rule_id, effect.id.value_or(0),
                       preview.error().message);
        } else if (!preview->text.empty()) {
          auto sent = helpdesk_.add_system_reply(ticket.tenant_id, ticket.id, preview->text);
          if (!sent)
            spdlog::warn("automation: rule {} reply not added: {}", plan.rule_id, sent.error().message);
        }
        break;
      }
      case ActionType::AddNote: {
        auto noted = helpdesk_.add_system_note(ticket.tenant_id, ticket.id, effect.text);
        if (!noted)
          spdlog::warn("automation: rule {} note not added: {}", plan.rule_id, noted.error().message);
        break;
      }
      case ActionType::Notify: {
        std::vector<AgentId> recipients;
        if (effect.target == automation::NotifyTarget::Assignee && ticket.assignee_id) {
          recipients.push_back(*ticket.assignee_id);
        } else if (effect.target == automation::NotifyTarget::TeamLead && ticket.team_id) {
          auto leaders = notifications_.leaders_of(ticket.tenant_id, *ticket.team_id);
          if (leaders && leaders->lead) recipients.push_back(*leaders->lead);
        } else if (effect.target == automation::NotifyTarget::Agent && effect.id) {
          auto agent = helpdesk_.store().get_agent(storage::Scope::of(ticket.tenant_id), AgentId{*effect.id});
          if (agent && agent->active) recipients.push_back(agent->id);
        }
        notifications_.notify_agents(ticket, recipients, kAutomationNotificationKind, effect.text);
        break;
      }
      case ActionType::Webhook: {
        if (!webhook_) break;
        json data{{"rule_id", plan.rule_id},
                  {"rule_name", plan.rule_name},
                  {"event", automation::to_string(trigger)},
                  {"ticket_id", ticket.id.value},
                  {"status", to_string(ticket.status)},
                  {"priority", to_string(ticket.priority)},
                  {"version", ticket.version}};
        webhook_(ticket.tenant_id,
                 "automation-" + std::to_string(plan.rule_id) + "-" + std::to_string(ticket.id.value) + "-" +
                     std::to_string(ticket.version),
                 std::move(data));
        break;
      }
      default:
        break;
    }
  }
}

Result<TimeRunSummary> AutomationService::run_time_rules(Timestamp now, int budget) {
  TimeRunSummary summary;
  auto tenants = store_.tenants_with_time_rules();
  if (!tenants) return tenants.error();
  for (auto tenant : *tenants) {
    if (summary.examined >= budget) break;
    auto loaded = load(tenant);
    if (!loaded) return loaded.error();
    for (const auto& rule : loaded->rules) {
      if (rule.trigger != Trigger::OnTime) continue;
      const auto* threshold = automation::time_condition(rule);
      if (threshold == nullptr) continue;
      // Business hours never exceed clock hours: no ticket changed after this can qualify.
      const Timestamp changed_before =
          now - std::chrono::milliseconds(static_cast<std::int64_t>(threshold->hours * 3600.0 * 1000.0));
      for (auto status : automation::time_rule_statuses(rule)) {
        if (summary.examined >= budget) break;
        const auto key = std::pair(rule.id, static_cast<int>(status));
        std::optional<storage::TimeCursor> cursor;
        {
          std::lock_guard lock(cursor_mutex_);
          if (auto found = cursors_.find(key); found != cursors_.end()) cursor = found->second;
        }
        const int limit = std::min(100, budget - summary.examined);
        auto candidates = store_.time_candidates(tenant, rule.id, status, changed_before, cursor, limit);
        if (!candidates) return candidates.error();
        {
          std::lock_guard lock(cursor_mutex_);
          if (static_cast<int>(candidates->size()) < limit) {
            cursors_.erase(key);  // the end: the next pass starts over
          } else {
            cursors_[key] =
                storage::TimeCursor{candidates->back().status_since, candidates->back().ticket_id.value};
          }
        }
        for (const auto& candidate : *candidates) {
          ++summary.examined;
          auto ticket = helpdesk_.store().get_ticket(storage::Scope::of(tenant), candidate.ticket_id);
          if (!ticket) continue;
          std::optional<sla::BusinessCalendar> calendar;
          auto facts = facts_for(*ticket, *loaded, now, calendar);
          if (!facts) continue;
          facts->status_since = candidate.status_since;
          auto plans = automation::plan_chain(loaded->rules, Trigger::OnTime, std::move(*facts), now,
                                              loaded->macro_changes, rule.id);
          if (plans.empty() || plans.front().rule_id != rule.id) continue;
          // Recorded first: a crash after this leaves the period fired (at most once), never twice.
          auto recorded = store_.record_time_firing(tenant, rule.id, ticket->id, candidate.status_since, now);
          if (!recorded) return recorded.error();
          if (!*recorded) continue;
          if (run_plans(tenant, ticket->id, Trigger::OnTime, plans, now)) ++summary.fired;
        }
      }
    }
  }
  return summary;
}

// ---------------------------------------------------------------------------------------
// Managing rules

Result<void> AutomationService::check_references(TenantId tenant, const Rule& rule) {
  auto scope = storage::Scope::of(tenant);
  for (std::size_t idx = 0; idx < rule.actions.size(); ++idx) {
    const auto& a = rule.actions[idx];
    const std::string field = "actions[" + std::to_string(idx) + "].value";
    if (a.type == ActionType::ApplyMacro) {
      auto macro = macros_.tenant_macro(tenant, a.id.value_or(0));
      if (!macro) {
        if (macro.error().code != ErrorCode::NotFound) return macro.error();
        Error error = invalid_input("no tenant macro has this id", field);
        error.kind = "unknown-macro";
        return error;
      }
    } else if (a.type == ActionType::SetTeam && a.id) {
      auto team = helpdesk_.store().get_team(scope, TeamId{*a.id});
      if (!team) return invalid_input("no team of the tenant has this id", field);
    } else if ((a.type == ActionType::SetAssignee || a.type == ActionType::Notify) && a.id) {
      auto agent = helpdesk_.store().get_agent(scope, AgentId{*a.id});
      if (!agent) {
        return invalid_input(
            "no agent of the tenant has this id",
            a.type == ActionType::Notify ? "actions[" + std::to_string(idx) + "].agent_id" : field);
      }
    }
  }
  return {};
}

Result<Rule> AutomationService::checked(TenantId tenant, const json& document) {
  auto rule = automation::parse_rule(document);
  if (!rule) return rule.error();
  rule->tenant_id = tenant;
  SP_TRY(check_references(tenant, *rule));
  return rule;
}

Result<std::vector<Rule>> AutomationService::list(const Principal& p, std::optional<TenantId> tenant) {
  SP_TRY(require(p, Permission::Read));
  auto tenant_id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!tenant_id) return tenant_id.error();
  auto records = store_.list_rules(*tenant_id, std::nullopt);
  if (!records) return records.error();
  std::vector<Rule> rules;
  for (const auto& record : *records) {
    auto rule = rule_of(record);
    if (!rule) return rule.error();
    rules.push_back(std::move(*rule));
  }
  return rules;
}

Result<Rule> AutomationService::get(const Principal& p, std::optional<TenantId> tenant, std::int64_t id) {
  SP_TRY(require(p, Permission::Read));
  auto tenant_id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!tenant_id) return tenant_id.error();
  auto record = store_.get_rule(*tenant_id, id);
  if (!record) return record.error();
  return rule_of(*record);
}

Result<Rule> AutomationService::create(const Principal& p, std::optional<TenantId> tenant,
                                       const json& document) {
  SP_TRY(require(p, Permission::Read));
  SP_TRY(require_manager(p));
  auto tenant_id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!tenant_id) return tenant_id.error();
  auto rule = checked(*tenant_id, document);
  if (!rule) return rule.error();
  rule->created_at = rule->updated_at = clock_.now();
  auto stored = store_.create_rule(record_of(*rule), automation::kMaxRulesPerTenant);
  if (!stored) return stored.error();
  rule->id = stored->id;
  return rule;
}

Result<Rule> AutomationService::replace(const Principal& p, std::optional<TenantId> tenant, std::int64_t id,
                                        const json& document) {
  SP_TRY(require(p, Permission::Read));
  SP_TRY(require_manager(p));
  auto tenant_id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!tenant_id) return tenant_id.error();
  auto existing = store_.get_rule(*tenant_id, id);
  if (!existing) return existing.error();
  auto rule = checked(*tenant_id, document);
  if (!rule) return rule.error();
  rule->id = id;
  rule->created_at = existing->created_at;
  rule->updated_at = clock_.now();
  SP_TRY(store_.update_rule(record_of(*rule)));
  return rule;
}

Result<void> AutomationService::remove(const Principal& p, std::optional<TenantId> tenant, std::int64_t id) {
  SP_TRY(require(p, Permission::Read));
  SP_TRY(require_manager(p));
  auto tenant_id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!tenant_id) return tenant_id.error();
  return store_.delete_rule(*tenant_id, id);
}

Result<DryRunOutcome> AutomationService::dry_run(const Principal& p, std::optional<TenantId> tenant,
                                                 std::int64_t id, int limit) {
  SP_TRY(require(p, Permission::Read));
  SP_TRY(require_manager(p));
  if (limit < 1 || limit > 100) return invalid_input("limit must be between 1 and 100", "limit");
  auto tenant_id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!tenant_id) return tenant_id.error();
  auto record = store_.get_rule(*tenant_id, id);
  if (!record) return record.error();
  auto rule = rule_of(*record);
  if (!rule) return rule.error();
  Loaded loaded;
  for (const auto* group : {&rule->all, &rule->any}) {
    for (const auto& c : *group) {
      loaded.needs_sla = loaded.needs_sla || c.field == automation::Field::SlaState;
      loaded.needs_calendar = loaded.needs_calendar || c.business_hours;
    }
  }
  storage::TicketFilter filter;
  filter.tenant = *tenant_id;
  filter.statuses = {Status::New, Status::Open, Status::Pending, Status::OnHold};
  filter.limit = storage::kMaxPageSize;
  auto tickets = helpdesk_.store().list_tickets(storage::Scope::of(*tenant_id), filter);
  if (!tickets) return tickets.error();
  DryRunOutcome outcome;
  const Timestamp now = clock_.now();
  for (const auto& ticket : *tickets) {
    if (static_cast<int>(outcome.matches.size()) >= limit) break;
    ++outcome.examined;
    std::optional<sla::BusinessCalendar> calendar;
    auto facts = facts_for(ticket, loaded, now, calendar);
    if (!facts) return facts.error();
    if (automation::matches(*rule, *facts, now)) outcome.matches.push_back(ticket);
  }
  return outcome;
}

}  // namespace sp::service

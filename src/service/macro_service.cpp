#include "service/macro_service.hpp"

#include "channels/acknowledgement.hpp"
#include "channels/threading.hpp"
#include "macros/macro_json.hpp"

namespace sp::service {

namespace {

using nlohmann::json;

bool is_supervising(const Principal& p) {
  return p.agent.role == Role::Admin || p.agent.role == Role::Supervisor;
}

bool may_see(const Principal& p, const macros::Macro& macro) {
  switch (macro.scope) {
    case macros::Scope::Personal:
      return macro.owner_id == p.agent.id;
    case macros::Scope::Team:
      return is_supervising(p) || (macro.team_id && p.agent.team_id == macro.team_id);
    case macros::Scope::Tenant:
      break;
  }
  return true;
}

Result<void> require_may_change(const Principal& p, const macros::Macro& macro) {
  SP_TRY(require(p, Permission::WriteTickets));
  bool allowed = false;
  switch (macro.scope) {
    case macros::Scope::Personal:
      allowed = macro.owner_id == p.agent.id;
      break;
    case macros::Scope::Team:
      allowed = is_supervising(p) || (macro.team_id && p.agent.team_id == macro.team_id);
      break;
    case macros::Scope::Tenant:
      allowed = is_supervising(p);
      break;
  }
  if (!allowed) {
    return forbidden("only supervisors and admins, the team's agents or the owner change this macro");
  }
  return {};
}

storage::MacroRecord record_of(const macros::Macro& macro) {
  json document = macros::to_json(macro);
  return storage::MacroRecord{macro.id,
                              macro.tenant_id,
                              std::string(macros::to_string(macro.scope)),
                              macro.team_id,
                              macro.owner_id,
                              macro.name,
                              json{{"texts", document["texts"]}, {"changes", document["changes"]}}.dump(),
                              macro.created_at,
                              macro.updated_at};
}

Result<macros::Macro> macro_of(const storage::MacroRecord& record) {
  macros::Macro macro;
  macro.id = record.id;
  macro.tenant_id = record.tenant_id;
  auto scope = macros::parse_scope(record.scope);
  if (!scope) return internal_error("stored macro " + std::to_string(record.id) + " has a bad scope");
  macro.scope = *scope;
  macro.team_id = record.team_id;
  macro.owner_id = record.owner_id;
  macro.name = record.name;
  macro.created_at = record.created_at;
  macro.updated_at = record.updated_at;
  json document = json::parse(record.document_json, nullptr, false);
  if (document.is_discarded() || !macros::apply_document(macro, document, false)) {
    return internal_error("stored macro " + std::to_string(record.id) + " does not parse");
  }
  return macro;
}

std::optional<Timestamp> earliest_running_due(const TicketSla& sla) {
  std::optional<Timestamp> earliest;
  if (!sla.state) return earliest;
  for (const auto& cycle : sla.state->current) {
    if (cycle.state != sla::ClockState::Running || !cycle.due_at) continue;
    if (!earliest || *cycle.due_at < *earliest) earliest = cycle.due_at;
  }
  return earliest;
}

}  // namespace

MacroService::MacroService(HelpdeskService& helpdesk, storage::MacroStore& store, SlaService& sla,
                           const Clock& clock)
    : helpdesk_(helpdesk), store_(store), sla_(sla), clock_(clock) {}

Result<macros::Macro> MacroService::visible(const Principal& p, TenantId tenant, std::int64_t id) {
  auto record = store_.get_macro(tenant, id);
  if (!record) return record.error();
  auto macro = macro_of(*record);
  if (!macro) return macro.error();
  if (!may_see(p, *macro)) return not_found("no such macro");
  return macro;
}

Result<void> MacroService::check_team(const Principal& p, TenantId tenant, const macros::Macro& macro) {
  if (!macro.team_id) return {};
  auto team = helpdesk_.store().get_team(p.scope, *macro.team_id);
  if (!team || team->tenant_id != tenant) return invalid_input("no such team in this tenant", "team_id");
  return {};
}

Result<std::vector<macros::Macro>> MacroService::list(const Principal& p, std::optional<TenantId> tenant) {
  SP_TRY(require(p, Permission::Read));
  auto id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!id) return id.error();
  auto records = store_.list_macros(*id, macros::kMaxMacrosPerTenant);
  if (!records) return records.error();
  std::vector<macros::Macro> out;
  for (const auto& record : *records) {
    auto macro = macro_of(record);
    if (!macro) return macro.error();
    if (may_see(p, *macro)) out.push_back(std::move(*macro));
  }
  return out;
}

Result<macros::Macro> MacroService::get(const Principal& p, std::optional<TenantId> tenant, std::int64_t id) {
  SP_TRY(require(p, Permission::Read));
  auto tenant_id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!tenant_id) return tenant_id.error();
  return visible(p, *tenant_id, id);
}

Result<macros::Macro> MacroService::create(const Principal& p, std::optional<TenantId> tenant,
                                           const json& document) {
  SP_TRY(require(p, Permission::WriteTickets));
  auto tenant_id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!tenant_id) return tenant_id.error();
  macros::Macro macro;
  macro.tenant_id = *tenant_id;
  SP_TRY(macros::apply_document(macro, document, true));
  if (macro.scope == macros::Scope::Personal) macro.owner_id = p.agent.id;
  SP_TRY(require_may_change(p, macro));
  SP_TRY(check_team(p, *tenant_id, macro));
  macro.created_at = macro.updated_at = clock_.now();
  auto stored = store_.create_macro(record_of(macro), macros::kMaxMacrosPerTenant);
  if (!stored) return stored.error();
  macro.id = stored->id;
  return macro;
}

Result<macros::Macro> MacroService::update(const Principal& p, std::optional<TenantId> tenant,
                                           std::int64_t id, const json& document) {
  SP_TRY(require(p, Permission::WriteTickets));
  auto tenant_id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!tenant_id) return tenant_id.error();
  auto macro = visible(p, *tenant_id, id);
  if (!macro) return macro.error();
  SP_TRY(require_may_change(p, *macro));
  SP_TRY(macros::apply_document(*macro, document, false));
  // A macro made personal becomes the changer's; one made shared has no owner.
  if (macro->scope == macros::Scope::Personal) {
    if (!macro->owner_id) macro->owner_id = p.agent.id;
  } else {
    macro->owner_id.reset();
  }
  SP_TRY(require_may_change(p, *macro));
  SP_TRY(check_team(p, *tenant_id, *macro));
  macro->updated_at = clock_.now();
  SP_TRY(store_.update_macro(record_of(*macro)));
  return macro;
}

Result<void> MacroService::remove(const Principal& p, std::optional<TenantId> tenant, std::int64_t id) {
  SP_TRY(require(p, Permission::WriteTickets));
  auto tenant_id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!tenant_id) return tenant_id.error();
  auto macro = visible(p, *tenant_id, id);
  if (!macro) return macro.error();
  SP_TRY(require_may_change(p, *macro));
  return store_.delete_macro(*tenant_id, id);
}

Result<MacroPreview> MacroService::preview(const Principal& p, TicketId ticket_id, std::int64_t macro_id) {
  SP_TRY(require(p, Permission::WriteTickets));
  auto ticket = helpdesk_.get_ticket(p, ticket_id);
  if (!ticket) return ticket.error();
  auto macro = visible(p, ticket->tenant_id, macro_id);
  if (!macro) return macro.error();
  return render_preview(*ticket, std::move(*macro), p.agent.name);
}

Result<macros::Macro> MacroService::tenant_macro(TenantId tenant, std::int64_t id) {
  auto record = store_.get_macro(tenant, id);
  if (!record) return record.error();
  auto macro = macro_of(*record);
  if (!macro) return macro.error();
  if (macro->scope != macros::Scope::Tenant) return not_found("no such tenant macro");
  return macro;
}

Result<MacroPreview> MacroService::system_preview(const Ticket& ticket, std::int64_t macro_id) {
  auto macro = tenant_macro(ticket.tenant_id, macro_id);
  if (!macro) return macro.error();
  return render_preview(ticket, std::move(*macro), "");
}

Result<MacroPreview> MacroService::render_preview(const Ticket& ticket_in, macros::Macro macro,
                                                  const std::string& agent_name) {
  const Ticket* ticket = &ticket_in;
  auto& store = helpdesk_.store();
  const auto scope = storage::Scope::of(ticket->tenant_id);
  auto tenant = store.get_tenant(scope, ticket->tenant_id);
  if (!tenant) return tenant.error();
  auto customer = store.get_customer(scope, ticket->requester_id);
  if (!customer) return customer.error();

  MacroPreview preview;
  preview.ticket_version = ticket->version;
  preview.language = macros::choose_language(macro.texts, customer->language, tenant->default_language);
  if (preview.language) {
    macros::RenderValues values;
    values.customer_name = customer->name;
    values.ticket_reference = channels::format_ticket_reference(ticket->id);
    values.ticket_subject = ticket->subject;
    values.agent_name = agent_name;
    // Evaluated now rather than read from the timer index, which the engine refreshes after
    // the change that started a clock.
    auto sla = sla_.evaluate(*ticket, clock_.now());
    if (!sla) return sla.error();
    if (auto due = earliest_running_due(*sla)) {
      auto when = channels::format_local_time(*due, tenant->timezone, *preview.language);
      if (!when) return when.error();
      values.sla_due_at = std::move(*when);
    }
    preview.text = macros::render(macro.texts.at(*preview.language), values);
  }
  auto patch = macros::patch_for(*ticket, macro.changes);
  if (!patch) return patch.error();
  preview.patch = std::move(*patch);
  preview.macro = std::move(macro);
  return preview;
}

}  // namespace sp::service

// Macros (issue 17): canned replies and actions per tenant, team or agent, with their
// permissions, and the preview of one macro on one ticket (the rendered text and the field
// changes, changing nothing: the console applies them through the normal ticket update).
//
// Who sees a macro: a personal macro only its owner; a team macro the team's members and
// supervisors/admins; a tenant macro everyone of the tenant. Who changes one: personal, its
// owner; team, the team's agents and supervisors/admins; tenant, supervisors/admins. A macro
// the principal may not see is NotFound; one they see but may not change is Forbidden.
// Platform administrators name the tenant (?tenant_id=) and act as admins of it. Reads the
// clock once per operation; thread-safe as the stores are.
#pragma once

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "macros/macro.hpp"
#include "service/helpdesk.hpp"
#include "service/sla_service.hpp"
#include "storage/macro_store.hpp"

namespace sp::service {

struct MacroPreview {
  macros::Macro macro;
  std::optional<Language> language;  // the variant used; empty when the macro has no text
  std::string text;                  // rendered
  TicketPatch patch;                 // what the macro's changes do to this ticket now
  std::int64_t ticket_version = 0;   // the version the patch was computed against
};

class MacroService {
 public:
  MacroService(HelpdeskService& helpdesk, storage::MacroStore& store, SlaService& sla, const Clock& clock);

  // The macros the principal sees, by name (at most macros::kMaxMacrosPerTenant).
  Result<std::vector<macros::Macro>> list(const Principal& p, std::optional<TenantId> tenant);
  Result<macros::Macro> get(const Principal& p, std::optional<TenantId> tenant, std::int64_t id);
  // Creates a macro from its JSON document (macros::apply_document). A personal macro belongs
  // to the principal. Fails with InvalidInput for a bad document or a team not of the tenant,
  // Forbidden for a scope they may not change, Conflict kind "macro-limit" past the limit.
  Result<macros::Macro> create(const Principal& p, std::optional<TenantId> tenant,
                               const nlohmann::json& document);
  // Applies the members present; the principal must be allowed to change the macro as it was
  // and as it becomes.
  Result<macros::Macro> update(const Principal& p, std::optional<TenantId> tenant, std::int64_t id,
                               const nlohmann::json& document);
  Result<void> remove(const Principal& p, std::optional<TenantId> tenant, std::int64_t id);

  // The macro rendered for the ticket: the variant in the customer's language (else the
  // tenant's default, else any), placeholders filled (the due time is the earliest due time of
  // the ticket's running SLA clocks, evaluated now, in the variant's language and the tenant's zone), and the
  // patch its changes make. Requires WriteTickets; the ticket and the macro must be visible.
  Result<MacroPreview> preview(const Principal& p, TicketId ticket, std::int64_t macro_id);

  // A tenant-scoped macro of the tenant (automation rules apply only those); NotFound otherwise.
  Result<macros::Macro> tenant_macro(TenantId tenant, std::int64_t id);
  // The preview of a tenant macro on `ticket` for the system (automation rules): no agent name,
  // no permission check.
  Result<MacroPreview> system_preview(const Ticket& ticket, std::int64_t macro_id);

 private:
  Result<MacroPreview> render_preview(const Ticket& ticket, macros::Macro macro,
                                      const std::string& agent_name);
  Result<macros::Macro> visible(const Principal& p, TenantId tenant, std::int64_t id);
  Result<void> check_team(const Principal& p, TenantId tenant, const macros::Macro& macro);

  HelpdeskService& helpdesk_;
  storage::MacroStore& store_;
  SlaService& sla_;
  const Clock& clock_;
};

}  // namespace sp::service

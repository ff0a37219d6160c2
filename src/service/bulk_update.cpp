#include "service/bulk_update.hpp"

#include <set>

namespace sp::service {

Result<std::vector<BulkOutcome>> bulk_update(HelpdeskService& helpdesk, const Principal& p,
                                             const std::vector<TicketId>& ticket_ids,
                                             const macros::FieldChanges& changes) {
  SP_TRY(require(p, Permission::WriteTickets));
  if (ticket_ids.empty() || ticket_ids.size() > macros::kMaxBulkTickets) {
    return invalid_input("ticket_ids names 1 to 100 tickets", "ticket_ids");
  }
  if (changes.empty()) return invalid_input("changes names at least one change", "changes");
  std::vector<BulkOutcome> outcomes;
  std::set<std::int64_t> seen;
  for (const auto& id : ticket_ids) {
    if (!seen.insert(id.value).second) continue;
    auto outcome = [&]() -> Result<Ticket> {
      auto ticket = helpdesk.get_ticket(p, id);  // another tenant's ticket is NotFound here
      if (!ticket) return ticket.error();
      auto patch = macros::patch_for(*ticket, changes);
      if (!patch) return patch.error();
      if (patch->empty()) return ticket;
      return helpdesk.update_ticket(p, id, *patch, ticket->version);
    }();
    outcomes.push_back(BulkOutcome{id, std::move(outcome)});
  }
  return outcomes;
}

}  // namespace sp::service

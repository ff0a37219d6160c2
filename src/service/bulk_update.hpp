// Bulk actions on a selection of tickets (issue 17): the same field changes applied to each
// ticket through HelpdeskService::update_ticket, so every ticket gets its events, SLA
// recompute and observers exactly as a PATCH would. One ticket's failure (not found, another
// tenant's, a forbidden transition, a concurrent change) is reported for it and does not stop
// the others. Each ticket's patch is computed from the version just read and applied only to
// that version (tags are added/removed on what the ticket has then).
#pragma once

#include <vector>

#include "macros/macro.hpp"
#include "service/helpdesk.hpp"

namespace sp::service {

struct BulkOutcome {
  TicketId ticket_id;
  Result<Ticket> result;  // the ticket after the change, or why it was not changed
};

// REQUIRES: ticket_ids.size() <= macros::kMaxBulkTickets (checked: InvalidInput otherwise,
// field "ticket_ids"); duplicates are applied once. Requires WriteTickets. Outcomes follow the
// order of first mention.
Result<std::vector<BulkOutcome>> bulk_update(HelpdeskService& helpdesk, const Principal& p,
                                             const std::vector<TicketId>& ticket_ids,
                                             const macros::FieldChanges& changes);

}  // namespace sp::service

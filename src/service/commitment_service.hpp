// Commitments (issue 18): the use cases around domain/commitment.hpp. Agents make commitments
// on tickets (by hand, from a conduct `promise` finding, or by scheduling a call back), the
// service checks the due time against the ticket's business calendar, keeps a commitment as
// soon as the promised action happens (TicketObserver), and `run_due` (called by
// jobs::CommitmentJob) reminds agents and breaks what was not kept, each exactly once (the
// store's conditional transitions, see storage/commitment_store.hpp).
//
// Due times outside opening hours are moved back to the last closing before them (the last
// moment the organisation can act); a due time with no business time at all between now and
// it is refused (InvalidInput kind kCommitmentUnkeepable). Thread-safe; reads the Clock once per
// operation; tenant isolation through HelpdeskService (objects of other tenants are NotFound).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/commitment.hpp"
#include "service/helpdesk.hpp"
#include "service/sla_service.hpp"
#include "storage/commitment_store.hpp"

namespace sp::service {

inline constexpr std::string_view kCommitmentUnkeepable = "commitment-unkeepable";
inline constexpr std::string_view kCommitmentClosed = "commitment-closed";
// Notification kinds (the notifications table, beside the SLA engine's).
inline constexpr std::string_view kCommitmentBrokenKind = "commitment_broken";
inline constexpr std::string_view kCommitmentReminderKind = "commitment_due_soon";

struct NewCommitmentInput {
  std::string what;
  Timestamp due_at;
  std::optional<Channel> channel;  // default: the ticket's channel
  CommitmentSource source = CommitmentSource::Manual;
  std::optional<AgentId> agent_id;  // default: the principal
  std::string note;
};

struct CommitmentRunSummary {
  int kept = 0;
  int broken = 0;
  int reminded = 0;
};

class CommitmentService final : public TicketObserver {
 public:
  CommitmentService(HelpdeskService& helpdesk, storage::CommitmentStore& commitments, SlaService& sla,
                    const Clock& clock)
      : helpdesk_(helpdesk), commitments_(commitments), sla_(sla), clock_(clock) {}

  // Makes a commitment on the ticket. Requires WriteTickets. InvalidInput (naming the field) for
  // an empty or too long `what`, a due time not in the future, an agent of another tenant;
  // kCommitmentUnkeepable when the calendar has no business time before the due time.
  Result<Commitment> create(const Principal& p, TicketId ticket, NewCommitmentInput input);
  // The ticket's commitments, due time order. Requires Read.
  Result<std::vector<Commitment>> for_ticket(const Principal& p, TicketId ticket);
  // The tenant's commitments matching the filter. Requires Read.
  Result<std::vector<Commitment>> list(const Principal& p, std::optional<TenantId> tenant,
                                       const storage::CommitmentFilter& filter);
  // Marks an open commitment kept (done, with a note) or cancelled. Requires WriteTickets.
  // Conflict kind kCommitmentClosed when it is no longer open.
  Result<Commitment> close(const Principal& p, std::optional<TenantId> tenant, CommitmentId id,
                           CommitmentState state, std::string note);

  // The tenant's reminder lead in minutes (default 30), and setting it (supervisors, admins).
  Result<int> reminder_minutes(TenantId tenant);
  Result<int> reminder_minutes(const Principal& p, std::optional<TenantId> tenant);
  Result<int> set_reminder_minutes(const Principal& p, std::optional<TenantId> tenant, int minutes);

  // One pass of the job: keeps overdue commitments whose action is in the ticket's messages,
  // breaks the others (ticket event + notification to the team lead), reminds agents of those
  // due soon. Each at most once whatever the number of passes, restarts or schedulers.
  Result<CommitmentRunSummary> run_due(Timestamp now);

  // TicketObserver: an agent's outbound message or logged call keeps the ticket's open commitments.
  void ticket_changed(const Ticket&, TicketChangeKind) override {}
  void message_added(const Ticket& ticket, const Message& message) override;

 private:
  Result<TenantId> tenant_of(const Principal& p, std::optional<TenantId> named);
  Result<void> break_one(const Commitment& commitment, Timestamp now);
  Result<void> remind_one(const Commitment& commitment, Timestamp now);

  HelpdeskService& helpdesk_;
  storage::CommitmentStore& commitments_;
  SlaService& sla_;
  const Clock& clock_;
};

}  // namespace sp::service

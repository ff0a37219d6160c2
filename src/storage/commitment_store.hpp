// Storage of commitments (issue 18, migration 23): one row per commitment, and the two
// transitions the commitment job makes exactly once. Same contract as store.hpp: every call is
// a durable transaction and every query names the tenant (the job's due scans are the only
// cross-tenant reads, each a range scan of a partial index over open commitments, never a
// table scan).
//
// Exactly once: `break_commitment` and `record_reminder` change the row only while it is still
// in the state they expect (open; not reminded), and write the ticket event and the
// notification in the same transaction only when they did. Two job passes, a restart or two
// schedulers therefore break or remind a commitment at most once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/commitment.hpp"
#include "storage/sla_store.hpp"

namespace sp::storage {

struct CommitmentFilter {
  std::optional<CommitmentState> state;
  std::optional<AgentId> agent_id;
  std::optional<Timestamp> due_from;    // due_at >= due_from
  std::optional<Timestamp> due_before;  // due_at < due_before
  int limit = 100;                      // at most kMaxPageSize
};

class CommitmentStore {
 public:
  virtual ~CommitmentStore() = default;

  // Stores a new commitment (id assigned) of the tenant's ticket and agent. Conflict when the
  // ticket or the agent is not one of that tenant.
  virtual Result<Commitment> create_commitment(Commitment commitment) = 0;
  virtual Result<Commitment> get_commitment(TenantId tenant, CommitmentId id) = 0;
  // The ticket's commitments, due time order, at most kMaxPageSize.
  virtual Result<std::vector<Commitment>> ticket_commitments(TenantId tenant, TicketId ticket) = 0;
  // The tenant's commitments matching `filter`, due time order.
  virtual Result<std::vector<Commitment>> list_commitments(TenantId tenant,
                                                           const CommitmentFilter& filter) = 0;

  // Moves an open commitment to kept (at `at`) or cancelled, with `note`. Returns false when it
  // was no longer open (someone else decided it first); NotFound when it is not the tenant's.
  virtual Result<bool> close_commitment(TenantId tenant, CommitmentId id, CommitmentState state, Timestamp at,
                                        const std::string& note) = 0;
  // Marks the ticket's open commitments kept at `at` whose window [created_at, due_at] holds
  // `at` (an action that keeps them just happened). Returns how many.
  virtual Result<int> keep_ticket_commitments(TenantId tenant, TicketId ticket, Timestamp at) = 0;

  // Open commitments of every tenant with due_at < now, earliest first.
  virtual Result<std::vector<Commitment>> overdue_commitments(Timestamp now, int limit) = 0;
  // Open, not reminded commitments of every tenant with remind_at <= now, earliest first.
  virtual Result<std::vector<Commitment>> reminders_due(Timestamp now, int limit) = 0;

  // In one transaction, only if the commitment is still open: marks it broken at `now`,
  // appends a CommitmentBroken event to its ticket and stores `notification`. Returns whether
  // it was broken by this call.
  virtual Result<bool> break_commitment(const Commitment& commitment, const Notification& notification,
                                        Timestamp now) = 0;
  // In one transaction, only if it is still open and not reminded: records the reminder at
  // `now` and stores `notification`. Returns whether this call reminded.
  virtual Result<bool> record_reminder(const Commitment& commitment, const Notification& notification,
                                       Timestamp now) = 0;

  // The tenant's decided (kept or broken) commitments whose due time lies in [from, to),
  // counted per (agent, the agent's team, channel, the ticket's category and tags, quarter
  // hour of due time), for the commitments-kept KPI. At most `limit` tallies.
  virtual Result<std::vector<CommitmentTally>> commitment_tallies(TenantId tenant, Timestamp from,
                                                                  Timestamp to, int limit) = 0;
};

}  // namespace sp::storage

// CommitmentStore on the shared SQLite database (migration 23): borrows the SqliteStore's
// reader pool and group-commit writer, like SqliteConductStore, so it is as thread-safe and
// durable as the store itself.
#pragma once

#include "storage/commitment_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteCommitmentStore final : public CommitmentStore {
 public:
  // REQUIRES: `store` is migrated (version >= 23) and outlives this object.
  explicit SqliteCommitmentStore(SqliteStore& store) : store_(store) {}

  Result<Commitment> create_commitment(Commitment commitment) override;
  Result<Commitment> get_commitment(TenantId tenant, CommitmentId id) override;
  Result<std::vector<Commitment>> ticket_commitments(TenantId tenant, TicketId ticket) override;
  Result<std::vector<Commitment>> list_commitments(TenantId tenant, const CommitmentFilter& filter) override;
  Result<bool> close_commitment(TenantId tenant, CommitmentId id, CommitmentState state, Timestamp at,
                                const std::string& note) override;
  Result<int> keep_ticket_commitments(TenantId tenant, TicketId ticket, Timestamp at) override;
  Result<std::vector<Commitment>> overdue_commitments(Timestamp now, int limit) override;
  Result<std::vector<Commitment>> reminders_due(Timestamp now, int limit) override;
  Result<bool> break_commitment(const Commitment& commitment, const Notification& notification,
                                Timestamp now) override;
  Result<bool> record_reminder(const Commitment& commitment, const Notification& notification,
                               Timestamp now) override;
  Result<std::vector<CommitmentTally>> commitment_tallies(TenantId tenant, Timestamp from, Timestamp to,
                                                          int limit) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

// The KPI store in the types of the KPI definitions (reporting/rollup.hpp): encodes ticket
// contributions for storage::KpiStore, gives it the codec that turns them into rollup row
// changes inside its transaction, and decodes the rows a report reads. Storage keeps only
// blobs; this is where they get their meaning.
#pragma once

#include <span>
#include <vector>

#include "reporting/rollup.hpp"
#include "storage/kpi_store.hpp"

namespace sp::service {

struct TicketContributionUpdate {
  storage::TicketId ticket;
  reporting::TicketContribution contribution;
};

// The codec of reporting's contributions and day figures (stateless, thread-safe).
const storage::KpiRollupCodec& kpi_rollup_codec();

class KpiRollups {
 public:
  // REQUIRES: `store` outlives this object.
  explicit KpiRollups(storage::KpiStore& store) : store_(store) {}

  // As storage::KpiStore::put_contributions, with reporting's contributions.
  Result<void> put_contributions(const storage::Scope& scope,
                                 std::span<const TicketContributionUpdate> updates, Timestamp now);
  // Rollup rows of `dimension` (not Tenant) with from_day <= day < to_day, decoded; an
  // unreadable row fails.
  Result<std::vector<reporting::RollupRow>> rollup_rows(const storage::Scope& scope,
                                                        reporting::Dimension dimension, std::int64_t from_day,
                                                        std::int64_t to_day);
  // Per key, the backlog steps summed over the days before `day`.
  Result<std::vector<reporting::BacklogBase>> backlog_before(const storage::Scope& scope,
                                                             reporting::Dimension dimension,
                                                             std::int64_t day);

 private:
  storage::KpiStore& store_;
};

}  // namespace sp::service

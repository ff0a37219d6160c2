// Storage of the KPI aggregates (issue 8, migration 10): each ticket's contribution and the
// daily rollups per dimension and key they sum to (reporting/rollup.hpp). Same contract as
// store.hpp: every call is a durable transaction and Scope filters by tenant.
#pragma once

#include <span>
#include <utility>
#include <vector>

#include "reporting/rollup.hpp"
#include "storage/store.hpp"

namespace sp::storage {

// At most this many tickets per put_contributions call (one transaction).
inline constexpr std::size_t kMaxContributionBatch = 2000;

struct TicketContributionUpdate {
  TicketId ticket;
  reporting::TicketContribution contribution;
};

class KpiStore {
 public:
  virtual ~KpiStore() = default;

  // Replaces the stored contribution of each ticket (of the scope's tenant): takes the old one
  // out of the rollups and adds the new one, in one transaction; rows that sum to nothing are
  // deleted. Fails with InvalidInput for a platform scope or a batch over the limit, NotFound
  // when a ticket is not the tenant's, and with a corrupt-aggregate error for an unreadable row
  // (then nothing is written).
  virtual Result<void> put_contributions(const Scope& scope,
                                         std::span<const TicketContributionUpdate> updates,
                                         Timestamp now) = 0;

  // Rollup rows of one dimension (not Tenant) with from_day <= day < to_day.
  virtual Result<std::vector<reporting::RollupRow>> rollup_rows(const Scope& scope,
                                                                reporting::Dimension dimension,
                                                                std::int64_t from_day,
                                                                std::int64_t to_day) = 0;

  // Per key, the backlog steps summed over the days before `day`.
  virtual Result<std::vector<reporting::BacklogBase>> backlog_before(const Scope& scope,
                                                                     reporting::Dimension dimension,
                                                                     std::int64_t day) = 0;

  // Up to `limit` tickets with ids above `after`, of the tenant (or of every tenant for a
  // platform scope), without a contribution, in id order: the work left after an upgrade or a
  // bulk import. Pass the last id returned as `after` to continue.
  virtual Result<std::vector<std::pair<TenantId, TicketId>>> tickets_without_contribution(const Scope& scope,
                                                                                          TicketId after,
                                                                                          int limit) = 0;

  // How many tickets of the tenant were created in [from, to) (index only).
  virtual Result<std::int64_t> count_created(const Scope& scope, Timestamp from, Timestamp to) = 0;
};

}  // namespace sp::storage

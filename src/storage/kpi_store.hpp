// Storage of the KPI aggregates (issue 8, migration 10): each ticket's contribution and the
// daily rollups per dimension and key they sum to. Same contract as store.hpp: every call is a
// durable transaction and Scope filters by tenant.
//
// The store keeps contributions and rollup figures as opaque blobs: what they mean (the KPI
// definitions in reporting/rollup.hpp) is given by the caller as a KpiRollupCodec, so that
// replacing a contribution and updating its rollup rows is one transaction without storage
// knowing the definitions (service/kpi_rollups.hpp is the typed face of this store).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

// At most this many tickets per put_contributions call (one transaction).
inline constexpr std::size_t kMaxContributionBatch = 2000;

struct KpiContributionUpdate {
  TicketId ticket;
  std::string contribution;  // encoded; equal bytes mean nothing the reports show has changed
};

// A change to one rollup row (dimension, local day, group key), or the row as stored.
struct KpiRollupRow {
  std::string dimension;
  std::int64_t day = 0;
  std::string key;
  std::string figures;  // encoded
  std::int64_t backlog_delta = 0;
  std::int64_t backlog_created_sum_ms = 0;
};

// Open tickets per key at the start of a day: the sum of the backlog steps before it.
struct KpiBacklogTotal {
  std::string key;
  std::int64_t count = 0;
  std::int64_t created_sum_ms = 0;
};

// What the blobs mean, supplied by the KPI definitions.
class KpiRollupCodec {
 public:
  virtual ~KpiRollupCodec() = default;
  struct Replacement {
    std::optional<std::string_view> old_contribution;  // none for a ticket measured the first time
    std::string_view new_contribution;
  };
  // The rollup row changes that replacing every old contribution by its new one makes, one
  // change per row (summed), rows that change nothing left out.
  [[nodiscard]] virtual Result<std::vector<KpiRollupRow>> row_changes(
      std::span<const Replacement> replaced) const = 0;
  // `row`'s figures plus `change`'s (a new row when `row` is none); `empty` when the sum holds
  // nothing. An unreadable blob fails.
  struct Sum {
    std::string figures;
    bool empty = false;
  };
  [[nodiscard]] virtual Result<Sum> add_figures(std::optional<std::string_view> row,
                                                std::string_view change) const = 0;
};

class KpiStore {
 public:
  virtual ~KpiStore() = default;

  // Replaces the stored contribution of each ticket (of the scope's tenant): takes the old one
  // out of the rollups and adds the new one, in one transaction; rows that sum to nothing are
  // deleted. Fails with InvalidInput for a platform scope or a batch over the limit, NotFound
  // when a ticket is not the tenant's, and with the codec's error for an unreadable blob (then
  // nothing is written).
  virtual Result<void> put_contributions(const Scope& scope, std::span<const KpiContributionUpdate> updates,
                                         const KpiRollupCodec& codec, Timestamp now) = 0;

  // Rollup rows of one dimension (its reporting name, not "tenant") with from_day <= day < to_day.
  virtual Result<std::vector<KpiRollupRow>> rollup_rows(const Scope& scope, std::string_view dimension,
                                                        std::int64_t from_day, std::int64_t to_day) = 0;

  // Per key, the backlog steps summed over the days before `day`; keys that sum to zero left out.
  virtual Result<std::vector<KpiBacklogTotal>> backlog_before(const Scope& scope, std::string_view dimension,
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

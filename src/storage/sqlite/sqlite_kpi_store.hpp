// KpiStore on the shared SQLite database (migration 10): borrows the SqliteStore's reader pool
// and group-commit writer, so it is as thread-safe and durable as the store itself.
#pragma once

#include "storage/kpi_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteKpiStore final : public KpiStore {
 public:
  // REQUIRES: `store` is migrated (version >= 10) and outlives this object.
  explicit SqliteKpiStore(SqliteStore& store) : store_(store) {}

  Result<void> put_contributions(const Scope& scope, std::span<const KpiContributionUpdate> updates,
                                 const KpiRollupCodec& codec, Timestamp now) override;
  Result<std::vector<KpiRollupRow>> rollup_rows(const Scope& scope, std::string_view dimension,
                                                std::int64_t from_day, std::int64_t to_day) override;
  Result<std::vector<KpiBacklogTotal>> backlog_before(const Scope& scope, std::string_view dimension,
                                                      std::int64_t day) override;
  Result<std::vector<std::pair<TenantId, TicketId>>> tickets_without_contribution(const Scope& scope,
                                                                                  TicketId after,
                                                                                  int limit) override;
  Result<std::int64_t> count_created(const Scope& scope, Timestamp from, Timestamp to) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

// ImprovementStore on the shared SQLite database (migration 11): borrows the SqliteStore's
// reader pool and group-commit writer, like SqliteSurveyStore. Every query is filtered by
// the scope's tenant; a platform-wide scope is refused (the service names one tenant).
#pragma once

#include "storage/improvement_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteImprovementStore final : public ImprovementStore {
 public:
  // REQUIRES: `store` is migrated (version >= 11) and outlives this object.
  explicit SqliteImprovementStore(SqliteStore& store) : store_(store) {}

  Result<std::vector<ImprovementRecord>> list_improvements(const Scope& scope, int limit) override;
  Result<ImprovementRecord> get_improvement(const Scope& scope, std::int64_t id) override;
  Result<ImprovementRecord> create_improvement(const ImprovementRecord& action) override;
  Result<ImprovementRecord> update_improvement(const Scope& scope, const ImprovementRecord& action) override;
  Result<void> delete_improvement(const Scope& scope, std::int64_t id) override;
  Result<std::vector<ImprovementRecord>> replace_improvements(
      TenantId tenant, const std::vector<ImprovementRecord>& actions) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

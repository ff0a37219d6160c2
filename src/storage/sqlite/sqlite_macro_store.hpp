// MacroStore on the shared SQLite database (migration 21): borrows the SqliteStore's reader
// pool and group-commit writer, like SqliteConductStore, so it is as thread-safe and durable
// as the store itself.
#pragma once

#include "storage/macro_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteMacroStore final : public MacroStore {
 public:
  // REQUIRES: `store` is migrated (version >= 21) and outlives this object.
  explicit SqliteMacroStore(SqliteStore& store) : store_(store) {}

  Result<MacroRecord> create_macro(MacroRecord record, std::size_t max_per_tenant) override;
  Result<MacroRecord> get_macro(TenantId tenant, std::int64_t id) override;
  Result<std::vector<MacroRecord>> list_macros(TenantId tenant, std::size_t limit) override;
  Result<void> update_macro(const MacroRecord& record) override;
  Result<void> delete_macro(TenantId tenant, std::int64_t id) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

// ConductStore on the shared SQLite database (migration 18): borrows the SqliteStore's reader
// pool and group-commit writer, like SqliteSurveyStore, so it is as thread-safe and durable as
// the store itself.
#pragma once

#include "storage/conduct_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteConductStore final : public ConductStore {
 public:
  // REQUIRES: `store` is migrated (version >= 18) and outlives this object.
  explicit SqliteConductStore(SqliteStore& store) : store_(store) {}

  Result<std::optional<ConductSettingsRecord>> get_conduct_settings(TenantId tenant) override;
  Result<void> put_conduct_settings(const ConductSettingsRecord& settings) override;
  Result<void> put_message_findings(const MessageConductRecord& record) override;
  Result<std::vector<MessageConductRecord>> message_findings(TenantId tenant, TicketId ticket) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

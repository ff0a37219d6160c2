// MailIntakeStore on the shared SQLite database (migration 12), through the store's reader
// pool and group-commit writer. The auto-reply slot is taken inside one write transaction,
// which SQLite serialises across processes on the same file.
#pragma once

#include "storage/mail_intake_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteMailIntakeStore final : public MailIntakeStore {
 public:
  explicit SqliteMailIntakeStore(SqliteStore& store) : store_(store) {}
  Result<bool> take_auto_reply_slot(TenantId tenant, const std::string& address, Timestamp now,
                                    std::chrono::seconds window, int limit) override;
  Result<void> add_mail_participants(TenantId tenant, TicketId ticket,
                                     const std::vector<std::string>& addresses, Timestamp now) override;
  Result<bool> is_mail_participant(TenantId tenant, TicketId ticket, const std::string& address) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

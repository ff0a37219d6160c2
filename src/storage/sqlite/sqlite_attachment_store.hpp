// AttachmentRecordStore on the shared SQLite database (migration 16): borrows the
// SqliteStore's reader pool and group-commit writer, so it is as thread-safe and durable
// as the store itself.
#pragma once

#include "storage/attachment_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteAttachmentStore final : public AttachmentRecordStore {
 public:
  // REQUIRES: `store` is migrated (version >= 16) and outlives this object.
  explicit SqliteAttachmentStore(SqliteStore& store) : store_(store) {}

  Result<std::vector<AttachmentRecord>> add_attachments(std::vector<AttachmentRecord> records) override;
  Result<std::vector<AttachmentRecord>> ticket_attachments(const Scope& scope, TicketId ticket) override;
  Result<AttachmentRecord> get_attachment(const Scope& scope, TicketId ticket, std::int64_t id) override;
  Result<std::int64_t> count_storage_references(const std::string& storage_key) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

// The mail tables (migration 5, storage/mail_store.hpp) on the shared SQLite database: the
// outbound queue (SqliteOutboxStore) and the IMAP checkpoints (SqliteMailCheckpointStore).
// Both borrow the
// SqliteStore's reader pool and group-commit writer, so they are as thread-safe and durable
// as the store itself.
//
// The free functions run on a Connection inside a transaction someone else owns. They are
// how other parts make a mail change atomic with their own: ingestion stores a message
// and put_checkpoint in one write; a reply is appended to its ticket and insert_outbound in
// one write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <functional>
#include <string_view>

#include "storage/mail_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

// Inserts a queued message due at `now`; returns its id. Fails with InvalidInput without
// recipients or Message-ID, Conflict when the ticket is not the tenant's.
Result<std::int64_t> insert_outbound(Connection& conn, const NewOutboundMail& mail, Timestamp now);

// Records that the message with `checkpoint.last_uid` of `checkpoint.source` is stored.
// Upserts: the row is replaced, also when UIDVALIDITY changed.
Result<void> put_checkpoint(Connection& conn, const MailCheckpoint& checkpoint, Timestamp now);

// The checkpoint of `source`, or nullopt.
Result<std::optional<MailCheckpoint>> read_checkpoint(Connection& conn, const std::string& source);

class SqliteOutboxStore final : public OutboxStore {
 public:
  // REQUIRES: `store` is migrated (version >= 5) and outlives this object.
  explicit SqliteOutboxStore(SqliteStore& store) : store_(store) {}

  Result<OutboundMail> enqueue(NewOutboundMail mail, Timestamp now) override;
  Result<std::vector<OutboundMail>> claim_due(Timestamp now, int limit) override;
  Result<void> mark_sent(std::int64_t id, Timestamp now) override;
  Result<void> reschedule(std::int64_t id, std::string reason, Timestamp next_attempt_at) override;
  Result<void> mark_failed(std::int64_t id, std::string reason) override;
  Result<bool> mark_bounced(TenantId tenant, const std::string& message_id, std::string reason) override;
  Result<int> requeue_stuck(Timestamp now) override;
  Result<std::vector<OutboundMail>> list_for_ticket(TenantId tenant, TicketId ticket) override;
  Result<OutboundMail> get(std::int64_t id) override;
  Result<std::optional<Timestamp>> next_due() override;

 private:
  // Applies `sql` (binding ?1 = id and whatever `bind` adds) to a message in `sending`;
  // NotFound / Conflict when there is no such message or it is not sending.
  Result<void> finish_attempt(std::int64_t id, std::string_view sql,
                              const std::function<void(Statement&)>& bind);

  SqliteStore& store_;
};

class SqliteMailCheckpointStore final : public MailCheckpointStore {
 public:
  // REQUIRES: `store` is migrated and outlives this object.
  explicit SqliteMailCheckpointStore(SqliteStore& store) : store_(store) {}

  Result<std::optional<MailCheckpoint>> get_checkpoint(const std::string& source) override;

  // Stores a checkpoint on its own (ingestion stores it with the message instead).
  Result<void> put(const MailCheckpoint& checkpoint, Timestamp now);

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

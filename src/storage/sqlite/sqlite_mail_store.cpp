#include "storage/sqlite/sqlite_mail_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace sp::storage::sqlite {

namespace {

#define SP_MAIL_COLUMNS                                                                     \
  "id, tenant_id, ticket_id, message_id, envelope_from, recipients, raw, state, attempts, " \
  "next_attempt_at, last_error, created_at, sent_at"

constexpr std::string_view kInsert =
    "INSERT INTO outbound_mail(tenant_id, ticket_id, message_id, envelope_from, recipients, "
    "raw, state, attempts, next_attempt_at, last_error, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, CAST(?6 AS BLOB), 'queued', 0, ?7, '', ?7)";
constexpr std::string_view kClaim =
    "UPDATE outbound_mail SET state = 'sending', attempts = attempts + 1 WHERE id IN ("
    "SELECT id FROM outbound_mail WHERE state = 'queued' AND next_attempt_at <= ?1 "
    "ORDER BY next_attempt_at, id LIMIT ?2) RETURNING " SP_MAIL_COLUMNS;
constexpr std::string_view kMarkSent =
    "UPDATE outbound_mail SET state = 'sent', sent_at = ?2, last_error = '' "
    "WHERE id = ?1 AND state = 'sending'";
constexpr std::string_view kReschedule =
    "UPDATE outbound_mail SET state = 'queued', next_attempt_at = ?2, last_error = ?3 "
    "WHERE id = ?1 AND state = 'sending'";
constexpr std::string_view kMarkFailed =
    "UPDATE outbound_mail SET state = 'failed', last_error = ?2 "
    "WHERE id = ?1 AND state = 'sending'";
constexpr std::string_view kStateOf = "SELECT state FROM outbound_mail WHERE id = ?1";
constexpr std::string_view kRequeue =
    "UPDATE outbound_mail SET state = 'queued', next_attempt_at = ?1 WHERE state = 'sending'";
constexpr std::string_view kListForTicket =
    "SELECT id, tenant_id, ticket_id, message_id, envelope_from, recipients, '', state, "
    "attempts, next_attempt_at, last_error, created_at, sent_at FROM outbound_mail "
    "WHERE tenant_id = ?1 AND ticket_id = ?2 ORDER BY id";
constexpr std::string_view kGet = "SELECT " SP_MAIL_COLUMNS " FROM outbound_mail WHERE id = ?1";
constexpr std::string_view kNextDue = "SELECT MIN(next_attempt_at) FROM outbound_mail WHERE state = 'queued'";
constexpr std::string_view kPutCheckpoint =
    "INSERT INTO mail_checkpoints(source, tenant_id, uidvalidity, last_uid, updated_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(source) DO UPDATE SET tenant_id = excluded.tenant_id, "
    "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, "
    "updated_at = excluded.updated_at";
constexpr std::string_view kGetCheckpoint =
    "SELECT source, tenant_id, uidvalidity, last_uid FROM mail_checkpoints WHERE source = ?1";

#undef SP_MAIL_COLUMNS

std::string recipients_json(const std::vector<std::string>& recipients) {
  return nlohmann::json(recipients).dump();
}

Result<std::vector<std::string>> parse_recipients(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_array()) {
    return internal_error("outbound_mail.recipients is not a JSON array");
  }
  std::vector<std::string> recipients;
  for (const auto& item : parsed) {
    if (!item.is_string()) return internal_error("outbound_mail.recipients holds a non-string");
    recipients.push_back(item.get<std::string>());
  }
  return recipients;
}

// Reads a row in the column order of SP_MAIL_COLUMNS.
Result<OutboundMail> read_mail(const Statement& row) {
  OutboundMail mail;
  mail.id = row.int64(0);
  mail.tenant = TenantId{row.int64(1)};
  if (auto ticket = row.optional_int64(2)) mail.ticket = TicketId{*ticket};
  mail.message_id = row.text(3);
  mail.envelope_from = row.text(4);
  auto recipients = parse_recipients(row.text(5));
  if (!recipients) return recipients.error();
  mail.recipients = std::move(*recipients);
  mail.raw = row.text(6);
  auto state = parse_outbound_state(row.text(7));
  if (!state) return internal_error("outbound_mail.state: " + state.error().message);
  mail.state = *state;
  mail.attempts = static_cast<int>(row.int64(8));
  mail.next_attempt_at = from_unix_ms(row.int64(9));
  mail.last_error = row.text(10);
  mail.created_at = from_unix_ms(row.int64(11));
  if (auto sent = row.optional_int64(12)) mail.sent_at = from_unix_ms(*sent);
  return mail;
}

Result<std::vector<OutboundMail>> read_all(Statement& stmt) {
  std::vector<OutboundMail> rows;
  SP_TRY(for_each_row(stmt, [&rows](const Statement& row) -> Result<void> {
    auto mail = read_mail(row);
    if (!mail) return mail.error();
    rows.push_back(std::move(*mail));
    return {};
  }));
  return rows;
}

Result<void> validate(const NewOutboundMail& mail) {
  if (mail.recipients.empty()) return invalid_input("a message needs a recipient", "recipients");
  if (mail.message_id.empty()) return invalid_input("a message needs a Message-ID", "message_id");
  if (mail.raw.empty()) return invalid_input("the message is empty", "raw");
  return {};
}

}  // namespace

Result<std::int64_t> insert_outbound(Connection& conn, const NewOutboundMail& mail, Timestamp now) {
  SP_TRY(validate(mail));
  auto stmt = conn.prepare(kInsert);
  if (!stmt) return stmt.error();
  stmt->bind(1, mail.tenant.value)
      .bind(3, mail.message_id)
      .bind(4, mail.envelope_from)
      .bind(5, recipients_json(mail.recipients))
      .bind(6, std::string_view(mail.raw))
      .bind(7, to_unix_ms(now));
  if (mail.ticket) {
    stmt->bind(2, mail.ticket->value);
  } else {
    stmt->bind_null(2);
  }
  auto ran = stmt->run();
  if (!ran && ran.error().code == ErrorCode::Conflict) {
    return conflict("the message's ticket or tenant does not exist", kinds::kConstraint);
  }
  SP_TRY(ran);
  return conn.last_insert_rowid();
}

Result<void> put_checkpoint(Connection& conn, const MailCheckpoint& checkpoint, Timestamp now) {
  if (checkpoint.source.empty()) return invalid_input("checkpoint without source", "source");
  auto stmt = conn.prepare(kPutCheckpoint);
  if (!stmt) return stmt.error();
  stmt->bind(1, checkpoint.source)
      .bind(2, checkpoint.tenant.value)
      .bind(3, std::int64_t{checkpoint.uidvalidity})
      .bind(4, std::int64_t{checkpoint.last_uid})
      .bind(5, to_unix_ms(now));
  return stmt->run();
}

Result<std::optional<MailCheckpoint>> read_checkpoint(Connection& conn, const std::string& source) {
  auto stmt = conn.prepare(kGetCheckpoint);
  if (!stmt) return stmt.error();
  stmt->bind(1, source);
  auto has_row = stmt->step();
  if (!has_row) return has_row.error();
  if (!*has_row) return std::optional<MailCheckpoint>{};
  return std::optional<MailCheckpoint>{MailCheckpoint{stmt->text(0), TenantId{stmt->int64(1)},
                                                      static_cast<std::uint32_t>(stmt->int64(2)),
                                                      static_cast<std::uint32_t>(stmt->int64(3))}};
}

Result<OutboundMail> SqliteOutboxStore::enqueue(NewOutboundMail mail, Timestamp now) {
  SP_TRY(validate(mail));
  std::int64_t id = 0;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    auto inserted = insert_outbound(conn, mail, now);
    if (!inserted) return inserted.error();
    id = *inserted;
    return {};
  }));
  OutboundMail queued;
  queued.id = id;
  queued.tenant = mail.tenant;
  queued.ticket = mail.ticket;
  queued.message_id = std::move(mail.message_id);
  queued.envelope_from = std::move(mail.envelope_from);
  queued.recipients = std::move(mail.recipients);
  queued.raw = std::move(mail.raw);
  queued.state = OutboundState::Queued;
  queued.next_attempt_at = now;
  queued.created_at = now;
  return queued;
}

Result<std::vector<OutboundMail>> SqliteOutboxStore::claim_due(Timestamp now, int limit) {
  std::vector<OutboundMail> claimed;
  if (limit <= 0) return claimed;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    claimed.clear();  // in case the writer runs the job again
    auto stmt = conn.prepare(kClaim);
    if (!stmt) return stmt.error();
    stmt->bind(1, to_unix_ms(now)).bind(2, std::int64_t{limit});
    auto rows = read_all(*stmt);
    if (!rows) return rows.error();
    claimed = std::move(*rows);
    return {};
  }));
  // RETURNING gives no order; keep the due order the caller expects.
  std::sort(claimed.begin(), claimed.end(), [](const OutboundMail& a, const OutboundMail& b) {
    return a.next_attempt_at != b.next_attempt_at ? a.next_attempt_at < b.next_attempt_at : a.id < b.id;
  });
  return claimed;
}

Result<void> SqliteOutboxStore::finish_attempt(std::int64_t id, std::string_view sql,
                                               const std::function<void(Statement&)>& bind) {
  return store_.write([&](Connection& conn) -> Result<void> {
    auto stmt = conn.prepare(sql);
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    bind(*stmt);
    SP_TRY(stmt->run());
    if (conn.changes() == 1) return {};
    auto state = conn.prepare(kStateOf);
    if (!state) return state.error();
    state->bind(1, id);
    auto has_row = state->step();
    if (!has_row) return has_row.error();
    if (!*has_row) return not_found("no outbound message " + std::to_string(id));
    return conflict("outbound message " + std::to_string(id) + " is " + state->text(0) + ", not sending",
                    "state");
  });
}

Result<void> SqliteOutboxStore::mark_sent(std::int64_t id, Timestamp now) {
  return finish_attempt(id, kMarkSent, [&](Statement& stmt) { stmt.bind(2, to_unix_ms(now)); });
}

Result<void> SqliteOutboxStore::reschedule(std::int64_t id, std::string reason, Timestamp next_attempt_at) {
  return finish_attempt(id, kReschedule,
                        [&](Statement& stmt) { stmt.bind(2, to_unix_ms(next_attempt_at)).bind(3, reason); });
}

Result<void> SqliteOutboxStore::mark_failed(std::int64_t id, std::string reason) {
  return finish_attempt(id, kMarkFailed, [&](Statement& stmt) { stmt.bind(2, reason); });
}

Result<bool> SqliteOutboxStore::mark_bounced(TenantId tenant, const std::string& message_id,
                                             std::string reason) {
  bool found = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    auto stmt = conn.prepare(
        "UPDATE outbound_mail SET state = 'failed', last_error = ?3 "
        "WHERE tenant_id = ?1 AND message_id = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, tenant.value).bind(2, message_id).bind(3, "bounced: " + reason);
    SP_TRY(stmt->run());
    found = conn.changes() > 0;
    return {};
  }));
  return found;
}

Result<int> SqliteOutboxStore::requeue_stuck(Timestamp now) {
  int requeued = 0;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    auto stmt = conn.prepare(kRequeue);
    if (!stmt) return stmt.error();
    stmt->bind(1, to_unix_ms(now));
    SP_TRY(stmt->run());
    requeued = conn.changes();
    return {};
  }));
  return requeued;
}

Result<std::vector<OutboundMail>> SqliteOutboxStore::list_for_ticket(TenantId tenant, TicketId ticket) {
  return store_.read([&](Connection& conn) -> Result<std::vector<OutboundMail>> {
    auto stmt = conn.prepare(kListForTicket);
    if (!stmt) return stmt.error();
    stmt->bind(1, tenant.value).bind(2, ticket.value);
    return read_all(*stmt);
  });
}

Result<OutboundMail> SqliteOutboxStore::get(std::int64_t id) {
  return store_.read([&](Connection& conn) -> Result<OutboundMail> {
    auto stmt = conn.prepare(kGet);
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    auto rows = read_all(*stmt);
    if (!rows) return rows.error();
    if (rows->empty()) return not_found("no outbound message " + std::to_string(id));
    return std::move(rows->front());
  });
}

Result<std::optional<Timestamp>> SqliteOutboxStore::next_due() {
  return store_.read([&](Connection& conn) -> Result<std::optional<Timestamp>> {
    auto stmt = conn.prepare(kNextDue);
    if (!stmt) return stmt.error();
    auto has_row = stmt->step();
    if (!has_row) return has_row.error();
    if (!*has_row || stmt->is_null(0)) return std::optional<Timestamp>{};
    return std::optional<Timestamp>{from_unix_ms(stmt->int64(0))};
  });
}

Result<std::optional<MailCheckpoint>> SqliteMailCheckpointStore::get_checkpoint(const std::string& source) {
  return store_.read([&](Connection& conn) { return read_checkpoint(conn, source); });
}

Result<void> SqliteMailCheckpointStore::put(const MailCheckpoint& checkpoint, Timestamp now) {
  return store_.write(
      [&](Connection& conn) -> Result<void> { return put_checkpoint(conn, checkpoint, now); });
}

}  // namespace sp::storage::sqlite

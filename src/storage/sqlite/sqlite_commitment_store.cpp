#include "storage/sqlite/sqlite_commitment_store.hpp"

#include <algorithm>

#include "domain/validation.hpp"
#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

#define SP_COMMITMENT_COLUMNS                                                                         \
  "id, tenant_id, ticket_id, agent_id, what, due_at, remind_at, channel, source, state, created_at, " \
  "kept_at, broken_at, cancelled_at, reminded_at, note"

constexpr std::string_view kInsert =
    "INSERT INTO commitments(tenant_id, ticket_id, agent_id, what, due_at, remind_at, channel, source, "
    "state, created_at, note) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', ?9, ?10)";
constexpr std::string_view kGet =
    "SELECT " SP_COMMITMENT_COLUMNS " FROM commitments WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kTicket = "SELECT " SP_COMMITMENT_COLUMNS
                                     " FROM commitments WHERE tenant_id = ?1 AND ticket_id = ?2 "
                                     "ORDER BY due_at, id LIMIT ?3";
// With a state, a range of the (tenant, state, due_at) index; the agent narrows it.
constexpr std::string_view kList =
    "SELECT " SP_COMMITMENT_COLUMNS
    " FROM commitments WHERE tenant_id = ?1 AND (?2 IS NULL OR state = ?2) AND (?3 IS NULL OR agent_id = ?3) "
    "AND (?4 IS NULL OR due_at < ?4) AND (?6 IS NULL OR due_at >= ?6) ORDER BY due_at, id LIMIT ?5";
constexpr std::string_view kClose =
    "UPDATE commitments SET state = ?3, kept_at = CASE WHEN ?3 = 'kept' THEN ?4 END, "
    "cancelled_at = CASE WHEN ?3 = 'cancelled' THEN ?4 END, note = ?5 "
    "WHERE tenant_id = ?1 AND id = ?2 AND state = 'open'";
constexpr std::string_view kKeepTicket =
    "UPDATE commitments SET state = 'kept', kept_at = ?3 WHERE tenant_id = ?1 AND ticket_id = ?2 "
    "AND state = 'open' AND created_at <= ?3 AND due_at >= ?3";
constexpr std::string_view kOverdue = "SELECT " SP_COMMITMENT_COLUMNS
                                      " FROM commitments WHERE state = 'open' AND due_at < ?1 "
                                      "ORDER BY due_at LIMIT ?2";
constexpr std::string_view kRemindersDue =
    "SELECT " SP_COMMITMENT_COLUMNS
    " FROM commitments WHERE state = 'open' AND reminded_at IS NULL AND remind_at <= ?1 "
    "ORDER BY remind_at LIMIT ?2";
constexpr std::string_view kBreak =
    "UPDATE commitments SET state = 'broken', broken_at = ?3 WHERE tenant_id = ?1 AND id = ?2 "
    "AND state = 'open'";
constexpr std::string_view kRemind =
    "UPDATE commitments SET reminded_at = ?3 WHERE tenant_id = ?1 AND id = ?2 AND state = 'open' "
    "AND reminded_at IS NULL";
constexpr std::string_view kNotify =
    "INSERT INTO notifications(tenant_id, ticket_id, agent_id, team_id, kind, message, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
// Quarter hours (900,000 ms) of due time: every zone's midnight falls on one, so the KPI can
// cut local days from them exactly. Both joins are primary-key lookups.
constexpr std::string_view kTallies =
    "SELECT c.agent_id, a.team_id, c.channel, t.category, t.tags, c.due_at / 900000, "
    "SUM(c.state = 'kept'), SUM(c.state = 'broken') FROM commitments c "
    "JOIN agents a ON a.tenant_id = c.tenant_id AND a.id = c.agent_id "
    "JOIN tickets t ON t.tenant_id = c.tenant_id AND t.id = c.ticket_id "
    "WHERE c.tenant_id = ?1 AND c.state IN ('kept', 'broken') AND c.due_at >= ?2 AND c.due_at < ?3 "
    "GROUP BY 1, 2, 3, 4, 5, 6 LIMIT ?4";

Commitment read_commitment(const Statement& row) {
  Commitment c;
  c.id = CommitmentId{row.int64(0)};
  c.tenant_id = TenantId{row.int64(1)};
  c.ticket_id = TicketId{row.int64(2)};
  c.agent_id = AgentId{row.int64(3)};
  c.what = row.text(4);
  c.due_at = from_unix_ms(row.int64(5));
  c.remind_at = from_unix_ms(row.int64(6));
  c.channel = parse_or(parse_channel(row.text(7)), Channel::Email);
  c.source = parse_or(parse_commitment_source(row.text(8)), CommitmentSource::Manual);
  c.state = parse_or(parse_commitment_state(row.text(9)), CommitmentState::Open);
  c.created_at = from_unix_ms(row.int64(10));
  auto instant = [&row](int column) -> std::optional<Timestamp> {
    auto raw = row.optional_int64(column);
    if (!raw) return std::nullopt;
    return from_unix_ms(*raw);
  };
  c.kept_at = instant(11);
  c.broken_at = instant(12);
  c.cancelled_at = instant(13);
  c.reminded_at = instant(14);
  c.note = row.text(15);
  return c;
}

Result<void> insert_notification(Connection& conn, const Notification& n, Timestamp now) {
  SP_PREPARE(note, conn, kNotify);
  note.bind(1, n.tenant_id.value)
      .bind(2, n.ticket_id.value)
      .bind(3, raw_id(n.agent_id))
      .bind(4, raw_id(n.team_id))
      .bind(5, n.kind)
      .bind(6, n.message)
      .bind(7, to_unix_ms(now));
  return note.run();
}

std::int64_t clamp_limit(int limit) {
  return std::clamp<std::int64_t>(limit, 1, kMaxPageSize);
}

}  // namespace

Result<Commitment> SqliteCommitmentStore::create_commitment(Commitment commitment) {
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kInsert);
    stmt.bind(1, commitment.tenant_id.value)
        .bind(2, commitment.ticket_id.value)
        .bind(3, commitment.agent_id.value)
        .bind(4, commitment.what)
        .bind(5, to_unix_ms(commitment.due_at))
        .bind(6, to_unix_ms(commitment.remind_at))
        .bind(7, to_string(commitment.channel))
        .bind(8, to_string(commitment.source))
        .bind(9, to_unix_ms(commitment.created_at))
        .bind(10, commitment.note);
    SP_TRY(stmt.run());
    commitment.id = CommitmentId{conn.last_insert_rowid()};
    commitment.state = CommitmentState::Open;
    return {};
  }));
  return commitment;
}

Result<Commitment> SqliteCommitmentStore::get_commitment(TenantId tenant, CommitmentId id) {
  return store_.read([&](Connection& conn) -> Result<Commitment> {
    SP_PREPARE(stmt, conn, kGet);
    stmt.bind(1, tenant.value).bind(2, id.value);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("no such commitment");
    return read_commitment(stmt);
  });
}

Result<std::vector<Commitment>> SqliteCommitmentStore::ticket_commitments(TenantId tenant, TicketId ticket) {
  return store_.read([&](Connection& conn) -> Result<std::vector<Commitment>> {
    SP_PREPARE(stmt, conn, kTicket);
    stmt.bind(1, tenant.value).bind(2, ticket.value).bind(3, std::int64_t{kMaxPageSize});
    return collect_rows(stmt, read_commitment);
  });
}

Result<std::vector<Commitment>> SqliteCommitmentStore::list_commitments(TenantId tenant,
                                                                        const CommitmentFilter& filter) {
  return store_.read([&](Connection& conn) -> Result<std::vector<Commitment>> {
    SP_PREPARE(stmt, conn, kList);
    std::optional<std::string> state;
    if (filter.state) state = std::string(to_string(*filter.state));
    stmt.bind(1, tenant.value)
        .bind(2, state)
        .bind(3, raw_id(filter.agent_id))
        .bind(4, raw_time(filter.due_before))
        .bind(5, clamp_limit(filter.limit))
        .bind(6, raw_time(filter.due_from));
    return collect_rows(stmt, read_commitment);
  });
}

Result<bool> SqliteCommitmentStore::close_commitment(TenantId tenant, CommitmentId id, CommitmentState state,
                                                     Timestamp at, const std::string& note) {
  bool closed = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kClose);
    stmt.bind(1, tenant.value)
        .bind(2, id.value)
        .bind(3, to_string(state))
        .bind(4, to_unix_ms(at))
        .bind(5, note);
    SP_TRY(stmt.run());
    closed = conn.changes() > 0;
    return {};
  }));
  if (!closed) {
    SP_TRY(get_commitment(tenant, id));  // NotFound when it is not the tenant's
  }
  return closed;
}

Result<int> SqliteCommitmentStore::keep_ticket_commitments(TenantId tenant, TicketId ticket, Timestamp at) {
  int kept = 0;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kKeepTicket);
    stmt.bind(1, tenant.value).bind(2, ticket.value).bind(3, to_unix_ms(at));
    SP_TRY(stmt.run());
    kept = conn.changes();
    return {};
  }));
  return kept;
}

Result<std::vector<Commitment>> SqliteCommitmentStore::overdue_commitments(Timestamp now, int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<Commitment>> {
    SP_PREPARE(stmt, conn, kOverdue);
    stmt.bind(1, to_unix_ms(now)).bind(2, clamp_limit(limit));
    return collect_rows(stmt, read_commitment);
  });
}

Result<std::vector<Commitment>> SqliteCommitmentStore::reminders_due(Timestamp now, int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<Commitment>> {
    SP_PREPARE(stmt, conn, kRemindersDue);
    stmt.bind(1, to_unix_ms(now)).bind(2, clamp_limit(limit));
    return collect_rows(stmt, read_commitment);
  });
}

Result<bool> SqliteCommitmentStore::break_commitment(const Commitment& commitment,
                                                     const Notification& notification, Timestamp now) {
  bool broken = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    broken = false;
    SP_PREPARE(stmt, conn, kBreak);
    stmt.bind(1, commitment.tenant_id.value).bind(2, commitment.id.value).bind(3, to_unix_ms(now));
    SP_TRY(stmt.run());
    if (conn.changes() == 0) return {};  // decided before: exactly once
    TicketEvent event;
    event.type = EventType::CommitmentBroken;
    event.actor = Actor{ActorType::System, 0};
    event.at = now;
    event.field = "commitment";
    event.from = std::to_string(commitment.id.value);
    event.to = format_rfc3339(commitment.due_at);
    std::vector<TicketEvent> events{std::move(event)};
    Ticket ticket;
    ticket.id = commitment.ticket_id;
    ticket.tenant_id = commitment.tenant_id;
    SP_TRY(append_events(conn, ticket, events, std::nullopt));
    SP_TRY(insert_notification(conn, notification, now));
    broken = true;
    return {};
  }));
  return broken;
}

Result<bool> SqliteCommitmentStore::record_reminder(const Commitment& commitment,
                                                    const Notification& notification, Timestamp now) {
  bool reminded = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    reminded = false;
    SP_PREPARE(stmt, conn, kRemind);
    stmt.bind(1, commitment.tenant_id.value).bind(2, commitment.id.value).bind(3, to_unix_ms(now));
    SP_TRY(stmt.run());
    if (conn.changes() == 0) return {};  // reminded before: exactly once
    SP_TRY(insert_notification(conn, notification, now));
    reminded = true;
    return {};
  }));
  return reminded;
}

Result<std::vector<CommitmentTally>> SqliteCommitmentStore::commitment_tallies(TenantId tenant,
                                                                               Timestamp from, Timestamp to,
                                                                               int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<CommitmentTally>> {
    SP_PREPARE(stmt, conn, kTallies);
    stmt.bind(1, tenant.value).bind(2, to_unix_ms(from)).bind(3, to_unix_ms(to)).bind(4, std::max(1, limit));
    return collect_rows(stmt, [](const Statement& row) {
      CommitmentTally tally;
      tally.agent_id = AgentId{row.int64(0)};
      tally.team_id = optional_id<TeamId>(row, 1);
      tally.channel = parse_or(parse_channel(row.text(2)), Channel::Email);
      tally.category = row.text(3);
      tally.tags = domain::split_tags(row.text(4));
      tally.due_from = from_unix_ms(row.int64(5) * 900'000);
      tally.kept = row.int64(6);
      tally.broken = row.int64(7);
      return tally;
    });
  });
}

}  // namespace sp::storage::sqlite

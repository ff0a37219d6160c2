// SqliteStore as TicketStore: tickets, their messages and their event history (ticket_events,
// numbered by seq per ticket), the list and report queries over them, and the queue
// summaries that join the SLA timers.
#include "storage/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <array>
#include <span>

#include "domain/validation.hpp"
#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

Ticket read_ticket(const Statement& s) {
  Ticket t;
  t.id = TicketId{s.int64(0)};
  t.tenant_id = TenantId{s.int64(1)};
  t.subject = s.text(2);
  t.status = parse_or(parse_status(s.text(3)), Status::Open);
  t.priority = parse_or(parse_priority(s.text(4)), Priority::Normal);
  t.channel = parse_or(parse_channel(s.text(5)), Channel::Web);
  t.category = s.text(6);
  t.tags = split_tags(s.text(7));
  t.team_id = optional_id<TeamId>(s, 8);
  t.assignee_id = optional_id<AgentId>(s, 9);
  t.requester_id = CustomerId{s.int64(10)};
  t.created_at = from_unix_ms(s.int64(11));
  t.updated_at = from_unix_ms(s.int64(12));
  if (auto solved = s.optional_int64(13)) t.solved_at = from_unix_ms(*solved);
  t.version = s.int64(14);
  return t;
}

namespace {

Message read_message(const Statement& s) {
  Message m;
  m.id = MessageId{s.int64(0)};
  m.ticket_id = TicketId{s.int64(1)};
  m.tenant_id = TenantId{s.int64(2)};
  m.kind = parse_or(parse_message_kind(s.text(3)), MessageKind::Note);
  m.author.type = parse_or(parse_actor_type(s.text(4)), ActorType::System);
  m.author.id = s.int64(5);
  m.body = s.text(6);
  m.created_at = from_unix_ms(s.int64(7));
  m.automatic = s.int64(8) != 0;
  return m;
}

TicketEvent read_event(const Statement& s) {
  TicketEvent e;
  e.ticket_id = TicketId{s.int64(0)};
  e.seq = s.int64(1);
  e.tenant_id = TenantId{s.int64(2)};
  e.type = parse_or(parse_event_type(s.text(3)), EventType::FieldChanged);
  e.actor.type = parse_or(parse_actor_type(s.text(4)), ActorType::System);
  e.actor.id = s.int64(5);
  e.at = from_unix_ms(s.int64(6));
  e.field = s.text(7);
  e.from = s.text(8);
  e.to = s.text(9);
  if (!s.is_null(10)) e.message_kind = parse_or(parse_message_kind(s.text(10)), MessageKind::Note);
  e.message_id = optional_id<MessageId>(s, 11);
  return e;
}

// Loads a ticket visible in `scope` through `conn` (reader or writer).
Result<Ticket> load_ticket(Connection& conn, const Scope& scope, TicketId id) {
  SP_PREPARE(stmt, conn,
             "SELECT id, tenant_id, subject, status, priority, channel, category, tags, team_id, "
             "assignee_id, requester_id, created_at, updated_at, solved_at, version FROM tickets "
             "WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)");
  stmt.bind(1, id.value).bind(2, raw_id(scope.tenant));
  SP_STEP(found, stmt);
  if (!found) return not_found("ticket " + std::to_string(id.value) + " not found");
  return read_ticket(stmt);
}

Result<void> insert_ticket_row(Connection& conn, Ticket& ticket) {
  SP_PREPARE(stmt, conn,
             "INSERT INTO tickets(tenant_id, subject, status, priority, channel, category, tags, "
             "team_id, assignee_id, requester_id, created_at, updated_at, solved_at, version) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  stmt.bind(1, ticket.tenant_id.value)
      .bind(2, ticket.subject)
      .bind(3, to_string(ticket.status))
      .bind(4, to_string(ticket.priority))
      .bind(5, to_string(ticket.channel))
      .bind(6, ticket.category)
      .bind(7, join_tags(ticket.tags))
      .bind(8, raw_id(ticket.team_id))
      .bind(9, raw_id(ticket.assignee_id))
      .bind(10, ticket.requester_id.value)
      .bind(11, to_unix_ms(ticket.created_at))
      .bind(12, to_unix_ms(ticket.updated_at))
      .bind(13, raw_time(ticket.solved_at))
      .bind(14, ticket.version);
  SP_TRY(stmt.run());
  ticket.id = TicketId{conn.last_insert_rowid()};
  return {};
}

Result<void> update_ticket_row(Connection& conn, const Ticket& ticket) {
  SP_PREPARE(stmt, conn,
             "UPDATE tickets SET subject = ?2, status = ?3, priority = ?4, category = ?5, "
             "tags = ?6, team_id = ?7, assignee_id = ?8, updated_at = ?9, solved_at = ?10, "
             "version = ?11 WHERE id = ?1");
  stmt.bind(1, ticket.id.value)
      .bind(2, ticket.subject)
      .bind(3, to_string(ticket.status))
      .bind(4, to_string(ticket.priority))
      .bind(5, ticket.category)
      .bind(6, join_tags(ticket.tags))
      .bind(7, raw_id(ticket.team_id))
      .bind(8, raw_id(ticket.assignee_id))
      .bind(9, to_unix_ms(ticket.updated_at))
      .bind(10, raw_time(ticket.solved_at))
      .bind(11, ticket.version);
  return stmt.run();
}

Result<MessageId> insert_message_row(Connection& conn, const Ticket& ticket, MessageKind kind, Actor author,
                                     const std::string& body, Timestamp at, bool automatic) {
  SP_PREPARE(stmt, conn,
             "INSERT INTO messages(ticket_id, tenant_id, kind, author_type, author_id, body, "
             "created_at, automatic) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  stmt.bind(1, ticket.id.value)
      .bind(2, ticket.tenant_id.value)
      .bind(3, to_string(kind))
      .bind(4, to_string(author.type))
      .bind(5, author.id)
      .bind(6, body)
      .bind(7, to_unix_ms(at))
      .bind(8, std::int64_t{automatic ? 1 : 0});
  SP_TRY(stmt.run());
  return MessageId{conn.last_insert_rowid()};
}

}  // namespace

Result<void> append_events(Connection& conn, const Ticket& ticket, std::vector<TicketEvent>& events,
                           std::optional<MessageId> message_id) {
  if (events.empty()) return {};
  SP_PREPARE(last, conn, "SELECT COALESCE(MAX(seq), 0) FROM ticket_events WHERE ticket_id = ?1");
  last.bind(1, ticket.id.value);
  SP_STEP(has_row, last);
  std::int64_t seq = has_row ? last.int64(0) : 0;
  SP_PREPARE(stmt, conn,
             "INSERT INTO ticket_events(ticket_id, seq, tenant_id, type, actor_type, actor_id, at, "
             "field, from_value, to_value, message_kind, message_id) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  for (auto& event : events) {
    event.ticket_id = ticket.id;
    event.tenant_id = ticket.tenant_id;
    event.seq = ++seq;
    if (event.type == EventType::MessageAdded && message_id && !event.message_id) {
      event.message_id = message_id;
    }
    std::optional<std::string> kind;
    if (event.message_kind) kind = std::string(to_string(*event.message_kind));
    stmt.bind(1, event.ticket_id.value)
        .bind(2, event.seq)
        .bind(3, event.tenant_id.value)
        .bind(4, to_string(event.type))
        .bind(5, to_string(event.actor.type))
        .bind(6, event.actor.id)
        .bind(7, to_unix_ms(event.at))
        .bind(8, event.field)
        .bind(9, event.from)
        .bind(10, event.to)
        .bind(11, kind)
        .bind(12, raw_id(event.message_id));
    SP_TRY(stmt.run());
  }
  return {};
}

Result<Ticket> SqliteStore::create_ticket(TicketDraft draft, std::optional<NewMessage> first_message) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_TRY(insert_ticket_row(conn, draft.ticket));
    std::optional<MessageId> message_id;
    if (first_message) {
      auto inserted = insert_message_row(conn, draft.ticket, first_message->kind, first_message->author,
                                         first_message->body, first_message->at, first_message->automatic);
      if (!inserted) return inserted.error();
      message_id = *inserted;
      if (first_message->receipt) {
        SP_TRY(record_receipt(conn, draft.ticket, *message_id, *first_message->receipt, first_message->at));
      }
    }
    return append_events(conn, draft.ticket, draft.events, message_id);
  }));
  return std::move(draft.ticket);
}

Result<Ticket> SqliteStore::get_ticket(const Scope& scope, TicketId id) {
  return read([&](Connection& conn) { return load_ticket(conn, scope, id); });
}

namespace {

constexpr const char* kTicketColumns =
    "t.id, t.tenant_id, t.subject, t.status, t.priority, t.channel, t.category, t.tags, t.team_id, "
    "t.assignee_id, t.requester_id, t.created_at, t.updated_at, t.solved_at, t.version";

// A listing's SQL, built from fixed fragments, with every value a bound parameter.
class TicketQuery {
 public:
  explicit TicketQuery(std::string sql) : sql_(std::move(sql)) {}

  void add(std::string_view fragment) { sql_ += fragment; }
  // Appends `clause` followed by the placeholder of a new integer parameter.
  void add_int(std::string_view clause, std::int64_t value) {
    sql_ += clause;
    sql_ += placeholder(Bind{0, false, value, {}});
  }
  void add_text(std::string_view clause, std::string value) {
    sql_ += clause;
    sql_ += placeholder(Bind{0, true, 0, std::move(value)});
  }
  // A new text parameter's placeholder, for a fragment that names it more than once.
  std::string text_placeholder(std::string value) { return placeholder(Bind{0, true, 0, std::move(value)}); }

  Result<std::vector<Ticket>> run(Connection& conn) const {
    auto stmt = conn.prepare_uncached(sql_);
    if (!stmt) return stmt.error();
    for (const auto& bind : binds_) {
      if (bind.is_text) {
        stmt->bind(bind.index, bind.text);
      } else {
        stmt->bind(bind.index, bind.number);
      }
    }
    return collect_rows(*stmt, read_ticket);
  }

 private:
  struct Bind {
    int index;
    bool is_text;
    std::int64_t number;
    std::string text;
  };
  std::string placeholder(Bind bind) {
    bind.index = static_cast<int>(binds_.size()) + 1;
    binds_.push_back(std::move(bind));
    return "?" + std::to_string(binds_.size());
  }

  std::string sql_;
  std::vector<Bind> binds_;
};

// The conditions on the ticket row (alias t) that every listing shares.
void add_ticket_conditions(TicketQuery& query, std::optional<TenantId> tenant, const TicketFilter& filter) {
  if (tenant) query.add_int(" AND t.tenant_id = ", tenant->value);
  if (!filter.statuses.empty()) {
    query.add(" AND t.status IN (");
    for (std::size_t idx = 0; idx < filter.statuses.size(); ++idx) {
      query.add_text(idx > 0 ? ", " : "", std::string(to_string(filter.statuses[idx])));
    }
    query.add(")");
  }
  if (filter.team) query.add_int(" AND t.team_id = ", filter.team->value);
  if (filter.assignee) query.add_int(" AND t.assignee_id = ", filter.assignee->value);
  if (filter.unassigned_only) query.add(" AND t.assignee_id IS NULL");
  if (filter.requester) query.add_int(" AND t.requester_id = ", filter.requester->value);
  if (filter.updated_since) query.add_int(" AND t.updated_at >= ", to_unix_ms(*filter.updated_since));
  if (filter.channel) query.add_text(" AND t.channel = ", std::string(to_string(*filter.channel)));
  if (filter.search && !filter.search->empty()) {
    // LIKE with our own escape character, so % and _ typed by a user match literally.
    std::string pattern = "%";
    for (char c : *filter.search) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += "%";
    auto ph = query.text_placeholder(pattern);
    query.add(
        " AND (t.subject LIKE " + ph +
        " ESCAPE '\\' OR EXISTS (SELECT 1 FROM customers c WHERE c.id = t.requester_id AND c.name LIKE " +
        ph + " ESCAPE '\\'))");
  }
}

// One stretch of a due-ordered listing: the tickets whose timer row matches `timers` (or that
// have no running due time at all), in index order of (due_at, ticket_id).
struct DueSegment {
  const char* timers;  // condition on s; nullptr: the tickets without a due time
  bool descending;
};

// sort=due: every due time, earliest (most overdue) first, then the tickets without one.
constexpr std::array<DueSegment, 2> kDueSegments{{{"s.due_at IS NOT NULL", false}, {nullptr, false}}};
// sort=urgency (TicketFilter::sort_by_urgency); the partial indexes of migration 19 serve
// each stretch in order.
constexpr std::array<DueSegment, 3> kUrgencySegments{{{"s.breached = 0 AND s.due_at IS NOT NULL", false},
                                                      {"s.breached = 1 AND s.due_at IS NOT NULL", true},
                                                      {nullptr, true}}};

TicketQuery segment_query(const DueSegment& segment, std::optional<TenantId> tenant,
                          const TicketFilter& filter, const UrgencyKey* after, int limit) {
  const std::string dir = segment.descending ? " DESC" : "";
  const std::string cmp = segment.descending ? " < " : " > ";
  if (segment.timers == nullptr) {
    TicketQuery query(std::string("SELECT ") + kTicketColumns +
                      " FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id "
                      "AND s.due_at IS NOT NULL)");
    add_ticket_conditions(query, tenant, filter);
    if (after) query.add_int(" AND t.id" + cmp, after->id);
    query.add(" ORDER BY t.id" + dir);
    query.add_int(" LIMIT ", limit);
    return query;
  }
  TicketQuery query(std::string("SELECT ") + kTicketColumns +
                    " FROM sla_timers s JOIN tickets t ON t.id = s.ticket_id WHERE " + segment.timers);
  // The timer's own tenant column leads the partial indexes.
  if (tenant) query.add_int(" AND s.tenant_id = ", tenant->value);
  if (filter.sla_at_risk_only) query.add(" AND s.at_risk = 1 AND s.breached = 0");
  if (filter.sla_breached_only) query.add(" AND s.breached = 1");
  // The clock's copy of the assignee, so the per-assignee partial indexes serve the order.
  if (filter.assignee) query.add_int(" AND s.assignee_id = ", filter.assignee->value);
  if (filter.unassigned_only) query.add(" AND s.assignee_id IS NULL");
  add_ticket_conditions(query, tenant, filter);
  if (after) {
    query.add_int(" AND (s.due_at, s.ticket_id)" + cmp + "(", after->due_ms);
    query.add_int(", ", after->id);
    query.add(")");
  }
  query.add(" ORDER BY s.due_at" + dir + ", s.ticket_id" + dir);
  query.add_int(" LIMIT ", limit);
  return query;
}

}  // namespace

Result<std::vector<Ticket>> SqliteStore::list_tickets(const Scope& scope, const TicketFilter& filter) {
  if (scope.tenant && filter.tenant && *scope.tenant != *filter.tenant) {
    return std::vector<Ticket>{};  // another tenant's tickets are invisible, not forbidden
  }
  const auto tenant = scope.tenant ? scope.tenant : filter.tenant;
  const int limit = std::clamp(filter.limit, 1, kMaxPageSize);
  if (!filter.sort_by_due && !filter.sort_by_urgency) {
    TicketQuery query(std::string("SELECT ") + kTicketColumns + " FROM tickets t");
    const bool join_timers = filter.sla_at_risk_only || filter.sla_breached_only;
    if (join_timers) query.add(" JOIN sla_timers s ON s.ticket_id = t.id");
    query.add(" WHERE 1 = 1");
    add_ticket_conditions(query, tenant, filter);
    if (filter.sla_at_risk_only) query.add(" AND s.at_risk = 1 AND s.breached = 0");
    if (filter.sla_breached_only) query.add(" AND s.breached = 1");
    if (filter.before_id) query.add_int(" AND t.id < ", *filter.before_id);
    query.add(" ORDER BY t.id DESC");
    query.add_int(" LIMIT ", limit);
    return read([&](Connection& conn) { return query.run(conn); });
  }
  // Due orders read their stretches one after another until the page is full, each from
  // where the cursor stands, so a page costs its own rows and not the size of the queue.
  const std::span<const DueSegment> segments = filter.sort_by_urgency
                                                   ? std::span<const DueSegment>(kUrgencySegments)
                                                   : std::span<const DueSegment>(kDueSegments);
  const bool sla_only = filter.sla_at_risk_only || filter.sla_breached_only;
  return read([&](Connection& conn) -> Result<std::vector<Ticket>> {
    std::vector<Ticket> page;
    const std::size_t first = filter.after ? static_cast<std::size_t>(filter.after->segment) : 0;
    for (std::size_t idx = first; idx < segments.size() && static_cast<int>(page.size()) < limit; ++idx) {
      const auto& segment = segments[idx];
      if (segment.timers == nullptr && sla_only) break;  // no clock: neither at risk nor breached
      if (filter.sla_at_risk_only && segment.descending && segment.timers != nullptr) continue;  // breached
      if (filter.sla_breached_only && filter.sort_by_urgency && idx == 0) continue;  // not breached
      // A pointer, not a copied optional: g++ 12 warns about the copy's fields.
      const UrgencyKey* after = idx == first && filter.after ? &*filter.after : nullptr;
      auto rows =
          segment_query(segment, tenant, filter, after, limit - static_cast<int>(page.size())).run(conn);
      if (!rows) return rows.error();
      for (auto& row : *rows) page.push_back(std::move(row));
    }
    return page;
  });
}

Result<QueueCounts> SqliteStore::queue_counts(const Scope& scope, std::optional<TenantId> tenant,
                                              std::optional<AgentId> me) {
  if (scope.tenant && tenant && *scope.tenant != *tenant) return QueueCounts{};
  const auto which = scope.tenant ? scope.tenant : tenant;
  return read([&](Connection& conn) -> Result<QueueCounts> {
    QueueCounts counts;
    SP_PREPARE(work, conn,
               "SELECT COALESCE(SUM(n), 0), COALESCE(SUM(CASE WHEN assignee_id = ?2 THEN n END), 0), "
               "COALESCE(SUM(CASE WHEN assignee_id = 0 THEN n END), 0) FROM ticket_counts "
               "WHERE (?1 IS NULL OR tenant_id = ?1) AND status IN (?3, ?4, ?5, ?6)");
    work.bind(1, raw_id(which)).bind(2, me ? me->value : std::int64_t{-1});
    int index = 3;
    for (auto status : {Status::New, Status::Open, Status::Pending, Status::OnHold}) {
      work.bind(index++, std::string(to_string(status)));
    }
    SP_STEP(has_work, work);
    if (has_work) {
      counts.open = work.int64(0);
      counts.mine = work.int64(1);
      counts.unassigned = work.int64(2);
    }
    SP_PREPARE(clocks, conn,
               "SELECT COALESCE(SUM(CASE WHEN at_risk = 1 AND breached = 0 THEN n END), 0), "
               "COALESCE(SUM(CASE WHEN breached = 1 THEN n END), 0) FROM sla_timer_counts "
               "WHERE (?1 IS NULL OR tenant_id = ?1)");
    clocks.bind(1, raw_id(which));
    SP_STEP(has_clocks, clocks);
    if (has_clocks) {
      counts.at_risk = clocks.int64(0);
      counts.breached = clocks.int64(1);
    }
    return counts;
  });
}

Result<Ticket> SqliteStore::update_ticket(const Scope& scope, TicketId id, const TicketDecision& decide) {
  Ticket result;
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    auto current = load_ticket(conn, scope, id);
    if (!current) return current.error();
    auto change = decide(*current);
    if (!change) return change.error();
    if (change->events.empty()) {
      result = std::move(*current);
      return {};
    }
    SP_TRY(update_ticket_row(conn, change->after));
    SP_TRY(append_events(conn, change->after, change->events, std::nullopt));
    result = std::move(change->after);
    return {};
  }));
  return result;
}

Result<AppendedMessage> SqliteStore::append_message(const Scope& scope, TicketId id, NewMessage message,
                                                    const TicketDecision& decide) {
  AppendedMessage result;
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    auto current = load_ticket(conn, scope, id);
    if (!current) return current.error();
    auto change = decide(*current);
    if (!change) return change.error();
    auto message_id = insert_message_row(conn, change->after, message.kind, message.author, message.body,
                                         message.at, message.automatic);
    if (!message_id) return message_id.error();
    if (message.receipt)
      SP_TRY(record_receipt(conn, change->after, *message_id, *message.receipt, message.at));
    SP_TRY(update_ticket_row(conn, change->after));
    SP_TRY(append_events(conn, change->after, change->events, *message_id));
    result.ticket = std::move(change->after);
    result.message = Message{*message_id,  result.ticket.id, result.ticket.tenant_id,
                             message.kind, message.author,   std::move(message.body),
                             message.at,   message.automatic};
    return {};
  }));
  return result;
}

Result<std::vector<Message>> SqliteStore::list_messages(const Scope& scope, TicketId id) {
  return read([&](Connection& conn) -> Result<std::vector<Message>> {
    auto ticket = load_ticket(conn, scope, id);
    if (!ticket) return ticket.error();
    SP_PREPARE(stmt, conn,
               "SELECT id, ticket_id, tenant_id, kind, author_type, author_id, body, created_at, "
               "automatic FROM messages WHERE ticket_id = ?1 ORDER BY id");
    stmt.bind(1, id.value);
    return collect_rows(stmt, read_message);
  });
}

Result<std::vector<TicketEvent>> SqliteStore::list_events(const Scope& scope, TicketId id) {
  auto history = ticket_history(scope, id);
  if (!history) return history.error();
  return std::move(history->events);
}

Result<TicketHistory> SqliteStore::ticket_history(const Scope& scope, TicketId id) {
  return read([&](Connection& conn) -> Result<TicketHistory> {
    auto ticket = load_ticket(conn, scope, id);
    if (!ticket) return ticket.error();
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id, seq, tenant_id, type, actor_type, actor_id, at, field, "
               "from_value, to_value, message_kind, message_id FROM ticket_events "
               "WHERE ticket_id = ?1 ORDER BY seq");
    stmt.bind(1, id.value);
    TicketHistory out{std::move(*ticket), {}};
    SP_TRY(for_each_row(stmt, [&out](const Statement& row) { out.events.push_back(read_event(row)); }));
    return out;
  });
}

Result<void> SqliteStore::import_tickets(std::vector<ImportedTicket> tickets) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    for (auto& imported : tickets) {
      SP_TRY(insert_ticket_row(conn, imported.ticket));
      std::vector<MessageId> message_ids;
      for (const auto& message : imported.messages) {
        auto inserted = insert_message_row(conn, imported.ticket, message.kind, message.author, message.body,
                                           message.created_at, message.automatic);
        if (!inserted) return inserted.error();
        message_ids.push_back(*inserted);
      }
      for (auto& event : imported.events) {
        if (event.message_id) {
          auto index = event.message_id->value - 1;
          if (index < 0 || index >= static_cast<std::int64_t>(message_ids.size())) {
            return invalid_input("imported event refers to a message that is not there");
          }
          event.message_id = message_ids[static_cast<std::size_t>(index)];
        }
      }
      SP_TRY(append_events(conn, imported.ticket, imported.events, std::nullopt));
    }
    return {};
  });
}

Result<ExternalIds<TicketId>> SqliteStore::external_tickets(TenantId tenant, const std::string& source) {
  return read([&](Connection& conn) -> Result<ExternalIds<TicketId>> {
    SP_PREPARE(stmt, conn,
               "SELECT external_id, id FROM tickets WHERE tenant_id = ?1 AND external_source = ?2 "
               "AND external_id IS NOT NULL");
    stmt.bind(1, tenant.value).bind(2, source);
    return collect_rows(stmt, [](const Statement& row) {
      return std::pair{row.text(0), TicketId{row.int64(1)}};
    });
  });
}

Result<std::vector<std::string>> SqliteStore::external_message_ids(const Scope& scope, TicketId id) {
  return read([&](Connection& conn) -> Result<std::vector<std::string>> {
    auto ticket = load_ticket(conn, scope, id);
    if (!ticket) return ticket.error();
    SP_PREPARE(
        stmt, conn,
        "SELECT external_id FROM messages WHERE ticket_id = ?1 AND external_id IS NOT NULL ORDER BY id");
    stmt.bind(1, id.value);
    return collect_rows(stmt, [](const Statement& row) { return row.text(0); });
  });
}

namespace {

// Writes one imported ticket (new, or what a later export added) in the caller's savepoint.
Result<TicketId> write_external_ticket(Connection& conn, TenantId tenant, ExternalTicketWrite& write) {
  Ticket& ticket = write.history.ticket;
  ticket.tenant_id = tenant;
  if (write.existing) {
    auto current = load_ticket(conn, Scope::of(tenant), *write.existing);
    if (!current) return current.error();
    if (current->version != write.expected_version) {
      return conflict("ticket T-" + std::to_string(write.existing->value) + " changed during the import",
                      kinds::kVersionMismatch);
    }
    ticket.id = *write.existing;
    SP_TRY(update_ticket_row(conn, ticket));
  } else {
    SP_TRY(insert_ticket_row(conn, ticket));
    SP_PREPARE(mark, conn, "UPDATE tickets SET external_source = ?2, external_id = ?3 WHERE id = ?1");
    mark.bind(1, ticket.id.value).bind(2, write.ref.source).bind(3, write.ref.id);
    auto marked = mark.run();
    if (!marked && marked.error().code == ErrorCode::Conflict) {
      return conflict("ticket '" + write.ref.id + "' is imported already", kinds::kDuplicate);
    }
    SP_TRY(marked);
  }
  SP_PREPARE(external, conn, "UPDATE messages SET external_id = ?2 WHERE id = ?1");
  std::vector<MessageId> message_ids;
  for (std::size_t idx = 0; idx < write.history.messages.size(); ++idx) {
    const Message& message = write.history.messages[idx];
    auto inserted = insert_message_row(conn, ticket, message.kind, message.author, message.body,
                                       message.created_at, message.automatic);
    if (!inserted) return inserted.error();
    message_ids.push_back(*inserted);
    if (idx < write.message_external_ids.size()) {
      external.bind(1, inserted->value).bind(2, write.message_external_ids[idx]);
      auto ran = external.run();
      if (!ran && ran.error().code == ErrorCode::Conflict) {
        return conflict("message '" + write.message_external_ids[idx] + "' is imported already",
                        kinds::kDuplicate);
      }
      SP_TRY(ran);
    }
  }
  for (auto& event : write.history.events) {
    if (!event.message_id) continue;
    auto index = event.message_id->value - 1;
    if (index < 0 || index >= static_cast<std::int64_t>(message_ids.size())) {
      return invalid_input("imported event refers to a message that is not there");
    }
    event.message_id = message_ids[static_cast<std::size_t>(index)];
  }
  SP_TRY(append_events(conn, ticket, write.history.events, std::nullopt));
  return ticket.id;
}

}  // namespace

Result<std::vector<Result<TicketId>>> SqliteStore::import_external_tickets(
    TenantId tenant, std::vector<ExternalTicketWrite> tickets) {
  std::vector<Result<TicketId>> results;
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    results.clear();
    results.reserve(tickets.size());
    for (auto& write : tickets) {
      // Each ticket in a savepoint of its own: all of it or nothing, the others unaffected.
      SP_TRY(conn.exec("SAVEPOINT import_ticket"));
      auto written = write_external_ticket(conn, tenant, write);
      if (!written) SP_TRY(conn.exec("ROLLBACK TO import_ticket"));
      SP_TRY(conn.exec("RELEASE import_ticket"));
      results.push_back(std::move(written));
    }
    return {};
  }));
  return results;
}

Result<std::int64_t> SqliteStore::count_tickets(const Scope& scope) {
  return read([&](Connection& conn) -> Result<std::int64_t> {
    SP_PREPARE(stmt, conn, "SELECT COUNT(*) FROM tickets WHERE (?1 IS NULL OR tenant_id = ?1)");
    stmt.bind(1, raw_id(scope.tenant));
    SP_STEP(has_row, stmt);
    return has_row ? stmt.int64(0) : 0;
  });
}

Result<std::vector<Ticket>> SqliteStore::tickets_for_report(const Scope& scope, Timestamp from, Timestamp to,
                                                            int limit) {
  return read([&](Connection& conn) -> Result<std::vector<Ticket>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, subject, status, priority, channel, category, tags, team_id, "
               "assignee_id, requester_id, created_at, updated_at, solved_at, version FROM tickets "
               "WHERE (?1 IS NULL OR tenant_id = ?1) AND created_at < ?3 AND (created_at >= ?2 "
               "OR status NOT IN ('solved', 'closed') OR updated_at >= ?2) ORDER BY id LIMIT ?4");
    stmt.bind(1, raw_id(scope.tenant))
        .bind(2, to_unix_ms(from))
        .bind(3, to_unix_ms(to))
        .bind(4, std::int64_t{limit});
    return collect_rows(stmt, read_ticket);
  });
}

Result<std::vector<TicketStore::Arrival>> SqliteStore::ticket_arrivals(const Scope& scope, Timestamp from,
                                                                       Timestamp to, int limit) {
  return read([&](Connection& conn) -> Result<std::vector<Arrival>> {
    SP_PREPARE(stmt, conn,
               "SELECT created_at, channel FROM tickets WHERE (?1 IS NULL OR tenant_id = ?1) "
               "AND created_at >= ?2 AND created_at < ?3 ORDER BY created_at LIMIT ?4");
    stmt.bind(1, raw_id(scope.tenant))
        .bind(2, to_unix_ms(from))
        .bind(3, to_unix_ms(to))
        .bind(4, std::int64_t{limit});
    return collect_rows(stmt, [](const Statement& row) {
      return Arrival{from_unix_ms(row.int64(0)), parse_or(parse_channel(row.text(1)), Channel::Web)};
    });
  });
}

Result<std::vector<TicketStore::AgentActivity>> SqliteStore::agent_activity(const Scope& scope,
                                                                            Timestamp from, Timestamp to,
                                                                            int limit) {
  return read([&](Connection& conn) -> Result<std::vector<AgentActivity>> {
    // Tags are stored as "a,b" (sorted, unique); the abusive flag is the tag "abusive".
    SP_PREPARE(stmt, conn,
               "SELECT m.author_id, m.created_at, m.kind, t.channel, t.id, "
               "  (',' || t.tags || ',') LIKE '%,abusive,%' "
               "FROM messages m JOIN tickets t ON t.id = m.ticket_id "
               "WHERE (?1 IS NULL OR m.tenant_id = ?1) AND m.created_at >= ?2 AND m.created_at < ?3 "
               "  AND m.author_type = 'agent' "
               "UNION ALL "
               "SELECT e.actor_id, e.at, 'change', t.channel, t.id, 0 "
               "FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
               "WHERE (?1 IS NULL OR e.tenant_id = ?1) AND e.at >= ?2 AND e.at < ?3 "
               "  AND e.actor_type = 'agent' AND e.type NOT IN ('created', 'message_added') "
               // A status change that a reply or the creation caused is part of that action.
               "  AND NOT EXISTS (SELECT 1 FROM ticket_events x WHERE x.ticket_id = e.ticket_id "
               "    AND x.at = e.at AND x.type IN ('created', 'message_added')) "
               "LIMIT ?4");
    stmt.bind(1, raw_id(scope.tenant))
        .bind(2, to_unix_ms(from))
        .bind(3, to_unix_ms(to))
        .bind(4, std::int64_t{limit});
    return collect_rows(stmt, [](const Statement& row) {
      AgentActivity activity;
      activity.agent = AgentId{row.int64(0)};
      activity.at = from_unix_ms(row.int64(1));
      auto kind = row.text(2);
      activity.kind = kind == "note"     ? AgentActivity::Kind::Note
                      : kind == "change" ? AgentActivity::Kind::Change
                                         : AgentActivity::Kind::Reply;
      activity.channel = parse_or(parse_channel(row.text(3)), Channel::Web);
      activity.ticket = TicketId{row.int64(4)};
      activity.abusive = row.int64(5) != 0;
      return activity;
    });
  });
}

Result<std::vector<std::pair<TicketId, TicketSummary>>> SqliteStore::ticket_summaries(
    const Scope& scope, const std::vector<TicketId>& ids) {
  return read([&](Connection& conn) -> Result<std::vector<std::pair<TicketId, TicketSummary>>> {
    SP_PREPARE(stmt, conn,
               "SELECT s.due_at, COALESCE(s.at_risk, 0), COALESCE(s.breached, 0), c.name, "
               "(SELECT m.kind FROM messages m WHERE m.ticket_id = t.id AND m.kind != 'note' "
               "ORDER BY m.id DESC LIMIT 1), "
               "(SELECT m.created_at FROM messages m WHERE m.ticket_id = t.id AND m.kind != 'note' "
               "ORDER BY m.id DESC LIMIT 1) "
               "FROM tickets t JOIN customers c ON c.id = t.requester_id "
               "LEFT JOIN sla_timers s ON s.ticket_id = t.id "
               "WHERE t.id = ?1 AND (?2 IS NULL OR t.tenant_id = ?2)");
    std::vector<std::pair<TicketId, TicketSummary>> out;
    out.reserve(ids.size());
    for (auto id : ids) {
      stmt.bind(1, id.value);
      if (scope.tenant) {
        stmt.bind(2, scope.tenant->value);
      } else {
        stmt.bind_null(2);
      }
      SP_STEP(has_row, stmt);
      if (has_row) {
        TicketSummary summary;
        if (!stmt.is_null(0)) summary.sla_due_at = from_unix_ms(stmt.int64(0));
        summary.sla_at_risk = stmt.int64(1) != 0;
        summary.sla_breached = stmt.int64(2) != 0;
        summary.requester_name = stmt.text(3);
        if (!stmt.is_null(4)) {
          summary.last_message_kind = parse_or(parse_message_kind(stmt.text(4)), MessageKind::Inbound);
          summary.last_message_at = from_unix_ms(stmt.int64(5));
        }
        out.emplace_back(id, std::move(summary));
      }
      SP_TRY(stmt.reset());
    }
    return out;
  });
}

}  // namespace sp::storage::sqlite

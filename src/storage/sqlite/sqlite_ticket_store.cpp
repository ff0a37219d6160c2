// SqliteStore as TicketStore: tickets, their messages and their event history (ticket_events,
// numbered by seq per ticket), the list and report queries over them, and the queue
// summaries that join the SLA timers.
#include "storage/sqlite/sqlite_store.hpp"

#include <algorithm>

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

Result<std::vector<Ticket>> SqliteStore::list_tickets(const Scope& scope, const TicketFilter& filter) {
  if (scope.tenant && filter.tenant && *scope.tenant != *filter.tenant) {
    return std::vector<Ticket>{};  // another tenant's tickets are invisible, not forbidden
  }
  // Built from fixed fragments; every value is a bound parameter.
  std::string sql =
      "SELECT t.id, t.tenant_id, t.subject, t.status, t.priority, t.channel, t.category, "
      "t.tags, t.team_id, t.assignee_id, t.requester_id, t.created_at, t.updated_at, "
      "t.solved_at, t.version FROM tickets t";
  bool join_timers = filter.sort_by_due || filter.sla_at_risk_only || filter.sla_breached_only;
  if (join_timers) sql += " LEFT JOIN sla_timers s ON s.ticket_id = t.id";
  sql += " WHERE 1 = 1";
  int index = 0;
  auto tenant = scope.tenant ? scope.tenant : filter.tenant;
  struct Bind {
    int index;
    bool is_text;
    std::int64_t number;
    std::string text;
  };
  std::vector<Bind> binds;
  auto add_int = [&](const char* clause, std::int64_t value) {
    sql += clause;
    sql += std::to_string(++index);
    binds.push_back({index, false, value, {}});
  };
  if (tenant) add_int(" AND t.tenant_id = ?", tenant->value);
  if (!filter.statuses.empty()) {
    sql += " AND t.status IN (";
    for (std::size_t idx = 0; idx < filter.statuses.size(); ++idx) {
      if (idx > 0) sql += ", ";
      sql += "?" + std::to_string(++index);
      binds.push_back({index, true, 0, std::string(to_string(filter.statuses[idx]))});
    }
    sql += ")";
  }
  if (filter.team) add_int(" AND t.team_id = ?", filter.team->value);
  if (filter.assignee) add_int(" AND t.assignee_id = ?", filter.assignee->value);
  if (filter.unassigned_only) sql += " AND t.assignee_id IS NULL";
  if (filter.requester) add_int(" AND t.requester_id = ?", filter.requester->value);
  if (filter.updated_since) add_int(" AND t.updated_at >= ?", to_unix_ms(*filter.updated_since));
  if (filter.channel) {
    sql += " AND t.channel = ?" + std::to_string(++index);
    binds.push_back({index, true, 0, std::string(to_string(*filter.channel))});
  }
  if (filter.search && !filter.search->empty()) {
    // LIKE with our own escape character, so % and _ typed by a user match literally.
    std::string pattern = "%";
    for (char c : *filter.search) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += "%";
    ++index;
    sql += " AND (t.subject LIKE ?" + std::to_string(index) +
           " ESCAPE '\\' OR EXISTS (SELECT 1 FROM customers c WHERE c.id = t.requester_id AND "
           "c.name LIKE ?" +
           std::to_string(index) + " ESCAPE '\\'))";
    binds.push_back({index, true, 0, pattern});
  }
  if (filter.sla_at_risk_only) sql += " AND s.at_risk = 1";
  if (filter.sla_breached_only) sql += " AND s.breached = 1";
  constexpr const char* kDueKey = "COALESCE(s.due_at, 9223372036854775807)";
  if (filter.sort_by_due) {
    sql += std::string(" ORDER BY ") + kDueKey + ", t.id";
  } else {
    if (filter.before_id) add_int(" AND t.id < ?", *filter.before_id);
    sql += " ORDER BY t.id DESC";
  }
  sql += " LIMIT ?" + std::to_string(++index);
  binds.push_back({index, false, std::clamp(filter.limit, 1, kMaxPageSize), {}});
  if (filter.sort_by_due && filter.offset > 0) {
    sql += " OFFSET ?" + std::to_string(++index);
    binds.push_back({index, false, filter.offset, {}});
  }
  return read([&](Connection& conn) -> Result<std::vector<Ticket>> {
    auto stmt = conn.prepare_uncached(sql);
    if (!stmt) return stmt.error();
    for (const auto& bind : binds) {
      if (bind.is_text) {
        stmt->bind(bind.index, bind.text);
      } else {
        stmt->bind(bind.index, bind.number);
      }
    }
    return collect_rows(*stmt, read_ticket);
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
               "SELECT s.due_at, COALESCE(s.at_risk, 0), COALESCE(s.breached, 0), c.name "
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
        out.emplace_back(id, std::move(summary));
      }
      SP_TRY(stmt.reset());
    }
    return out;
  });
}

}  // namespace sp::storage::sqlite

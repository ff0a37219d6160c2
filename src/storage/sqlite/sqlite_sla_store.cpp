// SqliteStore as SlaStore: calendars and policies (validated JSON documents), the timer
// index (sla_timers), the exactly-once record of fired notices (sla_notices) and the
// notifications they raise.
#include "storage/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "storage/sqlite/sqlite_notification_store.hpp"
#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

// The columns read_ticket expects.
constexpr std::string_view kTicketColumns =
    "SELECT id, tenant_id, subject, status, priority, channel, category, tags, team_id, "
    "assignee_id, requester_id, created_at, updated_at, solved_at, version";

CalendarRecord read_calendar(const Statement& s) {
  return CalendarRecord{s.int64(0), TenantId{s.int64(1)},     s.text(2),
                        s.text(3),  from_unix_ms(s.int64(4)), from_unix_ms(s.int64(5))};
}

PolicyRecord read_policy(const Statement& s) {
  return PolicyRecord{s.int64(0),
                      TenantId{s.int64(1)},
                      s.text(2),
                      static_cast<int>(s.int64(3)),
                      s.int64(4),
                      s.text(5),
                      from_unix_ms(s.int64(6)),
                      from_unix_ms(s.int64(7))};
}

SlaTimer read_timer(const Statement& s) {
  SlaTimer timer;
  timer.ticket_id = TicketId{s.int64(0)};
  timer.tenant_id = TenantId{s.int64(1)};
  if (auto next = s.optional_int64(2)) timer.next_deadline = from_unix_ms(*next);
  if (auto due = s.optional_int64(3)) timer.due_at = from_unix_ms(*due);
  timer.at_risk = s.int64(4) != 0;
  timer.breached = s.int64(5) != 0;
  return timer;
}

Result<void> write_timer(Connection& conn, const SlaTimer& timer) {
  if (!timer.next_deadline && !timer.due_at && !timer.at_risk && !timer.breached) {
    SP_PREPARE(remove, conn, "DELETE FROM sla_timers WHERE ticket_id = ?1");
    remove.bind(1, timer.ticket_id.value);
    return remove.run();
  }
  SP_PREPARE(stmt, conn,
             "INSERT INTO sla_timers(ticket_id, tenant_id, next_deadline, due_at, at_risk, breached) "
             "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(ticket_id) DO UPDATE SET "
             "next_deadline = excluded.next_deadline, due_at = excluded.due_at, "
             "at_risk = excluded.at_risk, breached = excluded.breached");
  stmt.bind(1, timer.ticket_id.value)
      .bind(2, timer.tenant_id.value)
      .bind(3, raw_time(timer.next_deadline))
      .bind(4, raw_time(timer.due_at))
      .bind(5, std::int64_t{timer.at_risk ? 1 : 0})
      .bind(6, std::int64_t{timer.breached ? 1 : 0});
  return stmt.run();
}

Error duplicate_name(const Error& error, const std::string& what, const std::string& name) {
  if (error.code == ErrorCode::Conflict && error.message.find("UNIQUE") != std::string::npos) {
    return conflict("a " + what + " named '" + name + "' exists in this tenant", kinds::kDuplicate);
  }
  if (error.code == ErrorCode::Conflict && error.message.find("FOREIGN KEY") != std::string::npos) {
    return invalid_input("calendar_id does not name a calendar of this tenant", "calendar_id");
  }
  return error;
}

}  // namespace

Result<CalendarRecord> SqliteStore::create_calendar(CalendarRecord calendar) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "INSERT INTO calendars(tenant_id, name, definition_json, created_at, updated_at) "
               "VALUES(?1, ?2, ?3, ?4, ?5)");
    stmt.bind(1, calendar.tenant_id.value)
        .bind(2, calendar.name)
        .bind(3, calendar.definition_json)
        .bind(4, to_unix_ms(calendar.created_at))
        .bind(5, to_unix_ms(calendar.updated_at));
    auto ran = stmt.run();
    if (!ran) return duplicate_name(ran.error(), "calendar", calendar.name);
    calendar.id = conn.last_insert_rowid();
    return {};
  }));
  return calendar;
}

Result<CalendarRecord> SqliteStore::update_calendar(const Scope& scope, CalendarRecord calendar) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "UPDATE calendars SET name = ?3, definition_json = ?4, updated_at = ?5 "
               "WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2) RETURNING tenant_id, created_at");
    stmt.bind(1, calendar.id)
        .bind(2, raw_id(scope.tenant))
        .bind(3, calendar.name)
        .bind(4, calendar.definition_json)
        .bind(5, to_unix_ms(calendar.updated_at));
    auto row = stmt.step();
    if (!row) return duplicate_name(row.error(), "calendar", calendar.name);
    if (!*row) return not_found("calendar " + std::to_string(calendar.id) + " not found");
    calendar.tenant_id = TenantId{stmt.int64(0)};
    calendar.created_at = from_unix_ms(stmt.int64(1));
    return stmt.run();
  }));
  return calendar;
}

Result<std::vector<CalendarRecord>> SqliteStore::list_calendars(const Scope& scope) {
  return read([&](Connection& conn) -> Result<std::vector<CalendarRecord>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, name, definition_json, created_at, updated_at FROM calendars "
               "WHERE (?1 IS NULL OR tenant_id = ?1) ORDER BY id");
    stmt.bind(1, raw_id(scope.tenant));
    return collect_rows(stmt, read_calendar);
  });
}

Result<CalendarRecord> SqliteStore::get_calendar(const Scope& scope, std::int64_t id) {
  return read([&](Connection& conn) -> Result<CalendarRecord> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, name, definition_json, created_at, updated_at FROM calendars "
               "WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)");
    stmt.bind(1, id).bind(2, raw_id(scope.tenant));
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("calendar " + std::to_string(id) + " not found");
    return read_calendar(stmt);
  });
}

Result<PolicyRecord> SqliteStore::create_policy(PolicyRecord policy) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "INSERT INTO sla_policies(tenant_id, name, position, calendar_id, policy_json, "
               "created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    stmt.bind(1, policy.tenant_id.value)
        .bind(2, policy.name)
        .bind(3, std::int64_t{policy.position})
        .bind(4, policy.calendar_id)
        .bind(5, policy.policy_json)
        .bind(6, to_unix_ms(policy.created_at))
        .bind(7, to_unix_ms(policy.updated_at));
    auto ran = stmt.run();
    if (!ran) return duplicate_name(ran.error(), "policy", policy.name);
    policy.id = conn.last_insert_rowid();
    return {};
  }));
  return policy;
}

Result<PolicyRecord> SqliteStore::update_policy(const Scope& scope, PolicyRecord policy) {
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn,
               "UPDATE sla_policies SET name = ?3, position = ?4, calendar_id = ?5, "
               "policy_json = ?6, updated_at = ?7 WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2) "
               "RETURNING tenant_id, created_at");
    stmt.bind(1, policy.id)
        .bind(2, raw_id(scope.tenant))
        .bind(3, policy.name)
        .bind(4, std::int64_t{policy.position})
        .bind(5, policy.calendar_id)
        .bind(6, policy.policy_json)
        .bind(7, to_unix_ms(policy.updated_at));
    auto row = stmt.step();
    if (!row) return duplicate_name(row.error(), "policy", policy.name);
    if (!*row) return not_found("policy " + std::to_string(policy.id) + " not found");
    policy.tenant_id = TenantId{stmt.int64(0)};
    policy.created_at = from_unix_ms(stmt.int64(1));
    return stmt.run();
  }));
  return policy;
}

Result<void> SqliteStore::delete_policy(const Scope& scope, std::int64_t id) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, "DELETE FROM sla_policies WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)");
    stmt.bind(1, id).bind(2, raw_id(scope.tenant));
    SP_TRY(stmt.run());
    if (conn.changes() == 0) return not_found("policy " + std::to_string(id) + " not found");
    return {};
  });
}

Result<std::vector<PolicyRecord>> SqliteStore::list_policies(const Scope& scope) {
  return read([&](Connection& conn) -> Result<std::vector<PolicyRecord>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, name, position, calendar_id, policy_json, created_at, "
               "updated_at FROM sla_policies WHERE (?1 IS NULL OR tenant_id = ?1) "
               "ORDER BY tenant_id, position, id");
    stmt.bind(1, raw_id(scope.tenant));
    return collect_rows(stmt, read_policy);
  });
}

Result<PolicyRecord> SqliteStore::get_policy(const Scope& scope, std::int64_t id) {
  return read([&](Connection& conn) -> Result<PolicyRecord> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, name, position, calendar_id, policy_json, created_at, "
               "updated_at FROM sla_policies WHERE id = ?1 AND (?2 IS NULL OR tenant_id = ?2)");
    stmt.bind(1, id).bind(2, raw_id(scope.tenant));
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("policy " + std::to_string(id) + " not found");
    return read_policy(stmt);
  });
}

Result<void> SqliteStore::put_sla_timer(const SlaTimer& timer) {
  return writer_->submit([&](Connection& conn) { return write_timer(conn, timer); });
}

Result<void> SqliteStore::put_sla_timers(const std::vector<SlaTimer>& timers) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    for (const auto& timer : timers) SP_TRY(write_timer(conn, timer));
    return {};
  });
}

Result<std::optional<SlaTimer>> SqliteStore::get_sla_timer(TicketId ticket) {
  return read([&](Connection& conn) -> Result<std::optional<SlaTimer>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id, tenant_id, next_deadline, due_at, at_risk, breached "
               "FROM sla_timers WHERE ticket_id = ?1");
    stmt.bind(1, ticket.value);
    SP_STEP(has_row, stmt);
    if (!has_row) return std::optional<SlaTimer>{};
    return std::optional<SlaTimer>{read_timer(stmt)};
  });
}

Result<std::vector<SlaTimer>> SqliteStore::due_sla_timers(Timestamp now, int limit) {
  return read([&](Connection& conn) -> Result<std::vector<SlaTimer>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id, tenant_id, next_deadline, due_at, at_risk, breached "
               "FROM sla_timers WHERE next_deadline IS NOT NULL AND next_deadline <= ?1 "
               "ORDER BY next_deadline LIMIT ?2");
    stmt.bind(1, to_unix_ms(now)).bind(2, std::int64_t{limit});
    return collect_rows(stmt, read_timer);
  });
}

Result<std::optional<Timestamp>> SqliteStore::earliest_sla_deadline() {
  return read([&](Connection& conn) -> Result<std::optional<Timestamp>> {
    SP_PREPARE(stmt, conn, "SELECT MIN(next_deadline) FROM sla_timers WHERE next_deadline IS NOT NULL");
    SP_STEP(has_row, stmt);
    if (!has_row || stmt.is_null(0)) return std::optional<Timestamp>{};
    return std::optional<Timestamp>{from_unix_ms(stmt.int64(0))};
  });
}

Result<std::vector<SlaRefreshMark>> SqliteStore::sla_refresh_marks(int limit) {
  return read([&](Connection& conn) -> Result<std::vector<SlaRefreshMark>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id, tenant_id, mark FROM sla_refresh_marks ORDER BY ticket_id LIMIT ?1");
    stmt.bind(1, std::int64_t{limit});
    return collect_rows(stmt, [](const Statement& row) {
      return SlaRefreshMark{TicketId{row.int64(0)}, TenantId{row.int64(1)}, row.int64(2)};
    });
  });
}

Result<void> SqliteStore::clear_sla_refresh_marks(const std::vector<SlaRefreshMark>& marks) {
  if (marks.empty()) return {};
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, "DELETE FROM sla_refresh_marks WHERE ticket_id = ?1 AND mark = ?2");
    for (const auto& mark : marks) {
      SP_TRY(stmt.reset());
      stmt.bind(1, mark.ticket_id.value).bind(2, mark.mark);
      SP_STEP(done, stmt);
      (void)done;
    }
    return Result<void>{};
  });
}

Result<std::vector<Ticket>> SqliteStore::open_tickets_page(std::int64_t after_id, int limit) {
  return read([&](Connection& conn) -> Result<std::vector<Ticket>> {
    SP_PREPARE(stmt, conn,
               std::string(kTicketColumns) +
                   " FROM tickets WHERE id > ?1 AND status NOT IN ('solved', 'closed') ORDER BY id LIMIT ?2");
    stmt.bind(1, after_id).bind(2, std::int64_t{limit});
    return collect_rows(stmt, read_ticket);
  });
}

Result<std::vector<Ticket>> SqliteStore::open_tenant_tickets_page(TenantId tenant, std::int64_t after_id,
                                                                  int limit) {
  return read([&](Connection& conn) -> Result<std::vector<Ticket>> {
    // One range scan of tickets_tenant_status per open status, merged by id: NOT IN would
    // make SQLite read every later ticket of the tenant to sort them.
    SP_PREPARE(stmt, conn,
               std::string(kTicketColumns) +
                   " FROM tickets WHERE tenant_id = ?1 AND status = ?2 AND id > ?3 ORDER BY id LIMIT ?4");
    std::vector<Ticket> tickets;
    for (Status status : {Status::New, Status::Open, Status::Pending, Status::OnHold}) {
      SP_TRY(stmt.reset());
      stmt.bind(1, tenant.value)
          .bind(2, std::string(domain::to_string(status)))
          .bind(3, after_id)
          .bind(4, std::int64_t{limit});
      auto rows = collect_rows(stmt, read_ticket);
      if (!rows) return rows.error();
      for (auto& ticket : *rows) tickets.push_back(std::move(ticket));
    }
    std::sort(tickets.begin(), tickets.end(),
              [](const Ticket& lhs, const Ticket& rhs) { return lhs.id.value < rhs.id.value; });
    if (tickets.size() > static_cast<std::size_t>(limit)) tickets.resize(static_cast<std::size_t>(limit));
    return tickets;
  });
}

Result<std::vector<CycleBudgetRecord>> SqliteStore::list_cycle_budgets(const Scope& scope, TicketId ticket,
                                                                       std::int64_t policy_id) {
  return read([&](Connection& conn) -> Result<std::vector<CycleBudgetRecord>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id, policy_id, target, cycle, budget_seconds, kind FROM sla_cycle_budgets "
               "WHERE ticket_id = ?1 AND policy_id = ?2 AND (?3 IS NULL OR tenant_id = ?3) "
               "ORDER BY target, cycle");
    stmt.bind(1, ticket.value).bind(2, policy_id).bind(3, raw_id(scope.tenant));
    return collect_rows(stmt, [](const Statement& row) {
      return CycleBudgetRecord{TicketId{row.int64(0)},         row.int64(1), row.text(2),
                               static_cast<int>(row.int64(3)), row.int64(4), row.text(5)};
    });
  });
}

Result<std::vector<std::int64_t>> SqliteStore::policies_with_cycle_budgets(TenantId tenant) {
  return read([&](Connection& conn) -> Result<std::vector<std::int64_t>> {
    SP_PREPARE(stmt, conn,
               "SELECT p.id FROM sla_policies p WHERE p.tenant_id = ?1 AND EXISTS (SELECT 1 FROM "
               "sla_cycle_budgets b WHERE b.policy_id = p.id AND b.tenant_id = ?1) ORDER BY p.id");
    stmt.bind(1, tenant.value);
    return collect_rows(stmt, [](const Statement& row) { return row.int64(0); });
  });
}

Result<void> SqliteStore::replace_cycle_budgets(TenantId tenant, std::int64_t policy_id,
                                                const std::vector<TicketId>& tickets,
                                                const std::vector<CycleBudgetRecord>& budgets) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(remove, conn,
               "DELETE FROM sla_cycle_budgets WHERE ticket_id = ?1 AND policy_id = ?2 AND tenant_id = ?3");
    for (TicketId ticket : tickets) {
      remove.bind(1, ticket.value).bind(2, policy_id).bind(3, tenant.value);
      SP_TRY(remove.run());
    }
    SP_PREPARE(
        insert, conn,
        "INSERT INTO sla_cycle_budgets(ticket_id, policy_id, target, cycle, tenant_id, budget_seconds, "
        "kind) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    for (const auto& budget : budgets) {
      insert.bind(1, budget.ticket_id.value)
          .bind(2, policy_id)
          .bind(3, budget.target)
          .bind(4, std::int64_t{budget.cycle})
          .bind(5, tenant.value)
          .bind(6, budget.budget_seconds)
          .bind(7, budget.kind);
      SP_TRY(insert.run());
    }
    return {};
  });
}

Result<void> SqliteStore::clear_cycle_budgets(TenantId tenant, std::int64_t policy_id) {
  return writer_->submit([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, "DELETE FROM sla_cycle_budgets WHERE policy_id = ?1 AND tenant_id = ?2");
    stmt.bind(1, policy_id).bind(2, tenant.value);
    return stmt.run();
  });
}

Result<std::vector<SlaNoticeRecord>> SqliteStore::fire_sla_notices(
    TenantId tenant, std::vector<SlaNoticeRecord> notices,
    std::vector<std::optional<Notification>> notifications, const SlaTimer& timer, Timestamp now) {
  std::vector<SlaNoticeRecord> fired;
  SP_TRY(writer_->submit([&](Connection& conn) -> Result<void> {
    fired.clear();
    SP_PREPARE(insert, conn,
               "INSERT OR IGNORE INTO sla_notices(ticket_id, target, cycle, kind, tenant_id, "
               "due_at, fired_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    SP_PREPARE(note, conn,
               "INSERT INTO notifications(tenant_id, ticket_id, agent_id, team_id, kind, message, "
               "created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    std::vector<TicketEvent> events;
    for (std::size_t idx = 0; idx < notices.size(); ++idx) {
      const auto& notice = notices[idx];
      insert.bind(1, notice.ticket_id.value)
          .bind(2, notice.target)
          .bind(3, std::int64_t{notice.cycle})
          .bind(4, notice.kind)
          .bind(5, tenant.value)
          .bind(6, to_unix_ms(notice.due_at))
          .bind(7, to_unix_ms(now));
      SP_TRY(insert.run());
      if (conn.changes() == 0) continue;  // fired before: exactly once
      fired.push_back(notice);
      if (notice.ticket_event) {
        TicketEvent event;
        event.type = *notice.ticket_event;
        event.actor = Actor{ActorType::System, 0};
        event.at = now;
        event.field = notice.target;
        event.to = format_rfc3339(notice.due_at);
        events.push_back(std::move(event));
      }
      if (idx < notifications.size() && notifications[idx]) {
        const auto& n = *notifications[idx];
        note.bind(1, tenant.value)
            .bind(2, notice.ticket_id.value)
            .bind(3, raw_id(n.agent_id))
            .bind(4, raw_id(n.team_id))
            .bind(5, n.kind)
            .bind(6, n.message)
            .bind(7, to_unix_ms(now));
        SP_TRY(note.run());
        Notification stored = n;
        stored.id = conn.last_insert_rowid();
        stored.tenant_id = tenant;
        stored.ticket_id = notice.ticket_id;
        stored.created_at = now;
        fired.back().notification = std::move(stored);
      }
    }
    if (!events.empty()) {
      Ticket ticket;
      ticket.id = timer.ticket_id;
      ticket.tenant_id = tenant;
      SP_TRY(append_events(conn, ticket, events, std::nullopt));
    }
    return write_timer(conn, timer);
  }));
  return fired;
}

Result<std::vector<SlaNoticeRecord>> SqliteStore::list_sla_notices(const Scope& scope, TicketId ticket) {
  return read([&](Connection& conn) -> Result<std::vector<SlaNoticeRecord>> {
    SP_PREPARE(stmt, conn,
               "SELECT ticket_id, target, cycle, kind, due_at FROM sla_notices "
               "WHERE ticket_id = ?1 AND (?2 IS NULL OR tenant_id = ?2) ORDER BY due_at, kind");
    stmt.bind(1, ticket.value).bind(2, raw_id(scope.tenant));
    return collect_rows(stmt, [](const Statement& row) {
      return SlaNoticeRecord{TicketId{row.int64(0)}, row.text(1), static_cast<int>(row.int64(2)), row.text(3),
                             from_unix_ms(row.int64(4))};
    });
  });
}

Result<std::vector<Notification>> SqliteStore::list_notifications(const Scope& scope,
                                                                  std::optional<AgentId> agent, int limit) {
  return read([&](Connection& conn) -> Result<std::vector<Notification>> {
    SP_PREPARE(stmt, conn,
               "SELECT id, tenant_id, ticket_id, agent_id, team_id, kind, message, created_at, read_at "
               "FROM notifications WHERE (?1 IS NULL OR tenant_id = ?1) "
               "AND (?2 IS NULL OR agent_id = ?2 OR agent_id IS NULL) ORDER BY id DESC LIMIT ?3");
    stmt.bind(1, raw_id(scope.tenant)).bind(2, raw_id(agent)).bind(3, std::int64_t{limit});
    return collect_rows(stmt, read_notification);
  });
}

}  // namespace sp::storage::sqlite

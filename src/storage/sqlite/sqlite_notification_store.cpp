#include "storage/sqlite/sqlite_notification_store.hpp"

#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

// The owner's rows (?1 tenant, ?2 agent, ?3 manager): addressed to them, to a team they lead or
// manage, or (managers) to nobody, including teams without a lead or manager.
#define SP_OWN_NOTIFICATIONS                                                                             \
  "tenant_id = ?1 AND (agent_id = ?2 OR (agent_id IS NULL AND team_id IN (SELECT id FROM teams WHERE "   \
  "tenant_id = ?1 AND (lead_id = ?2 OR manager_id = ?2))) OR (?3 = 1 AND agent_id IS NULL AND (team_id " \
  "IS NULL OR team_id NOT IN (SELECT id FROM teams WHERE tenant_id = ?1 AND (lead_id IS NOT NULL OR "    \
  "manager_id IS NOT NULL)))))"

constexpr std::string_view kInsert =
    "INSERT INTO notifications(tenant_id, ticket_id, agent_id, team_id, kind, message, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr std::string_view kOwn =
    "SELECT id, tenant_id, ticket_id, agent_id, team_id, kind, message, created_at, read_at FROM "
    "notifications "
    "WHERE " SP_OWN_NOTIFICATIONS
    " AND (?4 = 0 OR read_at IS NULL) AND (?5 IS NULL OR id < ?5) "
    "ORDER BY id DESC LIMIT ?6";
constexpr std::string_view kUnreadCount =
    "SELECT count(*) FROM (SELECT 1 FROM notifications WHERE " SP_OWN_NOTIFICATIONS
    " AND read_at IS NULL LIMIT ?4)";
constexpr std::string_view kMarkRead =
    "UPDATE notifications SET read_at = coalesce(read_at, ?4) WHERE id = ?5 AND " SP_OWN_NOTIFICATIONS;
constexpr std::string_view kMarkAllRead =
    "UPDATE notifications SET read_at = ?4 WHERE read_at IS NULL AND " SP_OWN_NOTIFICATIONS;
constexpr std::string_view kLeaders =
    "SELECT lead_id, manager_id FROM teams WHERE id = ?1 AND tenant_id = ?2";
constexpr std::string_view kSetLeaders =
    "UPDATE teams SET lead_id = ?3, manager_id = ?4 WHERE id = ?1 AND tenant_id = ?2";
constexpr std::string_view kPreferences =
    "SELECT kind, mail FROM notification_mail_preferences WHERE tenant_id = ?1 AND agent_id = ?2 ORDER BY "
    "kind";
constexpr std::string_view kPutPreference =
    "INSERT INTO notification_mail_preferences(tenant_id, agent_id, kind, mail) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(tenant_id, agent_id, kind) DO UPDATE SET mail = excluded.mail";

#undef SP_OWN_NOTIFICATIONS

void bind_owner(Statement& stmt, const NotificationOwner& owner) {
  stmt.bind(1, owner.tenant.value).bind(2, owner.agent.value).bind(3, std::int64_t{owner.manager ? 1 : 0});
}

}  // namespace

Notification read_notification(const Statement& row) {
  Notification n;
  n.id = row.int64(0);
  n.tenant_id = TenantId{row.int64(1)};
  n.ticket_id = TicketId{row.int64(2)};
  n.agent_id = optional_id<AgentId>(row, 3);
  n.team_id = optional_id<TeamId>(row, 4);
  n.kind = row.text(5);
  n.message = row.text(6);
  n.created_at = from_unix_ms(row.int64(7));
  if (!row.is_null(8)) n.read_at = from_unix_ms(row.int64(8));
  return n;
}

Result<std::vector<Notification>> SqliteNotificationStore::add_notifications(
    std::vector<Notification> notes) {
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(insert, conn, kInsert);
    for (auto& n : notes) {
      insert.bind(1, n.tenant_id.value)
          .bind(2, n.ticket_id.value)
          .bind(3, raw_id(n.agent_id))
          .bind(4, raw_id(n.team_id))
          .bind(5, n.kind)
          .bind(6, n.message)
          .bind(7, to_unix_ms(n.created_at));
      SP_TRY(insert.run());
      n.id = conn.last_insert_rowid();
    }
    return {};
  }));
  return notes;
}

Result<std::vector<Notification>> SqliteNotificationStore::own_notifications(const NotificationOwner& owner,
                                                                             const NotificationQuery& query) {
  return store_.read([&](Connection& conn) -> Result<std::vector<Notification>> {
    SP_PREPARE(stmt, conn, kOwn);
    bind_owner(stmt, owner);
    stmt.bind(4, std::int64_t{query.unread_only ? 1 : 0})
        .bind(5, query.before_id)
        .bind(6, std::int64_t{query.limit});
    return collect_rows(stmt, read_notification);
  });
}

Result<int> SqliteNotificationStore::unread_count(const NotificationOwner& owner, int cap) {
  return store_.read([&](Connection& conn) -> Result<int> {
    SP_PREPARE(stmt, conn, kUnreadCount);
    bind_owner(stmt, owner);
    stmt.bind(4, std::int64_t{cap});
    auto row = stmt.step();
    if (!row) return row.error();
    return *row ? static_cast<int>(stmt.int64(0)) : 0;
  });
}

Result<void> SqliteNotificationStore::mark_read(const NotificationOwner& owner, std::int64_t id,
                                                Timestamp now) {
  return store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kMarkRead);
    bind_owner(stmt, owner);
    stmt.bind(4, to_unix_ms(now)).bind(5, id);
    SP_TRY(stmt.run());
    if (conn.changes() == 0) return not_found("notification " + std::to_string(id));
    return {};
  });
}

Result<int> SqliteNotificationStore::mark_all_read(const NotificationOwner& owner, Timestamp now) {
  int changed = 0;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kMarkAllRead);
    bind_owner(stmt, owner);
    stmt.bind(4, to_unix_ms(now));
    SP_TRY(stmt.run());
    changed = conn.changes();
    return {};
  }));
  return changed;
}

Result<domain::TeamLeaders> SqliteNotificationStore::team_leaders(TenantId tenant, TeamId team) {
  return store_.read([&](Connection& conn) -> Result<domain::TeamLeaders> {
    SP_PREPARE(stmt, conn, kLeaders);
    stmt.bind(1, team.value).bind(2, tenant.value);
    auto row = stmt.step();
    if (!row) return row.error();
    if (!*row) return not_found("team " + std::to_string(team.value));
    return domain::TeamLeaders{optional_id<AgentId>(stmt, 0), optional_id<AgentId>(stmt, 1)};
  });
}

Result<void> SqliteNotificationStore::set_team_leaders(TenantId tenant, TeamId team,
                                                       const domain::TeamLeaders& leaders) {
  return store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kSetLeaders);
    stmt.bind(1, team.value)
        .bind(2, tenant.value)
        .bind(3, raw_id(leaders.lead))
        .bind(4, raw_id(leaders.manager));
    SP_TRY(stmt.run());
    if (conn.changes() == 0) return not_found("team " + std::to_string(team.value));
    return {};
  });
}

Result<std::vector<MailPreference>> SqliteNotificationStore::mail_preferences(TenantId tenant,
                                                                              AgentId agent) {
  return store_.read([&](Connection& conn) -> Result<std::vector<MailPreference>> {
    SP_PREPARE(stmt, conn, kPreferences);
    stmt.bind(1, tenant.value).bind(2, agent.value);
    return collect_rows(stmt, [](const Statement& row) {
      return MailPreference{row.text(0), row.int64(1) != 0};
    });
  });
}

Result<void> SqliteNotificationStore::set_mail_preferences(TenantId tenant, AgentId agent,
                                                           const std::vector<MailPreference>& preferences) {
  return store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kPutPreference);
    for (const auto& preference : preferences) {
      stmt.bind(1, tenant.value)
          .bind(2, agent.value)
          .bind(3, preference.kind)
          .bind(4, std::int64_t{preference.mail ? 1 : 0});
      SP_TRY(stmt.run());
    }
    return {};
  });
}

}  // namespace sp::storage::sqlite

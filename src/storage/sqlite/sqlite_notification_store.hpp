// NotificationStore on the shared SQLite database (migration 22): borrows the SqliteStore's
// reader pool and group-commit writer, like SqliteConductStore.
#pragma once

#include "storage/notification_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

// A notifications row selected as (id, tenant_id, ticket_id, agent_id, team_id, kind, message,
// created_at, read_at), as SqliteStore::list_notifications reads it too.
Notification read_notification(const Statement& row);

class SqliteNotificationStore final : public NotificationStore {
 public:
  // REQUIRES: `store` is migrated (version >= 22) and outlives this object.
  explicit SqliteNotificationStore(SqliteStore& store) : store_(store) {}

  Result<std::vector<Notification>> add_notifications(std::vector<Notification> notes) override;
  Result<std::vector<Notification>> own_notifications(const NotificationOwner& owner,
                                                      const NotificationQuery& query) override;
  Result<int> unread_count(const NotificationOwner& owner, int cap) override;
  Result<void> mark_read(const NotificationOwner& owner, std::int64_t id, Timestamp now) override;
  Result<int> mark_all_read(const NotificationOwner& owner, Timestamp now) override;
  Result<domain::TeamLeaders> team_leaders(TenantId tenant, TeamId team) override;
  Result<void> set_team_leaders(TenantId tenant, TeamId team, const domain::TeamLeaders& leaders) override;
  Result<std::vector<MailPreference>> mail_preferences(TenantId tenant, AgentId agent) override;
  Result<void> set_mail_preferences(TenantId tenant, AgentId agent,
                                    const std::vector<MailPreference>& preferences) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

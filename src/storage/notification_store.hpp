// Storage of per-agent notifications (issue 17, migration 22) on the `notifications` table the
// SLA engine and outbound webhooks already write: new rows, one agent's own listing with read
// state, a team's lead and manager, and each agent's mail preference per kind.
// What an agent "owns": rows addressed to them; rows addressed to a team (agent_id empty) whose
// lead or manager they are; and, for managers (admins), rows addressed to nobody. Read state is
// kept on the row, so a row shared by a team's lead and manager is read once for both.
// Same contract as store.hpp: every call is a durable transaction and every query names the tenant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/notify_rules.hpp"
#include "storage/sla_store.hpp"

namespace sp::storage {

// Whose notifications a query reads.
struct NotificationOwner {
  TenantId tenant;
  AgentId agent;
  bool manager = false;  // also rows addressed to nobody (admins)
};

struct NotificationQuery {
  bool unread_only = false;
  std::optional<std::int64_t> before_id;  // the cursor: rows with smaller ids
  int limit = 50;
};

// Mail preferences stored for an agent: (kind, on) pairs; kinds not stored are off.
struct MailPreference {
  std::string kind;
  bool mail = false;
};

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;

  // Stores the notifications (each names its tenant) in one transaction; returns them with ids.
  virtual Result<std::vector<Notification>> add_notifications(std::vector<Notification> notes) = 0;
  // The owner's notifications, newest first.
  virtual Result<std::vector<Notification>> own_notifications(const NotificationOwner& owner,
                                                              const NotificationQuery& query) = 0;
  // How many of them are unread, counting at most `cap` (a badge shows "99+").
  virtual Result<int> unread_count(const NotificationOwner& owner, int cap) = 0;
  // Marks one of the owner's notifications read; NotFound when it is not theirs.
  virtual Result<void> mark_read(const NotificationOwner& owner, std::int64_t id, Timestamp now) = 0;
  // Marks all of the owner's unread notifications read; returns how many.
  virtual Result<int> mark_all_read(const NotificationOwner& owner, Timestamp now) = 0;

  // A team's lead and manager (NotFound for a team of another tenant).
  virtual Result<domain::TeamLeaders> team_leaders(TenantId tenant, TeamId team) = 0;
  virtual Result<void> set_team_leaders(TenantId tenant, TeamId team, const domain::TeamLeaders& leaders) = 0;

  virtual Result<std::vector<MailPreference>> mail_preferences(TenantId tenant, AgentId agent) = 0;
  virtual Result<void> set_mail_preferences(TenantId tenant, AgentId agent,
                                            const std::vector<MailPreference>& preferences) = 0;
};

}  // namespace sp::storage

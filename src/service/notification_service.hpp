// Per-agent notifications (issue 17): as a TicketObserver it turns committed changes into
// notifications for the people concerned (domain/notify_rules.hpp decides whom): a new
// assignee, the assignee when the customer writes, the agents an internal note mentions. SLA
// at-risk/breach and escalation notices are written by SlaService; an escalation addressed to
// a team reaches its lead and manager (storage::NotificationStore's owner rule). Each new
// notification is pushed on the change feed to its recipient ("notification" event) and
// mailed when the recipient switched mail on for its kind (the mailer set while wiring).
// The caller's own listing, unread count and read marks; a team's lead and manager.
// Thread-safe: observers run on request threads; the store and the feed are thread-safe.
#pragma once

#include <functional>

#include "service/change_feed.hpp"
#include "service/helpdesk.hpp"
#include "storage/notification_store.hpp"

namespace sp::service {

// A badge shows at most this many unread ("99+").
inline constexpr int kUnreadCountCap = 100;

class NotificationService final : public TicketObserver {
 public:
  // Queues a mail of `note` to `agent` (wiring: the tenant's mail desk and the outbox).
  using Mailer = std::function<void(const Agent& agent, const storage::Notification& note)>;

  NotificationService(HelpdeskService& helpdesk, storage::NotificationStore& store, ChangeFeed& feed,
                      const Clock& clock)
      : helpdesk_(helpdesk), store_(store), feed_(feed), clock_(clock) {}
  void set_mailer(Mailer mailer) { mailer_ = std::move(mailer); }

  void ticket_changed(const Ticket& ticket, TicketChangeKind change) override;
  void message_added(const Ticket& ticket, const Message& message) override;
  // After the SLA engine fired notices on a ticket: the recipients' counts change.
  void sla_notices_fired(TenantId tenant, TicketId ticket);
  // The notifications those notices stored: each is mailed to its recipients who switched mail
  // on for its kind (the assignee; a team's lead and manager; else the tenant's admins).
  void mail_sla_notifications(const std::vector<storage::Notification>& notes);

  // Stores, pushes and mails one notification of `kind` per recipient (automation rules).
  void notify_agents(const Ticket& ticket, const std::vector<AgentId>& recipients, std::string_view kind,
                     const std::string& message) {
    deliver(ticket, recipients, kind, message);
  }
  // A team's lead and manager (no permission check: for rules the system runs).
  Result<domain::TeamLeaders> leaders_of(TenantId tenant, TeamId team) {
    return store_.team_leaders(tenant, team);
  }
  Result<std::vector<storage::Notification>> own(const Principal& p, const storage::NotificationQuery& query);
  Result<int> unread_count(const Principal& p);
  Result<void> mark_read(const Principal& p, std::int64_t id);
  Result<int> mark_all_read(const Principal& p);

  // Sets a team's lead and manager (admins and supervisors); both must be agents of the tenant.
  Result<domain::TeamLeaders> set_team_leaders(const Principal& p, TeamId team, domain::TeamLeaders leaders);
  Result<domain::TeamLeaders> team_leaders(const Principal& p, TeamId team);

  // The caller's mail switch per kind (every kind listed; off unless switched on).
  Result<std::vector<storage::MailPreference>> mail_preferences(const Principal& p);
  Result<std::vector<storage::MailPreference>> set_mail_preferences(
      const Principal& p, std::vector<storage::MailPreference> prefs);

 private:
  Result<storage::NotificationOwner> owner_of(const Principal& p) const;
  // Stores one notification per recipient, pushes and mails each.
  void deliver(const Ticket& ticket, const std::vector<AgentId>& recipients, std::string_view kind,
               const std::string& message);
  // Mails `note` to `agent` when the agent is active and switched mail on for the note's kind.
  void mail_if_wanted(AgentId agent, const storage::Notification& note);

  HelpdeskService& helpdesk_;
  storage::NotificationStore& store_;
  ChangeFeed& feed_;
  const Clock& clock_;
  Mailer mailer_;
};

}  // namespace sp::service

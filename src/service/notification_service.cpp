#include "service/notification_service.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "domain/notify_rules.hpp"

namespace sp::service {

namespace {

std::string ticket_label(const Ticket& ticket) {
  return "T-" + std::to_string(ticket.id.value) + " " + ticket.subject;
}

std::optional<AgentId> parse_agent(const std::string& text) {
  if (text.empty()) return std::nullopt;
  try {
    return AgentId{std::stoll(text)};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string signal_data(std::int64_t id, TicketId ticket, std::string_view kind) {
  return nlohmann::json{{"id", id}, {"ticket_id", ticket.value}, {"kind", kind}}.dump();
}

}  // namespace

void NotificationService::deliver(const Ticket& ticket, const std::vector<AgentId>& recipients,
                                  std::string_view kind, const std::string& message) {
  if (recipients.empty()) return;
  std::vector<storage::Notification> notes;
  for (auto agent : recipients) {
    storage::Notification note;
    note.tenant_id = ticket.tenant_id;
    note.ticket_id = ticket.id;
    note.agent_id = agent;
    note.kind = std::string(kind);
    note.message = message;
    note.created_at = clock_.now();
    notes.push_back(std::move(note));
  }
  auto stored = store_.add_notifications(std::move(notes));
  if (!stored) {
    spdlog::warn("notifications on T-{} not stored: {}", ticket.id.value, stored.error().message);
    return;
  }
  for (const auto& note : *stored) {
    feed_.publish(ticket.tenant_id, note.agent_id, "notification", signal_data(note.id, ticket.id, kind));
    mail_if_wanted(*note.agent_id, note);
  }
}

void NotificationService::mail_if_wanted(AgentId agent_id, const storage::Notification& note) {
  if (!mailer_) return;
  auto prefs = store_.mail_preferences(note.tenant_id, agent_id);
  if (!prefs) return;
  bool wanted = false;
  for (const auto& pref : *prefs) wanted = wanted || (pref.kind == note.kind && pref.mail);
  if (!wanted) return;
  auto agent = helpdesk_.store().get_agent(storage::Scope::of(note.tenant_id), agent_id);
  if (agent && agent->active) mailer_(*agent, note);
}

void NotificationService::mail_sla_notifications(const std::vector<storage::Notification>& notes) {
  if (!mailer_) return;
  for (const auto& note : notes) {
    // The same recipients as the store's owner rule shows the row to.
    std::vector<AgentId> recipients;
    if (note.agent_id) {
      recipients.push_back(*note.agent_id);
    } else if (note.team_id) {
      auto leaders = store_.team_leaders(note.tenant_id, *note.team_id);
      if (leaders) recipients = domain::escalation_recipients(*leaders);
    }
    if (!note.agent_id && recipients.empty()) {
      auto agents = helpdesk_.store().list_agents(storage::Scope::of(note.tenant_id));
      if (!agents) continue;
      for (const auto& agent : *agents) {
        if (agent.role == Role::Admin) recipients.push_back(agent.id);
      }
    }
    for (auto agent : recipients) mail_if_wanted(agent, note);
  }
}

void NotificationService::ticket_changed(const Ticket& ticket, TicketChangeKind change) {
  if (change != TicketChangeKind::Updated || !ticket.assignee_id) return;
  // The events of this very change (the newest ones, at the ticket's update time) tell
  // whether the assignee changed and who changed it.
  auto events = helpdesk_.store().list_events(storage::Scope::of(ticket.tenant_id), ticket.id);
  if (!events) return;
  for (auto it = events->rbegin(); it != events->rend() && it->at >= ticket.updated_at; ++it) {
    if (it->type != EventType::AssigneeChanged) continue;
    auto to = domain::assignment_recipient(parse_agent(it->from), parse_agent(it->to), it->actor);
    if (to && to == ticket.assignee_id) {
      deliver(ticket, {*to}, domain::kNotifyAssignedToMe, ticket_label(ticket) + ": assigned to you");
    }
    return;
  }
}

void NotificationService::message_added(const Ticket& ticket, const Message& message) {
  if (auto assignee = domain::customer_reply_recipient(ticket, message)) {
    deliver(ticket, {*assignee}, domain::kNotifyCustomerReplied,
            ticket_label(ticket) + ": the customer replied");
    return;
  }
  if (message.kind != MessageKind::Note || message.author.type != ActorType::Agent) return;
  auto handles = domain::parse_mentions(message.body);
  if (handles.empty()) return;
  auto agents = helpdesk_.store().list_agents(storage::Scope::of(ticket.tenant_id));
  if (!agents) return;
  auto recipients = domain::mention_recipients(domain::mentioned_agents(handles, *agents), message.author);
  deliver(ticket, recipients, domain::kNotifyMentioned,
          ticket_label(ticket) + ": you were mentioned in a note");
}

void NotificationService::sla_notices_fired(TenantId tenant, TicketId ticket) {
  // SlaService wrote the rows; every agent of the tenant reloads their count (cheap, rare).
  feed_.publish(tenant, std::nullopt, "notification", signal_data(0, ticket, "sla"));
}

Result<storage::NotificationOwner> NotificationService::owner_of(const Principal& p) const {
  SP_TRY(require(p, Permission::Read));
  if (!p.scope.tenant) return invalid_input("platform administrators have no notifications of their own");
  return storage::NotificationOwner{*p.scope.tenant, p.agent.id, p.agent.role == Role::Admin};
}

Result<std::vector<storage::Notification>> NotificationService::own(const Principal& p,
                                                                    const storage::NotificationQuery& query) {
  auto owner = owner_of(p);
  if (!owner) return owner.error();
  return store_.own_notifications(*owner, query);
}

Result<int> NotificationService::unread_count(const Principal& p) {
  auto owner = owner_of(p);
  if (!owner) return owner.error();
  return store_.unread_count(*owner, kUnreadCountCap);
}

Result<void> NotificationService::mark_read(const Principal& p, std::int64_t id) {
  auto owner = owner_of(p);
  if (!owner) return owner.error();
  return store_.mark_read(*owner, id, clock_.now());
}

Result<int> NotificationService::mark_all_read(const Principal& p) {
  auto owner = owner_of(p);
  if (!owner) return owner.error();
  return store_.mark_all_read(*owner, clock_.now());
}

Result<domain::TeamLeaders> NotificationService::team_leaders(const Principal& p, TeamId team) {
  SP_TRY(require(p, Permission::Read));
  auto found = helpdesk_.get_team(p, team);
  if (!found) return found.error();
  return store_.team_leaders(found->tenant_id, team);
}

Result<domain::TeamLeaders> NotificationService::set_team_leaders(const Principal& p, TeamId team,
                                                                  domain::TeamLeaders leaders) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto found = helpdesk_.get_team(p, team);
  if (!found) return found.error();
  for (const auto& [who, field] :
       {std::pair{leaders.lead, "lead_id"}, std::pair{leaders.manager, "manager_id"}}) {
    if (!who) continue;
    auto agent = helpdesk_.store().get_agent(storage::Scope::of(found->tenant_id), *who);
    if (!agent || agent->tenant_id != found->tenant_id) {
      return invalid_input("no such agent in this tenant", field);
    }
  }
  SP_TRY(store_.set_team_leaders(found->tenant_id, team, leaders));
  return leaders;
}

Result<std::vector<storage::MailPreference>> NotificationService::mail_preferences(const Principal& p) {
  auto owner = owner_of(p);
  if (!owner) return owner.error();
  auto stored = store_.mail_preferences(owner->tenant, owner->agent);
  if (!stored) return stored.error();
  std::vector<storage::MailPreference> all;
  for (auto kind : domain::kNotificationKinds) {
    bool on = false;
    for (const auto& pref : *stored) on = on || (pref.kind == kind && pref.mail);
    all.push_back({std::string(kind), on});
  }
  return all;
}

Result<std::vector<storage::MailPreference>> NotificationService::set_mail_preferences(
    const Principal& p, std::vector<storage::MailPreference> prefs) {
  auto owner = owner_of(p);
  if (!owner) return owner.error();
  for (const auto& pref : prefs) {
    if (!domain::is_notification_kind(pref.kind)) {
      return invalid_input("unknown notification kind " + pref.kind, "kind");
    }
  }
  SP_TRY(store_.set_mail_preferences(owner->tenant, owner->agent, prefs));
  return mail_preferences(p);
}

}  // namespace sp::service

// Who is told what (issue 17, "knowing what to do"): the pure rules behind per-agent
// notifications and reply collisions. Mentions are "@name" or "@local-part" of an agent's
// e-mail in an internal note; recipients never include the person who caused the event;
// an escalation that names a team reaches the team's lead and manager. No I/O, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace sp::domain {

// The kinds of per-agent notification (also the mail preference keys).
inline constexpr std::string_view kNotifyAssignedToMe = "assigned_to_me";
inline constexpr std::string_view kNotifyMentioned = "mentioned";
inline constexpr std::string_view kNotifyCustomerReplied = "customer_replied";
inline constexpr std::string_view kNotifySlaAtRisk = "sla_at_risk";
inline constexpr std::string_view kNotifySlaBreached = "sla_breached";
inline constexpr std::string_view kNotifyEscalation = "escalation";
inline constexpr std::string_view kNotificationKinds[] = {kNotifyAssignedToMe,    kNotifyMentioned,
                                                          kNotifyCustomerReplied, kNotifySlaAtRisk,
                                                          kNotifySlaBreached,     kNotifyEscalation};
bool is_notification_kind(std::string_view kind);

// At most this many mentions are read from one note (the rest are ignored).
inline constexpr std::size_t kMaxMentionsPerNote = 20;

// The lower-cased handles after '@' in `body`: letters, digits and . _ - + (a trailing '.'
// dropped). An '@' inside a word (an e-mail address) is not a mention.
std::vector<std::string> parse_mentions(std::string_view body);

// The active agents of `agents` that one of `handles` names: the name without spaces, the
// first word of the name, or the e-mail's local part, compared without case. In agent order,
// each once.
std::vector<AgentId> mentioned_agents(const std::vector<std::string>& handles,
                                      const std::vector<Agent>& agents);

// Whom an assignment tells: the new assignee, unless they assigned themselves or nothing changed.
std::optional<AgentId> assignment_recipient(std::optional<AgentId> before, std::optional<AgentId> after,
                                            const Actor& actor);

// Whom a customer's message tells: the assignee, if any.
std::optional<AgentId> customer_reply_recipient(const Ticket& ticket, const Message& message);

// Whom a note's mentions tell: each mentioned agent but its author.
std::vector<AgentId> mention_recipients(const std::vector<AgentId>& mentioned, const Actor& author);

// A team's people an escalation reaches.
struct TeamLeaders {
  std::optional<AgentId> lead;
  std::optional<AgentId> manager;
};
// The lead and the manager (once if the same person); empty when the team has neither.
std::vector<AgentId> escalation_recipients(const TeamLeaders& leaders);

// The newest public reply (outbound message) by someone other than `me` with an id above
// `seen_up_to`: the reply a composer opened before it would collide with.
std::optional<Message> newer_reply(const std::vector<Message>& messages, MessageId seen_up_to, AgentId me);

}  // namespace sp::domain

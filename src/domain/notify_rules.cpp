#include "domain/notify_rules.hpp"

#include <algorithm>

namespace sp::domain {

namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

bool handle_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == '+' || u >= 0x80;  // names in other scripts
}

bool word_char(char c) {
  return handle_char(c) && c != '.' && c != '-';
}

void add_once(std::vector<AgentId>& ids, AgentId id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

bool is_notification_kind(std::string_view kind) {
  return std::find(std::begin(kNotificationKinds), std::end(kNotificationKinds), kind) !=
         std::end(kNotificationKinds);
}

std::vector<std::string> parse_mentions(std::string_view body) {
  std::vector<std::string> handles;
  for (std::size_t pos = 0; pos < body.size() && handles.size() < kMaxMentionsPerNote; ++pos) {
    if (body[pos] != '@') continue;
    if (pos > 0 && word_char(body[pos - 1])) continue;  // an e-mail address, not a mention
    std::size_t end = pos + 1;
    while (end < body.size() && handle_char(body[end])) ++end;
    std::string handle = lowered(body.substr(pos + 1, end - pos - 1));
    while (!handle.empty() && (handle.back() == '.' || handle.back() == '-')) handle.pop_back();
    if (!handle.empty() && std::find(handles.begin(), handles.end(), handle) == handles.end()) {
      handles.push_back(std::move(handle));
    }
    pos = end - 1;
  }
  return handles;
}

std::vector<AgentId> mentioned_agents(const std::vector<std::string>& handles,
                                      const std::vector<Agent>& agents) {
  std::vector<AgentId> ids;
  if (handles.empty()) return ids;
  for (const auto& agent : agents) {
    if (!agent.active) continue;
    std::string joined;
    for (char c : agent.name) {
      if (c != ' ') joined += lower(c);
    }
    const std::string first = lowered(agent.name.substr(0, agent.name.find(' ')));
    const std::string local = lowered(agent.email.substr(0, agent.email.find('@')));
    for (const auto& handle : handles) {
      if (handle == joined || handle == first || (!local.empty() && handle == local)) {
        add_once(ids, agent.id);
        break;
      }
    }
  }
  return ids;
}

std::optional<AgentId> assignment_recipient(std::optional<AgentId> before, std::optional<AgentId> after,
                                            const Actor& actor) {
  if (!after || before == after) return std::nullopt;
  if (actor.type == ActorType::Agent && actor.id == after->value) return std::nullopt;
  return after;
}

std::optional<AgentId> customer_reply_recipient(const Ticket& ticket, const Message& message) {
  if (message.kind != MessageKind::Inbound || message.author.type != ActorType::Customer) return std::nullopt;
  return ticket.assignee_id;
}

std::vector<AgentId> mention_recipients(const std::vector<AgentId>& mentioned, const Actor& author) {
  std::vector<AgentId> out;
  for (auto id : mentioned) {
    if (author.type == ActorType::Agent && author.id == id.value) continue;
    add_once(out, id);
  }
  return out;
}

std::vector<AgentId> escalation_recipients(const TeamLeaders& leaders) {
  std::vector<AgentId> out;
  if (leaders.lead) add_once(out, *leaders.lead);
  if (leaders.manager) add_once(out, *leaders.manager);
  return out;
}

std::optional<Message> newer_reply(const std::vector<Message>& messages, MessageId seen_up_to, AgentId me) {
  std::optional<Message> newest;
  for (const auto& message : messages) {
    if (message.kind != MessageKind::Outbound || message.id.value <= seen_up_to.value) continue;
    if (message.author.type == ActorType::Agent && message.author.id == me.value) continue;
    if (!newest || message.id.value > newest->id.value) newest = message;
  }
  return newest;
}

}  // namespace sp::domain

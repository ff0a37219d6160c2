#include "service/presence.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace sp::service {

std::string_view to_string(PresenceState state) {
  return state == PresenceState::Replying ? "replying" : "viewing";
}

Result<PresenceState> parse_presence_state(std::string_view text) {
  if (text == "viewing") return PresenceState::Viewing;
  if (text == "replying") return PresenceState::Replying;
  return invalid_input("state must be viewing or replying", "state");
}

void PresenceService::prune(std::vector<PresenceEntry>& entries, Timestamp now) const {
  std::erase_if(entries, [now](const PresenceEntry& e) { return now - e.last_seen > kPresenceLifetime; });
}

Result<void> PresenceService::heartbeat(const Principal& p, TicketId id, PresenceState state) {
  auto ticket = helpdesk_.get_ticket(p, id);
  if (!ticket) return ticket.error();
  const auto now = clock_.now();
  bool changed = false;
  {
    std::lock_guard lock(mutex_);
    if (tickets_.size() >= kMaxPresenceTickets) {
      // Drop tickets nobody is on any more; if all are live, the stalest one.
      for (auto it = tickets_.begin(); it != tickets_.end();) {
        prune(it->second, now);
        it = it->second.empty() ? tickets_.erase(it) : std::next(it);
      }
      if (tickets_.size() >= kMaxPresenceTickets) tickets_.erase(tickets_.begin());
    }
    auto& entries = tickets_[{ticket->tenant_id.value, id.value}];
    prune(entries, now);
    auto it =
        std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.agent == p.agent.id; });
    if (it == entries.end()) {
      if (entries.size() >= kMaxViewersPerTicket) {
        entries.erase(std::min_element(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
          return a.last_seen < b.last_seen;
        }));
      }
      entries.push_back({p.agent.id, p.agent.name, state, now, now});
      changed = true;
    } else {
      if (it->state != state) {
        it->state = state;
        it->since = now;
        changed = true;
      }
      it->last_seen = now;
    }
  }
  if (changed) {
    feed_.publish(ticket->tenant_id, std::nullopt, "presence",
                  nlohmann::json{{"ticket_id", id.value}}.dump());
  }
  return {};
}

Result<void> PresenceService::leave(const Principal& p, TicketId id) {
  auto ticket = helpdesk_.get_ticket(p, id);
  if (!ticket) return ticket.error();
  bool removed = false;
  {
    std::lock_guard lock(mutex_);
    auto found = tickets_.find({ticket->tenant_id.value, id.value});
    if (found != tickets_.end()) {
      removed = std::erase_if(found->second, [&](const auto& e) { return e.agent == p.agent.id; }) > 0;
      if (found->second.empty()) tickets_.erase(found);
    }
  }
  if (removed) {
    feed_.publish(ticket->tenant_id, std::nullopt, "presence",
                  nlohmann::json{{"ticket_id", id.value}}.dump());
  }
  return {};
}

Result<std::vector<PresenceEntry>> PresenceService::others(const Principal& p, TicketId id) {
  auto ticket = helpdesk_.get_ticket(p, id);
  if (!ticket) return ticket.error();
  const auto now = clock_.now();
  std::vector<PresenceEntry> out;
  std::lock_guard lock(mutex_);
  auto found = tickets_.find({ticket->tenant_id.value, id.value});
  if (found == tickets_.end()) return out;
  prune(found->second, now);
  for (const auto& entry : found->second) {
    if (entry.agent != p.agent.id) out.push_back(entry);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.since < b.since; });
  return out;
}

}  // namespace sp::service

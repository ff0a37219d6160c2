// Collision detection (issue 17): who is viewing or replying to a ticket right now. Kept in
// memory in this server process (lost on restart, not shared between nodes): each agent's
// heartbeat (every ~15 s from the console) renews their entry, which expires 30 s after the
// last one. A new entry or a changed state is pushed on the change feed ("presence" event
// with the ticket id) so other viewers refresh at once. Bounded: at most kMaxPresenceTickets
// tickets and kMaxViewersPerTicket agents per ticket are kept (the stalest go first).
// Thread-safe; time from the injected clock.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "service/change_feed.hpp"
#include "service/helpdesk.hpp"

namespace sp::service {

inline constexpr Duration kPresenceLifetime = std::chrono::seconds(30);
inline constexpr std::size_t kMaxPresenceTickets = 10'000;
inline constexpr std::size_t kMaxViewersPerTicket = 32;

enum class PresenceState { Viewing, Replying };
std::string_view to_string(PresenceState state);
Result<PresenceState> parse_presence_state(std::string_view text);

struct PresenceEntry {
  AgentId agent;
  std::string name;
  PresenceState state = PresenceState::Viewing;
  Timestamp since;      // when this state began
  Timestamp last_seen;  // the latest heartbeat
};

class PresenceService {
 public:
  PresenceService(HelpdeskService& helpdesk, ChangeFeed& feed, const Clock& clock)
      : helpdesk_(helpdesk), feed_(feed), clock_(clock) {}

  // The caller is on the ticket (which they must be able to read) in `state`.
  Result<void> heartbeat(const Principal& p, TicketId ticket, PresenceState state);
  // The caller left the ticket (closing the view).
  Result<void> leave(const Principal& p, TicketId ticket);
  // The other agents on the ticket now, longest present first.
  Result<std::vector<PresenceEntry>> others(const Principal& p, TicketId ticket);

 private:
  using Key = std::pair<std::int64_t, std::int64_t>;  // tenant, ticket
  void prune(std::vector<PresenceEntry>& entries, Timestamp now) const;

  HelpdeskService& helpdesk_;
  ChangeFeed& feed_;
  const Clock& clock_;
  std::mutex mutex_;
  std::map<Key, std::vector<PresenceEntry>> tickets_;
};

}  // namespace sp::service

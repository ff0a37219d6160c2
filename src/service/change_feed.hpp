// A short in-memory log of ticket changes for live pages (server-sent events). Each
// change gets a sequence number; a page asks for what happened after the last number it
// saw. Only the newest `capacity` changes are kept: a page that fell further behind is
// told so (gap) and reloads. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "service/helpdesk.hpp"

namespace sp::service {

struct ChangeEvent {
  std::int64_t seq = 0;
  TenantId tenant;
  TicketId ticket;
  CustomerId requester;
  std::int64_t version = 0;
  TicketChangeKind change = TicketChangeKind::Updated;
  // Besides ticket changes the feed carries signals (issue 17): `event` names the SSE event
  // ("notification", "presence"), `data` is its JSON text, `for_agent` limits it to one agent.
  std::string event = "ticket";
  std::string data;
  std::optional<AgentId> for_agent;
};

std::string_view to_string(TicketChangeKind change);

class ChangeFeed final : public TicketObserver {
 public:
  explicit ChangeFeed(std::size_t capacity = 4096) : capacity_(capacity) {}

  void ticket_changed(const Ticket& ticket, TicketChangeKind change) override;
  // A signal for agents of `tenant` (one agent when `for_agent` is set); never seen by customers.
  void publish(TenantId tenant, std::optional<AgentId> for_agent, std::string event, std::string data);

  struct Page {
    std::vector<ChangeEvent> events;
    std::int64_t last_seq = 0;  // continue from here
    bool gap = false;           // changes after `after_seq` were dropped: reload
  };
  // Visible changes after `after_seq`, at most `max`.
  Page since(std::int64_t after_seq, const std::function<bool(const ChangeEvent&)>& visible,
             std::size_t max = 256) const;
  std::int64_t last_seq() const;

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<ChangeEvent> events_;
  std::int64_t next_seq_ = 1;
};

}  // namespace sp::service

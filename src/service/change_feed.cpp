#include "service/change_feed.hpp"

namespace sp::service {

std::string_view to_string(TicketChangeKind change) {
  switch (change) {
    case TicketChangeKind::Created:
      return "created";
    case TicketChangeKind::Updated:
      return "updated";
    case TicketChangeKind::Message:
      return "message";
  }
  return "updated";
}

void ChangeFeed::ticket_changed(const Ticket& ticket, TicketChangeKind change) {
  std::lock_guard lock(mutex_);
  events_.push_back(
      ChangeEvent{next_seq_++, ticket.tenant_id, ticket.id, ticket.requester_id, ticket.version, change});
  while (events_.size() > capacity_) events_.pop_front();
}

void ChangeFeed::publish(TenantId tenant, std::optional<AgentId> for_agent, std::string event,
                         std::string data) {
  std::lock_guard lock(mutex_);
  ChangeEvent signal;
  signal.seq = next_seq_++;
  signal.tenant = tenant;
  signal.requester = CustomerId{0};  // no customer's: the portal stream never shows it
  signal.event = std::move(event);
  signal.data = std::move(data);
  signal.for_agent = for_agent;
  events_.push_back(std::move(signal));
  while (events_.size() > capacity_) events_.pop_front();
}

ChangeFeed::Page ChangeFeed::since(std::int64_t after_seq,
                                   const std::function<bool(const ChangeEvent&)>& visible,
                                   std::size_t max) const {
  Page page;
  std::lock_guard lock(mutex_);
  page.last_seq = after_seq;
  if (events_.empty()) {
    // A client that remembers a number from before a restart starts again from now.
    if (after_seq >= next_seq_) page.last_seq = next_seq_ - 1;
    return page;
  }
  if (after_seq > next_seq_ - 1) {
    page.gap = true;
    page.last_seq = next_seq_ - 1;
    return page;
  }
  if (after_seq + 1 < events_.front().seq) page.gap = true;
  // Sequence numbers are dense, so the first wanted event's position is arithmetic.
  auto first = events_.front().seq;
  std::size_t start = after_seq + 1 <= first ? 0 : static_cast<std::size_t>(after_seq + 1 - first);
  for (std::size_t idx = start; idx < events_.size(); ++idx) {
    const auto& event = events_[idx];
    page.last_seq = event.seq;
    if (visible(event)) {
      page.events.push_back(event);
      if (page.events.size() >= max) break;
    }
  }
  return page;
}

std::int64_t ChangeFeed::last_seq() const {
  std::lock_guard lock(mutex_);
  return next_seq_ - 1;
}

}  // namespace sp::service

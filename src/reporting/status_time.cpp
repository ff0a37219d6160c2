#include "reporting/status_time.hpp"

#include <array>

#include "sla/business_time.hpp"

namespace sp::reporting {

namespace {

constexpr std::array kStatuses = {domain::Status::New,    domain::Status::Open,   domain::Status::Pending,
                                  domain::Status::OnHold, domain::Status::Solved, domain::Status::Closed};

std::size_t index_of(domain::Status status) {
  for (std::size_t at = 0; at < kStatuses.size(); ++at) {
    if (kStatuses[at] == status) return at;
  }
  return 0;
}

}  // namespace

Result<StatusTimes> time_in_status(std::span<const domain::TicketEvent> events, Timestamp created_at,
                                   domain::Status current_status, Timestamp as_of,
                                   const sla::BusinessCalendar* calendar) {
  std::array<StatusTime, kStatuses.size()> all{};
  for (std::size_t at = 0; at < kStatuses.size(); ++at) {
    all[at].status = kStatuses[at];
    if (calendar != nullptr) all[at].business_seconds = 0;
  }
  std::optional<domain::Status> status;
  for (const auto& event : events) {
    if (event.type != domain::EventType::StatusChanged) continue;
    if (auto from = domain::parse_status(event.from)) status = *from;
    break;
  }
  if (!status) status = current_status;
  Timestamp since = created_at;
  all[index_of(*status)].entered = 1;

  auto spend = [&](domain::Status in, Timestamp from, Timestamp to) -> Result<void> {
    if (to <= from) return {};
    auto& slot = all[index_of(in)];
    slot.seconds += std::chrono::duration_cast<std::chrono::seconds>(to - from).count();
    if (calendar != nullptr) {
      auto business = sla::business_seconds(*calendar, from, to);
      if (!business) return business.error();
      *slot.business_seconds += *business;
    }
    return {};
  };
  for (const auto& event : events) {
    if (event.at >= as_of) break;
    if (event.type != domain::EventType::StatusChanged) continue;
    auto to = domain::parse_status(event.to);
    if (!to || *to == *status) continue;
    SP_TRY(spend(*status, since, event.at));
    status = *to;
    since = std::max(since, event.at);
    ++all[index_of(*status)].entered;
  }
  SP_TRY(spend(*status, since, as_of));

  StatusTimes out;
  out.current = *status;
  out.since = since;
  for (const auto& slot : all) {
    if (slot.entered > 0) out.statuses.push_back(slot);
  }
  return out;
}

}  // namespace sp::reporting

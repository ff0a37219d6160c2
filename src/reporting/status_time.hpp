// Time in each status (issue 17): how long a ticket was new, open, pending, on hold, solved or
// closed, from its history, in calendar seconds and, with a calendar, in business seconds.
// The status before the first status_changed event is that event's `from` (the ticket's
// current status when it never changed); the time up to `as_of` counts for the status it is
// in then. Events at or after `as_of` are ignored. Pure: no I/O, no clock reads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"
#include "sla/business_calendar.hpp"

namespace sp::reporting {

struct StatusTime {
  domain::Status status = domain::Status::New;
  std::int64_t seconds = 0;                      // calendar time
  std::optional<std::int64_t> business_seconds;  // with a calendar
  int entered = 0;                               // how many times the ticket came into it
};

struct StatusTimes {
  std::vector<StatusTime> statuses;  // the statuses the ticket was in, in the order of domain::Status
  domain::Status current = domain::Status::New;
  Timestamp since;  // when it came into `current`
};

// Fails with the calendar's error for an instant outside 1970..2100.
[[nodiscard]] Result<StatusTimes> time_in_status(std::span<const domain::TicketEvent> events,
                                                 Timestamp created_at, domain::Status current_status,
                                                 Timestamp as_of, const sla::BusinessCalendar* calendar);

}  // namespace sp::reporting

#include "sla/business_time.hpp"

#include <algorithm>
#include <string>

#include "sla/utc_schedule.hpp"

namespace sp::sla {

namespace {

using detail::kChunkCount;
using detail::kWindowBegin_s;
using detail::kWindowEnd_s;
using detail::OpenChunk;
using detail::UtcSchedule;

static_assert(kSupportedBegin.time_since_epoch() == std::chrono::seconds{kWindowBegin_s});
static_assert(kSupportedEnd.time_since_epoch() == std::chrono::seconds{kWindowEnd_s});

// Issue 4: "no opening time at all in the next ten years is an error". Ten Gregorian years.
constexpr std::int64_t kTenYears_s = 10 * 31'556'952;

std::int64_t floor_s(Timestamp t) {
  return std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
}

Timestamp from_s(std::int64_t t_s) {
  return Timestamp{std::chrono::seconds{t_s}};
}

bool in_window(std::int64_t t_s) {
  return t_s >= kWindowBegin_s && t_s < kWindowEnd_s;
}

Error out_of_range(const std::string& field, const std::string& what) {
  Error error =
      invalid_input(field + ": " + what + " is outside the supported window 1970-01-01T00:00:00Z to " +
                        "2100-01-01T00:00:00Z",
                    field);
  error.kind = std::string(kOutOfRange);
  return error;
}

Error no_opening_hours(std::int64_t from_s_value) {
  Error error = invalid_input(
      "calendar has no opening hours in the ten years after " + format_rfc3339(from_s(from_s_value)),
      "calendar");
  error.kind = std::string(kNoOpeningHours);
  return error;
}

// Index of the first interval of `chunk` that ends after t_s (size() when none does).
std::size_t first_ending_after(const OpenChunk& chunk, std::int64_t t_s) {
  auto found = std::upper_bound(chunk.open_end_s.begin(), chunk.open_end_s.end(), t_s);
  return static_cast<std::size_t>(found - chunk.open_end_s.begin());
}

}  // namespace

Result<std::int64_t> business_seconds(const BusinessCalendar& calendar, Timestamp from, Timestamp to) {
  const std::int64_t from_at_s = floor_s(from);
  const std::int64_t to_at_s = floor_s(to);
  if (to_at_s <= from_at_s) {
    return std::int64_t{0};
  }
  if (!in_window(from_at_s)) {
    return out_of_range("from", format_rfc3339(from));
  }
  if (to_at_s > kWindowEnd_s) {
    return out_of_range("to", format_rfc3339(to));
  }
  const UtcSchedule& schedule = calendar.utc_schedule();
  const std::size_t first_idx = UtcSchedule::chunk_index(from_at_s);
  const std::size_t last_idx = UtcSchedule::chunk_index(to_at_s - 1);
  const OpenChunk& first = schedule.chunk(first_idx);
  if (first_idx == last_idx) {
    return first.open_before(to_at_s) - first.open_before(from_at_s);
  }
  std::int64_t total_s = first.open_total_s() - first.open_before(from_at_s);
  for (std::size_t idx = first_idx + 1; idx < last_idx; ++idx) {
    total_s += schedule.chunk(idx).open_total_s();
  }
  return total_s + schedule.chunk(last_idx).open_before(to_at_s);
}

Result<Timestamp> add_business_seconds(const BusinessCalendar& calendar, Timestamp start,
                                       std::int64_t seconds) {
  if (seconds < 0) {
    return invalid_input("seconds: must not be negative, got " + std::to_string(seconds), "seconds");
  }
  if (seconds == 0) {
    return start;  // issue 4: "n = 0 gives t", even when t is closed
  }
  std::int64_t pos_s = floor_s(start);
  if (!in_window(pos_s)) {
    return out_of_range("start", format_rfc3339(start));
  }
  if (!calendar.has_opening_hours()) {
    return no_opening_hours(pos_s);
  }
  const UtcSchedule& schedule = calendar.utc_schedule();
  std::int64_t remaining_s = seconds;
  std::int64_t closed_since_s = pos_s;  // start of the current stretch without business time
  for (std::size_t idx = UtcSchedule::chunk_index(pos_s); idx < kChunkCount; ++idx) {
    const OpenChunk& chunk = schedule.chunk(idx);
    pos_s = std::max(pos_s, chunk.begin_s);
    const std::int64_t before_s = chunk.open_before(pos_s);
    const std::int64_t available_s = chunk.open_total_s() - before_s;
    if (available_s > 0) {
      const std::int64_t next_open_s = std::max(pos_s, chunk.open_begin_s[first_ending_after(chunk, pos_s)]);
      if (next_open_s - closed_since_s > kTenYears_s) {
        return no_opening_hours(closed_since_s);
      }
      if (remaining_s <= available_s) {
        return from_s(chunk.instant_at(before_s + remaining_s));
      }
      remaining_s -= available_s;
      closed_since_s = chunk.open_end_s.back();
    } else if (chunk.end_s - closed_since_s > kTenYears_s) {
      return no_opening_hours(closed_since_s);
    }
    pos_s = chunk.end_s;
  }
  return out_of_range("seconds", "the due time after adding " + std::to_string(seconds) + " s");
}

bool is_open(const BusinessCalendar& calendar, Timestamp t) {
  const std::int64_t t_s = floor_s(t);
  if (!in_window(t_s)) {
    return false;
  }
  const OpenChunk& chunk = calendar.utc_schedule().chunk(UtcSchedule::chunk_index(t_s));
  const std::size_t k = first_ending_after(chunk, t_s);
  return k < chunk.open_begin_s.size() && chunk.open_begin_s[k] <= t_s;
}

Result<Timestamp> next_opening(const BusinessCalendar& calendar, Timestamp t) {
  const std::int64_t t_s = floor_s(t);
  if (!in_window(t_s)) {
    return out_of_range("t", format_rfc3339(t));
  }
  if (!calendar.has_opening_hours()) {
    return no_opening_hours(t_s);
  }
  const UtcSchedule& schedule = calendar.utc_schedule();
  for (std::size_t idx = UtcSchedule::chunk_index(t_s); idx < kChunkCount; ++idx) {
    const OpenChunk& chunk = schedule.chunk(idx);
    const std::size_t k = first_ending_after(chunk, std::max(t_s, chunk.begin_s));
    if (k < chunk.open_begin_s.size()) {
      const std::int64_t open_s = chunk.open_begin_s[k];
      if (open_s <= t_s) {
        return t;  // already open
      }
      if (open_s - t_s > kTenYears_s) {
        return no_opening_hours(t_s);
      }
      return from_s(open_s);
    }
    if (chunk.end_s - t_s > kTenYears_s) {
      return no_opening_hours(t_s);
    }
  }
  return out_of_range("t", "the next opening after " + format_rfc3339(t));
}

}  // namespace sp::sla

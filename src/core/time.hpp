// Instants and durations. All instants are UTC with millisecond resolution; time zones
// enter only through business calendars (sla/). Formatting and parsing of RFC 3339 live
// here so every part writes times the same way.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp {

using Duration = std::chrono::milliseconds;
using Timestamp = std::chrono::sys_time<Duration>;

inline Timestamp from_unix_ms(std::int64_t ms) {
  return Timestamp{Duration{ms}};
}
inline std::int64_t to_unix_ms(Timestamp t) {
  return t.time_since_epoch().count();
}
inline Timestamp from_unix_seconds(std::int64_t s) {
  return Timestamp{std::chrono::seconds{s}};
}

// "2026-11-23T10:15:00Z", or with ".123" when the instant has milliseconds.
std::string format_rfc3339(Timestamp t);

// Parses "YYYY-MM-DDTHH:MM:SS[.fff](Z|+hh:mm|-hh:mm)" (a space is accepted for 'T').
// Fails with InvalidInput naming what is wrong.
Result<Timestamp> parse_rfc3339(std::string_view text);

}  // namespace sp

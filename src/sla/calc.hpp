// The pure core of `servicepact calc business-time`: one JSON request line in, one JSON line
// out, for people and scripts checking due times.
//
// Requests (T is an RFC 3339 time with offset, or an integer Unix epoch in seconds; fractional
// seconds are floored):
//   {"calendar":{...},"start":T,"add_seconds":N}  ->  {"due":"<RFC 3339 UTC>","due_epoch":E}
//   {"calendar":{...},"from":T1,"to":T2}          ->  {"business_seconds":N}
// A bad line gives {"error":{"type":"...","detail":"..."}} with one of the stable types
// "invalid-json", "invalid-request", "invalid-calendar", "invalid-time", "no-opening-hours",
// "out-of-range" (outside 1970..2100) or "internal". The calendar is in calendar_json.hpp form.
//
// Parsed calendars are kept in a small process-wide LRU keyed by their canonical JSON text, so
// many lines with the same calendar are cheap. Safe to call from several threads. Never throws;
// reads no clock.
#pragma once

#include <string>
#include <string_view>

namespace sp::sla {

// Evaluates one request line (without its newline) and returns the response line (without one).
std::string calc_business_time_line(std::string_view json_line);

}  // namespace sp::sla

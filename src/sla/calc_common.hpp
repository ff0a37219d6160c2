// What the calc line protocols of sla/ share (calc.hpp: business-time, calc_sla.hpp: sla):
// the error line, the process-wide cache of compiled calendars, and time parsing. Internal.
//
// The calendar cache keeps up to kCalendarCacheEntries compiled calendars keyed by their JSON
// text as it stands in the line (calendar_from_text) or as a compact dump (calendar_from), least
// recently used out first, so lines that repeat a calendar neither parse it as JSON again nor
// rebuild its UTC index. split_calendar() finds a line's calendar text without parsing the line. Safe on
// several threads; never throws out of guarded_line(); reads no clock.
#pragma once

#include <cstddef>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.hpp"
#include "core/time.hpp"
#include "sla/business_calendar.hpp"

namespace sp::sla::detail {

inline constexpr std::size_t kCalendarCacheEntries = 64;

// A failed request: the stable error type, a human-readable detail and, when one field is to
// blame, its path ("events[2].at"; written as "field" only when set).
struct Failure {
  std::string type;
  std::string detail;
  std::string field = {};
};

std::string dump_line(const nlohmann::ordered_json& value);
std::string failure_line(const Failure& failure);
// Maps an engine error to its stable calc type ("no-opening-hours", "out-of-range", ...).
Failure engine_failure(const Error& error);

// The compiled calendar of `value` (calendar_json.hpp form), from the cache when seen before.
// Fails with type "invalid-calendar" and the offending field prefixed by `field_prefix`.
std::variant<BusinessCalendar, Failure> calendar_from(const nlohmann::json& value,
                                                      std::string_view field_prefix = "calendar");
// The compiled calendar whose JSON text is `text` (as cut out of a line by split_calendar), from
// the cache when the same text was seen before; otherwise parsed, checked and cached. Fails as
// calendar_from, and with "invalid-json" when `text` is not JSON.
std::variant<BusinessCalendar, Failure> calendar_from_text(std::string_view text,
                                                           std::string_view field_prefix = "calendar");

// A request line with its top-level "calendar" member's object value cut out.
struct SplitLine {
  std::string rest;                // the line with that value replaced by null
  std::string_view calendar_text;  // the value's text, a view into the line
};
// Cuts the top-level "calendar" object out of `line` with a single scan that builds nothing.
// Returns nullopt when the line is not a plain JSON object with exactly one "calendar" key
// whose value is an object (the caller then parses the whole line as before, so every error
// is reported as it always was). A line deeper than kMaxScanDepth is not split either.
std::optional<SplitLine> split_calendar(std::string_view line);
inline constexpr int kMaxScanDepth = 64;

// A request line read as JSON. When split_calendar could cut the calendar out, `calendar` holds
// it (compiled, or why not) and request["calendar"] is null; otherwise the whole line was parsed.
struct RequestLine {
  nlohmann::json request;
  std::optional<std::variant<BusinessCalendar, Failure>> calendar;
};
// Reads `line`, taking a repeated calendar from the cache by its text. Fails with
// "invalid-json" when the line (calendar included) is not JSON.
std::variant<RequestLine, Failure> read_request_line(std::string_view line);
// The line's calendar: the one read_request_line found, or request["calendar"] compiled.
std::variant<BusinessCalendar, Failure> calendar_of(RequestLine& line);

// An RFC 3339 time with offset or integer Unix seconds, floored to whole seconds.
std::variant<Timestamp, Failure> time_from(const nlohmann::json& value, const std::string& field);

// Runs `evaluate(line)` (returning std::variant<std::string, Failure>) and always answers
// with one line, also when allocation fails.
template <typename Evaluate>
std::string guarded_line(std::string_view line, Evaluate evaluate) {
  try {
    auto result = evaluate(line);
    if (auto* failure = std::get_if<Failure>(&result)) return failure_line(*failure);
    return std::get<std::string>(std::move(result));
  } catch (const std::exception& error) {
    try {
      return failure_line(Failure{"internal", error.what(), ""});
    } catch (...) {
      return R"({"error":{"type":"internal","detail":"out of memory"}})";
    }
  } catch (...) {
    return R"({"error":{"type":"internal","detail":"unexpected failure"}})";
  }
}

}  // namespace sp::sla::detail

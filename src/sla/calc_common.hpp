// What the calc line protocols of sla/ share (calc.hpp: business-time, calc_sla.hpp: sla):
// the error line, the process-wide cache of compiled calendars, and time parsing. Internal.
//
// The calendar cache keeps up to kCalendarCacheEntries compiled calendars keyed by their JSON
// text (compact dump), least recently used out first, so lines that repeat a calendar neither
// parse it again nor rebuild its UTC index. Safe on several threads; never throws out of
// guarded_line(); reads no clock.
#pragma once

#include <cstddef>
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

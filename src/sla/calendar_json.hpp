// The JSON form of a business calendar (issue 4):
//
//   {"timezone":"Europe/Amsterdam",
//    "weekly":{"mon":[["09:00","17:00"]],"tue":[["08:30","12:00"],["13:00","17:30"]],"sat":[]},
//    "holidays":["2026-12-25"],
//    "overrides":{"2026-12-24":[["09:00","13:00"]]}}
//
// "timezone" is required; a weekday left out is closed; "holidays" and "overrides" are optional.
// Times are "HH:MM" local wall-clock times ("24:00" only as a closing time); dates are
// "YYYY-MM-DD" local dates. Pure; never throws.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "sla/business_calendar.hpp"

namespace sp::sla {

// Parses and validates a calendar. Fails with InvalidInput whose message starts with, and whose
// `field` is, the offending field: "timezone", "weekly", "weekly.moon" (unknown key),
// "weekly.tue[1]" (bad, reversed or overlapping interval), "holidays[0]", "overrides",
// "overrides.2026-12-24[0]", or a top-level unknown key such as "moon". A wrong JSON type is
// reported at the field that has it; a non-object calendar has an empty field.
[[nodiscard]] Result<BusinessCalendar> parse_calendar_json(const nlohmann::json& json);

// Returns the canonical JSON form: all four keys, all seven weekdays, holidays sorted.
// parse_calendar_json(to_json(c)) gives a calendar equal to c.
nlohmann::json to_json(const BusinessCalendar& calendar);

}  // namespace sp::sla

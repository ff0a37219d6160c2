// Holidays from iCalendar (RFC 5545) files, such as the national-holiday calendars that
// governments and calendar apps publish. Every VEVENT counts as closed whole local days:
// all-day events cover DTSTART up to (not including) DTEND; timed events close the date
// they start on. RRULE recurrences (King's Day: FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27) are
// expanded within the requested years. Pure: parses text with libical, reads no files.
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sp::sla {

inline constexpr std::size_t kMaxIcalBytes = 1024 * 1024;

// Returns the sorted, unique holiday dates between Jan 1 of `from_year` and Dec 31 of
// `to_year` (at most 50 years). Fails with InvalidInput (field "ical") when the text is not
// an iCalendar with at least one VEVENT, is larger than kMaxIcalBytes, or a year is out of
// range.
[[nodiscard]] Result<std::vector<std::chrono::year_month_day>> holidays_from_ical(std::string_view text,
                                                                                  int from_year, int to_year);

}  // namespace sp::sla

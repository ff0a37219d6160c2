// Business-time arithmetic over a BusinessCalendar.
//
// All functions are pure: instants are UTC, the calendar's IANA zone decides opening hours (see
// business_calendar.hpp for how local intervals map to UTC), and nothing here reads a clock.
// They are safe to call from many threads on the same calendar. Business seconds are real
// elapsed seconds, so a 00:00-24:00 day on a DST change counts 23 or 25 hours.
//
// Resolution: instants are milliseconds, business time is whole seconds. Every instant given to
// these functions is first floored to its second (opening and closing instants are always whole
// seconds), so business_seconds(a, c) == business_seconds(a, b) + business_seconds(b, c) holds
// exactly for a <= b <= c.
//
// Supported window: [1970-01-01T00:00:00Z, 2100-01-01T00:00:00Z). Instants outside it fail with
// InvalidInput of kind kOutOfRange. Known limit of the tz backend: Debian's date/tz reads the
// compiled TZif files and does not extrapolate their DST rule past the last stored transition
// (2037), so from 2038 on every zone keeps the offset it has at the end of 2037.
//
// Cost: O(log n) per call in the number of intervals in a ~388-day chunk, after the chunk of
// UTC intervals has been built once (lazily, about 20 microseconds each).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "sla/business_calendar.hpp"

namespace sp::sla {

// Error::kind of the failures below, so callers can tell them apart from other InvalidInput.
inline constexpr std::string_view kNoOpeningHours = "no-opening-hours";
inline constexpr std::string_view kOutOfRange = "out-of-range";

// The supported window (see above): [kSupportedBegin, kSupportedEnd).
inline constexpr Timestamp kSupportedBegin = Timestamp{std::chrono::seconds{0}};
inline constexpr Timestamp kSupportedEnd = Timestamp{std::chrono::seconds{4102444800}};

// Returns the business seconds in [from, to) (both floored to the second); 0 when to <= from.
// Fails with InvalidInput, kind kOutOfRange, when from < to and either lies outside the
// supported window (`to` may equal kSupportedEnd).
[[nodiscard]] Result<std::int64_t> business_seconds(const BusinessCalendar& calendar, Timestamp from,
                                                    Timestamp to);

// Returns the earliest instant u >= start with business_seconds(start, u) == seconds: `start`
// itself when seconds == 0, otherwise a whole second, which may be exactly a closing time.
// Fails with InvalidInput when seconds < 0 (field "seconds"); kind kNoOpeningHours when the
// calendar has no business time at all in some stretch of ten years (3652.425 days) that must be
// crossed; kind kOutOfRange when `start` (with seconds > 0) or the result lies outside the
// supported window.
[[nodiscard]] Result<Timestamp> add_business_seconds(const BusinessCalendar& calendar, Timestamp start,
                                                     std::int64_t seconds);

// Returns true when `t` is business time. False outside the supported window.
bool is_open(const BusinessCalendar& calendar, Timestamp t);

// Returns the earliest business instant u >= t: t itself when is_open(t), otherwise the next
// opening (a whole second). Fails like add_business_seconds: kind kNoOpeningHours when there is
// no business time within ten years after t, kind kOutOfRange outside the supported window.
[[nodiscard]] Result<Timestamp> next_opening(const BusinessCalendar& calendar, Timestamp t);

}  // namespace sp::sla

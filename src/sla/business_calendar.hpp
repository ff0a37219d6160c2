// Business calendars: when a service is open, in the local time of an IANA time zone.
//
// A BusinessCalendar is a validated, immutable definition (time zone, opening intervals per
// weekday, holidays, date overrides) together with a lazily built index of its opening intervals
// in UTC, which business_time.hpp uses for O(log n) arithmetic. A BusinessCalendar is a cheap
// handle: copies share one definition and one index. Every const member function may be called
// from many threads at once. Pure: nothing here reads a clock; the only I/O is date/tz reading the
// system tz database the first time a zone is looked up.
//
// Meaning (issue 4): an opening interval [open, close) of local date D covers the UTC instants
// [to_utc(D + open), to_utc(D + close)), where to_utc maps a local time that does not exist
// (spring forward) to the transition instant and an ambiguous local time (fall back) to its first
// occurrence. So an instant is business time when its local wall-clock time lies in an interval
// of its local date, a 00:00-24:00 day on a DST change lasts 23 or 25 real hours, and an interval
// that opens inside a spring-forward gap opens at the transition.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sp::sla {

namespace detail {
class UtcSchedule;
}  // namespace detail

// One local opening interval [open, close) in minutes after local midnight.
struct LocalInterval {
  int open_min = 0;   // 0 .. 1439
  int close_min = 0;  // open_min < close_min <= 1440 (1440 is "24:00")

  friend bool operator==(const LocalInterval&, const LocalInterval&) = default;
};

// The opening intervals of one day, increasing and not overlapping (they may touch).
// Empty means closed.
using DayHours = std::vector<LocalInterval>;

// Weekday keys in ISO order, as used in JSON and in error fields ("weekly.tue[1]").
inline constexpr std::array<std::string_view, 7> kWeekdayKeys = {"mon", "tue", "wed", "thu",
                                                                 "fri", "sat", "sun"};

// The plain-data form of a calendar; BusinessCalendar::create validates it.
struct CalendarDefinition {
  std::string time_zone;                                      // IANA name, e.g. "Europe/Amsterdam"
  std::array<DayHours, 7> weekly;                             // index 0 = Monday .. 6 = Sunday
  std::vector<std::chrono::year_month_day> holidays;          // whole local dates, closed
  std::map<std::chrono::year_month_day, DayHours> overrides;  // replace the weekday's hours

  friend bool operator==(const CalendarDefinition&, const CalendarDefinition&) = default;
};

class BusinessCalendar {
 public:
  // Validates `definition` and returns the calendar. Holidays are sorted and deduplicated; an
  // override on a holiday wins (the date opens with the override's intervals).
  // Fails with InvalidInput whose message and `field` name the offending part: "timezone"
  // (unknown zone), "weekly.tue[1]" (reversed, empty, out-of-range, overlapping or out-of-order
  // interval), "holidays[0]" (no such date), "overrides.2026-12-24[0]".
  [[nodiscard]] static Result<BusinessCalendar> create(CalendarDefinition definition);

  // Returns a calendar that is open around the clock (24x7) in `time_zone`.
  // Fails with InvalidInput (field "timezone") for an unknown zone.
  [[nodiscard]] static Result<BusinessCalendar> always_open(std::string time_zone = "UTC");

  // The normalized definition (holidays sorted and unique).
  const CalendarDefinition& definition() const;

  // The IANA zone name.
  const std::string& time_zone() const;

  // The opening intervals of a local date: its override if any, else none on a holiday, else
  // the weekday's intervals.
  const DayHours& hours_on(std::chrono::year_month_day local_date) const;

  // False when neither a weekday nor an override has any interval (the calendar never opens).
  bool has_opening_hours() const;

  // The UTC index used by business_time.cpp; not needed by other callers.
  const detail::UtcSchedule& utc_schedule() const;

  // Two calendars are equal when their normalized definitions are.
  friend bool operator==(const BusinessCalendar& lhs, const BusinessCalendar& rhs) {
    return lhs.definition() == rhs.definition();
  }

 private:
  struct State;
  explicit BusinessCalendar(std::shared_ptr<const State> state) : state_(std::move(state)) {}

  std::shared_ptr<const State> state_;
};

// Returns the opening intervals of `local_date` under `definition` (see hours_on above).
// REQUIRES: definition.holidays is sorted (as in a BusinessCalendar's definition()).
const DayHours& hours_on(const CalendarDefinition& definition, std::chrono::year_month_day local_date);

// Formats minutes after midnight as "HH:MM" (1440 gives "24:00").
std::string format_local_time(int minutes_after_midnight);

// Formats a date as "YYYY-MM-DD".
std::string format_local_date(std::chrono::year_month_day date);

}  // namespace sp::sla

#include "sla/business_calendar.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdio>

#include "sla/utc_schedule.hpp"

namespace sp::sla {

struct BusinessCalendar::State {
  State(CalendarDefinition normalized, const date::time_zone& zone, bool opens)
      : definition(std::move(normalized)), schedule(definition, zone), has_opening_hours(opens) {}

  CalendarDefinition definition;
  detail::UtcSchedule schedule;  // refers to `definition`, so declared after it
  bool has_opening_hours;
};

namespace {

constexpr int kMinutesPerDay = 24 * 60;

Error interval_error(const std::string& field, const std::string& why) {
  return invalid_input(field + ": " + why, field);
}

// Checks one day's intervals; `prefix` is the field of the day ("weekly.tue").
Result<void> validate_day(const DayHours& hours, const std::string& prefix) {
  for (std::size_t idx = 0; idx < hours.size(); ++idx) {
    const LocalInterval& interval = hours[idx];
    const std::string field = prefix + "[" + std::to_string(idx) + "]";
    if (interval.open_min < 0 || interval.open_min >= kMinutesPerDay) {
      return interval_error(field, "opening time must be between 00:00 and 23:59");
    }
    if (interval.close_min <= 0 || interval.close_min > kMinutesPerDay) {
      return interval_error(field, "closing time must be between 00:01 and 24:00");
    }
    if (interval.close_min <= interval.open_min) {
      return interval_error(field, "closing time " + format_local_time(interval.close_min) +
                                       " is not after opening time " + format_local_time(interval.open_min));
    }
    if (idx > 0 && interval.open_min < hours[idx - 1].close_min) {
      return interval_error(field, "interval " + format_local_time(interval.open_min) + "-" +
                                       format_local_time(interval.close_min) +
                                       " overlaps or precedes the interval before it");
    }
  }
  return {};
}

}  // namespace

Result<BusinessCalendar> BusinessCalendar::create(CalendarDefinition definition) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(definition.time_zone);
  } catch (...) {
    // date/tz reports an unknown zone (and an unreadable tz database) by throwing.
    zone = nullptr;
  }
  if (zone == nullptr) {
    return invalid_input("timezone: unknown IANA time zone '" + definition.time_zone + "'", "timezone");
  }
  bool opens = false;
  for (std::size_t day_idx = 0; day_idx < definition.weekly.size(); ++day_idx) {
    SP_TRY(validate_day(definition.weekly[day_idx], "weekly." + std::string(kWeekdayKeys[day_idx])));
    opens = opens || !definition.weekly[day_idx].empty();
  }
  for (std::size_t idx = 0; idx < definition.holidays.size(); ++idx) {
    if (!definition.holidays[idx].ok()) {
      const std::string field = "holidays[" + std::to_string(idx) + "]";
      return invalid_input(field + ": no such date", field);
    }
  }
  for (const auto& [date, hours] : definition.overrides) {
    const std::string field = "overrides." + format_local_date(date);
    if (!date.ok()) {
      return invalid_input(field + ": no such date", field);
    }
    SP_TRY(validate_day(hours, field));
    opens = opens || !hours.empty();
  }
  std::sort(definition.holidays.begin(), definition.holidays.end());
  definition.holidays.erase(std::unique(definition.holidays.begin(), definition.holidays.end()),
                            definition.holidays.end());
  return BusinessCalendar(std::make_shared<const State>(std::move(definition), *zone, opens));
}

Result<BusinessCalendar> BusinessCalendar::always_open(std::string time_zone) {
  CalendarDefinition definition;
  definition.time_zone = std::move(time_zone);
  for (DayHours& hours : definition.weekly) {
    hours.push_back(LocalInterval{0, kMinutesPerDay});
  }
  return create(std::move(definition));
}

const CalendarDefinition& BusinessCalendar::definition() const {
  return state_->definition;
}

const std::string& BusinessCalendar::time_zone() const {
  return state_->definition.time_zone;
}

const DayHours& BusinessCalendar::hours_on(std::chrono::year_month_day local_date) const {
  return sla::hours_on(state_->definition, local_date);
}

bool BusinessCalendar::has_opening_hours() const {
  return state_->has_opening_hours;
}

const detail::UtcSchedule& BusinessCalendar::utc_schedule() const {
  return state_->schedule;
}

const DayHours& hours_on(const CalendarDefinition& definition, std::chrono::year_month_day local_date) {
  static const DayHours kClosed;
  if (!definition.overrides.empty()) {
    auto found = definition.overrides.find(local_date);
    if (found != definition.overrides.end()) {
      return found->second;
    }
  }
  if (std::binary_search(definition.holidays.begin(), definition.holidays.end(), local_date)) {
    return kClosed;
  }
  const std::chrono::weekday weekday{std::chrono::sys_days{local_date}};
  return definition.weekly[weekday.iso_encoding() - 1];
}

std::string format_local_time(int minutes_after_midnight) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d", minutes_after_midnight / 60, minutes_after_midnight % 60);
  return text;
}

std::string format_local_date(std::chrono::year_month_day date) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

}  // namespace sp::sla

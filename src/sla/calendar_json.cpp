#include "sla/calendar_json.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sla/json_errors.hpp"

namespace sp::sla {

namespace {

using detail::field_error;
using detail::kMaxQuotedChars;
using detail::quote_text;
using detail::type_error;
using detail::type_name;
using nlohmann::json;

bool read_two_digits(std::string_view text, std::size_t pos, int& out) {
  if (pos + 2 > text.size() || text[pos] < '0' || text[pos] > '9' || text[pos + 1] < '0' ||
      text[pos + 1] > '9') {
    return false;
  }
  out = (text[pos] - '0') * 10 + (text[pos + 1] - '0');
  return true;
}

// "HH:MM" to minutes after midnight, 0 .. 1440 ("24:00").
std::optional<int> parse_local_time(std::string_view text) {
  int hours = 0;
  int minutes = 0;
  if (text.size() != 5 || text[2] != ':' || !read_two_digits(text, 0, hours) ||
      !read_two_digits(text, 3, minutes)) {
    return std::nullopt;
  }
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
    return std::nullopt;
  }
  return hours * 60 + minutes;
}

// "YYYY-MM-DD" to a valid date.
std::optional<std::chrono::year_month_day> parse_local_date(std::string_view text) {
  int century = 0;
  int year_in_century = 0;
  int month = 0;
  int day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !read_two_digits(text, 0, century) ||
      !read_two_digits(text, 2, year_in_century) || !read_two_digits(text, 5, month) ||
      !read_two_digits(text, 8, day)) {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year{century * 100 + year_in_century},
                                   std::chrono::month{static_cast<unsigned>(month)},
                                   std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) {
    return std::nullopt;
  }
  return date;
}

// Parses one day's list of ["HH:MM","HH:MM"] pairs; `field` is e.g. "weekly.tue".
// Ordering and overlap are checked later by BusinessCalendar::create.
Result<DayHours> parse_day(const json& value, const std::string& field) {
  if (!value.is_array()) {
    return type_error(field, "an array of [\"HH:MM\",\"HH:MM\"] intervals", value);
  }
  DayHours hours;
  for (std::size_t idx = 0; idx < value.size(); ++idx) {
    const json& pair = value[idx];
    const std::string item_field = field + "[" + std::to_string(idx) + "]";
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      return field_error(item_field, "must be a pair of times like [\"09:00\",\"17:00\"]");
    }
    const std::string& open_text = pair[0].get_ref<const std::string&>();
    const std::string& close_text = pair[1].get_ref<const std::string&>();
    auto open_min = parse_local_time(open_text);
    if (!open_min) {
      return field_error(item_field, "opening time " + quote_text(open_text) + " is not HH:MM");
    }
    auto close_min = parse_local_time(close_text);
    if (!close_min) {
      return field_error(item_field, "closing time " + quote_text(close_text) + " is not HH:MM");
    }
    hours.push_back(LocalInterval{*open_min, *close_min});
  }
  return hours;
}

Result<void> parse_weekly(const json& value, CalendarDefinition& definition) {
  if (!value.is_object()) {
    return type_error("weekly", "an object keyed by mon..sun", value);
  }
  for (const auto& [key, day_value] : value.items()) {
    auto known = std::find(kWeekdayKeys.begin(), kWeekdayKeys.end(), key);
    if (known == kWeekdayKeys.end()) {
      return field_error("weekly." + key.substr(0, kMaxQuotedChars),
                         "unknown weekday " + quote_text(key) + " (use mon, tue, wed, thu, fri, sat, sun)");
    }
    auto hours = parse_day(day_value, "weekly." + key);
    if (!hours.ok()) {
      return hours.error();
    }
    definition.weekly[static_cast<std::size_t>(known - kWeekdayKeys.begin())] = std::move(hours.value());
  }
  return {};
}

Result<void> parse_holidays(const json& value, CalendarDefinition& definition) {
  if (!value.is_array()) {
    return type_error("holidays", "an array of \"YYYY-MM-DD\" dates", value);
  }
  for (std::size_t idx = 0; idx < value.size(); ++idx) {
    const std::string field = "holidays[" + std::to_string(idx) + "]";
    if (!value[idx].is_string()) {
      return type_error(field, "a \"YYYY-MM-DD\" date", value[idx]);
    }
    const std::string& text = value[idx].get_ref<const std::string&>();
    auto date = parse_local_date(text);
    if (!date) {
      return field_error(field, quote_text(text) + " is not a valid YYYY-MM-DD date");
    }
    definition.holidays.push_back(*date);
  }
  return {};
}

Result<void> parse_overrides(const json& value, CalendarDefinition& definition) {
  if (!value.is_object()) {
    return type_error("overrides", "an object keyed by \"YYYY-MM-DD\" dates", value);
  }
  for (const auto& [key, day_value] : value.items()) {
    const std::string field = "overrides." + key.substr(0, kMaxQuotedChars);
    auto date = parse_local_date(key);
    if (!date) {
      return field_error(field, quote_text(key) + " is not a valid YYYY-MM-DD date");
    }
    auto hours = parse_day(day_value, field);
    if (!hours.ok()) {
      return hours.error();
    }
    definition.overrides[*date] = std::move(hours.value());
  }
  return {};
}

Result<BusinessCalendar> parse_checked(const json& value) {
  if (!value.is_object()) {
    return invalid_input("calendar must be a JSON object, got " + std::string(type_name(value)));
  }
  CalendarDefinition definition;
  bool has_zone = false;
  for (const auto& [key, field_value] : value.items()) {
    if (key == "timezone") {
      if (!field_value.is_string()) {
        return type_error("timezone", "an IANA time zone name", field_value);
      }
      definition.time_zone = field_value.get<std::string>();
      has_zone = true;
    } else if (key == "weekly") {
      SP_TRY(parse_weekly(field_value, definition));
    } else if (key == "holidays") {
      SP_TRY(parse_holidays(field_value, definition));
    } else if (key == "overrides") {
      SP_TRY(parse_overrides(field_value, definition));
    } else {
      return field_error(key.substr(0, kMaxQuotedChars),
                         "unknown key " + quote_text(key) + " (use timezone, weekly, holidays, overrides)");
    }
  }
  if (!has_zone) {
    return field_error("timezone", "is required, e.g. \"Europe/Amsterdam\"");
  }
  return BusinessCalendar::create(std::move(definition));
}

json day_to_json(const DayHours& hours) {
  json day = json::array();
  for (const LocalInterval& interval : hours) {
    day.push_back(json::array({format_local_time(interval.open_min), format_local_time(interval.close_min)}));
  }
  return day;
}

}  // namespace

Result<BusinessCalendar> parse_calendar_json(const nlohmann::json& json) {
  try {
    return parse_checked(json);
  } catch (const std::exception& error) {
    // Every access above is type-checked; this only guards against allocation failure.
    return internal_error(std::string("calendar parsing failed: ") + error.what());
  }
}

nlohmann::json to_json(const BusinessCalendar& calendar) {
  const CalendarDefinition& definition = calendar.definition();
  json weekly = json::object();
  for (std::size_t day_idx = 0; day_idx < kWeekdayKeys.size(); ++day_idx) {
    weekly[std::string(kWeekdayKeys[day_idx])] = day_to_json(definition.weekly[day_idx]);
  }
  json holidays = json::array();
  for (const auto& date : definition.holidays) {
    holidays.push_back(format_local_date(date));
  }
  json overrides = json::object();
  for (const auto& [date, hours] : definition.overrides) {
    overrides[format_local_date(date)] = day_to_json(hours);
  }
  return json{{"timezone", definition.time_zone},
              {"weekly", std::move(weekly)},
              {"holidays", std::move(holidays)},
              {"overrides", std::move(overrides)}};
}

}  // namespace sp::sla

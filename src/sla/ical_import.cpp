#include "sla/ical_import.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <memory>
#include <string>

namespace sp::sla {

namespace {

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
struct IteratorDeleter {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};

std::chrono::year_month_day to_ymd(const icaltimetype& t) {
  return std::chrono::year_month_day{std::chrono::year{t.year}, std::chrono::month{unsigned(t.month)},
                                     std::chrono::day{unsigned(t.day)}};
}

// Adds the whole days an occurrence starting at `start` covers.
void add_days(std::vector<std::chrono::year_month_day>& out, icaltimetype start, int span_days, int from_year,
              int to_year) {
  auto first = std::chrono::sys_days{to_ymd(start)};
  for (int offset = 0; offset < span_days; ++offset) {
    std::chrono::year_month_day day{first + std::chrono::days{offset}};
    int year = int(day.year());
    if (year >= from_year && year <= to_year) out.push_back(day);
  }
}

}  // namespace

Result<std::vector<std::chrono::year_month_day>> holidays_from_ical(std::string_view text, int from_year,
                                                                    int to_year) {
  if (text.size() > kMaxIcalBytes) {
    return invalid_input("ical: the file is larger than 1 MiB", "ical");
  }
  if (from_year < 1970 || to_year > 2100 || from_year > to_year || to_year - from_year > 50) {
    return invalid_input("ical: years must lie in 1970..2100, at most 50 apart", "ical");
  }
  std::string copy(text);
  std::unique_ptr<icalcomponent, ComponentDeleter> root(icalparser_parse_string(copy.c_str()));
  icalerror_clear_errno();
  if (!root) return invalid_input("ical: not an iCalendar text (BEGIN:VCALENDAR ...)", "ical");
  std::vector<std::chrono::year_month_day> out;
  int events = 0;
  icalcomponent* calendar = root.get();
  if (icalcomponent_isa(calendar) != ICAL_VCALENDAR_COMPONENT) {
    calendar = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT);
  }
  if (calendar == nullptr) return invalid_input("ical: no VCALENDAR component", "ical");
  for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
       event != nullptr; event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    icaltimetype start = icalcomponent_get_dtstart(event);
    if (icaltime_is_null_time(start) || !icaltime_is_valid_time(start)) continue;
    ++events;
    int span_days = 1;
    icaltimetype end = icalcomponent_get_dtend(event);
    if (start.is_date && !icaltime_is_null_time(end) && end.is_date) {
      span_days = std::clamp(
          icaltime_day_of_year(end) - icaltime_day_of_year(start) + 365 * (end.year - start.year), 1, 31);
    }
    icalproperty* rrule = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY);
    if (rrule == nullptr) {
      add_days(out, start, span_days, from_year, to_year);
      continue;
    }
    icalrecurrencetype recur = icalproperty_get_rrule(rrule);
    std::unique_ptr<icalrecur_iterator, IteratorDeleter> it(icalrecur_iterator_new(recur, start));
    if (!it) continue;
    // Bounded: at most one occurrence a day for the years asked (plus slack).
    for (int guard = 0; guard < 20000; ++guard) {
      icaltimetype next = icalrecur_iterator_next(it.get());
      if (icaltime_is_null_time(next) || next.year > to_year) break;
      add_days(out, next, span_days, from_year, to_year);
    }
  }
  if (events == 0) return invalid_input("ical: the calendar has no VEVENT with a DTSTART", "ical");
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace sp::sla

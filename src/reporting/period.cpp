#include "reporting/period.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <exception>

namespace sp::reporting {
namespace {

constexpr std::size_t kMaxBuckets = 100'000;

std::string date_label(date::year_month_day ymd) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

// The first local day of the period holding `day`.
date::local_days period_start(Period period, date::local_days day) {
  const date::year_month_day ymd{day};
  switch (period) {
    case Period::Day:
    case Period::Custom:
      return day;
    case Period::Week: {
      const unsigned since_monday = date::weekday{day}.iso_encoding() - 1;
      return day - date::days{since_monday};
    }
    case Period::Month:
      return date::local_days{ymd.year() / ymd.month() / 1};
    case Period::HalfYear: {
      const unsigned month = static_cast<unsigned>(ymd.month());
      return date::local_days{ymd.year() / date::month{month <= 6 ? 1u : 7u} / 1};
    }
  }
  return day;
}

date::local_days next_start(Period period, date::local_days start) {
  const date::year_month_day ymd{start};
  switch (period) {
    case Period::Day:
    case Period::Custom:
      return start + date::days{1};
    case Period::Week:
      return start + date::days{7};
    case Period::Month:
      return date::local_days{(ymd.year() / ymd.month() / 1) + date::months{1}};
    case Period::HalfYear:
      return date::local_days{(ymd.year() / ymd.month() / 1) + date::months{6}};
  }
  return start + date::days{1};
}

std::string label_of(Period period, date::local_days start) {
  const date::year_month_day ymd{start};
  switch (period) {
    case Period::Day:
    case Period::Week:
    case Period::Custom:
      return date_label(ymd);
    case Period::Month:
      return date_label(ymd).substr(0, 7);
    case Period::HalfYear:
      return std::to_string(static_cast<int>(ymd.year())) +
             (static_cast<unsigned>(ymd.month()) <= 6 ? "-H1" : "-H2");
  }
  return date_label(ymd);
}

}  // namespace

std::string_view to_string(Period period) {
  switch (period) {
    case Period::Day:
      return "day";
    case Period::Week:
      return "week";
    case Period::Month:
      return "month";
    case Period::HalfYear:
      return "half_year";
    case Period::Custom:
      return "custom";
  }
  return "day";
}

Result<Period> parse_period(std::string_view name) {
  for (Period p : {Period::Day, Period::Week, Period::Month, Period::HalfYear, Period::Custom}) {
    if (to_string(p) == name) {
      return p;
    }
  }
  return invalid_input("period must be one of day, week, month, half_year, custom", "period");
}

Result<Buckets> Buckets::create(Period period, Timestamp from, Timestamp to, std::string_view time_zone) {
  if (to <= from) {
    return invalid_input("report range is empty: 'to' must be after 'from'", "to");
  }
  Buckets out;
  if (period == Period::Custom) {
    out.buckets_.push_back(Bucket{from, to, format_rfc3339(from) + "/" + format_rfc3339(to)});
    out.starts_.push_back(from);
    return out;
  }
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone);
  } catch (const std::exception&) {
    return invalid_input("unknown time zone '" + std::string(time_zone) + "'", "time_zone");
  }
  try {
    const auto local_from = zone->to_local(from);
    date::local_days start = period_start(period, date::floor<date::days>(local_from));
    Timestamp start_utc = from;  // the first bucket is clipped to from
    while (start_utc < to) {
      const date::local_days next = next_start(period, start);
      const Timestamp next_utc =
          date::floor<Duration>(zone->to_sys(date::local_seconds{next}, date::choose::earliest));
      const Timestamp end_utc = std::min(next_utc, to);
      if (end_utc > start_utc) {
        out.buckets_.push_back(Bucket{start_utc, end_utc, label_of(period, start)});
        out.starts_.push_back(start_utc);
      }
      if (out.buckets_.size() > kMaxBuckets) {
        return invalid_input("report range needs more than 100000 periods", "period");
      }
      start = next;
      start_utc = std::max(next_utc, start_utc);
    }
  } catch (const std::exception& e) {
    return invalid_input(std::string("cannot cut the range into periods: ") + e.what(), "from");
  }
  return out;
}

std::optional<std::size_t> Buckets::index_of(Timestamp t) const {
  if (t < from() || t >= to()) {
    return std::nullopt;
  }
  auto it = std::upper_bound(starts_.begin(), starts_.end(), t);
  return static_cast<std::size_t>(it - starts_.begin()) - 1;
}

Result<DayClock> DayClock::create(std::string_view time_zone) {
  DayClock clock;
  try {
    clock.zone_ = date::locate_zone(time_zone);
  } catch (const std::exception&) {
    return invalid_input("unknown time zone '" + std::string(time_zone) + "'", "time_zone");
  }
  return clock;
}

std::int64_t DayClock::day_of(Timestamp t) const {
  const auto local = zone_->to_local(t);
  return date::floor<date::days>(local).time_since_epoch().count();
}

Timestamp DayClock::start_of(std::int64_t day) const {
  const date::local_days local{date::days{day}};
  return date::floor<Duration>(zone_->to_sys(date::local_seconds{local}, date::choose::earliest));
}

}  // namespace sp::reporting

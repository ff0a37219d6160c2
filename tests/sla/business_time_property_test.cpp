// Properties of business-time arithmetic over random calendars (seeded std::mt19937_64), and a
// cross-check of the fast UTC-index path against a brute-force reference that steps minute by
// minute over local time with date::zoned_time.
#include <date/tz.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <set>

#include "sla/business_time.hpp"
#include "sla/utc_schedule.hpp"

namespace sp::sla {
namespace {

constexpr std::array<const char*, 10> kZones = {
    "Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",   "Asia/Shanghai",
    "Pacific/Chatham",  "America/St_Johns", "Europe/London",       "America/Santiago", "UTC"};

// Boundaries near typical DST transition times are drawn often, to hit gaps and overlaps.
constexpr std::array<int, 12> kDstMinutes = {0, 60, 90, 120, 135, 150, 165, 180, 210, 240, 1380, 1440};

int random_boundary(std::mt19937_64& rng) {
  if (std::uniform_int_distribution<int>(0, 9)(rng) < 4) {
    return kDstMinutes[std::uniform_int_distribution<std::size_t>(0, kDstMinutes.size() - 1)(rng)];
  }
  return std::uniform_int_distribution<int>(0, 96)(rng) * 15;
}

DayHours random_day(std::mt19937_64& rng) {
  const int shape = std::uniform_int_distribution<int>(0, 9)(rng);
  if (shape == 0) {
    return {};
  }
  if (shape == 1) {
    return {LocalInterval{0, 1440}};
  }
  const int interval_count = std::uniform_int_distribution<int>(1, 3)(rng);
  std::set<int> boundaries;
  while (static_cast<int>(boundaries.size()) < 2 * interval_count) {
    boundaries.insert(random_boundary(rng));
  }
  std::vector<int> sorted(boundaries.begin(), boundaries.end());
  DayHours hours;
  for (std::size_t idx = 0; idx + 1 < sorted.size(); idx += 2) {
    hours.push_back(LocalInterval{sorted[idx], sorted[idx + 1]});
  }
  return hours;
}

std::chrono::year_month_day random_date(std::mt19937_64& rng, std::chrono::sys_days around) {
  return std::chrono::year_month_day{around +
                                     std::chrono::days{std::uniform_int_distribution<int>(-20, 20)(rng)}};
}

// Epoch seconds of instants at which `zone` changes offset in [2024, 2031).
std::vector<std::int64_t> transitions(const date::time_zone& zone) {
  std::vector<std::int64_t> found;
  auto t = date::sys_seconds{std::chrono::seconds{1704067200}};          // 2024-01-01
  const auto end = date::sys_seconds{std::chrono::seconds{1924992000}};  // 2031-01-01
  while (t < end) {
    auto info = zone.get_info(t);
    if (info.end >= end) {
      break;
    }
    found.push_back(info.end.time_since_epoch().count());
    t = info.end;
  }
  return found;
}

struct RandomCase {
  BusinessCalendar calendar;
  const date::time_zone* zone;
  std::vector<std::int64_t> focus_s;  // instants worth testing around
};

RandomCase random_case(std::mt19937_64& rng) {
  for (;;) {
    CalendarDefinition definition;
    definition.time_zone = kZones[std::uniform_int_distribution<std::size_t>(0, kZones.size() - 1)(rng)];
    const date::time_zone* zone = date::locate_zone(definition.time_zone);
    std::vector<std::int64_t> focus_s = transitions(*zone);
    // Uniform instants too, and chunk boundaries of the UTC index.
    for (int idx = 0; idx < 4; ++idx) {
      focus_s.push_back(std::uniform_int_distribution<std::int64_t>(1704067200, 1924992000)(rng));
    }
    focus_s.push_back(54 * detail::kChunkSeconds);
    focus_s.push_back(55 * detail::kChunkSeconds);
    int open_days = 0;
    for (DayHours& day : definition.weekly) {
      day = random_day(rng);
      open_days += day.empty() ? 0 : 1;
    }
    if (open_days < 2) {
      continue;  // keep the brute-force search short
    }
    const std::int64_t anchor_s =
        focus_s[std::uniform_int_distribution<std::size_t>(0, focus_s.size() - 1)(rng)];
    const auto anchor_day =
        std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{anchor_s}});
    for (int idx = std::uniform_int_distribution<int>(0, 4)(rng); idx > 0; --idx) {
      definition.holidays.push_back(random_date(rng, anchor_day));
    }
    for (int idx = std::uniform_int_distribution<int>(0, 4)(rng); idx > 0; --idx) {
      definition.overrides[random_date(rng, anchor_day)] = random_day(rng);
    }
    auto calendar = BusinessCalendar::create(definition);
    if (!calendar.ok()) {
      ADD_FAILURE() << "random calendar rejected: " << calendar.error().message;
      std::abort();
    }
    return RandomCase{calendar.value(), zone, {anchor_s}};
  }
}

// The brute-force reference: walks local minutes, asks the calendar's rules (re-implemented
// here) whether each is open, and maps each open local minute [L, L+1) to the UTC span
// [to_utc(L), to_utc(L+1)) with date::zoned_time and choose::earliest.
class Reference {
 public:
  explicit Reference(const RandomCase& random)
      : definition_(random.calendar.definition()), zone_(random.zone) {}

  std::int64_t business_seconds(std::int64_t from_s, std::int64_t to_s) const {
    std::int64_t total_s = 0;
    // Local time is UTC plus less than 15 hours either way.
    for (auto minute = first_minute(from_s); minute < last_minute(to_s); minute += std::chrono::minutes{1}) {
      if (!open(minute)) {
        continue;
      }
      const std::int64_t begin_s = std::max(to_utc_s(minute), from_s);
      const std::int64_t end_s = std::min(to_utc_s(minute + std::chrono::minutes{1}), to_s);
      total_s += std::max<std::int64_t>(0, end_s - begin_s);
    }
    return total_s;
  }

  std::optional<std::int64_t> add(std::int64_t start_s, std::int64_t seconds) const {
    std::int64_t total_s = 0;
    const auto stop = last_minute(start_s) + std::chrono::days{60};
    for (auto minute = first_minute(start_s); minute < stop; minute += std::chrono::minutes{1}) {
      if (!open(minute)) {
        continue;
      }
      const std::int64_t begin_s = std::max(to_utc_s(minute), start_s);
      const std::int64_t end_s = to_utc_s(minute + std::chrono::minutes{1});
      if (end_s <= begin_s) {
        continue;
      }
      if (total_s + (end_s - begin_s) >= seconds) {
        return begin_s + (seconds - total_s);
      }
      total_s += end_s - begin_s;
    }
    return std::nullopt;
  }

 private:
  using LocalMinute = date::local_time<std::chrono::minutes>;

  static LocalMinute first_minute(std::int64_t t_s) {
    return date::floor<std::chrono::minutes>(date::local_seconds{std::chrono::seconds{t_s}}) -
           std::chrono::hours{15};
  }
  static LocalMinute last_minute(std::int64_t t_s) {
    return date::floor<std::chrono::minutes>(date::local_seconds{std::chrono::seconds{t_s}}) +
           std::chrono::hours{15};
  }

  std::int64_t to_utc_s(LocalMinute minute) const {
    date::zoned_time<std::chrono::seconds> zoned(zone_, minute, date::choose::earliest);
    return zoned.get_sys_time().time_since_epoch().count();
  }

  bool open(LocalMinute minute) const {
    const auto day = date::floor<date::days>(minute);
    const int minute_of_day = static_cast<int>((minute - day).count());
    const std::chrono::year_month_day date{
        std::chrono::sys_days{std::chrono::days{day.time_since_epoch().count()}}};
    const DayHours* hours = nullptr;
    auto override_found = definition_.overrides.find(date);
    static const DayHours kClosed;
    if (override_found != definition_.overrides.end()) {
      hours = &override_found->second;
    } else if (std::find(definition_.holidays.begin(), definition_.holidays.end(), date) !=
               definition_.holidays.end()) {
      hours = &kClosed;
    } else {
      const std::chrono::weekday weekday{std::chrono::sys_days{date}};
      hours = &definition_.weekly[weekday.iso_encoding() - 1];
    }
    for (const LocalInterval& interval : *hours) {
      if (interval.open_min <= minute_of_day && minute_of_day < interval.close_min) {
        return true;
      }
    }
    return false;
  }

  const CalendarDefinition& definition_;
  const date::time_zone* zone_;
};

std::int64_t unix_s(Timestamp t) {
  return std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
}

std::int64_t random_near(std::mt19937_64& rng, std::int64_t center_s, std::int64_t spread_s) {
  return center_s + std::uniform_int_distribution<std::int64_t>(-spread_s, spread_s)(rng);
}

TEST(BusinessTimeProperty, FastPathMatchesMinuteByMinuteReference) {
  std::mt19937_64 rng(20261123);
  for (int case_idx = 0; case_idx < 300; ++case_idx) {
    RandomCase random = random_case(rng);
    Reference reference(random);
    const std::int64_t center_s = random.focus_s.front();
    SCOPED_TRACE(::testing::Message()
                 << "case " << case_idx << " zone " << random.calendar.time_zone() << " around " << center_s);
    for (int query_idx = 0; query_idx < 2; ++query_idx) {
      const std::int64_t from_s = random_near(rng, center_s, 2 * 86400);
      const std::int64_t to_s = from_s + std::uniform_int_distribution<std::int64_t>(0, 4 * 86400)(rng);
      auto fast = business_seconds(random.calendar, from_unix_seconds(from_s), from_unix_seconds(to_s));
      ASSERT_TRUE(fast.ok()) << fast.error().message;
      ASSERT_EQ(fast.value(), reference.business_seconds(from_s, to_s))
          << "business_seconds from " << from_s << " to " << to_s;

      const std::int64_t add_s = std::uniform_int_distribution<std::int64_t>(1, 30 * 3600)(rng);
      auto expected = reference.add(from_s, add_s);
      auto due = add_business_seconds(random.calendar, from_unix_seconds(from_s), add_s);
      ASSERT_TRUE(due.ok()) << due.error().message;
      if (expected) {
        ASSERT_EQ(unix_s(due.value()), *expected) << "add " << add_s << " s to " << from_s;
      }
      const bool open_now = is_open(random.calendar, from_unix_seconds(from_s));
      ASSERT_EQ(open_now, reference.business_seconds(from_s, from_s + 1) == 1) << from_s;
    }
  }
}

TEST(BusinessTimeProperty, AddThenMeasureGivesBackTheSecondsAndIsEarliest) {
  std::mt19937_64 rng(42);
  for (int case_idx = 0; case_idx < 200; ++case_idx) {
    RandomCase random = random_case(rng);
    for (int query_idx = 0; query_idx < 40; ++query_idx) {
      const Timestamp start =
          from_unix_ms(random_near(rng, random.focus_s.front() * 1000, 20LL * 86400 * 1000));
      const std::int64_t add_s = std::uniform_int_distribution<std::int64_t>(0, 200 * 3600)(rng);
      auto due = add_business_seconds(random.calendar, start, add_s);
      ASSERT_TRUE(due.ok()) << due.error().message;
      ASSERT_GE(due.value(), start);
      auto measured = business_seconds(random.calendar, start, due.value());
      ASSERT_TRUE(measured.ok());
      ASSERT_EQ(measured.value(), add_s);
      if (add_s > 0) {
        auto just_before = business_seconds(random.calendar, start, due.value() - std::chrono::seconds{1});
        ASSERT_TRUE(just_before.ok());
        ASSERT_LT(just_before.value(), add_s);
        ASSERT_TRUE(is_open(random.calendar, due.value() - std::chrono::seconds{1}));
      }
      const std::int64_t more_s = add_s + std::uniform_int_distribution<std::int64_t>(0, 7200)(rng);
      auto later = add_business_seconds(random.calendar, start, more_s);
      ASSERT_TRUE(later.ok());
      ASSERT_LE(due.value(), later.value()) << "not monotonic in the number of seconds";
    }
  }
}

TEST(BusinessTimeProperty, BusinessSecondsAreAdditive) {
  std::mt19937_64 rng(1234);
  for (int case_idx = 0; case_idx < 200; ++case_idx) {
    RandomCase random = random_case(rng);
    for (int query_idx = 0; query_idx < 40; ++query_idx) {
      std::array<std::int64_t, 3> points_ms{};
      for (auto& point_ms : points_ms) {
        // Spread over about 3 years so that ranges cross chunks of the UTC index.
        point_ms = random_near(rng, random.focus_s.front() * 1000, 500LL * 86400 * 1000);
      }
      std::sort(points_ms.begin(), points_ms.end());
      auto whole = business_seconds(random.calendar, from_unix_ms(points_ms[0]), from_unix_ms(points_ms[2]));
      auto first = business_seconds(random.calendar, from_unix_ms(points_ms[0]), from_unix_ms(points_ms[1]));
      auto second = business_seconds(random.calendar, from_unix_ms(points_ms[1]), from_unix_ms(points_ms[2]));
      ASSERT_TRUE(whole.ok() && first.ok() && second.ok());
      ASSERT_EQ(whole.value(), first.value() + second.value());
      ASSERT_GE(first.value(), 0);
    }
  }
}

TEST(BusinessTimeProperty, NextOpeningIsOpenAndNothingBeforeItIs) {
  std::mt19937_64 rng(99);
  for (int case_idx = 0; case_idx < 200; ++case_idx) {
    RandomCase random = random_case(rng);
    for (int query_idx = 0; query_idx < 20; ++query_idx) {
      const Timestamp t = from_unix_seconds(random_near(rng, random.focus_s.front(), 10 * 86400));
      auto opening = next_opening(random.calendar, t);
      ASSERT_TRUE(opening.ok());
      ASSERT_TRUE(is_open(random.calendar, opening.value()));
      auto before = business_seconds(random.calendar, t, opening.value());
      ASSERT_TRUE(before.ok());
      ASSERT_EQ(before.value(), 0);
      auto first_second = add_business_seconds(random.calendar, t, 1);
      ASSERT_TRUE(first_second.ok());
      ASSERT_EQ(first_second.value(), opening.value() + std::chrono::seconds{1});
    }
  }
}

}  // namespace
}  // namespace sp::sla

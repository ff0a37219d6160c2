#include "charter/schedule.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <cstdio>
#include <deque>
#include <exception>

namespace sp::charter {
namespace {

using std::chrono::duration_cast;
using std::chrono::minutes;

constexpr std::array<std::string_view, 4> kFrequencyNames = {"daily", "weekly", "monthly", "half_yearly"};

std::string ymd_label(date::local_days day) {
  const date::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

// The UTC instant of a local time; a nonexistent time maps to the end of the gap, an ambiguous
// one to its first occurrence.
Timestamp to_utc(const date::time_zone* zone, date::local_time<minutes> local) {
  const auto info = zone->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
      return Timestamp{duration_cast<Duration>(local.time_since_epoch() - info.first.offset)};
    case date::local_info::ambiguous:
      return Timestamp{duration_cast<Duration>(local.time_since_epoch() - info.first.offset)};
    case date::local_info::nonexistent:
      // info.second.begin is the transition instant, where the new offset starts.
      return Timestamp{duration_cast<Duration>(info.second.begin.time_since_epoch())};
  }
  return Timestamp{};
}

Timestamp local_midnight(const date::time_zone* zone, date::local_days day) {
  return to_utc(zone, date::local_time<minutes>{day});
}

date::local_days clamp_day(date::year_month ym, int day) {
  const auto last = date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}};
  const unsigned wanted = static_cast<unsigned>(day);
  if (wanted > static_cast<unsigned>(last.day())) return date::local_days{last};
  return date::local_days{ym.year() / ym.month() / date::day{wanted}};
}

// The first local date >= `from` on which the schedule runs.
date::local_days next_run_date(const Schedule& schedule, date::local_days from) {
  switch (schedule.frequency) {
    case Frequency::Daily:
      return from;
    case Frequency::Weekly: {
      const unsigned today = date::weekday{from}.iso_encoding();
      const unsigned wanted = static_cast<unsigned>(schedule.iso_weekday);
      return from + date::days{(wanted + 7 - today) % 7};
    }
    case Frequency::Monthly:
    case Frequency::HalfYearly: {
      const date::year_month_day ymd{from};
      date::year_month ym{ymd.year(), ymd.month()};
      for (int step = 0; step < 14; ++step, ym += date::months{1}) {
        const unsigned month = static_cast<unsigned>(ym.month());
        if (schedule.frequency == Frequency::HalfYearly && month != 1 && month != 7) continue;
        const auto candidate = clamp_day(ym, schedule.day_of_month);
        if (candidate >= from) return candidate;
      }
      return from;  // unreachable for a valid schedule
    }
  }
  return from;
}

ScheduledRun make_run(const Schedule& schedule, const date::time_zone* zone, date::local_days day) {
  ScheduledRun run;
  run.run_at = to_utc(zone, date::local_time<minutes>{day} + minutes{schedule.minute_of_day});
  date::local_days from = day;
  date::local_days to = day;
  const date::year_month_day ymd{day};
  switch (schedule.frequency) {
    case Frequency::Daily:
      from = day - date::days{1};
      run.period_label = ymd_label(from);
      break;
    case Frequency::Weekly:
      from = day - date::days{7};
      run.period_label = ymd_label(from) + "/" + ymd_label(day - date::days{1});
      break;
    case Frequency::Monthly: {
      const date::year_month this_month{ymd.year(), ymd.month()};
      const date::year_month previous = this_month - date::months{1};
      from = date::local_days{previous / 1};
      to = date::local_days{this_month / 1};
      char text[16];
      std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(previous.year()),
                    static_cast<unsigned>(previous.month()));
      run.period_label = text;
      break;
    }
    case Frequency::HalfYearly: {
      const bool first_half = static_cast<unsigned>(ymd.month()) <= 6;
      const date::year year = ymd.year();
      to = date::local_days{year / (first_half ? 1 : 7) / 1};
      from = date::local_days{(first_half ? year - date::years{1} : year) / (first_half ? 7 : 1) / 1};
      const date::year label_year = first_half ? year - date::years{1} : year;
      run.period_label = std::to_string(static_cast<int>(label_year)) + (first_half ? "-H2" : "-H1");
      break;
    }
  }
  run.period_from = local_midnight(zone, from);
  run.period_to = local_midnight(zone, to);
  return run;
}

Result<const date::time_zone*> find_zone(std::string_view time_zone) {
  try {
    return date::locate_zone(time_zone);
  } catch (const std::exception&) {
    return invalid_input("time_zone: unknown time zone '" + std::string(time_zone.substr(0, 64)) + "'",
                         "time_zone");
  }
}

}  // namespace

std::string_view to_string(Frequency frequency) {
  return kFrequencyNames[static_cast<std::size_t>(frequency)];
}

Result<Frequency> parse_frequency(std::string_view name) {
  for (std::size_t index = 0; index < kFrequencyNames.size(); ++index) {
    if (kFrequencyNames[index] == name) return static_cast<Frequency>(index);
  }
  return invalid_input("frequency: unknown '" + std::string(name.substr(0, 64)) +
                           "' (use daily, weekly, monthly, half_yearly)",
                       "frequency");
}

Result<void> validate(const Schedule& schedule) {
  if (schedule.minute_of_day < 0 || schedule.minute_of_day >= 24 * 60) {
    return invalid_input("minute_of_day: must be from 0 to 1439", "minute_of_day");
  }
  if (schedule.frequency == Frequency::Weekly && (schedule.iso_weekday < 1 || schedule.iso_weekday > 7)) {
    return invalid_input("iso_weekday: must be from 1 (Monday) to 7 (Sunday)", "iso_weekday");
  }
  if ((schedule.frequency == Frequency::Monthly || schedule.frequency == Frequency::HalfYearly) &&
      (schedule.day_of_month < 1 || schedule.day_of_month > 31)) {
    return invalid_input("day_of_month: must be from 1 to 31", "day_of_month");
  }
  return {};
}

Result<ScheduledRun> next_run_after(const Schedule& schedule, std::string_view time_zone, Timestamp after) {
  SP_TRY(validate(schedule));
  auto zone = find_zone(time_zone);
  if (!zone.ok()) return zone.error();
  const auto local = (*zone)->to_local(after);
  // Start two local days early and scan forward: a run's instant is monotonic in its local
  // date, so the first candidate after `after` is the answer, whatever the offsets around it.
  date::local_days day = date::floor<date::days>(local) - date::days{2};
  for (int guard = 0; guard < 1000; ++guard) {
    day = next_run_date(schedule, day);
    ScheduledRun run = make_run(schedule, *zone, day);
    if (run.run_at > after) return run;
    day += date::days{1};
  }
  return internal_error("schedule: no next run found");
}

Result<std::vector<ScheduledRun>> runs_due(const Schedule& schedule, std::string_view time_zone,
                                           Timestamp last_run, Timestamp now, std::size_t max_runs) {
  std::deque<ScheduledRun> due;
  // Only the latest max_runs are kept, so a schedule that was down for years need not replay
  // them all: start at most (max_runs + 2) of its longest periods before now.
  static constexpr std::array<int, 4> kLongestPeriodDays = {1, 7, 31, 184};
  const auto window = std::chrono::days{static_cast<std::int64_t>(max_runs + 2) *
                                        kLongestPeriodDays[static_cast<std::size_t>(schedule.frequency)]};
  Timestamp cursor = last_run;
  if (now - window > cursor) cursor = now - window;
  while (cursor < now) {
    auto run = next_run_after(schedule, time_zone, cursor);
    if (!run.ok()) return run.error();
    if (run->run_at > now) break;
    cursor = run->run_at;
    due.push_back(std::move(*run));
    if (due.size() > max_runs) due.pop_front();
  }
  return std::vector<ScheduledRun>(due.begin(), due.end());
}

Result<Schedule> schedule_from_json(const nlohmann::json& json) {
  if (!json.is_object()) return invalid_input("schedule: must be an object", "schedule");
  Schedule schedule;
  for (const auto& [key, value] : json.items()) {
    if (key != "frequency" && key != "time" && key != "weekday" && key != "day_of_month") {
      return invalid_input(key.substr(0, 64) + ": unknown key", key.substr(0, 64));
    }
  }
  const auto frequency = json.find("frequency");
  if (frequency == json.end() || !frequency->is_string()) {
    return invalid_input("frequency: must be a string", "frequency");
  }
  auto parsed = parse_frequency(frequency->get_ref<const std::string&>());
  if (!parsed.ok()) return parsed.error();
  schedule.frequency = *parsed;
  const auto time = json.find("time");
  if (time == json.end() || !time->is_string()) {
    return invalid_input("time: must be a time HH:MM", "time");
  }
  auto minute = parse_minute_of_day(time->get_ref<const std::string&>());
  if (!minute.ok()) return invalid_input("time: " + minute.error().message, "time");
  schedule.minute_of_day = *minute;
  auto read_small = [&](const char* key, int& out) -> Result<void> {
    const auto it = json.find(key);
    if (it == json.end()) return {};
    if (!it->is_number_integer() || it->get<std::int64_t>() < -1000 || it->get<std::int64_t>() > 1000) {
      return invalid_input(std::string(key) + ": must be an integer", key);
    }
    out = static_cast<int>(it->get<std::int64_t>());
    return {};
  };
  SP_TRY(read_small("weekday", schedule.iso_weekday));
  SP_TRY(read_small("day_of_month", schedule.day_of_month));
  auto valid = validate(schedule);
  if (!valid.ok()) {
    Error error = valid.error();
    if (error.field == "iso_weekday") {
      error.field = "weekday";
      error.message = "weekday: must be from 1 (Monday) to 7 (Sunday)";
    }
    return error;
  }
  return schedule;
}

nlohmann::json to_json(const Schedule& schedule) {
  nlohmann::json json = {{"frequency", std::string(to_string(schedule.frequency))},
                         {"time", format_minute_of_day(schedule.minute_of_day)}};
  if (schedule.frequency == Frequency::Weekly) json["weekday"] = schedule.iso_weekday;
  if (schedule.frequency == Frequency::Monthly || schedule.frequency == Frequency::HalfYearly) {
    json["day_of_month"] = schedule.day_of_month;
  }
  return json;
}

std::vector<NamedSchedule> charter_schedules(const Charter& charter) {
  std::vector<NamedSchedule> schedules;
  const Rhythm& rhythm = charter.rhythm;
  if (rhythm.self_checks_per_day > 0) {
    schedules.push_back({"daily_self_check", {Frequency::Daily, rhythm.daily_self_check_minute, 1, 1}});
  }
  if (rhythm.weekly_feedback_summaries > 0) {
    schedules.push_back({"weekly_feedback", {Frequency::Weekly, 9 * 60, 1, 1}});
  }
  schedules.push_back({"monthly_sla", {Frequency::Monthly, 8 * 60, 1, 1}});
  if (rhythm.semiannual_quality_reports > 0) {
    schedules.push_back({"semiannual_quality", {Frequency::HalfYearly, 8 * 60, 1, 1}});
  }
  return schedules;
}

}  // namespace sp::charter

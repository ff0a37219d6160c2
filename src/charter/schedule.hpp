// Report schedules in the tenant's zone (issue 8: the commitment letter's rhythm as scheduled
// reports): daily at HH:MM, weekly on a weekday at HH:MM, monthly on day D at HH:MM, and
// half-yearly on day D of January and July at HH:MM.
//
// Local times are wall-clock times of an IANA zone (date/tz), so a 08:30 report stays at 08:30
// across DST changes. A local time that does not exist (inside a spring-forward gap) runs at
// the end of the gap (the first instant that exists, e.g. 03:00 CEST for 02:30 in
// Europe/Amsterdam); a local time that occurs twice (fall-back) runs once, at its first
// occurrence. A day D beyond the month's length runs on the month's last day.
//
// Each run covers the complete period before it, cut at local midnight:
//   daily -> the previous local day; weekly -> the 7 local days before the run's date;
//   monthly -> the previous calendar month; half-yearly -> the previous half year.
// Catch-up decision ("a report that was due while the server was down is produced once after
// start"): runs_due returns EVERY run whose instant lies in (last_run, now], oldest first,
// because each covers a different period (yesterday's self-check is not the same report as the
// day before's) -- at most max_runs of them, keeping the latest. The caller stores each result
// keyed by (schedule, period label) with a uniqueness constraint, so a run is produced once
// even when several nodes or restarts see it due. Pure; no clock reads.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "charter/charter.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace sp::charter {

// Stable names: "daily", "weekly", "monthly", "half_yearly".
enum class Frequency { Daily, Weekly, Monthly, HalfYearly };
std::string_view to_string(Frequency frequency);
Result<Frequency> parse_frequency(std::string_view name);

struct Schedule {
  Frequency frequency = Frequency::Daily;
  int minute_of_day = 8 * 60;  // local HH:MM as minutes, 0..1439
  int iso_weekday = 1;         // weekly: 1 = Monday .. 7 = Sunday
  int day_of_month = 1;        // monthly and half-yearly: 1..31
};

// Fails with InvalidInput naming the field ("minute_of_day", "iso_weekday", "day_of_month").
[[nodiscard]] Result<void> validate(const Schedule& schedule);

struct ScheduledRun {
  Timestamp run_at;          // UTC instant the run is due
  Timestamp period_from;     // inclusive, local midnight as UTC
  Timestamp period_to;       // exclusive
  std::string period_label;  // "2026-03-28", "2026-03-21/2026-03-27", "2026-02", "2025-H2"
};

// The first run strictly after `after`. Fails with InvalidInput for an invalid schedule
// (validate) or an unknown zone (field "time_zone").
[[nodiscard]] Result<ScheduledRun> next_run_after(const Schedule& schedule, std::string_view time_zone,
                                                  Timestamp after);

// Every run in (last_run, now], oldest first, at most `max_runs` (the latest ones). Pass the
// schedule's creation instant as last_run for a schedule that never ran. Empty when
// now <= last_run. Fails as next_run_after.
[[nodiscard]] Result<std::vector<ScheduledRun>> runs_due(const Schedule& schedule, std::string_view time_zone,
                                                         Timestamp last_run, Timestamp now,
                                                         std::size_t max_runs = 62);

// JSON form: {"frequency": "daily"|"weekly"|"monthly"|"half_yearly", "time": "HH:MM",
// "weekday": 1..7 (weekly only), "day_of_month": 1..31 (monthly and half_yearly only)}.
// Reading fails with InvalidInput naming the field; unknown keys are rejected.
[[nodiscard]] Result<Schedule> schedule_from_json(const nlohmann::json& json);
nlohmann::json to_json(const Schedule& schedule);

// The scheduled reports the commitment letter's rhythm implies (issue 8), for a new tenant:
//   "daily_self_check"  daily at rhythm.daily_self_check_minute  (when self_checks_per_day > 0)
//   "weekly_feedback"   Mondays at 09:00        (when weekly_feedback_summaries > 0)
//   "monthly_sla"       on day 1 at 08:00       (always: the monthly SLA report per client)
//   "semiannual_quality" on 1 January and 1 July at 08:00 (when semiannual_quality_reports > 0)
struct NamedSchedule {
  std::string report;
  Schedule schedule;
};
std::vector<NamedSchedule> charter_schedules(const Charter& charter);

}  // namespace sp::charter

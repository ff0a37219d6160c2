// Throughput of business-time arithmetic for typical calendars (issue 4 aims at >= 5 million
// add_business_seconds / business_seconds calls per second on one core).
// Inputs are 4096 pseudo-random instants in 2026-2027 and amounts up to five business days,
// generated once with a fixed seed; the UTC index is warmed before timing, as in a server.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "sla/business_time.hpp"
#include "sla/calc.hpp"
#include "sla/calendar_json.hpp"

namespace {

using sp::Timestamp;
using sp::sla::BusinessCalendar;

constexpr const char* kOffice = R"({"timezone":"Europe/Amsterdam",
  "weekly":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],
            "thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]},
  "holidays":["2026-01-01","2026-04-06","2026-04-27","2026-05-14","2026-05-25","2026-12-25",
              "2027-01-01","2027-03-29","2027-04-27","2027-05-06","2027-05-17","2027-12-25"],
  "overrides":{"2026-12-24":[["09:00","13:00"]]}})";

constexpr const char* kLunchBreaks = R"({"timezone":"Europe/Amsterdam",
  "weekly":{"mon":[["08:30","12:00"],["13:00","17:30"]],"tue":[["08:30","12:00"],["13:00","17:30"]],
            "wed":[["08:30","12:00"],["13:00","17:30"]],"thu":[["08:30","12:00"],["13:00","17:30"]],
            "fri":[["08:30","12:00"],["13:00","17:30"]],"sat":[["10:00","14:00"]]},
  "holidays":["2026-12-25","2027-01-01"]})";

constexpr std::size_t kInputs = 4096;

struct Inputs {
  std::vector<Timestamp> starts;
  std::vector<Timestamp> ends;
  std::vector<std::int64_t> amounts_s;
};

const Inputs& inputs() {
  static const Inputs generated = [] {
    Inputs made;
    std::mt19937_64 rng(4);
    std::uniform_int_distribution<std::int64_t> start_s(1767225600, 1830297600);  // 2026..2027
    std::uniform_int_distribution<std::int64_t> span_s(0, 5 * 86400);
    std::uniform_int_distribution<std::int64_t> amount_s(1, 5 * 8 * 3600);
    for (std::size_t idx = 0; idx < kInputs; ++idx) {
      const std::int64_t from_s = start_s(rng);
      made.starts.push_back(sp::from_unix_seconds(from_s));
      made.ends.push_back(sp::from_unix_seconds(from_s + span_s(rng)));
      made.amounts_s.push_back(amount_s(rng));
    }
    return made;
  }();
  return generated;
}

BusinessCalendar warmed_calendar(const char* json_text) {
  auto calendar = sp::sla::parse_calendar_json(nlohmann::json::parse(json_text)).value();
  // Build the UTC index for the whole input range (and a little beyond) before timing.
  (void)sp::sla::business_seconds(calendar, sp::from_unix_seconds(1767225600),
                                  sp::from_unix_seconds(1840000000));
  return calendar;
}

void add_business_seconds_bench(benchmark::State& state, const char* json_text) {
  const BusinessCalendar calendar = warmed_calendar(json_text);
  const Inputs& in = inputs();
  std::size_t idx = 0;
  for (auto _ : state) {
    auto due = sp::sla::add_business_seconds(calendar, in.starts[idx], in.amounts_s[idx]);
    benchmark::DoNotOptimize(due);
    idx = (idx + 1) % kInputs;
  }
  state.SetItemsProcessed(state.iterations());
}

void business_seconds_bench(benchmark::State& state, const char* json_text) {
  const BusinessCalendar calendar = warmed_calendar(json_text);
  const Inputs& in = inputs();
  std::size_t idx = 0;
  for (auto _ : state) {
    auto measured = sp::sla::business_seconds(calendar, in.starts[idx], in.ends[idx]);
    benchmark::DoNotOptimize(measured);
    idx = (idx + 1) % kInputs;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_AddBusinessSeconds_Office(benchmark::State& state) {
  add_business_seconds_bench(state, kOffice);
}
void BM_BusinessSeconds_Office(benchmark::State& state) {
  business_seconds_bench(state, kOffice);
}
void BM_AddBusinessSeconds_LunchBreaks(benchmark::State& state) {
  add_business_seconds_bench(state, kLunchBreaks);
}
void BM_BusinessSeconds_LunchBreaks(benchmark::State& state) {
  business_seconds_bench(state, kLunchBreaks);
}

void BM_IsOpen_Office(benchmark::State& state) {
  const BusinessCalendar calendar = warmed_calendar(kOffice);
  const Inputs& in = inputs();
  std::size_t idx = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(sp::sla::is_open(calendar, in.starts[idx]));
    idx = (idx + 1) % kInputs;
  }
  state.SetItemsProcessed(state.iterations());
}

// Cold path: parse a calendar and answer one query, which builds one ~388-day chunk.
void BM_ParseAndFirstQuery_Office(benchmark::State& state) {
  const nlohmann::json json = nlohmann::json::parse(kOffice);
  for (auto _ : state) {
    auto calendar = sp::sla::parse_calendar_json(json).value();
    auto due = sp::sla::add_business_seconds(calendar, sp::from_unix_seconds(1795428000), 3600);
    benchmark::DoNotOptimize(due);
  }
  state.SetItemsProcessed(state.iterations());
}

// One `calc business-time` line with a calendar already in the LRU.
void BM_CalcLine_Office(benchmark::State& state) {
  const std::string line = std::string(R"({"calendar":)") + kOffice +
                           R"(,"start":"2026-11-23T16:00:00+01:00","add_seconds":7200})";
  for (auto _ : state) {
    benchmark::DoNotOptimize(sp::sla::calc_business_time_line(line));
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_AddBusinessSeconds_Office);
BENCHMARK(BM_BusinessSeconds_Office);
BENCHMARK(BM_AddBusinessSeconds_LunchBreaks);
BENCHMARK(BM_BusinessSeconds_LunchBreaks);
BENCHMARK(BM_IsOpen_Office);
BENCHMARK(BM_ParseAndFirstQuery_Office);
BENCHMARK(BM_CalcLine_Office);

}  // namespace

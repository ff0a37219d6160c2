// Benchmarks for the staffing mathematics (issue 5): Erlang C and Erlang A evaluations per
// second, required agents for a week of 15-minute intervals (672) for 5 channels, and the
// simulation of one day of 10,000 contacts. Results and the command line: RESULTS.md.
#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "workforce/erlang.hpp"
#include "workforce/simulation.hpp"
#include "workforce/staffing.hpp"

namespace sp::workforce {
namespace {

constexpr double kAht = 240;

// Offered load in Erlangs as the benchmark argument; agents about a + 1.5 sqrt(a) + 1.
void BM_ErlangCEvaluate(benchmark::State& state) {
  const double a = static_cast<double>(state.range(0));
  const int agents = static_cast<int>(a + 1.5 * std::sqrt(a)) + 1;
  const double rate = a * 3600 / kAht;
  for (auto _ : state) {
    auto metrics = erlang_c_metrics(rate, kAht, agents, 20);
    benchmark::DoNotOptimize(metrics);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ErlangCEvaluate)->Arg(10)->Arg(100)->Arg(1000)->Arg(5000);

void BM_ErlangAEvaluate(benchmark::State& state) {
  const double a = static_cast<double>(state.range(0));
  const int agents = static_cast<int>(a + 1.5 * std::sqrt(a)) + 1;
  const double rate = a * 3600 / kAht;
  for (auto _ : state) {
    auto metrics = erlang_a_metrics(rate, kAht, 180, agents, 20);
    benchmark::DoNotOptimize(metrics);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ErlangAEvaluate)->Arg(10)->Arg(100)->Arg(1000)->Arg(5000);

// Arrivals per hour at 15-minute interval `idx` of a week (Monday 00:00 = 0): a diurnal
// double peak (10:00-11:00 and 14:00), quieter weekends, near zero at night.
double weekly_rate(int idx, double peak_per_hour) {
  const int day = idx / 96;
  const double hour = (idx % 96) / 4.0;
  const double morning = std::exp(-std::pow((hour - 10.5) / 2.0, 2));
  const double afternoon = 0.8 * std::exp(-std::pow((hour - 14.5) / 2.5, 2));
  const double evening = 0.3 * std::exp(-std::pow((hour - 19.5) / 1.5, 2));
  const double weekday = day < 5 ? 1.0 : 0.45;
  const double shape = std::max(morning + afternoon + evening, 0.0);
  return peak_per_hour * weekday * (shape < 0.02 ? 0.0 : shape);
}

struct Channel {
  double peak_per_hour;
  double aht_seconds;
  double patience_seconds;        // <= 0: Erlang C
  int concurrency;                // > 1: chat
  double backlog_target_seconds;  // > 0: e-mail backlog
  StaffingTargets targets;
};

StaffingTargets sl_target(double share, double seconds) {
  StaffingTargets targets;
  targets.service_level = share;
  targets.target_seconds = seconds;
  return targets;
}

// Five channels of an outsourcing contact centre.
std::vector<Channel> mixed_channels() {
  StaffingTargets phone = sl_target(0.8, 20);
  phone.max_abandon = 0.05;
  phone.max_occupancy = 0.9;
  return {
      Channel{1500, 300, 180, 1, 0, phone},                  // phone: Erlang A
      Channel{400, 240, 0, 1, 0, sl_target(0.9, 15)},        // priority line: Erlang C
      Channel{600, 600, 0, 3, 0, sl_target(0.8, 60)},        // chat, 3 at a time
      Channel{300, 420, 0, 1, 4 * 3600, StaffingTargets{}},  // e-mail within 4 h
      Channel{150, 360, 900, 1, 0, sl_target(0.8, 300)},     // social: Erlang A
  };
}

int staff_interval(const Channel& channel, double rate) {
  if (channel.backlog_target_seconds > 0) {
    return *required_agents_backlog(
        BacklogWork{rate, channel.aht_seconds, channel.backlog_target_seconds, 0, 0.85});
  }
  if (channel.concurrency > 1) {
    return required_agents_chat(rate, channel.aht_seconds, channel.concurrency, std::nullopt, channel.targets)
        ->agents_required;
  }
  if (channel.patience_seconds > 0) {
    return required_agents_erlang_a(rate, channel.aht_seconds, channel.patience_seconds, channel.targets)
        ->agents_required;
  }
  return required_agents_erlang_c(rate, channel.aht_seconds, channel.targets)->agents_required;
}

// Required agents for 672 intervals x 5 channels, per model mix.
void run_week(benchmark::State& state, const std::vector<Channel>& channels) {
  long long agent_intervals = 0;
  for (auto _ : state) {
    agent_intervals = 0;
    for (const Channel& channel : channels) {
      for (int idx = 0; idx < 672; ++idx) {
        agent_intervals += staff_interval(channel, weekly_rate(idx, channel.peak_per_hour));
      }
    }
    benchmark::DoNotOptimize(agent_intervals);
  }
  state.SetItemsProcessed(state.iterations() * 672 * static_cast<long long>(channels.size()));
  state.counters["agent_hours"] = static_cast<double>(agent_intervals) / 4.0;
}

void BM_WeekRequiredAgentsMixedChannels(benchmark::State& state) {
  run_week(state, mixed_channels());
}
BENCHMARK(BM_WeekRequiredAgentsMixedChannels)->Unit(benchmark::kMillisecond);

void BM_WeekRequiredAgentsErlangC(benchmark::State& state) {
  std::vector<Channel> channels;
  for (double peak : {3000.0, 1500.0, 600.0, 300.0, 100.0}) {
    channels.push_back(Channel{peak, 300, 0, 1, 0, sl_target(0.8, 20)});
  }
  run_week(state, channels);
}
BENCHMARK(BM_WeekRequiredAgentsErlangC)->Unit(benchmark::kMillisecond);

void BM_WeekRequiredAgentsErlangA(benchmark::State& state) {
  std::vector<Channel> channels;
  for (double peak : {3000.0, 1500.0, 600.0, 300.0, 100.0}) {
    StaffingTargets targets = sl_target(0.8, 20);
    targets.max_abandon = 0.05;
    channels.push_back(Channel{peak, 300, 180, 1, 0, targets});
  }
  run_week(state, channels);
}
BENCHMARK(BM_WeekRequiredAgentsErlangA)->Unit(benchmark::kMillisecond);

// One day of 10,000 contacts in 96 intervals, staffed per interval by Erlang A for 80/20,
// with lognormal handle times (mean 240 s, cv 0.7) and lognormal patience (mean 120 s, cv 1).
// Two replications per iteration (the minimum for a confidence interval).
void BM_SimulateDayOf10000Contacts(benchmark::State& state) {
  SimulationConfig config;
  double total_weight = 0;
  for (int idx = 0; idx < 96; ++idx) {
    total_weight += weekly_rate(idx, 1.0) / 4.0;
  }
  for (int idx = 0; idx < 96; ++idx) {
    const double rate = weekly_rate(idx, 10000.0 / total_weight);
    int agents = 0;
    if (rate > 0) {
      agents = required_agents_erlang_a(rate, 240, 120, sl_target(0.8, 20))->agents_required;
    }
    config.intervals.push_back(SimulationInterval{900, rate, agents});
  }
  config.handle_time = Distribution::lognormal(240, 0.7);
  config.patience = Distribution::lognormal(120, 1.0);
  config.target_seconds = 20;
  config.replications = 2;
  std::mt19937_64 rng(42);
  std::int64_t contacts = 0;
  double service_level = 0;
  for (auto _ : state) {
    auto report = simulate(config, rng);
    contacts += report->contacts;
    service_level = report->service_level.mean;
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(contacts);
  state.counters["days"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * 2, benchmark::Counter::kIsRate);
  state.counters["service_level"] = service_level;
}
BENCHMARK(BM_SimulateDayOf10000Contacts)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sp::workforce

// Benchmarks for the forecast and the staffing plan (issue 5): a forecast of a week of 15-minute
// intervals (672) for 5 channels from 8 weeks of history (about 100,000 contacts), with and without
// the Holt-Winters grid search, and the plan of that week. Results and the command line:
// RESULTS.md.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <random>
#include <vector>

#include "workforce/forecast.hpp"
#include "workforce/plan.hpp"

namespace sp::workforce {
namespace {

constexpr int kWeek = 672;
constexpr int kHistoryWeeks = 8;

double uniform01(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);
}

int poisson(std::mt19937_64& rng, double mean) {
  const double limit = std::exp(-mean);
  int count = 0;
  double product = uniform01(rng);
  while (product > limit) {
    ++count;
    product *= uniform01(rng);
  }
  return count;
}

// Contacts per hour at 15-minute interval `idx` of a week for a peak of 1 (Monday 00:00 = 0):
// morning and afternoon peaks, an evening bump, quieter weekends, near zero at night.
double weekly_shape(int idx) {
  const int day = (idx % kWeek) / 96;
  const double hour = (idx % 96) / 4.0;
  const double morning = std::exp(-std::pow((hour - 10.5) / 2.0, 2));
  const double afternoon = 0.8 * std::exp(-std::pow((hour - 14.5) / 2.5, 2));
  const double evening = 0.3 * std::exp(-std::pow((hour - 19.5) / 1.5, 2));
  const double shape = (day < 5 ? 1.0 : 0.45) * (morning + afternoon + evening);
  return shape < 0.02 ? 0.0 : shape;
}

struct BenchChannel {
  const char* name;
  double peak_per_hour;
  double aht_seconds;
};

// Peaks chosen so that 8 weeks hold about 100,000 contacts; 1% growth a week.
const std::vector<BenchChannel>& bench_channels() {
  static const std::vector<BenchChannel> channels = {
      {"phone", 130, 300}, {"priority", 32, 240}, {"chat", 54, 600}, {"email", 32, 420}, {"social", 13, 360},
  };
  return channels;
}

const Timestamp kStart = Timestamp{std::chrono::seconds{1767571200}};  // Mon 2026-01-05 00:00Z

const std::vector<Contact>& history() {
  static const std::vector<Contact> contacts = [] {
    std::mt19937_64 rng(20261123);
    std::vector<Contact> out;
    const Duration length = std::chrono::minutes{15};
    for (const BenchChannel& channel : bench_channels()) {
      for (int idx = 0; idx < kHistoryWeeks * kWeek; ++idx) {
        const double growth = 1.0 + 0.01 * idx / kWeek;
        const int count = poisson(rng, channel.peak_per_hour / 4 * weekly_shape(idx) * growth);
        for (int contact_idx = 0; contact_idx < count; ++contact_idx) {
          const auto offset = Duration{static_cast<long long>(uniform01(rng) * length.count())};
          const double handle = -std::log(std::max(uniform01(rng), 1e-12)) * channel.aht_seconds;
          out.push_back(Contact{kStart + length * idx + offset, handle, channel.name});
        }
      }
    }
    return out;
  }();
  return contacts;
}

ForecastRequest week_request() {
  ForecastRequest request;
  request.time_zone = "Europe/Amsterdam";
  request.interval_minutes = 15;
  request.history_start = kStart - std::chrono::hours{1};  // local midnight (UTC+1)
  request.history_end = request.history_start + std::chrono::hours{24 * 7 * kHistoryWeeks};
  request.horizon_start = request.history_end;
  request.horizon_intervals = kWeek;
  return request;
}

std::vector<ChannelPlanSpec> bench_specs() {
  auto spec = [](const char* name, ChannelModel model, double hourly_cost) {
    ChannelPlanSpec result;
    result.channel = name;
    result.model = model;
    result.targets.shrinkage = 0.3;
    result.targets.hourly_cost = hourly_cost;
    return result;
  };
  ChannelPlanSpec phone = spec("phone", ChannelModel::Queue, 32);
  phone.targets.service_level = 0.8;
  phone.targets.target_seconds = 20;
  phone.targets.max_abandon = 0.05;
  phone.targets.max_occupancy = 0.9;
  phone.targets.patience_seconds = 180;
  ChannelPlanSpec priority = spec("priority", ChannelModel::Queue, 36);
  priority.targets.service_level = 0.9;
  priority.targets.target_seconds = 15;
  ChannelPlanSpec chat = spec("chat", ChannelModel::Chat, 30);
  chat.chat_concurrency = 3;
  chat.targets.service_level = 0.8;
  chat.targets.target_seconds = 60;
  ChannelPlanSpec email = spec("email", ChannelModel::Backlog, 28);
  email.response_target_seconds = 4 * 3600;
  email.targets.max_occupancy = 0.85;
  ChannelPlanSpec social = spec("social", ChannelModel::Queue, 30);
  social.targets.service_level = 0.8;
  social.targets.target_seconds = 300;
  social.targets.patience_seconds = 900;
  return {phone, priority, chat, email, social};
}

void BM_ForecastWeekFiveChannelsGridSearch(benchmark::State& state) {
  const auto& contacts = history();
  const ForecastRequest request = week_request();
  for (auto _ : state) {
    auto forecast = forecast_contacts(contacts, request);
    benchmark::DoNotOptimize(forecast);
  }
  // Which method each channel chose (0 seasonal average, 1 profile with trend, 2 Holt-Winters) and
  // its WAPE on the held-back week, for RESULTS.md.
  const Forecast forecast = *forecast_contacts(contacts, request);
  for (const ChannelForecast& channel : forecast.channels) {
    state.counters[channel.channel + "_method"] = static_cast<double>(channel.method);
    state.counters[channel.channel + "_wape"] = channel.fit(channel.method)->wape.value_or(0);
  }
  state.counters["history_contacts"] = static_cast<double>(contacts.size());
  state.SetItemsProcessed(state.iterations() * static_cast<long long>(contacts.size()));
}
BENCHMARK(BM_ForecastWeekFiveChannelsGridSearch)->Unit(benchmark::kMillisecond);

void BM_ForecastWeekFiveChannelsGivenParams(benchmark::State& state) {
  const auto& contacts = history();
  ForecastRequest request = week_request();
  request.holt_winters = HoltWintersParams{};
  for (auto _ : state) {
    auto forecast = forecast_contacts(contacts, request);
    benchmark::DoNotOptimize(forecast);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<long long>(contacts.size()));
}
BENCHMARK(BM_ForecastWeekFiveChannelsGivenParams)->Unit(benchmark::kMillisecond);

void BM_PlanWeekFiveChannels(benchmark::State& state) {
  const Demand demand = demand_from_forecast(*forecast_contacts(history(), week_request()));
  const std::vector<ChannelPlanSpec> specs = bench_specs();
  double agent_hours = 0;
  double cost = 0;
  double contacts = 0;
  for (auto _ : state) {
    auto plan = plan_staffing(demand, specs);
    agent_hours = plan->total_agent_hours;
    cost = plan->total_cost;
    contacts = plan->total_contacts;
    benchmark::DoNotOptimize(plan);
  }
  state.counters["paid_agent_hours"] = agent_hours;
  state.counters["cost"] = cost;
  state.counters["contacts"] = contacts;
  state.SetItemsProcessed(state.iterations() * kWeek * static_cast<long long>(specs.size()));
}
BENCHMARK(BM_PlanWeekFiveChannels)->Unit(benchmark::kMillisecond);

void BM_ForecastAndPlanWeekFiveChannels(benchmark::State& state) {
  const auto& contacts = history();
  const ForecastRequest request = week_request();
  const std::vector<ChannelPlanSpec> specs = bench_specs();
  for (auto _ : state) {
    auto forecast = forecast_contacts(contacts, request);
    auto plan = plan_staffing(demand_from_forecast(*forecast), specs);
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_ForecastAndPlanWeekFiveChannels)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sp::workforce

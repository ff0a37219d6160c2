#include "workforce/forecast.hpp"

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numeric>
#include <unordered_map>
#include <utility>

#include "sla/business_time.hpp"
#include "workforce/erlang.hpp"

namespace sp::workforce {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr int kMinutesPerWeek = 7 * 24 * 60;
constexpr std::int64_t kSecondsPerDay = 86'400;

// The grid searched when no parameters are given: 6 x 4 x 5 = 120 sets. Level and trend move every
// interval and forecasts reach a week ahead, so only small values make sense for them (larger ones
// chase the noise of the last hours before the origin); the seasonal terms move once a week.
constexpr std::array<double, 6> kAlphaGrid = {0.002, 0.005, 0.01, 0.02, 0.05, 0.1};
constexpr std::array<double, 4> kBetaGrid = {0.0, 0.0003, 0.001, 0.003};
constexpr std::array<double, 5> kGammaGrid = {0.05, 0.1, 0.2, 0.3, 0.5};

Error request_error(std::string message, std::string field) {
  Error error = invalid_input(std::move(message), std::move(field));
  error.kind = std::string(kInvalidRequest);
  return error;
}

Error history_error(std::string message, std::string field) {
  Error error = invalid_input(std::move(message), std::move(field));
  error.kind = std::string(kInsufficientHistory);
  return error;
}

std::int64_t floor_div(std::int64_t value, std::int64_t divisor) {
  std::int64_t quotient = value / divisor;
  if ((value % divisor != 0) && ((value < 0) != (divisor < 0))) {
    --quotient;
  }
  return quotient;
}

std::int64_t floor_mod(std::int64_t value, std::int64_t divisor) {
  return value - floor_div(value, divisor) * divisor;
}

// Maps instants to weekly slots in local time. Caches the zone's current offset period (sys_info),
// because consecutive intervals almost always share it.
class SlotMapper {
 public:
  SlotMapper(const date::time_zone& zone, int interval_minutes)
      : zone_(zone), interval_minutes_(interval_minutes) {}

  // Seconds since local midnight of `t` (floored to the second) and its local day number.
  std::pair<std::int64_t, std::int64_t> local_day_and_second(Timestamp t) {
    const auto utc = std::chrono::floor<seconds>(t);
    if (!has_info_ || utc < info_.begin || utc >= info_.end) {
      info_ = zone_.get_info(utc);
      has_info_ = true;
    }
    const std::int64_t local = utc.time_since_epoch().count() + info_.offset.count();
    const std::int64_t day = floor_div(local, kSecondsPerDay);
    return {day, local - day * kSecondsPerDay};
  }

  // (local ISO weekday from Monday = 0) x slots per day + local interval of the day.
  int slot(Timestamp t) {
    const auto [day, second_of_day] = local_day_and_second(t);
    // Day 0, 1970-01-01, was a Thursday.
    const int weekday = static_cast<int>(floor_mod(day + 3, 7));
    const int slots_per_day = 24 * 60 / interval_minutes_;
    return weekday * slots_per_day + static_cast<int>(second_of_day / 60 / interval_minutes_);
  }

 private:
  const date::time_zone& zone_;
  int interval_minutes_;
  date::sys_info info_;
  bool has_info_ = false;
};

bool valid_share(double value) {
  return std::isfinite(value) && value >= 0.0 && value <= 1.0;
}

// ---- Seasonal average ----------------------------------------------------------------------

// Per slot, the mean of the `weeks` most recent observations before `train_end`. A slot never
// observed (the spring-forward hour with one week of history) takes the value of the slot before
// it, cyclically; REQUIRES at least one observed slot.
std::vector<double> seasonal_profile(std::span<const double> series, std::span<const int> slots,
                                     int train_end, int season_length, int weeks) {
  std::vector<double> sum(season_length, 0.0);
  std::vector<int> count(season_length, 0);
  // Looking back weeks + 1 seasons covers `weeks` observations of every slot, also when the
  // fall-back night repeats a slot within one week.
  const int lookback_begin = std::max(0, train_end - (weeks + 1) * season_length);
  for (int idx = train_end - 1; idx >= lookback_begin; --idx) {
    const int slot = slots[idx];
    if (count[slot] < weeks) {
      sum[slot] += series[idx];
      ++count[slot];
    }
  }
  std::vector<double> profile(season_length, 0.0);
  int first_observed = -1;
  for (int slot = 0; slot < season_length; ++slot) {
    if (count[slot] > 0) {
      profile[slot] = sum[slot] / count[slot];
      if (first_observed < 0) {
        first_observed = slot;
      }
    }
  }
  SP_ASSERT(first_observed >= 0 && "seasonal_profile needs at least one observation");
  for (int step = 1; step < season_length; ++step) {
    const int slot = (first_observed + step) % season_length;
    if (count[slot] == 0) {
      profile[slot] = profile[(slot + season_length - 1) % season_length];
    }
  }
  return profile;
}

// ---- Holt-Winters --------------------------------------------------------------------------

struct HoltWintersState {
  double level = 0;
  double trend = 0;
  std::vector<double> season;

  // Forecast `steps_ahead` intervals after the last observation, for season slot `slot`.
  double forecast(std::int64_t steps_ahead, int slot) const {
    return std::max(0.0, level + static_cast<double>(steps_ahead) * trend + season[slot]);
  }
};

double mean_of(std::span<const double> values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

// The state after the first week: level at its middle from its mean, trend from the first two
// weeks' means (zero with one week), seasonal terms the first week's deviations. REQUIRES
// series.size() >= season_length.
HoltWintersState initial_holt_winters(std::span<const double> series, std::span<const int> slots,
                                      int available, int season_length) {
  const int m = season_length;
  const double first_mean = mean_of(series.subspan(0, m));
  HoltWintersState state;
  if (available >= 2 * m) {
    state.trend = (mean_of(series.subspan(m, m)) - first_mean) / m;
  }
  const double middle = (m - 1) / 2.0;
  state.season.assign(m, 0.0);
  std::vector<int> count(m, 0);
  for (int idx = 0; idx < m; ++idx) {
    state.season[slots[idx]] += series[idx] - (first_mean + state.trend * (idx - middle));
    ++count[slots[idx]];
  }
  for (int slot = 0; slot < m; ++slot) {
    if (count[slot] > 1) {
      state.season[slot] /= count[slot];
    }
  }
  // The level belongs to the last interval of the first week.
  state.level = first_mean + state.trend * middle;
  return state;
}

void update_holt_winters(HoltWintersState& state, double observed, int slot,
                         const HoltWintersParams& params) {
  double& season = state.season[slot];
  const double previous_level = state.level;
  state.level = params.alpha * (observed - season) + (1 - params.alpha) * (state.level + state.trend);
  state.trend = params.beta * (state.level - previous_level) + (1 - params.beta) * state.trend;
  season = params.gamma * (observed - state.level) + (1 - params.gamma) * season;
}

// Fits additive Holt-Winters to series[0, train_end). REQUIRES train_end >= season_length.
HoltWintersState fit_holt_winters(std::span<const double> series, std::span<const int> slots, int train_end,
                                  int season_length, const HoltWintersParams& params) {
  HoltWintersState state = initial_holt_winters(series, slots, train_end, season_length);
  for (int idx = season_length; idx < train_end; ++idx) {
    update_holt_winters(state, series[idx], slots[idx], params);
  }
  return state;
}

// Sum of absolute errors of week-ahead forecasts made at each origin in `origins` (ascending, each
// >= season_length) over the week that follows it, all in one pass over the series. The model only
// sees data before each origin.
double holt_winters_validation_error(std::span<const double> series, std::span<const int> slots,
                                     std::span<const int> origins, int season_length,
                                     const HoltWintersParams& params) {
  const int m = season_length;
  HoltWintersState state = initial_holt_winters(series, slots, origins.front(), m);
  double error = 0;
  std::size_t next_origin = 0;
  const int end = origins.back();
  for (int idx = m; idx <= end; ++idx) {
    if (idx == origins[next_origin]) {
      for (int ahead = 0; ahead < m; ++ahead) {
        error += std::abs(state.forecast(ahead + 1, slots[idx + ahead]) - series[idx + ahead]);
      }
      ++next_origin;
    }
    if (idx < end) {
      update_holt_winters(state, series[idx], slots[idx], params);
    }
  }
  return error;
}

// The grid point with the smallest week-ahead error from `origins`; the default wins ties, so a
// flat or empty series keeps the documented defaults.
HoltWintersParams search_holt_winters(std::span<const double> series, std::span<const int> slots,
                                      std::span<const int> origins, int season_length) {
  HoltWintersParams best;
  double best_error = holt_winters_validation_error(series, slots, origins, season_length, best);
  for (double alpha : kAlphaGrid) {
    for (double beta : kBetaGrid) {
      for (double gamma : kGammaGrid) {
        const HoltWintersParams params{alpha, beta, gamma};
        const double error = holt_winters_validation_error(series, slots, origins, season_length, params);
        if (error < best_error * (1 - 1e-12)) {
          best_error = error;
          best = params;
        }
      }
    }
  }
  return best;
}

// ---- Seasonal profile x trended weekly total ------------------------------------------------

// Least-squares line through the totals of the last complete weeks before `train_end` (up to
// kTrendWeeks), each placed at its middle: the weekly rate at interval index t is intercept + slope
// t contacts per week. Growth is continuous, so a forecast week ramps up within itself. Fewer than
// three weeks give a flat line at their mean: two points would turn noise into trend.
struct WeeklyTrend {
  double intercept = 0;
  double slope = 0;
  double total_at(double index) const { return std::max(0.0, intercept + slope * index); }
};

constexpr int kTrendWeeks = 8;

WeeklyTrend weekly_trend(std::span<const double> series, int train_end, int season_length) {
  const int weeks = std::min(train_end / season_length, kTrendWeeks);
  std::vector<double> centres(weeks);
  std::vector<double> totals(weeks);
  for (int week = 0; week < weeks; ++week) {
    const int end = train_end - week * season_length;
    totals[week] = std::accumulate(series.begin() + (end - season_length), series.begin() + end, 0.0);
    centres[week] = end - (season_length + 1) / 2.0;  // the mean of the week's indices
  }
  WeeklyTrend trend;
  const double mean_total = mean_of(totals);
  if (weeks < 3) {
    trend.intercept = mean_total;
    return trend;
  }
  const double mean_centre = mean_of(centres);
  double covariance = 0;
  double variance = 0;
  for (int week = 0; week < weeks; ++week) {
    covariance += (centres[week] - mean_centre) * (totals[week] - mean_total);
    variance += (centres[week] - mean_centre) * (centres[week] - mean_centre);
  }
  trend.slope = covariance / variance;
  trend.intercept = mean_total - trend.slope * mean_centre;
  return trend;
}

// ---- Method choice -------------------------------------------------------------------------

// A fitted method: the forecast for the interval at history index `index` (>= the training end)
// whose season slot is `slot`.
using Predictor = std::function<double(std::int64_t index, int slot)>;

Predictor fit_method(ForecastMethod method, std::span<const double> series, std::span<const int> slots,
                     int train_end, int season_length, int weeks, const HoltWintersParams& params) {
  switch (method) {
    case ForecastMethod::SeasonalAverage: {
      auto profile = seasonal_profile(series, slots, train_end, season_length, weeks);
      return [profile = std::move(profile)](std::int64_t, int slot) { return profile[slot]; };
    }
    case ForecastMethod::ProfileTrend: {
      auto shares = seasonal_profile(series, slots, train_end, season_length, weeks);
      const double sum = std::accumulate(shares.begin(), shares.end(), 0.0);
      for (double& share : shares) {
        share = sum > 0 ? share / sum : 0.0;
      }
      const WeeklyTrend trend = weekly_trend(series, train_end, season_length);
      return [shares = std::move(shares), trend](std::int64_t index, int slot) {
        return shares[slot] * trend.total_at(static_cast<double>(index));
      };
    }
    case ForecastMethod::HoltWinters: {
      auto state = fit_holt_winters(series, slots, train_end, season_length, params);
      return [state = std::move(state), train_end](std::int64_t index, int slot) {
        return state.forecast(index - train_end + 1, slot);
      };
    }
  }
  return [](std::int64_t, int) { return 0.0; };
}

// True when `candidate` fits clearly better: lower WAPE or, without contacts in the held-back week,
// lower MAE, by more than rounding (methods that agree, as all do on one training week, must tie).
bool fits_better(const FitReport& candidate, const FitReport& incumbent) {
  constexpr double kMargin = 1 - 1e-9;
  if (candidate.wape && incumbent.wape) {
    return *candidate.wape < *incumbent.wape * kMargin;
  }
  return candidate.mae_contacts < incumbent.mae_contacts * kMargin;
}

struct ChannelSeries {
  std::vector<double> contacts;
  std::vector<double> handle_seconds;
  std::int64_t total = 0;
};

Result<void> validate_request(const ForecastRequest& request) {
  const int interval = request.interval_minutes;
  if (interval < 5 || interval > 60 || 60 % interval != 0) {
    return request_error("interval_minutes must divide an hour: 5, 10, 15, 20, 30 or 60", "interval_minutes");
  }
  for (const auto& [instant, field] :
       {std::pair{request.history_start, "history_start"}, std::pair{request.history_end, "history_end"},
        std::pair{request.horizon_start, "horizon_start"}}) {
    if (instant < sla::kSupportedBegin || instant >= sla::kSupportedEnd) {
      return request_error(std::string(field) + " must lie in 1970..2099", field);
    }
  }
  const milliseconds length = minutes{interval};
  if ((request.horizon_start - request.history_start) % length != milliseconds{0}) {
    return request_error("history_start must lie a whole number of intervals before horizon_start",
                         "history_start");
  }
  if ((request.horizon_start - request.history_end) % length != milliseconds{0}) {
    return request_error("history_end must lie a whole number of intervals before horizon_start",
                         "history_end");
  }
  if (request.history_end > request.horizon_start) {
    return request_error("history_end must not be after horizon_start", "history_end");
  }
  if (request.history_end <= request.history_start) {
    return request_error("history_end must be after history_start", "history_end");
  }
  const std::int64_t history_intervals = (request.history_end - request.history_start) / length;
  const int season_length = kMinutesPerWeek / interval;
  if (history_intervals < season_length) {
    return history_error("the history window must span at least one week", "history_start");
  }
  if (history_intervals > static_cast<std::int64_t>(kMaxHistoryWeeks) * season_length) {
    return request_error("the history window may span at most " + std::to_string(kMaxHistoryWeeks) + " weeks",
                         "history_start");
  }
  if (request.horizon_intervals < 1 || request.horizon_intervals > kMaxHorizonWeeks * season_length) {
    return request_error("horizon_intervals must be between 1 and " +
                             std::to_string(kMaxHorizonWeeks * season_length) + " (" +
                             std::to_string(kMaxHorizonWeeks) + " weeks)",
                         "horizon_intervals");
  }
  if (request.seasonal_average_weeks < 1 || request.seasonal_average_weeks > 52) {
    return request_error("seasonal_average_weeks must be between 1 and 52", "seasonal_average_weeks");
  }
  if (request.holt_winters) {
    const HoltWintersParams& params = *request.holt_winters;
    if (!valid_share(params.alpha) || !valid_share(params.beta) || !valid_share(params.gamma)) {
      return request_error("holt_winters alpha, beta and gamma must each lie in [0, 1]", "holt_winters");
    }
  }
  for (ForecastMethod method : request.methods) {
    if (std::find(kForecastMethods.begin(), kForecastMethods.end(), method) == kForecastMethods.end()) {
      return request_error("methods: unknown forecast method", "methods");
    }
  }
  if (request.channels.size() > static_cast<std::size_t>(kMaxForecastChannels)) {
    return request_error("at most " + std::to_string(kMaxForecastChannels) + " channels", "channels");
  }
  for (std::size_t idx = 0; idx < request.channels.size(); ++idx) {
    const std::string& name = request.channels[idx];
    if (name.empty()) {
      return request_error("channel names must not be empty", "channels");
    }
    for (std::size_t other = 0; other < idx; ++other) {
      if (request.channels[other] == name) {
        return request_error("channel '" + name + "' is named twice", "channels");
      }
    }
  }
  return {};
}

// Forecast of one channel; `slots` covers the history, `horizon_slots` the horizon, and
// `steps_to_horizon` is the number of intervals from the last history interval to the first horizon
// interval (>= 1).
ChannelForecast forecast_channel(const ForecastRequest& request, const ChannelSeries& data,
                                 std::span<const int> slots, std::span<const int> horizon_slots,
                                 std::int64_t steps_to_horizon) {
  const int m = kMinutesPerWeek / request.interval_minutes;
  const int n = static_cast<int>(data.contacts.size());
  const int weeks = request.seasonal_average_weeks;
  const std::span<const double> series(data.contacts);
  ChannelForecast result;
  result.history_contacts = data.total;
  result.holt_winters_params = request.holt_winters.value_or(HoltWintersParams{});
  std::vector<ForecastMethod> methods;
  for (ForecastMethod method : kForecastMethods) {
    if (request.methods.empty() ||
        std::find(request.methods.begin(), request.methods.end(), method) != request.methods.end()) {
      methods.push_back(method);
    }
  }
  result.method = methods.front();
  const bool compare_holt_winters =
      std::find(methods.begin(), methods.end(), ForecastMethod::HoltWinters) != methods.end();

  if (n >= 2 * m) {
    const int holdout = n - m;
    if (compare_holt_winters && !request.holt_winters && n >= 3 * m) {
      // Validation weeks: the one or two weeks before the held-back week, each forecast from its
      // start with only the data before it (rolling origin).
      std::vector<int> origins;
      if (n >= 4 * m) {
        origins.push_back(n - 3 * m);
      }
      origins.push_back(n - 2 * m);
      result.holt_winters_params = search_holt_winters(series, slots, origins, m);
      result.holt_winters_params_searched = true;
    }
    const std::span<const double> actual = series.subspan(holdout, m);
    std::vector<double> predicted(m);
    for (ForecastMethod method : methods) {
      const Predictor predict =
          fit_method(method, series, slots, holdout, m, weeks, result.holt_winters_params);
      for (int idx = 0; idx < m; ++idx) {
        predicted[idx] = predict(holdout + idx, slots[holdout + idx]);
      }
      result.fits.push_back(MethodFit{method, fit_report(actual, predicted)});
      // kForecastMethods runs from the simplest, which therefore wins ties.
      if (fits_better(result.fits.back().fit, *result.fit(result.method))) {
        result.method = method;
      }
    }
  }

  const int horizon = request.horizon_intervals;
  result.contacts.resize(horizon);
  const Predictor predict = fit_method(result.method, series, slots, n, m, weeks, result.holt_winters_params);
  for (int idx = 0; idx < horizon; ++idx) {
    result.contacts[idx] = predict(n - 1 + steps_to_horizon + idx, horizon_slots[idx]);
  }

  // AHT: per slot over the last K weeks, shrunk towards the channel's AHT of those weeks.
  std::vector<double> slot_contacts(m, 0.0);
  std::vector<double> slot_handle(m, 0.0);
  const int window_begin = std::max(0, n - weeks * m);
  double window_contacts = 0;
  double window_handle = 0;
  for (int idx = window_begin; idx < n; ++idx) {
    slot_contacts[slots[idx]] += data.contacts[idx];
    slot_handle[slots[idx]] += data.handle_seconds[idx];
    window_contacts += data.contacts[idx];
    window_handle += data.handle_seconds[idx];
  }
  if (window_contacts == 0) {
    // The last K weeks were silent: fall back to the whole history's AHT.
    window_contacts = std::accumulate(data.contacts.begin(), data.contacts.end(), 0.0);
    window_handle = std::accumulate(data.handle_seconds.begin(), data.handle_seconds.end(), 0.0);
  }
  const double channel_aht = window_contacts > 0 ? window_handle / window_contacts : 0.0;
  result.aht_seconds.resize(horizon);
  for (int idx = 0; idx < horizon; ++idx) {
    const int slot = horizon_slots[idx];
    result.aht_seconds[idx] =
        (slot_handle[slot] + kAhtPriorContacts * channel_aht) / (slot_contacts[slot] + kAhtPriorContacts);
  }
  return result;
}

}  // namespace

std::string_view to_string(ForecastMethod method) {
  switch (method) {
    case ForecastMethod::SeasonalAverage:
      return "seasonal_average";
    case ForecastMethod::ProfileTrend:
      return "profile_trend";
    case ForecastMethod::HoltWinters:
      return "holt_winters";
  }
  return "seasonal_average";
}

const FitReport* ChannelForecast::fit(ForecastMethod which) const {
  for (const MethodFit& candidate : fits) {
    if (candidate.method == which) {
      return &candidate.fit;
    }
  }
  return nullptr;
}

const ChannelForecast* Forecast::find(std::string_view channel) const {
  for (const ChannelForecast& candidate : channels) {
    if (candidate.channel == channel) {
      return &candidate;
    }
  }
  return nullptr;
}

FitReport fit_report(std::span<const double> actual, std::span<const double> forecast) {
  SP_ASSERT(actual.size() == forecast.size() && "fit_report needs equal lengths");
  FitReport report;
  report.intervals = static_cast<int>(actual.size());
  double abs_error = 0;
  double error = 0;
  double relative_sum = 0;
  for (std::size_t idx = 0; idx < actual.size(); ++idx) {
    report.actual_contacts += actual[idx];
    report.forecast_contacts += forecast[idx];
    abs_error += std::abs(forecast[idx] - actual[idx]);
    error += forecast[idx] - actual[idx];
    if (actual[idx] > 0) {
      relative_sum += std::abs(forecast[idx] - actual[idx]) / actual[idx];
      ++report.mape_intervals;
    }
  }
  if (report.intervals > 0) {
    report.mae_contacts = abs_error / report.intervals;
    report.mean_error_contacts = error / report.intervals;
  }
  if (report.actual_contacts > 0) {
    report.wape = abs_error / report.actual_contacts;
    report.bias = error / report.actual_contacts;
  }
  if (report.mape_intervals > 0) {
    report.mape = relative_sum / report.mape_intervals;
  }
  return report;
}

Result<Forecast> forecast_contacts(std::span<const Contact> history, const ForecastRequest& request) {
  SP_TRY(validate_request(request));
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(request.time_zone);
  } catch (...) {
    // date/tz reports an unknown zone (and an unreadable tz database) by throwing.
    zone = nullptr;
  }
  if (zone == nullptr) {
    return request_error("unknown IANA time zone '" + request.time_zone + "'", "time_zone");
  }
  SlotMapper mapper(*zone, request.interval_minutes);
  const milliseconds length = minutes{request.interval_minutes};
  if (mapper.local_day_and_second(request.horizon_start).second % (request.interval_minutes * 60) != 0 ||
      request.horizon_start != std::chrono::floor<seconds>(request.horizon_start)) {
    return request_error(
        "horizon_start must begin a local interval (local minute a multiple of "
        "interval_minutes, whole seconds)",
        "horizon_start");
  }

  const int n = static_cast<int>((request.history_end - request.history_start) / length);
  const std::int64_t first_idx = (request.history_start - request.horizon_start) / length;
  std::vector<int> slots(n);
  for (int idx = 0; idx < n; ++idx) {
    slots[idx] = mapper.slot(request.history_start + length * idx + length / 2);
  }
  std::vector<int> horizon_slots(request.horizon_intervals);
  for (int idx = 0; idx < request.horizon_intervals; ++idx) {
    horizon_slots[idx] = mapper.slot(request.horizon_start + length * idx + length / 2);
  }

  // Bucket the contacts. Channels get provisional indices in order of appearance; without a
  // requested list they are sorted by name afterwards.
  std::unordered_map<std::string_view, int> channel_idx;
  std::vector<std::string_view> names;
  for (const std::string& name : request.channels) {
    channel_idx.emplace(name, static_cast<int>(names.size()));
    names.push_back(name);
  }
  const bool discover = request.channels.empty();
  std::vector<ChannelSeries> series(names.size());
  auto new_series = [n] {
    ChannelSeries data;
    data.contacts.assign(n, 0.0);
    data.handle_seconds.assign(n, 0.0);
    return data;
  };
  for (ChannelSeries& data : series) {
    data = new_series();
  }
  std::int64_t ignored = 0;
  for (std::size_t contact_idx = 0; contact_idx < history.size(); ++contact_idx) {
    const Contact& contact = history[contact_idx];
    if (!std::isfinite(contact.handle_seconds) || contact.handle_seconds < 0) {
      const std::string field = "history[" + std::to_string(contact_idx) + "].handle_seconds";
      return request_error(field + " must be a finite number >= 0", field);
    }
    if (contact.channel.empty()) {
      const std::string field = "history[" + std::to_string(contact_idx) + "].channel";
      return request_error(field + " must not be empty", field);
    }
    if (contact.arrived_at < request.history_start || contact.arrived_at >= request.history_end) {
      ++ignored;
      continue;
    }
    auto found = channel_idx.find(contact.channel);
    if (found == channel_idx.end()) {
      if (!discover) {
        ++ignored;
        continue;
      }
      if (names.size() == static_cast<std::size_t>(kMaxForecastChannels)) {
        return request_error(
            "the history has more than " + std::to_string(kMaxForecastChannels) + " channels", "channels");
      }
      found = channel_idx.emplace(contact.channel, static_cast<int>(names.size())).first;
      names.push_back(contact.channel);
      series.push_back(new_series());
    }
    ChannelSeries& data = series[found->second];
    const auto idx = static_cast<std::size_t>((contact.arrived_at - request.history_start) / length);
    data.contacts[idx] += 1.0;
    data.handle_seconds[idx] += contact.handle_seconds;
    ++data.total;
  }
  if (names.empty()) {
    return history_error("the history window holds no contacts and no channel is named", "history");
  }
  std::vector<int> order(names.size());
  std::iota(order.begin(), order.end(), 0);
  if (discover) {
    std::sort(order.begin(), order.end(), [&names](int lhs, int rhs) { return names[lhs] < names[rhs]; });
  }

  Forecast forecast;
  forecast.start = request.horizon_start;
  forecast.interval_minutes = request.interval_minutes;
  forecast.intervals = request.horizon_intervals;
  forecast.history_intervals = n;
  forecast.ignored_contacts = ignored;
  const std::int64_t steps_to_horizon = -(first_idx + n - 1);
  for (int channel : order) {
    ChannelForecast channel_forecast =
        forecast_channel(request, series[channel], slots, horizon_slots, steps_to_horizon);
    channel_forecast.channel = std::string(names[channel]);
    forecast.channels.push_back(std::move(channel_forecast));
  }
  return forecast;
}

}  // namespace sp::workforce

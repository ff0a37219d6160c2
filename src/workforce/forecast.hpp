// Forecast of contacts and average handle time (AHT) per interval and channel from a history of
// contact arrivals (issue 5, "Forecast, plan and simulation").
//
// Contract: pure (no I/O, no clock: the history window and the horizon are passed in),
// deterministic, thread-safe, never throws on bad data. The one side effect is date/tz reading the
// system tz database the first time a zone is looked up, as in sla/.
//
// Time: intervals are fixed-length real-time intervals on a grid anchored at the horizon start (UTC
// instants). Seasonality is weekly in the LOCAL time of an IANA zone: an interval's season slot is
// (local weekday, local time of day) of its midpoint, so a Monday 09:00 peak stays at 09:00 local
// across DST changes. On the fall-back night two real intervals share a slot; on the spring-forward
// night a slot does not occur (and is filled from the slot before it).
//
// Methods, all computed for every channel and compared on the last held-back week:
//  * Seasonal average: the mean of the K most recent observations of the same weekday and interval
//    (K = seasonal_average_weeks). No trend.
//  * Profile with trend: the seasonal average's weekly profile as shares of the week, times a
//    weekly total from a least-squares line through the totals of the last (up to 8) complete
//    weeks; flat with fewer than three. Growth in proportion to volume, the usual kind, is what it
//    models, and closed hours stay exactly zero.
//  * Additive Holt-Winters with a weekly season (level, trend per interval, one seasonal term per
//    weekly slot), initialised from the first week (trend from the first two weeks' means when
//    there are two). Its smoothing parameters are given, or grid-searched (120 sets) on week-ahead
//    forecasts of the one or two weeks before the last week, each made from the start of its week
//    with only earlier data (rolling origin); the last week, on which the fit is reported, is never
//    used for choosing them. Forecasts below zero are clamped to 0. Growth is modelled as contacts
//    per interval added everywhere (additive), so it suits data whose peaks and troughs grow alike.
// The method with the lowest WAPE on the held-back week (mean absolute error when the week had no
// contacts) is refitted on the whole history and forecasts the horizon; ties go to the simpler
// method, in the order above.
//
// Sparse data: one week of history is the minimum (a weekly profile needs every slot once); with
// one week there is nothing to hold back, so the seasonal average (which then equals the week
// itself, as the other methods would) is used and no fit is reported. With two weeks all methods
// are evaluated, but Holt-Winters keeps its given or default parameters (nothing to search on) and
// the trend line is flat; with three weeks the search has one validation week, from four on two,
// and from four on the line has three weeks to lean on. A channel named in the request without
// contacts forecasts zero.
//
// AHT per interval: handle seconds over contacts of the same slot in the last K weeks, shrunk
// towards the channel's AHT over those weeks by kAhtPriorContacts pseudo-contacts, so a slot with
// two contacts does not swing the plan. No trend in AHT.
//
// Errors: InvalidInput with Error::kind "invalid-request" and Error::field naming the input, or
// kind "insufficient-history" when the window is shorter than a week or holds no contacts and no
// channel is named.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "workforce/erlang.hpp"  // kInvalidRequest

namespace sp::workforce {

inline constexpr std::string_view kInsufficientHistory = "insufficient-history";

// Limits. The horizon is at most four weeks (2,688 intervals of 15 minutes); the history at most
// two years; at most 64 channels.
inline constexpr int kMaxHorizonWeeks = 4;
inline constexpr int kMaxHistoryWeeks = 104;
inline constexpr int kMaxForecastChannels = 64;
// Pseudo-contacts pulling a slot's AHT towards the channel's AHT (see above).
inline constexpr double kAhtPriorContacts = 10.0;

// One handled (or offered) contact of the history.
struct Contact {
  Timestamp arrived_at;
  double handle_seconds = 0;  // talk + after-call work; >= 0
  std::string channel;        // "phone", "chat", "email", ...
};

enum class ForecastMethod { SeasonalAverage, ProfileTrend, HoltWinters };

// Every method, simplest first (the order of ChannelForecast::fits and of tie-breaking).
inline constexpr std::array<ForecastMethod, 3> kForecastMethods = {
    ForecastMethod::SeasonalAverage, ForecastMethod::ProfileTrend, ForecastMethod::HoltWinters};

// "seasonal_average", "profile_trend" or "holt_winters".
std::string_view to_string(ForecastMethod method);

// Smoothing parameters of additive Holt-Winters, each in [0, 1]. Level and trend are updated every
// interval, a seasonal term once per week (when its slot comes round).
struct HoltWintersParams {
  double alpha = 0.02;  // level
  double beta = 0.001;  // trend (per interval)
  double gamma = 0.2;   // season

  friend bool operator==(const HoltWintersParams&, const HoltWintersParams&) = default;
};

struct ForecastRequest {
  std::string time_zone = "UTC";  // IANA zone of the weekly pattern
  int interval_minutes = 15;      // divides an hour: 5, 10, 15, 20, 30 or 60
  // The history window [history_start, history_end): contacts outside it are ignored. Both must lie
  // on the interval grid (a whole number of intervals before horizon_start), and history_end <=
  // horizon_start (a gap is allowed: Holt-Winters then forecasts further ahead).
  Timestamp history_start;
  Timestamp history_end;
  // The horizon: horizon_intervals intervals from horizon_start, which must begin a local interval
  // (local minute a multiple of interval_minutes, whole seconds).
  Timestamp horizon_start;
  int horizon_intervals = 0;
  // Channels to forecast, in this order; empty: every channel with contacts in the window, sorted
  // by name. Contacts of other channels are ignored.
  std::vector<std::string> channels;
  int seasonal_average_weeks = 4;                 // K, 1..52
  std::optional<HoltWintersParams> holt_winters;  // absent: grid search (or defaults)
  // Methods to compare and choose from; empty: all of kForecastMethods.
  std::vector<ForecastMethod> methods;
};

// Accuracy of a method on the held-back week: forecast f against actual a per interval.
struct FitReport {
  int intervals = 0;
  double actual_contacts = 0;      // sum of a
  double forecast_contacts = 0;    // sum of f
  double mae_contacts = 0;         // mean |f - a| per interval
  double mean_error_contacts = 0;  // mean (f - a) per interval: bias in contacts
  std::optional<double> wape;      // sum |f - a| / sum a; absent when sum a = 0
  std::optional<double> bias;      // sum (f - a) / sum a; absent when sum a = 0
  std::optional<double> mape;      // mean |f - a| / a over intervals with a > 0; absent if none
  int mape_intervals = 0;          // intervals with a > 0
};

struct MethodFit {
  ForecastMethod method = ForecastMethod::SeasonalAverage;
  FitReport fit;
};

struct ChannelForecast {
  std::string channel;
  std::vector<double> contacts;     // expected contacts per horizon interval, >= 0
  std::vector<double> aht_seconds;  // expected AHT per horizon interval; 0 only without history
  ForecastMethod method = ForecastMethod::SeasonalAverage;  // the one forecasting the horizon
  // Of the compared methods, in kForecastMethods order; empty with one week of history.
  std::vector<MethodFit> fits;
  HoltWintersParams holt_winters_params;  // given, searched or default (see params_searched)
  bool holt_winters_params_searched = false;
  std::int64_t history_contacts = 0;  // contacts of this channel in the window

  // The held-back-week fit of `method`, or nullptr when there is none.
  const FitReport* fit(ForecastMethod method) const;
};

struct Forecast {
  Timestamp start;  // = request.horizon_start
  int interval_minutes = 15;
  int intervals = 0;
  int history_intervals = 0;
  std::int64_t ignored_contacts = 0;  // outside the window or of channels not asked for
  std::vector<ChannelForecast> channels;

  Timestamp interval_start(int interval_idx) const {
    return start + std::chrono::minutes{interval_minutes} * interval_idx;
  }
  // The channel's forecast, or nullptr.
  const ChannelForecast* find(std::string_view channel) const;
};

// Forecasts request.horizon_intervals intervals for each channel from `history` (any order). Fails
// with kind "invalid-request" for an unknown zone ("time_zone"), an interval length that does not
// divide an hour ("interval_minutes"), windows off the grid or out of order, outside 1970..2099 or
// longer than kMaxHistoryWeeks ("history_start", "history_end", "horizon_start"), a horizon of 0 or
// beyond kMaxHorizonWeeks ("horizon_intervals"), bad seasonal_average_weeks, smoothing parameters
// ("holt_winters") or methods ("methods"), duplicate/empty channel names or more than
// kMaxForecastChannels ("channels"), a negative or non-finite handle time or an empty channel in
// the history ("history[i].handle_seconds", "history[i].channel"); with kind "insufficient-history"
// (field "history_start") for a window shorter than one week, and (field "history") when the window
// holds no contacts and no channel is named. Cost: O(contacts + channels x history intervals x 120
// parameter sets).
[[nodiscard]] Result<Forecast> forecast_contacts(std::span<const Contact> history,
                                                 const ForecastRequest& request);

// The fit of `forecast` against `actual`, interval by interval (see FitReport). REQUIRES:
// actual.size() == forecast.size().
FitReport fit_report(std::span<const double> actual, std::span<const double> forecast);

}  // namespace sp::workforce

// The contact forecast: recovery of a synthetic weekly pattern with trend, held-back-week fit
// metrics, the choice between seasonal average and Holt-Winters, sparse and zero data, local time
// across DST, and rejection of impossible inputs. Synthetic histories come from a seeded
// std::mt19937_64 and our own Poisson sampler, so they are the same on every platform.
#include "workforce/forecast.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include "core/time.hpp"

namespace sp::workforce {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr int kWeek15 = 672;  // 15-minute intervals per week

Timestamp at(const char* text) {
  return *parse_rfc3339(text);
}

double uniform01(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);
}

// Poisson variate: Knuth's product method below 30, a rounded normal approximation above.
int poisson(std::mt19937_64& rng, double mean) {
  if (mean <= 0) {
    return 0;
  }
  if (mean < 30) {
    const double limit = std::exp(-mean);
    int count = 0;
    double product = uniform01(rng);
    while (product > limit) {
      ++count;
      product *= uniform01(rng);
    }
    return count;
  }
  const double u1 = std::max(uniform01(rng), 1e-300);
  const double u2 = uniform01(rng);
  const double normal = std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.14159265358979 * u2);
  return std::max(0, static_cast<int>(std::lround(mean + std::sqrt(mean) * normal)));
}

// Contacts of `channel` over `intervals` 15-minute intervals from `start`, with Poisson counts of
// mean rate(interval index) and handle time aht(interval index).
void generate(std::vector<Contact>& out, std::mt19937_64& rng, const std::string& channel, Timestamp start,
              int intervals, const std::function<double(int)>& rate, const std::function<double(int)>& aht) {
  const Duration length = minutes{15};
  for (int idx = 0; idx < intervals; ++idx) {
    const int count = poisson(rng, rate(idx));
    for (int contact_idx = 0; contact_idx < count; ++contact_idx) {
      const auto offset = Duration{static_cast<long long>(uniform01(rng) * length.count())};
      out.push_back(Contact{start + length * idx + offset, aht(idx), channel});
    }
  }
}

// A weekday double peak (30 contacts per 15 minutes at 10:30), quieter weekends, closed at night
// (exactly zero from 20:00 to 07:00).
double weekly_shape(int slot) {
  const int day = slot / 96;
  const double hour = (slot % 96) / 4.0;
  if (hour < 7 || hour >= 20) {
    return 0;
  }
  const double morning = std::exp(-std::pow((hour - 10.5) / 2.0, 2));
  const double afternoon = 0.7 * std::exp(-std::pow((hour - 14.5) / 2.5, 2));
  return 30 * (day < 5 ? 1.0 : 0.4) * (morning + afternoon) + 2;
}

ForecastRequest weekly_request(Timestamp history_start, int history_weeks) {
  ForecastRequest request;
  request.interval_minutes = 15;
  request.history_start = history_start;
  request.history_end = history_start + hours{24 * 7 * history_weeks};
  request.horizon_start = request.history_end;
  request.horizon_intervals = kWeek15;
  return request;
}

// Compares a forecast with the true rate of the week after the history: the ratio of the weekly
// totals and the WAPE per interval.
struct TruthComparison {
  double total_ratio = 0;
  double wape = 0;
};

TruthComparison against_truth(const ChannelForecast& forecast, const std::function<double(int)>& rate,
                              int first_idx) {
  double truth_total = 0;
  double forecast_total = 0;
  double abs_error = 0;
  for (int idx = 0; idx < static_cast<int>(forecast.contacts.size()); ++idx) {
    const double truth = rate(first_idx + idx);
    truth_total += truth;
    forecast_total += forecast.contacts[idx];
    abs_error += std::abs(forecast.contacts[idx] - truth);
  }
  return TruthComparison{forecast_total / truth_total, abs_error / truth_total};
}

TEST(ForecastContacts, RecoversWeeklyPatternWithProportionalGrowth) {
  // Eight weeks of a weekly pattern (closed at night, up to 33 contacts per 15 minutes at the
  // weekday peak) growing 5% a week; handle time 200 s by day, 320 s from 17:00.
  const Timestamp start = at("2026-01-05T00:00:00Z");  // a Monday
  auto rate = [](int idx) { return weekly_shape(idx % kWeek15) * (1 + 0.05 * idx / kWeek15); };
  auto aht = [](int idx) { return (idx % 96) / 4.0 < 17 ? 200.0 : 320.0; };
  std::mt19937_64 rng(20261105);
  std::vector<Contact> history;
  generate(history, rng, "phone", start, 8 * kWeek15, rate, aht);

  auto forecast = forecast_contacts(history, weekly_request(start, 8));
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  ASSERT_EQ(forecast->channels.size(), 1u);
  const ChannelForecast& phone = forecast->channels[0];
  EXPECT_EQ(phone.channel, "phone");
  EXPECT_EQ(phone.history_contacts, static_cast<std::int64_t>(history.size()));

  // On the held-back week the seasonal average lags the growth; the trended profile does not and is
  // chosen.
  ASSERT_EQ(phone.fits.size(), 3u);
  const FitReport& seasonal = *phone.fit(ForecastMethod::SeasonalAverage);
  const FitReport& trended = *phone.fit(ForecastMethod::ProfileTrend);
  EXPECT_LT(*seasonal.bias, -0.05);
  EXPECT_LT(std::abs(*trended.bias), 0.03);
  EXPECT_EQ(phone.method, ForecastMethod::ProfileTrend);

  // Week 9 against the true rate: total within 3%, per interval within 13% WAPE (four weeks of
  // Poisson noise in the profile), closed nights exactly zero.
  const TruthComparison truth = against_truth(phone, rate, 8 * kWeek15);
  EXPECT_NEAR(truth.total_ratio, 1.0, 0.03);
  EXPECT_LT(truth.wape, 0.13);
  EXPECT_EQ(phone.contacts[96 + 8], 0.0);  // Tuesday 02:00
  // AHT by time of day, Tuesday 11:00 and 18:00, each pulled a little towards the channel's AHT
  // (about 220 s) by the kAhtPriorContacts pseudo-contacts.
  EXPECT_NEAR(phone.aht_seconds[96 + 44], 200, 3);
  EXPECT_GT(phone.aht_seconds[96 + 72], 280);
  EXPECT_LT(phone.aht_seconds[96 + 72], 320);
}

TEST(ForecastContacts, HoltWintersFollowsAnAdditiveTrend) {
  // The same pattern with 2 contacts per 15 minutes at night, everything growing by 0.75 contacts
  // per interval per week: the additive trend Holt-Winters models.
  const Timestamp start = at("2026-01-05T00:00:00Z");
  auto rate = [](int idx) {
    const double shape = weekly_shape(idx % kWeek15);
    return (shape > 0 ? shape : 2.0) + 0.75 * idx / kWeek15;
  };
  std::mt19937_64 rng(20261106);
  std::vector<Contact> history;
  generate(history, rng, "phone", start, 8 * kWeek15, rate, [](int) { return 180.0; });
  auto forecast = forecast_contacts(history, weekly_request(start, 8));
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  const ChannelForecast& phone = forecast->channels[0];
  const FitReport& holt_winters = *phone.fit(ForecastMethod::HoltWinters);
  EXPECT_TRUE(phone.holt_winters_params_searched);
  EXPECT_LT(std::abs(*holt_winters.bias), 0.03)
      << "alpha " << phone.holt_winters_params.alpha << " beta " << phone.holt_winters_params.beta
      << " gamma " << phone.holt_winters_params.gamma;
  EXPECT_LT(*phone.fit(ForecastMethod::SeasonalAverage)->bias, -0.05);
  EXPECT_EQ(phone.method, ForecastMethod::HoltWinters);
  const TruthComparison truth = against_truth(phone, rate, 8 * kWeek15);
  EXPECT_NEAR(truth.total_ratio, 1.0, 0.03);
  EXPECT_LT(truth.wape, 0.10);
}

TEST(FitReport, ComputesWapeMapeAndBiasOnAHandMadeWeek) {
  // actual 10, 0, 20, 10 against forecast 12, 1, 15, 10: |errors| 2, 1, 5, 0 (sum 8), signed errors
  // sum to -2; MAPE skips the interval with no contacts: (0.2 + 0.25 + 0) / 3.
  const std::vector<double> actual = {10, 0, 20, 10};
  const std::vector<double> forecast = {12, 1, 15, 10};
  const FitReport report = fit_report(actual, forecast);
  EXPECT_EQ(report.intervals, 4);
  EXPECT_DOUBLE_EQ(report.actual_contacts, 40);
  EXPECT_DOUBLE_EQ(report.forecast_contacts, 38);
  EXPECT_DOUBLE_EQ(report.mae_contacts, 2.0);
  EXPECT_DOUBLE_EQ(report.mean_error_contacts, -0.5);
  EXPECT_DOUBLE_EQ(*report.wape, 0.2);
  EXPECT_DOUBLE_EQ(*report.bias, -0.05);
  EXPECT_DOUBLE_EQ(*report.mape, 0.15);
  EXPECT_EQ(report.mape_intervals, 3);
}

TEST(FitReport, LeavesRatiosAbsentWhenNothingArrived) {
  const std::vector<double> actual = {0, 0};
  const std::vector<double> forecast = {1, 0};
  const FitReport report = fit_report(actual, forecast);
  EXPECT_FALSE(report.wape);
  EXPECT_FALSE(report.bias);
  EXPECT_FALSE(report.mape);
  EXPECT_DOUBLE_EQ(report.mae_contacts, 0.5);
}

// Hourly history: `per_hour(week, slot)` contacts at the start of every hour.
std::vector<Contact> hourly_history(Timestamp start, int weeks,
                                    const std::function<int(int, int)>& per_hour) {
  std::vector<Contact> history;
  for (int week = 0; week < weeks; ++week) {
    for (int slot = 0; slot < 168; ++slot) {
      for (int count = 0; count < per_hour(week, slot); ++count) {
        history.push_back(Contact{start + hours{168 * week + slot} + minutes{count}, 100.0 + count, "phone"});
      }
    }
  }
  return history;
}

TEST(ForecastContacts, ReportsTheFitOnTheLastHeldBackWeek) {
  // Week 1: one contact per hour; week 2 (held back): two. All methods, trained on week 1 only,
  // forecast one per hour: WAPE 0.5, bias -0.5, MAPE 0.5. A tie goes to the seasonal average, whose
  // horizon forecast is the mean of both weeks, 1.5 per hour.
  const Timestamp start = at("2026-01-05T00:00:00Z");
  auto history = hourly_history(start, 2, [](int week, int) { return week + 1; });
  ForecastRequest request;
  request.interval_minutes = 60;
  request.history_start = start;
  request.history_end = start + hours{2 * 168};
  request.horizon_start = request.history_end;
  request.horizon_intervals = 168;
  auto forecast = forecast_contacts(history, request);
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  const ChannelForecast& phone = forecast->channels[0];
  ASSERT_EQ(phone.fits.size(), 3u);
  for (const MethodFit& method_fit : phone.fits) {
    const FitReport* fit = &method_fit.fit;
    EXPECT_EQ(fit->intervals, 168);
    EXPECT_DOUBLE_EQ(fit->actual_contacts, 336);
    EXPECT_NEAR(fit->forecast_contacts, 168, 1e-9);
    EXPECT_NEAR(*fit->wape, 0.5, 1e-12);
    EXPECT_NEAR(*fit->bias, -0.5, 1e-12);
    EXPECT_NEAR(*fit->mape, 0.5, 1e-12);
    EXPECT_NEAR(fit->mean_error_contacts, -1.0, 1e-12);
  }
  EXPECT_EQ(phone.method, ForecastMethod::SeasonalAverage);
  EXPECT_FALSE(phone.holt_winters_params_searched);  // two weeks: nothing to search on
  for (double contacts : phone.contacts) {
    EXPECT_DOUBLE_EQ(contacts, 1.5);
  }
  // AHT: handle times 100 (first contact of the hour) and 101 (second): 301 s over 3.
  EXPECT_NEAR(phone.aht_seconds[0], 301.0 / 3, 1e-9);
}

TEST(ForecastContacts, ProfileTrendExtrapolatesTheWeeklyTotals) {
  // 1, 2, 3 and 4 contacts every hour in weeks 1-4. Held back, week 4: the seasonal average of
  // weeks 1-3 says 2 an hour (WAPE 0.5). The line through the totals 168, 336, 504 (placed at the
  // middle of their weeks) gives week 4 exactly 672, but as a continuous ramp from 3.5 to 4.5 an
  // hour: hour i gets 3.5 + (i + 0.5) / 168, so sum |f - a| = sum |i - 83.5| / 168 = 42 and WAPE =
  // 42 / 672 = 0.0625. Refitted on four weeks, week 5 ramps around 5 an hour.
  const Timestamp start = at("2026-01-05T00:00:00Z");
  auto history = hourly_history(start, 4, [](int week, int) { return week + 1; });
  ForecastRequest request;
  request.interval_minutes = 60;
  request.history_start = start;
  request.history_end = start + hours{4 * 168};
  request.horizon_start = request.history_end;
  request.horizon_intervals = 168;
  // Holt-Winters is left out: on weekly steps its seasonal terms absorb the ramp and it wins.
  request.methods = {ForecastMethod::SeasonalAverage, ForecastMethod::ProfileTrend};
  auto forecast = forecast_contacts(history, request);
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  const ChannelForecast& phone = forecast->channels[0];
  ASSERT_EQ(phone.fits.size(), 2u);
  EXPECT_EQ(phone.fit(ForecastMethod::HoltWinters), nullptr);
  EXPECT_NEAR(*phone.fit(ForecastMethod::SeasonalAverage)->wape, 0.5, 1e-12);
  const FitReport& trended = *phone.fit(ForecastMethod::ProfileTrend);
  EXPECT_NEAR(trended.forecast_contacts, 672, 1e-9);
  EXPECT_NEAR(*trended.bias, 0.0, 1e-12);
  EXPECT_NEAR(*trended.wape, 0.0625, 1e-12);
  EXPECT_EQ(phone.method, ForecastMethod::ProfileTrend);
  double total = 0;
  for (int idx = 0; idx < 168; ++idx) {
    ASSERT_NEAR(phone.contacts[idx], 4.5 + (idx + 0.5) / 168, 1e-9) << idx;
    total += phone.contacts[idx];
  }
  EXPECT_NEAR(total, 5 * 168, 1e-9);
}

TEST(ForecastContacts, ChoosesSeasonalAverageWhenHoltWintersOverreacts) {
  // A stationary noisy pattern and deliberately nervous Holt-Winters parameters.
  const Timestamp start = at("2026-01-05T00:00:00Z");
  std::mt19937_64 rng(7);
  std::vector<Contact> history;
  generate(
      history, rng, "chat", start, 6 * kWeek15, [](int idx) { return weekly_shape(idx % kWeek15); },
      [](int) { return 400.0; });
  ForecastRequest request = weekly_request(start, 6);
  request.holt_winters = HoltWintersParams{0.5, 0.5, 0.5};
  auto forecast = forecast_contacts(history, request);
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  const ChannelForecast& chat = forecast->channels[0];
  EXPECT_EQ(chat.holt_winters_params, (HoltWintersParams{0.5, 0.5, 0.5}));
  EXPECT_FALSE(chat.holt_winters_params_searched);
  EXPECT_LT(*chat.fit(ForecastMethod::SeasonalAverage)->wape, *chat.fit(ForecastMethod::HoltWinters)->wape);
  EXPECT_LE(*chat.fit(ForecastMethod::SeasonalAverage)->wape, *chat.fit(ForecastMethod::ProfileTrend)->wape);
  EXPECT_EQ(chat.method, ForecastMethod::SeasonalAverage);
  // The seasonal average of the last four weeks of a stationary pattern: within 10% WAPE.
  double abs_error = 0;
  double truth_total = 0;
  for (int idx = 0; idx < kWeek15; ++idx) {
    abs_error += std::abs(chat.contacts[idx] - weekly_shape(idx));
    truth_total += weekly_shape(idx);
  }
  EXPECT_LT(abs_error / truth_total, 0.10);
}

TEST(ForecastContacts, SingleWeekOfHistoryRepeatsThatWeekWithoutFit) {
  const Timestamp start = at("2026-01-05T00:00:00Z");
  // Three contacts on Monday 09:00-10:00, nothing else.
  auto history = hourly_history(start, 1, [](int, int slot) { return slot == 9 ? 3 : 0; });
  ForecastRequest request;
  request.interval_minutes = 60;
  request.history_start = start;
  request.history_end = start + hours{168};
  request.horizon_start = start + hours{2 * 168};  // a week's gap is allowed
  request.horizon_intervals = 168;
  auto forecast = forecast_contacts(history, request);
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  const ChannelForecast& phone = forecast->channels[0];
  EXPECT_EQ(phone.method, ForecastMethod::SeasonalAverage);
  EXPECT_TRUE(phone.fits.empty());
  EXPECT_EQ(phone.fit(ForecastMethod::SeasonalAverage), nullptr);
  for (int idx = 0; idx < 168; ++idx) {
    EXPECT_DOUBLE_EQ(phone.contacts[idx], idx == 9 ? 3.0 : 0.0) << idx;
  }
  // Quiet slots get the channel's AHT through the prior: (100 + 101 + 102) / 3 = 101.
  EXPECT_NEAR(phone.aht_seconds[9], 101.0, 1e-9);
  EXPECT_NEAR(phone.aht_seconds[30], 101.0, 1e-9);
}

TEST(ForecastContacts, NamedChannelWithoutContactsForecastsZero) {
  const Timestamp start = at("2026-01-05T00:00:00Z");
  auto history = hourly_history(start, 3, [](int, int slot) { return slot % 24 >= 8 ? 1 : 0; });
  ForecastRequest request;
  request.interval_minutes = 60;
  request.history_start = start;
  request.history_end = start + hours{3 * 168};
  request.horizon_start = request.history_end;
  request.horizon_intervals = 48;
  request.channels = {"email", "phone"};
  auto forecast = forecast_contacts(history, request);
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  ASSERT_EQ(forecast->channels.size(), 2u);
  const ChannelForecast* email = forecast->find("email");
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(email->history_contacts, 0);
  for (int idx = 0; idx < 48; ++idx) {
    EXPECT_EQ(email->contacts[idx], 0.0);
    EXPECT_EQ(email->aht_seconds[idx], 0.0);
  }
  ASSERT_NE(email->fit(ForecastMethod::SeasonalAverage), nullptr);
  EXPECT_FALSE(email->fit(ForecastMethod::SeasonalAverage)->wape);
  EXPECT_EQ(email->method, ForecastMethod::SeasonalAverage);
  // Zero-volume night hours stay exactly zero; open hours one per hour.
  const ChannelForecast* phone = forecast->find("phone");
  ASSERT_NE(phone, nullptr);
  EXPECT_EQ(phone->contacts[3], 0.0);
  EXPECT_NEAR(phone->contacts[10], 1.0, 1e-9);
}

TEST(ForecastContacts, FollowsLocalTimeAcrossDaylightSavingTime) {
  // Amsterdam: calls on weekdays at 09:00-09:15 local. The history is winter time (UTC+1), the
  // horizon summer time (UTC+2, from 2026-03-29), so the peak moves from 08:00 to 07:00 UTC.
  const Timestamp history_start = at("2026-03-08T23:00:00Z");  // Monday 9 March 00:00 local
  std::vector<Contact> history;
  for (int day = 0; day < 14; ++day) {
    if (day % 7 < 5) {
      history.push_back(Contact{history_start + hours{24 * day + 9} + minutes{5}, 60, "phone"});
    }
  }
  ForecastRequest request;
  request.time_zone = "Europe/Amsterdam";
  request.history_start = history_start;
  request.history_end = history_start + hours{14 * 24};
  request.horizon_start = at("2026-03-29T22:00:00Z");  // Monday 30 March 00:00 local
  request.horizon_intervals = 96;
  auto forecast = forecast_contacts(history, request);
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  const ChannelForecast& phone = forecast->channels[0];
  const int local_nine = 9 * 4;  // 07:00 UTC
  EXPECT_DOUBLE_EQ(phone.contacts[local_nine], 1.0);
  EXPECT_EQ(forecast->interval_start(local_nine), at("2026-03-30T07:00:00Z"));
  EXPECT_DOUBLE_EQ(phone.contacts[local_nine + 4],
                   0.0);  // 08:00 UTC is 10:00 local

  // One week of history holding the spring-forward night: local Sunday 02:00-03:00 never occurred,
  // so the next Sunday's 02:00 slot takes the 01:45 slot's value.
  history.clear();
  const Timestamp week_start = at("2026-03-22T23:00:00Z");  // Monday 23 March 00:00 local
  for (int quarter = 0; quarter < 7 * 96; ++quarter) {
    history.push_back(Contact{week_start + std::chrono::minutes{15 * quarter}, 60, "phone"});
  }
  // The local week has only 167 real hours, so the 168-hour window starts an hour earlier.
  request.history_end = at("2026-03-29T22:00:00Z");  // Monday 30 March 00:00 local
  request.history_start = request.history_end - hours{168};
  request.horizon_start = at("2026-04-05T22:00:00Z");  // Monday 6 April 00:00 local
  request.horizon_intervals = 672;
  auto spring = forecast_contacts(history, request);
  ASSERT_TRUE(spring.ok()) << spring.error().message;
  const int sunday_two = 6 * 96 + 2 * 4;
  EXPECT_DOUBLE_EQ(spring->channels[0].contacts[sunday_two], spring->channels[0].contacts[sunday_two - 1]);
}

TEST(ForecastContacts, IgnoresContactsOutsideTheWindowAndUnnamedChannels) {
  const Timestamp start = at("2026-01-05T00:00:00Z");
  std::vector<Contact> history = {
      Contact{start - hours{1}, 60, "phone"},    // before the window
      Contact{start + hours{168}, 60, "phone"},  // at history_end (exclusive)
      Contact{start + hours{10}, 60, "social"},  // not asked for
      Contact{start + hours{10}, 60, "phone"},
  };
  ForecastRequest request;
  request.interval_minutes = 60;
  request.history_start = start;
  request.history_end = start + hours{168};
  request.horizon_start = request.history_end;
  request.horizon_intervals = 24;
  request.channels = {"phone"};
  auto forecast = forecast_contacts(history, request);
  ASSERT_TRUE(forecast.ok()) << forecast.error().message;
  EXPECT_EQ(forecast->ignored_contacts, 3);
  EXPECT_EQ(forecast->channels[0].history_contacts, 1);
  EXPECT_DOUBLE_EQ(forecast->channels[0].contacts[10], 1.0);
}

TEST(ForecastContacts, RejectsImpossibleInputs) {
  const Timestamp start = at("2026-01-05T00:00:00Z");
  const std::vector<Contact> one = {Contact{start + hours{1}, 60, "phone"}};
  auto base = [&] {
    ForecastRequest request;
    request.interval_minutes = 60;
    request.history_start = start;
    request.history_end = start + hours{168};
    request.horizon_start = request.history_end;
    request.horizon_intervals = 24;
    return request;
  };
  auto expect_error = [&](const ForecastRequest& request, std::span<const Contact> history,
                          std::string_view kind, const std::string& field) {
    auto result = forecast_contacts(history, request);
    ASSERT_FALSE(result.ok()) << field;
    EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(result.error().kind, kind) << result.error().message;
    EXPECT_EQ(result.error().field, field) << result.error().message;
  };
  expect_error(base(), {}, kInsufficientHistory, "history");
  ForecastRequest request = base();
  request.history_end = start + hours{167};
  request.horizon_start = request.history_end;
  expect_error(request, one, kInsufficientHistory, "history_start");
  request = base();
  request.interval_minutes = 7;
  expect_error(request, one, kInvalidRequest, "interval_minutes");
  request = base();
  request.interval_minutes = 90;
  expect_error(request, one, kInvalidRequest, "interval_minutes");
  request = base();
  request.horizon_intervals = 4 * 168 + 1;
  expect_error(request, one, kInvalidRequest, "horizon_intervals");
  request.horizon_intervals = 0;
  expect_error(request, one, kInvalidRequest, "horizon_intervals");
  request = base();
  request.time_zone = "Mars/Olympus_Mons";
  expect_error(request, one, kInvalidRequest, "time_zone");
  request = base();
  request.horizon_start = request.history_end - hours{1};
  expect_error(request, one, kInvalidRequest, "history_end");
  request = base();
  request.history_start = start + minutes{30};
  expect_error(request, one, kInvalidRequest, "history_start");
  request = base();
  request.time_zone = "Asia/Kathmandu";  // UTC+5:45: 00:00 UTC is 05:45 local
  expect_error(request, one, kInvalidRequest, "horizon_start");
  request = base();
  request.holt_winters = HoltWintersParams{1.5, 0, 0};
  expect_error(request, one, kInvalidRequest, "holt_winters");
  request = base();
  request.channels = {"phone", "phone"};
  expect_error(request, one, kInvalidRequest, "channels");
  const std::vector<Contact> negative = {Contact{start, -1, "phone"}};
  expect_error(base(), negative, kInvalidRequest, "history[0].handle_seconds");
}

}  // namespace
}  // namespace sp::workforce

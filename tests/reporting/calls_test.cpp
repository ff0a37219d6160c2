#include "reporting/calls.hpp"

#include <gtest/gtest.h>

#include <random>

#include "reporting/history_builder.hpp"
#include "reporting/kpi_json.hpp"
#include "reporting/rollup.hpp"

namespace sp::reporting {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using testing::History;
using testing::kMonday;

TicketCalls calls_of(const History& history, Timestamp as_of = kMonday + days{1}) {
  TicketCalls calls;
  const auto facts = history.build();
  measure_calls(facts.events, as_of, calls);
  return calls;
}

CallFigures figures_of(const std::vector<TicketCalls>& tickets, int threshold) {
  CallCounts counts;
  WaitHistogram waits;
  for (const auto& t : tickets) {
    counts.add(t);
    for (int w : t.answer_waits) waits.add(w);
  }
  return call_figures(counts, waits, threshold);
}

TEST(WaitHistogram, PercentilesEqualTheExactInterpolationOverTheSameWaits) {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 50; ++round) {
    std::uniform_int_distribution<int> size(1, 300), wait(0, 900);
    WaitHistogram histogram;
    std::vector<double> values;
    for (int i = size(rng); i > 0; --i) {
      const int w = wait(rng);
      histogram.add(w);
      values.push_back(w);
    }
    const Summary exact = summarize(values);
    EXPECT_EQ(histogram.summary(), exact);
    EXPECT_EQ(histogram.percentile(75), percentile_of_sorted(values, 75));
  }
  EXPECT_EQ(WaitHistogram{}.summary(), Summary{});
  EXPECT_FALSE(WaitHistogram{}.percentile(50).has_value());
}

TEST(WaitHistogram, SubtractingWhatWasAddedLeavesNothingAndItEncodesExactly) {
  WaitHistogram a, b;
  for (int w : {0, 5, 5, 20, 21, 86400}) a.add(w);
  b.merge(a, 1);
  std::string blob;
  b.encode(blob);
  std::string_view in = blob;
  auto decoded = WaitHistogram::decode(in);
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(in.empty());
  EXPECT_EQ(*decoded, a);
  b.merge(a, -1);
  EXPECT_TRUE(b.empty());
  std::string_view truncated = std::string_view(blob).substr(0, blob.size() - 1);
  EXPECT_FALSE(WaitHistogram::decode(truncated).ok());
}

TEST(Calls, AnsweredExactlyAtTheThresholdCountsAsWithinAndOneSecondLaterDoesNot) {
  History at_threshold(kMonday), just_over(kMonday);
  at_threshold.call("c-1", "answered", 20, kMonday + minutes{1});
  just_over.call("c-2", "answered", 21, kMonday + minutes{1});
  const auto f = figures_of({calls_of(at_threshold), calls_of(just_over)}, 20);
  EXPECT_EQ(f.answered_within, 1);
  EXPECT_EQ(f.service_level_calls, 2);
  EXPECT_EQ(f.service_level, 0.5);
  EXPECT_EQ(service_level_within(f, 21), 1.0);
  EXPECT_EQ(service_level_within(f, 19), 0.0);
}

TEST(Calls, AbandonedCallsAreLeftOutOfTheAnswerSpeedButCountInAbandonmentAndServiceLevel) {
  History answered(kMonday), abandoned(kMonday);
  answered.call("c-1", "queued", std::nullopt, kMonday).call("c-1", "answered", 10, kMonday + minutes{1});
  abandoned.call("c-2", "queued", std::nullopt, kMonday).call("c-2", "abandoned", 300, kMonday + minutes{5});
  const auto f = figures_of({calls_of(answered), calls_of(abandoned)}, 20);
  EXPECT_EQ(f.offered, 2);
  EXPECT_EQ(f.abandoned, 1);
  EXPECT_EQ(f.wait_seconds.count, 1);
  EXPECT_EQ(f.wait_seconds.mean, 10.0);  // average speed of answer: the 300 s abandon is not in it
  EXPECT_EQ(f.abandonment_rate, 0.5);
  EXPECT_EQ(f.service_level, 0.5);  // the abandoned caller was not answered within 20 s
}

TEST(Calls, AnsweredCallsWithoutAWaitTimeCountAsOfferedButInNoWaitFigure) {
  History ended_only(kMonday), timed(kMonday);
  ended_only.call("c-1", "ended", std::nullopt, kMonday + minutes{3});  // the answered event was lost
  timed.call("c-2", "answered", 40, kMonday + minutes{1});
  const auto f = figures_of({calls_of(ended_only), calls_of(timed)}, 20);
  EXPECT_EQ(f.answered, 2);
  EXPECT_EQ(f.answered_without_wait, 1);
  EXPECT_EQ(f.offered, 2);
  EXPECT_EQ(f.wait_seconds.count, 1);
  EXPECT_EQ(f.service_level_calls, 1);
  EXPECT_EQ(f.service_level, 0.0);
  EXPECT_EQ(f.abandonment_rate, 0.0);
}

TEST(Calls, NoCallsGiveNoFiguresRatherThanZero) {
  History queued_only(kMonday);
  queued_only.call("c-1", "queued", std::nullopt, kMonday);
  const auto f = figures_of({calls_of(queued_only), calls_of(History(kMonday))}, 20);
  EXPECT_EQ(f.offered, 0);
  EXPECT_FALSE(f.service_level.has_value());
  EXPECT_FALSE(f.abandonment_rate.has_value());
  EXPECT_FALSE(f.wait_seconds.mean.has_value());
  EXPECT_FALSE(service_level_within(f, 60).has_value());
}

TEST(Calls, TheAnsweredWaitWinsAndEventsAfterTheReportEndAreIgnored) {
  History h(kMonday);
  h.call("c-1", "answered", 12, kMonday + minutes{1})
      .call("c-1", "ended", 99, kMonday + minutes{4})
      .call("c-2", "abandoned", 30, kMonday + minutes{10})
      .call("c-2", "answered", 31, kMonday + days{2});  // after as_of: still abandoned
  const auto calls = calls_of(h);
  EXPECT_EQ(calls.answered, 1);
  EXPECT_EQ(calls.abandoned, 1);
  EXPECT_EQ(calls.answer_waits, std::vector<int>{12});
  const auto later = calls_of(h, kMonday + days{3});
  EXPECT_EQ(later.answered, 2);
  EXPECT_EQ(later.abandoned, 0);
}

TEST(Calls, TheKpiReportCarriesThePhoneFiguresWithTheQueryThreshold) {
  History fast(kMonday), slow(kMonday), gone(kMonday);
  fast.call("c-1", "answered", 30, kMonday + minutes{1});
  slow.call("c-2", "answered", 480, kMonday + minutes{8});
  gone.call("c-3", "abandoned", 200, kMonday + minutes{4});
  const std::vector<TicketFacts> tickets = {fast.build(), slow.build(), gone.build()};
  KpiQuery q;
  q.period = Period::Custom;
  q.from = kMonday;
  q.to = kMonday + days{1};
  q.service_level_seconds = 30;
  auto report = compute_kpis(tickets, q);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->groups.size(), 1u);
  const auto& calls = report->groups[0].figures.calls;
  EXPECT_EQ(calls.wait_seconds.mean, 255.0);  // (30 + 480) / 2: 4.25 minutes
  EXPECT_EQ(calls.wait_seconds.median, 255.0);
  EXPECT_DOUBLE_EQ(*calls.wait_seconds.p90, 30 + 0.9 * 450);
  EXPECT_DOUBLE_EQ(*calls.service_level, 1.0 / 3.0);
  const auto json = to_json(*report);
  const auto& figures = json["groups"][0]["figures"];
  EXPECT_EQ(figures["average_speed_of_answer"], 255.0);
  EXPECT_EQ(figures["service_level"]["threshold_seconds"], 30);
  EXPECT_EQ(figures["abandonment_rate"]["abandoned"], 1);
  EXPECT_EQ(figures["calls"]["offered"], 3);
  for (const char* key :
       {"calls", "average_speed_of_answer", "call_wait_time", "service_level", "abandonment_rate"}) {
    EXPECT_TRUE(json["definitions"].contains(key)) << key;
  }
}

TEST(Calls, DayFiguresWrittenBeforeTheCallFiguresStillDecode) {
  DayFigures figures;
  TicketKpi kpi;
  kpi.handled = true;
  figures.add(kpi);
  std::string blob = figures.encode();
  // Version 1 ended after the excluded counts: without the three call counts and the empty
  // wait histogram (one byte each).
  std::string old = "\x01" + blob.substr(1, blob.size() - 5);
  auto decoded = DayFigures::decode(old);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, figures);

  History h(kMonday);
  h.call("c-1", "answered", 7, kMonday + minutes{1});
  DayFigures with_call;
  TicketKpi measured;
  ASSERT_TRUE(measure_ticket(h.build(), kMonday + days{1}, nullptr, BreachRules{}, measured).ok());
  with_call.add(measured);
  auto round_trip = DayFigures::decode(with_call.encode());
  ASSERT_TRUE(round_trip.ok());
  EXPECT_EQ(*round_trip, with_call);
  EXPECT_EQ(round_trip->call_waits.count(), 1);
}

}  // namespace
}  // namespace sp::reporting

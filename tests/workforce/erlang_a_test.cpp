// Erlang A (M/M/N+M): a wide grid against an independent long double computation (direct
// stationary summation, Little's law, uniformization of the tagged contact), exact special
// cases from the literature, limits and properties.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <set>
#include <vector>

#include "workforce/erlang.hpp"
#include "workforce/reference.hpp"

namespace sp::workforce {
namespace {

double relative_error(double value, long double expected) {
  const long double scale = std::max(std::fabs(expected), 1e-300L);
  return static_cast<double>(std::fabs(value - expected) / scale);
}

constexpr double kAht = 180;

// Arrival rate per hour giving `a` Erlangs at AHT 180 s.
double rate_for(double a) {
  return a * 3600 / kAht;
}

TEST(ErlangA, AgreesWithIndependentLongDoubleComputationOverWideGrid) {
  // Loads 0.01 .. 5,000 Erlangs; patience 0.25x .. 10x the AHT; staffing well below, at and
  // above the load; thresholds 0, 20 s and 270 s. Six significant digits are required; the
  // implementation reaches about 1e-10.
  double worst = 0;
  int cases = 0;
  for (double a : {0.01, 0.5, 3.0, 10.0, 50.0, 200.0, 1000.0, 5000.0}) {
    const double spread = std::sqrt(a);
    std::set<int> agents{std::max(1, static_cast<int>(a - 2 * spread)), std::max(1, static_cast<int>(a)),
                         static_cast<int>(a + 2 * spread) + 1};
    for (double r : {0.1, 1.0, 4.0}) {  // r = AHT / patience
      for (int n : agents) {
        for (double target_seconds : {0.0, 20.0, 270.0}) {
          if (a >= 1000 && target_seconds > 20) {
            continue;  // keeps the reference's uniformization (O(steps x states)) fast
          }
          auto metrics = erlang_a_metrics(rate_for(a), kAht, kAht / r, n, target_seconds);
          ASSERT_TRUE(metrics.ok()) << metrics.error().message;
          const auto expected = reference::erlang_a(n, a, r, target_seconds / kAht);
          const double errors[] = {
              relative_error(metrics->p_wait, expected.p_wait),
              relative_error(metrics->p_abandon, expected.p_abandon),
              relative_error(metrics->p_answered_within, expected.p_answered_within),
              relative_error(metrics->asa_seconds, expected.asa_in_aht * kAht),
              // an absolute check: this share is a difference of two probabilities
              std::fabs(metrics->p_abandoned_within - static_cast<double>(expected.p_abandoned_within)),
          };
          for (double err : errors) {
            worst = std::max(worst, err);
            EXPECT_LT(err, 1e-7) << "a=" << a << " N=" << n << " r=" << r << " t=" << target_seconds
                                 << " Pw=" << metrics->p_wait << " Pab=" << metrics->p_abandon
                                 << " SL=" << metrics->p_answered_within;
          }
          ++cases;
        }
      }
    }
  }
  char formatted[32];
  std::snprintf(formatted, sizeof formatted, "%.3e", worst);
  RecordProperty("worst_relative_error", formatted);
  RecordProperty("cases", cases);
}

TEST(ErlangA, AgreesWithReferenceOnRandomExtremeParameters) {
  // Seeded random cases far outside everyday staffing: patience from 1/300 to 300 handle
  // times, 0.3x to 1.8x the load in agents, thresholds up to 30 handle times. Small results
  // (down to 1e-180) must keep their relative precision too.
  std::mt19937_64 rng(20260501);
  auto uniform = [&rng] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  auto log_uniform = [&](double lo, double hi) { return lo * std::exp(uniform() * std::log(hi / lo)); };
  int cases = 0;
  double worst = 0;
  while (cases < 150) {
    const double a = log_uniform(0.01, 400);
    const double r = log_uniform(1.0 / 300, 300);
    const int n = std::max(1, static_cast<int>(std::lround(a * (0.3 + 1.5 * uniform()))));
    const double tt = uniform() < 0.2 ? 0.0 : log_uniform(1e-3, 30);
    // Keep the reference's uniformization cheap: about states x steps operations.
    const double states = (a > n ? (a - n) / r : 0) + 20 * std::sqrt(a / r) + 200;
    const double steps = (n + states * r) * tt + 100;
    if (states * steps > 2e6) {
      continue;
    }
    ++cases;
    auto metrics = erlang_a_metrics(rate_for(a), kAht, kAht / r, n, tt * kAht);
    ASSERT_TRUE(metrics.ok()) << metrics.error().message;
    const auto expected = reference::erlang_a(n, a, r, tt);
    const double errors[] = {
        relative_error(metrics->p_wait, expected.p_wait),
        relative_error(metrics->p_abandon, expected.p_abandon),
        relative_error(metrics->asa_seconds, expected.asa_in_aht * kAht),
        // relative above 1e-8, absolute below (see erlang.hpp)
        expected.p_answered_within > 1e-8
            ? relative_error(metrics->p_answered_within, expected.p_answered_within)
            : std::fabs(metrics->p_answered_within - static_cast<double>(expected.p_answered_within)),
        std::fabs(metrics->p_abandoned_within - static_cast<double>(expected.p_abandoned_within)),
    };
    for (double err : errors) {
      worst = std::max(worst, err);
      EXPECT_LT(err, 1e-8) << "a=" << a << " N=" << n << " r=" << r << " tt=" << tt;
    }
  }
  char formatted[32];
  std::snprintf(formatted, sizeof formatted, "%.3e", worst);
  RecordProperty("worst_error", formatted);
}

TEST(ErlangA, PatienceEqualToHandleTimeBehavesAsInfiniteServerQueue) {
  // With theta = mu every state n has total departure rate n mu, so the number in system is
  // Poisson(a) as in M/M/infinity (Garnett, Mandelbaum & Reiman 2002, sec. 3). Then
  // P(wait) = P(X >= N) and P(abandon) = E[(X - N)^+] / a for X ~ Poisson(a).
  for (double a : {2.0, 17.0, 90.0}) {
    for (int n : {1, static_cast<int>(a) - 1, static_cast<int>(a) + 3}) {
      long double below = 0;
      long double excess = 0;
      long double term = std::exp(-static_cast<long double>(a));
      long double mean = 0;
      for (int k = 0; k < 2000; ++k) {
        if (k < n) {
          below += term;
        } else {
          excess += (k - n) * term;
        }
        mean += k * term;
        term *= a / (k + 1);
      }
      auto metrics = erlang_a_metrics(rate_for(a), kAht, kAht, n, 20);
      ASSERT_TRUE(metrics.ok());
      EXPECT_LT(relative_error(metrics->p_wait, 1 - below), 1e-10) << a << " " << n;
      EXPECT_LT(relative_error(metrics->p_abandon, excess / a), 1e-10) << a << " " << n;
      EXPECT_NEAR(static_cast<double>(mean), a, 1e-9 * a);
    }
  }
}

TEST(ErlangA, SingleAgentMatchesTwoStateClosedForm) {
  // Tiny check by hand: N = 1, with a so small that only states 0, 1, 2 matter, the chain is
  // pi_1 / pi_0 = a, pi_2 / pi_1 = a / (1 + r): P(wait) = (a + a^2/(1+r)) / (1 + a + a^2/(1+r)).
  const double a = 1e-4;
  const double r = 2.0;
  const double p1 = a;
  const double p2 = a * a / (1 + r);
  auto metrics = erlang_a_metrics(rate_for(a), kAht, kAht / r, 1, 0);
  ASSERT_TRUE(metrics.ok());
  EXPECT_NEAR(metrics->p_wait, (p1 + p2) / (1 + p1 + p2), 1e-12);
  // An arrival finding 1 busy waits alone and abandons with probability r / (1 + r).
  EXPECT_NEAR(metrics->p_abandon / metrics->p_wait, r / (1 + r), 1e-3);
}

TEST(ErlangA, TendsToErlangCAsPatienceGrows) {
  // As theta -> 0 the M/M/N+M queue becomes M/M/N (Garnett, Mandelbaum & Reiman 2002).
  for (auto [a, n] : {std::pair{10.0, 12}, std::pair{95.0, 104}, std::pair{0.8, 2}}) {
    auto erlang_c = *erlang_c_metrics(rate_for(a), kAht, n, 20);
    double previous_gap = INFINITY;
    for (double patience_in_aht : {10.0, 100.0, 1000.0, 1e5}) {
      auto erlang_a = *erlang_a_metrics(rate_for(a), kAht, patience_in_aht * kAht, n, 20);
      const double gap = std::fabs(erlang_a.p_wait - erlang_c.p_wait);
      EXPECT_LT(gap, previous_gap) << a << " " << patience_in_aht;
      previous_gap = gap;
    }
    auto erlang_a = *erlang_a_metrics(rate_for(a), kAht, 1e5 * kAht, n, 20);
    EXPECT_NEAR(erlang_a.p_wait, erlang_c.p_wait, 1e-3 * erlang_c.p_wait);
    EXPECT_NEAR(erlang_a.service_level(), erlang_c.service_level(), 1e-3);
    EXPECT_NEAR(erlang_a.asa_seconds, erlang_c.asa_seconds, 2e-3 * erlang_c.asa_seconds);
    EXPECT_LT(erlang_a.p_abandon, 1e-3);
  }
}

TEST(ErlangA, StaysStableWhenAgentsAreFewerThanErlangs) {
  // Abandonment keeps the queue finite: 5 agents for 10 Erlangs lose about half the callers.
  auto metrics = erlang_a_metrics(rate_for(10), kAht, 120, 5, 20);
  ASSERT_TRUE(metrics.ok());
  EXPECT_GT(metrics->p_wait, 0.9);
  EXPECT_GT(metrics->p_abandon, 0.5 - 0.01);
  EXPECT_LE(metrics->occupancy, 1.0);
  // Carried load can never exceed N: occupancy <= 1 means P(answered) <= N/a.
  EXPECT_LE(1 - metrics->p_abandon, 5.0 / 10.0 + 1e-12);
}

TEST(ErlangA, HandlesHeavyOverloadWithLongPatienceWithoutOverflow) {
  // 5,000 Erlangs on 4,000 agents with patience 20x the AHT: the queue mode sits near
  // k = 20,000 and Q is about e^{2,000}, far beyond double; the answer must be finite.
  auto metrics = erlang_a_metrics(rate_for(5000), kAht, 20 * kAht, 4000, 20);
  ASSERT_TRUE(metrics.ok());
  EXPECT_NEAR(metrics->p_wait, 1.0, 1e-12);
  EXPECT_NEAR(metrics->p_abandon, 0.2, 1e-3);  // fluid limit: 1 - N/a
  EXPECT_TRUE(std::isfinite(metrics->asa_seconds));
  EXPECT_GT(metrics->asa_seconds, 0.0);
  auto expected = reference::erlang_a(4000, 5000.0L, 1.0L / 20, 0.0L);
  EXPECT_LT(relative_error(metrics->p_abandon, expected.p_abandon), 1e-8);
  EXPECT_LT(relative_error(metrics->asa_seconds, expected.asa_in_aht * kAht), 1e-8);
}

TEST(ErlangA, ImprovesMonotonicallyWithAgents) {
  for (double a : {3.0, 40.0, 600.0}) {
    for (double patience : {30.0, 300.0}) {
      double previous_wait = 1.0 + 1e-9;
      double previous_abandon = 1.0;
      double previous_sl = -1.0;
      for (int n = 1; n <= static_cast<int>(a * 1.5) + 10; n += std::max(1, static_cast<int>(a / 50))) {
        auto metrics = *erlang_a_metrics(rate_for(a), kAht, patience, n, 20);
        EXPECT_LE(metrics.p_wait, previous_wait) << a << " " << n;
        EXPECT_LE(metrics.p_abandon, previous_abandon) << a << " " << n;
        EXPECT_GE(metrics.service_level(), previous_sl) << a << " " << n;
        previous_wait = metrics.p_wait;
        previous_abandon = metrics.p_abandon;
        previous_sl = metrics.service_level();
      }
    }
  }
}

TEST(ErlangA, ServiceLevelConventionsAreOrderedAndConsistent) {
  auto metrics = *erlang_a_metrics(rate_for(10), kAht, 90, 9, 20);
  const double offered = metrics.service_level(ServiceLevelConvention::AnsweredWithinOverOffered);
  const double answered = metrics.service_level(ServiceLevelConvention::AnsweredWithinOverAnswered);
  const double with_short =
      metrics.service_level(ServiceLevelConvention::AnsweredOrAbandonedWithinOverOffered);
  const double minus_short =
      metrics.service_level(ServiceLevelConvention::AnsweredWithinOverOfferedMinusShortAbandons);
  EXPECT_GT(answered, offered);
  EXPECT_GT(with_short, offered);
  EXPECT_GT(minus_short, offered);
  EXPECT_NEAR(answered, offered / (1 - metrics.p_abandon), 1e-15);
  EXPECT_NEAR(with_short, offered + metrics.p_abandoned_within, 1e-15);
  EXPECT_NEAR(minus_short, offered / (1 - metrics.p_abandoned_within), 1e-15);
  EXPECT_LT(metrics.p_abandoned_within, metrics.p_abandon);
}

TEST(ErlangA, LongThresholdCountsEveryAnsweredContact) {
  // As t grows every answered contact is answered within t: SL(t) -> 1 - P(abandon), and
  // every abandon happens within t.
  auto metrics = *erlang_a_metrics(rate_for(20), kAht, 60, 18, 1e6);
  EXPECT_NEAR(metrics.p_answered_within, 1 - metrics.p_abandon, 1e-12);
  EXPECT_NEAR(metrics.p_abandoned_within, metrics.p_abandon, 1e-12);
  // And at t = 0 exactly the contacts that did not wait.
  auto at_zero = *erlang_a_metrics(rate_for(20), kAht, 60, 18, 0);
  EXPECT_NEAR(at_zero.p_answered_within, 1 - at_zero.p_wait, 1e-15);
  EXPECT_EQ(at_zero.p_abandoned_within, 0.0);
}

TEST(ErlangA, MeanWaitOfAllContactsFollowsLittlesLaw) {
  // theta E[queue] = lambda P(abandon) and E[queue] = lambda E[wait]: E[wait] = P(ab) / theta.
  // Also E[wait] = P(answered) ASA + P(abandoned) E[wait | abandoned] >= P(answered) ASA.
  auto metrics = *erlang_a_metrics(rate_for(30), kAht, 150, 29, 20);
  EXPECT_DOUBLE_EQ(metrics.mean_wait_seconds, metrics.p_abandon * 150);
  EXPECT_GT(metrics.mean_wait_seconds, (1 - metrics.p_abandon) * metrics.asa_seconds);
}

TEST(ErlangA, RejectsBadArgumentsAndRunawayQueues) {
  EXPECT_EQ(erlang_a_metrics(100, 180, 0, 5, 20).error().field, "patience_seconds");
  EXPECT_EQ(erlang_a_metrics(100, 180, -5, 5, 20).error().kind, kInvalidRequest);
  EXPECT_EQ(erlang_a_metrics(100, 180, 60, 0, 20).error().field, "agents");
  EXPECT_EQ(erlang_a_metrics(100, 180, 1e300, 5, 20).error().field, "patience_seconds");
  EXPECT_EQ(erlang_a_metrics(100, 180, 1e-300, 5, 20).error().field, "patience_seconds");
  // A threshold of 10^6 patience times is fine: every abandon happens within it.
  auto long_threshold = erlang_a_metrics(100, 180, 1, 5, 1e6);
  ASSERT_TRUE(long_threshold.ok());
  EXPECT_NEAR(long_threshold->p_abandoned_within, long_threshold->p_abandon, 1e-12);
  // Patience of 10^10 handle times at 2x overload: more than 10^12 queue states.
  auto runaway = erlang_a_metrics(rate_for(1000), kAht, 1e10 * kAht, 500, 20);
  ASSERT_FALSE(runaway.ok());
  EXPECT_EQ(runaway.error().kind, kInvalidRequest);
  EXPECT_EQ(runaway.error().field, "patience_seconds");
}

}  // namespace
}  // namespace sp::workforce

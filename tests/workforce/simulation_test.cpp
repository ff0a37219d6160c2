// The discrete-event simulation: agreement with Erlang C, Erlang A and Pollaczek-Khinchine
// where their assumptions hold (each formula value inside the simulation's 95% confidence
// interval, fixed seeds), reproducibility, time-varying plans and validation.
#include <gtest/gtest.h>

#include <random>

#include "workforce/erlang.hpp"
#include "workforce/simulation.hpp"

namespace sp::workforce {
namespace {

// One long stationary interval, the first hour discarded as warm-up.
SimulationConfig stationary(double rate_per_hour, int agents, double hours, int replications) {
  SimulationConfig config;
  config.intervals = {SimulationInterval{hours * 3600, rate_per_hour, agents}};
  config.warmup_seconds = 3600;
  config.replications = replications;
  return config;
}

TEST(Simulation, AgreesWithErlangCWithinConfidenceInterval) {
  // M/M/12 at 10 Erlangs (200/h, AHT 180 s), 20 s threshold.
  SimulationConfig config = stationary(200, 12, 201, 10);
  config.handle_time = Distribution::exponential(180);
  config.target_seconds = 20;
  std::mt19937_64 rng(20240501);
  auto report = simulate(config, rng);
  ASSERT_TRUE(report.ok()) << report.error().message;
  const QueueMetrics formula = *erlang_c_metrics(200, 180, 12, 20);
  EXPECT_TRUE(report->service_level.contains(formula.service_level()))
      << report->service_level.mean << " +- " << report->service_level.half_width << " vs "
      << formula.service_level();
  EXPECT_TRUE(report->p_wait.contains(formula.p_wait))
      << report->p_wait.mean << " +- " << report->p_wait.half_width << " vs " << formula.p_wait;
  EXPECT_TRUE(report->asa_seconds.contains(formula.asa_seconds))
      << report->asa_seconds.mean << " +- " << report->asa_seconds.half_width << " vs "
      << formula.asa_seconds;
  EXPECT_TRUE(report->occupancy.contains(formula.occupancy))
      << report->occupancy.mean << " +- " << report->occupancy.half_width;
  EXPECT_EQ(report->abandon_rate.mean, 0.0);
  EXPECT_GT(report->contacts, 390000);
  // The interval is informative, not vacuous.
  EXPECT_LT(report->service_level.half_width, 0.03);
}

TEST(Simulation, AgreesWithErlangAWithinConfidenceInterval) {
  // M/M/9+M at 10 Erlangs, mean patience 120 s: fewer agents than Erlangs, stable thanks to
  // abandonment. Checked under two service-level conventions.
  for (auto convention : {ServiceLevelConvention::AnsweredWithinOverOffered,
                          ServiceLevelConvention::AnsweredOrAbandonedWithinOverOffered}) {
    SimulationConfig config = stationary(200, 9, 41, 10);
    config.handle_time = Distribution::exponential(180);
    config.patience = Distribution::exponential(120);
    config.target_seconds = 20;
    config.convention = convention;
    std::mt19937_64 rng(7);
    auto report = simulate(config, rng);
    ASSERT_TRUE(report.ok());
    const QueueMetrics formula = *erlang_a_metrics(200, 180, 120, 9, 20);
    EXPECT_TRUE(report->service_level.contains(formula.service_level(convention)))
        << to_string(convention) << ": " << report->service_level.mean << " +- "
        << report->service_level.half_width << " vs " << formula.service_level(convention);
    EXPECT_TRUE(report->abandon_rate.contains(formula.p_abandon))
        << report->abandon_rate.mean << " +- " << report->abandon_rate.half_width << " vs "
        << formula.p_abandon;
    EXPECT_TRUE(report->asa_seconds.contains(formula.asa_seconds))
        << report->asa_seconds.mean << " +- " << report->asa_seconds.half_width << " vs "
        << formula.asa_seconds;
    EXPECT_TRUE(report->p_wait.contains(formula.p_wait))
        << report->p_wait.mean << " +- " << report->p_wait.half_width << " vs " << formula.p_wait;
  }
}

TEST(Simulation, AgreesWithPollaczekKhinchineForGeneralHandleTimes) {
  // M/G/1 (Kleinrock, "Queueing Systems" vol. 1, eq. 5.105): mean wait
  // W = rho E[S] (1 + cv^2) / (2 (1 - rho)). rho = 0.7 with E[S] = 180 s (14 contacts/h):
  // deterministic (cv = 0) W = 210 s; lognormal with cv = 0.5, W = 262.5 s.
  struct Case {
    Distribution handle_time;
    double mean_wait_seconds;
  };
  for (const Case& c :
       {Case{Distribution::deterministic(180), 210.0}, Case{Distribution::lognormal(180, 0.5), 262.5}}) {
    SimulationConfig config = stationary(14, 1, 400, 20);
    config.warmup_seconds = 10 * 3600;
    config.handle_time = c.handle_time;
    std::mt19937_64 rng(99);
    auto report = simulate(config, rng);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->asa_seconds.contains(c.mean_wait_seconds))
        << report->asa_seconds.mean << " +- " << report->asa_seconds.half_width << " vs "
        << c.mean_wait_seconds;
    // P(wait) = rho for any M/G/1.
    EXPECT_TRUE(report->p_wait.contains(0.7)) << report->p_wait.mean << " +- " << report->p_wait.half_width;
  }
}

TEST(Simulation, SameSeedReproducesTheRunExactly) {
  SimulationConfig config = stationary(300, 16, 3, 4);
  config.handle_time = Distribution::lognormal(170, 0.8);
  config.patience = Distribution::lognormal(90, 1.2);
  std::mt19937_64 first(123);
  std::mt19937_64 second(123);
  std::mt19937_64 other(124);
  auto a = *simulate(config, first);
  auto b = *simulate(config, second);
  auto c = *simulate(config, other);
  EXPECT_EQ(a.service_level.mean, b.service_level.mean);
  EXPECT_EQ(a.asa_seconds.mean, b.asa_seconds.mean);
  EXPECT_EQ(a.abandon_rate.half_width, b.abandon_rate.half_width);
  EXPECT_EQ(a.contacts, b.contacts);
  EXPECT_NE(a.asa_seconds.mean, c.asa_seconds.mean);
}

TEST(Simulation, FollowsAPlanThatChangesPerInterval) {
  // Morning: nobody staffed for 15 minutes, then agents arrive; evening: no arrivals.
  SimulationConfig config;
  config.intervals = {SimulationInterval{900, 120, 0}, SimulationInterval{900, 120, 6},
                      SimulationInterval{1800, 120, 6}, SimulationInterval{900, 0, 2}};
  config.handle_time = Distribution::exponential(120);
  config.target_seconds = 30;
  config.replications = 30;
  std::mt19937_64 rng(5);
  auto report = simulate(config, rng);
  ASSERT_TRUE(report.ok());
  // About 120 contacts per replication, all eventually answered (nobody abandons).
  EXPECT_NEAR(static_cast<double>(report->contacts) / 30, 120.0, 10.0);
  EXPECT_EQ(report->abandon_rate.mean, 0.0);
  // The first quarter hour's contacts (a quarter of them) wait for the shift to start.
  EXPECT_LT(report->service_level.mean, 0.8);
  EXPECT_GT(report->asa_seconds.mean, 60.0);
  EXPECT_GT(report->occupancy.mean, 0.0);
  EXPECT_LT(report->occupancy.mean, 1.0);

  // With patience, unstaffed time turns into abandonment instead.
  config.patience = Distribution::exponential(60);
  std::mt19937_64 rng2(5);
  auto impatient = simulate(config, rng2);
  ASSERT_TRUE(impatient.ok());
  EXPECT_GT(impatient->abandon_rate.mean, 0.15);
}

TEST(Simulation, RejectsInvalidPlans) {
  std::mt19937_64 rng(1);
  SimulationConfig empty;
  EXPECT_EQ(simulate(empty, rng).error().field, "intervals");
  SimulationConfig config = stationary(100, 5, 2, 5);
  config.replications = 1;
  EXPECT_EQ(simulate(config, rng).error().field, "replications");
  config = stationary(100, 5, 2, 5);
  config.intervals[0].agents = -1;
  EXPECT_EQ(simulate(config, rng).error().field, "agents");
  config = stationary(100, 5, 2, 5);
  config.handle_time = Distribution::exponential(0);
  EXPECT_EQ(simulate(config, rng).error().field, "handle_time");
  config = stationary(100, 5, 2, 5);
  config.patience = Distribution::lognormal(60, -1);
  EXPECT_EQ(simulate(config, rng).error().field, "patience");
  config = stationary(100, 5, 2, 5);
  config.warmup_seconds = 7200;
  EXPECT_EQ(simulate(config, rng).error().field, "warmup_seconds");
  config = stationary(1e7, 5000, 24, 10);
  EXPECT_EQ(simulate(config, rng).error().kind, kInvalidRequest);
}

TEST(Simulation, StudentQuantilesMatchTables) {
  EXPECT_DOUBLE_EQ(student_t_975(1), 12.706);
  EXPECT_DOUBLE_EQ(student_t_975(9), 2.262);
  EXPECT_NEAR(student_t_975(40), 2.021, 1e-3);
  EXPECT_NEAR(student_t_975(60), 2.000, 1e-3);
  EXPECT_NEAR(student_t_975(120), 1.980, 1e-3);
  EXPECT_NEAR(student_t_975(100000), 1.960, 1e-3);
}

}  // namespace
}  // namespace sp::workforce

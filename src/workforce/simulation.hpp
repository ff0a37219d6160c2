// Discrete-event simulation of a contact-centre queue, M(t)/G/N(t)+G: Poisson arrivals
// whose rate is constant within each interval of a day plan, general handle-time and
// patience distributions, a number of agents per interval, one FCFS queue. It checks plans
// where the Erlang formulas' assumptions (stationarity, exponential times) do not hold, and
// reports each figure as a mean over independent replications with a 95% confidence
// interval (Student t).
//
// Contract: pure and deterministic: all randomness comes from the caller's seeded
// std::mt19937_64, turned into variates by our own code (not std:: distributions, whose
// algorithms differ between standard libraries), so a seed reproduces a run exactly on
// every platform. No clock, no I/O; not thread-safe on a shared generator.
//
// Model details: when an interval lowers the number of agents, busy agents finish their
// current contact before leaving (no pre-emption). After the last interval no contacts
// arrive and the last interval's agents stay until the queue is empty; if that is zero
// agents, contacts still waiting (without patience) are counted as offered but neither
// answered nor abandoned. Abandonment happens when a contact's wait reaches its patience.
// Only contacts arriving at or after warmup_seconds are counted; occupancy is busy agent
// time over staffed agent time in [warmup, end of the last interval).
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "core/result.hpp"
#include "workforce/erlang.hpp"

namespace sp::workforce {

// A non-negative random duration, in seconds.
struct Distribution {
  enum class Kind { Exponential, Lognormal, Deterministic };
  Kind kind = Kind::Exponential;
  double mean_seconds = 0;
  double cv = 1.0;  // coefficient of variation (standard deviation / mean); Lognormal only

  static Distribution exponential(double mean_seconds) { return {Kind::Exponential, mean_seconds, 1.0}; }
  static Distribution lognormal(double mean_seconds, double cv) {
    return {Kind::Lognormal, mean_seconds, cv};
  }
  static Distribution deterministic(double seconds) { return {Kind::Deterministic, seconds, 0.0}; }
};

// One interval of the plan: its length, the arrival rate during it, the agents staffed.
struct SimulationInterval {
  double duration_seconds = 900;
  double arrival_rate_per_hour = 0;
  int agents = 0;
};

struct SimulationConfig {
  std::vector<SimulationInterval> intervals;
  Distribution handle_time = Distribution::exponential(180);
  std::optional<Distribution> patience;  // absent: nobody abandons
  double target_seconds = 20;            // threshold of the service level
  ServiceLevelConvention convention = ServiceLevelConvention::AnsweredWithinOverOffered;
  double warmup_seconds = 0;  // contacts arriving before this are not counted
  int replications = 10;      // >= 2, for a confidence interval
};

// A figure's mean over replications and the half-width of its 95% confidence interval.
struct Estimate {
  double mean = 0;
  double half_width = 0;
  double lower() const { return mean - half_width; }
  double upper() const { return mean + half_width; }
  bool contains(double value) const { return value >= lower() && value <= upper(); }
};

struct SimulationReport {
  Estimate service_level;     // under config.convention, over counted contacts
  Estimate p_wait;            // share of counted contacts that found every agent busy
  Estimate asa_seconds;       // mean wait of answered contacts
  Estimate abandon_rate;      // share of counted contacts that abandoned
  Estimate occupancy;         // busy agent time / staffed agent time
  std::int64_t contacts = 0;  // counted contacts over all replications
  int replications = 0;
};

// Runs config.replications independent replications drawing from `rng`.
// Fails with InvalidInput (kind "invalid-request", field naming the culprit) when there are
// no intervals, a duration is not > 0, a rate is negative, agents are outside
// [0, kMaxAgents], a mean is not > 0 (a deterministic patience may be 0 only if absent),
// cv < 0, target_seconds < 0, warmup is not before the end, replications are outside
// [2, 10000], or the expected number of contacts over all replications exceeds 10^8.
[[nodiscard]] Result<SimulationReport> simulate(const SimulationConfig& config, std::mt19937_64& rng);

// The 0.975 quantile of Student's t distribution with `degrees_of_freedom` >= 1 (exact table
// to 30, then a Cornish-Fisher expansion accurate to 1e-4). Exposed for tests.
double student_t_975(int degrees_of_freedom);

}  // namespace sp::workforce

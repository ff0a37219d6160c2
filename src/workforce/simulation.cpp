#include "workforce/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <numbers>
#include <queue>
#include <string>

namespace sp::workforce {
namespace {

Error request_error(std::string message, std::string field) {
  Error error = invalid_input(std::move(message), std::move(field));
  error.kind = std::string(kInvalidRequest);
  return error;
}

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Variates from raw generator output, identical on every standard library.
class Variates {
 public:
  explicit Variates(std::mt19937_64& rng) : rng_(rng) {}

  // Uniform on (0, 1): 53 random bits, never 0 so that log() is finite.
  double uniform() { return (static_cast<double>(rng_() >> 11) + 0.5) * (1.0 / 9007199254740992.0); }
  double standard_exponential() { return -std::log(uniform()); }
  // Box-Muller; the second value of each pair is kept for the next call.
  double standard_normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double radius = std::sqrt(-2.0 * std::log(uniform()));
    const double angle = 2.0 * std::numbers::pi * uniform();
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }
  double draw(const Distribution& distribution) {
    switch (distribution.kind) {
      case Distribution::Kind::Exponential:
        return distribution.mean_seconds * standard_exponential();
      case Distribution::Kind::Lognormal: {
        // ln X ~ Normal(m, s^2) with s^2 = ln(1 + cv^2) and m = ln(mean) - s^2/2.
        const double variance = std::log1p(distribution.cv * distribution.cv);
        const double location = std::log(distribution.mean_seconds) - 0.5 * variance;
        return std::exp(location + std::sqrt(variance) * standard_normal());
      }
      case Distribution::Kind::Deterministic:
        return distribution.mean_seconds;
    }
    return distribution.mean_seconds;
  }

 private:
  std::mt19937_64& rng_;
  double spare_ = 0;
  bool has_spare_ = false;
};

struct Waiting {
  double arrival_seconds;
  double abandon_at_seconds;  // arrival + patience; infinity without abandonment
  bool counted;
};

// Outcome counts of one replication.
struct Tally {
  double offered = 0;
  double queued = 0;
  double answered = 0;
  double answered_within = 0;
  double abandoned = 0;
  double abandoned_within = 0;
  double answered_wait_seconds = 0;
  double busy_agent_seconds = 0;
  double staffed_agent_seconds = 0;
};

class Replication {
 public:
  Replication(const SimulationConfig& config, Variates& variates) : config_(config), variates_(variates) {
    double start = 0;
    for (const SimulationInterval& interval : config.intervals) {
      starts_.push_back(start);
      start += interval.duration_seconds;
    }
    end_seconds_ = start;
  }

  Tally run() {
    double now = 0;
    interval_ = 0;
    double next_arrival = next_arrival_after(0.0);
    while (true) {
      const double next_completion = completions_.empty() ? kInfinity : completions_.top();
      const double next_boundary =
          interval_ + 1 < config_.intervals.size() ? starts_[interval_ + 1] : kInfinity;
      const double next_event = std::min({next_arrival, next_completion, next_boundary});
      if (next_event == kInfinity) {
        break;
      }
      advance_clock(now, next_event);
      now = next_event;
      if (next_event == next_boundary) {
        ++interval_;
        dispatch(now);
      } else if (next_event == next_completion) {
        completions_.pop();
        --busy_;
        dispatch(now);
      } else {
        arrive(now);
        next_arrival = next_arrival_after(now);
      }
    }
    // Nothing more can happen: contacts still waiting see no agent ever again.
    for (const Waiting& contact : queue_) {
      if (contact.abandon_at_seconds < kInfinity) {
        record_abandon(contact);
      }
    }
    for (std::size_t idx = 0; idx < config_.intervals.size(); ++idx) {
      const double from = std::max(starts_[idx], config_.warmup_seconds);
      const double to = starts_[idx] + config_.intervals[idx].duration_seconds;
      if (to > from) {
        tally_.staffed_agent_seconds += (to - from) * config_.intervals[idx].agents;
      }
    }
    return tally_;
  }

 private:
  int staffed() const { return config_.intervals[interval_].agents; }

  // Busy agent time inside [warmup, end) between two events.
  void advance_clock(double from, double to) {
    const double lo = std::max(from, config_.warmup_seconds);
    const double hi = std::min(to, end_seconds_);
    if (hi > lo) {
      tally_.busy_agent_seconds += (hi - lo) * busy_;
    }
  }

  // The next arrival of a Poisson process with piecewise-constant rate: spend one unit of
  // exponential "integrated rate" across intervals (memorylessness makes this exact).
  double next_arrival_after(double now) {
    double budget = variates_.standard_exponential();
    std::size_t idx = arrival_interval_;
    double time = now;
    while (idx < config_.intervals.size()) {
      const double rate_per_second = config_.intervals[idx].arrival_rate_per_hour / 3600.0;
      const double interval_end = starts_[idx] + config_.intervals[idx].duration_seconds;
      const double available = (interval_end - time) * rate_per_second;
      if (rate_per_second > 0 && budget <= available) {
        arrival_interval_ = idx;
        return time + budget / rate_per_second;
      }
      budget -= available;
      time = interval_end;
      ++idx;
    }
    arrival_interval_ = idx;
    return kInfinity;
  }

  void arrive(double now) {
    const bool counted = now >= config_.warmup_seconds;
    if (counted) {
      tally_.offered += 1;
    }
    if (busy_ < staffed() && queue_.empty()) {
      start_service(now, now, counted);
      return;
    }
    if (counted) {
      tally_.queued += 1;
    }
    const double patience = config_.patience ? variates_.draw(*config_.patience) : kInfinity;
    queue_.push_back(Waiting{now, now + patience, counted});
  }

  void dispatch(double now) {
    while (busy_ < staffed() && !queue_.empty()) {
      const Waiting contact = queue_.front();
      queue_.pop_front();
      if (contact.abandon_at_seconds < now) {
        record_abandon(contact);
        continue;
      }
      start_service(contact.arrival_seconds, now, contact.counted);
    }
  }

  void start_service(double arrival, double now, bool counted) {
    if (counted) {
      const double wait = now - arrival;
      tally_.answered += 1;
      tally_.answered_wait_seconds += wait;
      if (wait <= config_.target_seconds) {
        tally_.answered_within += 1;
      }
    }
    ++busy_;
    completions_.push(now + variates_.draw(config_.handle_time));
  }

  void record_abandon(const Waiting& contact) {
    if (!contact.counted) {
      return;
    }
    tally_.abandoned += 1;
    if (contact.abandon_at_seconds - contact.arrival_seconds <= config_.target_seconds) {
      tally_.abandoned_within += 1;
    }
  }

  const SimulationConfig& config_;
  Variates& variates_;
  std::vector<double> starts_;
  double end_seconds_ = 0;
  std::size_t interval_ = 0;
  std::size_t arrival_interval_ = 0;
  int busy_ = 0;
  std::priority_queue<double, std::vector<double>, std::greater<double>> completions_;
  std::deque<Waiting> queue_;
  Tally tally_;
};

Estimate estimate(const std::vector<double>& samples) {
  const double count = static_cast<double>(samples.size());
  double sum = 0;
  for (double value : samples) {
    sum += value;
  }
  const double mean = sum / count;
  double squares = 0;
  for (double value : samples) {
    squares += (value - mean) * (value - mean);
  }
  const double std_error = std::sqrt(squares / (count - 1.0) / count);
  return Estimate{mean, student_t_975(static_cast<int>(samples.size()) - 1) * std_error};
}

Result<void> validate(const SimulationConfig& config) {
  if (config.intervals.empty()) {
    return request_error("the plan needs at least one interval", "intervals");
  }
  double end = 0;
  double expected_contacts = 0;
  for (const SimulationInterval& interval : config.intervals) {
    if (!std::isfinite(interval.duration_seconds) || interval.duration_seconds <= 0) {
      return request_error("every interval needs duration_seconds > 0", "duration_seconds");
    }
    if (!std::isfinite(interval.arrival_rate_per_hour) || interval.arrival_rate_per_hour < 0) {
      return request_error("arrival_rate_per_hour must be a finite number >= 0", "arrival_rate_per_hour");
    }
    if (interval.agents < 0 || interval.agents > kMaxAgents) {
      return request_error("agents must be between 0 and " + std::to_string(kMaxAgents), "agents");
    }
    end += interval.duration_seconds;
    expected_contacts += interval.arrival_rate_per_hour * interval.duration_seconds / 3600.0;
  }
  auto check_distribution = [](const Distribution& distribution, const char* field) -> Result<void> {
    if (!std::isfinite(distribution.mean_seconds) || distribution.mean_seconds <= 0) {
      return request_error(std::string(field) + " needs a mean > 0", field);
    }
    if (!std::isfinite(distribution.cv) || distribution.cv < 0 || distribution.cv > 100) {
      return request_error(std::string(field) + " needs a coefficient of variation in [0, 100]", field);
    }
    return {};
  };
  SP_TRY(check_distribution(config.handle_time, "handle_time"));
  if (config.patience) {
    SP_TRY(check_distribution(*config.patience, "patience"));
  }
  if (!std::isfinite(config.target_seconds) || config.target_seconds < 0) {
    return request_error("target_seconds must be a finite number >= 0", "target_seconds");
  }
  if (!std::isfinite(config.warmup_seconds) || config.warmup_seconds < 0 || config.warmup_seconds >= end) {
    return request_error("warmup_seconds must lie before the end of the last interval", "warmup_seconds");
  }
  if (config.replications < 2 || config.replications > 10'000) {
    return request_error("replications must be between 2 and 10000", "replications");
  }
  if (expected_contacts * config.replications > 1e8) {
    return request_error("the run would simulate more than 10^8 contacts", "replications");
  }
  return {};
}

}  // namespace

double student_t_975(int degrees_of_freedom) {
  // Quantiles t_{0.975, df} for df = 1..30 (standard statistical tables).
  static constexpr double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                      2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                      2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (degrees_of_freedom < 1) {
    return kInfinity;
  }
  if (degrees_of_freedom <= 30) {
    return kTable[degrees_of_freedom - 1];
  }
  // Cornish-Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5).
  const double z = 1.959963984540054;
  const double n = degrees_of_freedom;
  const double z3 = z * z * z;
  const double z5 = z3 * z * z;
  const double z7 = z5 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

Result<SimulationReport> simulate(const SimulationConfig& config, std::mt19937_64& rng) {
  SP_TRY(validate(config));
  Variates variates(rng);
  std::vector<double> service_level, p_wait, asa, abandon, occupancy;
  SimulationReport report;
  for (int rep = 0; rep < config.replications; ++rep) {
    const Tally tally = Replication(config, variates).run();
    report.contacts += static_cast<std::int64_t>(tally.offered);
    QueueMetrics shares;  // this replication's shares, to reuse the service-level conventions
    if (tally.offered > 0) {
      shares.p_abandon = tally.abandoned / tally.offered;
      shares.p_answered_within = tally.answered_within / tally.offered;
      shares.p_abandoned_within = tally.abandoned_within / tally.offered;
      service_level.push_back(shares.service_level(config.convention));
      p_wait.push_back(tally.queued / tally.offered);
      abandon.push_back(shares.p_abandon);
    } else {
      service_level.push_back(1.0);
      p_wait.push_back(0.0);
      abandon.push_back(0.0);
    }
    asa.push_back(tally.answered > 0 ? tally.answered_wait_seconds / tally.answered : 0.0);
    occupancy.push_back(
        tally.staffed_agent_seconds > 0 ? tally.busy_agent_seconds / tally.staffed_agent_seconds : 0.0);
  }
  report.replications = config.replications;
  report.service_level = estimate(service_level);
  report.p_wait = estimate(p_wait);
  report.asa_seconds = estimate(asa);
  report.abandon_rate = estimate(abandon);
  report.occupancy = estimate(occupancy);
  return report;
}

}  // namespace sp::workforce

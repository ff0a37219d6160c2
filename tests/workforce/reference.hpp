// Independent reference computations for the Erlang tests, in long double (64-bit mantissa,
// ~19 digits) and by different methods than src/workforce/: direct summation of the
// stationary distribution in log space (lgammal, log-sum-exp) instead of the Erlang B
// recursion and mode-centred windows, Little's law for abandonment instead of the per-state
// formula, and uniformization of the tagged contact's Markov chain for the service level
// instead of the negative-binomial identity.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace sp::workforce::reference {

using Real = long double;

inline Real log_sum_exp(const std::vector<Real>& logs) {
  Real top = -INFINITY;
  for (Real value : logs) {
    top = std::max(top, value);
  }
  Real sum = 0;
  for (Real value : logs) {
    sum += std::exp(value - top);
  }
  return top + std::log(sum);
}

// ln(a^n / n!)
inline Real log_poisson_term(int n, Real a) {
  return n * std::log(a) - std::lgamma(Real(n) + 1);
}

// B(N, a) = (a^N/N!) / sum_{n<=N} a^n/n!
inline Real erlang_b(int servers, Real a) {
  std::vector<Real> logs;
  for (int n = 0; n <= servers; ++n) {
    logs.push_back(log_poisson_term(n, a));
  }
  return std::exp(logs.back() - log_sum_exp(logs));
}

// C(N, a) = (a^N/N! * N/(N-a)) / (sum_{n<N} a^n/n! + a^N/N! * N/(N-a)), REQUIRES N > a.
inline Real erlang_c(int agents, Real a) {
  std::vector<Real> logs;
  for (int n = 0; n < agents; ++n) {
    logs.push_back(log_poisson_term(n, a));
  }
  const Real log_wait = log_poisson_term(agents, a) + std::log(Real(agents) / (agents - a));
  logs.push_back(log_wait);
  return std::exp(log_wait - log_sum_exp(logs));
}

struct ErlangA {
  Real p_wait = 0;
  Real p_abandon = 0;
  Real p_answered_within = 0;
  Real p_abandoned_within = 0;
  Real asa_in_aht = 0;  // mean wait of answered contacts, in units of AHT
};

// M/M/N+M with mu = 1, theta = r, threshold tt (all in units of AHT).
inline ErlangA erlang_a(int agents, Real a, Real r, Real tt) {
  const Real n_agents = agents;
  // Stationary law, unnormalised logs: n <= N Poisson terms, then the queue states.
  std::vector<Real> logs;
  for (int n = 0; n <= agents; ++n) {
    logs.push_back(log_poisson_term(n, a));
  }
  // Queue terms rise to their own mode and then fall; stop 90 nats (e^-90 ~ 1e-39) below
  // the largest queue term, so also tiny P(wait) keeps its relative precision.
  Real queue_top = logs.back();
  for (long k = 1;; ++k) {
    const Real next = logs.back() + std::log(a / (n_agents + k * r));
    queue_top = std::max(queue_top, next);
    logs.push_back(next);
    if (a < n_agents + k * r && next < queue_top - 90) {
      break;
    }
  }
  const Real log_total = log_sum_exp(logs);
  std::vector<Real> queue;  // pi_{N+k}
  for (std::size_t idx = agents; idx < logs.size(); ++idx) {
    queue.push_back(std::exp(logs[idx] - log_total));
  }
  const long states = static_cast<long>(queue.size());

  ErlangA out;
  Real mean_queue = 0;
  for (long k = 0; k < states; ++k) {
    out.p_wait += queue[k];
    mean_queue += k * queue[k];
  }
  // Flow balance: abandonment rate theta E[Q] equals lambda P(abandon).
  out.p_abandon = r * mean_queue / a;

  // E[W 1{answered}]: per state, P(answered | k) sum_{i=1..k+1} 1/(N + i r), summed plainly.
  Real answered_wait = 0;
  Real stages = 0;
  for (long k = 0; k < states; ++k) {
    stages += 1 / (n_agents + (k + 1) * r);
    answered_wait += queue[k] * n_agents / (n_agents + (k + 1) * r) * stages;
  }
  out.asa_in_aht = answered_wait / (1 - out.p_abandon);

  // Summed directly (not 1 - P(wait)), so it keeps its relative precision when tiny.
  Real no_wait = 0;
  for (int n = 0; n < agents; ++n) {
    no_wait += std::exp(logs[n] - log_total);
  }

  // Uniformization of the tagged contact: j ahead moves to j-1 (or into service from 0) at
  // rate N + j r, abandons at rate r. Step probabilities use the rate Lambda.
  if (tt <= 0) {
    out.p_answered_within = no_wait;
    out.p_abandoned_within = 0;
    return out;
  }
  const Real uniform_rate = n_agents + states * r + r;
  const Real mean_steps = uniform_rate * tt;
  const long max_steps = static_cast<long>(mean_steps + 14 * std::sqrt(mean_steps) + 40);
  std::vector<Real> mass(queue), next(states);
  Real served = 0;
  Real abandoned = 0;
  Real served_within = 0;
  Real abandoned_within = 0;
  for (long step = 0; step <= max_steps; ++step) {
    const Real weight = std::exp(-mean_steps + step * std::log(mean_steps) - std::lgamma(Real(step) + 1));
    served_within += weight * served;
    abandoned_within += weight * abandoned;
    std::fill(next.begin(), next.end(), Real(0));
    for (long j = 0; j < states; ++j) {
      const Real move = (n_agents + j * r) / uniform_rate;
      const Real leave = r / uniform_rate;
      next[j] += mass[j] * (1 - move - leave);
      if (j == 0) {
        served += mass[j] * move;
      } else {
        next[j - 1] += mass[j] * move;
      }
      abandoned += mass[j] * leave;
    }
    mass.swap(next);
  }
  out.p_answered_within = no_wait + served_within;
  out.p_abandoned_within = abandoned_within;
  return out;
}

}  // namespace sp::workforce::reference

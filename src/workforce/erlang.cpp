#include "workforce/erlang.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace sp::workforce {
namespace {

// Terms below this share of the running sum are dropped. Below double's epsilon (1.1e-16),
// so truncation never shows in a result.
constexpr double kNegligible = 1e-18;

// Bounds the work (and memory) of one Erlang A evaluation. Only reached with patience
// thousands of times the handle time under heavy overload, where Erlang C is the right model.
constexpr long long kMaxQueueStates = 5'000'000;

// Bounds the negative-binomial tail walks; they stop far earlier in every practical case
// (their length is about the tail's spread, ~10 standard deviations).
constexpr long long kMaxTailSteps = 20'000'000;

Error request_error(std::string message, std::string field) {
  Error error = invalid_input(std::move(message), std::move(field));
  error.kind = std::string(kInvalidRequest);
  return error;
}

Error unstable_error(int agents, double traffic_erlangs) {
  Error error =
      invalid_input("unstable queue: " + std::to_string(agents) + " agents cannot carry an offered load of " +
                        detail::format_number(traffic_erlangs) +
                        " Erlangs without abandonment (the wait is infinite); "
                        "add agents or use erlang_a",
                    "agents");
  error.kind = std::string(kUnstableQueue);
  return error;
}

// Validates the common arguments of the queue models; returns the offered load.
Result<double> validated_load(double arrival_rate_per_hour, double aht_seconds, int agents,
                              double target_seconds) {
  if (!std::isfinite(arrival_rate_per_hour) || arrival_rate_per_hour < 0) {
    return request_error("arrival_rate_per_hour must be a finite number >= 0", "arrival_rate_per_hour");
  }
  if (!std::isfinite(aht_seconds) || aht_seconds <= 0) {
    return request_error("aht_seconds must be a finite number > 0", "aht_seconds");
  }
  if (!std::isfinite(target_seconds) || target_seconds < 0) {
    return request_error("target_seconds must be a finite number >= 0", "target_seconds");
  }
  if (agents < 1 || agents > kMaxAgents) {
    return request_error("agents must be between 1 and " + std::to_string(kMaxAgents), "agents");
  }
  const double load = offered_load_erlangs(arrival_rate_per_hour, aht_seconds);
  if (!(load <= kMaxAgents)) {
    return request_error("offered load (arrival_rate_per_hour * aht_seconds / 3600) must not exceed " +
                             std::to_string(kMaxAgents) + " Erlangs",
                         "arrival_rate_per_hour");
  }
  return load;
}

// Remainder of Stirling's series for ln Gamma(z): ln Gamma(z) = (z - 1/2) ln z - z +
// ln(2 pi)/2 + stirling_tail(z). Six terms; for z >= 10 the truncation error is < 1e-15.
double stirling_tail(double z) {
  const double inv = 1.0 / z;
  const double inv2 = inv * inv;
  return inv *
         (1.0 / 12 + inv2 * (-1.0 / 360 +
                             inv2 * (1.0 / 1260 +
                                     inv2 * (-1.0 / 1680 + inv2 * (1.0 / 1188 + inv2 * (-691.0 / 360360))))));
}

// digamma(z) - ln z + 1/(2z) for large z (asymptotic series, six terms, error < 1e-16 for
// z >= 10).
double digamma_tail(double z) {
  const double inv2 = 1.0 / (z * z);
  return -inv2 *
         (1.0 / 12 +
          inv2 * (-1.0 / 120 +
                  inv2 * (1.0 / 252 + inv2 * (-1.0 / 240 + inv2 * (1.0 / 132 + inv2 * (-691.0 / 32760))))));
}

// Terms summed directly before switching to the asymptotic series.
constexpr long long kDirectTerms = 64;
constexpr double kAsymptoticFrom = 10.0;

// Normalised weights w_k = t_k / t_mode of the queue states N + k, k in [first, first + size).
struct QueueWindow {
  long long first = 0;
  std::vector<double> share;  // conditional law of k given that the arrival waits
  double weight_sum = 0;      // sum_k t_k / t_mode
  double log_mode_term = 0;   // ln t_mode >= 0
};

// The conditional distribution of the number waiting ahead, given all agents are busy:
// t_k = prod_{j=1..k} a / (N + j r), summed outwards from its mode (t_k is unimodal because
// the ratio a / (N + (k+1) r) decreases in k). Tails are cut once the geometric bound on the
// rest, w rho / (1 - rho), is below kNegligible of the sum.
Result<QueueWindow> queue_window(double load, double agents, double patience_ratio) {
  const double r = patience_ratio;
  long long mode = 0;
  if (load > agents + r) {
    const double mode_real = std::floor((load - agents) / r);
    if (!(mode_real < 1e12)) {
      return request_error(
          "patience_seconds is too long for this overload: Erlang A would need "
          "more than 10^12 queue states; use erlang_c or more agents",
          "patience_seconds");
    }
    mode = static_cast<long long>(mode_real);
    // Settle floating-point doubt: the mode is the last k with a / (N + k r) >= 1.
    while (mode > 0 && load / (agents + static_cast<double>(mode) * r) < 1.0) {
      --mode;
    }
    while (load / (agents + static_cast<double>(mode + 1) * r) >= 1.0) {
      ++mode;
    }
  }

  std::vector<double> below;       // w_{mode-1}, w_{mode-2}, ...
  std::vector<double> above{1.0};  // w_mode, w_{mode+1}, ...
  double sum = 1.0;
  double weight = 1.0;
  for (long long k = mode; k > 0; --k) {
    const double rho = (agents + static_cast<double>(k) * r) / load;  // w_{k-1} / w_k
    if (rho < 1.0 && weight * rho <= kNegligible * sum * (1.0 - rho)) {
      break;
    }
    weight *= rho;
    below.push_back(weight);
    sum += weight;
    if (static_cast<long long>(below.size()) > kMaxQueueStates) {
      return request_error(
          "patience_seconds is too long for this overload: Erlang A would need "
          "more than 5 million queue states; use erlang_c or more agents",
          "patience_seconds");
    }
  }
  weight = 1.0;
  for (long long k = mode;; ++k) {
    const double rho = load / (agents + static_cast<double>(k + 1) * r);  // w_{k+1} / w_k
    if (rho < 1.0 && weight * rho <= kNegligible * sum * (1.0 - rho)) {
      break;
    }
    weight *= rho;
    above.push_back(weight);
    sum += weight;
    if (static_cast<long long>(above.size() + below.size()) > kMaxQueueStates) {
      return request_error(
          "patience_seconds is too long for this overload: Erlang A would need "
          "more than 5 million queue states; use erlang_c or more agents",
          "patience_seconds");
    }
  }

  QueueWindow window;
  window.first = mode - static_cast<long long>(below.size());
  window.share.reserve(below.size() + above.size());
  for (auto it = below.rbegin(); it != below.rend(); ++it) {
    window.share.push_back(*it / sum);
  }
  for (double w : above) {
    window.share.push_back(w / sum);
  }
  window.weight_sum = sum;
  // ln t_mode = -sum_{j=1..mode} ln((N + j r) / a) = -sum_{i=0..mode-1} ln((r/a)(N/r + 1 + i)).
  window.log_mode_term = mode == 0 ? 0.0 : -detail::log_rising_scaled(agents / r + 1.0, mode, r / load);
  return window;
}

// Distribution function F(k) = P(NB <= k) and upper tail G(k) = P(NB > k) for k in
// [k_first, k_last], NB negative binomial with shape `alpha` > 0 and success probability
// y = e^{-rt}: P(NB = j) = Gamma(alpha + j) / (Gamma(alpha) j!) y^alpha (1 - y)^j.
struct NegativeBinomialTails {
  std::vector<double> cdf;    // F(k), absolute error ~1e-16
  std::vector<double> upper;  // G(k); relative precision kept also where G is tiny
};

// Two summation paths, each over terms that shrink geometrically away from the pmf's mode:
// the lower path sums F(k_first) downwards and accumulates forwards; the upper path sums
// G(k_last) upwards and accumulates backwards. G = 1 - F is used where F <= 1/2 (no
// cancellation there); the upper path supplies G where F > 1/2 so that small tails keep
// their relative precision. Terms come from log-space anchors (log_rising_scaled, lgamma)
// stepped by p_{j+1}/p_j = (1 - y)(alpha + j)/(j + 1), so nothing underflows to a wrong 0.
// `need_upper_precision` = false skips the upper path when the lower one is available.
// Fails only when both paths would exceed kMaxTailSteps (a threshold of thousands of
// patience times on a queue millions of contacts long).
Result<NegativeBinomialTails> negative_binomial_tails(double alpha, double rt, long long k_first,
                                                      long long k_last, bool need_upper_precision) {
  const std::size_t size = static_cast<std::size_t>(k_last - k_first + 1);
  NegativeBinomialTails tails;
  if (!(rt > 1e-300)) {
    // t = 0: NB is 0 with certainty.
    tails.cdf.assign(size, 1.0);
    tails.upper.assign(size, 0.0);
    return tails;
  }
  const double q = -std::expm1(-rt);  // 1 - y, exact also for tiny rt
  const double log_y = -rt;
  auto log_pmf = [&](long long j) {
    return detail::log_rising_scaled(alpha, j, q) - std::lgamma(static_cast<double>(j) + 1.0) + alpha * log_y;
  };
  auto ratio = [&](long long j) {  // p_{j+1} / p_j
    return q * (alpha + static_cast<double>(j)) / static_cast<double>(j + 1);
  };
  auto term_of = [](double log_term) { return log_term < -800.0 ? 0.0 : std::exp(log_term); };
  // Mode: the pmf rises while p_{j+1}/p_j >= 1, i.e. up to floor((alpha - 1)(1 - y)/y).
  long long mode = 0;
  if (alpha > 1.0) {
    const double mode_real = (alpha - 1.0) * std::expm1(rt);
    mode = mode_real >= 1e18 ? static_cast<long long>(1e18) : static_cast<long long>(std::floor(mode_real));
  }

  bool have_lower = false;
  double lower = 0.0;  // F(k_first)
  if (k_first - mode <= kMaxTailSteps) {
    // F(k_first): walk down; below the mode the ratio p_{j-1}/p_j shrinks as j falls, so
    // term * rho / (1 - rho) bounds everything not yet added.
    double log_term = log_pmf(k_first);
    long long steps = 0;
    for (long long j = k_first; j >= 0; --j, ++steps) {
      const double term = term_of(log_term);
      lower += term;
      if (j == 0 || steps >= kMaxTailSteps) {
        break;
      }
      if (j <= mode) {
        if (log_term < -800.0) {
          break;
        }
        const double rho = 1.0 / ratio(j - 1);
        if (rho < 1.0 && term * rho <= kNegligible * (1.0 - rho)) {
          break;
        }
      }
      log_term -= std::log(ratio(j - 1));
    }
    have_lower = steps < kMaxTailSteps;
  }
  if (have_lower) {
    tails.cdf.resize(size);
    double log_p = log_pmf(k_first);
    for (std::size_t idx = 0; idx < size; ++idx) {
      if (idx > 0) {
        log_p += std::log(ratio(k_first + static_cast<long long>(idx) - 1));
        lower += term_of(log_p);
      }
      tails.cdf[idx] = std::min(1.0, lower);
    }
  }

  bool have_upper = false;
  if (!have_lower || (need_upper_precision && tails.cdf.back() > 0.5)) {
    // G(k_last): walk up; past the mode the ratio moves monotonically towards 1 - y, so
    // max(rho, 1 - y) bounds every later ratio.
    const double log_anchor = log_pmf(k_last + 1);
    double upper = 0.0;
    double log_term = log_anchor;
    long long steps = 0;
    for (long long j = k_last + 1;; ++j, ++steps) {
      if (steps >= kMaxTailSteps) {
        break;
      }
      const double term = term_of(log_term);
      upper += term;
      const double rho = ratio(j);
      const double rho_bound = std::max(rho, q);
      if (j >= mode && term * rho_bound <= kNegligible * upper * (1.0 - rho_bound)) {
        break;
      }
      log_term += std::log(rho);
    }
    if (steps < kMaxTailSteps) {
      tails.upper.resize(size);
      log_term = log_anchor;
      for (std::size_t idx = size; idx-- > 0;) {
        tails.upper[idx] = std::min(1.0, upper);
        const long long k = k_first + static_cast<long long>(idx);
        log_term -= std::log(ratio(k));  // now ln p_k
        upper += term_of(log_term);
      }
      have_upper = true;
    }
  }
  if (!have_lower && !have_upper) {
    return request_error(
        "target_seconds is too long relative to patience_seconds for a queue "
        "this long: the waiting-time tail cannot be summed in bounded time",
        "target_seconds");
  }
  if (!have_lower) {
    tails.cdf.resize(size);
    for (std::size_t idx = 0; idx < size; ++idx) {
      tails.cdf[idx] = std::max(0.0, 1.0 - tails.upper[idx]);
    }
    return tails;
  }
  if (!have_upper) {
    tails.upper.resize(size);
    for (std::size_t idx = 0; idx < size; ++idx) {
      tails.upper[idx] = std::max(0.0, 1.0 - tails.cdf[idx]);
    }
    return tails;
  }
  for (std::size_t idx = 0; idx < size; ++idx) {
    if (tails.cdf[idx] <= 0.5) {
      tails.upper[idx] = std::max(0.0, 1.0 - tails.cdf[idx]);
    }
  }
  return tails;
}

}  // namespace

std::string_view to_string(ServiceLevelConvention convention) {
  switch (convention) {
    case ServiceLevelConvention::AnsweredWithinOverOffered:
      return "answered_within_over_offered";
    case ServiceLevelConvention::AnsweredWithinOverAnswered:
      return "answered_within_over_answered";
    case ServiceLevelConvention::AnsweredOrAbandonedWithinOverOffered:
      return "answered_or_abandoned_within_over_offered";
    case ServiceLevelConvention::AnsweredWithinOverOfferedMinusShortAbandons:
      return "answered_within_over_offered_minus_short_abandons";
  }
  return "answered_within_over_offered";
}

Result<ServiceLevelConvention> parse_service_level_convention(std::string_view text) {
  for (ServiceLevelConvention convention :
       {ServiceLevelConvention::AnsweredWithinOverOffered, ServiceLevelConvention::AnsweredWithinOverAnswered,
        ServiceLevelConvention::AnsweredOrAbandonedWithinOverOffered,
        ServiceLevelConvention::AnsweredWithinOverOfferedMinusShortAbandons}) {
    if (text == to_string(convention)) {
      return convention;
    }
  }
  return request_error(
      "service_level_convention must be one of answered_within_over_offered, "
      "answered_within_over_answered, answered_or_abandoned_within_over_offered, "
      "answered_within_over_offered_minus_short_abandons",
      "service_level_convention");
}

double QueueMetrics::service_level(ServiceLevelConvention convention) const {
  switch (convention) {
    case ServiceLevelConvention::AnsweredWithinOverOffered:
      return p_answered_within;
    case ServiceLevelConvention::AnsweredWithinOverAnswered: {
      const double answered = 1.0 - p_abandon;
      if (!(answered > 0.0)) {
        return 0.0;
      }
      return std::min(1.0, p_answered_within / answered);
    }
    case ServiceLevelConvention::AnsweredOrAbandonedWithinOverOffered:
      return std::min(1.0, p_answered_within + p_abandoned_within);
    case ServiceLevelConvention::AnsweredWithinOverOfferedMinusShortAbandons: {
      const double counted = 1.0 - p_abandoned_within;
      if (!(counted > 0.0)) {
        return 0.0;
      }
      return std::min(1.0, p_answered_within / counted);
    }
  }
  return p_answered_within;
}

Result<double> erlang_b(int servers, double traffic_erlangs) {
  if (servers < 0 || servers > kMaxAgents) {
    return request_error("servers must be between 0 and " + std::to_string(kMaxAgents), "servers");
  }
  if (!std::isfinite(traffic_erlangs) || traffic_erlangs < 0 || traffic_erlangs > kMaxAgents) {
    return request_error(
        "traffic_erlangs must be a finite number between 0 and " + std::to_string(kMaxAgents),
        "traffic_erlangs");
  }
  double blocking = 1.0;
  for (int n = 1; n <= servers; ++n) {
    blocking = detail::erlang_b_step(n, traffic_erlangs, blocking);
  }
  return blocking;
}

Result<double> erlang_c(int agents, double traffic_erlangs) {
  if (agents < 1 || agents > kMaxAgents) {
    return request_error("agents must be between 1 and " + std::to_string(kMaxAgents), "agents");
  }
  auto blocking = erlang_b(agents, traffic_erlangs);
  if (!blocking.ok()) {
    return blocking.error();
  }
  if (static_cast<double>(agents) <= traffic_erlangs) {
    return unstable_error(agents, traffic_erlangs);
  }
  const double n = agents;
  // Denominator written as (N - a) + a B: both parts positive, no cancellation.
  return n * *blocking / ((n - traffic_erlangs) + traffic_erlangs * *blocking);
}

Result<QueueMetrics> erlang_c_metrics(double arrival_rate_per_hour, double aht_seconds, int agents,
                                      double target_seconds) {
  auto load = validated_load(arrival_rate_per_hour, aht_seconds, agents, target_seconds);
  if (!load.ok()) {
    return load.error();
  }
  if (static_cast<double>(agents) <= *load) {
    return unstable_error(agents, *load);
  }
  auto blocking = erlang_b(agents, *load);
  if (!blocking.ok()) {
    return blocking.error();
  }
  return detail::erlang_c_from_blocking(*load, aht_seconds, agents, target_seconds, *blocking);
}

Result<QueueMetrics> erlang_a_metrics(double arrival_rate_per_hour, double aht_seconds,
                                      double patience_seconds, int agents, double target_seconds) {
  auto load = validated_load(arrival_rate_per_hour, aht_seconds, agents, target_seconds);
  if (!load.ok()) {
    return load.error();
  }
  if (!std::isfinite(patience_seconds) || patience_seconds <= 0) {
    return request_error("patience_seconds must be a finite number > 0", "patience_seconds");
  }
  auto blocking = erlang_b(agents, *load);
  if (!blocking.ok()) {
    return blocking.error();
  }
  return detail::erlang_a_from_blocking(*load, aht_seconds, patience_seconds, agents, target_seconds,
                                        *blocking, /*with_abandoned_within=*/true);
}

namespace detail {

QueueMetrics erlang_c_from_blocking(double traffic_erlangs, double aht_seconds, int agents,
                                    double target_seconds, double blocking) {
  const double n = agents;
  const double spare = n - traffic_erlangs;  // > 0 by the REQUIRES clause
  const double p_wait = n * blocking / (spare + traffic_erlangs * blocking);
  QueueMetrics metrics;
  metrics.agents = agents;
  metrics.traffic_erlangs = traffic_erlangs;
  metrics.p_wait = p_wait;
  // The wait of a delayed contact is exponential with rate (N - a) mu.
  metrics.p_answered_within = 1.0 - p_wait * std::exp(-spare * target_seconds / aht_seconds);
  metrics.asa_seconds = p_wait * aht_seconds / spare;
  metrics.mean_wait_seconds = metrics.asa_seconds;
  metrics.occupancy = traffic_erlangs / n;
  return metrics;
}

Result<QueueMetrics> erlang_a_from_blocking(double traffic_erlangs, double aht_seconds,
                                            double patience_seconds, int agents, double target_seconds,
                                            double blocking, bool with_abandoned_within) {
  // Work in units of the mean handle time: mu = 1, theta = r, threshold tt.
  const double a = traffic_erlangs;
  const double n = agents;
  const double r = aht_seconds / patience_seconds;
  const double tt = target_seconds / aht_seconds;
  if (!(r >= 1e-9 && r <= 1e9)) {
    return request_error(
        "patience_seconds must lie between 1e-9 and 1e9 times aht_seconds "
        "(for longer patience use erlang_c)",
        "patience_seconds");
  }

  auto window = queue_window(a, n, r);
  if (!window.ok()) {
    return window.error();
  }
  const QueueWindow& queue = *window;

  // P(wait) = B Q / (B Q + 1 - B), with Q = e^{log_mode_term} * weight_sum, scaled by
  // e^{-log_mode_term} <= 1 so nothing overflows.
  const double scaled_free = (1.0 - blocking) * std::exp(-queue.log_mode_term);
  const double scaled_busy = blocking * queue.weight_sum;
  const double p_wait = scaled_busy / (scaled_busy + scaled_free);
  const double p_no_wait = scaled_free / (scaled_busy + scaled_free);

  const long long k_first = queue.first;
  const long long k_last = queue.first + static_cast<long long>(queue.share.size()) - 1;
  // Answered within t needs G(k) = P(NB(N/r + 1, e^{-r tt}) > k); left the queue (answered
  // or abandoned) within t needs F'(k) = P(NB(N/r, e^{-r tt}) <= k), only to absolute
  // precision because it enters as 1 - e^{-r tt} F'(k).
  auto answered_tail = negative_binomial_tails(n / r + 1.0, r * tt, k_first, k_last,
                                               /*need_upper_precision=*/true);
  if (!answered_tail.ok()) {
    return answered_tail.error();
  }
  NegativeBinomialTails left_tail;
  if (with_abandoned_within) {
    auto tails = negative_binomial_tails(n / r, r * tt, k_first, k_last,
                                         /*need_upper_precision=*/false);
    if (!tails.ok()) {
      return tails.error();
    }
    left_tail = std::move(*tails);
  }
  const double y = std::exp(-r * tt);

  // H_k = sum_{i=1..k+1} 1 / (N + i r), the mean stage time sum in E[W 1{answered} | k].
  double stage_sum = harmonic_shifted(n / r + 1.0, k_first + 1) / r;
  double abandon = 0.0;           // E[P(abandon | k)]      over the waiting law
  double answered_wait = 0.0;     // E[W 1{answered} | k]
  double answered_within = 0.0;   // E[P(answered <= t | k)]
  double abandoned_within = 0.0;  // E[P(abandoned <= t | k)]
  for (std::size_t idx = 0; idx < queue.share.size(); ++idx) {
    const double k = static_cast<double>(k_first) + static_cast<double>(idx);
    if (idx > 0) {
      stage_sum += 1.0 / (n + (k + 1.0) * r);
    }
    const double share = queue.share[idx];
    const double denominator = n + (k + 1.0) * r;
    const double p_answer = n / denominator;
    abandon += share * ((k + 1.0) * r / denominator);
    answered_wait += share * p_answer * stage_sum;
    const double answered_in_time = p_answer * answered_tail->upper[idx];
    answered_within += share * answered_in_time;
    if (with_abandoned_within) {
      const double left_in_time = 1.0 - y * left_tail.cdf[idx];
      abandoned_within += share * std::max(0.0, left_in_time - answered_in_time);
    }
  }

  QueueMetrics metrics;
  metrics.agents = agents;
  metrics.traffic_erlangs = a;
  metrics.p_wait = p_wait;
  metrics.p_abandon = p_wait * abandon;
  metrics.p_answered_within = p_no_wait + p_wait * answered_within;
  metrics.p_abandoned_within = with_abandoned_within ? p_wait * abandoned_within : 0.0;
  const double p_answered = p_no_wait + p_wait * (1.0 - abandon);
  metrics.asa_seconds = p_answered > 0.0 ? p_wait * answered_wait * aht_seconds / p_answered : 0.0;
  metrics.mean_wait_seconds = metrics.p_abandon * patience_seconds;
  metrics.occupancy = a * p_answered / n;
  return metrics;
}

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

double log_rising_scaled(double z0, long long m, double scale) {
  double sum = 0.0;
  double z = z0;
  long long done = 0;
  if (m <= kDirectTerms) {
    for (; done < m; ++done) {
      sum += std::log(scale * (z0 + static_cast<double>(done)));
    }
    return sum;
  }
  while (z < kAsymptoticFrom && done < m) {
    sum += std::log(scale * z);
    z += 1.0;
    ++done;
  }
  const long long rest = m - done;
  if (rest == 0) {
    return sum;
  }
  // ln Gamma(z + rest) - ln Gamma(z) = rest ln z + (z + rest - 1/2) ln(1 + rest/z) - rest
  //                                    + stirling_tail(z + rest) - stirling_tail(z);
  // the scale joins the first term so that large opposite logarithms never meet.
  const double rest_d = static_cast<double>(rest);
  const double z_end = z + rest_d;
  sum += rest_d * std::log(scale * z) + (z_end - 0.5) * std::log1p(rest_d / z) - rest_d +
         (stirling_tail(z_end) - stirling_tail(z));
  return sum;
}

double harmonic_shifted(double z0, long long m) {
  double sum = 0.0;
  if (m <= kDirectTerms) {
    for (long long i = 0; i < m; ++i) {
      sum += 1.0 / (z0 + static_cast<double>(i));
    }
    return sum;
  }
  double z = z0;
  long long done = 0;
  while (z < kAsymptoticFrom && done < m) {
    sum += 1.0 / z;
    z += 1.0;
    ++done;
  }
  const long long rest = m - done;
  if (rest == 0) {
    return sum;
  }
  // digamma(z + rest) - digamma(z) with digamma(x) = ln x - 1/(2x) + digamma_tail(x).
  const double rest_d = static_cast<double>(rest);
  const double z_end = z + rest_d;
  sum += std::log1p(rest_d / z) + (0.5 / z - 0.5 / z_end) + (digamma_tail(z_end) - digamma_tail(z));
  return sum;
}

}  // namespace detail

}  // namespace sp::workforce

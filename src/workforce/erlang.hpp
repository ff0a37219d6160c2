// Queueing formulas for contact-centre staffing: Erlang B (M/M/N/N, blocked contacts are
// lost), Erlang C (M/M/N, everyone waits as long as needed) and Erlang A (M/M/N+M, callers
// abandon after an exponentially distributed patience).
//
// Contract: every function is pure (no I/O, no clock, no globals), thread-safe, never throws
// on bad data and returns an Error instead of NaN or infinity. Times are in seconds, rates
// per hour, offered load in Erlangs (a = arrival rate x average handle time).
//
// Accuracy, checked in tests/workforce/ against independent long double computations over
// loads 0.01 to 5,000 Erlangs (and, during development, 3,000 random cases with patience
// 1/300 to 300 handle times): Erlang B and C within 1e-14 relative; Erlang A p_wait,
// p_abandon and asa_seconds within 1e-12 relative, also when tiny (1e-180);
// p_answered_within within 1e-11 relative when above 1e-8 (1e-17 absolute below);
// p_abandoned_within within 1e-9 absolute (it is a difference of two probabilities).
//
// Error kinds (Error::kind), used as stable problem types by the CLI and the HTTP layer:
//   "invalid-request"  an argument is out of range (Error::field names it),
//   "unstable-queue"   Erlang C with agents <= offered load: the queue grows without bound,
//                      the wait is infinite, so no figure is returned.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp::workforce {

// Largest number of agents (servers) any function here accepts or searches up to. Also the
// largest offered load: no contact centre comes near it, and it bounds the O(N) recursions.
inline constexpr int kMaxAgents = 100'000;

inline constexpr std::string_view kInvalidRequest = "invalid-request";
inline constexpr std::string_view kUnstableQueue = "unstable-queue";
inline constexpr std::string_view kUnreachableTarget = "unreachable-target";

// Which share of contacts counts as "served within the threshold t". Contact centres differ,
// and with abandonment (Erlang A) the choice changes the figure. For Erlang C (nobody
// abandons) all four coincide.
enum class ServiceLevelConvention {
  // answered within t / all offered contacts (abandoned contacts count as failures). Default.
  AnsweredWithinOverOffered,
  // answered within t / answered contacts (abandoned contacts are left out entirely).
  AnsweredWithinOverAnswered,
  // (answered within t + abandoned within t) / offered: a caller who hung up early counts
  // as served within the threshold.
  AnsweredOrAbandonedWithinOverOffered,
  // answered within t / (offered - abandoned within t): short abandons are left out.
  AnsweredWithinOverOfferedMinusShortAbandons,
};

// "answered_within_over_offered" etc. (the CLI/JSON names, snake_case).
std::string_view to_string(ServiceLevelConvention convention);

// Parses the names returned by to_string. Fails with InvalidInput (kind "invalid-request",
// field "service_level_convention") on any other text.
[[nodiscard]] Result<ServiceLevelConvention> parse_service_level_convention(std::string_view text);

// Performance figures of a queue with `agents` agents. Shares are of all offered contacts.
struct QueueMetrics {
  int agents = 0;
  double traffic_erlangs = 0;     // offered load a = lambda * AHT
  double p_wait = 0;              // P(an arrival finds every agent busy); Erlang C's C(N, a)
  double p_abandon = 0;           // share of arrivals that abandon (0 for Erlang C)
  double p_answered_within = 0;   // share of arrivals answered with wait <= target_seconds
  double p_abandoned_within = 0;  // share of arrivals abandoning with wait <= target_seconds
  double asa_seconds = 0;         // mean wait of answered contacts (average speed of answer)
  double mean_wait_seconds = 0;   // mean time in queue over all arrivals, abandoned included
  double occupancy = 0;           // share of agent time busy: carried load / agents

  // The service level under `convention` (see ServiceLevelConvention), in [0, 1].
  double service_level(
      ServiceLevelConvention convention = ServiceLevelConvention::AnsweredWithinOverOffered) const;
};

// Offered load in Erlangs: arrival_rate_per_hour * aht_seconds / 3600.
inline double offered_load_erlangs(double arrival_rate_per_hour, double aht_seconds) {
  return arrival_rate_per_hour * aht_seconds / 3600.0;
}

// Erlang B: the probability B(N, a) that an arrival finds all `servers` busy and is lost,
// with `traffic_erlangs` offered. Computed by the stable recursion
//   B(0) = 1,  B(n) = a B(n-1) / (n + a B(n-1)),
// which has no factorials or powers, never overflows and damps rounding errors, so it is
// exact to a few ulps for N in the thousands. O(N).
// Fails (invalid-request) unless 0 <= servers <= kMaxAgents and 0 <= a <= kMaxAgents.
[[nodiscard]] Result<double> erlang_b(int servers, double traffic_erlangs);

// Erlang C: the probability C(N, a) that an arrival must wait, from Erlang B:
//   C = N B / (N - a (1 - B)).
// Fails with kind "unstable-queue" when agents <= a (the wait would be infinite) and with
// "invalid-request" on out-of-range arguments. O(N).
[[nodiscard]] Result<double> erlang_c(int agents, double traffic_erlangs);

// Erlang C (M/M/N, FCFS, infinite patience) figures with threshold `target_seconds`:
//   SL(t)     = 1 - C exp(-(N - a) t / AHT)      (p_answered_within; all conventions agree)
//   ASA       = C AHT / (N - a)                  (asa_seconds = mean_wait_seconds)
//   occupancy = a / N,  p_abandon = 0.
// REQUIRES nothing; fails with "unstable-queue" when agents <= a, "invalid-request" when
// arrival_rate_per_hour < 0, aht_seconds <= 0, target_seconds < 0, agents < 1, or any
// value is not finite or beyond kMaxAgents.
[[nodiscard]] Result<QueueMetrics> erlang_c_metrics(double arrival_rate_per_hour, double aht_seconds,
                                                    int agents, double target_seconds);

// Erlang A (M/M/N+M, Palm's model) figures: Poisson arrivals (lambda), exponential handle
// times (mean AHT, mu = 1/AHT), N agents, FCFS queue, each waiting contact abandons after
// an exponential patience with mean `patience_seconds` (theta = 1/patience). Valid for any
// N >= 1, also N <= a: abandonment keeps the queue stable.
//
// Method (Garnett, Mandelbaum & Reiman 2002; Mandelbaum & Zeltyn, "The M/M/n+G queue:
// summary of performance measures"), with r = theta/mu and times in units of AHT:
//  * The number in system is a birth-death chain with death rate n mu (n <= N) and
//    N mu + k theta in state N + k. Its stationary law pi, seen by arrivals (PASTA):
//      pi_n  ~ a^n / n!                                    (n <= N)
//      pi_{N+k} = pi_N t_k,  t_k = prod_{j=1..k} a / (N + j r)
//    sum_{n<=N} pi_n / pi_N = 1/B(N, a), so P(wait) = B Q / (B Q + 1 - B) with
//    Q = sum_{k>=0} t_k. Q is summed around its mode in log-scaled form, truncated where
//    terms fall below 1e-18 of the sum, so nothing overflows even when Q is e^10000.
//  * A tagged arrival finding N + k (k waiting ahead) needs k + 1 departures from the queue
//    front; with j ahead the front moves at rate N mu + j theta (a service completion or an
//    abandonment ahead), so its virtual wait is V_k = sum_{j=0..k} Exp(N mu + j theta). It
//    is answered iff its own patience tau ~ Exp(theta) exceeds V_k:
//      P(answered | k)        = E[e^{-theta V_k}] = N mu / (N mu + (k+1) theta)   (telescopes)
//      E[W 1{answered} | k]   = P(answered | k) * sum_{i=1..k+1} 1/(N mu + i theta)
//      P(answered <= t | k)   = P(answered | k) * P(sum_{i=1..k+1} Exp(N mu + i theta) <= t)
//    (exponential tilting). A sum of exponentials with rates c + i theta, i = 1..m, is
//    distributed as -ln(U)/theta with U ~ Beta(c/theta + 1, m) (compare Laplace
//    transforms), and for integer m, P(U >= y) = P(NB > m - 1) where NB is negative
//    binomial with shape alpha = c/theta + 1 and success probability y = e^{-theta t}. So
//      P(answered <= t | k) = N/(N + (k+1) r) * P(NB(N/r + 1, e^{-r t}) > k).
//    Likewise P(left the queue, answered or abandoned, <= t | k) = 1 - e^{-theta t} P(V_k > t)
//    with P(V_k > t) = P(NB(N/r, e^{-r t}) <= k).
//  * p_abandon = sum pi_{N+k} (k+1) r / (N + (k+1) r)  (= theta E[queue] / lambda),
//    mean_wait_seconds = p_abandon * patience, occupancy = a (1 - p_abandon) / N.
// Negative-binomial tails are summed from log-space anchors (Stirling series for log-gamma
// differences) in whichever direction keeps precision (see negative_binomial_tails).
//
// Fails (invalid-request) when arrival_rate_per_hour < 0, aht_seconds <= 0,
// patience_seconds <= 0 or outside 1e-9..1e9 times aht_seconds, target_seconds < 0, agents < 1, a value is
// not finite or beyond kMaxAgents, or when patience is so long relative to the overload that the queue would
// need more than 5 million states (use Erlang C there), or when a threshold thousands of
// patience times long meets such a queue. O(N + queue states + tail lengths).
[[nodiscard]] Result<QueueMetrics> erlang_a_metrics(double arrival_rate_per_hour, double aht_seconds,
                                                    double patience_seconds, int agents,
                                                    double target_seconds);

namespace detail {

// Erlang A from a precomputed Erlang B value `blocking` = B(agents, a); lets the staffing
// search advance B(N) incrementally. `with_abandoned_within` = false skips the second
// negative-binomial tail (p_abandoned_within is then left 0). Arguments must already be
// validated as erlang_a_metrics does; a = traffic_erlangs, aht/patience in seconds.
[[nodiscard]] Result<QueueMetrics> erlang_a_from_blocking(double traffic_erlangs, double aht_seconds,
                                                          double patience_seconds, int agents,
                                                          double target_seconds, double blocking,
                                                          bool with_abandoned_within);

// Erlang C figures from a precomputed B(agents, a). REQUIRES agents > traffic_erlangs.
QueueMetrics erlang_c_from_blocking(double traffic_erlangs, double aht_seconds, int agents,
                                    double target_seconds, double blocking);

// One step of the Erlang B recursion: B(n, a) from B(n-1, a).
inline double erlang_b_step(int n, double traffic_erlangs, double previous_blocking) {
  const double carried = traffic_erlangs * previous_blocking;
  return carried / (static_cast<double>(n) + carried);
}

// `value` with up to 6 significant digits ("10", "0.0125", "1e+06"), for error messages.
std::string format_number(double value);

// sum_{i=0..m-1} log(scale * (z0 + i)), for z0 > 0, scale > 0, m >= 0, accurate to a few
// ulps of the result's magnitude (Stirling series beyond the first terms). Exposed for tests.
double log_rising_scaled(double z0, long long m, double scale);

// sum_{i=0..m-1} 1 / (z0 + i) = digamma(z0 + m) - digamma(z0), for z0 > 0. Exposed for tests.
double harmonic_shifted(double z0, long long m);

}  // namespace detail

}  // namespace sp::workforce

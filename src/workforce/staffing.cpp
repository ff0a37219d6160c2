#include "workforce/staffing.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace sp::workforce {
namespace {

Error request_error(std::string message, std::string field) {
  Error error = invalid_input(std::move(message), std::move(field));
  error.kind = std::string(kInvalidRequest);
  return error;
}

Error unreachable_error(std::string message, std::string field = {}) {
  Error error = invalid_input(std::move(message), std::move(field));
  error.kind = std::string(kUnreachableTarget);
  return error;
}

bool in_unit_interval(double value) {
  return std::isfinite(value) && value >= 0.0 && value <= 1.0;
}

Result<void> validate_targets(const StaffingTargets& targets) {
  if (!std::isfinite(targets.target_seconds) || targets.target_seconds < 0) {
    return request_error("target_seconds must be a finite number >= 0", "target_seconds");
  }
  if (!targets.service_level && !targets.max_asa_seconds && !targets.max_abandon && !targets.max_occupancy) {
    return request_error(
        "set at least one target: target_service_level, target_asa_seconds, "
        "max_abandon or max_occupancy",
        "target_service_level");
  }
  if (targets.service_level && !in_unit_interval(*targets.service_level)) {
    return request_error("target_service_level must be between 0 and 1", "target_service_level");
  }
  if (targets.max_asa_seconds && (!std::isfinite(*targets.max_asa_seconds) || *targets.max_asa_seconds < 0)) {
    return request_error("target_asa_seconds must be a finite number >= 0", "target_asa_seconds");
  }
  if (targets.max_abandon && !in_unit_interval(*targets.max_abandon)) {
    return request_error("max_abandon must be between 0 and 1", "max_abandon");
  }
  if (targets.max_occupancy && !in_unit_interval(*targets.max_occupancy)) {
    return request_error("max_occupancy must be between 0 and 1", "max_occupancy");
  }
  return {};
}

// Targets that no finite number of agents can meet while contacts arrive. Checked up front
// rather than left to floating-point underflow deep in a search.
Result<void> reject_impossible_targets(const StaffingTargets& targets, bool with_abandonment) {
  if (targets.service_level && *targets.service_level >= 1.0) {
    return unreachable_error(
        "a service level of 100% cannot be met: with random arrivals some "
        "contacts always wait longer than any threshold",
        "target_service_level");
  }
  if (targets.max_asa_seconds && *targets.max_asa_seconds <= 0.0) {
    return unreachable_error(
        "an average speed of answer of 0 s cannot be met: with random "
        "arrivals some contacts always wait",
        "target_asa_seconds");
  }
  if (with_abandonment && targets.max_abandon && *targets.max_abandon <= 0.0) {
    return unreachable_error(
        "an abandonment of 0 cannot be met: with impatient callers some "
        "always hang up",
        "max_abandon");
  }
  if (targets.max_occupancy && *targets.max_occupancy <= 0.0) {
    return unreachable_error("an occupancy of 0 cannot be met while contacts arrive", "max_occupancy");
  }
  return {};
}

Error search_exhausted(double load) {
  return unreachable_error("no number of agents up to " + std::to_string(kMaxAgents) +
                           " meets the targets at an offered load of " + detail::format_number(load) +
                           " Erlangs");
}

StaffingResult no_load_result() {
  StaffingResult result;
  result.metrics.p_answered_within = 1.0;
  return result;
}

Result<double> validated_load(double arrival_rate_per_hour, double aht_seconds) {
  if (!std::isfinite(arrival_rate_per_hour) || arrival_rate_per_hour < 0) {
    return request_error("arrival_rate_per_hour must be a finite number >= 0", "arrival_rate_per_hour");
  }
  if (!std::isfinite(aht_seconds) || aht_seconds <= 0) {
    return request_error("aht_seconds must be a finite number > 0", "aht_seconds");
  }
  const double load = offered_load_erlangs(arrival_rate_per_hour, aht_seconds);
  if (!(load <= kMaxAgents)) {
    return unreachable_error("the offered load exceeds " + std::to_string(kMaxAgents) + " Erlangs",
                             "arrival_rate_per_hour");
  }
  return load;
}

}  // namespace

bool StaffingTargets::met_by(const QueueMetrics& metrics) const {
  if (service_level && metrics.service_level(convention) < *service_level) {
    return false;
  }
  if (max_asa_seconds && metrics.asa_seconds > *max_asa_seconds) {
    return false;
  }
  if (max_abandon && metrics.p_abandon > *max_abandon) {
    return false;
  }
  if (max_occupancy && metrics.occupancy > *max_occupancy) {
    return false;
  }
  return true;
}

Result<StaffingResult> required_agents_erlang_c(double arrival_rate_per_hour, double aht_seconds,
                                                const StaffingTargets& targets) {
  auto load = validated_load(arrival_rate_per_hour, aht_seconds);
  if (!load.ok()) {
    return load.error();
  }
  SP_TRY(validate_targets(targets));
  if (targets.max_abandon) {
    return request_error("max_abandon needs model erlang_a: Erlang C assumes nobody abandons", "max_abandon");
  }
  if (*load == 0.0) {
    return no_load_result();
  }
  SP_TRY(reject_impossible_targets(targets, /*with_abandonment=*/false));

  const double a = *load;
  const int first = static_cast<int>(std::floor(a)) + 1;  // the first stable N
  int start = first;
  if (targets.max_occupancy) {
    const double bound = a / *targets.max_occupancy;  // occupancy a/N <= max  <=>  N >= a/max
    if (!(bound <= kMaxAgents)) {
      return search_exhausted(a);
    }
    start = std::max(start, static_cast<int>(std::floor(bound)));
  }
  if (start > kMaxAgents) {
    return search_exhausted(a);
  }
  auto blocking = erlang_b(start, a);
  if (!blocking.ok()) {
    return blocking.error();
  }
  double b = *blocking;
  for (int n = start; n <= kMaxAgents; ++n) {
    if (n > start) {
      b = detail::erlang_b_step(n, a, b);
    }
    QueueMetrics metrics = detail::erlang_c_from_blocking(a, aht_seconds, n, targets.target_seconds, b);
    if (targets.met_by(metrics)) {
      return StaffingResult{n, metrics};
    }
  }
  return search_exhausted(a);
}

Result<StaffingResult> required_agents_erlang_a(double arrival_rate_per_hour, double aht_seconds,
                                                double patience_seconds, const StaffingTargets& targets) {
  auto load = validated_load(arrival_rate_per_hour, aht_seconds);
  if (!load.ok()) {
    return load.error();
  }
  if (!std::isfinite(patience_seconds) || patience_seconds <= 0) {
    return request_error("patience_seconds must be a finite number > 0", "patience_seconds");
  }
  SP_TRY(validate_targets(targets));
  if (*load == 0.0) {
    return no_load_result();
  }
  SP_TRY(reject_impossible_targets(targets, /*with_abandonment=*/true));

  const double a = *load;
  // Provable lower bounds (see header): occupancy <= 1 gives P(answered) <= N/a.
  double bound = 1.0;
  if (targets.service_level && targets.convention == ServiceLevelConvention::AnsweredWithinOverOffered) {
    bound = std::max(bound, *targets.service_level * a);
  }
  if (targets.max_abandon) {
    bound = std::max(bound, (1.0 - *targets.max_abandon) * a);
  }
  if (!(bound <= kMaxAgents)) {
    return search_exhausted(a);
  }
  // floor() keeps one candidate of slack against rounding in the bound itself.
  const int start = std::max(1, static_cast<int>(std::floor(bound)) - 1);
  const bool needs_abandoned_within =
      targets.service_level &&
      (targets.convention == ServiceLevelConvention::AnsweredOrAbandonedWithinOverOffered ||
       targets.convention == ServiceLevelConvention::AnsweredWithinOverOfferedMinusShortAbandons);

  auto blocking = erlang_b(start, a);
  if (!blocking.ok()) {
    return blocking.error();
  }
  double b = *blocking;
  for (int n = start; n <= kMaxAgents; ++n) {
    if (n > start) {
      b = detail::erlang_b_step(n, a, b);
    }
    auto metrics = detail::erlang_a_from_blocking(a, aht_seconds, patience_seconds, n, targets.target_seconds,
                                                  b, needs_abandoned_within);
    if (!metrics.ok()) {
      return metrics.error();
    }
    if (targets.met_by(*metrics)) {
      if (!needs_abandoned_within) {
        // Report every figure at the answer, not only those the search needed.
        metrics = detail::erlang_a_from_blocking(a, aht_seconds, patience_seconds, n, targets.target_seconds,
                                                 b, true);
        if (!metrics.ok()) {
          return metrics.error();
        }
      }
      return StaffingResult{n, *metrics};
    }
  }
  return search_exhausted(a);
}

Result<int> scheduled_agents(int agents_required, double shrinkage) {
  if (agents_required < 0 || agents_required > kMaxAgents) {
    return request_error("agents_required must be between 0 and " + std::to_string(kMaxAgents),
                         "agents_required");
  }
  if (!std::isfinite(shrinkage) || shrinkage < 0.0 || shrinkage >= 1.0) {
    return request_error("shrinkage must be at least 0 and below 1", "shrinkage");
  }
  const double scheduled = std::ceil(static_cast<double>(agents_required) / (1.0 - shrinkage) - 1e-9);
  if (scheduled > kMaxAgents) {
    return unreachable_error("scheduling " + std::to_string(agents_required) +
                                 " available agents at a shrinkage of " + detail::format_number(shrinkage) +
                                 " needs more than " + std::to_string(kMaxAgents) + " staff",
                             "shrinkage");
  }
  return static_cast<int>(scheduled);
}

Result<ChatStaffing> required_agents_chat(double arrival_rate_per_hour, double aht_seconds, int concurrency,
                                          std::optional<double> patience_seconds,
                                          const StaffingTargets& targets) {
  if (concurrency < 1 || concurrency > 20) {
    return request_error("concurrency must be between 1 and 20", "concurrency");
  }
  Result<StaffingResult> slots =
      patience_seconds
          ? required_agents_erlang_a(arrival_rate_per_hour, aht_seconds, *patience_seconds, targets)
          : required_agents_erlang_c(arrival_rate_per_hour, aht_seconds, targets);
  if (!slots.ok()) {
    return slots.error();
  }
  ChatStaffing result;
  result.slots_required = slots->agents_required;
  result.agents_required = (slots->agents_required + concurrency - 1) / concurrency;
  const int slots_provided = result.agents_required * concurrency;
  if (slots_provided == slots->agents_required || slots_provided == 0) {
    result.metrics = slots->metrics;
    return result;
  }
  // Whole agents bring a few more slots than required: report the figures of those slots.
  auto metrics = patience_seconds ? erlang_a_metrics(arrival_rate_per_hour, aht_seconds, *patience_seconds,
                                                     slots_provided, targets.target_seconds)
                                  : erlang_c_metrics(arrival_rate_per_hour, aht_seconds, slots_provided,
                                                     targets.target_seconds);
  if (!metrics.ok()) {
    return metrics.error();
  }
  result.metrics = *metrics;
  return result;
}

Result<int> required_agents_backlog(const BacklogWork& work) {
  if (!std::isfinite(work.arrival_rate_per_hour) || work.arrival_rate_per_hour < 0) {
    return request_error("arrival_rate_per_hour must be a finite number >= 0", "arrival_rate_per_hour");
  }
  if (!std::isfinite(work.aht_seconds) || work.aht_seconds <= 0) {
    return request_error("aht_seconds must be a finite number > 0", "aht_seconds");
  }
  if (!std::isfinite(work.response_target_seconds) || work.response_target_seconds < work.aht_seconds) {
    return request_error(
        "response_target_seconds must be at least one handle time; use Erlang C "
        "for targets in seconds",
        "response_target_seconds");
  }
  if (!std::isfinite(work.backlog_contacts) || work.backlog_contacts < 0) {
    return request_error("backlog_contacts must be a finite number >= 0", "backlog_contacts");
  }
  if (!std::isfinite(work.max_occupancy) || work.max_occupancy <= 0 || work.max_occupancy > 1) {
    return request_error("max_occupancy must be above 0 and at most 1", "max_occupancy");
  }
  const double busy_agents = work.arrival_rate_per_hour * work.aht_seconds / 3600.0 +
                             work.backlog_contacts * work.aht_seconds / work.response_target_seconds;
  const double agents = std::ceil(busy_agents / work.max_occupancy - 1e-9);
  if (!(agents <= kMaxAgents)) {
    return unreachable_error("the backlog work needs more than " + std::to_string(kMaxAgents) + " agents");
  }
  return static_cast<int>(std::max(0.0, agents));
}

}  // namespace sp::workforce

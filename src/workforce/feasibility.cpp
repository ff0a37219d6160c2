#include "workforce/feasibility.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "workforce/erlang.hpp"

namespace sp::workforce {
namespace {

// Shortfalls below this many agents are rounding, not missing people.
constexpr double kShortfallTolerance = 1e-9;

Error request_error(std::string message, std::string field) {
  Error error = invalid_input(std::move(message), std::move(field));
  error.kind = std::string(kInvalidRequest);
  return error;
}

Result<void> validate_staff(const StaffAvailability& staff, const Demand& demand) {
  if (staff.start != demand.start) {
    return request_error("staff availability must start where the contract's demand starts", "start");
  }
  if (staff.interval_minutes != demand.interval_minutes) {
    return request_error("staff availability must use the contract's interval length", "interval_minutes");
  }
  const auto intervals = static_cast<std::size_t>(demand.intervals);
  if (staff.scheduled_agents.size() != intervals) {
    return request_error(
        "scheduled_agents needs one value per interval (" + std::to_string(demand.intervals) + ")",
        "scheduled_agents");
  }
  if (staff.existing_required_agents.size() != intervals) {
    return request_error(
        "existing_required_agents needs one value per interval (" + std::to_string(demand.intervals) + ")",
        "existing_required_agents");
  }
  for (std::size_t idx = 0; idx < intervals; ++idx) {
    if (staff.scheduled_agents[idx] < 0 || staff.scheduled_agents[idx] > kMaxAgents) {
      return request_error(
          "scheduled_agents[" + std::to_string(idx) + "] must be between 0 and " + std::to_string(kMaxAgents),
          "scheduled_agents");
    }
    const double load = staff.existing_required_agents[idx];
    if (!std::isfinite(load) || load < 0) {
      return request_error(
          "existing_required_agents[" + std::to_string(idx) + "] must be a finite number >= 0",
          "existing_required_agents");
    }
  }
  if (!std::isfinite(staff.shrinkage) || staff.shrinkage < 0 || staff.shrinkage >= 1) {
    return request_error("shrinkage must be at least 0 and below 1", "shrinkage");
  }
  if (staff.paid_hours_per_fte_week &&
      (!std::isfinite(*staff.paid_hours_per_fte_week) || *staff.paid_hours_per_fte_week <= 0)) {
    return request_error("paid_hours_per_fte_week must be a finite number > 0", "paid_hours_per_fte_week");
  }
  return {};
}

}  // namespace

Result<FeasibilityReport> check_feasibility(const ContractSpec& contract, const StaffAvailability& staff) {
  auto plan = contract.opening_hours
                  ? plan_staffing(contract.demand, contract.channels, *contract.opening_hours)
                  : plan_staffing(contract.demand, contract.channels);
  if (!plan.ok()) {
    return plan.error();
  }
  SP_TRY(validate_staff(staff, contract.demand));

  FeasibilityReport report;
  const double available_share = 1.0 - staff.shrinkage;
  const double interval_hours = contract.demand.interval_minutes / 60.0;
  for (int idx = 0; idx < contract.demand.intervals; ++idx) {
    const double productive = staff.scheduled_agents[idx] * available_share;
    const double spare = productive - staff.existing_required_agents[idx];
    if (spare < -kShortfallTolerance) {
      ++report.already_short_intervals;
    }
    const int required = plan->intervals[idx].agents_required;
    const double available = std::max(0.0, spare);
    const double shortfall = required - available;
    if (shortfall <= kShortfallTolerance) {
      continue;
    }
    IntervalShortfall failing;
    failing.interval_idx = idx;
    failing.start = contract.demand.interval_start(idx);
    failing.required_agents = required;
    failing.available_agents = available;
    failing.shortfall_agents = shortfall;
    // The same 1e-9 tolerance as scheduled_agents(), so 7 / 0.7 gives 10, not 11.
    failing.extra_people = static_cast<int>(std::ceil(shortfall / available_share - 1e-9));
    report.extra_agent_hours += shortfall * interval_hours;
    if (shortfall > report.peak_shortfall_agents) {
      report.peak_shortfall_agents = shortfall;
      report.peak_interval_start = failing.start;
    }
    report.peak_extra_people = std::max(report.peak_extra_people, failing.extra_people);
    report.shortfalls.push_back(failing);
  }
  report.feasible = report.shortfalls.empty();
  report.extra_paid_hours = report.extra_agent_hours / available_share;
  if (staff.paid_hours_per_fte_week) {
    const double weeks = contract.demand.intervals * interval_hours / (7 * 24.0);
    report.extra_fte = report.extra_paid_hours / weeks / *staff.paid_hours_per_fte_week;
  }
  report.contract_plan = std::move(*plan);
  return report;
}

}  // namespace sp::workforce

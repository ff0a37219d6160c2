// Feasibility check for a new client contract (issue 5; DESIGN.md capability 10: "accept only
// assignments it can fulfil"): can the staff we have carry the contract's expected contacts, within
// its opening hours and targets, on top of the load of the current contracts? If not, where does it
// fail and how much extra staff would it take?
//
// Contract: pure, deterministic, thread-safe, never throws on bad data. Instants are UTC; the
// contract's opening hours are an sla::BusinessCalendar in its own zone.
//
// Method: the contract is planned on its own with plan_staffing (so closed intervals need no agents
// and contacts expected while closed are answered at the next opening, as backlog arriving then;
// see plan.hpp). Per interval, the productive agents the current staff can still give are
//   spare = max(0, scheduled x (1 - shrinkage) - existing load),
// and the contract fails in the interval when its required agents exceed the spare:
//   shortfall = required - spare,  extra people = ceil(shortfall / (1 - shrinkage)).
// Staffing the contract separately adds no pooling gain, so the check errs on the safe side. An
// interval whose existing load already exceeds the staff available is counted apart
// (already_short_intervals): that shortage is not the new contract's, and is not added to it.
// Response targets of e-mail (backlog) channels are checked through their model; resolution times
// depend on work outside the contact centre's queues and are not modelled.
//
// Errors: InvalidInput with Error::kind "invalid-request" (field names the input), or
// plan_staffing's errors for the contract (e.g. "unreachable-target").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "sla/business_calendar.hpp"
#include "workforce/plan.hpp"

namespace sp::workforce {

struct ContractSpec {
  std::string name;
  Demand demand;  // the contract's expected contacts and AHT per interval (or a forecast's)
  std::optional<sla::BusinessCalendar> opening_hours;  // absent: open around the clock
  std::vector<ChannelPlanSpec> channels;               // models, targets, shrinkage, cost
};

// The current staff on the contract's grid (same start, interval length and count).
struct StaffAvailability {
  Timestamp start;
  int interval_minutes = 15;
  std::vector<int> scheduled_agents;             // people rostered per interval, >= 0
  std::vector<double> existing_required_agents;  // productive agents the current contracts need
  double shrinkage = 0;                          // share of rostered time not available, [0, 1)
  // Contracted paid hours of one full-time person per week, to express the extra hours as full-time
  // equivalents; absent: no FTE figure.
  std::optional<double> paid_hours_per_fte_week;
};

// One interval where the contract does not fit.
struct IntervalShortfall {
  int interval_idx = 0;
  Timestamp start;
  int required_agents = 0;      // by the contract, all channels
  double available_agents = 0;  // spare productive agents after the existing load, >= 0
  double shortfall_agents = 0;  // required - available, > 0
  int extra_people = 0;         // ceil(shortfall / (1 - shrinkage)) more people rostered
};

struct FeasibilityReport {
  bool feasible = true;
  std::vector<IntervalShortfall> shortfalls;  // failing intervals, in time order
  double peak_shortfall_agents = 0;
  int peak_extra_people = 0;  // extra people needed at once, at the peak
  std::optional<Timestamp> peak_interval_start;
  double extra_agent_hours = 0;  // productive: sum of shortfall x interval hours
  double extra_paid_hours = 0;   // extra_agent_hours / (1 - shrinkage)
  // Average extra paid hours per week / paid_hours_per_fte_week; with peak_extra_people it brackets
  // the hiring need (the real figure depends on how shifts can be cut).
  std::optional<double> extra_fte;
  int already_short_intervals = 0;  // existing load > available staff before the contract
  StaffingPlan contract_plan;       // the contract's own requirement and cost
};

// Checks `contract` against `staff`. Fails with kind "invalid-request" when staff does not match
// the contract's grid ("start", "interval_minutes", "scheduled_agents",
// "existing_required_agents"), has negative or non-finite values, shrinkage outside [0, 1)
// ("shrinkage") or paid_hours_per_fte_week <= 0; otherwise with plan_staffing's errors for the
// contract's demand and channel specs.
[[nodiscard]] Result<FeasibilityReport> check_feasibility(const ContractSpec& contract,
                                                          const StaffAvailability& staff);

}  // namespace sp::workforce

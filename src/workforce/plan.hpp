// Staffing plan per interval from expected demand (a forecast or a contract's estimate): for each
// interval and channel the agents required to meet the targets, the service level, ASA, abandonment
// and occupancy they achieve, the staff to schedule after shrinkage, and the cost of the plan
// (issue 5, "Forecast, plan and simulation").
//
// Contract: pure, deterministic, thread-safe, never throws on bad data. Instants are UTC; opening
// hours, when given, come from an sla::BusinessCalendar in its own zone.
//
// Models per channel (see staffing.hpp for the formulas and their approximations):
//  * Queue: Erlang C, or Erlang A when targets.patience_seconds is set. Each interval is treated as
//    stationary with rate = contacts / interval length.
//  * Chat: Erlang C/A per chat slot with `chat_concurrency` slots per agent.
//  * Backlog (e-mail): the fluid model of required_agents_backlog, with the work spread over the
//    response target: with w = max(1, floor(response_target / interval length)) intervals, interval
//    i is staffed for the mean arrival rate of the last w (open) intervals. Handing each interval's
//    arrivals out evenly over it and the next w - 1 intervals then meets the target for every item,
//    and the service level reported is 1. asa_seconds is the fluid estimate of the mean wait under
//    that schedule, (w - 1) x interval / 2. Arrivals before the first interval are unknown and
//    taken as none.
// Channels are staffed separately (no pooling of multi-skilled agents), which overstates the need
// slightly; simulate() can check a pooled plan.
//
// Opening hours: an interval is open when the calendar has any business time in it, and is then
// staffed for its whole length. Closed intervals get no agents; contacts expected while closed are
// carried to the next open interval (callers try again, e-mails wait), with their AHT, and counted
// as carried past the horizon when no open interval follows. The burst at opening is treated as
// spread over the opening interval, an optimistic simplification for phone queues that simulate()
// can check.
//
// Cost: shrinkage is an average share of paid time, so paid agent hours are required agent hours /
// (1 - shrinkage), unrounded; cost = paid hours x hourly_cost. scheduled_agents (for rosters) is
// the whole number ceil(required / (1 - shrinkage)) per interval and channel.
//
// Errors: InvalidInput with Error::kind "invalid-request" (field names the input), or the staffing
// search's "unreachable-target" / "invalid-request", prefixed with the channel and interval where
// it happened.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "sla/business_calendar.hpp"
#include "workforce/erlang.hpp"
#include "workforce/forecast.hpp"

namespace sp::workforce {

enum class ChannelModel {
  Queue,    // phone-like: Erlang C, or Erlang A when targets.patience_seconds is set
  Chat,     // Erlang C/A per slot, chat_concurrency slots per agent
  Backlog,  // e-mail: fluid model over response_target_seconds
};

// "queue", "chat", "backlog".
std::string_view to_string(ChannelModel model);

// What one channel's staffing must achieve and what it costs. Queue and Chat need at least one of
// service_level, max_asa_seconds, max_abandon (with patience) or max_occupancy; Backlog uses
// max_occupancy only (default 1).
struct PlanTargets {
  std::optional<double> service_level;     // minimum share answered within target_seconds
  double target_seconds = 20;              // threshold of the service level
  std::optional<double> max_asa_seconds;   // maximum average speed of answer
  std::optional<double> max_abandon;       // maximum share abandoning (needs patience_seconds)
  std::optional<double> max_occupancy;     // maximum share of agent time busy
  double shrinkage = 0;                    // share of paid time not available, [0, 1)
  std::optional<double> patience_seconds;  // mean patience: Erlang A; absent: Erlang C
  double hourly_cost = 0;                  // cost of one paid agent hour, >= 0
  ServiceLevelConvention convention = ServiceLevelConvention::AnsweredWithinOverOffered;
};

struct ChannelPlanSpec {
  std::string channel;
  ChannelModel model = ChannelModel::Queue;
  PlanTargets targets;
  int chat_concurrency = 1;            // Chat: chats per agent at once, 1..20
  double response_target_seconds = 0;  // Backlog: every item answered within it, >= AHT
  int min_agents_open = 0;             // agents kept in every open interval even when quiet
};

// Expected contacts and AHT per interval of one channel.
struct ChannelDemand {
  std::string channel;
  std::vector<double> contacts;     // per interval, >= 0
  std::vector<double> aht_seconds;  // per interval, > 0 where contacts > 0
};

// Demand on a grid of `intervals` intervals of interval_minutes from `start`.
struct Demand {
  Timestamp start;
  int interval_minutes = 15;  // divides an hour
  int intervals = 0;          // 1 .. 4 weeks; every channel's vectors have this length
  std::vector<ChannelDemand> channels;

  Timestamp interval_start(int interval_idx) const {
    return start + std::chrono::minutes{interval_minutes} * interval_idx;
  }
};

// The demand a forecast predicts (its contacts and AHT per channel).
Demand demand_from_forecast(const Forecast& forecast);

// One channel in one interval.
struct ChannelIntervalPlan {
  bool open = true;
  double contacts = 0;       // offered in the interval, after carry-over from closed hours
  double aht_seconds = 0;    // of those contacts (0 when there are none)
  int agents_required = 0;   // productive agents (on the phone / in the queue)
  double paid_agents = 0;    // agents_required / (1 - shrinkage)
  int scheduled_agents = 0;  // ceil(paid_agents): staff to roster
  double service_level = 1;  // under the channel's convention; 1 when no contacts
  double asa_seconds = 0;
  double abandon_rate = 0;
  double occupancy = 0;
  double cost = 0;  // paid_agents x interval hours x hourly_cost
};

struct IntervalPlan {
  Timestamp start;
  std::vector<ChannelIntervalPlan> channels;  // in StaffingPlan::channels order
  double contacts = 0;
  int agents_required = 0;
  int scheduled_agents = 0;
  double paid_agents = 0;
  double cost = 0;
};

struct ChannelPlanSummary {
  std::string channel;
  ChannelModel model = ChannelModel::Queue;
  double contacts = 0;              // planned for (excludes carried past the horizon)
  double carried_past_horizon = 0;  // contacts of closed intervals with no opening after
  double required_agent_hours = 0;
  double paid_agent_hours = 0;
  double cost = 0;
  std::optional<double> cost_per_contact;  // absent without contacts
  double service_level = 1;                // contact-weighted over the intervals
  double abandon_rate = 0;                 // contact-weighted
  int peak_agents_required = 0;
};

struct StaffingPlan {
  Timestamp start;
  int interval_minutes = 15;
  std::vector<ChannelPlanSummary> channels;
  std::vector<IntervalPlan> intervals;
  double total_contacts = 0;
  double required_agent_hours = 0;
  double total_agent_hours = 0;  // paid: required hours / (1 - shrinkage), summed
  double total_cost = 0;
  std::optional<double> cost_per_contact;  // total_cost / total_contacts; absent without contacts
};

// Plans every channel of `demand` around the clock. Each demand channel needs exactly one spec
// (matched by name); specs of channels not in the demand are ignored. Fails with kind
// "invalid-request" for an interval length that does not divide an hour ("interval_minutes"), 0 or
// more than four weeks of intervals ("intervals"), a start outside 1970..2099 ("start"), vectors of
// the wrong length, negative or non-finite contacts, AHT <= 0 with contacts
// ("channels[i].contacts", ".aht_seconds"), a missing or duplicate spec or bad spec values
// ("specs[i].<field>"); and with the staffing search's error (e.g. "unreachable-target") when an
// interval's target cannot be met, its message naming channel and interval.
[[nodiscard]] Result<StaffingPlan> plan_staffing(const Demand& demand,
                                                 std::span<const ChannelPlanSpec> specs);

// As above, open only during `opening_hours` (see the header comment for closed intervals). Also
// fails with the calendar's error (kind "out-of-range") for intervals outside 1970..2099.
[[nodiscard]] Result<StaffingPlan> plan_staffing(const Demand& demand, std::span<const ChannelPlanSpec> specs,
                                                 const sla::BusinessCalendar& opening_hours);

}  // namespace sp::workforce

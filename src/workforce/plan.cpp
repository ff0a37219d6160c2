#include "workforce/plan.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <utility>

#include "sla/business_time.hpp"
#include "workforce/staffing.hpp"

namespace sp::workforce {
namespace {

Error request_error(std::string message, std::string field) {
  Error error = invalid_input(std::move(message), std::move(field));
  error.kind = std::string(kInvalidRequest);
  return error;
}

// The same error, its message prefixed with where it happened.
Error in_context(Error error, const std::string& where) {
  error.message = where + ": " + error.message;
  return error;
}

bool finite_non_negative(double value) {
  return std::isfinite(value) && value >= 0.0;
}
bool valid_share(double value) {
  return std::isfinite(value) && value >= 0.0 && value <= 1.0;
}

Result<void> validate_demand(const Demand& demand) {
  const int interval = demand.interval_minutes;
  if (interval < 5 || interval > 60 || 60 % interval != 0) {
    return request_error("interval_minutes must divide an hour: 5, 10, 15, 20, 30 or 60", "interval_minutes");
  }
  const int max_intervals = kMaxHorizonWeeks * 7 * 24 * 60 / interval;
  if (demand.intervals < 1 || demand.intervals > max_intervals) {
    return request_error("intervals must be between 1 and " + std::to_string(max_intervals) + " (four weeks)",
                         "intervals");
  }
  if (demand.start < sla::kSupportedBegin || demand.interval_start(demand.intervals) > sla::kSupportedEnd) {
    return request_error("the plan must lie in 1970..2099", "start");
  }
  for (std::size_t channel_idx = 0; channel_idx < demand.channels.size(); ++channel_idx) {
    const ChannelDemand& channel = demand.channels[channel_idx];
    const std::string prefix = "channels[" + std::to_string(channel_idx) + "]";
    if (channel.channel.empty()) {
      return request_error(prefix + ".channel must not be empty", prefix + ".channel");
    }
    for (std::size_t other = 0; other < channel_idx; ++other) {
      if (demand.channels[other].channel == channel.channel) {
        return request_error("channel '" + channel.channel + "' appears twice in the demand",
                             prefix + ".channel");
      }
    }
    if (channel.contacts.size() != static_cast<std::size_t>(demand.intervals) ||
        channel.aht_seconds.size() != static_cast<std::size_t>(demand.intervals)) {
      return request_error(prefix + ": contacts and aht_seconds need one value per interval (" +
                               std::to_string(demand.intervals) + ")",
                           prefix + ".contacts");
    }
    for (int idx = 0; idx < demand.intervals; ++idx) {
      if (!finite_non_negative(channel.contacts[idx])) {
        return request_error(prefix + ".contacts[" + std::to_string(idx) + "] must be a finite number >= 0",
                             prefix + ".contacts");
      }
      if (!finite_non_negative(channel.aht_seconds[idx]) ||
          (channel.contacts[idx] > 0 && channel.aht_seconds[idx] <= 0)) {
        return request_error(prefix + ".aht_seconds[" + std::to_string(idx) +
                                 "] must be a finite number, above 0 where "
                                 "contacts are expected",
                             prefix + ".aht_seconds");
      }
    }
  }
  return {};
}

Result<void> validate_spec(const ChannelPlanSpec& spec, const std::string& prefix) {
  const PlanTargets& targets = spec.targets;
  if (!std::isfinite(targets.shrinkage) || targets.shrinkage < 0 || targets.shrinkage >= 1) {
    return request_error(prefix + ".shrinkage must be at least 0 and below 1", prefix + ".shrinkage");
  }
  if (!finite_non_negative(targets.hourly_cost)) {
    return request_error(prefix + ".hourly_cost must be a finite number >= 0", prefix + ".hourly_cost");
  }
  if (spec.min_agents_open < 0 || spec.min_agents_open > kMaxAgents) {
    return request_error(prefix + ".min_agents_open must be between 0 and " + std::to_string(kMaxAgents),
                         prefix + ".min_agents_open");
  }
  if (targets.max_occupancy && (!valid_share(*targets.max_occupancy))) {
    return request_error(prefix + ".max_occupancy must be between 0 and 1", prefix + ".max_occupancy");
  }
  if (spec.model == ChannelModel::Backlog) {
    if (!std::isfinite(spec.response_target_seconds) || spec.response_target_seconds <= 0) {
      return request_error(prefix + ".response_target_seconds must be a finite number > 0",
                           prefix + ".response_target_seconds");
    }
    if (targets.max_occupancy && *targets.max_occupancy <= 0) {
      return request_error(prefix + ".max_occupancy must be above 0 for backlog work",
                           prefix + ".max_occupancy");
    }
    return {};
  }
  if (spec.model == ChannelModel::Chat && (spec.chat_concurrency < 1 || spec.chat_concurrency > 20)) {
    return request_error(prefix + ".chat_concurrency must be between 1 and 20", prefix + ".chat_concurrency");
  }
  if (!targets.service_level && !targets.max_asa_seconds && !targets.max_abandon && !targets.max_occupancy) {
    return request_error(prefix +
                             ": set at least one target: service_level, max_asa_seconds, "
                             "max_abandon or max_occupancy",
                         prefix + ".service_level");
  }
  if (targets.service_level && !valid_share(*targets.service_level)) {
    return request_error(prefix + ".service_level must be between 0 and 1", prefix + ".service_level");
  }
  if (targets.max_abandon && !valid_share(*targets.max_abandon)) {
    return request_error(prefix + ".max_abandon must be between 0 and 1", prefix + ".max_abandon");
  }
  if (targets.max_abandon && !targets.patience_seconds) {
    return request_error(prefix + ".max_abandon needs patience_seconds (Erlang A)", prefix + ".max_abandon");
  }
  if (targets.max_asa_seconds && !finite_non_negative(*targets.max_asa_seconds)) {
    return request_error(prefix + ".max_asa_seconds must be a finite number >= 0",
                         prefix + ".max_asa_seconds");
  }
  if (!finite_non_negative(targets.target_seconds)) {
    return request_error(prefix + ".target_seconds must be a finite number >= 0", prefix + ".target_seconds");
  }
  if (targets.patience_seconds &&
      (!std::isfinite(*targets.patience_seconds) || *targets.patience_seconds <= 0)) {
    return request_error(prefix + ".patience_seconds must be a finite number > 0",
                         prefix + ".patience_seconds");
  }
  return {};
}

StaffingTargets staffing_targets(const PlanTargets& targets) {
  StaffingTargets result;
  result.target_seconds = targets.target_seconds;
  result.service_level = targets.service_level;
  result.max_asa_seconds = targets.max_asa_seconds;
  result.max_abandon = targets.max_abandon;
  result.max_occupancy = targets.max_occupancy;
  result.convention = targets.convention;
  return result;
}

// Agents and the figures they achieve in one interval.
struct Staffed {
  int agents = 0;
  double service_level = 1;
  double asa_seconds = 0;
  double abandon_rate = 0;
  double occupancy = 0;
};

Staffed from_metrics(int agents, const QueueMetrics& metrics, ServiceLevelConvention convention) {
  return Staffed{agents, metrics.service_level(convention), metrics.asa_seconds, metrics.p_abandon,
                 metrics.occupancy};
}

// Queue figures of `servers` servers (agents, or chat slots).
Result<QueueMetrics> queue_metrics(const PlanTargets& targets, double rate_per_hour, double aht_seconds,
                                   int servers) {
  if (targets.patience_seconds) {
    return erlang_a_metrics(rate_per_hour, aht_seconds, *targets.patience_seconds, servers,
                            targets.target_seconds);
  }
  return erlang_c_metrics(rate_per_hour, aht_seconds, servers, targets.target_seconds);
}

// Queue or chat staffing for `contacts` > 0 in an interval of `interval_hours`, raised to
// `min_agents` when that is more.
Result<Staffed> staff_queue(const ChannelPlanSpec& spec, double contacts, double aht_seconds,
                            double interval_hours, int min_agents) {
  const PlanTargets& targets = spec.targets;
  const StaffingTargets wanted = staffing_targets(targets);
  const double rate = contacts / interval_hours;
  const int concurrency = spec.model == ChannelModel::Chat ? spec.chat_concurrency : 1;
  int agents = 0;
  QueueMetrics metrics;
  if (spec.model == ChannelModel::Chat) {
    auto chat = required_agents_chat(rate, aht_seconds, concurrency, targets.patience_seconds, wanted);
    if (!chat.ok()) {
      return chat.error();
    }
    agents = chat->agents_required;
    metrics = chat->metrics;
  } else if (targets.patience_seconds) {
    auto staffed = required_agents_erlang_a(rate, aht_seconds, *targets.patience_seconds, wanted);
    if (!staffed.ok()) {
      return staffed.error();
    }
    agents = staffed->agents_required;
    metrics = staffed->metrics;
  } else {
    auto staffed = required_agents_erlang_c(rate, aht_seconds, wanted);
    if (!staffed.ok()) {
      return staffed.error();
    }
    agents = staffed->agents_required;
    metrics = staffed->metrics;
  }
  if (agents < min_agents) {
    agents = min_agents;
    auto raised = queue_metrics(targets, rate, aht_seconds, agents * concurrency);
    if (!raised.ok()) {
      return raised.error();
    }
    metrics = *raised;
  }
  return from_metrics(agents, metrics, targets.convention);
}

// Plans one channel into column `channel_idx` of `intervals` and returns its summary.
Result<ChannelPlanSummary> plan_channel(const Demand& demand, const ChannelDemand& channel,
                                        const ChannelPlanSpec& spec, const std::vector<bool>& open,
                                        std::size_t channel_idx, std::vector<IntervalPlan>& intervals) {
  const double interval_seconds = demand.interval_minutes * 60.0;
  const double interval_hours = interval_seconds / 3600.0;
  const PlanTargets& targets = spec.targets;
  ChannelPlanSummary summary;
  summary.channel = channel.channel;
  summary.model = spec.model;

  // Backlog spreading window, in open intervals.
  const int window = std::max(1, static_cast<int>(spec.response_target_seconds / interval_seconds));
  std::deque<std::pair<double, double>> recent;  // (contacts, handle seconds) of open intervals
  double recent_contacts = 0;
  double recent_work = 0;

  double pending_contacts = 0;  // carried from closed intervals
  double pending_work = 0;
  double weighted_service_level = 0;
  double weighted_abandon = 0;
  for (int idx = 0; idx < demand.intervals; ++idx) {
    ChannelIntervalPlan& cell = intervals[idx].channels[channel_idx];
    cell.open = open[idx];
    const double arriving = channel.contacts[idx];
    const double arriving_work = arriving > 0 ? arriving * channel.aht_seconds[idx] : 0.0;
    if (!cell.open) {
      pending_contacts += arriving;
      pending_work += arriving_work;
      continue;
    }
    cell.contacts = arriving + pending_contacts;
    const double work = arriving_work + pending_work;
    pending_contacts = 0;
    pending_work = 0;
    cell.aht_seconds = cell.contacts > 0 ? work / cell.contacts : 0.0;

    // Built only on failure: formatting per interval would dominate the cost of a plan.
    auto where = [&] {
      return "channel '" + channel.channel + "', interval " + std::to_string(idx) + " (" +
             format_rfc3339(demand.interval_start(idx)) + ")";
    };
    Staffed staffed;
    if (spec.model == ChannelModel::Backlog) {
      recent.emplace_back(cell.contacts, work);
      recent_contacts += cell.contacts;
      recent_work += work;
      if (static_cast<int>(recent.size()) > window) {
        recent_contacts -= recent.front().first;
        recent_work -= recent.front().second;
        recent.pop_front();
      }
      // Subtracting can leave rounding dust where the window holds only zeros.
      if (recent_contacts < 1e-12) {
        recent_contacts = 0;
        recent_work = 0;
      }
      staffed.agents = spec.min_agents_open;
      if (recent_contacts > 0) {
        const double rate = recent_contacts / window / interval_hours;
        const double aht = recent_work / recent_contacts;
        auto agents = required_agents_backlog(
            BacklogWork{rate, aht, spec.response_target_seconds, 0, targets.max_occupancy.value_or(1.0)});
        if (!agents.ok()) {
          return in_context(agents.error(), where());
        }
        staffed.agents = std::max(*agents, spec.min_agents_open);
        staffed.occupancy = staffed.agents > 0 ? rate * aht / 3600.0 / staffed.agents : 0.0;
      }
      if (cell.contacts > 0) {
        staffed.asa_seconds = (window - 1) * interval_seconds / 2.0;
      }
    } else if (cell.contacts > 0) {
      auto result = staff_queue(spec, cell.contacts, cell.aht_seconds, interval_hours, spec.min_agents_open);
      if (!result.ok()) {
        return in_context(result.error(), where());
      }
      staffed = *result;
    } else {
      staffed.agents = spec.min_agents_open;
    }

    cell.agents_required = staffed.agents;
    cell.service_level = staffed.service_level;
    cell.asa_seconds = staffed.asa_seconds;
    cell.abandon_rate = staffed.abandon_rate;
    cell.occupancy = staffed.occupancy;
    cell.paid_agents = staffed.agents / (1.0 - targets.shrinkage);
    auto scheduled = scheduled_agents(staffed.agents, targets.shrinkage);
    if (!scheduled.ok()) {
      return in_context(scheduled.error(), where());
    }
    cell.scheduled_agents = *scheduled;
    cell.cost = cell.paid_agents * interval_hours * targets.hourly_cost;

    summary.contacts += cell.contacts;
    summary.required_agent_hours += staffed.agents * interval_hours;
    summary.paid_agent_hours += cell.paid_agents * interval_hours;
    summary.cost += cell.cost;
    summary.peak_agents_required = std::max(summary.peak_agents_required, staffed.agents);
    weighted_service_level += cell.contacts * cell.service_level;
    weighted_abandon += cell.contacts * cell.abandon_rate;
  }
  summary.carried_past_horizon = pending_contacts;
  if (summary.contacts > 0) {
    summary.cost_per_contact = summary.cost / summary.contacts;
    summary.service_level = weighted_service_level / summary.contacts;
    summary.abandon_rate = weighted_abandon / summary.contacts;
  }
  return summary;
}

Result<StaffingPlan> plan_with_open(const Demand& demand, std::span<const ChannelPlanSpec> specs,
                                    const std::vector<bool>& open) {
  std::vector<const ChannelPlanSpec*> matched(demand.channels.size(), nullptr);
  for (std::size_t spec_idx = 0; spec_idx < specs.size(); ++spec_idx) {
    const ChannelPlanSpec& spec = specs[spec_idx];
    const std::string prefix = "specs[" + std::to_string(spec_idx) + "]";
    SP_TRY(validate_spec(spec, prefix));
    for (std::size_t channel_idx = 0; channel_idx < demand.channels.size(); ++channel_idx) {
      if (demand.channels[channel_idx].channel != spec.channel) {
        continue;
      }
      if (matched[channel_idx] != nullptr) {
        return request_error("two specs for channel '" + spec.channel + "'", prefix + ".channel");
      }
      matched[channel_idx] = &spec;
    }
  }
  for (std::size_t channel_idx = 0; channel_idx < demand.channels.size(); ++channel_idx) {
    if (matched[channel_idx] == nullptr) {
      return request_error("no spec for channel '" + demand.channels[channel_idx].channel + "'", "specs");
    }
  }

  StaffingPlan plan;
  plan.start = demand.start;
  plan.interval_minutes = demand.interval_minutes;
  plan.intervals.resize(demand.intervals);
  for (int idx = 0; idx < demand.intervals; ++idx) {
    plan.intervals[idx].start = demand.interval_start(idx);
    plan.intervals[idx].channels.resize(demand.channels.size());
  }
  for (std::size_t channel_idx = 0; channel_idx < demand.channels.size(); ++channel_idx) {
    auto summary = plan_channel(demand, demand.channels[channel_idx], *matched[channel_idx], open,
                                channel_idx, plan.intervals);
    if (!summary.ok()) {
      return summary.error();
    }
    plan.total_contacts += summary->contacts;
    plan.required_agent_hours += summary->required_agent_hours;
    plan.total_agent_hours += summary->paid_agent_hours;
    plan.total_cost += summary->cost;
    plan.channels.push_back(std::move(*summary));
  }
  for (IntervalPlan& interval : plan.intervals) {
    for (const ChannelIntervalPlan& cell : interval.channels) {
      interval.contacts += cell.contacts;
      interval.agents_required += cell.agents_required;
      interval.scheduled_agents += cell.scheduled_agents;
      interval.paid_agents += cell.paid_agents;
      interval.cost += cell.cost;
    }
  }
  if (plan.total_contacts > 0) {
    plan.cost_per_contact = plan.total_cost / plan.total_contacts;
  }
  return plan;
}

}  // namespace

std::string_view to_string(ChannelModel model) {
  switch (model) {
    case ChannelModel::Queue:
      return "queue";
    case ChannelModel::Chat:
      return "chat";
    case ChannelModel::Backlog:
      return "backlog";
  }
  return "queue";
}

Demand demand_from_forecast(const Forecast& forecast) {
  Demand demand;
  demand.start = forecast.start;
  demand.interval_minutes = forecast.interval_minutes;
  demand.intervals = forecast.intervals;
  for (const ChannelForecast& channel : forecast.channels) {
    demand.channels.push_back(ChannelDemand{channel.channel, channel.contacts, channel.aht_seconds});
  }
  return demand;
}

Result<StaffingPlan> plan_staffing(const Demand& demand, std::span<const ChannelPlanSpec> specs) {
  SP_TRY(validate_demand(demand));
  return plan_with_open(demand, specs, std::vector<bool>(demand.intervals, true));
}

Result<StaffingPlan> plan_staffing(const Demand& demand, std::span<const ChannelPlanSpec> specs,
                                   const sla::BusinessCalendar& opening_hours) {
  SP_TRY(validate_demand(demand));
  std::vector<bool> open(demand.intervals);
  for (int idx = 0; idx < demand.intervals; ++idx) {
    auto seconds =
        sla::business_seconds(opening_hours, demand.interval_start(idx), demand.interval_start(idx + 1));
    if (!seconds.ok()) {
      return seconds.error();
    }
    open[idx] = *seconds > 0;
  }
  return plan_with_open(demand, specs, open);
}

}  // namespace sp::workforce

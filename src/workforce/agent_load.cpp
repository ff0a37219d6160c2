#include "workforce/agent_load.hpp"

#include <date/tz.h>

#include <algorithm>
#include <set>

#include "sla/business_time.hpp"

namespace sp::workforce {

namespace {

std::string local_day(const date::time_zone& zone, Timestamp at) {
  auto local = zone.to_local(at);
  return date::format("%F", date::floor<date::days>(local));
}

double credited_seconds(const AgentAction& action, const AgentLoadOptions& options) {
  switch (action.kind) {
    case AgentActionKind::Reply: {
      auto found = options.aht_seconds.find(action.channel);
      return found == options.aht_seconds.end() ? 300.0 : found->second;
    }
    case AgentActionKind::Call:
      return std::max(0.0, action.talk_seconds.value_or(0.0));
    case AgentActionKind::Note:
      return options.note_seconds;
    case AgentActionKind::Change:
      return options.change_seconds;
  }
  return 0;
}

AgentDayLoad one_day(const std::vector<const AgentAction*>& actions, const AgentLoadOptions& options) {
  AgentDayLoad day;
  std::set<std::int64_t> handled, abusive;
  double contracted = options.contracted_hours_per_day * 3600.0;
  double break_gap = options.break_minutes * 60.0;
  auto first = actions.front()->at;
  Timestamp busy_until = first;
  double stretch = 0;  // work-time span since the last break
  for (const auto* action : actions) {
    switch (action->kind) {
      case AgentActionKind::Reply:
        ++day.replies;
        break;
      case AgentActionKind::Note:
        ++day.notes;
        break;
      case AgentActionKind::Change:
        ++day.changes;
        break;
      case AgentActionKind::Call:
        ++day.calls;
        break;
    }
    if (action->kind == AgentActionKind::Reply || action->kind == AgentActionKind::Call) {
      handled.insert(action->ticket_id);
      if (action->abusive) abusive.insert(action->ticket_id);
    }
    double gap = std::chrono::duration<double>(action->at - busy_until).count();
    if (gap >= break_gap) {
      ++day.breaks;
      day.break_seconds += gap;
      stretch = 0;
    } else if (gap > 0) {
      stretch += gap;
    }
    double work = credited_seconds(*action, options);
    day.work_seconds += work;
    auto end = action->at + std::chrono::milliseconds(static_cast<std::int64_t>(work * 1000));
    if (end > busy_until) {
      stretch += std::chrono::duration<double>(end - std::max(busy_until, action->at)).count();
      busy_until = end;
    }
    if (stretch > 6 * 3600.0) day.long_day_without_break = true;
    if (options.opening_hours != nullptr && !sla::is_open(*options.opening_hours, action->at)) {
      ++day.out_of_hours_actions;
    }
  }
  day.active_span_seconds = std::chrono::duration<double>(busy_until - first).count();
  double available = std::max(day.active_span_seconds, contracted);
  day.occupancy = available > 0 ? std::min(1.0, day.work_seconds / available) : 0;
  day.overtime_seconds = std::max(0.0, day.active_span_seconds - contracted);
  day.tickets_handled = static_cast<int>(handled.size());
  day.abusive_tickets = static_cast<int>(abusive.size());
  day.abusive_share = handled.empty() ? 0 : static_cast<double>(abusive.size()) / handled.size();
  return day;
}

}  // namespace

Result<AgentLoadReport> compute_agent_load(std::vector<AgentAction> actions, const date::time_zone& zone,
                                           const AgentLoadOptions& options) {
  if (!(options.contracted_hours_per_day > 0 && options.contracted_hours_per_day <= 24)) {
    return invalid_input("contracted_hours_per_day must be in (0, 24]", "contracted_hours_per_day");
  }
  if (!(options.break_minutes > 0 && options.break_minutes <= 240)) {
    return invalid_input("break_minutes must be in (0, 240]", "break_minutes");
  }
  for (const auto& [channel, seconds] : options.aht_seconds) {
    if (!(seconds >= 0 && seconds <= 86400)) {
      return invalid_input("aht_seconds." + channel + " must be in [0, 86400]", "aht_seconds." + channel);
    }
  }
  std::sort(actions.begin(), actions.end(), [](const AgentAction& a, const AgentAction& b) {
    return a.agent_id != b.agent_id ? a.agent_id < b.agent_id : a.at < b.at;
  });
  AgentLoadReport report;
  std::size_t idx = 0;
  while (idx < actions.size()) {
    auto agent = actions[idx].agent_id;
    AgentLoadSummary summary;
    summary.agent_id = agent;
    std::set<std::int64_t> handled, abusive;
    double occupancy_sum = 0;
    while (idx < actions.size() && actions[idx].agent_id == agent) {
      auto day = local_day(zone, actions[idx].at);
      std::vector<const AgentAction*> same_day;
      while (idx < actions.size() && actions[idx].agent_id == agent &&
             local_day(zone, actions[idx].at) == day) {
        const auto& action = actions[idx];
        same_day.push_back(&action);
        if (action.kind == AgentActionKind::Reply || action.kind == AgentActionKind::Call) {
          handled.insert(action.ticket_id);
          if (action.abusive) abusive.insert(action.ticket_id);
        }
        ++idx;
      }
      auto load = one_day(same_day, options);
      load.agent_id = agent;
      load.day = day;
      ++summary.days_worked;
      summary.work_hours += load.work_seconds / 3600.0;
      occupancy_sum += load.occupancy;
      summary.overtime_hours += load.overtime_seconds / 3600.0;
      if (load.long_day_without_break) ++summary.days_without_break;
      summary.out_of_hours_actions += load.out_of_hours_actions;
      report.days.push_back(std::move(load));
    }
    summary.mean_occupancy = summary.days_worked > 0 ? occupancy_sum / summary.days_worked : 0;
    summary.tickets_handled = static_cast<int>(handled.size());
    summary.abusive_share = handled.empty() ? 0 : static_cast<double>(abusive.size()) / handled.size();
    report.agents.push_back(summary);
  }
  return report;
}

std::map<std::string, std::string> agent_load_definitions() {
  return {
      {"work",
       "each reply credited the channel's handle time (aht_seconds, default 300 s), a call "
       "its talk time, a note 60 s, any other change 30 s"},
      {"active_span", "first action of the local day to the end of the work credited to the last"},
      {"occupancy", "work / max(active span, contracted hours per day)"},
      {"overtime", "active span beyond the contracted hours of the day"},
      {"break",
       "a gap of at least break_minutes without work; a stretch over 6 hours without one "
       "flags the day (long_day_without_break)"},
      {"out_of_hours", "actions while the tenant's business calendar is closed"},
      {"abusive_share", "tickets handled (replied or called) tagged 'abusive' / tickets handled"},
  };
}

}  // namespace sp::workforce

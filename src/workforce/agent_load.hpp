// Agent load and well-being from what agents did (capability 10: treat staff fairly): per
// agent and local day, the work done, occupancy, overtime, breaks, out-of-hours work and the
// share of handled tickets that were flagged abusive. These feed fair assignment.
//
// Definitions (also returned with every answer, so a number means one thing):
// - work: each reply is credited the channel's handle time (AHT input, default 300 s), a
//   logged call its talk time, a note 60 s, another change (status, priority, assignee) 30 s.
// - active span: from the first action of the local day to the end of the work credited
//   to the last one.
// - occupancy: work / max(active span, contracted hours) — idle time within a shift counts
//   as available, so occupancy is not inflated by short days.
// - overtime: active span beyond the contracted hours of a day.
// - break: a gap of at least break_minutes between the end of one action's work and the next
//   action; a day longer than 6 hours without one is flagged (EU working-time practice).
// - out of hours: actions while the tenant's business calendar is closed (when given).
// - abusive share: handled tickets (replied to or called) tagged abusive / handled tickets.
// Pure: no clock, no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "sla/business_calendar.hpp"

namespace date {
class time_zone;
}

namespace sp::workforce {

enum class AgentActionKind { Reply, Note, Change, Call };

struct AgentAction {
  std::int64_t agent_id = 0;
  Timestamp at;
  AgentActionKind kind = AgentActionKind::Reply;
  std::string channel;  // the ticket's channel ("email", "phone", ...)
  std::int64_t ticket_id = 0;
  bool abusive = false;                // the ticket is tagged abusive
  std::optional<double> talk_seconds;  // calls: the talk time recorded
};

struct AgentLoadOptions {
  std::map<std::string, double> aht_seconds;  // per channel; 300 s when absent
  double note_seconds = 60;
  double change_seconds = 30;
  double contracted_hours_per_day = 8;
  double break_minutes = 15;
  const sla::BusinessCalendar* opening_hours = nullptr;  // optional
};

struct AgentDayLoad {
  std::int64_t agent_id = 0;
  std::string day;  // local date, YYYY-MM-DD
  int replies = 0, notes = 0, changes = 0, calls = 0;
  int tickets_handled = 0;
  int abusive_tickets = 0;
  double abusive_share = 0;
  double work_seconds = 0;
  double active_span_seconds = 0;
  double occupancy = 0;
  double overtime_seconds = 0;
  int breaks = 0;
  double break_seconds = 0;
  bool long_day_without_break = false;
  int out_of_hours_actions = 0;
};

struct AgentLoadSummary {
  std::int64_t agent_id = 0;
  int days_worked = 0;
  double work_hours = 0;
  double mean_occupancy = 0;
  double overtime_hours = 0;
  int days_without_break = 0;
  int out_of_hours_actions = 0;
  int tickets_handled = 0;
  double abusive_share = 0;
};

struct AgentLoadReport {
  std::vector<AgentDayLoad> days;        // by agent, then day
  std::vector<AgentLoadSummary> agents;  // by agent
};

// Fails with InvalidInput for negative or absurd options (field named).
Result<AgentLoadReport> compute_agent_load(std::vector<AgentAction> actions, const date::time_zone& zone,
                                           const AgentLoadOptions& options);

// The definitions above as key -> sentence, for API answers.
std::map<std::string, std::string> agent_load_definitions();

}  // namespace sp::workforce

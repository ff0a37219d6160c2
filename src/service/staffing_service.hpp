// Capacity planning on the tenant's own history: forecast contacts per interval and
// channel from the tickets in storage, then plan the staff each interval needs to keep the
// promised service level, with its cost. Pure maths lives in workforce/; this layer reads
// the arrivals (tenant-scoped) and the tenant's time zone.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "service/helpdesk.hpp"
#include "storage/sla_store.hpp"
#include "workforce/agent_load.hpp"
#include "workforce/forecast.hpp"
#include "workforce/plan.hpp"

namespace sp::service {

struct HistoryPlanRequest {
  std::optional<TenantId> tenant;  // platform administrators name one
  int interval_minutes = 30;
  int history_weeks = 8;    // 1..104, ending at horizon_start
  Timestamp horizon_start;  // must begin a local interval of the tenant's zone
  int horizon_intervals = 0;
  // The channels to plan, with their targets; their names are ticket channels ("phone").
  std::vector<workforce::ChannelPlanSpec> channels;
  std::map<std::string, double> aht_seconds;  // per channel; 300 s when not given
};

struct HistoryPlan {
  workforce::Forecast forecast;
  workforce::StaffingPlan plan;
};

struct AgentLoadRequest {
  std::optional<TenantId> tenant;           // platform administrators name one
  Timestamp from, to;                       // at most 93 days
  std::optional<std::int64_t> calendar_id;  // opening hours for out-of-hours work
  workforce::AgentLoadOptions options;
};

class StaffingService {
 public:
  explicit StaffingService(storage::Store& store, storage::SlaStore* calendars = nullptr)
      : store_(store), calendars_(calendars) {}
  // Agent load and well-being figures per agent and local day (supervisors and admins; an
  // agent sees only their own).
  Result<workforce::AgentLoadReport> agent_load(const Principal& p, AgentLoadRequest request);
  // Fails with InvalidInput for bad parameters (field named), insufficient-history when the
  // window holds too little, Forbidden for roles that may not plan (agents, QA reviewers).
  Result<HistoryPlan> plan_from_history(const Principal& p, HistoryPlanRequest request);

 private:
  storage::Store& store_;
  storage::SlaStore* calendars_;
};

}  // namespace sp::service

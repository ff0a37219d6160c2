// What a tenant's charter configures for its reports: which SLA breaches are major and what a
// contact costs. One source for the API, the charter page, the scheduled reports and the KPI
// aggregates, so they cannot classify a breach differently.
#pragma once

#include <functional>
#include <optional>

#include "reporting/kpi.hpp"
#include "storage/settings_store.hpp"

namespace sp::service {

struct TenantReportRules {
  reporting::BreachRules breach_rules;
  std::optional<reporting::CostModel> cost;
};
using TenantRulesFor = std::function<TenantReportRules(domain::TenantId)>;

// Reads the tenant's stored charter on every call (a changed charter applies at once); the
// defaults when it has none or it is unreadable.
TenantRulesFor charter_report_rules(storage::SettingsStore& store);

}  // namespace sp::service

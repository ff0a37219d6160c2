#include "service/report_rules.hpp"

#include <nlohmann/json.hpp>

#include "charter/charter_json.hpp"

namespace sp::service {

TenantRulesFor charter_report_rules(storage::SettingsStore& store) {
  return [&store](domain::TenantId tenant) {
    TenantReportRules rules;
    auto stored = store.get_setting(charter::charter_setting_key(tenant));
    if (stored && *stored) {
      auto parsed = charter::charter_from_json(nlohmann::json::parse(**stored, nullptr, false));
      if (parsed) {
        rules.breach_rules = charter::to_reporting_rules(*parsed);
        rules.cost = charter::to_cost_model(*parsed);
      }
    }
    return rules;
  };
}

}  // namespace sp::service

// KPI reports over the tenant's tickets: loads the tickets a period needs with their
// histories and SLA states, and lets reporting/ compute every figure with its definition.
// Bounded: at most kMaxReportTickets tickets per report (larger windows need the indexed
// aggregates planned for reporting; the error says so).
#pragma once

#include "reporting/kpi.hpp"
#include "service/helpdesk.hpp"
#include "service/sla_service.hpp"
#include "storage/survey_store.hpp"

namespace sp::service {

inline constexpr int kMaxReportTickets = 50'000;

struct KpiRequest {
  std::optional<TenantId> tenant;  // platform administrators name one
  reporting::Dimension dimension = reporting::Dimension::All;
  reporting::Period period = reporting::Period::Month;
  Timestamp from;
  Timestamp to;
  bool business_time = true;  // use the tenant's default SLA calendar when it has one
  reporting::BreachRules breach_rules;  // minor/major classes (from the tenant's charter)
};

class ReportService {
 public:
  // With `surveys`, survey answers feed CSAT, not-helped share, NPS and customer effort.
  ReportService(storage::Store& store, storage::SlaStore& sla_store, SlaService& sla,
                storage::SurveyStore* surveys = nullptr)
      : store_(store), sla_store_(sla_store), sla_(sla), surveys_(surveys) {}
  Result<reporting::KpiReport> kpis(const Principal& p, const KpiRequest& request);
  // The same without a principal, for figures the tenant publishes (the charter page).
  Result<reporting::KpiReport> tenant_kpis(const Tenant& tenant, const KpiRequest& request);

 private:
  storage::Store& store_;
  storage::SlaStore& sla_store_;
  SlaService& sla_;
  storage::SurveyStore* surveys_;
};

}  // namespace sp::service

// KPI reports over the tenant's tickets, from one of two sources with the same definitions:
//  - exact: loads the tickets a period needs with their histories and SLA states, and lets
//    reporting/ compute every figure as of the report end; at most kMaxReportTickets tickets.
//  - aggregates: merges the daily rollups KpiAggregator keeps (reporting/rollup.hpp), about 31
//    rows per group for a month however many tickets it holds; whole local days only.
// Auto picks exact up to kMaxReportTickets tickets created in the window, else aggregates.
// The phone service level counts calls answered within the tenant's threshold (setting
// "tenant.<id>.service_level_seconds", default reporting::kDefaultServiceLevelSeconds), read on
// every report; the aggregates keep exact waits, so a new threshold applies to past days too.
#pragma once

#include <functional>

#include "reporting/kpi.hpp"
#include "service/helpdesk.hpp"
#include "service/kpi_aggregator.hpp"
#include "service/report_rules.hpp"
#include "service/sla_service.hpp"
#include "storage/commitment_store.hpp"
#include "storage/survey_store.hpp"

namespace sp::service {

inline constexpr int kMaxReportTickets = 50'000;
// Commitment tallies one report reads at most (a tally is an agent's quarter hour).
inline constexpr int kMaxReportCommitmentTallies = 200'000;

enum class KpiSource { Auto, Exact, Aggregates };

// "auto", "exact", "aggregates"; InvalidInput (field "source") otherwise.
Result<KpiSource> parse_kpi_source(std::string_view name);

struct KpiRequest {
  std::optional<TenantId> tenant;  // platform administrators name one
  reporting::Dimension dimension = reporting::Dimension::All;
  reporting::Period period = reporting::Period::Month;
  Timestamp from;
  Timestamp to;
  bool business_time = true;            // use the tenant's default SLA calendar when it has one
  reporting::BreachRules breach_rules;  // minor/major classes (from the tenant's charter)
  KpiSource source = KpiSource::Auto;
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

  // The tenant's service-level threshold in seconds (anyone of the tenant may read it;
  // supervisors and admins set it, 1..reporting::kMaxServiceLevelSeconds, else InvalidInput
  // with field "service_level_seconds").
  Result<int> service_level_seconds(const Principal& p, std::optional<TenantId> tenant);
  Result<int> set_service_level_seconds(const Principal& p, std::optional<TenantId> tenant,
                                        std::int64_t seconds);

  // When set, every report of a tenant uses the breach classes and cost model its charter
  // configures (so the API, the charter page, the scheduled reports and the aggregates agree).
  void set_tenant_rules(TenantRulesFor rules_for) { rules_for_ = std::move(rules_for); }

  // With `commitments`, every report carries commitments_kept (reporting/commitments.hpp).
  void set_commitments(storage::CommitmentStore* commitments) { commitments_ = commitments; }

  // Enables the aggregates source (without it, only exact reports are made).
  void set_aggregates(storage::KpiStore* kpis, KpiAggregator* aggregator) {
    kpis_ = kpis;
    aggregator_ = aggregator;
  }

 private:
  storage::Store& store_;
  storage::SlaStore& sla_store_;
  SlaService& sla_;
  storage::SurveyStore* surveys_;
  storage::KpiStore* kpis_ = nullptr;
  storage::CommitmentStore* commitments_ = nullptr;
  TenantRulesFor rules_for_;
  KpiAggregator* aggregator_ = nullptr;

  Result<int> service_level_seconds(TenantId tenant);
  Result<reporting::KpiReport> exact_kpis(const Tenant& tenant, const reporting::KpiQuery& query);
  Result<reporting::KpiReport> aggregated_kpis(const Tenant& tenant, reporting::KpiQuery query);
  Result<reporting::KpiReport> with_commitments(const Tenant& tenant, Result<reporting::KpiReport> report);
};

}  // namespace sp::service

// Keeps the KPI aggregates (issue 8) up to date: every ticket change marks the ticket, and
// flush() measures the marked tickets (reporting::contribution_of over their history, SLA state
// and survey answer, as of now) and stores the contributions in batches, one transaction each.
// Marking is cheap and never blocks on storage, so requests do not pay for the aggregates; a
// job flushes every half second and reports flush first, so they read their own writes.
// backfill() measures tickets that have no contribution yet (after an upgrade or an import).
// Thread-safe.
#pragma once

#include <functional>
#include <mutex>
#include <set>
#include <unordered_map>

#include "service/helpdesk.hpp"
#include "service/kpi_rollups.hpp"
#include "service/report_rules.hpp"
#include "service/sla_service.hpp"
#include "storage/kpi_store.hpp"
#include "storage/survey_store.hpp"

namespace sp::service {

class KpiAggregator final : public TicketObserver {
 public:
  KpiAggregator(storage::Store& store, storage::KpiStore& kpis, storage::SlaStore& sla_store, SlaService& sla,
                storage::SurveyStore* surveys, const Clock& clock, TenantRulesFor rules_for = {})
      : store_(store),
        kpis_(kpis),
        sla_store_(sla_store),
        sla_(sla),
        surveys_(surveys),
        clock_(clock),
        rules_for_(std::move(rules_for)) {}

  void ticket_changed(const Ticket& ticket, TicketChangeKind) override { mark(ticket.tenant_id, ticket.id); }
  void mark(TenantId tenant, TicketId ticket);
  std::size_t pending() const;

  // Measures and stores every marked ticket; returns how many were measured. On a storage
  // error the unstored tickets stay marked for the next flush.
  Result<int> flush();
  // Measures up to `limit` tickets without a contribution; returns how many (0: none left).
  Result<int> backfill(int limit);

 private:
  struct TenantContext {
    reporting::DayClock days;
    std::optional<sla::BusinessCalendar> calendar;
    reporting::BreachRules rules;
  };
  Result<TenantContext> context_of(TenantId tenant);
  Result<int> measure(TenantId tenant, const std::vector<TicketId>& tickets);

  storage::Store& store_;
  storage::KpiStore& kpis_;
  storage::SlaStore& sla_store_;
  SlaService& sla_;
  storage::SurveyStore* surveys_;
  const Clock& clock_;
  TenantRulesFor rules_for_;  // breach classes per tenant; defaults when empty

  mutable std::mutex pending_mutex_;
  std::unordered_map<std::int64_t, std::set<std::int64_t>> pending_;  // tenant -> tickets
  std::mutex flush_mutex_;                                            // one measuring pass at a time
  TicketId backfill_after_{0};
};

}  // namespace sp::service

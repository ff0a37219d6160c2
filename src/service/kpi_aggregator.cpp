#include "service/kpi_aggregator.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "sla/calendar_json.hpp"

namespace sp::service {

namespace {
constexpr std::size_t kTicketsPerTransaction = 64;
}

void KpiAggregator::mark(TenantId tenant, TicketId ticket) {
  std::lock_guard lock(pending_mutex_);
  pending_[tenant.value].insert(ticket.value);
}

std::size_t KpiAggregator::pending() const {
  std::lock_guard lock(pending_mutex_);
  std::size_t n = 0;
  for (const auto& [tenant, tickets] : pending_) n += tickets.size();
  return n;
}

Result<KpiAggregator::TenantContext> KpiAggregator::context_of(TenantId tenant) {
  auto scope = storage::Scope::of(tenant);
  auto row = store_.get_tenant(scope, tenant);
  if (!row) return row.error();
  auto days = reporting::DayClock::create(row->timezone);
  if (!days) return days.error();
  TenantContext context{*days, std::nullopt,
                        rules_for_ ? rules_for_(tenant).breach_rules : reporting::BreachRules{}};
  // The same calendar the exact report uses: the tenant's first (default) calendar.
  auto calendars = sla_store_.list_calendars(scope);
  if (!calendars) return calendars.error();
  if (!calendars->empty()) {
    auto parsed =
        sla::parse_calendar_json(nlohmann::json::parse(calendars->front().definition_json, nullptr, false));
    if (parsed) context.calendar = *parsed;
  }
  return context;
}

Result<int> KpiAggregator::measure(TenantId tenant, const std::vector<TicketId>& tickets) {
  auto context = context_of(tenant);
  if (!context) return context.error();
  const auto scope = storage::Scope::of(tenant);
  const Timestamp now = clock_.now();
  // Events recorded at this very millisecond count too (as_of is exclusive).
  const Timestamp as_of = now + std::chrono::milliseconds(1);
  const sla::BusinessCalendar* calendar = context->calendar ? &*context->calendar : nullptr;
  std::vector<TicketContributionUpdate> batch;
  int measured = 0;
  auto store_batch = [&]() -> Result<void> {
    if (batch.empty()) return {};
    auto put = KpiRollups(kpis_).put_contributions(scope, batch, now);
    if (!put) return put.error();
    measured += static_cast<int>(batch.size());
    batch.clear();
    return {};
  };
  for (TicketId id : tickets) {
    auto history = store_.ticket_history(scope, id);
    if (!history) {
      if (history.error().code == ErrorCode::NotFound) continue;  // gone: nothing to measure
      return history.error();
    }
    reporting::TicketFacts facts;
    auto state = sla_.evaluate(history->ticket, history->events, now);
    if (state && state->state) facts.sla = std::move(*state->state);
    // Surveys exist only for tickets that were solved or closed at some time: skip the read
    // for the others (most changes are to open tickets).
    const bool ever_resolved =
        std::any_of(history->events.begin(), history->events.end(), [](const TicketEvent& e) {
          return e.type == domain::EventType::StatusChanged && (e.to == "solved" || e.to == "closed");
        });
    if (surveys_ != nullptr && ever_resolved) {
      auto survey = surveys_->get_survey(scope, id);
      if (!survey) return survey.error();
      if (*survey && (*survey)->answer) {
        const auto& answer = *(*survey)->answer;
        facts.csat_grade = answer.grade;
        facts.helped = answer.helped;
        facts.nps_score = answer.nps;
        facts.effort_score = answer.effort;
      }
    }
    facts.ticket = std::move(history->ticket);
    facts.events = std::move(history->events);
    auto contribution = reporting::contribution_of(facts, as_of, context->days, calendar, context->rules);
    if (!contribution) {
      spdlog::warn("ticket {}: not measured for the KPI aggregates: {}", id.value,
                   contribution.error().message);
      continue;
    }
    batch.push_back({id, std::move(*contribution)});
    // Small transactions: the single writer also serves requests, and a long one would
    // show in their latency.
    if (batch.size() == kTicketsPerTransaction) SP_TRY(store_batch());
  }
  SP_TRY(store_batch());
  return measured;
}

Result<int> KpiAggregator::flush() {
  std::lock_guard flushing(flush_mutex_);
  std::unordered_map<std::int64_t, std::set<std::int64_t>> work;
  {
    std::lock_guard lock(pending_mutex_);
    work.swap(pending_);
  }
  int measured = 0;
  for (auto it = work.begin(); it != work.end(); ++it) {
    std::vector<TicketId> tickets;
    tickets.reserve(it->second.size());
    for (auto id : it->second) tickets.push_back(TicketId{id});
    auto done = measure(TenantId{it->first}, tickets);
    if (!done) {
      // Keep what was not stored for the next flush (re-measuring is harmless).
      std::lock_guard lock(pending_mutex_);
      for (auto rest = it; rest != work.end(); ++rest) {
        pending_[rest->first].insert(rest->second.begin(), rest->second.end());
      }
      return done.error();
    }
    measured += *done;
  }
  return measured;
}

Result<int> KpiAggregator::backfill(int limit) {
  std::lock_guard flushing(flush_mutex_);
  auto missing = kpis_.tickets_without_contribution(storage::Scope::platform(), backfill_after_, limit);
  if (!missing) return missing.error();
  if (missing->empty()) return 0;
  std::unordered_map<std::int64_t, std::vector<TicketId>> by_tenant;
  for (const auto& [tenant, ticket] : *missing) by_tenant[tenant.value].push_back(ticket);
  int measured = 0;
  for (const auto& [tenant, tickets] : by_tenant) {
    auto done = measure(TenantId{tenant}, tickets);
    if (!done) return done.error();
    measured += *done;
  }
  backfill_after_ = missing->back().second;
  return std::max(measured, 1);  // a ticket that could not be measured still moves the cursor
}

}  // namespace sp::service

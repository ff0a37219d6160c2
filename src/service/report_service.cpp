#include "service/report_service.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "sla/calendar_json.hpp"

namespace sp::service {

Result<reporting::KpiReport> ReportService::kpis(const Principal& p, const KpiRequest& request) {
  // Reports show agents' figures: supervisors, admins and QA reviewers read them.
  if (p.agent.role == Role::Agent) return forbidden("the role agent may not read reports");
  auto resolved = resolve_tenant(store_, p, request.tenant);
  if (!resolved) return resolved.error();
  TenantId tenant = *resolved;
  auto tenant_row = store_.get_tenant(p.scope, tenant);
  if (!tenant_row) return invalid_input(tenant_row.error().message, "tenant_id");
  return tenant_kpis(*tenant_row, request);
}

Result<reporting::KpiReport> ReportService::tenant_kpis(const Tenant& tenant_row_value,
                                                        const KpiRequest& request) {
  const Tenant* tenant_row = &tenant_row_value;
  TenantId tenant = tenant_row->id;
  if (request.to <= request.from) return invalid_input("to must be after from", "to");
  auto scope = storage::Scope::of(tenant);
  auto tickets = store_.tickets_for_report(scope, request.from, request.to, kMaxReportTickets + 1);
  if (!tickets) return tickets.error();
  if (static_cast<int>(tickets->size()) > kMaxReportTickets) {
    return invalid_input("the window holds more than 50,000 tickets; choose a shorter period", "from");
  }
  reporting::KpiQuery query;
  query.dimension = request.dimension;
  query.period = request.period;
  query.from = request.from;
  query.to = request.to;
  query.time_zone = tenant_row->timezone;
  query.breach_rules = request.breach_rules;
  if (request.business_time) {
    auto calendars = sla_store_.list_calendars(scope);
    if (!calendars) return calendars.error();
    if (!calendars->empty()) {
      auto parsed = sla::parse_calendar_json(
          nlohmann::json::parse(calendars->front().definition_json, nullptr, false));
      if (parsed) query.calendar = *parsed;
    }
  }
  // Survey answers of the tickets created in the window (answered before its end).
  std::unordered_map<std::int64_t, storage::SurveyAnswer> answers;
  if (surveys_ != nullptr) {
    auto found = surveys_->answers_for_report(scope, request.from, request.to);
    if (!found) return found.error();
    for (auto& [ticket, answer] : *found) answers.emplace(ticket.value, std::move(answer));
  }
  std::vector<reporting::TicketFacts> facts;
  facts.reserve(tickets->size());
  for (auto& ticket : *tickets) {
    auto events = store_.list_events(scope, ticket.id);
    if (!events) return events.error();
    reporting::TicketFacts fact;
    auto state = sla_.evaluate(ticket, request.to);
    if (state && state->state) fact.sla = std::move(*state->state);
    if (auto answer = answers.find(ticket.id.value); answer != answers.end()) {
      fact.csat_grade = answer->second.grade;
      fact.helped = answer->second.helped;
      fact.nps_score = answer->second.nps;
      fact.effort_score = answer->second.effort;
    }
    fact.ticket = std::move(ticket);
    fact.events = std::move(*events);
    facts.push_back(std::move(fact));
  }
  return reporting::compute_kpis(facts, query);
}

}  // namespace sp::service

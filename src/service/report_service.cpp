#include "service/report_service.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "service/kpi_rollups.hpp"
#include "sla/calendar_json.hpp"

namespace sp::service {

namespace {

std::string service_level_key(TenantId tenant) {
  return "tenant." + std::to_string(tenant.value) + ".service_level_seconds";
}

}  // namespace

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

Result<int> ReportService::service_level_seconds(TenantId tenant) {
  auto stored = store_.get_setting(service_level_key(tenant));
  if (!stored) return stored.error();
  int seconds = reporting::kDefaultServiceLevelSeconds;
  if (*stored) {
    const auto& text = **stored;
    std::from_chars(text.data(), text.data() + text.size(), seconds);
  }
  return std::clamp(seconds, 1, reporting::kMaxServiceLevelSeconds);
}

Result<int> ReportService::service_level_seconds(const Principal& p, std::optional<TenantId> tenant) {
  SP_TRY(require(p, Permission::Read));
  auto resolved = resolve_tenant(store_, p, tenant);
  if (!resolved) return resolved.error();
  return service_level_seconds(*resolved);
}

Result<int> ReportService::set_service_level_seconds(const Principal& p, std::optional<TenantId> tenant,
                                                     std::int64_t seconds) {
  SP_TRY(require(p, Permission::ManageTeams));
  if (seconds < 1 || seconds > reporting::kMaxServiceLevelSeconds) {
    return invalid_input(
        "service_level_seconds must be 1.." + std::to_string(reporting::kMaxServiceLevelSeconds),
        "service_level_seconds");
  }
  auto resolved = resolve_tenant(store_, p, tenant);
  if (!resolved) return resolved.error();
  SP_TRY(store_.put_setting(service_level_key(*resolved), std::to_string(seconds)));
  return static_cast<int>(seconds);
}

Result<KpiSource> parse_kpi_source(std::string_view name) {
  if (name == "auto") return KpiSource::Auto;
  if (name == "exact") return KpiSource::Exact;
  if (name == "aggregates") return KpiSource::Aggregates;
  return invalid_input("source must be one of auto, exact, aggregates", "source");
}

Result<reporting::KpiReport> ReportService::tenant_kpis(const Tenant& tenant, const KpiRequest& request) {
  if (request.to <= request.from) return invalid_input("to must be after from", "to");
  auto scope = storage::Scope::of(tenant.id);
  reporting::KpiQuery query;
  query.dimension = request.dimension;
  query.period = request.period;
  query.from = request.from;
  query.to = request.to;
  query.time_zone = tenant.timezone;
  query.breach_rules = request.breach_rules;
  if (rules_for_) {
    auto rules = rules_for_(tenant.id);
    query.breach_rules = std::move(rules.breach_rules);
    query.cost = rules.cost;
  }
  auto threshold = service_level_seconds(tenant.id);
  if (!threshold) return threshold.error();
  query.service_level_seconds = *threshold;
  if (request.business_time) {
    auto calendars = sla_store_.list_calendars(scope);
    if (!calendars) return calendars.error();
    if (!calendars->empty()) {
      auto parsed =
          sla::parse_calendar_json(nlohmann::json::parse(calendars->front().definition_json, nullptr, false));
      if (parsed) query.calendar = *parsed;
    }
  }
  KpiSource source = request.source;
  if (source == KpiSource::Aggregates && kpis_ == nullptr) {
    return invalid_input("this server keeps no KPI aggregates", "source");
  }
  if (source == KpiSource::Auto) {
    source = KpiSource::Exact;
    if (kpis_ != nullptr) {
      auto count = kpis_->count_created(scope, request.from, request.to);
      if (!count) return count.error();
      if (*count > kMaxReportTickets) source = KpiSource::Aggregates;
    }
  }
  if (source == KpiSource::Aggregates)
    return with_commitments(tenant, aggregated_kpis(tenant, std::move(query)));
  return with_commitments(tenant, exact_kpis(tenant, query));
}

Result<reporting::KpiReport> ReportService::with_commitments(const Tenant& tenant,
                                                             Result<reporting::KpiReport> report) {
  if (!report || commitments_ == nullptr) return report;
  auto tallies =
      commitments_->commitment_tallies(tenant.id, report->from, report->to, kMaxReportCommitmentTallies + 1);
  if (!tallies) return tallies.error();
  if (static_cast<int>(tallies->size()) > kMaxReportCommitmentTallies) {
    return invalid_input("the window holds too many commitments for one report; ask for a shorter period",
                         "from");
  }
  SP_TRY(reporting::add_commitment_figures(*report, *tallies, std::to_string(tenant.id.value)));
  return report;
}

Result<reporting::KpiReport> ReportService::aggregated_kpis(const Tenant& tenant, reporting::KpiQuery query) {
  // Read our own writes: changes made before this request are measured first.
  if (aggregator_ != nullptr) {
    if (auto flushed = aggregator_->flush(); !flushed) return flushed.error();
  }
  auto scope = storage::Scope::of(tenant.id);
  auto days = reporting::DayClock::create(query.time_zone);
  if (!days) return days.error();
  const auto stored =
      query.dimension == reporting::Dimension::Tenant ? reporting::Dimension::All : query.dimension;
  const std::int64_t from_day = days->day_of(query.from);
  const std::int64_t to_day = days->day_of(query.to);
  KpiRollups rollups(*kpis_);
  auto rows = rollups.rollup_rows(scope, stored, from_day, to_day);
  if (!rows) return rows.error();
  auto before = rollups.backlog_before(scope, stored, from_day);
  if (!before) return before.error();
  const auto wanted = query.dimension;
  query.dimension = stored;
  auto report = reporting::kpis_from_rollup(*rows, *before, query);
  if (!report) return report.error();
  if (wanted == reporting::Dimension::Tenant) {
    report->dimension = wanted;
    for (auto& group : report->groups) group.key = std::to_string(tenant.id.value);
  }
  return report;
}

Result<reporting::KpiReport> ReportService::exact_kpis(const Tenant& tenant,
                                                       const reporting::KpiQuery& query) {
  auto scope = storage::Scope::of(tenant.id);
  auto tickets = store_.tickets_for_report(scope, query.from, query.to, kMaxReportTickets + 1);
  if (!tickets) return tickets.error();
  if (static_cast<int>(tickets->size()) > kMaxReportTickets) {
    return invalid_input(
        "the window holds more than 50,000 tickets; ask for source=aggregates or a shorter period", "from");
  }
  // Survey answers of the tickets created in the window (answered before its end).
  std::unordered_map<std::int64_t, storage::SurveyAnswer> answers;
  if (surveys_ != nullptr) {
    auto found = surveys_->answers_for_report(scope, query.from, query.to);
    if (!found) return found.error();
    for (auto& [ticket, answer] : *found) answers.emplace(ticket.value, std::move(answer));
  }
  std::vector<reporting::TicketFacts> facts;
  facts.reserve(tickets->size());
  for (auto& ticket : *tickets) {
    auto events = store_.list_events(scope, ticket.id);
    if (!events) return events.error();
    reporting::TicketFacts fact;
    auto state = sla_.evaluate(ticket, query.to);
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

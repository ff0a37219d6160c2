#include "service/staffing_service.hpp"

#include <date/tz.h>

#include <nlohmann/json.hpp>

#include "sla/calendar_json.hpp"

namespace sp::service {

namespace {
// Ticket histories larger than this are sampled by the most recent arrivals only.
constexpr int kMaxArrivals = 2'000'000;
}  // namespace

Result<HistoryPlan> StaffingService::plan_from_history(const Principal& p, HistoryPlanRequest request) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto resolved = resolve_tenant(store_, p, request.tenant);
  if (!resolved) return resolved.error();
  TenantId tenant = *resolved;
  auto tenant_row = store_.get_tenant(p.scope, tenant);
  if (!tenant_row) return invalid_input(tenant_row.error().message, "tenant_id");
  if (request.history_weeks < 1 || request.history_weeks > 104) {
    return invalid_input("history_weeks must be 1..104", "history_weeks");
  }
  if (request.channels.empty()) return invalid_input("name at least one channel", "channels");
  Timestamp history_start = request.horizon_start - std::chrono::weeks(request.history_weeks);
  auto arrivals =
      store_.ticket_arrivals(storage::Scope::of(tenant), history_start, request.horizon_start, kMaxArrivals);
  if (!arrivals) return arrivals.error();
  std::vector<workforce::Contact> contacts;
  contacts.reserve(arrivals->size());
  for (const auto& arrival : *arrivals) {
    std::string channel(domain::to_string(arrival.channel));
    auto aht = request.aht_seconds.find(channel);
    contacts.push_back({arrival.at, aht == request.aht_seconds.end() ? 300.0 : aht->second, channel});
  }
  workforce::ForecastRequest forecast_request;
  forecast_request.time_zone = tenant_row->timezone;
  forecast_request.interval_minutes = request.interval_minutes;
  forecast_request.history_start = history_start;
  forecast_request.history_end = request.horizon_start;
  forecast_request.horizon_start = request.horizon_start;
  forecast_request.horizon_intervals = request.horizon_intervals;
  for (const auto& spec : request.channels) forecast_request.channels.push_back(spec.channel);
  auto forecast = workforce::forecast_contacts(contacts, forecast_request);
  if (!forecast) return forecast.error();
  auto plan = workforce::plan_staffing(workforce::demand_from_forecast(*forecast), request.channels);
  if (!plan) return plan.error();
  return HistoryPlan{std::move(*forecast), std::move(*plan)};
}

Result<workforce::AgentLoadReport> StaffingService::agent_load(const Principal& p, AgentLoadRequest request) {
  SP_TRY(require(p, Permission::Read));
  bool own_only = p.agent.role == Role::Agent || p.agent.role == Role::QaReviewer;
  auto resolved = resolve_tenant(store_, p, request.tenant);
  if (!resolved) return resolved.error();
  TenantId tenant = *resolved;
  auto tenant_row = store_.get_tenant(p.scope, tenant);
  if (!tenant_row) return invalid_input(tenant_row.error().message, "tenant_id");
  if (request.to <= request.from) return invalid_input("to must be after from", "to");
  if (request.to - request.from > std::chrono::days(93)) {
    return invalid_input("the period is at most 93 days", "to");
  }
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(tenant_row->timezone);
  } catch (const std::exception&) {
    return internal_error("tenant time zone " + tenant_row->timezone + " is unknown");
  }
  std::optional<sla::BusinessCalendar> calendar;
  if (request.calendar_id) {
    if (calendars_ == nullptr) return invalid_input("calendars are not available", "calendar_id");
    auto record = calendars_->get_calendar(storage::Scope::of(tenant), *request.calendar_id);
    if (!record) return invalid_input("no such calendar", "calendar_id");
    auto parsed = sla::parse_calendar_json(nlohmann::json::parse(record->definition_json, nullptr, false));
    if (!parsed) return parsed.error();
    calendar = std::move(*parsed);
    request.options.opening_hours = &*calendar;
  }
  constexpr int kMaxActions = 2'000'000;
  auto activity = store_.agent_activity(storage::Scope::of(tenant), request.from, request.to, kMaxActions);
  if (!activity) return activity.error();
  std::vector<workforce::AgentAction> actions;
  actions.reserve(activity->size());
  for (const auto& row : *activity) {
    if (own_only && row.agent != p.agent.id) continue;
    workforce::AgentAction action;
    action.agent_id = row.agent.value;
    action.at = row.at;
    action.kind = row.kind == storage::Store::AgentActivity::Kind::Note ? workforce::AgentActionKind::Note
                  : row.kind == storage::Store::AgentActivity::Kind::Change
                      ? workforce::AgentActionKind::Change
                      : workforce::AgentActionKind::Reply;
    action.channel = std::string(domain::to_string(row.channel));
    action.ticket_id = row.ticket.value;
    action.abusive = row.abusive;
    actions.push_back(std::move(action));
  }
  return workforce::compute_agent_load(std::move(actions), *zone, request.options);
}

}  // namespace sp::service

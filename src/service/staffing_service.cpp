#include "service/staffing_service.hpp"

namespace sp::service {

namespace {
// Ticket histories larger than this are sampled by the most recent arrivals only.
constexpr int kMaxArrivals = 2'000'000;
}  // namespace

Result<HistoryPlan> StaffingService::plan_from_history(const Principal& p,
                                                       HistoryPlanRequest request) {
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
  auto arrivals = store_.ticket_arrivals(storage::Scope::of(tenant), history_start,
                                         request.horizon_start, kMaxArrivals);
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

}  // namespace sp::service

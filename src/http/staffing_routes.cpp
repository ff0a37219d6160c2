#include "http/staffing_routes.hpp"

#include <set>

#include "http/handler_util.hpp"
#include "sla/calendar_json.hpp"
#include "workforce/feasibility.hpp"
#include "workforce/simulation_json.hpp"

namespace sp::http {

namespace {

using namespace sp::domain;

json opt_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

// Reads one channel's spec: {"channel":"phone","model":"queue","aht_seconds":240,
// "service_level":0.8,"target_seconds":20,...}. Records the first problem in `error`.
workforce::ChannelPlanSpec read_channel(const json& item, std::size_t index,
                                        std::map<std::string, double>& aht, std::optional<Error>& error,
                                        bool with_contacts = false) {
  workforce::ChannelPlanSpec spec;
  std::string prefix = "channels[" + std::to_string(index) + "]";
  if (!item.is_object()) {
    error = invalid_input(prefix + " must be an object", prefix);
    return spec;
  }
  BodyReader reader(item);
  auto channel = reader.string("channel", true);
  auto model = reader.string("model");
  auto fail = [&](const std::string& what, const char* field) {
    if (!error) error = invalid_input(prefix + "." + field + ": " + what, prefix + "." + field);
  };
  auto number = [&](const char* key) -> std::optional<double> {
    auto found = item.find(key);
    if (found == item.end() || found->is_null()) return std::nullopt;
    if (!found->is_number()) {
      fail("must be a number", key);
      return std::nullopt;
    }
    return found->get<double>();
  };
  if (channel) {
    if (!parse_channel(*channel)) fail("unknown channel", "channel");
    spec.channel = *channel;
  } else {
    fail("is required (a string such as \"phone\")", "channel");
  }
  if (!model || *model == "queue") {
    spec.model = workforce::ChannelModel::Queue;
  } else if (*model == "chat") {
    spec.model = workforce::ChannelModel::Chat;
  } else if (*model == "backlog") {
    spec.model = workforce::ChannelModel::Backlog;
  } else {
    fail("must be queue, chat or backlog", "model");
  }
  if (auto v = number("aht_seconds")) aht[spec.channel] = *v;
  spec.targets.service_level = number("service_level");
  if (auto v = number("target_seconds")) spec.targets.target_seconds = *v;
  spec.targets.max_asa_seconds = number("max_asa_seconds");
  spec.targets.max_abandon = number("max_abandon");
  spec.targets.max_occupancy = number("max_occupancy");
  if (auto v = number("shrinkage")) spec.targets.shrinkage = *v;
  spec.targets.patience_seconds = number("patience_seconds");
  if (auto v = number("hourly_cost")) spec.targets.hourly_cost = *v;
  if (auto v = number("chat_concurrency")) spec.chat_concurrency = static_cast<int>(*v);
  if (auto v = number("response_target_seconds")) spec.response_target_seconds = *v;
  if (auto v = number("min_agents_open")) spec.min_agents_open = static_cast<int>(*v);
  static const std::set<std::string> kKnown{"channel",
                                            "model",
                                            "aht_seconds",
                                            "service_level",
                                            "target_seconds",
                                            "max_asa_seconds",
                                            "max_abandon",
                                            "max_occupancy",
                                            "shrinkage",
                                            "patience_seconds",
                                            "hourly_cost",
                                            "chat_concurrency",
                                            "response_target_seconds",
                                            "min_agents_open"};
  for (const auto& [key, value] : item.items()) {
    if (!kKnown.count(key) && !(with_contacts && key == "contacts") && !error) {
      Error e = invalid_input(prefix + ": unknown member '" + key.substr(0, 64) + "'",
                              prefix + "." + key.substr(0, 64));
      e.kind = kinds::kUnknownField;
      error = e;
    }
  }
  return spec;
}

HttpResponse plan(service::StaffingService& staffing, Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  BodyReader reader(*body);
  service::HistoryPlanRequest request;
  if (auto tenant = reader.integer("tenant_id")) request.tenant = TenantId{*tenant};
  request.interval_minutes = static_cast<int>(reader.integer("interval_minutes").value_or(30));
  request.history_weeks = static_cast<int>(reader.integer("history_weeks").value_or(8));
  request.horizon_intervals = static_cast<int>(reader.integer("horizon_intervals", true).value_or(0));
  auto start = reader.string("horizon_start", true);
  std::optional<Error> error;
  auto channels = body->find("channels");
  if (channels == body->end() || !channels->is_array() || channels->empty() || channels->size() > 16) {
    error = invalid_input("channels must be an array of 1 to 16 channel specs", "channels");
  } else {
    for (std::size_t idx = 0; idx < channels->size(); ++idx) {
      request.channels.push_back(read_channel((*channels)[idx], idx, request.aht_seconds, error));
    }
  }
  // "channels" is read by hand above; let finish() see it as known.
  json rest = *body;
  rest.erase("channels");
  BodyReader check(rest);
  (void)check.integer("tenant_id");
  (void)check.integer("interval_minutes");
  (void)check.integer("history_weeks");
  (void)check.integer("horizon_intervals", true);
  (void)check.string("horizon_start", true);
  if (auto done = check.finish(); !done) return error_response(done.error());
  if (error) return error_response(*error);
  auto parsed = parse_rfc3339(*start);
  if (!parsed) return error_response(invalid_input(parsed.error().message, "horizon_start"));
  request.horizon_start = *parsed;
  SP_OR_RESPOND(result, staffing.plan_from_history(ctx.who(), std::move(request)));
  const auto& forecast = result->forecast;
  const auto& staffing_plan = result->plan;
  json channels_out = json::array();
  for (std::size_t idx = 0; idx < staffing_plan.channels.size(); ++idx) {
    const auto& summary = staffing_plan.channels[idx];
    json item = {{"channel", summary.channel},
                 {"model", workforce::to_string(summary.model)},
                 {"contacts", summary.contacts},
                 {"required_agent_hours", summary.required_agent_hours},
                 {"paid_agent_hours", summary.paid_agent_hours},
                 {"cost", summary.cost},
                 {"cost_per_contact", opt_number(summary.cost_per_contact)},
                 {"service_level", summary.service_level},
                 {"abandon_rate", summary.abandon_rate},
                 {"peak_agents_required", summary.peak_agents_required}};
    if (const auto* fc = forecast.find(summary.channel)) {
      item["forecast_method"] = workforce::to_string(fc->method);
      item["history_contacts"] = fc->history_contacts;
      json fits = json::array();
      for (const auto& fit : fc->fits) {
        fits.push_back({{"method", workforce::to_string(fit.method)},
                        {"wape", opt_number(fit.fit.wape)},
                        {"bias", opt_number(fit.fit.bias)},
                        {"mape", opt_number(fit.fit.mape)}});
      }
      item["fit_on_held_back_week"] = fits;
    }
    channels_out.push_back(item);
  }
  json intervals = json::array();
  for (const auto& interval : staffing_plan.intervals) {
    json per_channel = json::array();
    for (std::size_t idx = 0; idx < interval.channels.size(); ++idx) {
      const auto& c = interval.channels[idx];
      per_channel.push_back({{"channel", staffing_plan.channels[idx].channel},
                             {"contacts", c.contacts},
                             {"aht_seconds", c.aht_seconds},
                             {"agents_required", c.agents_required},
                             {"scheduled_agents", c.scheduled_agents},
                             {"service_level", c.service_level},
                             {"asa_seconds", c.asa_seconds},
                             {"abandon_rate", c.abandon_rate},
                             {"occupancy", c.occupancy}});
    }
    intervals.push_back({{"start", format_rfc3339(interval.start)},
                         {"contacts", interval.contacts},
                         {"agents_required", interval.agents_required},
                         {"scheduled_agents", interval.scheduled_agents},
                         {"cost", interval.cost},
                         {"channels", per_channel}});
  }
  json out = {{"start", format_rfc3339(staffing_plan.start)},
              {"interval_minutes", staffing_plan.interval_minutes},
              {"total_contacts", staffing_plan.total_contacts},
              {"required_agent_hours", staffing_plan.required_agent_hours},
              {"paid_agent_hours", staffing_plan.total_agent_hours},
              {"total_cost", staffing_plan.total_cost},
              {"cost_per_contact", opt_number(staffing_plan.cost_per_contact)},
              {"channels", channels_out},
              {"intervals", intervals}};
  return json_response(200, out);
}

// Reads a JSON array of non-negative numbers of exactly `size` entries (any size when 0).
template <typename T>
std::optional<std::vector<T>> numbers(const json& body, const char* key, std::size_t size,
                                      const std::string& field, std::optional<Error>& error) {
  auto found = body.find(key);
  if (found == body.end() || !found->is_array() || (size != 0 && found->size() != size) ||
      found->size() > 4 * 7 * 24 * 12) {
    if (!error) {
      error = invalid_input(field + " must be an array of " +
                                (size ? std::to_string(size) : std::string("per-interval")) + " numbers",
                            field);
    }
    return std::nullopt;
  }
  std::vector<T> out;
  for (const auto& value : *found) {
    if (!value.is_number() || value.get<double>() < 0) {
      if (!error) error = invalid_input(field + " must hold numbers >= 0", field);
      return std::nullopt;
    }
    out.push_back(value.get<T>());
  }
  return out;
}

HttpResponse feasibility(service::StaffingService& staffing, Api::Context& ctx) {
  SP_OR_RESPOND(body, body_of(ctx));
  if (auto allowed = service::require(ctx.who(), service::Permission::ManageTeams); !allowed) {
    return error_response(allowed.error());
  }
  (void)staffing;
  std::optional<Error> error;
  static const std::set<std::string> kKnown{"name",     "start",    "interval_minutes",
                                            "calendar", "channels", "staff"};
  for (const auto& [key, value] : body->items()) {
    if (!kKnown.count(key)) {
      Error e = invalid_input("unknown member '" + key.substr(0, 64) + "'", key.substr(0, 64));
      e.kind = kinds::kUnknownField;
      return error_response(e);
    }
  }
  workforce::ContractSpec contract;
  contract.name = body->value("name", std::string("new contract"));
  auto start_text = body->find("start");
  if (start_text == body->end() || !start_text->is_string()) {
    return error_response(invalid_input("start must be an RFC 3339 time", "start"));
  }
  auto start = parse_rfc3339(start_text->get<std::string>());
  if (!start) return error_response(invalid_input(start.error().message, "start"));
  int interval_minutes = 30;
  if (auto found = body->find("interval_minutes"); found != body->end()) {
    if (!found->is_number_integer()) {
      return error_response(invalid_input("interval_minutes must be an integer", "interval_minutes"));
    }
    interval_minutes = found->get<int>();
  }
  if (auto found = body->find("calendar"); found != body->end() && !found->is_null()) {
    auto calendar = sla::parse_calendar_json(*found);
    if (!calendar) {
      Error e = calendar.error();
      e.field = "calendar." + e.field;
      return error_response(e);
    }
    contract.opening_hours = *calendar;
  }
  auto channels = body->find("channels");
  if (channels == body->end() || !channels->is_array() || channels->empty() || channels->size() > 16) {
    return error_response(invalid_input("channels must be an array of 1 to 16 channel specs", "channels"));
  }
  std::map<std::string, double> aht;
  contract.demand.start = *start;
  contract.demand.interval_minutes = interval_minutes;
  for (std::size_t idx = 0; idx < channels->size(); ++idx) {
    const json& item = (*channels)[idx];
    auto spec = read_channel(item, idx, aht, error, true);
    std::string field = "channels[" + std::to_string(idx) + "].contacts";
    auto contacts = item.is_object() ? numbers<double>(item, "contacts", 0, field, error) : std::nullopt;
    if (error) return error_response(*error);
    if (idx == 0) contract.demand.intervals = static_cast<int>(contacts->size());
    if (static_cast<int>(contacts->size()) != contract.demand.intervals) {
      return error_response(invalid_input("every channel needs the same number of intervals", field));
    }
    double channel_aht = aht.count(spec.channel) ? aht[spec.channel] : 300.0;
    contract.demand.channels.push_back(
        {spec.channel, *contacts, std::vector<double>(contacts->size(), channel_aht)});
    contract.channels.push_back(std::move(spec));
  }
  auto staff_json = body->find("staff");
  if (staff_json == body->end() || !staff_json->is_object()) {
    return error_response(invalid_input("staff must describe the current roster", "staff"));
  }
  workforce::StaffAvailability staff;
  staff.start = *start;
  staff.interval_minutes = interval_minutes;
  auto size = static_cast<std::size_t>(contract.demand.intervals);
  auto scheduled = numbers<int>(*staff_json, "scheduled_agents", size, "staff.scheduled_agents", error);
  auto existing =
      numbers<double>(*staff_json, "existing_required_agents", size, "staff.existing_required_agents", error);
  if (error) return error_response(*error);
  staff.scheduled_agents = *scheduled;
  staff.existing_required_agents = *existing;
  if (auto found = staff_json->find("shrinkage"); found != staff_json->end()) {
    if (!found->is_number()) return error_response(invalid_input("must be a number", "staff.shrinkage"));
    staff.shrinkage = found->get<double>();
  }
  if (auto found = staff_json->find("paid_hours_per_fte_week"); found != staff_json->end()) {
    if (!found->is_number()) {
      return error_response(invalid_input("must be a number", "staff.paid_hours_per_fte_week"));
    }
    staff.paid_hours_per_fte_week = found->get<double>();
  }
  SP_OR_RESPOND(report, workforce::check_feasibility(contract, staff));
  json shortfalls = json::array();
  for (const auto& s : report->shortfalls) {
    shortfalls.push_back({{"interval", s.interval_idx},
                          {"start", format_rfc3339(s.start)},
                          {"required_agents", s.required_agents},
                          {"available_agents", s.available_agents},
                          {"shortfall_agents", s.shortfall_agents},
                          {"extra_people", s.extra_people}});
  }
  json out = {
      {"contract", contract.name},
      {"feasible", report->feasible},
      {"shortfalls", shortfalls},
      {"peak_shortfall_agents", report->peak_shortfall_agents},
      {"peak_extra_people", report->peak_extra_people},
      {"peak_interval_start",
       report->peak_interval_start ? json(format_rfc3339(*report->peak_interval_start)) : json(nullptr)},
      {"extra_agent_hours", report->extra_agent_hours},
      {"extra_paid_hours", report->extra_paid_hours},
      {"extra_fte", opt_number(report->extra_fte)},
      {"already_short_intervals", report->already_short_intervals},
      {"contract_cost", report->contract_plan.total_cost},
      {"contract_paid_agent_hours", report->contract_plan.total_agent_hours}};
  return json_response(200, out);
}

// A simulation run: pure maths, seeded and reproducible; the request is bounded (at most
// 10^8 simulated contacts, checked by simulate()).
HttpResponse simulate(Api::Context& ctx) {
  SP_OR_RESPOND(allowed, require(ctx.who(), service::Permission::ManageTeams));
  SP_OR_RESPOND(body, body_of(ctx));
  SP_OR_RESPOND(request, workforce::parse_simulation_request(*body));
  std::mt19937_64 rng(request->seed);
  SP_OR_RESPOND(report, workforce::simulate(request->config, rng));
  return json_response(200, workforce::to_json(*report, request->seed));
}

// GET /api/v1/staffing/agent-load?from=&to=[&tenant_id=&calendar_id=&contracted_hours=
// &break_minutes=&aht_email=...]
HttpResponse agent_load(service::StaffingService& staffing, Api::Context& ctx) {
  const auto& request = ctx.request;
  service::AgentLoadRequest input;
  auto time_param = [&](const char* name) -> Result<Timestamp> {
    auto text = request.query_param(name);
    if (!text) return invalid_input(std::string(name) + " is required (RFC 3339)", name);
    auto parsed = parse_rfc3339(*text);
    if (!parsed) return invalid_input(parsed.error().message, name);
    return *parsed;
  };
  SP_OR_RESPOND(from, time_param("from"));
  SP_OR_RESPOND(to, time_param("to"));
  input.from = *from;
  input.to = *to;
  if (auto text = request.query_param("tenant_id")) {
    SP_OR_RESPOND(id, parse_positive(*text, "tenant_id"));
    input.tenant = TenantId{*id};
  }
  if (auto text = request.query_param("calendar_id")) {
    SP_OR_RESPOND(id, parse_positive(*text, "calendar_id"));
    input.calendar_id = *id;
  }
  auto number_param = [&](const std::string& name, double& out) -> Result<void> {
    auto text = request.query_param(name);
    if (!text) return {};
    try {
      std::size_t used = 0;
      out = std::stod(*text, &used);
      if (used != text->size()) throw std::invalid_argument(name);
    } catch (const std::exception&) {
      return invalid_input(name + " must be a number", name);
    }
    return {};
  };
  SP_OR_RESPOND(hours, number_param("contracted_hours", input.options.contracted_hours_per_day));
  SP_OR_RESPOND(breaks, number_param("break_minutes", input.options.break_minutes));
  for (auto channel :
       {Channel::Email, Channel::Phone, Channel::Web, Channel::Chat, Channel::Social, Channel::Api}) {
    std::string name(to_string(channel));
    double value = -1;
    SP_OR_RESPOND(aht, number_param("aht_" + name, value));
    if (value >= 0) input.options.aht_seconds[name] = value;
  }
  SP_OR_RESPOND(report, staffing.agent_load(ctx.who(), input));
  json days = json::array();
  for (const auto& d : report->days) {
    days.push_back({{"agent_id", d.agent_id},
                    {"day", d.day},
                    {"replies", d.replies},
                    {"notes", d.notes},
                    {"changes", d.changes},
                    {"calls", d.calls},
                    {"tickets_handled", d.tickets_handled},
                    {"abusive_tickets", d.abusive_tickets},
                    {"abusive_share", d.abusive_share},
                    {"work_seconds", d.work_seconds},
                    {"active_span_seconds", d.active_span_seconds},
                    {"occupancy", d.occupancy},
                    {"overtime_seconds", d.overtime_seconds},
                    {"breaks", d.breaks},
                    {"break_seconds", d.break_seconds},
                    {"long_day_without_break", d.long_day_without_break},
                    {"out_of_hours_actions", d.out_of_hours_actions}});
  }
  json agents = json::array();
  for (const auto& a : report->agents) {
    agents.push_back({{"agent_id", a.agent_id},
                      {"days_worked", a.days_worked},
                      {"work_hours", a.work_hours},
                      {"mean_occupancy", a.mean_occupancy},
                      {"overtime_hours", a.overtime_hours},
                      {"days_without_break", a.days_without_break},
                      {"out_of_hours_actions", a.out_of_hours_actions},
                      {"tickets_handled", a.tickets_handled},
                      {"abusive_share", a.abusive_share}});
  }
  return json_response(
      200, {{"agents", agents}, {"days", days}, {"definitions", workforce::agent_load_definitions()}});
}

}  // namespace

void register_staffing_routes(Api& api, service::StaffingService& staffing) {
  api.add("POST", "/api/v1/staffing/plan", Api::Access::Authenticated,
          [&staffing](Api::Context& ctx) { return plan(staffing, ctx); });
  api.add("POST", "/api/v1/staffing/feasibility", Api::Access::Authenticated,
          [&staffing](Api::Context& ctx) { return feasibility(staffing, ctx); });
  api.add("POST", "/api/v1/staffing/simulate", Api::Access::Authenticated, simulate);
  api.add("GET", "/api/v1/staffing/agent-load", Api::Access::Authenticated,
          [&staffing](Api::Context& ctx) { return agent_load(staffing, ctx); });
}

}  // namespace sp::http

#include "sla/calc_sla.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <variant>
#include <vector>

#include "core/time.hpp"
#include "domain/model.hpp"
#include "sla/calc_common.hpp"
#include "sla/policy_change.hpp"
#include "sla/policy_json.hpp"
#include "sla/sla_clock.hpp"

namespace sp::sla {

namespace {

using detail::dump_line;
using detail::engine_failure;
using detail::Failure;
using detail::time_from;
using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::size_t kMaxEvents = 10000;

Failure request_failure(const std::string& field, const std::string& why) {
  return Failure{"invalid-request", field + ": " + why, field};
}

std::variant<SlaPolicy, Failure> policy_from(const json& value, const std::string& field) {
  if (!value.is_object()) return request_failure(field, "must be an object");
  json body = value;
  // The calendar comes with the line, so the policy needs no calendar id of its own.
  if (!body.contains("calendar_id")) body["calendar_id"] = 1;
  auto parsed = parse_policy_json(body);
  if (!parsed.ok()) {
    const std::string path = parsed.error().field.empty() ? field : field + "." + parsed.error().field;
    return Failure{"invalid-policy", field + "." + parsed.error().message, path};
  }
  return parsed.value();
}

// A string member `key` of `event`, present and a string.
std::variant<std::string, Failure> text_member(const json& event, const char* key, const std::string& field) {
  auto found = event.find(key);
  if (found == event.end()) return request_failure(field + "." + key, "is required");
  if (!found->is_string()) return request_failure(field + "." + key, "must be a string");
  return found->get<std::string>();
}

template <typename T>
std::variant<T, Failure> relabelled(Result<T> parsed, const std::string& field) {
  if (!parsed.ok()) return request_failure(field, parsed.error().message);
  return parsed.value();
}

struct Replay {
  domain::Ticket created;
  std::vector<domain::TicketEvent> history;
  SlaPolicy policy;
  std::vector<CycleBudget> budgets;  // left by prospective and keep_promised policy events
};

// Checks the keys of an event against those its type allows.
std::optional<Failure> check_keys(const json& event, std::initializer_list<std::string_view> allowed,
                                  const std::string& field) {
  for (const auto& [key, value] : event.items()) {
    (void)value;
    bool known = key == "at" || key == "type";
    for (std::string_view name : allowed) known = known || key == name;
    if (!known) return request_failure(field + "." + key.substr(0, 64), "unknown key for this event type");
  }
  return std::nullopt;
}

// Puts `policy` in force at `at` as `mode` says (policy_change.hpp): the cycles running then keep
// budgets under prospective and keep_promised, none under retroactive.
std::optional<Failure> change_policy(Replay& replay, SlaPolicy policy, PolicyChangeMode mode,
                                     const BusinessCalendar& calendar, Timestamp at) {
  if (mode == PolicyChangeMode::Retroactive) {
    replay.budgets.clear();
  } else {
    auto before = evaluate(replay.policy, calendar, replay.created, replay.history, at, replay.budgets);
    if (!before.ok()) return engine_failure(before.error());
    auto after = evaluate(policy, calendar, replay.created, replay.history, at);
    if (!after.ok()) return engine_failure(after.error());
    auto budgets = budgets_after_change(mode, *before, *after, calendar, at);
    if (!budgets.ok()) return engine_failure(budgets.error());
    replay.budgets = std::move(*budgets);
  }
  replay.policy = std::move(policy);
  return std::nullopt;
}

// Builds the ticket's created state and history from "events", up to `now`.
std::optional<Failure> read_events(const json& events, Timestamp now, const BusinessCalendar& calendar,
                                   Replay& replay) {
  if (!events.is_array()) return request_failure("events", "must be an array of events");
  if (events.empty()) return request_failure("events", "needs the created event first");
  if (events.size() > kMaxEvents) {
    return request_failure("events", "has more than " + std::to_string(kMaxEvents) + " events");
  }
  for (std::size_t idx = 0; idx < events.size(); ++idx) {
    const std::string field = "events[" + std::to_string(idx) + "]";
    const json& event = events[idx];
    if (!event.is_object()) return request_failure(field, "must be an object");
    if (!event.contains("at")) return request_failure(field + ".at", "is required");
    auto at = time_from(event["at"], field + ".at");
    if (auto* failure = std::get_if<Failure>(&at)) return *failure;
    auto type = text_member(event, "type", field);
    if (auto* failure = std::get_if<Failure>(&type)) return *failure;
    const std::string& kind = std::get<std::string>(type);
    if ((idx == 0) != (kind == "created")) {
      return request_failure(field + ".type", idx == 0 ? "the first event must be created"
                                                       : "only the first event may be created");
    }
    domain::TicketEvent out;
    out.seq = static_cast<std::int64_t>(replay.history.size()) + 1;
    out.at = std::get<Timestamp>(at);
    if (kind == "created") {
      if (auto failure = check_keys(event, {"status", "channel", "priority"}, field)) return failure;
      auto status_text = text_member(event, "status", field);
      if (auto* failure = std::get_if<Failure>(&status_text)) return *failure;
      auto status = relabelled(domain::parse_status(std::get<std::string>(status_text)), field + ".status");
      if (auto* failure = std::get_if<Failure>(&status)) return *failure;
      replay.created.status = std::get<domain::Status>(status);
      replay.created.created_at = out.at;
      if (event.contains("channel")) {
        auto text = text_member(event, "channel", field);
        if (auto* failure = std::get_if<Failure>(&text)) return *failure;
        auto channel = relabelled(domain::parse_channel(std::get<std::string>(text)), field + ".channel");
        if (auto* failure = std::get_if<Failure>(&channel)) return *failure;
        replay.created.channel = std::get<domain::Channel>(channel);
      }
      if (event.contains("priority")) {
        auto text = text_member(event, "priority", field);
        if (auto* failure = std::get_if<Failure>(&text)) return *failure;
        auto priority = relabelled(domain::parse_priority(std::get<std::string>(text)), field + ".priority");
        if (auto* failure = std::get_if<Failure>(&priority)) return *failure;
        replay.created.priority = std::get<domain::Priority>(priority);
      }
      out.type = domain::EventType::Created;
    } else if (kind == "message") {
      if (auto failure = check_keys(event, {"direction"}, field)) return failure;
      auto direction = text_member(event, "direction", field);
      if (auto* failure = std::get_if<Failure>(&direction)) return *failure;
      const std::string& name = std::get<std::string>(direction);
      out.type = domain::EventType::MessageAdded;
      if (name == "inbound") {
        out.message_kind = domain::MessageKind::Inbound;
      } else if (name == "outbound") {
        out.message_kind = domain::MessageKind::Outbound;
      } else if (name == "note") {
        out.message_kind = domain::MessageKind::Note;
      } else {
        return request_failure(field + ".direction", "must be inbound, outbound or note");
      }
    } else if (kind == "status") {
      if (auto failure = check_keys(event, {"to"}, field)) return failure;
      auto to = text_member(event, "to", field);
      if (auto* failure = std::get_if<Failure>(&to)) return *failure;
      auto status = relabelled(domain::parse_status(std::get<std::string>(to)), field + ".to");
      if (auto* failure = std::get_if<Failure>(&status)) return *failure;
      out.type = domain::EventType::StatusChanged;
      out.to = std::string(domain::to_string(std::get<domain::Status>(status)));
    } else if (kind == "policy") {
      if (auto failure = check_keys(event, {"policy", "mode"}, field)) return failure;
      if (!event.contains("policy")) return request_failure(field + ".policy", "is required");
      auto policy = policy_from(event["policy"], field + ".policy");
      if (auto* failure = std::get_if<Failure>(&policy)) return *failure;
      PolicyChangeMode mode = PolicyChangeMode::Retroactive;
      if (event.contains("mode")) {
        auto text = text_member(event, "mode", field);
        if (auto* failure = std::get_if<Failure>(&text)) return *failure;
        auto parsed = relabelled(parse_policy_change_mode(std::get<std::string>(text)), field + ".mode");
        if (auto* failure = std::get_if<Failure>(&parsed)) return *failure;
        mode = std::get<PolicyChangeMode>(parsed);
      }
      // A policy event after `now` has not happened yet.
      if (out.at <= now) {
        if (auto failure =
                change_policy(replay, std::get<SlaPolicy>(std::move(policy)), mode, calendar, out.at)) {
          return failure;
        }
      }
      continue;
    } else {
      return request_failure(field + ".type", "must be created, message, status or policy");
    }
    replay.history.push_back(std::move(out));
  }
  return std::nullopt;
}

json time_or_null(const std::optional<Timestamp>& at) {
  return at ? json(format_rfc3339(*at)) : json(nullptr);
}

std::variant<std::string, Failure> evaluate_line(std::string_view line) {
  auto read = detail::read_request_line(line);
  if (auto* failure = std::get_if<Failure>(&read)) return *failure;
  detail::RequestLine& parsed = std::get<detail::RequestLine>(read);
  json& request = parsed.request;
  if (!request.is_object()) return Failure{"invalid-request", "the request must be a JSON object"};
  for (const auto& [key, value] : request.items()) {
    (void)value;
    if (key != "calendar" && key != "policy" && key != "events" && key != "at") {
      return request_failure(key.substr(0, 64), "unknown key (use calendar, policy, events, at)");
    }
  }
  for (const char* key : {"calendar", "policy", "events", "at"}) {
    if (!request.contains(key)) return request_failure(key, "is required");
  }
  auto now = time_from(request["at"], "at");
  if (auto* failure = std::get_if<Failure>(&now)) return *failure;
  auto calendar = detail::calendar_of(parsed);
  if (auto* failure = std::get_if<Failure>(&calendar)) return *failure;
  auto policy = policy_from(request["policy"], "policy");
  if (auto* failure = std::get_if<Failure>(&policy)) return *failure;
  Replay replay;
  replay.policy = std::get<SlaPolicy>(std::move(policy));
  const BusinessCalendar& business_calendar = std::get<BusinessCalendar>(calendar);
  if (auto failure = read_events(request["events"], std::get<Timestamp>(now), business_calendar, replay)) {
    return *failure;
  }

  auto state = evaluate(replay.policy, business_calendar, replay.created, replay.history,
                        std::get<Timestamp>(now), replay.budgets);
  if (!state.ok()) return engine_failure(state.error());

  ordered_json out = ordered_json::object();
  out["policy"] = replay.policy.name;
  ordered_json cycles = ordered_json::array();
  for (const ClockCycle& cycle : state->cycles) {
    ordered_json entry = ordered_json::object();
    entry["target"] = to_string(cycle.target);
    entry["cycle"] = cycle.cycle;
    entry["state"] = to_string(cycle.state);
    entry["started_at"] = format_rfc3339(cycle.started_at);
    entry["due_at"] = time_or_null(cycle.due_at);
    entry["at_risk_at"] = time_or_null(cycle.at_risk_at);
    entry["met_at"] = time_or_null(cycle.met_at);
    entry["business_seconds_used"] = cycle.business_seconds_used;
    entry["business_seconds_remaining"] = cycle.business_seconds_remaining;
    cycles.push_back(std::move(entry));
  }
  out["cycles"] = std::move(cycles);
  ordered_json notices = ordered_json::array();
  for (const SlaNotice& notice : state->due_notices) {
    notices.push_back(ordered_json{{"target", to_string(notice.target)},
                                   {"cycle", notice.cycle},
                                   {"kind", to_string(notice.kind)},
                                   {"at", format_rfc3339(notice.at)}});
  }
  out["notices"] = std::move(notices);
  ordered_json escalations = ordered_json::array();
  for (const EscalationDue& due : state->escalations_due) {
    escalations.push_back(ordered_json{{"step", due.step},
                                       {"action", to_string(replay.policy.escalation[due.step].action)},
                                       {"target", to_string(due.target)},
                                       {"cycle", due.cycle},
                                       {"at", format_rfc3339(due.at)}});
  }
  out["escalations"] = std::move(escalations);
  out["next_deadline"] = time_or_null(state->next_deadline);
  return dump_line(out);
}

}  // namespace

std::string calc_sla_line(std::string_view json_line) {
  return detail::guarded_line(json_line, evaluate_line);
}

}  // namespace sp::sla

#include "sla/calc.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <variant>

#include "core/time.hpp"
#include "sla/business_time.hpp"
#include "sla/calc_common.hpp"

namespace sp::sla {

namespace {

using detail::dump_line;
using detail::engine_failure;
using detail::Failure;
using detail::failure_line;
using detail::time_from;
using nlohmann::json;
using nlohmann::ordered_json;

std::variant<std::string, Failure> evaluate(std::string_view line) {
  auto read = detail::read_request_line(line);
  if (auto* failure = std::get_if<Failure>(&read)) return *failure;
  detail::RequestLine& parsed = std::get<detail::RequestLine>(read);
  json& request = parsed.request;
  if (!request.is_object()) {
    return Failure{"invalid-request", "the request must be a JSON object"};
  }
  for (const auto& [key, value] : request.items()) {
    (void)value;
    if (key != "calendar" && key != "start" && key != "add_seconds" && key != "from" && key != "to") {
      return Failure{"invalid-request", "unknown key '" + key.substr(0, 64) +
                                            "' (use calendar with start+add_seconds or from+to)"};
    }
  }
  const bool adds = request.contains("start") || request.contains("add_seconds");
  const bool measures = request.contains("from") || request.contains("to");
  if (adds == measures) {
    return Failure{"invalid-request", "give either start and add_seconds, or from and to"};
  }
  if (adds && (!request.contains("start") || !request.contains("add_seconds"))) {
    return Failure{"invalid-request", "start and add_seconds go together"};
  }
  if (measures && (!request.contains("from") || !request.contains("to"))) {
    return Failure{"invalid-request", "from and to go together"};
  }
  if (!request.contains("calendar")) {
    return Failure{"invalid-request", "calendar is required"};
  }
  std::int64_t add_s = 0;
  if (adds) {
    const json& amount = request["add_seconds"];
    if (!amount.is_number_integer() || (!amount.is_number_unsigned() && amount.get<std::int64_t>() < 0) ||
        (amount.is_number_unsigned() &&
         amount.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
      return Failure{"invalid-request", "add_seconds must be a non-negative integer"};
    }
    add_s = amount.get<std::int64_t>();
  }
  auto calendar = detail::calendar_of(parsed);
  if (auto* failure = std::get_if<Failure>(&calendar)) {
    return *failure;
  }
  const BusinessCalendar& business_calendar = std::get<BusinessCalendar>(calendar);
  if (adds) {
    auto start = time_from(request["start"], "start");
    if (auto* failure = std::get_if<Failure>(&start)) {
      return *failure;
    }
    auto due = add_business_seconds(business_calendar, std::get<Timestamp>(start), add_s);
    if (!due.ok()) {
      return engine_failure(due.error());
    }
    ordered_json out = ordered_json::object();
    out["due"] = format_rfc3339(due.value());
    out["due_epoch"] = std::chrono::floor<std::chrono::seconds>(due.value()).time_since_epoch().count();
    return dump_line(out);
  }
  auto from = time_from(request["from"], "from");
  if (auto* failure = std::get_if<Failure>(&from)) {
    return *failure;
  }
  auto to = time_from(request["to"], "to");
  if (auto* failure = std::get_if<Failure>(&to)) {
    return *failure;
  }
  auto measured = business_seconds(business_calendar, std::get<Timestamp>(from), std::get<Timestamp>(to));
  if (!measured.ok()) {
    return engine_failure(measured.error());
  }
  ordered_json out = ordered_json::object();
  out["business_seconds"] = measured.value();
  return dump_line(out);
}

}  // namespace

std::string calc_business_time_line(std::string_view json_line) {
  return detail::guarded_line(json_line, evaluate);
}

}  // namespace sp::sla

#include "workforce/calc.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "workforce/erlang.hpp"
#include "workforce/staffing.hpp"

namespace sp::workforce {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

std::string dump(const OrderedJson& value) {
  // `replace` keeps dump() from throwing on invalid UTF-8 (never expected: the parser
  // validates UTF-8 and our own messages are ASCII).
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string error_line(std::string_view type, std::string_view detail) {
  OrderedJson body;
  body["type"] = type;
  body["detail"] = detail;
  OrderedJson out;
  out["error"] = std::move(body);
  return dump(out);
}

std::string error_line(const Error& error) {
  return error_line(error.kind.empty() ? kInvalidRequest : std::string_view(error.kind), error.message);
}

Error request_error(std::string message, std::string field = {}) {
  Error error = invalid_input(std::move(message), std::move(field));
  error.kind = std::string(kInvalidRequest);
  return error;
}

// Typed, non-throwing access to the fields of one request object.
class RequestFields {
 public:
  explicit RequestFields(const Json& object) : object_(object) {}

  bool has(const char* key) const { return object_.contains(key); }

  // A finite JSON number, or nullopt when the field is absent.
  Result<std::optional<double>> number(const char* key) const {
    auto it = object_.find(key);
    if (it == object_.end()) {
      return std::optional<double>{};
    }
    if (!it->is_number()) {
      return request_error(std::string(key) + " must be a number", key);
    }
    const double value = it->get<double>();
    if (!std::isfinite(value)) {
      return request_error(std::string(key) + " must be a finite number", key);
    }
    return std::optional<double>{value};
  }

  // A whole number in [min, max] (2 and 2.0 are both accepted), or nullopt when absent.
  Result<std::optional<int>> integer(const char* key, int min, int max) const {
    auto it = object_.find(key);
    if (it == object_.end()) {
      return std::optional<int>{};
    }
    const std::string range = " between " + std::to_string(min) + " and " + std::to_string(max);
    if (it->is_number_unsigned()) {
      const auto value = it->get<std::uint64_t>();
      if (value > static_cast<std::uint64_t>(max) || value < static_cast<std::uint64_t>(std::max(min, 0))) {
        return request_error(std::string(key) + " must be a whole number" + range, key);
      }
      return std::optional<int>{static_cast<int>(value)};
    }
    if (it->is_number_integer()) {
      const auto value = it->get<std::int64_t>();
      if (value < min || value > max) {
        return request_error(std::string(key) + " must be a whole number" + range, key);
      }
      return std::optional<int>{static_cast<int>(value)};
    }
    if (it->is_number_float()) {
      const double value = it->get<double>();
      if (!std::isfinite(value) || value != std::floor(value) || value < min || value > max) {
        return request_error(std::string(key) + " must be a whole number" + range, key);
      }
      return std::optional<int>{static_cast<int>(value)};
    }
    return request_error(std::string(key) + " must be a whole number" + range, key);
  }

  // A JSON string, or nullopt when absent.
  Result<std::optional<std::string>> text(const char* key) const {
    auto it = object_.find(key);
    if (it == object_.end()) {
      return std::optional<std::string>{};
    }
    if (!it->is_string()) {
      return request_error(std::string(key) + " must be a string", key);
    }
    return std::optional<std::string>{it->get<std::string>()};
  }

  // Rejects any key outside `allowed`, naming the first offender.
  Result<void> only(const std::set<std::string_view>& allowed, std::string_view model) const {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (allowed.count(it.key()) == 0) {
        return request_error("field \"" + it.key() + "\" is not an input of model " + std::string(model),
                             it.key());
      }
    }
    return {};
  }

 private:
  const Json& object_;
};

// Unwraps a Result into `out` or returns its error line from the enclosing function.
#define SP_CALC_GET(out, expr)               \
  auto out##_result = (expr);                \
  if (!out##_result.ok()) {                  \
    return error_line(out##_result.error()); \
  }                                          \
  const auto out = *out##_result

std::string erlang_b_line(const RequestFields& fields) {
  if (auto status = fields.only({"model", "traffic_erlangs", "servers"}, "erlang_b"); !status.ok()) {
    return error_line(status.error());
  }
  SP_CALC_GET(traffic, fields.number("traffic_erlangs"));
  SP_CALC_GET(servers, fields.integer("servers", 0, kMaxAgents));
  if (!traffic) {
    return error_line(kInvalidRequest, "erlang_b needs traffic_erlangs");
  }
  if (!servers) {
    return error_line(kInvalidRequest, "erlang_b needs servers");
  }
  auto blocking = erlang_b(*servers, *traffic);
  if (!blocking.ok()) {
    return error_line(blocking.error());
  }
  OrderedJson out;
  out["blocking"] = *blocking;
  return dump(out);
}

void put_metrics(OrderedJson& out, const QueueMetrics& metrics, bool with_abandonment,
                 bool with_service_level, ServiceLevelConvention convention) {
  out["p_wait"] = metrics.p_wait;
  if (with_abandonment) {
    out["p_abandon"] = metrics.p_abandon;
  }
  if (with_service_level) {
    out["service_level"] = metrics.service_level(convention);
  }
  out["asa_seconds"] = metrics.asa_seconds;
  out["occupancy"] = metrics.occupancy;
}

std::string queue_line(const RequestFields& fields, std::string_view model) {
  const bool is_a = model == "erlang_a";
  std::set<std::string_view> allowed{"model",
                                     "arrival_rate_per_hour",
                                     "aht_seconds",
                                     "target_seconds",
                                     "agents",
                                     "target_service_level",
                                     "target_asa_seconds",
                                     "max_abandon",
                                     "max_occupancy",
                                     "shrinkage"};
  if (is_a) {
    allowed.insert("patience_seconds");
    allowed.insert("service_level_convention");
  }
  if (auto status = fields.only(allowed, model); !status.ok()) {
    return error_line(status.error());
  }
  SP_CALC_GET(rate, fields.number("arrival_rate_per_hour"));
  SP_CALC_GET(aht, fields.number("aht_seconds"));
  SP_CALC_GET(patience, fields.number("patience_seconds"));
  SP_CALC_GET(target_seconds, fields.number("target_seconds"));
  SP_CALC_GET(agents, fields.integer("agents", 1, kMaxAgents));
  SP_CALC_GET(service_level, fields.number("target_service_level"));
  SP_CALC_GET(max_asa, fields.number("target_asa_seconds"));
  SP_CALC_GET(max_abandon, fields.number("max_abandon"));
  SP_CALC_GET(max_occupancy, fields.number("max_occupancy"));
  SP_CALC_GET(shrinkage, fields.number("shrinkage"));
  SP_CALC_GET(convention_name, fields.text("service_level_convention"));

  if (!rate) {
    return error_line(kInvalidRequest, std::string(model) + " needs arrival_rate_per_hour");
  }
  if (!aht) {
    return error_line(kInvalidRequest, std::string(model) + " needs aht_seconds");
  }
  if (is_a && !patience) {
    return error_line(kInvalidRequest, "erlang_a needs patience_seconds");
  }
  ServiceLevelConvention convention = ServiceLevelConvention::AnsweredWithinOverOffered;
  if (convention_name) {
    auto parsed = parse_service_level_convention(*convention_name);
    if (!parsed.ok()) {
      return error_line(parsed.error());
    }
    convention = *parsed;
  }
  const bool has_targets = service_level || max_asa || max_abandon || max_occupancy;
  if (agents && has_targets) {
    return error_line(kInvalidRequest,
                      "give either agents (to evaluate) or targets (to size the staff), not both");
  }
  if (!agents && !has_targets) {
    return error_line(kInvalidRequest,
                      "give agents to evaluate, or at least one target: target_service_level, "
                      "target_asa_seconds, max_abandon, max_occupancy");
  }
  if (shrinkage && !has_targets) {
    return error_line(kInvalidRequest, "shrinkage applies only when sizing the staff from targets");
  }
  if (service_level && !target_seconds) {
    return error_line(kInvalidRequest, "target_service_level needs target_seconds");
  }
  const bool with_service_level = target_seconds.has_value();
  const double threshold_seconds = target_seconds.value_or(0.0);

  OrderedJson out;
  if (agents) {
    auto metrics = is_a ? erlang_a_metrics(*rate, *aht, *patience, *agents, threshold_seconds)
                        : erlang_c_metrics(*rate, *aht, *agents, threshold_seconds);
    if (!metrics.ok()) {
      return error_line(metrics.error());
    }
    put_metrics(out, *metrics, is_a, with_service_level, convention);
    return dump(out);
  }

  StaffingTargets targets;
  targets.target_seconds = threshold_seconds;
  targets.service_level = service_level;
  targets.max_asa_seconds = max_asa;
  targets.max_abandon = max_abandon;
  targets.max_occupancy = max_occupancy;
  targets.convention = convention;
  auto staffing = is_a ? required_agents_erlang_a(*rate, *aht, *patience, targets)
                       : required_agents_erlang_c(*rate, *aht, targets);
  if (!staffing.ok()) {
    return error_line(staffing.error());
  }
  auto scheduled = scheduled_agents(staffing->agents_required, shrinkage.value_or(0.0));
  if (!scheduled.ok()) {
    return error_line(scheduled.error());
  }
  out["agents_required"] = staffing->agents_required;
  out["scheduled_agents"] = *scheduled;
  put_metrics(out, staffing->metrics, is_a, with_service_level, convention);
  return dump(out);
}

#undef SP_CALC_GET

std::string calc_line_or_throw(std::string_view json_line) {
  const Json request = Json::parse(json_line.begin(), json_line.end(), /*cb=*/nullptr,
                                   /*allow_exceptions=*/false);
  if (request.is_discarded()) {
    return error_line(kinds::kInvalidJson, "the line is not valid JSON");
  }
  if (!request.is_object()) {
    return error_line(kInvalidRequest, "the request must be a JSON object");
  }
  const RequestFields fields(request);
  auto model = fields.text("model");
  if (!model.ok()) {
    return error_line(model.error());
  }
  if (!*model) {
    return error_line(kInvalidRequest, "model is required: erlang_b, erlang_c or erlang_a");
  }
  const std::string& name = **model;
  if (name == "erlang_b") {
    return erlang_b_line(fields);
  }
  if (name == "erlang_c" || name == "erlang_a") {
    return queue_line(fields, name);
  }
  return error_line(kInvalidRequest, "model must be erlang_b, erlang_c or erlang_a");
}

}  // namespace

std::string calc_staffing_line(std::string_view json_line) {
  // The guard is for the unexpected (bad_alloc, a library surprise): bad input never throws.
  try {
    return calc_line_or_throw(json_line);
  } catch (...) {
    return R"({"error":{"type":"internal","detail":"unexpected failure"}})";
  }
}

}  // namespace sp::workforce

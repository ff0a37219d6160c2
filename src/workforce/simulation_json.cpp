#include "workforce/simulation_json.hpp"

#include <string>

namespace sp::workforce {

namespace {

using nlohmann::json;

Error bad(const std::string& field, const std::string& what) {
  Error error = invalid_input(field + " " + what, field);
  error.kind = std::string(kInvalidRequest);
  return error;
}

Result<double> number_at(const json& object, const char* key, const std::string& prefix,
                         std::optional<double> fallback) {
  auto found = object.find(key);
  std::string field = prefix.empty() ? key : prefix + "." + key;
  if (found == object.end() || found->is_null()) {
    if (fallback) return *fallback;
    return bad(field, "is required (a number)");
  }
  if (!found->is_number()) return bad(field, "must be a number");
  return found->get<double>();
}

Result<Distribution> distribution_at(const json& value, const std::string& field) {
  if (!value.is_object()) return bad(field, "must be an object {distribution, mean_seconds, cv}");
  std::string kind = "exponential";
  if (auto found = value.find("distribution"); found != value.end()) {
    if (!found->is_string()) return bad(field + ".distribution", "must be a string");
    kind = found->get<std::string>();
  }
  auto mean = number_at(value, "mean_seconds", field, std::nullopt);
  if (!mean) return mean.error();
  if (kind == "exponential") return Distribution::exponential(*mean);
  if (kind == "deterministic") return Distribution::deterministic(*mean);
  if (kind == "lognormal") {
    auto cv = number_at(value, "cv", field, 1.0);
    if (!cv) return cv.error();
    return Distribution::lognormal(*mean, *cv);
  }
  return bad(field + ".distribution", "must be exponential, lognormal or deterministic");
}

json estimate_json(const Estimate& e) {
  return {{"mean", e.mean}, {"half_width", e.half_width}, {"lower", e.lower()}, {"upper", e.upper()}};
}

}  // namespace

Result<SimulationRequest> parse_simulation_request(const json& body) {
  if (!body.is_object()) return bad("body", "must be a JSON object");
  static const char* const kKnown[] = {
      "intervals",      "handle_time",  "patience", "target_seconds", "service_level_convention",
      "warmup_seconds", "replications", "seed"};
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (const char* name : kKnown) known = known || key == name;
    if (!known) return bad(key, "is not a field of a simulation request");
  }
  SimulationRequest request;
  auto& config = request.config;
  auto intervals = body.find("intervals");
  if (intervals == body.end() || !intervals->is_array() || intervals->empty()) {
    return bad("intervals", "must be a non-empty array");
  }
  if (intervals->size() > 5000) return bad("intervals", "has more than 5000 entries");
  for (std::size_t idx = 0; idx < intervals->size(); ++idx) {
    const auto& item = (*intervals)[idx];
    std::string prefix = "intervals[" + std::to_string(idx) + "]";
    if (!item.is_object()) return bad(prefix, "must be an object");
    SimulationInterval interval;
    auto duration = number_at(item, "duration_seconds", prefix, 900.0);
    if (!duration) return duration.error();
    auto rate = number_at(item, "arrival_rate_per_hour", prefix, std::nullopt);
    if (!rate) return rate.error();
    auto agents = item.find("agents");
    if (agents == item.end() || !agents->is_number_integer())
      return bad(prefix + ".agents", "must be an integer");
    interval.duration_seconds = *duration;
    interval.arrival_rate_per_hour = *rate;
    interval.agents = static_cast<int>(std::clamp<std::int64_t>(agents->get<std::int64_t>(), -1, 1'000'000));
    config.intervals.push_back(interval);
  }
  auto handle = body.find("handle_time");
  if (handle == body.end()) return bad("handle_time", "is required");
  auto handle_time = distribution_at(*handle, "handle_time");
  if (!handle_time) return handle_time.error();
  config.handle_time = *handle_time;
  if (auto patience = body.find("patience"); patience != body.end() && !patience->is_null()) {
    auto parsed = distribution_at(*patience, "patience");
    if (!parsed) return parsed.error();
    config.patience = *parsed;
  }
  auto target = number_at(body, "target_seconds", "", 20.0);
  if (!target) return target.error();
  config.target_seconds = *target;
  auto warmup = number_at(body, "warmup_seconds", "", 0.0);
  if (!warmup) return warmup.error();
  config.warmup_seconds = *warmup;
  if (auto found = body.find("service_level_convention"); found != body.end()) {
    if (!found->is_string()) return bad("service_level_convention", "must be a string");
    auto convention = parse_service_level_convention(found->get<std::string>());
    if (!convention) return convention.error();
    config.convention = *convention;
  }
  if (auto found = body.find("replications"); found != body.end()) {
    if (!found->is_number_integer()) return bad("replications", "must be an integer");
    config.replications =
        static_cast<int>(std::clamp<std::int64_t>(found->get<std::int64_t>(), 0, 1'000'000));
  }
  if (auto found = body.find("seed"); found != body.end()) {
    if (!found->is_number_unsigned()) return bad("seed", "must be a non-negative integer");
    request.seed = found->get<std::uint64_t>();
  }
  return request;
}

json to_json(const SimulationReport& report, std::uint64_t seed) {
  return {{"service_level", estimate_json(report.service_level)},
          {"p_wait", estimate_json(report.p_wait)},
          {"asa_seconds", estimate_json(report.asa_seconds)},
          {"abandon_rate", estimate_json(report.abandon_rate)},
          {"occupancy", estimate_json(report.occupancy)},
          {"contacts", report.contacts},
          {"replications", report.replications},
          {"seed", seed},
          {"confidence", 0.95}};
}

}  // namespace sp::workforce

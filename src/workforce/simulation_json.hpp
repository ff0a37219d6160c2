// JSON for simulation runs (POST /api/v1/staffing/simulate):
//   {"intervals":[{"duration_seconds":900,"arrival_rate_per_hour":120,"agents":9}, ...],
//    "handle_time":{"distribution":"lognormal","mean_seconds":240,"cv":0.8},
//    "patience":{"distribution":"exponential","mean_seconds":90},   (optional)
//    "target_seconds":20, "service_level_convention":"answered_within_over_offered",
//    "warmup_seconds":0, "replications":20, "seed":42}
// The answer gives each figure as {mean, half_width, lower, upper} (95% interval).
#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "workforce/simulation.hpp"

namespace sp::workforce {

struct SimulationRequest {
  SimulationConfig config;
  std::uint64_t seed = 1;
};

// Field-named InvalidInput for missing or mistyped fields; the ranges are checked by
// simulate() itself.
Result<SimulationRequest> parse_simulation_request(const nlohmann::json& body);
nlohmann::json to_json(const SimulationReport& report, std::uint64_t seed);

}  // namespace sp::workforce

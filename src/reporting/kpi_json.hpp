// The JSON form of a KPI report, served at /api/v1/reports/kpis and written by
// `servicepact report kpis --format json`.
//
// Shape: {"dimension", "period", "from", "to" (RFC 3339), "time_zone", "business_time",
// "excluded": {"spam", "mystery_shopper"}, "definitions": {figure: text, ...},
// "groups": [{"key", "period": {"label", "start", "end"}, "figures": {figure: value, ...}}]}.
// Every key of "figures" has an entry in "definitions" (kpi_definitions()). Durations are
// summaries {"count", "mean", "median", "p90"} in seconds; absent values (no data, zero
// denominators, no calendar) are null, never 0. Rates are fractions in 0..1 (reopen_rate may
// exceed 1); nps is in points. Phone figures (calls.hpp): "calls" {offered, answered,
// abandoned, answered_without_wait}, "average_speed_of_answer" (seconds), "call_wait_time" (a
// summary), "service_level" {value, threshold_seconds, answered_within, calls} and
// "abandonment_rate" {value, abandoned, offered}. Never throws for a report made by compute_kpis.
#pragma once

#include <nlohmann/json.hpp>

#include "reporting/kpi.hpp"

namespace sp::reporting {

// Encodes `report` with every figure and its definition (shape above).
nlohmann::json to_json(const KpiReport& report);

}  // namespace sp::reporting

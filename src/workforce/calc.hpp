// The pure core of the CLI command `servicepact calc staffing` (issue 5, "Interfaces"): one
// JSON request line in, one JSON response line out. The shell (app/) reads stdin, calls
// calc_staffing_line per line and writes each result followed by a newline, in order.
//
// Contract: pure, thread-safe, and no exception ever escapes (nlohmann::json is used in its
// non-throwing modes and guarded besides). Every failure is a response of the form
//   {"error":{"type":"<type>","detail":"<human-readable>"}}
// with a stable type: "invalid-json" (the line is not JSON), "invalid-request" (not an
// object, unknown/missing/mistyped/out-of-range field, inputs that do not fit the model),
// "unstable-queue" (Erlang C with agents <= offered load), "unreachable-target" (no number
// of agents up to 100,000 meets the targets). A bug or out-of-memory would give type
// "internal" rather than an exception.
#pragma once

#include <string>
#include <string_view>

namespace sp::workforce {

// Request fields (a JSON object):
//   model                     "erlang_b" | "erlang_c" | "erlang_a"                 (required)
//   erlang_b: traffic_erlangs (>= 0), servers (integer >= 0)          -> {"blocking"}
//   erlang_c / erlang_a:
//     arrival_rate_per_hour (>= 0), aht_seconds (> 0)                             (required)
//     patience_seconds (> 0)                                       (erlang_a only, required)
//     target_seconds (>= 0)             threshold of the service level; needed to report it
//     service_level_convention          erlang_a only, default answered_within_over_offered
//     and either `agents` (integer >= 1: evaluate) or one or more targets:
//     target_service_level (0..1, needs target_seconds), target_asa_seconds (>= 0),
//     max_abandon (0..1, erlang_a only), max_occupancy (0..1), optional shrinkage (0..1).
// Response, as apply: blocking, agents_required, scheduled_agents (after shrinkage; equal to
// agents_required without it), p_wait, p_abandon (erlang_a), service_level (when
// target_seconds is given), asa_seconds (mean wait of answered contacts), occupancy.
// Unknown fields are rejected so that a misspelt target is never silently ignored.
std::string calc_staffing_line(std::string_view json_line);

}  // namespace sp::workforce

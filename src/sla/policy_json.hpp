// The JSON form of an SLA policy (issue 4), as used by the API:
//
//   {"name":"Major complaints","position":1,
//    "conditions":{"channels":["email"],"priorities":["urgent"],"categories":["major_complaint"],
//                  "tags_any":["vip"]},
//    "calendar_id":3,
//    "targets":{"first_response_minutes":30,"next_response_minutes":60,
//               "periodic_update_minutes":240,"resolution_minutes":2880},
//    "pause_on":{"first_response":[],"next_response":[],"periodic_update":[],
//                "resolution":["pending"]},
//    "next_response_starts":"after_first_reply","solve_meets_first_response":true,
//    "periodic_update_starts":"created","preset":null,"at_risk_fraction":0.75,
//    "escalation":[{"target":"first_response","at":0.75,"action":"notify_assignee"},
//                  {"target":"first_response","at":1.0,"action":"raise_priority"},
//                  {"target":"resolution","at":1.5,"action":"reassign_team","team_id":4}]}
//
// Required: "name" (1-200 bytes of text), "calendar_id" (integer >= 1) and "targets" with at least
// one target (integer minutes 1..2628000, five years; null or absent means no such target).
// Optional: "position" (integer, default 0, -1000000..1000000), "conditions" (each list optional;
// channel and priority names as in domain/model.hpp, categories and tags in their domain
// forms, tags lower-cased), "pause_on" (per target, status names other than solved and closed;
// a target left out keeps its default: only resolution pauses, on pending), "pause_resolution_on"
// (today's spelling of pause_on.resolution, still accepted and still written; when both are
// given they must agree), "next_response_starts" ("after_first_reply" default,
// "any_unanswered_inbound"), "solve_meets_first_response" (boolean, default true),
// "periodic_update_starts" ("created" default, "first_reply"), "preset" ("zammad", "rt",
// "znuny" or null: sets the pause sets and the three options as that peer behaves, see
// sla::apply_preset; explicit keys override it), "at_risk_fraction" (0 < f < 1, default 0.75),
// "escalation" (each step's
// "at" in (0, 10], its target one the policy sets, "team_id" required for reassign_team and
// allowed only there). "id" and "tenant_id" are read-only: to_json writes them, parsing
// accepts integers (or null) there and ignores them (the caller sets both), so a GET body can be PUT
// back. Every other key is rejected. Pure; never throws.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "sla/policy.hpp"

namespace sp::sla {

// Parses and validates a policy; the result has id 0 and tenant 0 for the caller to set.
// Fails with InvalidInput whose message starts with, and whose `field` is, the offending field:
// "name", "position", "calendar_id", "targets", "targets.first_response_minutes",
// "conditions.channels[0]", "pause_resolution_on[1]", "at_risk_fraction", "escalation[2].team_id",
// or an unknown key such as "conditions.moon". A non-object policy has an empty field.
[[nodiscard]] Result<SlaPolicy> parse_policy_json(const nlohmann::json& json);

// Returns the canonical form: every key above plus "id" and "tenant_id"; absent targets are
// left out of "targets". parse_policy_json(to_json(p)) equals p apart from id and tenant_id.
nlohmann::json to_json(const SlaPolicy& policy);

}  // namespace sp::sla

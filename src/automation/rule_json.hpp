// JSON form of automation rules (issue 17; README.md documents it). Pure. Parsing never throws:
// a malformed member is InvalidInput naming it, an unknown member has kind "unknown-field".
//
// {"name": "...", "event": "on_create"|"on_update"|"on_time", "active"?: true, "position"?: 0,
//  "conditions"?: {"all"?: [cond...], "any"?: [cond...]}, "actions": [action...]}
// cond:   {"field": "channel", "op": "is", "value": "email" | ["email", "web"]}
//         {"field": "tags", "op": "has_not", "value": "vip"}
//         {"field": "assignee_id", "op": "is", "value": null}            (unassigned)
//         {"field": "hours_in_status", "op": "gte", "value": 40, "business_hours": true}
// action: {"type": "set_priority", "value": "high"}  ... see README.md
#pragma once

#include <nlohmann/json.hpp>

#include "automation/rule.hpp"

namespace sp::automation {

// Parses a whole rule document (create and replace alike) and validates it (validate()).
[[nodiscard]] Result<Rule> parse_rule(const nlohmann::json& document);
// The document form (without id and times: to_json adds those).
nlohmann::json document_of(const Rule& rule);
nlohmann::json to_json(const Rule& rule);

}  // namespace sp::automation

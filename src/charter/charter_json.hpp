// The JSON form of a service charter: read by charter CRUD in the HTTP layer, stored as a
// document by storage, written back unchanged (read(write(c)) == c).
//
// Shape (every key optional unless marked; defaults as in charter.hpp):
// {"organisation"*: text, "letter_number"*: "SP-2026-001", "time_zone": "Europe/Amsterdam",
//  "signing"*: {"place"*: text, "date"*: "YYYY-MM-DD", "signatory"*: {"name"*: text, "title"*:
//  text}}, "contacts": [{"channel"*: "email", "address"*: "…", "hours": text}], "promises":
//  [{"channel"*: "email", "calendar_id": "office",
//                "first_response"*: {"minutes"*: 480, "basis": "business"|"calendar"},
//                "resolution"*: {…}}],
//  "promise_statistic": "median"|"p90"|"mean",
//  "thresholds": [{"kpi"*: "resolution_rate", "comparator"*: "at_least"|"at_most",
//                  "value"*: 85, "unit"*: "percent", "channel": "email"}],
//  "major_complaint_response_minutes": 30,
//  "breach_rules": {"major_overrun_percent": 50|null, "major_priorities": ["urgent"],
//                   "major_categories": ["major_complaint"]},
//  "complaint_route"*: {"negotiation_contact"*: text, "negotiation_days": 30,
//                       "arbitration_body"*: text, "court"*: text, "governing_law"*: text},
//  "rhythm": {"daily_self_check_time": "08:30", "self_checks_per_day": 1,
//             "weekly_feedback_summaries": 1, "monthly_trainings": 1, "quarterly_drills": 1,
//             "daily_qa_samples": 5, "monthly_mystery_shops": 1, "semiannual_quality_reports": 1},
//  "languages": ["nl", "en", "zh"]}
// A text is a string, or {"default": "…", "nl": "…", "en": "…", "zh": "…"} (default optional:
// then the en, nl or zh text, in that order). Unknown keys are rejected.
#pragma once

#include <nlohmann/json.hpp>

#include "charter/charter.hpp"

namespace sp::charter {

// Reads and validates (charter::validate) a charter. Fails with InvalidInput whose field is the
// JSON path of the offending value ("thresholds[2].unit"); never throws.
[[nodiscard]] Result<Charter> charter_from_json(const nlohmann::json& json);

// Writes every field (defaults included). Never throws.
nlohmann::json to_json(const Charter& charter);

// Where a tenant's charter is stored (the settings table), as JSON of to_json.
std::string charter_setting_key(domain::TenantId tenant);

}  // namespace sp::charter

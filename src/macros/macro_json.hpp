// JSON form of macros and field changes (issue 17), shared by the macro routes and the bulk
// route. Pure. Parsing never throws: every malformed member is an InvalidInput naming it (kind
// "unknown-field" for a member that does not exist, kUnknownPlaceholder for a bad text).
//
// A macro: {"id", "scope": "tenant"|"team"|"personal", "team_id", "owner_id", "name",
//           "texts": {"nl"?: "...", "en"?: "...", "zh"?: "..."}, "changes": {...},
//           "created_at", "updated_at"}
// Changes: {"status"?, "priority"?, "tags_add"?: [..], "tags_remove"?: [..],
//           "team_id"?: id|null, "assignee_id"?: id|null, "category"?: "..."}
#pragma once

#include <nlohmann/json.hpp>

#include "macros/macro.hpp"

namespace sp::macros {

// Parses a changes object. `allow_category` is false for bulk actions (they change no
// category). Field names in errors are prefixed with `prefix` ("changes.").
[[nodiscard]] Result<FieldChanges> parse_changes(const nlohmann::json& object, const std::string& prefix,
                                                 bool allow_category = true);
nlohmann::json to_json(const FieldChanges& changes);

// Applies the members present in `document` (name, scope, team_id, texts, changes) to `macro`:
// a create starts from an empty Macro, a PATCH from the stored one. Checks sizes, texts and the
// scope/team pairing after applying (owner_id is set by the caller, never from the document).
// REQUIRES: for a create, `document` names name and texts (checked: InvalidInput otherwise).
[[nodiscard]] Result<void> apply_document(Macro& macro, const nlohmann::json& document, bool creating);
nlohmann::json to_json(const Macro& macro);

}  // namespace sp::macros

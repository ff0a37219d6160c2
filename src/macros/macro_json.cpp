#include "macros/macro_json.hpp"

#include "core/text.hpp"
#include "domain/validation.hpp"

namespace sp::macros {

namespace {

using nlohmann::json;

Error unknown_member(const std::string& field) {
  Error error = invalid_input("unknown member", field);
  error.kind = "unknown-field";
  return error;
}

Result<std::vector<std::string>> tag_list(const json& value, const std::string& field) {
  if (!value.is_array() || value.size() > domain::kMaxTags) {
    return invalid_input("a list of at most 20 tags", field);
  }
  std::vector<std::string> tags;
  for (const auto& tag : value) {
    if (!tag.is_string()) return invalid_input("a list of at most 20 tags", field);
    tags.push_back(tag.get<std::string>());
  }
  auto normalised = domain::normalise_tags(tags);
  if (!normalised) return invalid_input(normalised.error().message, field);
  return normalised;
}

// id | null -> engaged optional; anything else fails.
template <typename IdT>
Result<std::optional<IdT>> nullable_id(const json& value, const std::string& field) {
  if (value.is_null()) return std::optional<IdT>{};
  if (!value.is_number_integer() || value.get<std::int64_t>() <= 0) {
    return invalid_input(field + " is a positive integer or null", field);
  }
  return std::optional<IdT>{IdT{value.get<std::int64_t>()}};
}

template <typename T, typename Parse>
Result<T> enum_value(const json& value, const std::string& field, Parse parse) {
  if (!value.is_string()) return invalid_input(field + " must be a string", field);
  auto parsed = parse(value.get<std::string>());
  if (!parsed) return invalid_input(parsed.error().message, field);
  return *parsed;
}

template <typename IdT>
json id_or_null(const std::optional<IdT>& id) {
  return id ? json(id->value) : json(nullptr);
}

}  // namespace

Result<FieldChanges> parse_changes(const json& object, const std::string& prefix, bool allow_category) {
  if (!object.is_object())
    return invalid_input("changes must be an object", prefix.substr(0, prefix.size() - 1));
  FieldChanges changes;
  for (const auto& [key, value] : object.items()) {
    const std::string field = prefix + key;
    if (key == "status") {
      auto status = enum_value<domain::Status>(value, field, domain::parse_status);
      if (!status) return status.error();
      changes.status = *status;
    } else if (key == "priority") {
      auto priority = enum_value<domain::Priority>(value, field, domain::parse_priority);
      if (!priority) return priority.error();
      changes.priority = *priority;
    } else if (key == "tags_add" || key == "tags_remove") {
      auto tags = tag_list(value, field);
      if (!tags) return tags.error();
      (key == "tags_add" ? changes.tags_add : changes.tags_remove) = std::move(*tags);
    } else if (key == "team_id") {
      auto team = nullable_id<domain::TeamId>(value, field);
      if (!team) return team.error();
      changes.team_id = *team;
    } else if (key == "assignee_id") {
      auto assignee = nullable_id<domain::AgentId>(value, field);
      if (!assignee) return assignee.error();
      changes.assignee_id = *assignee;
    } else if (key == "category" && allow_category) {
      if (!value.is_string()) return invalid_input(field + " must be a string", field);
      auto category = domain::validate_category(value.get<std::string>());
      if (!category) return invalid_input(category.error().message, field);
      changes.category = *category;
    } else {
      return unknown_member(field);
    }
  }
  return changes;
}

json to_json(const FieldChanges& changes) {
  json out = json::object();
  if (changes.status) out["status"] = std::string(domain::to_string(*changes.status));
  if (changes.priority) out["priority"] = std::string(domain::to_string(*changes.priority));
  if (!changes.tags_add.empty()) out["tags_add"] = changes.tags_add;
  if (!changes.tags_remove.empty()) out["tags_remove"] = changes.tags_remove;
  if (changes.team_id) out["team_id"] = id_or_null(*changes.team_id);
  if (changes.assignee_id) out["assignee_id"] = id_or_null(*changes.assignee_id);
  if (changes.category) out["category"] = *changes.category;
  return out;
}

Result<void> apply_document(Macro& macro, const json& document, bool creating) {
  if (!document.is_object()) return invalid_input("the body must be a JSON object");
  if (creating && (!document.contains("name") || !document.contains("texts"))) {
    return invalid_input("name and texts are required", document.contains("name") ? "texts" : "name");
  }
  for (const auto& [key, value] : document.items()) {
    if (key == "name") {
      if (!value.is_string()) return invalid_input("name must be a string", "name");
      std::string name = std::string(text::trim(value.get<std::string>()));
      if (name.empty() || name.size() > kMaxNameBytes || !text::is_valid_utf8(name)) {
        return invalid_input("name is 1-120 bytes of UTF-8", "name");
      }
      macro.name = std::move(name);
    } else if (key == "scope") {
      if (!value.is_string()) return invalid_input("scope is tenant, team or personal", "scope");
      auto scope = parse_scope(value.get<std::string>());
      if (!scope) return scope.error();
      macro.scope = *scope;
    } else if (key == "team_id") {
      auto team = nullable_id<domain::TeamId>(value, "team_id");
      if (!team) return team.error();
      macro.team_id = *team;
    } else if (key == "texts") {
      if (!value.is_object()) return invalid_input("texts is an object of nl, en and zh", "texts");
      std::map<domain::Language, std::string> texts;
      for (const auto& [code, text] : value.items()) {
        auto language = domain::parse_language(code);
        if (!language) return unknown_member("texts." + code);
        if (!text.is_string()) return invalid_input("a text must be a string", "texts." + code);
        SP_TRY(validate_text(text.get_ref<const std::string&>(), "texts." + code));
        texts[*language] = text.get<std::string>();
      }
      if (texts.empty()) return invalid_input("texts names at least one of nl, en and zh", "texts");
      macro.texts = std::move(texts);
    } else if (key == "changes") {
      auto changes = parse_changes(value, "changes.");
      if (!changes) return changes.error();
      macro.changes = std::move(*changes);
    } else {
      return unknown_member(key);
    }
  }
  if (macro.scope == Scope::Team && !macro.team_id)
    return invalid_input("a team macro names its team", "team_id");
  if (macro.scope != Scope::Team) macro.team_id.reset();
  return {};
}

json to_json(const Macro& macro) {
  json texts = json::object();
  for (const auto& [language, text] : macro.texts) texts[std::string(domain::to_string(language))] = text;
  return json{{"id", macro.id},
              {"scope", std::string(to_string(macro.scope))},
              {"team_id", id_or_null(macro.team_id)},
              {"owner_id", id_or_null(macro.owner_id)},
              {"name", macro.name},
              {"texts", std::move(texts)},
              {"changes", to_json(macro.changes)},
              {"created_at", format_rfc3339(macro.created_at)},
              {"updated_at", format_rfc3339(macro.updated_at)}};
}

}  // namespace sp::macros

// Error helpers shared by the JSON readers of sla/ (calendar_json, policy_json): every
// message starts with the offending field, which is also set as Error::field. Internal.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sp::sla::detail {

inline constexpr std::size_t kMaxQuotedChars = 64;

// Quotes user text for an error message, shortened so a hostile key cannot bloat it.
inline std::string quote_text(std::string_view text) {
  std::string shown(text.substr(0, kMaxQuotedChars));
  if (text.size() > kMaxQuotedChars) shown += "...";
  return "'" + shown + "'";
}

inline Error field_error(const std::string& field, const std::string& why) {
  return invalid_input(field + ": " + why, field);
}

inline std::string_view type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_float:
      return "a fractional number";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    default:
      return "an unsupported value";
  }
}

inline Error type_error(const std::string& field, std::string_view expected, const nlohmann::json& value) {
  return field_error(field, "must be " + std::string(expected) + ", got " + std::string(type_name(value)));
}

}  // namespace sp::sla::detail

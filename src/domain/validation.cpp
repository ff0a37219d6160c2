#include "domain/validation.hpp"

#include <algorithm>

namespace sp::domain {

namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

using text::ascii_lower;
using text::trim;

}  // namespace

Result<std::string> require_text(std::string_view value, std::string_view field, std::size_t max_bytes,
                                 bool allow_newlines) {
  std::string name(field);
  auto trimmed = trim(value);
  if (trimmed.empty()) return invalid_input(name + " must not be empty", name);
  if (trimmed.size() > max_bytes) {
    return invalid_input(name + " is longer than " + std::to_string(max_bytes) + " bytes", name);
  }
  if (!is_valid_utf8(trimmed)) return invalid_input(name + " is not valid UTF-8", name);
  for (char c : trimmed) {
    auto u = static_cast<unsigned char>(c);
    bool newline_ok = allow_newlines && (c == '\n' || c == '\r');
    if ((u < 0x20 && c != '\t' && !newline_ok) || u == 0x7F) {
      return invalid_input(name + " contains control characters", name);
    }
  }
  return std::string(trimmed);
}

Result<std::string> normalise_email(std::string_view email, std::string_view field) {
  std::string name(field);
  auto trimmed = trim(email);
  if (trimmed.empty() || trimmed.size() > 254) {
    return invalid_input(name + " must be an e-mail address of at most 254 characters", name);
  }
  auto at = trimmed.find('@');
  if (at == std::string_view::npos || at == 0 || at != trimmed.rfind('@')) {
    return invalid_input(name + " must look like name@example.org", name);
  }
  auto domain = trimmed.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos) {
    return invalid_input(name + " has an invalid domain", name);
  }
  std::string out;
  out.reserve(trimmed.size());
  for (char c : trimmed) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' ||
        c == ')' || c == '\\' || c == '[' || c == ']') {
      return invalid_input(name + " contains characters not allowed in an address", name);
    }
    out.push_back(ascii_lower(c));
  }
  if (!is_valid_utf8(out)) return invalid_input(name + " is not valid UTF-8", name);
  return out;
}

Result<std::string> normalise_phone(std::string_view phone, std::string_view field) {
  std::string name(field);
  std::string out;
  std::size_t digits = 0;
  for (std::size_t idx = 0; idx < phone.size(); ++idx) {
    char c = phone[idx];
    if (c >= '0' && c <= '9') {
      out.push_back(c);
      ++digits;
    } else if (c == '+' && out.empty()) {
      out.push_back(c);
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
      continue;
    } else {
      return invalid_input(name + " may contain only digits, spaces, dashes and a leading +", name);
    }
  }
  if (digits < 6 || digits > 17) return invalid_input(name + " must have 6 to 17 digits", name);
  return out;
}

Result<std::string> validate_slug(std::string_view slug, std::string_view field) {
  std::string name(field);
  if (slug.size() < 2 || slug.size() > 40 || slug.front() == '-' || slug.back() == '-' ||
      !std::all_of(slug.begin(), slug.end(), [](char c) { return is_lower_alnum(c) || c == '-'; })) {
    return invalid_input(name + " must be 2-40 characters of a-z, 0-9 and '-'", name);
  }
  return std::string(slug);
}

Result<std::vector<std::string>> normalise_tags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (const auto& raw : tags) {
    std::string tag;
    for (char c : trim(raw)) tag.push_back(ascii_lower(c));
    if (tag.empty() || tag.size() > kMaxTagBytes || !std::all_of(tag.begin(), tag.end(), [](char c) {
          return is_lower_alnum(c) || c == '_' || c == '-' || c == ':' || c == '.';
        })) {
      return invalid_input("each tag must be 1-50 characters of a-z, 0-9, '_', '-', ':' and '.'", "tags");
    }
    out.push_back(std::move(tag));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > kMaxTags) return invalid_input("at most 20 tags per ticket", "tags");
  return out;
}

Result<std::string> validate_category(std::string_view category) {
  if (category.empty()) return std::string();
  if (category.size() > kMaxCategoryBytes || !std::all_of(category.begin(), category.end(), [](char c) {
        return is_lower_alnum(c) || c == '_' || c == '-';
      })) {
    return invalid_input("category must be 1-64 characters of a-z, 0-9, '_' and '-'", "category");
  }
  return std::string(category);
}

std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& tag : tags) {
    if (!out.empty()) out.push_back(',');
    out += tag;
  }
  return out;
}

std::vector<std::string> split_tags(std::string_view joined) {
  std::vector<std::string> out;
  while (!joined.empty()) {
    auto comma = joined.find(',');
    auto part = joined.substr(0, comma);
    if (!part.empty()) out.emplace_back(part);
    if (comma == std::string_view::npos) break;
    joined.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace sp::domain

// Input rules shared by every channel: lengths, e-mail and phone normal forms, slugs,
// tags. Pure functions; each failure is an InvalidInput error naming the field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/text.hpp"

namespace sp::domain {

inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr std::size_t kMaxSubjectBytes = 500;
inline constexpr std::size_t kMaxBodyBytes = 256 * 1024;
inline constexpr std::size_t kMaxTags = 20;
inline constexpr std::size_t kMaxTagBytes = 50;
inline constexpr std::size_t kMaxCategoryBytes = 64;
inline constexpr std::size_t kMaxContactsPerCustomer = 10;

// Text that is non-empty after trimming, at most `max_bytes`, valid UTF-8 and free of
// control characters other than tab/newline. Returns the trimmed text.
Result<std::string> require_text(std::string_view value, std::string_view field, std::size_t max_bytes,
                                 bool allow_newlines = false);

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates): core/text.hpp's.
using text::is_valid_utf8;

// Lower-cases and checks "local@domain.tld"; fails on anything else.
Result<std::string> normalise_email(std::string_view email, std::string_view field = "email");

// Keeps a leading '+' and the digits, dropping spaces, dots, dashes and parentheses;
// requires 6 to 17 digits.
Result<std::string> normalise_phone(std::string_view phone, std::string_view field = "phone");

// 2-40 characters of [a-z0-9-], not starting or ending with '-'.
Result<std::string> validate_slug(std::string_view slug, std::string_view field = "slug");

// Lower-cases, de-duplicates and sorts; each tag 1-50 of [a-z0-9_:.-]; at most 20.
Result<std::vector<std::string>> normalise_tags(const std::vector<std::string>& tags);

// Empty, or 1-64 of [a-z0-9_-] ("major_complaint").
Result<std::string> validate_category(std::string_view category);

std::string join_tags(const std::vector<std::string>& tags);  // "a,b"
std::vector<std::string> split_tags(std::string_view joined);

}  // namespace sp::domain

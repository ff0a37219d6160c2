// Character classes and keyword matching shared by the detectors of personal_data.cpp and
// context_data.cpp. Internal to privacy/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "privacy/personal_data.hpp"

namespace sp::privacy::detail {

inline bool is_digit(char32_t c) {
  return c >= '0' && c <= '9';
}
inline bool is_ascii_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_upper(char32_t c) {
  return c >= 'A' && c <= 'Z';
}
inline bool is_ascii_alnum(char32_t c) {
  return is_digit(c) || is_ascii_letter(c);
}
// Chinese is written without spaces, so an ideograph next to a number is a word edge.
inline bool is_cjk_ideograph(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}
// Letters of any other script count as word characters, so a number glued to a word is not data.
inline bool is_word_char(char32_t c) {
  if (is_ascii_alnum(c)) return true;
  if (is_cjk_ideograph(c)) return false;
  return c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c <= 0x206F) &&
         !(c >= 0x3000 && c <= 0x303F) && !(c >= 0xFF00 && c <= 0xFF0F) && !(c >= 0xFF1A && c <= 0xFF20);
}
inline char32_t lower(char32_t c) {
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}
inline bool boundary_before(const std::u32string& cps, std::size_t pos) {
  return pos == 0 || !is_word_char(cps[pos - 1]);
}
inline bool boundary_after(const std::u32string& cps, std::size_t pos) {
  return pos >= cps.size() || !is_word_char(cps[pos]);
}

// The scanned text once decoded: code points, and the same with ASCII lower-cased.
struct ScanText {
  std::u32string cps;
  std::u32string lowered;
};

// Keywords (lower-case; Latin ones match whole words, Chinese ones anywhere).
using Keywords = std::vector<std::u32string>;

// The length of the keyword of `keywords` that starts at `pos`, or 0.
std::size_t keyword_at(const ScanText& text, std::size_t pos, const Keywords& keywords);
// How far before `pos` the nearest keyword of `keywords` ends, when one ends within `window`
// code points; std::string::npos when none does.
std::size_t keyword_distance(const ScanText& text, std::size_t pos, const Keywords& keywords,
                             std::size_t window);
inline bool keyword_before(const ScanText& text, std::size_t pos, const Keywords& keywords,
                           std::size_t window) {
  return keyword_distance(text, pos, keywords, window) != std::string::npos;
}

// Keywords after which a number is an order, invoice, tracking or reference number.
const Keywords& reference_keywords();

// The detectors that need a keyword or a structure around the data: each appends its matches.
void find_passports(const ScanText& text, std::vector<PersonalDataMatch>& out);
void find_dates_of_birth(const ScanText& text, std::vector<PersonalDataMatch>& out);
void find_addresses(const ScanText& text, std::vector<PersonalDataMatch>& out);

}  // namespace sp::privacy::detail

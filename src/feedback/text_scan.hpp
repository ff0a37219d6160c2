// UTF-8 scanning shared by topics and recurring issues (internal to feedback/). Malformed
// bytes decode as U+FFFD one byte at a time, so scanning never stops or reads past the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sp::feedback::detail {

// Decodes the code point at `pos`; sets `length` to its byte count (>= 1).
inline char32_t decode_at(std::string_view text, std::size_t pos, std::size_t& length) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(pos);
  length = 1;
  if (lead < 0x80) return lead;
  std::size_t count = 0;
  char32_t cp = 0;
  if ((lead & 0xE0) == 0xC0) {
    count = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    count = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    count = 4;
    cp = lead & 0x07;
  } else {
    return 0xFFFD;
  }
  if (pos + count > text.size()) return 0xFFFD;
  for (std::size_t idx = 1; idx < count; ++idx) {
    if ((byte(pos + idx) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (byte(pos + idx) & 0x3F);
  }
  length = count;
  return cp;
}

// The start of the code point that ends just before `pos` (pos > 0).
inline std::size_t previous_start(std::string_view text, std::size_t pos) {
  std::size_t start = pos - 1;
  int steps = 0;
  while (start > 0 && steps < 3 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
    ++steps;
  }
  return start;
}

inline bool is_ascii_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

// Latin letters: ASCII, Latin-1 Supplement and Latin Extended-A/B (without x and ÷).
inline bool is_latin_letter(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  return cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
}

// CJK ideographs (unified, extension A, compatibility).
inline bool is_cjk(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF);
}

// A character of a latin word (nl/en whole-word matching).
inline bool is_word_char(char32_t cp) { return is_latin_letter(cp) || is_ascii_digit(cp); }

}  // namespace sp::feedback::detail

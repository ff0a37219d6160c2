// Character classes shared by topics and recurring issues (internal to feedback/). Text is
// scanned with text::decode_utf8 (core/text.hpp): malformed bytes decode as U+FFFD one byte at
// a time, so scanning never stops or reads past the end.
#pragma once

namespace sp::feedback::detail {

inline bool is_ascii_digit(char32_t cp) {
  return cp >= '0' && cp <= '9';
}

// Latin letters: ASCII, Latin-1 Supplement and Latin Extended-A/B (without x and ÷).
inline bool is_latin_letter(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  return cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
}

// CJK ideographs (unified, extension A, compatibility).
inline bool is_cjk(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

// A character of a latin word (nl/en whole-word matching).
inline bool is_word_char(char32_t cp) {
  return is_latin_letter(cp) || is_ascii_digit(cp);
}

}  // namespace sp::feedback::detail

// The text model the conduct check works on: code points, word tokens (lower-cased and
// stemmed), sentences and paragraphs, all with code-point spans into the original text.
//
// nl and en text is split into words by letters, digits and inner apostrophes or hyphens, and
// each word is stemmed with Snowball (libstemmer: "dutch", "english"). zh text is split by ICU's
// dictionary-based word break iterator (Latin words inside it become tokens too); Chinese words
// are not stemmed. Pure apart from the per-thread stemmer and break-iterator caches (built on
// first use in each thread, never shared), so every function here is thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace sp::conduct {

struct Token {
  std::size_t start = 0;  // code points
  std::size_t end = 0;
  std::string norm;  // lower-cased UTF-8
  std::string stem;  // Snowball stem (nl/en) or norm (zh)
  bool cjk = false;  // made of Chinese characters
};

struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
};

struct ScannedText {
  std::u32string code_points;
  std::vector<Token> tokens;
  std::vector<Span> sentences;   // trimmed, non-empty
  std::vector<Span> paragraphs;  // separated by a blank line, trimmed, non-empty
  std::vector<Span> lines;       // trimmed, non-empty
};

// Decodes `text` (invalid bytes become U+FFFD, one code point each).
std::u32string decode(std::string_view text);
// Encodes code points [start, end) as UTF-8.
std::string encode(const std::u32string& code_points, std::size_t start, std::size_t end);
// `code_point` lower-cased (Unicode simple case mapping).
char32_t to_lower(char32_t code_point);
// True for CJK unified ideographs (the characters Chinese words are made of).
bool is_cjk(char32_t code_point);
// True for letters and digits of any script.
bool is_word_char(char32_t code_point);

// Tokens, sentences, paragraphs and lines of `text` in `language`.
ScannedText scan(std::string_view text, domain::Language language);

// The tokens of a short phrase (a word-list entry, a glossary term), scanned the same way.
std::vector<Token> phrase_tokens(std::string_view phrase, domain::Language language);

// The index of the first token that starts at or after `position`.
std::size_t first_token_at(const std::vector<Token>& tokens, std::size_t position);

}  // namespace sp::conduct

// The words a full-text index stores and a search query asks for, made the same way on both
// sides so that SQLite FTS5 (unicode61 tokenizer, which splits on the spaces put here) only
// compares finished terms.
//
// nl and en words are the Snowball stems of src/conduct's scanner (one stemmer, not a second);
// a query word asks for its nl stem, its en stem or its lower-cased form, because the language
// of a query is not known. Chinese is indexed as overlapping character bigrams of each run of
// Chinese characters (a lone character is its own term), so 退款 finds 我要退款 whatever a word
// segmenter would make of the sentence. Pure and thread-safe (see conduct/text_scan.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace sp::search {

struct Term {
  std::string text;       // what the index stores
  std::size_t start = 0;  // code points into the original text, for highlights
  std::size_t end = 0;
};

// Longest query accepted, in bytes (the HTTP layer rejects longer ones).
inline constexpr std::size_t kMaxQueryBytes = 200;
// Most words a query may have after tokenising.
inline constexpr std::size_t kMaxQueryWords = 12;

// The index terms of `text` written in `language`, in text order.
std::vector<Term> index_terms(std::string_view text, domain::Language language);

// The terms of `text` joined by spaces: the column value for the FTS5 table.
std::string index_text(std::string_view text, domain::Language language);

// The FTS5 MATCH expression for a user's query: every word must match (AND); a Latin word
// matches any of its stems, Chinese runs match as a phrase of their bigrams. Empty when the
// query has no word (the caller answers 400). Terms are quoted, so no FTS5 syntax leaks through.
std::string match_expression(std::string_view query);

// Where the words of `query` occur in `text` (code-point spans, text order), for highlights.
std::vector<Term> matches_in(std::string_view text, domain::Language language, std::string_view query);

// A highlight: the part of a text around the first match of a query, at most
// `max_code_points` long, and the matches inside it (code points into `text` below).
struct Snippet {
  std::string text;
  std::vector<Term> spans;
};
// Starts a few words before the first match (at a space when one is near); nullopt when the
// query's words do not occur in `text`.
std::optional<Snippet> snippet(std::string_view text, domain::Language language, std::string_view query,
                               std::size_t max_code_points);

}  // namespace sp::search

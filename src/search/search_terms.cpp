#include "search/search_terms.hpp"

#include <algorithm>
#include <set>

#include "conduct/text_scan.hpp"

namespace sp::search {
namespace {

// Bigrams of each run of Chinese characters in `code_points`.
void add_cjk_terms(const std::u32string& code_points, std::vector<Term>& terms) {
  std::size_t i = 0;
  while (i < code_points.size()) {
    if (!conduct::is_cjk(code_points[i])) {
      ++i;
      continue;
    }
    std::size_t run_end = i;
    while (run_end < code_points.size() && conduct::is_cjk(code_points[run_end])) ++run_end;
    if (run_end - i == 1) {
      terms.push_back({conduct::encode(code_points, i, i + 1), i, i + 1});
    } else {
      for (std::size_t k = i; k + 1 < run_end; ++k)
        terms.push_back({conduct::encode(code_points, k, k + 2), k, k + 2});
    }
    i = run_end;
  }
}

std::string quoted(const std::string& term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A Latin word of a query and the index terms it may be.
std::set<std::string> latin_variants(std::string_view word) {
  std::set<std::string> variants;
  for (auto language : {domain::Language::Nl, domain::Language::En}) {
    for (const auto& token : conduct::phrase_tokens(word, language)) {
      variants.insert(token.stem);
      variants.insert(token.norm);
    }
  }
  return variants;
}

}  // namespace

std::vector<Term> index_terms(std::string_view text, domain::Language language) {
  const auto scanned = conduct::scan(text, language);
  std::vector<Term> terms;
  for (const auto& token : scanned.tokens) {
    if (token.cjk || token.stem.empty()) continue;
    // Words with a Chinese character in them are covered by the bigrams below.
    bool has_cjk = false;
    for (std::size_t i = token.start; i < token.end; ++i)
      has_cjk = has_cjk || conduct::is_cjk(scanned.code_points[i]);
    if (!has_cjk) terms.push_back({token.stem, token.start, token.end});
  }
  add_cjk_terms(scanned.code_points, terms);
  std::stable_sort(terms.begin(), terms.end(),
                   [](const Term& a, const Term& b) { return a.start < b.start; });
  return terms;
}

std::string index_text(std::string_view text, domain::Language language) {
  std::string out;
  for (const auto& term : index_terms(text, language)) {
    if (!out.empty()) out += ' ';
    out += term.text;
  }
  return out;
}

std::string match_expression(std::string_view query) {
  if (query.size() > kMaxQueryBytes) query = query.substr(0, kMaxQueryBytes);
  const auto code_points = conduct::decode(query);
  std::vector<std::string> clauses;
  std::size_t i = 0;
  while (i < code_points.size() && clauses.size() < kMaxQueryWords) {
    const char32_t c = code_points[i];
    if (conduct::is_cjk(c)) {
      std::size_t run_end = i;
      while (run_end < code_points.size() && conduct::is_cjk(code_points[run_end])) ++run_end;
      std::vector<Term> bigrams;
      add_cjk_terms(std::u32string(code_points.begin() + i, code_points.begin() + run_end), bigrams);
      // The run's bigrams in order, as an FTS5 phrase: adjacent in the index means the same run.
      std::string phrase;
      for (const auto& b : bigrams) phrase += (phrase.empty() ? "" : " ") + b.text;
      clauses.push_back(quoted(phrase));
      i = run_end;
    } else if (conduct::is_word_char(c)) {
      std::size_t word_end = i;
      while (word_end < code_points.size() && conduct::is_word_char(code_points[word_end]) &&
             !conduct::is_cjk(code_points[word_end]))
        ++word_end;
      const auto variants = latin_variants(conduct::encode(code_points, i, word_end));
      std::string clause;
      for (const auto& v : variants) clause += (clause.empty() ? "" : " OR ") + quoted(v);
      if (!clause.empty()) clauses.push_back(variants.size() > 1 ? "(" + clause + ")" : clause);
      i = word_end;
    } else {
      ++i;
    }
  }
  std::string out;
  for (const auto& clause : clauses) out += (out.empty() ? "" : " AND ") + clause;
  return out;
}

std::vector<Term> matches_in(std::string_view text, domain::Language language, std::string_view query) {
  std::set<std::string> wanted;
  for (const auto& term : index_terms(query, domain::Language::Zh)) wanted.insert(term.text);
  for (const auto& term : index_terms(query, domain::Language::Nl)) wanted.insert(term.text);
  for (const auto& term : index_terms(query, domain::Language::En)) wanted.insert(term.text);
  std::vector<Term> found;
  for (auto& term : index_terms(text, language))
    if (wanted.count(term.text) > 0) found.push_back(std::move(term));
  return found;
}

std::optional<Snippet> snippet(std::string_view text, domain::Language language, std::string_view query,
                               std::size_t max_code_points) {
  const auto found = matches_in(text, language, query);
  if (found.empty() || max_code_points == 0) return std::nullopt;
  const auto code_points = conduct::decode(text);
  // Some context before the first match, begun after a space if there is one in it.
  constexpr std::size_t kLeadIn = 30;
  std::size_t begin = found.front().start > kLeadIn ? found.front().start - kLeadIn : 0;
  if (begin > 0) {
    for (std::size_t i = begin; i < found.front().start; ++i) {
      if (code_points[i] == U' ') {
        begin = i + 1;
        break;
      }
    }
  }
  const std::size_t end = std::min(code_points.size(), begin + max_code_points);
  Snippet out;
  out.text = conduct::encode(code_points, begin, end);
  for (const auto& term : found) {
    if (term.start >= begin && term.end <= end)
      out.spans.push_back({term.text, term.start - begin, term.end - begin});
  }
  return out;
}

}  // namespace sp::search

#include "conduct/text_scan.hpp"

#include "privacy/personal_data.hpp"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "core/text.hpp"

namespace sp::conduct {

namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};
using StemmerPtr = std::unique_ptr<sb_stemmer, StemmerDeleter>;

// libstemmer's stemmers keep state between calls, so each thread has its own.
sb_stemmer* stemmer_for(domain::Language language) {
  thread_local StemmerPtr dutch(sb_stemmer_new("dutch", "UTF_8"));
  thread_local StemmerPtr english(sb_stemmer_new("english", "UTF_8"));
  return language == domain::Language::Nl ? dutch.get() : english.get();
}

std::string stem_word(const std::string& norm, domain::Language language) {
  sb_stemmer* stemmer = stemmer_for(language);
  if (stemmer == nullptr || norm.empty()) return norm;
  const sb_symbol* stemmed = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(norm.data()),
                                             static_cast<int>(norm.size()));
  if (stemmed == nullptr) return norm;
  return std::string(reinterpret_cast<const char*>(stemmed),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer)));
}

// ICU's break iterators are expensive to create and not thread-safe: one per thread.
icu::BreakIterator* chinese_word_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> breaker = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> made(
        icu::BreakIterator::createWordInstance(icu::Locale::getSimplifiedChinese(), status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  return breaker.get();
}

bool is_inner_joiner(char32_t c) {
  return c == '\'' || c == 0x2019 || c == '-';
}

Token make_token(const std::u32string& cps, std::size_t start, std::size_t end, domain::Language language) {
  Token token;
  token.start = start;
  token.end = end;
  for (std::size_t pos = start; pos < end; ++pos) {
    char32_t c = cps[pos] == 0x2019 ? U'\'' : to_lower(cps[pos]);
    text::append_utf8(token.norm, c);
    if (is_cjk(cps[pos])) token.cjk = true;
  }
  token.stem = token.cjk || language == domain::Language::Zh ? token.norm : stem_word(token.norm, language);
  return token;
}

void latin_tokens(const std::u32string& cps, domain::Language language, std::vector<Token>& out) {
  std::size_t pos = 0;
  while (pos < cps.size()) {
    if (!is_word_char(cps[pos])) {
      ++pos;
      continue;
    }
    std::size_t start = pos;
    while (pos < cps.size()) {
      if (is_word_char(cps[pos])) {
        ++pos;
      } else if (is_inner_joiner(cps[pos]) && pos + 1 < cps.size() && is_word_char(cps[pos + 1]) &&
                 !is_cjk(cps[pos + 1])) {
        ++pos;
      } else {
        break;
      }
      if (pos < cps.size() && is_cjk(cps[pos]) != is_cjk(cps[pos - 1])) break;
    }
    out.push_back(make_token(cps, start, pos, language));
  }
}

void chinese_tokens(const std::u32string& cps, std::vector<Token>& out) {
  icu::BreakIterator* breaker = chinese_word_breaker();
  if (breaker == nullptr) {
    latin_tokens(cps, domain::Language::Zh, out);
    return;
  }
  // ICU works in UTF-16: remember where each code point starts.
  icu::UnicodeString utf16;
  std::vector<std::size_t> code_point_of_unit;
  code_point_of_unit.reserve(cps.size() + 1);
  for (std::size_t idx = 0; idx < cps.size(); ++idx) {
    code_point_of_unit.push_back(idx);
    if (cps[idx] > 0xFFFF) code_point_of_unit.push_back(idx);
    utf16.append(static_cast<UChar32>(cps[idx]));
  }
  code_point_of_unit.push_back(cps.size());
  breaker->setText(utf16);
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE; start = end, end = breaker->next()) {
    if (breaker->getRuleStatus() == UBRK_WORD_NONE) continue;
    std::size_t from = code_point_of_unit[static_cast<std::size_t>(start)];
    std::size_t to = code_point_of_unit[static_cast<std::size_t>(end)];
    if (from < to && is_word_char(cps[from])) out.push_back(make_token(cps, from, to, domain::Language::Zh));
  }
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xA0 || c == 0x3000;
}

void add_trimmed(const std::u32string& cps, std::size_t start, std::size_t end, std::vector<Span>& out) {
  while (start < end && is_space(cps[start])) ++start;
  while (end > start && is_space(cps[end - 1])) --end;
  if (start < end) out.push_back({start, end});
}

bool ends_sentence(const std::u32string& cps, std::size_t pos) {
  char32_t c = cps[pos];
  if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '\n') return true;  // 。！？；
  if (c == '!' || c == '?' || c == '.' || c == ';') {
    // "2.5" and "d.w.z." do not end a sentence; a full stop needs a space or the end after it.
    return pos + 1 >= cps.size() || is_space(cps[pos + 1]);
  }
  return false;
}

}  // namespace

std::u32string decode(std::string_view text) {
  return privacy::to_code_points(text);
}

std::string encode(const std::u32string& code_points, std::size_t start, std::size_t end) {
  std::string out;
  end = std::min(end, code_points.size());
  for (std::size_t pos = start; pos < end; ++pos) text::append_utf8(out, code_points[pos]);
  return out;
}

char32_t to_lower(char32_t code_point) {
  if (code_point < 0x80) {
    return code_point >= 'A' && code_point <= 'Z' ? code_point + ('a' - 'A') : code_point;
  }
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(code_point)));
}

bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
         (c >= 0xF900 && c <= 0xFAFF);
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_isalnum(static_cast<UChar32>(c)) != 0;
}

ScannedText scan(std::string_view text, domain::Language language) {
  ScannedText scanned;
  scanned.code_points = decode(text);
  const auto& cps = scanned.code_points;
  scanned.tokens.reserve(cps.size() / 4 + 1);
  if (language == domain::Language::Zh) {
    chinese_tokens(cps, scanned.tokens);
  } else {
    latin_tokens(cps, language, scanned.tokens);
  }
  std::size_t sentence_start = 0, line_start = 0, paragraph_start = 0;
  for (std::size_t pos = 0; pos < cps.size(); ++pos) {
    if (ends_sentence(cps, pos)) {
      add_trimmed(cps, sentence_start, pos + 1, scanned.sentences);
      sentence_start = pos + 1;
    }
    if (cps[pos] == '\n') {
      add_trimmed(cps, line_start, pos, scanned.lines);
      line_start = pos + 1;
      // A blank line (only spaces since the previous newline) ends the paragraph.
      std::size_t next = pos + 1;
      while (next < cps.size() && is_space(cps[next]) && cps[next] != '\n') ++next;
      if (next < cps.size() && cps[next] == '\n') {
        add_trimmed(cps, paragraph_start, pos, scanned.paragraphs);
        paragraph_start = next;
      }
    }
  }
  add_trimmed(cps, sentence_start, cps.size(), scanned.sentences);
  add_trimmed(cps, line_start, cps.size(), scanned.lines);
  add_trimmed(cps, paragraph_start, cps.size(), scanned.paragraphs);
  return scanned;
}

std::vector<Token> phrase_tokens(std::string_view phrase, domain::Language language) {
  return scan(phrase, language).tokens;
}

std::size_t first_token_at(const std::vector<Token>& tokens, std::size_t position) {
  auto it = std::lower_bound(tokens.begin(), tokens.end(), position,
                             [](const Token& token, std::size_t value) { return token.start < value; });
  return static_cast<std::size_t>(it - tokens.begin());
}

}  // namespace sp::conduct

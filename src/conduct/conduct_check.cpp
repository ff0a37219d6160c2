#include "conduct/conduct_check.hpp"

#include <algorithm>
#include <unordered_map>

#include "conduct/builtin_lists.hpp"
#include "conduct/explanations.hpp"
#include "conduct/promises.hpp"
#include "conduct/text_scan.hpp"
#include "core/text.hpp"
#include "privacy/personal_data.hpp"

namespace sp::conduct {

using domain::Language;

namespace {

constexpr std::array<Language, 3> kLanguages = {Language::Nl, Language::En, Language::Zh};
std::size_t language_index(Language language) {
  return language == Language::Nl ? 0 : language == Language::En ? 1 : 2;
}

// One phrase to look for: stems (nl/en) or lower-cased code points (zh).
struct Phrase {
  std::vector<std::string> words;
  std::u32string chars;
  Kind kind = Kind::Offensive;
  std::string explanation_rule;  // "word-list-offensive", "word-list-humour", "word-list-slang", "glossary"
  std::string rule;              // Finding::rule
  std::string text;              // as written in the list
  bool exact = false;            // "=word": the word itself, not its inflections
};

struct PhraseSet {
  std::vector<Phrase> phrases;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_word;  // nl/en
  std::unordered_map<char32_t, std::vector<std::size_t>> by_first_char;     // zh
  void add(Phrase phrase) {
    if (phrase.words.empty() && phrase.chars.empty()) return;
    if (!phrase.words.empty()) {
      by_first_word[(phrase.exact ? "=" : "") + phrase.words.front()].push_back(phrases.size());
    }
    if (!phrase.chars.empty()) by_first_char[phrase.chars.front()].push_back(phrases.size());
    phrases.push_back(std::move(phrase));
  }
};

struct LanguageRules {
  PhraseSet words;       // offensive, slang, humour (built in and the tenant's)
  PhraseSet exceptions;  // never reported
  PhraseSet glossary;
  PhraseSet greetings;
  PhraseSet closings;
  std::vector<Phrase> explain_markers;
  std::size_t max_sentence = 30;  // words (nl/en) or characters (zh)
  std::size_t max_paragraph = 120;
};

Phrase make_phrase(std::string_view text, Language language, bool by_norm = false) {
  Phrase phrase;
  phrase.text = std::string(text);
  // "=stom": only the word itself, because its stem is shared with an innocent word ("stomen").
  if (text.starts_with("=") && language != Language::Zh) {
    phrase.exact = true;
    by_norm = true;
    text.remove_prefix(1);
  }
  if (language == Language::Zh) {
    for (char32_t c : decode(text)) phrase.chars.push_back(to_lower(c));
    while (!phrase.chars.empty() && phrase.chars.back() == ' ') phrase.chars.pop_back();
  } else {
    for (auto& token : phrase_tokens(text, language))
      phrase.words.push_back(by_norm ? token.norm : token.stem);
  }
  return phrase;
}

std::size_t to_size(std::string_view value) {
  std::size_t out = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return 0;
    out = out * 10 + static_cast<std::size_t>(c - '0');
  }
  return out;
}

void load_builtin(LanguageRules& rules, Language language) {
  std::string_view data = builtin_list(language);
  while (!data.empty()) {
    auto newline = data.find('\n');
    std::string_view line = data.substr(0, newline);
    data = newline == std::string_view::npos ? std::string_view() : data.substr(newline + 1);
    line = text::trim(line);
    if (line.empty() || line.front() == '#') continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = text::trim(line.substr(0, colon));
    std::string_view value = text::trim(line.substr(colon + 1));
    if (key == "offensive" || key == "slang" || key == "humour") {
      Phrase phrase = make_phrase(value, language);
      phrase.kind = key == "slang" ? Kind::Slang : Kind::Offensive;
      phrase.explanation_rule = "word-list-" + std::string(key);
      phrase.rule = "word-list";
      rules.words.add(std::move(phrase));
    } else if (key == "greeting") {
      rules.greetings.add(make_phrase(value, language, true));
    } else if (key == "closing") {
      rules.closings.add(make_phrase(value, language, true));
    } else if (key == "explain") {
      rules.explain_markers.push_back(make_phrase(value, language, true));
    } else if (key == "max_sentence_words" || key == "max_sentence_chars") {
      rules.max_sentence = to_size(value);
    } else if (key == "max_paragraph_words" || key == "max_paragraph_chars") {
      rules.max_paragraph = to_size(value);
    }
  }
}

// Where a zh phrase may start or end: token edges and non-word characters.
std::vector<bool> word_boundaries(const ScannedText& text) {
  std::vector<bool> boundary(text.code_points.size() + 1, false);
  boundary.front() = boundary.back() = true;
  for (std::size_t pos = 0; pos < text.code_points.size(); ++pos) {
    if (!is_word_char(text.code_points[pos])) boundary[pos] = boundary[pos + 1] = true;
  }
  for (const auto& token : text.tokens) boundary[token.start] = boundary[token.end] = true;
  return boundary;
}

struct Hit {
  const Phrase* phrase;
  Span span;
};

// A compound written with a hyphen ("VDSL-modem", "DNS-cache", "kut-app") is one token; each of
// its parts is matched against the one-word phrases of `set` as a word of its own.
void find_in_compound(const PhraseSet& set, const Token& token, Language language, bool by_norm,
                      std::vector<Hit>& hits) {
  if (token.norm.find('-') == std::string::npos) return;
  const std::u32string cps = decode(token.norm);
  std::size_t part_start = 0;
  for (std::size_t pos = 0; pos <= cps.size(); ++pos) {
    if (pos < cps.size() && cps[pos] != '-') continue;
    if (pos > part_start) {
      auto parts = phrase_tokens(encode(cps, part_start, pos), language);
      if (parts.size() == 1) {
        for (int pass = 0; pass < 2; ++pass) {
          bool exact = pass == 1;
          if (exact && by_norm) break;
          auto found = set.by_first_word.find(exact     ? "=" + parts[0].norm
                                              : by_norm ? parts[0].norm
                                                        : parts[0].stem);
          if (found == set.by_first_word.end()) continue;
          for (std::size_t phrase_idx : found->second) {
            if (set.phrases[phrase_idx].words.size() != 1) continue;
            hits.push_back({&set.phrases[phrase_idx], {token.start + part_start, token.start + pos}});
          }
        }
      }
    }
    part_start = pos + 1;
  }
}

// Every occurrence of a phrase of `set` in `text`, on word boundaries.
std::vector<Hit> find_phrases(const PhraseSet& set, const ScannedText& text, const std::u32string& lower,
                              const std::vector<bool>& boundaries, Language language, bool by_norm = false) {
  std::vector<Hit> hits;
  if (language == Language::Zh) {
    // One pass over the text with the phrases indexed by their first character, so a tenant's
    // thousand terms cost a hash lookup per boundary, not a search of the text each.
    for (std::size_t at = 0; at < lower.size(); ++at) {
      if (!boundaries[at]) continue;
      auto found = set.by_first_char.find(lower[at]);
      if (found == set.by_first_char.end()) continue;
      for (std::size_t phrase_idx : found->second) {
        const Phrase& phrase = set.phrases[phrase_idx];
        std::size_t end = at + phrase.chars.size();
        if (end <= lower.size() && boundaries[end] &&
            std::u32string_view(lower).substr(at, phrase.chars.size()) == phrase.chars) {
          hits.push_back({&phrase, {at, end}});
        }
      }
    }
    return hits;
  }
  const auto& tokens = text.tokens;
  for (std::size_t idx = 0; idx < tokens.size(); ++idx) {
    for (int pass = 0; pass < 2; ++pass) {
      bool exact = pass == 1;
      if (exact && by_norm) break;
      auto found = set.by_first_word.find(exact     ? "=" + tokens[idx].norm
                                          : by_norm ? tokens[idx].norm
                                                    : tokens[idx].stem);
      if (found == set.by_first_word.end()) continue;
      for (std::size_t phrase_idx : found->second) {
        const Phrase& phrase = set.phrases[phrase_idx];
        if (idx + phrase.words.size() > tokens.size()) continue;
        bool same = true;
        for (std::size_t word = 1; word < phrase.words.size() && same; ++word) {
          const Token& token = tokens[idx + word];
          same = (by_norm || exact ? token.norm : token.stem) == phrase.words[word];
        }
        if (same) hits.push_back({&phrase, {tokens[idx].start, tokens[idx + phrase.words.size() - 1].end}});
      }
    }
    find_in_compound(set, tokens[idx], language, by_norm, hits);
  }
  return hits;
}

bool overlaps(Span a, Span b) {
  return a.start < b.end && b.start < a.end;
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000;
}

// The glossary rule (README.md): a term is explained when a parenthesis follows it or
// encloses it, or when an explanation marker ("that is", "dat wil zeggen", "也就是") follows
// it, directly or after a comma, colon or dash; an article ("a", "een") counts only after
// such a separator ("VDSL, a connection over the phone line").
bool is_explained(const ScannedText& text, const std::u32string& lower, Span span, const LanguageRules& rules,
                  Language language) {
  const auto& cps = text.code_points;
  std::size_t before = span.start;
  while (before > 0 && is_space(cps[before - 1])) --before;
  if (before > 0 && (cps[before - 1] == '(' || cps[before - 1] == 0xFF08)) return true;
  std::size_t pos = span.end;
  while (pos < cps.size() && is_space(cps[pos])) ++pos;
  if (pos < cps.size() && (cps[pos] == '(' || cps[pos] == 0xFF08)) return true;
  bool separated = false;
  if (pos < cps.size() &&
      (cps[pos] == ',' || cps[pos] == ':' || cps[pos] == '-' || cps[pos] == 0x2013 || cps[pos] == 0x2014 ||
       cps[pos] == 0xFF0C || cps[pos] == 0xFF1A || cps[pos] == 0x3001)) {
    separated = true;
    ++pos;
    while (pos < cps.size() && is_space(cps[pos])) ++pos;
  }
  for (const auto& marker : rules.explain_markers) {
    if (language == Language::Zh) {
      if (!marker.chars.empty() && lower.compare(pos, marker.chars.size(), marker.chars) == 0) return true;
      continue;
    }
    bool article = marker.words.size() == 1 &&
                   (marker.words[0] == "a" || marker.words[0] == "an" || marker.words[0] == "the" ||
                    marker.words[0] == "een" || marker.words[0] == "het" || marker.words[0] == "de");
    if (article && !separated) continue;
    std::size_t idx = first_token_at(text.tokens, pos);
    if (idx >= text.tokens.size() || text.tokens[idx].start != pos) continue;
    bool same = idx + marker.words.size() <= text.tokens.size();
    for (std::size_t word = 0; word < marker.words.size() && same; ++word) {
      same = text.tokens[idx + word].norm == marker.words[word];
    }
    if (same) return true;
  }
  return false;
}

std::size_t words_in(const ScannedText& text, Span span) {
  return first_token_at(text.tokens, span.end) - first_token_at(text.tokens, span.start);
}
std::size_t chars_in(const ScannedText& text, Span span) {
  std::size_t count = 0;
  for (std::size_t pos = span.start; pos < span.end; ++pos)
    count += is_word_char(text.code_points[pos]) ? 1 : 0;
  return count;
}

std::string upper_alnum(std::string_view value) {
  std::string out;
  for (char c : value) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) out.push_back(c);
    if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c - 'a' + 'A'));
  }
  return out;
}

}  // namespace

struct Checker::State {
  std::array<LanguageRules, 3> languages;
  std::vector<std::string> own_contacts;  // lower-cased
};

namespace {

// The personal-data rule: a match that is the customer's own, or the organisation's, passes.
bool belongs_to_customer_or_us(const privacy::PersonalDataMatch& match, const CheckContext& context,
                               const std::vector<std::string>& own_contacts) {
  using privacy::PersonalDataType;
  switch (match.type) {
    case PersonalDataType::Email:
      for (const auto& email : context.customer_emails) {
        if (text::iequals(email, match.normalized)) return true;
      }
      for (const auto& own : own_contacts) {
        if (own == match.normalized) return true;
        if (own.starts_with("@") && match.normalized.ends_with(own)) return true;
      }
      return false;
    case PersonalDataType::Phone:
      for (const auto& phone : context.customer_phones) {
        if (privacy::same_phone(phone, match.normalized)) return true;
      }
      for (const auto& own : own_contacts) {
        if (privacy::same_phone(own, match.normalized)) return true;
      }
      return false;
    default:
      for (const auto& known : context.customer_identifiers) {
        if (upper_alnum(known) == match.normalized) return true;
      }
      for (const auto& own : own_contacts) {
        if (upper_alnum(own) == match.normalized) return true;
      }
      return false;
  }
}

}  // namespace

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::Offensive:
      return "offensive";
    case Kind::Slang:
      return "slang";
    case Kind::Jargon:
      return "jargon";
    case Kind::Promise:
      return "promise";
    case Kind::UnkeepablePromise:
      return "unkeepable_promise";
    case Kind::OthersPersonalData:
      return "others_personal_data";
    case Kind::Clarity:
      return "clarity";
  }
  return "clarity";
}

std::optional<Kind> parse_kind(std::string_view text) {
  for (Kind kind : kAllKinds) {
    if (to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::Low:
      return "low";
    case Severity::Medium:
      return "medium";
    case Severity::High:
      return "high";
  }
  return "low";
}

Result<Checker> Checker::create(const TenantRules& rules) {
  if (rules.additions.size() + rules.exceptions.size() > kMaxTenantPhrases) {
    return invalid_input("at most 2000 word-list additions and exceptions", "additions");
  }
  if (rules.glossary.size() > kMaxGlossaryTerms)
    return invalid_input("at most 1000 glossary terms", "glossary");
  if (rules.own_contacts.size() > kMaxOwnContacts)
    return invalid_input("at most 200 own contacts", "own_contacts");
  auto check_phrase = [](const std::string& phrase, const std::string& field) -> Result<void> {
    if (text::trim(phrase).empty() || phrase.size() > kMaxPhraseBytes || !text::is_valid_utf8(phrase)) {
      return invalid_input("a phrase is 1 to 100 bytes of UTF-8", field);
    }
    return {};
  };
  auto state = std::make_shared<State>();
  for (Language language : kLanguages) load_builtin(state->languages[language_index(language)], language);
  for (std::size_t idx = 0; idx < rules.additions.size(); ++idx) {
    const auto& addition = rules.additions[idx];
    std::string field = "additions[" + std::to_string(idx) + "]";
    SP_TRY(check_phrase(addition.phrase, field));
    if (addition.kind != Kind::Offensive && addition.kind != Kind::Slang) {
      return invalid_input("an addition is offensive or slang", field + ".kind");
    }
    Phrase phrase = make_phrase(addition.phrase, addition.language);
    phrase.kind = addition.kind;
    phrase.explanation_rule = addition.kind == Kind::Slang ? "word-list-slang" : "word-list-offensive";
    phrase.rule = "tenant-word-list";
    state->languages[language_index(addition.language)].words.add(std::move(phrase));
  }
  for (std::size_t idx = 0; idx < rules.exceptions.size(); ++idx) {
    const auto& exception = rules.exceptions[idx];
    SP_TRY(check_phrase(exception.phrase, "exceptions[" + std::to_string(idx) + "]"));
    state->languages[language_index(exception.language)].exceptions.add(
        make_phrase(exception.phrase, exception.language));
  }
  for (std::size_t idx = 0; idx < rules.glossary.size(); ++idx) {
    SP_TRY(check_phrase(rules.glossary[idx], "glossary[" + std::to_string(idx) + "]"));
    // Technical terms are often the same in every language ("VDSL", "DNS"): each is looked for
    // in replies of all three.
    for (Language language : kLanguages) {
      Phrase phrase = make_phrase(rules.glossary[idx], language);
      phrase.kind = Kind::Jargon;
      phrase.explanation_rule = "glossary";
      phrase.rule = "glossary";
      state->languages[language_index(language)].glossary.add(std::move(phrase));
    }
  }
  for (std::size_t idx = 0; idx < rules.own_contacts.size(); ++idx) {
    SP_TRY(check_phrase(rules.own_contacts[idx], "own_contacts[" + std::to_string(idx) + "]"));
    std::string lower(text::trim(rules.own_contacts[idx]));
    for (char& c : lower) c = text::ascii_lower(c);
    state->own_contacts.push_back(std::move(lower));
  }
  return Checker(std::move(state));
}

std::vector<Finding> Checker::check(std::string_view input, Language language,
                                    const CheckContext& context) const {
  std::vector<Finding> findings;
  std::string_view body = text::truncate_utf8(input, kMaxCheckedTextBytes);
  ScannedText text = scan(body, language);
  if (text.tokens.empty()) return findings;
  const LanguageRules& rules = state_->languages[language_index(language)];
  const Language says = context.agent_language;
  std::u32string lower;
  std::vector<bool> boundaries;
  if (language == Language::Zh) {
    lower.reserve(text.code_points.size());
    for (char32_t c : text.code_points) lower.push_back(to_lower(c));
    boundaries = word_boundaries(text);
  }
  auto add = [&](Kind kind, Span span, Severity severity, std::string rule, std::string explanation) {
    Finding finding;
    finding.kind = kind;
    finding.start = span.start;
    finding.end = span.end;
    finding.severity = severity;
    finding.rule = std::move(rule);
    finding.explanation = std::move(explanation);
    finding.matched = std::string(text::truncate_utf8(encode(text.code_points, span.start, span.end), 200));
    findings.push_back(std::move(finding));
    return &findings.back();
  };

  // Offensive language, slang and humour, minus the tenant's exceptions.
  auto exceptions = find_phrases(rules.exceptions, text, lower, boundaries, language);
  for (const auto& hit : find_phrases(rules.words, text, lower, boundaries, language)) {
    bool excepted = std::any_of(exceptions.begin(), exceptions.end(),
                                [&](const Hit& exception) { return overlaps(exception.span, hit.span); });
    if (excepted) continue;
    std::string matched = encode(text.code_points, hit.span.start, hit.span.end);
    add(hit.phrase->kind, hit.span, hit.phrase->kind == Kind::Offensive ? Severity::High : Severity::Medium,
        hit.phrase->rule, explain(hit.phrase->explanation_rule, says, matched));
  }

  // Jargon: a glossary term passes when one of its occurrences is explained.
  {
    auto hits = find_phrases(rules.glossary, text, lower, boundaries, language);
    std::vector<const Phrase*> explained;
    for (const auto& hit : hits) {
      if (is_explained(text, lower, hit.span, rules, language)) explained.push_back(hit.phrase);
    }
    std::vector<const Phrase*> reported;
    for (const auto& hit : hits) {
      if (std::find(explained.begin(), explained.end(), hit.phrase) != explained.end()) continue;
      if (std::find(reported.begin(), reported.end(), hit.phrase) != reported.end()) continue;
      reported.push_back(hit.phrase);
      add(Kind::Jargon, hit.span, Severity::Medium, "glossary",
          explain("glossary", says, encode(text.code_points, hit.span.start, hit.span.end)));
    }
  }

  // Promises.
  for (const auto& promise : find_promises(text, language, context)) {
    if (!promise.due_at) {
      add(Kind::Promise, promise.sentence, Severity::Medium, "open-promise", explain("open-promise", says));
      continue;
    }
    std::string due = format_rfc3339(*promise.due_at);
    add(Kind::Promise, promise.sentence, Severity::Low, "time-promise", explain("time-promise", says, due))
        ->due_at = promise.due_at;
    if (!promise.unkeepable_rule.empty()) {
      add(Kind::UnkeepablePromise, *promise.time, Severity::High, promise.unkeepable_rule,
          explain(promise.unkeepable_rule, says, promise.unkeepable_detail))
          ->due_at = promise.due_at;
    }
  }

  // Personal data of someone else.
  for (const auto& match : privacy::find_personal_data(body, kMaxFindings)) {
    // Dates of birth and addresses are too often the organisation's own (a signature, a
    // return address) or the customer's: the conduct check flags the numbers only.
    if (match.type == privacy::PersonalDataType::DateOfBirth ||
        match.type == privacy::PersonalDataType::Address)
      continue;
    if (belongs_to_customer_or_us(match, context, state_->own_contacts)) continue;
    std::string rule(privacy::to_string(match.type));
    add(Kind::OthersPersonalData, {match.start, match.end}, Severity::High, rule, explain(rule, says));
  }

  // Clarity.
  bool zh = language == Language::Zh;
  for (const Span& sentence : text.sentences) {
    std::size_t size = zh ? chars_in(text, sentence) : words_in(text, sentence);
    if (rules.max_sentence > 0 && size > rules.max_sentence) {
      add(Kind::Clarity, sentence, Severity::Low, "long-sentence",
          explain(zh ? "long-sentence-zh" : "long-sentence", says, std::to_string(size)));
    }
  }
  for (const Span& paragraph : text.paragraphs) {
    std::size_t size = zh ? chars_in(text, paragraph) : words_in(text, paragraph);
    if (rules.max_paragraph > 0 && size > rules.max_paragraph) {
      add(Kind::Clarity, paragraph, Severity::Low, "long-paragraph",
          explain(zh ? "long-paragraph-zh" : "long-paragraph", says, std::to_string(size)));
    }
  }
  if (context.expect_greeting_and_closing && !text.lines.empty()) {
    // The greeting opens the first line; the closing is in one of the last three lines.
    const Span first = text.lines.front();
    bool greeted = false;
    for (const auto& hit : find_phrases(rules.greetings, text, lower, boundaries, language, true)) {
      if (hit.span.start >= first.start && hit.span.end <= first.end &&
          (zh || hit.span.start == first.start)) {
        greeted = true;
      }
    }
    if (!greeted)
      add(Kind::Clarity, first, Severity::Low, "missing-greeting", explain("missing-greeting", says));
    std::size_t tail_start = text.lines[text.lines.size() >= 3 ? text.lines.size() - 3 : 0].start;
    bool closed = false;
    for (const auto& hit : find_phrases(rules.closings, text, lower, boundaries, language, true)) {
      if (hit.span.start >= tail_start) closed = true;
    }
    if (!closed) {
      add(Kind::Clarity, text.lines.back(), Severity::Low, "missing-closing",
          explain("missing-closing", says));
    }
  }

  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return a.start != b.start ? a.start < b.start : a.kind < b.kind;
  });
  if (findings.size() > kMaxFindings) findings.resize(kMaxFindings);
  return findings;
}

std::vector<Finding> check(std::string_view text, Language language, const CheckContext& context) {
  static const Checker builtin = *Checker::create();
  return builtin.check(text, language, context);
}

}  // namespace sp::conduct

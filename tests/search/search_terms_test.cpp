#include "search/search_terms.hpp"

#include <gtest/gtest.h>

#include <set>

namespace sp::search {
namespace {

using domain::Language;

std::set<std::string> terms_of(std::string_view text, Language language) {
  std::set<std::string> out;
  for (const auto& term : index_terms(text, language)) out.insert(term.text);
  return out;
}

// True when a word of `query` is highlighted in `text` (the same terms FTS5 would compare).
bool query_finds(std::string_view query, std::string_view text, Language language) {
  return !matches_in(text, language, query).empty() && !match_expression(query).empty();
}

TEST(SearchTerms, DutchPluralAndSingularShareAStem) {
  const auto plural = terms_of("Mijn facturen kloppen niet", Language::Nl);
  const auto singular = terms_of("De factuur", Language::Nl);
  std::set<std::string> shared;
  for (const auto& t : singular)
    if (plural.count(t)) shared.insert(t);
  EXPECT_FALSE(shared.empty()) << "facturen and factuur have no common term";
}

TEST(SearchTerms, EnglishInflectionsShareAStem) {
  EXPECT_TRUE(query_finds("refunds", "I was refunded yesterday", Language::En));
  EXPECT_TRUE(query_finds("Refund", "Two refunds pending", Language::En));
}

TEST(SearchTerms, ChineseIsIndexedAsBigramsOfEachRun) {
  const auto terms = index_terms("我要退款", Language::Zh);
  ASSERT_EQ(terms.size(), 3u);
  EXPECT_EQ(terms[0].text, "我要");
  EXPECT_EQ(terms[2].text, "退款");
  EXPECT_EQ(terms[2].start, 2u);
  EXPECT_EQ(terms[2].end, 4u);
}

TEST(SearchTerms, AChineseQueryFindsTheSentenceThatContainsIt) {
  const auto found = matches_in("我要退款，谢谢", Language::Zh, "退款");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].start, 2u);
  EXPECT_EQ(found[0].end, 4u);
  EXPECT_EQ(match_expression("退款"), "\"退款\"");
}

TEST(SearchTerms, UnrelatedChineseCharactersAreNotFound) {
  EXPECT_TRUE(matches_in("我要退货", Language::Zh, "退款").empty());
  EXPECT_TRUE(matches_in("款退", Language::Zh, "退款").empty());
}

TEST(SearchTerms, ALongChineseQueryIsOnePhraseOfItsBigrams) {
  EXPECT_EQ(match_expression("申请退款"), "\"申请 请退 退款\"");
}

TEST(SearchTerms, QueryWordsAreAndedAndEachWordOrsItsStems) {
  const auto expr = match_expression("facturen printer");
  EXPECT_NE(expr.find(" AND "), std::string::npos);
  EXPECT_NE(expr.find("\"facturen\""), std::string::npos);
  EXPECT_NE(expr.find(" OR "), std::string::npos);
}

TEST(SearchTerms, QuerySyntaxOfFts5CannotLeakThrough) {
  const auto expr = match_expression("a\" OR x NEAR(* -b");
  // Every bare word is quoted; the quote, parenthesis, star and minus are dropped as punctuation.
  EXPECT_EQ(expr.find('*'), std::string::npos);
  EXPECT_EQ(expr.find('('), expr.find("(\""));
  EXPECT_TRUE(match_expression("  ?! ,").empty());
}

TEST(SearchTerms, QueriesAreCutToTheirWordLimit) {
  std::string many;
  for (int i = 0; i < 40; ++i) many += "w" + std::to_string(i) + " ";
  const auto expr = match_expression(many);
  std::size_t ands = 0;
  for (std::size_t p = expr.find(" AND "); p != std::string::npos; p = expr.find(" AND ", p + 1)) ++ands;
  EXPECT_EQ(ands, kMaxQueryWords - 1);
}

TEST(SearchTerms, IndexTextIsTheTermsJoinedBySpaces) {
  EXPECT_EQ(index_text("退款 退款", Language::Zh), "退款 退款");
}

TEST(SearchTerms, ASnippetStartsAtAWordBeforeTheFirstMatchWithTheSpansInIt) {
  const std::string text =
      "Goedemiddag, ik schrijf u over iets anders en daarna over de facturen van vorige maand.";
  const auto cut = snippet(text, Language::Nl, "factuur", 40);
  ASSERT_TRUE(cut.has_value());
  EXPECT_EQ(cut->text.rfind("anders en daarna", 0), 0u);  // at a word, not in "iets"
  ASSERT_EQ(cut->spans.size(), 1u);
  EXPECT_EQ(cut->text.substr(cut->spans[0].start, 8), "facturen");
  EXPECT_LE(cut->text.size(), 40u);
  EXPECT_FALSE(snippet(text, Language::Nl, "levering", 40).has_value());
}

}  // namespace
}  // namespace sp::search

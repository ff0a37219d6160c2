#include "quality/scorecard.hpp"

#include <gtest/gtest.h>

namespace sp::quality {
namespace {

std::vector<CriterionScore> all_scored(const Scorecard& card, int score) {
  std::vector<CriterionScore> out;
  for (const auto& c : card.criteria) out.push_back({c.key, score, ""});
  return out;
}

TEST(Scorecard, DefaultHasTheTenSectionsOfTheCodeInThreeLanguages) {
  auto card = default_scorecard();
  ASSERT_EQ(card.criteria.size(), 10u);
  for (int idx = 0; idx < 10; ++idx) {
    EXPECT_EQ(card.criteria[idx].section, idx + 1);
    EXPECT_FALSE(card.criteria[idx].name_zh.empty());
  }
  EXPECT_TRUE(validate(card).ok());
  EXPECT_TRUE(card.criteria[3].critical);  // privacy
  EXPECT_EQ(card.criteria[3].key, "privacy");
}

TEST(Scorecard, RoundTripsThroughJson) {
  auto card = default_scorecard();
  card.criteria[0].weight = 3.5;
  auto parsed = scorecard_from_json(to_json(card));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(*parsed, card);
}

TEST(Scorecard, ADescriptionMayBeOneTextForAllLanguages) {
  auto json = to_json(default_scorecard());
  EXPECT_EQ(json["criteria"][3]["description"]["zh"], "保护客户信息；不向无权人员透露");
  json["criteria"][0]["description"] = "Polite";
  auto parsed = scorecard_from_json(json);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->criteria[0].description_nl, "Polite");
  EXPECT_EQ(parsed->criteria[0].description_zh, "Polite");
}

TEST(Scorecard, RefusesBadCriteriaNamingTheField) {
  auto json = to_json(default_scorecard());
  json["criteria"][2]["weight"] = 0;
  auto parsed = scorecard_from_json(json);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().field, "criteria[2].weight");
  json = to_json(default_scorecard());
  json["criteria"][1]["key"] = json["criteria"][0]["key"];
  EXPECT_EQ(scorecard_from_json(json).error().field, "criteria[1].key");
  json = to_json(default_scorecard());
  json["criteria"][0]["name"].erase("zh");
  EXPECT_EQ(scorecard_from_json(json).error().field, "criteria[0].name.zh");
  json = to_json(default_scorecard());
  json["critical_pass_score"] = 9;  // above scale_max 4
  EXPECT_EQ(scorecard_from_json(json).error().field, "critical_pass_score");
  json = to_json(default_scorecard());
  json["criteria"] = nlohmann::json::array();
  EXPECT_EQ(scorecard_from_json(json).error().field, "criteria");
}

TEST(ScoreReview, IsTheWeightedMeanOfTheScoredCriteria) {
  Scorecard card;
  card.scale_max = 4;
  card.criteria = {{"a", "A", "A", "A", "", "", "", 1, 3, false},
                   {"b", "B", "B", "B", "", "", "", 2, 1, false},
                   {"c", "C", "C", "C", "", "", "", 3, 1, false}};
  std::vector<CriterionScore> scores{{"a", 4, ""}, {"b", 2, "ok"}, {"c", std::nullopt, "n/a"}};
  auto outcome = score_review(card, scores);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;
  ASSERT_TRUE(outcome->score);
  // (3 * 4/4 + 1 * 2/4) / (3 + 1) = 0.875; c is not applicable.
  EXPECT_DOUBLE_EQ(*outcome->score, 87.5);
  EXPECT_FALSE(outcome->critical_fail);
}

TEST(ScoreReview, ACriticalCriterionBelowThePassScoreFailsTheReview) {
  auto card = default_scorecard();
  auto scores = all_scored(card, 4);
  scores[3].score = 1;  // privacy, critical, below 2
  auto outcome = score_review(card, scores);
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(outcome->critical_fail);
  EXPECT_EQ(outcome->failed_criteria, std::vector<std::string>{"privacy"});
  EXPECT_DOUBLE_EQ(*outcome->score, 0.0);
  scores[3].score = 2;  // at the pass score
  outcome = score_review(card, scores);
  EXPECT_FALSE(outcome->critical_fail);
  EXPECT_GT(*outcome->score, 90.0);
  // A low score on a criterion that is not critical only lowers the score.
  scores = all_scored(card, 4);
  scores[0].score = 0;
  outcome = score_review(card, scores);
  EXPECT_FALSE(outcome->critical_fail);
  EXPECT_NEAR(*outcome->score, 100.0 * 11.0 / 12.0, 1e-9);  // weights: 8 x 1 + 2 x 2
}

TEST(ScoreReview, RefusesUnknownMissingDuplicateAndOutOfRangeScores) {
  auto card = default_scorecard();
  auto scores = all_scored(card, 3);
  scores.push_back({"nonsense", 1, ""});
  EXPECT_EQ(score_review(card, scores).error().field, "scores[10].key");
  scores = all_scored(card, 3);
  scores.pop_back();
  EXPECT_EQ(score_review(card, scores).error().field, "scores");
  scores = all_scored(card, 3);
  scores[9].key = scores[0].key;
  EXPECT_EQ(score_review(card, scores).error().field, "scores[9].key");
  scores = all_scored(card, 3);
  scores[2].score = 5;
  EXPECT_EQ(score_review(card, scores).error().field, "scores[2].score");
}

TEST(ScoreReview, NothingScoredHasNoScore) {
  auto card = default_scorecard();
  std::vector<CriterionScore> scores;
  for (const auto& c : card.criteria) scores.push_back({c.key, std::nullopt, ""});
  auto outcome = score_review(card, scores);
  ASSERT_TRUE(outcome.ok());
  EXPECT_FALSE(outcome->score);
}

TEST(ScoresFromJson, ParsesAndRefusesShapes) {
  auto parsed = scores_from_json(
      nlohmann::json::parse(R"([{"key":"a","score":3,"comment":"x"},{"key":"b","score":null}])"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->size(), 2u);
  EXPECT_FALSE((*parsed)[1].score);
  EXPECT_EQ(scores_from_json(nlohmann::json::parse(R"([{"key":"a"}])")).error().field, "scores[0].score");
  EXPECT_EQ(scores_from_json(nlohmann::json::parse(R"([{"key":"a","score":"3"}])")).error().field,
            "scores[0].score");
  EXPECT_EQ(scores_from_json(nlohmann::json::parse(R"({"key":"a"})")).error().field, "scores");
}

}  // namespace
}  // namespace sp::quality

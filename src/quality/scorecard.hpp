// QA scorecards and the scoring of one review (issue 18). The default scorecard has one
// criterion per section of the code of conduct (seeds 002: professionalism, integrity,
// responsiveness, privacy, fairness, conflict resolution, knowledge, communication, continuous
// improvement, accountability), named in nl, en and zh; a tenant may edit criteria, weights and
// which criteria are critical.
//
// Scoring: each criterion gets 0..scale_max or "not applicable" (no score). The review's score
// is the weighted mean of the scored criteria as a percentage, sum(w * s / max) / sum(w) * 100.
// A critical criterion scored below critical_pass_score fails the whole review: its score is
// then 0 and critical_fail is set. A review with no scored criterion has no score.
// Pure; validate() is the single authority on what a valid scorecard and review are.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/model.hpp"

namespace sp::quality {

inline constexpr std::size_t kMaxCriteria = 30;
inline constexpr std::size_t kMaxCriterionKeyBytes = 64;
inline constexpr std::size_t kMaxCriterionTextBytes = 500;
inline constexpr std::size_t kMaxReviewCommentBytes = 4000;
inline constexpr int kMaxScale = 10;

struct Criterion {
  std::string key;  // [a-z0-9_], unique in the scorecard
  std::string name_nl, name_en, name_zh;
  std::string description_nl, description_en, description_zh;  // what the reviewer looks for
  int section = 0;    // the code of conduct's section (1..10), 0 when none
  double weight = 1;  // > 0, <= 100
  bool critical = false;
  friend bool operator==(const Criterion&, const Criterion&) = default;
};

struct Scorecard {
  int scale_max = 4;            // criteria are scored 0..scale_max
  int critical_pass_score = 2;  // a critical criterion below this fails the review
  std::vector<Criterion> criteria;
  friend bool operator==(const Scorecard&, const Scorecard&) = default;
};

// The ten criteria of the code of conduct; privacy and integrity are critical.
Scorecard default_scorecard();

// InvalidInput naming the field ("criteria[2].weight") for anything out of range.
Result<void> validate(const Scorecard& scorecard);

nlohmann::json to_json(const Scorecard& scorecard);
// Parses and validates; InvalidInput naming the field.
Result<Scorecard> scorecard_from_json(const nlohmann::json& body);

struct CriterionScore {
  std::string key;
  std::optional<int> score;  // empty: not applicable
  std::string comment;
  friend bool operator==(const CriterionScore&, const CriterionScore&) = default;
};

struct ReviewOutcome {
  std::optional<double> score;  // 0..100, empty when nothing was scored
  bool critical_fail = false;
  std::vector<std::string> failed_criteria;  // keys of the critical criteria that failed
};

// Scores a review: every criterion of the scorecard once, no unknown ones. InvalidInput naming
// "scores[i].key" / "scores[i].score" / "scores[i].comment", or "scores" for a missing criterion.
Result<ReviewOutcome> score_review(const Scorecard& scorecard, std::span<const CriterionScore> scores);

nlohmann::json to_json(const CriterionScore& score);
// Parses the "scores" array of a review (shape only; score_review checks it against a scorecard).
Result<std::vector<CriterionScore>> scores_from_json(const nlohmann::json& scores);

}  // namespace sp::quality

// Precision and recall of the conduct check per kind on the labelled set (issue 18):
// tests/conduct/data/labelled/*.jsonl, one reply a line with the kinds a careful reader finds
// in it (composed by compose_labelled.py). A reply counts once per kind: found and expected is
// a true positive, found only a false positive, expected only a false negative. The test prints
// the table (the figures in docs/PERFORMANCE.md) and every disagreement, and fails when a kind
// falls below the floor, so a change that makes the check worse does not go unnoticed.
#include <gtest/gtest.h>

#include <filesystem>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "conduct/conduct_check.hpp"

namespace sp::conduct {
namespace {

using domain::Language;

constexpr double kFloor = 0.9;

sla::BusinessCalendar office_hours() {
  sla::CalendarDefinition definition;
  definition.time_zone = "Europe/Amsterdam";
  for (int day = 0; day < 5; ++day) definition.weekly[static_cast<std::size_t>(day)] = {{9 * 60, 17 * 60}};
  return *sla::BusinessCalendar::create(definition);
}

// The context compose_labelled.py describes: Friday 2026-12-04 10:00 in Amsterdam.
CheckContext labelled_context() {
  CheckContext context;
  context.now = *parse_rfc3339("2026-12-04T10:00:00+01:00");
  context.calendar = office_hours();
  context.customer_zone = "Europe/Amsterdam";
  context.customer_emails = {"anna@example.nl"};
  context.customer_phones = {"+31 6 12345678", "13812345678"};
  return context;
}

Checker labelled_checker() {
  TenantRules rules;
  rules.glossary = {"VDSL", "DNS", "firmware", "固件"};
  return *Checker::create(rules);
}

struct Tally {
  int true_positives = 0, false_positives = 0, false_negatives = 0;
  double precision() const {
    int found = true_positives + false_positives;
    return found == 0 ? 1.0 : static_cast<double>(true_positives) / found;
  }
  double recall() const {
    int expected = true_positives + false_negatives;
    return expected == 0 ? 1.0 : static_cast<double>(true_positives) / expected;
  }
};

TEST(LabelledSet, PrecisionAndRecallPerKindStayAboveTheFloor) {
  const Checker checker = labelled_checker();
  const CheckContext context = labelled_context();
  std::map<std::string, Tally> tallies;
  for (Kind kind : kAllKinds) tallies[std::string(to_string(kind))];
  std::map<std::string, int> replies_per_language;
  int disagreements = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SP_CONDUCT_LABELLED_DIR)) {
    if (entry.path().extension() != ".jsonl") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto labelled = nlohmann::json::parse(line);
      auto language = domain::parse_language(labelled["language"].get<std::string>());
      ASSERT_TRUE(language) << line;
      ++replies_per_language[labelled["language"].get<std::string>()];
      std::set<std::string> expected, found;
      for (const auto& kind : labelled["expected"]) {
        ASSERT_TRUE(parse_kind(kind.get<std::string>())) << line;
        expected.insert(kind.get<std::string>());
      }
      const std::string text = labelled["text"].get<std::string>();
      std::string found_detail;
      for (const auto& finding : checker.check(text, *language, context)) {
        found.insert(std::string(to_string(finding.kind)));
        found_detail +=
            " " + std::string(to_string(finding.kind)) + "/" + finding.rule + "[" + finding.matched + "]";
      }
      bool agrees = true;
      for (auto& [kind, tally] : tallies) {
        bool is_expected = expected.count(kind) > 0, is_found = found.count(kind) > 0;
        if (is_expected && is_found) ++tally.true_positives;
        if (!is_expected && is_found) ++tally.false_positives;
        if (is_expected && !is_found) ++tally.false_negatives;
        agrees = agrees && is_expected == is_found;
      }
      if (!agrees) {
        ++disagreements;
        std::string wanted;
        for (const auto& kind : expected) wanted += " " + kind;
        std::cout << labelled["id"].get<std::string>() << ": expected" << wanted << "; found" << found_detail
                  << "\n  " << text << "\n";
      }
    }
  }
  int replies = 0;
  for (const auto& [language, count] : replies_per_language) {
    EXPECT_GE(count, 100) << language;
    replies += count;
  }
  EXPECT_GE(replies, 300);
  std::cout << "replies " << replies << ", disagreeing " << disagreements << "\n";
  std::cout << "kind                  TP  FP  FN  precision  recall\n";
  for (const auto& [kind, tally] : tallies) {
    std::printf("%-20s %3d %3d %3d  %9.3f  %6.3f\n", kind.c_str(), tally.true_positives,
                tally.false_positives, tally.false_negatives, tally.precision(), tally.recall());
    EXPECT_GE(tally.true_positives + tally.false_negatives, 10) << kind << ": too few examples to measure";
    EXPECT_GE(tally.precision(), kFloor) << kind;
    EXPECT_GE(tally.recall(), kFloor) << kind;
  }
}

}  // namespace
}  // namespace sp::conduct

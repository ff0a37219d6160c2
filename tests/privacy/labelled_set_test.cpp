// Precision and recall per type on the labelled set (tests/privacy/labelled_set.jsonl, written
// by make_labelled_set.py): 360 helpdesk snippets in nl/en/zh with traps. A finding counts as
// right when a labelled span of the same type overlaps it (each label used once), so a
// detector that finds "Kerkstraat 12, 1234 AB" of a labelled "Kerkstraat 12, 1234 AB
// Amsterdam" is right but one that calls it a phone number is not. The floors are in
// kFloors; docs/PERFORMANCE.md gives the measured figures and why the floors are where they are.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "privacy/personal_data.hpp"

namespace sp::privacy {
namespace {

struct Label {
  std::string type;
  std::size_t start = 0;
  std::size_t end = 0;
};

struct Counts {
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  double precision() const {
    int found = true_positives + false_positives;
    return found == 0 ? 1.0 : static_cast<double>(true_positives) / found;
  }
  double recall() const {
    int labelled = true_positives + false_negatives;
    return labelled == 0 ? 1.0 : static_cast<double>(true_positives) / labelled;
  }
};

struct Floor {
  double precision;
  double recall;
};

// Checksummed and structured types must be near perfect; the keyword-bound ones (passport,
// date of birth) and addresses are allowed to miss more: a missed address costs less than a
// masked order number that the customer needs to read.
const std::map<std::string, Floor> kFloors = {
    {"email", {0.99, 0.99}},    {"phone", {0.95, 0.95}},         {"iban", {0.99, 0.99}},
    {"card", {0.97, 0.97}},     {"bsn", {0.97, 0.97}},           {"cn_resident_id", {0.99, 0.99}},
    {"passport", {0.90, 0.90}}, {"date_of_birth", {0.90, 0.90}}, {"address", {0.85, 0.85}},
};

TEST(LabelledSet, PrecisionAndRecallPerTypeStayAboveTheirFloors) {
  std::ifstream in(SP_PRIVACY_LABELLED_SET);
  ASSERT_TRUE(in) << SP_PRIVACY_LABELLED_SET;
  std::map<std::string, Counts> counts;
  std::map<std::string, int> snippets_per_language;
  std::string line;
  int snippets = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto row = nlohmann::json::parse(line);
    ++snippets;
    ++snippets_per_language[row.at("language").get<std::string>()];
    std::vector<Label> labels;
    for (const auto& item : row.at("findings")) {
      labels.push_back({item.at("type").get<std::string>(), item.at("start").get<std::size_t>(),
                        item.at("end").get<std::size_t>()});
    }
    std::vector<bool> used(labels.size(), false);
    ScanOptions options;
    std::string language = row.at("language").get<std::string>();
    options.language = language;
    std::string text = row.at("text").get<std::string>();
    for (const auto& match : find_personal_data(text, options)) {
      std::string type(to_string(match.type));
      bool hit = false;
      for (std::size_t idx = 0; idx < labels.size(); ++idx) {
        if (used[idx] || labels[idx].type != type) continue;
        if (match.start < labels[idx].end && labels[idx].start < match.end) {
          used[idx] = true;
          hit = true;
          break;
        }
      }
      if (hit) {
        ++counts[type].true_positives;
      } else {
        ++counts[type].false_positives;
        std::printf("extra  %-15s in %s\n", type.c_str(), row.at("id").get<std::string>().c_str());
      }
    }
    for (std::size_t idx = 0; idx < labels.size(); ++idx) {
      if (!used[idx]) {
        ++counts[labels[idx].type].false_negatives;
        std::printf("missed %-15s in %s\n", labels[idx].type.c_str(),
                    row.at("id").get<std::string>().c_str());
      }
    }
  }
  EXPECT_GE(snippets, 300);
  for (auto language : {"nl", "en", "zh"}) EXPECT_GE(snippets_per_language[language], 100) << language;
  for (const auto& [type, floor] : kFloors) {
    const Counts& c = counts[type];
    std::printf("%-15s labelled %3d  found %3d  precision %.3f  recall %.3f\n", type.c_str(),
                c.true_positives + c.false_negatives, c.true_positives + c.false_positives, c.precision(),
                c.recall());
    EXPECT_GT(c.true_positives + c.false_negatives, 0) << type << " has no labels";
    EXPECT_GE(c.precision(), floor.precision) << type;
    EXPECT_GE(c.recall(), floor.recall) << type;
  }
}

}  // namespace
}  // namespace sp::privacy

#include "feedback/topics_json.hpp"

#include <gtest/gtest.h>

namespace sp::feedback {
namespace {

using nlohmann::json;

std::string error_field(const json& input) {
  auto topics = topics_from_json(input);
  EXPECT_FALSE(topics.ok());
  return topics.ok() ? "" : topics.error().field;
}

TEST(TopicsJson, TheDefaultsRoundTrip) {
  const json written = topics_to_json(default_topics());
  auto read = topics_from_json(written);
  ASSERT_TRUE(read.ok()) << read.error().message;
  ASSERT_EQ(read->size(), default_topics().size());
  EXPECT_EQ(topics_to_json(*read), written);
}

TEST(TopicsJson, EveryProblemNamesItsField) {
  const json good = {{"topics",
                      {{{"id", "router"},
                        {"names", {{"nl", "Modem"}, {"en", "Modem"}, {"zh", "调制解调器"}}},
                        {"keywords", {{"nl", {"modem"}}}}}}}};
  EXPECT_TRUE(topics_from_json(good).ok());
  EXPECT_EQ(error_field(json::object()), "topics");
  EXPECT_EQ(error_field(json{{"topics", "router"}}), "topics");
  json bad = good;
  bad["topics"][0]["names"]["en"] = 7;
  EXPECT_EQ(error_field(bad), "topics[0].names.en");
  bad = good;
  bad["topics"][0]["keywords"]["nl"] = {"modem", 3};
  EXPECT_EQ(error_field(bad), "topics[0].keywords.nl[1]");
  bad = good;
  bad["topics"][0]["colour"] = "red";
  EXPECT_EQ(error_field(bad), "topics[0].colour");
  bad = good;
  bad["topics"][0]["id"] = "other";
  EXPECT_EQ(error_field(bad), "topics[0].id");
  bad = good;
  bad["topics"].push_back(good["topics"][0]);  // the same id twice
  EXPECT_EQ(error_field(bad), "topics[1].id");
}

}  // namespace
}  // namespace sp::feedback

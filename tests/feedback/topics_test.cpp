#include "feedback/topics.hpp"

#include <gtest/gtest.h>

namespace sp::feedback {
namespace {

using Ids = std::vector<std::string>;

Ids classify_comment(std::string_view comment, std::string_view category = {},
                     std::string_view subject = {}) {
  return classify(default_topics(), FeedbackText{comment, category, subject});
}

TEST(FeedbackTopics, DefaultTopicsAreValid) {
  EXPECT_TRUE(validate_topics(default_topics()).ok());
  EXPECT_GE(default_topics().size(), 9u);
}

TEST(FeedbackTopics, EnglishCommentGetsSeveralTopicsInConfigurationOrder) {
  EXPECT_EQ(classify_comment("I waited two hours ON HOLD and the agent was rude."),
            (Ids{"waiting_time", "reachability", "friendliness"}));
}

TEST(FeedbackTopics, DutchCommentMatchesWholeWordsCaseInsensitively) {
  EXPECT_EQ(classify_comment("De medewerker was erg Vriendelijk, maar mijn factuur klopt niet"),
            (Ids{"friendliness", "billing"}));
}

TEST(FeedbackTopics, ChineseCommentMatchesSubstrings) {
  EXPECT_EQ(classify_comment("客服态度很好，但是快递太慢了"),
            (Ids{"waiting_time", "friendliness", "delivery"}));
}

TEST(FeedbackTopics, NothingMatchingIsOther) {
  EXPECT_EQ(classify_comment("Nothing to add, thanks."), (Ids{"other"}));
  EXPECT_EQ(classify_comment(""), (Ids{"other"}));
}

TEST(FeedbackTopics, CategoryMapsToTopicWithoutKeywords) {
  EXPECT_EQ(classify_comment("ok", "Billing"), (Ids{"billing"}));
  EXPECT_EQ(classify_comment("ok", "shipping"), (Ids{"delivery"}));
}

TEST(FeedbackTopics, SubjectCountsLikeTheComment) {
  EXPECT_EQ(classify_comment("", "", "Cannot log in to the app"), (Ids{"website_app"}));
}

TEST(FeedbackTopics, WholeWordsOnlyUnlessThePrefixIsMarked) {
  EXPECT_TRUE(contains_word("de wachttijd was lang", "wachttijd*"));
  EXPECT_TRUE(contains_word("wachttijden!", "wachttijd*"));
  EXPECT_FALSE(contains_word("ik had meer verwacht", "wacht*"));
  EXPECT_FALSE(contains_word("a subscriptions page", "subscription"));
  EXPECT_TRUE(contains_word("subscriptions", "subscription*"));
  EXPECT_FALSE(contains_word("the website", "site"));
  EXPECT_TRUE(contains_word("the web site.", "site"));
  EXPECT_TRUE(contains_word("it took long, very long", "took long"));
  // Latin letters beyond ASCII belong to the word; CJK characters separate words.
  EXPECT_FALSE(contains_word("caféapp", "app"));
  EXPECT_TRUE(contains_word("我的app坏了", "app"));
  EXPECT_FALSE(contains_word("x", "*"));
}

TEST(FeedbackTopics, EnglishKeywordInsideAChineseCommentMatches) {
  EXPECT_EQ(classify_comment("请退款refund"), (Ids{"billing"}));
}

TEST(FeedbackTopics, MalformedUtf8NeverBreaksMatching) {
  EXPECT_EQ(classify_comment("\xFF\xFE rude \xE4"), (Ids{"friendliness"}));
}

TEST(FeedbackTopics, CustomTopicsAreValidatedAndUsed) {
  Topic topic;
  topic.id = "parking";
  topic.names = {"Parkeren", "Parking", "停车"};
  topic.keywords[0] = {"parkeren", "parkeerplaats*"};
  topic.keywords[1] = {"parking"};
  topic.keywords[2] = {"停车"};
  std::vector<Topic> topics = {topic};
  ASSERT_TRUE(validate_topics(topics).ok());
  EXPECT_EQ(classify(topics, {"Geen parkeerplaatsen vrij", "", ""}), (Ids{"parking"}));
  EXPECT_EQ(classify(topics, {"没有停车位", "", ""}), (Ids{"parking"}));
  EXPECT_EQ(topic_name(topics, "parking", domain::Language::Zh), "停车");
  EXPECT_EQ(topic_name(topics, "other", domain::Language::Nl), "Overig");

  topics.push_back(topic);
  auto duplicate = validate_topics(topics);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().field, "topics[1].id");
  topics.pop_back();
  topics[0].id = "other";
  EXPECT_FALSE(validate_topics(topics).ok());
  topics[0].id = "parking";
  topics[0].keywords[1].push_back("");
  auto empty = validate_topics(topics);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "topics[0].keywords.en[1]");
}

}  // namespace
}  // namespace sp::feedback

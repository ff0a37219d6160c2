// Feedback topics (issue 8, "Feedback and improvement": feedback topics from categories and
// keywords). A topic has a stable id, a name in nl/en/zh, keywords per language and the ticket
// categories that map to it; classify() puts a piece of feedback (survey comment, the ticket's
// category and subject) under every topic that matches, or under "other" when none does.
//
// Matching rules:
//  - Categories: the ticket's category equals one of the topic's categories, ignoring ASCII case.
//  - zh keywords: plain substring of the text (UTF-8 bytes; Chinese has no case or spaces).
//  - nl/en keywords: whole-word (or whole-phrase) match after lowercasing ASCII. A word is a run
//    of letters and digits (ASCII, Latin-1 and Latin Extended letters); anything else, including
//    CJK characters and punctuation, separates words. A keyword ending in '*' is a prefix: it
//    needs a word boundary before it only ("wacht*" matches "wachttijd", not "verwacht").
//  - Keywords of every language are tried on every text: the comment's language is not known,
//    and a Dutch customer may write "refund".
// Pure: no I/O, no clock, no locale.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/model.hpp"

namespace sp::feedback {

// The topic of feedback that matches no topic.
inline constexpr std::string_view kOtherTopic = "other";

// Limits of a topic configuration (validate_topics enforces them).
inline constexpr std::size_t kMaxTopics = 100;
inline constexpr std::size_t kMaxKeywordsPerLanguage = 200;
inline constexpr std::size_t kMaxKeywordBytes = 100;
inline constexpr std::size_t kMaxCategoriesPerTopic = 50;

struct Topic {
  std::string id;                                    // [a-z0-9_]{1,40}, never "other"
  std::array<std::string, 3> names;                  // indexed by domain::Language (nl, en, zh)
  std::array<std::vector<std::string>, 3> keywords;  // nl and en: lower-case words or phrases
  std::vector<std::string> categories;               // ticket categories that map to the topic
};

// What is classified. Any part may be empty.
struct FeedbackText {
  std::string_view comment;
  std::string_view category;
  std::string_view subject;
};

// Default topics of a helpdesk: waiting_time, reachability, friendliness, expertise,
// resolution, billing, delivery, product_quality, website_app, privacy.
const std::vector<Topic>& default_topics();

// Checks ids (format, unique, not "other"), non-empty names and keywords and the limits above.
// Fails with InvalidInput naming the field ("topics[2].id", "topics[0].keywords.en[3]").
[[nodiscard]] Result<void> validate_topics(std::span<const Topic> topics);

// The ids of the topics that match `text`, in the order of `topics`; {"other"} when none does.
std::vector<std::string> classify(std::span<const Topic> topics, const FeedbackText& text);

// The topic's name in `language`; for "other" (or an unknown id) a fixed name ("overig",
// "other", "其他") or the id itself.
std::string topic_name(std::span<const Topic> topics, std::string_view id, domain::Language language);

// True when `keyword` (nl/en rules above) occurs as a whole word or phrase in `lowered`, the
// text already lowercased with text::ascii_lower. Exposed for tests.
bool contains_word(std::string_view lowered, std::string_view keyword);

}  // namespace sp::feedback

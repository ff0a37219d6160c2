#include "feedback/recurring.hpp"

#include <gtest/gtest.h>

#include "feedback/topics.hpp"

namespace sp::feedback {
namespace {

TicketFacts ticket(std::int64_t id, std::int64_t customer, std::string subject, std::string category = {},
                   std::int64_t minute = 0) {
  TicketFacts facts;
  facts.ticket_id = id;
  facts.customer_id = customer;
  facts.subject = std::move(subject);
  facts.category = std::move(category);
  facts.topics = classify(default_topics(), {"", facts.category, facts.subject});
  facts.created_at = from_unix_seconds(1'795'000'000 + minute * 60);
  return facts;
}

TEST(SubjectSignature, StripsPrefixesTokensDigitsAndStopWords) {
  EXPECT_EQ(subject_signature("Re: Fwd: [#T-12] Invoice 2026-11 is wrong"), "invoice wrong");
  EXPECT_EQ(subject_signature("RE : AW: wrong invoice #T-7"), "invoice wrong");
  EXPECT_EQ(subject_signature("Antw: De factuur van november klopt niet"), "factuur klopt november");
  EXPECT_EQ(subject_signature("回复：快递没有到"), "快递没有到");
  EXPECT_EQ(subject_signature("回复: 快递没有到 [T-99]"), "快递没有到");
  EXPECT_EQ(subject_signature("Re: 12345"), "");
  EXPECT_EQ(subject_signature("Refund: please"), "refund");
}

TEST(RecurringIssues, ThreeTicketsFromTwoCustomersRecur) {
  const std::vector<TicketFacts> tickets = {
      ticket(10, 1, "Invoice 2026-11 is wrong", "", 0),
      ticket(11, 2, "Re: [#T-10] invoice is WRONG", "", 5),
      ticket(12, 1, "Fwd: Wrong invoice", "", 9),
      ticket(13, 3, "Where is my parcel?", "", 3),
  };
  auto issues = recurring_issues(tickets);
  ASSERT_TRUE(issues.ok());
  ASSERT_EQ(issues->size(), 1u);
  const auto& issue = issues->front();
  EXPECT_EQ(issue.signature, "subject:invoice wrong");
  EXPECT_EQ(issue.example_subject, "Invoice 2026-11 is wrong");
  EXPECT_EQ(issue.ticket_ids, (std::vector<std::int64_t>{10, 11, 12}));
  EXPECT_EQ(issue.customer_count, 2);
  EXPECT_EQ(issue.first_seen, tickets[0].created_at);
  EXPECT_EQ(issue.last_seen, tickets[2].created_at);
}

TEST(RecurringIssues, OneCustomerWritingThreeTimesIsNotRecurring) {
  const std::vector<TicketFacts> tickets = {
      ticket(1, 7, "Invoice wrong", "", 0),
      ticket(2, 7, "Re: invoice wrong", "", 1),
      ticket(3, 7, "Fwd: invoice wrong", "", 2),
  };
  auto issues = recurring_issues(tickets);
  ASSERT_TRUE(issues.ok());
  EXPECT_TRUE(issues->empty());
  RecurringOptions lenient;
  lenient.min_customers = 1;
  auto lenient_issues = recurring_issues(tickets, lenient);
  ASSERT_TRUE(lenient_issues.ok());
  EXPECT_EQ(lenient_issues->size(), 1u);
}

TEST(RecurringIssues, CategoryAndTopicGroupDifferentSubjects) {
  const std::vector<TicketFacts> tickets = {
      ticket(1, 1, "Parcel never arrived", "delivery", 0),
      ticket(2, 2, "Courier left it at the wrong address", "delivery", 1),
      ticket(3, 3, "快递没有到", "delivery", 2),
      ticket(4, 4, "Question about my contract", "", 3),
  };
  auto issues = recurring_issues(tickets);
  ASSERT_TRUE(issues.ok());
  ASSERT_EQ(issues->size(), 1u);
  EXPECT_EQ(issues->front().signature, "topic:delivery/delivery");
  EXPECT_EQ(issues->front().ticket_ids, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(issues->front().customer_count, 3);
  EXPECT_EQ(issues->front().example_subject, "Parcel never arrived");
}

TEST(RecurringIssues, TopicGroupCoveredBySubjectGroupIsNotRepeatedAndOrderIsDeterministic) {
  const std::vector<TicketFacts> tickets = {
      ticket(5, 1, "Refund missing", "", 0),     ticket(6, 2, "refund missing!", "", 1),
      ticket(7, 3, "Re: Refund missing", "", 2), ticket(8, 1, "App crashes", "", 3),
      ticket(9, 2, "app crashes", "", 4),        ticket(20, 3, "The app crashes again", "", 5),
      ticket(21, 4, "app crashes", "", 6),
  };
  auto issues = recurring_issues(tickets);
  ASSERT_TRUE(issues.ok());
  ASSERT_EQ(issues->size(), 2u);
  EXPECT_EQ((*issues)[0].signature, "subject:app crashes");
  EXPECT_EQ((*issues)[0].ticket_ids.size(), 4u);
  EXPECT_EQ((*issues)[1].signature, "subject:missing refund");
}

TEST(RecurringIssues, InputIsBoundedAndOptionsChecked) {
  std::vector<TicketFacts> many(kMaxRecurringTickets + 1);
  auto too_many = recurring_issues(many);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().field, "tickets");
  RecurringOptions bad;
  bad.min_tickets = 1;
  EXPECT_FALSE(recurring_issues({}, bad).ok());
  auto none = recurring_issues({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace sp::feedback

// The peer mappers (import/peers.hpp) on small in-memory exports: each peer's field values
// land on the neutral records they mean, and input that cannot be mapped is skipped with its
// position while the rest is kept.
#include <gtest/gtest.h>

#include "import/peers.hpp"

namespace sp::import {
namespace {

using nlohmann::json;

template <class T>
std::vector<T> all(const ParsedRecords& parsed) {
  std::vector<T> out;
  for (const auto& record : parsed.records) {
    if (const auto* one = std::get_if<T>(&record)) out.push_back(*one);
  }
  return out;
}

ExportFolder folder(std::initializer_list<std::pair<const char*, json>> documents) {
  ExportFolder out;
  for (const auto& [name, value] : documents) out.documents.emplace(name, value.dump());
  return out;
}

const char* kAt = "2026-10-05T09:00:00Z";

TEST(ZendeskMapping, PrivateCommentIsANoteAndHoldIsOnHold) {
  auto parsed = map_zendesk(folder(
      {{"users.json",
        {{"users",
          {{{"id", 1}, {"name", "Eva"}, {"email", "eva@x.test"}, {"role", "agent"}, {"created_at", kAt}},
           {{"id", 2},
            {"name", "Jan"},
            {"email", "jan@x.test"},
            {"role", "end-user"},
            {"created_at", kAt}}}}}},
       {"tickets.json",
        {{"tickets",
          {{{"id", 7},
            {"subject", "Vraag"},
            {"status", "hold"},
            {"priority", "urgent"},
            {"via", {{"channel", "voice"}}},
            {"requester_id", 2},
            {"created_at", kAt},
            {"comments",
             {{{"id", 70}, {"author_id", 2}, {"body", "hallo"}, {"public", true}, {"created_at", kAt}},
              {{"id", 71}, {"author_id", 1}, {"body", "intern"}, {"public", false}, {"created_at", kAt}},
              {{"id", 72},
               {"author_id", 1},
               {"body", "antwoord"},
               {"public", true},
               {"created_at", kAt}}}}}}}}}}));
  EXPECT_TRUE(parsed.skipped.empty());
  auto tickets = all<TicketRecord>(parsed);
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].status, domain::Status::OnHold);
  EXPECT_EQ(tickets[0].priority, domain::Priority::Urgent);
  EXPECT_EQ(tickets[0].channel, domain::Channel::Phone);
  auto messages = all<MessageRecord>(parsed);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0].kind, domain::MessageKind::Inbound);
  EXPECT_EQ(messages[1].kind, domain::MessageKind::Note);
  EXPECT_EQ(messages[2].kind, domain::MessageKind::Outbound);
  EXPECT_EQ(messages[2].author.type, domain::ActorType::Agent);
}

TEST(ZendeskMapping, UnknownStatusIsSkippedWithItsPositionAndTheRestKept) {
  auto parsed = map_zendesk(folder(
      {{"users.json", {{"users", {{{"id", 2}, {"name", "Jan"}, {"role", "end-user"}, {"created_at", kAt}}}}}},
       {"tickets.json",
        {{"tickets",
          {{{"id", 8}, {"status", "archived"}, {"requester_id", 2}, {"created_at", kAt}},
           {{"id", 9}, {"status", "deleted"}, {"requester_id", 2}, {"created_at", kAt}},
           {{"id", 10},
            {"subject", "ok"},
            {"status", "new"},
            {"requester_id", 2},
            {"created_at", kAt}}}}}}}));
  ASSERT_EQ(parsed.skipped.size(), 1u);
  EXPECT_EQ(parsed.skipped[0].where, "tickets.json: ticket 8");
  EXPECT_NE(parsed.skipped[0].reason.find("archived"), std::string::npos);
  EXPECT_EQ(parsed.deleted_tickets, 1);
  EXPECT_EQ(all<TicketRecord>(parsed).size(), 1u);
}

TEST(ZammadMapping, SenderIdsAndInternalFlagDecideTheDirection) {
  auto parsed = map_zammad(
      folder({{"users.json",
               json::array({{{"id", 2},
                             {"firstname", "Eva"},
                             {"email", "eva@x.test"},
                             {"role_ids", {2}},
                             {"created_at", kAt}},
                            {{"id", 4}, {"firstname", "Jan"}, {"role_ids", {3}}, {"created_at", kAt}}})},
              {"tickets.json", json::array({{{"id", 1},
                                             {"title", "Vraag"},
                                             {"state", "pending close"},
                                             {"priority", "3 high"},
                                             {"customer_id", 4},
                                             {"owner_id", 1},
                                             {"created_at", kAt}}})},
              {"ticket_articles.json", json::array({{{"id", 11},
                                                     {"ticket_id", 1},
                                                     {"sender_id", 2},
                                                     {"created_by_id", 4},
                                                     {"body", "hi"},
                                                     {"created_at", kAt}},
                                                    {{"id", 12},
                                                     {"ticket_id", 1},
                                                     {"sender_id", 1},
                                                     {"created_by_id", 2},
                                                     {"body", "intern"},
                                                     {"internal", true},
                                                     {"created_at", kAt}},
                                                    {{"id", 13},
                                                     {"ticket_id", 99},
                                                     {"sender_id", 2},
                                                     {"created_by_id", 4},
                                                     {"body", "lost"},
                                                     {"created_at", kAt}}})}}));
  auto tickets = all<TicketRecord>(parsed);
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].status, domain::Status::Pending);
  EXPECT_EQ(tickets[0].priority, domain::Priority::High);
  EXPECT_FALSE(tickets[0].assignee);  // owner 1 is Zammad's "nobody"
  auto messages = all<MessageRecord>(parsed);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].kind, domain::MessageKind::Inbound);
  EXPECT_EQ(messages[1].kind, domain::MessageKind::Note);
  ASSERT_EQ(parsed.skipped.size(), 1u);
  EXPECT_EQ(parsed.skipped[0].where, "ticket_articles.json: article 13");
}

TEST(RtMapping, NumericPriorityRejectedStatusAndAFileThatIsNotJson) {
  ExportFolder export_folder = folder(
      {{"users.json", {{"items", {{{"id", 30}, {"Name", "jan"}, {"Privileged", 0}, {"Created", kAt}}}}}},
       {"tickets.json",
        {{"items",
          {{{"id", 6},
            {"Subject", "Aanbieding"},
            {"Status", "rejected"},
            {"Priority", 100},
            {"Requestor", {{{"type", "user"}, {"id", "jan"}}}},
            {"Created", "2026-10-05 09:00:00"}}}}}}});
  export_folder.documents.emplace("transactions.json", "{not json");
  auto parsed = map_rt(export_folder);
  auto tickets = all<TicketRecord>(parsed);
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].status, domain::Status::Solved);
  EXPECT_EQ(tickets[0].priority, domain::Priority::High);
  EXPECT_EQ(tickets[0].tags, std::vector<std::string>{"rejected"});
  EXPECT_EQ(format_rfc3339(tickets[0].created_at), "2026-10-05T09:00:00Z");  // RT's zone-less UTC
  ASSERT_EQ(parsed.skipped.size(), 1u);
  EXPECT_EQ(parsed.skipped[0].where, "transactions.json");
  EXPECT_EQ(parsed.skipped[0].reason, "not valid JSON");
}

}  // namespace
}  // namespace sp::import

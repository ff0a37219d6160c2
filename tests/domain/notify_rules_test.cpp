#include "domain/notify_rules.hpp"

#include <gtest/gtest.h>

namespace sp::domain {
namespace {

Agent agent(std::int64_t id, std::string name, std::string email, bool active = true) {
  Agent a;
  a.id = AgentId{id};
  a.name = std::move(name);
  a.email = std::move(email);
  a.active = active;
  return a;
}

Message message(std::int64_t id, MessageKind kind, ActorType type, std::int64_t author) {
  Message m;
  m.id = MessageId{id};
  m.kind = kind;
  m.author = Actor{type, author};
  return m;
}

TEST(ParseMentions, ReadsHandlesAfterAtSignsLowerCasedAndOnce) {
  EXPECT_EQ(parse_mentions("@Anna can you look? cc @piet.jansen, and @anna again."),
            (std::vector<std::string>{"anna", "piet.jansen"}));
}

TEST(ParseMentions, AnEmailAddressIsNotAMention) {
  EXPECT_TRUE(parse_mentions("the customer wrote from jan@example.nl").empty());
  EXPECT_TRUE(parse_mentions("a lone @ sign").empty());
}

TEST(ParseMentions, DropsTrailingPunctuationAndStopsAtTheLimit) {
  EXPECT_EQ(parse_mentions("ask @bob."), (std::vector<std::string>{"bob"}));
  std::string many;
  for (int i = 0; i < 30; ++i) many += "@a" + std::to_string(i) + " ";
  EXPECT_EQ(parse_mentions(many).size(), kMaxMentionsPerNote);
}

TEST(MentionedAgents, MatchesFirstNameFullNameOrMailLocalPart) {
  std::vector<Agent> agents = {agent(1, "Anna de Vries", "anna.v@acme.test"),
                               agent(2, "Piet Jansen", "pj@acme.test"), agent(3, "Li Wei", "wei@acme.test"),
                               agent(4, "Bob Old", "bob@acme.test", false)};
  EXPECT_EQ(mentioned_agents({"annadevries"}, agents), (std::vector<AgentId>{AgentId{1}}));
  EXPECT_EQ(mentioned_agents({"pj", "wei"}, agents), (std::vector<AgentId>{AgentId{2}, AgentId{3}}));
  EXPECT_EQ(mentioned_agents({"anna", "anna.v"}, agents), (std::vector<AgentId>{AgentId{1}}));
  EXPECT_TRUE(mentioned_agents({"bob"}, agents).empty()) << "inactive agents are not told";
  EXPECT_TRUE(mentioned_agents({"nobody"}, agents).empty());
}

TEST(Recipients, AnAssignmentTellsTheNewAssigneeUnlessTheyTookItThemselves) {
  const Actor lead{ActorType::Agent, 9};
  EXPECT_EQ(assignment_recipient(std::nullopt, AgentId{2}, lead), AgentId{2});
  EXPECT_EQ(assignment_recipient(AgentId{1}, AgentId{2}, lead), AgentId{2});
  EXPECT_EQ(assignment_recipient(std::nullopt, AgentId{2}, Actor{ActorType::Agent, 2}), std::nullopt);
  EXPECT_EQ(assignment_recipient(AgentId{2}, AgentId{2}, lead), std::nullopt);
  EXPECT_EQ(assignment_recipient(AgentId{2}, std::nullopt, lead), std::nullopt);
}

TEST(Recipients, ACustomerMessageTellsTheAssigneeOnly) {
  Ticket ticket;
  ticket.assignee_id = AgentId{5};
  EXPECT_EQ(customer_reply_recipient(ticket, message(1, MessageKind::Inbound, ActorType::Customer, 3)),
            AgentId{5});
  EXPECT_EQ(customer_reply_recipient(ticket, message(1, MessageKind::Outbound, ActorType::Agent, 4)),
            std::nullopt);
  ticket.assignee_id.reset();
  EXPECT_EQ(customer_reply_recipient(ticket, message(1, MessageKind::Inbound, ActorType::Customer, 3)),
            std::nullopt);
}

TEST(Recipients, MentionsSkipTheirAuthor) {
  EXPECT_EQ(mention_recipients({AgentId{1}, AgentId{2}, AgentId{1}}, Actor{ActorType::Agent, 2}),
            (std::vector<AgentId>{AgentId{1}}));
}

TEST(Recipients, AnEscalationReachesTheLeadAndTheManagerOnce) {
  EXPECT_EQ(escalation_recipients({AgentId{1}, AgentId{2}}), (std::vector<AgentId>{AgentId{1}, AgentId{2}}));
  EXPECT_EQ(escalation_recipients({AgentId{1}, AgentId{1}}), (std::vector<AgentId>{AgentId{1}}));
  EXPECT_TRUE(escalation_recipients({}).empty());
}

TEST(NewerReply, FindsTheNewestPublicReplyOfSomeoneElseAfterWhatWasSeen) {
  std::vector<Message> messages = {message(1, MessageKind::Inbound, ActorType::Customer, 7),
                                   message(2, MessageKind::Outbound, ActorType::Agent, 1),
                                   message(3, MessageKind::Note, ActorType::Agent, 2),
                                   message(4, MessageKind::Outbound, ActorType::Agent, 2)};
  EXPECT_EQ(newer_reply(messages, MessageId{1}, AgentId{1})->id, MessageId{4});
  EXPECT_FALSE(newer_reply(messages, MessageId{4}, AgentId{1})) << "nothing after what was seen";
  EXPECT_FALSE(newer_reply(messages, MessageId{3}, AgentId{2})) << "one's own reply never collides";
  messages.pop_back();
  EXPECT_FALSE(newer_reply(messages, MessageId{2}, AgentId{1})) << "a note is not a reply";
}

}  // namespace
}  // namespace sp::domain

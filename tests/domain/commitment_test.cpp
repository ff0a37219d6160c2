// The pure decision behind commitments (issue 18): kept by an agent's outbound message or
// logged outbound call inside the commitment's window, broken once its due time has passed.
#include "domain/commitment.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sp::domain {
namespace {

const Timestamp kMade = from_unix_seconds(1'800'000'000);
const Timestamp kDue = kMade + std::chrono::hours(4);

Commitment open_commitment() {
  Commitment c;
  c.created_at = kMade;
  c.due_at = kDue;
  c.remind_at = kDue - std::chrono::minutes(30);
  return c;
}

Message message(MessageKind kind, ActorType author, Timestamp at, std::string body = "Hello") {
  Message m;
  m.kind = kind;
  m.author = Actor{author, 7};
  m.created_at = at;
  m.body = std::move(body);
  return m;
}

using Kind = CommitmentDecision::Kind;

TEST(CommitmentDecision, AnAgentReplyBeforeTheDueTimeKeepsIt) {
  std::vector<Message> history{
      message(MessageKind::Outbound, ActorType::Agent, kMade + std::chrono::hours(1))};
  auto decision = decide_commitment(open_commitment(), history, kDue + std::chrono::hours(1));
  EXPECT_EQ(decision.kind, Kind::Kept);
  EXPECT_EQ(decision.at, kMade + std::chrono::hours(1));
}

TEST(CommitmentDecision, AReplyExactlyAtTheDueTimeStillCounts) {
  std::vector<Message> history{message(MessageKind::Outbound, ActorType::Agent, kDue)};
  EXPECT_EQ(decide_commitment(open_commitment(), history, kDue + std::chrono::minutes(1)).kind, Kind::Kept);
}

TEST(CommitmentDecision, WithoutAnActionItIsBrokenOnlyAfterTheDueTime) {
  std::vector<Message> none;
  EXPECT_EQ(decide_commitment(open_commitment(), none, kDue).kind, Kind::Unchanged);
  auto late = decide_commitment(open_commitment(), none, kDue + std::chrono::seconds(1));
  EXPECT_EQ(late.kind, Kind::Broken);
  EXPECT_EQ(late.at, kDue);
}

TEST(CommitmentDecision, AReplyBeforeTheCommitmentWasMadeOrAfterItsDueTimeDoesNotKeepIt) {
  std::vector<Message> history{
      message(MessageKind::Outbound, ActorType::Agent, kMade - std::chrono::minutes(1)),
      message(MessageKind::Outbound, ActorType::Agent, kDue + std::chrono::minutes(1))};
  EXPECT_EQ(decide_commitment(open_commitment(), history, kDue + std::chrono::hours(1)).kind, Kind::Broken);
}

TEST(CommitmentDecision, CustomerMessagesAndPlainNotesDoNotKeepIt) {
  std::vector<Message> history{
      message(MessageKind::Inbound, ActorType::Customer, kMade + std::chrono::hours(1)),
      message(MessageKind::Note, ActorType::Agent, kMade + std::chrono::hours(1),
              "[call] inbound, 2 min 0 s, reached"),
      message(MessageKind::Note, ActorType::Agent, kMade + std::chrono::hours(1), "will call tomorrow")};
  EXPECT_EQ(decide_commitment(open_commitment(), history, kDue + std::chrono::hours(1)).kind, Kind::Broken);
}

TEST(CommitmentDecision, ALoggedOutboundCallKeepsIt) {
  std::vector<Message> history{message(MessageKind::Note, ActorType::Agent, kMade + std::chrono::hours(2),
                                       "[call] outbound, 3 min 10 s, voicemail")};
  EXPECT_EQ(decide_commitment(open_commitment(), history, kDue + std::chrono::hours(1)).kind, Kind::Kept);
}

TEST(CommitmentDecision, ADecidedCommitmentNeverChanges) {
  for (auto state : {CommitmentState::Kept, CommitmentState::Broken, CommitmentState::Cancelled}) {
    auto c = open_commitment();
    c.state = state;
    std::vector<Message> none;
    EXPECT_EQ(decide_commitment(c, none, kDue + std::chrono::hours(9)).kind, Kind::Unchanged)
        << to_string(state);
  }
}

TEST(CommitmentReminder, IsDueFromRemindAtUntilTheDueTimeAndOnlyOnce) {
  auto c = open_commitment();
  EXPECT_FALSE(reminder_due(c, c.remind_at - std::chrono::seconds(1)));
  EXPECT_TRUE(reminder_due(c, c.remind_at));
  EXPECT_FALSE(reminder_due(c, kDue));
  c.reminded_at = c.remind_at;
  EXPECT_FALSE(reminder_due(c, c.remind_at + std::chrono::minutes(1)));
}

TEST(CommitmentNames, RoundTripAndRejectUnknown) {
  for (auto state :
       {CommitmentState::Open, CommitmentState::Kept, CommitmentState::Broken, CommitmentState::Cancelled}) {
    EXPECT_EQ(parse_commitment_state(to_string(state)).value(), state);
  }
  EXPECT_EQ(parse_commitment_source("callback").value(), CommitmentSource::Callback);
  EXPECT_FALSE(parse_commitment_state("done").ok());
  EXPECT_FALSE(parse_commitment_source("").ok());
}

}  // namespace
}  // namespace sp::domain

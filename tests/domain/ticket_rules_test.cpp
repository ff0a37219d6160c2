#include <gtest/gtest.h>

#include "domain/ticket_rules.hpp"
#include "domain/validation.hpp"

namespace sp::domain {
namespace {

const Timestamp kT0 = from_unix_seconds(1'795'000'000);
const Actor kAgent{ActorType::Agent, 7};

Ticket fresh_ticket() {
  NewTicket input;
  input.subject = "  Router kapot  ";
  input.requester_id = CustomerId{3};
  input.tags = {"B", "a", "b"};
  auto validated = validate_new_ticket(input);
  EXPECT_TRUE(validated.ok());
  auto draft = draft_ticket(*validated, TenantId{1}, kAgent, kT0);
  draft.ticket.id = TicketId{10};
  return draft.ticket;
}

TEST(TicketRules, NewTicketIsNormalisedAndStartsNew) {
  Ticket t = fresh_ticket();
  EXPECT_EQ(t.subject, "Router kapot");
  EXPECT_EQ(t.tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.status, Status::New);
  EXPECT_EQ(t.version, 1);
}

TEST(TicketRules, TransitionTableMatchesTheDocumentedLifecycle) {
  struct Case {
    Status from, to;
    bool allowed;
  };
  const Case cases[] = {
      {Status::New, Status::Open, true},        {Status::New, Status::Closed, false},
      {Status::Open, Status::New, false},       {Status::Open, Status::Solved, true},
      {Status::Pending, Status::Open, true},    {Status::OnHold, Status::Pending, true},
      {Status::Solved, Status::Open, true},     {Status::Solved, Status::Closed, true},
      {Status::Solved, Status::Pending, false}, {Status::Closed, Status::Open, false},
      {Status::Closed, Status::Solved, false},  {Status::Open, Status::Closed, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(can_transition(c.from, c.to), c.allowed) << to_string(c.from) << "->" << to_string(c.to);
  }
}

TEST(TicketRules, PatchEmitsOneEventPerChangedFieldAndBumpsVersion) {
  Ticket t = fresh_ticket();
  TicketPatch patch;
  patch.priority = Priority::Urgent;
  patch.status = Status::Open;
  patch.assignee_id = AgentId{7};
  patch.tags = std::vector<std::string>{"a", "b"};  // unchanged
  auto change = apply_patch(t, patch, kAgent, kT0 + std::chrono::minutes(5));
  ASSERT_TRUE(change.ok());
  ASSERT_EQ(change->events.size(), 3u);
  EXPECT_EQ(change->events[0].type, EventType::PriorityChanged);
  EXPECT_EQ(change->events[0].from, "normal");
  EXPECT_EQ(change->events[1].type, EventType::AssigneeChanged);
  EXPECT_EQ(change->events[1].to, "7");
  EXPECT_EQ(change->events[2].type, EventType::StatusChanged);
  EXPECT_EQ(change->after.version, 2);
  EXPECT_EQ(change->after.updated_at, kT0 + std::chrono::minutes(5));
}

TEST(TicketRules, NoOpPatchChangesNothing) {
  Ticket t = fresh_ticket();
  TicketPatch patch;
  patch.priority = Priority::Normal;
  auto change = apply_patch(t, patch, kAgent, kT0 + std::chrono::minutes(1));
  ASSERT_TRUE(change.ok());
  EXPECT_TRUE(change->events.empty());
  EXPECT_EQ(change->after.version, 1);
  EXPECT_EQ(change->after.updated_at, kT0);
}

TEST(TicketRules, ForbiddenTransitionFailsWholePatch) {
  Ticket t = fresh_ticket();
  TicketPatch patch;
  patch.priority = Priority::Low;
  patch.status = Status::Closed;
  auto change = apply_patch(t, patch, kAgent, kT0);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::Conflict);
  EXPECT_EQ(change.error().kind, "invalid-transition");
}

TEST(TicketRules, CustomerMessageReopensPendingAndSolvedTickets) {
  for (Status start : {Status::Pending, Status::Solved}) {
    Ticket t = fresh_ticket();
    t.status = start;
    auto change = add_message(t, MessageKind::Inbound, "still broken", Actor{ActorType::Customer, 3}, kT0);
    ASSERT_TRUE(change.ok());
    EXPECT_EQ(change->after.status, Status::Open);
    ASSERT_EQ(change->events.size(), 2u);
    EXPECT_EQ(change->events[1].type, EventType::StatusChanged);
  }
}

TEST(TicketRules, NotesNeverChangeStatusAndClosedTicketsTakeNoMessages) {
  Ticket t = fresh_ticket();
  auto note = add_message(t, MessageKind::Note, "internal", kAgent, kT0);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(note->after.status, Status::New);
  t.status = Status::Closed;
  auto closed = add_message(t, MessageKind::Inbound, "hello?", Actor{ActorType::Customer, 3}, kT0);
  ASSERT_FALSE(closed.ok());
  EXPECT_EQ(closed.error().kind, "ticket-closed");
}

TEST(TicketRules, ReplayOfTheHistoryRebuildsTheTicket) {
  Ticket created = fresh_ticket();
  Ticket t = created;
  std::vector<TicketEvent> history;
  auto apply = [&](Result<TicketChange> change) {
    ASSERT_TRUE(change.ok());
    for (auto& e : change->events) history.push_back(e);
    t = change->after;
  };
  apply(add_message(t, MessageKind::Outbound, "on it", kAgent, kT0 + std::chrono::minutes(1)));
  TicketPatch p1;
  p1.assignee_id = AgentId{9};
  p1.team_id = TeamId{2};
  p1.tags = std::vector<std::string>{"vip"};
  p1.category = "billing";
  apply(apply_patch(t, p1, kAgent, kT0 + std::chrono::minutes(2)));
  TicketPatch p2;
  p2.status = Status::Solved;
  apply(apply_patch(t, p2, kAgent, kT0 + std::chrono::minutes(3)));
  Ticket rebuilt = replay(created, history);
  EXPECT_EQ(rebuilt.status, t.status);
  EXPECT_EQ(rebuilt.assignee_id, t.assignee_id);
  EXPECT_EQ(rebuilt.team_id, t.team_id);
  EXPECT_EQ(rebuilt.tags, t.tags);
  EXPECT_EQ(rebuilt.category, t.category);
  EXPECT_EQ(rebuilt.solved_at, t.solved_at);
  EXPECT_EQ(rebuilt.updated_at, t.updated_at);
}

TEST(Validation, EmailsAreNormalisedAndJunkRejected) {
  EXPECT_EQ(*normalise_email("  Jan.Jansen@Example.NL "), "jan.jansen@example.nl");
  for (const char* bad : {"", "jan", "@example.nl", "jan@", "jan@example", "a@b@c.nl", "jan@exa mple.nl",
                          "jan@.example.nl", "<jan@example.nl>"}) {
    EXPECT_FALSE(normalise_email(bad).ok()) << bad;
  }
}

TEST(Validation, PhonesKeepDigitsAndLeadingPlus) {
  EXPECT_EQ(*normalise_phone("+31 (6) 1234-5678"), "+31612345678");
  EXPECT_FALSE(normalise_phone("12345").ok());
  EXPECT_FALSE(normalise_phone("+31 6 1234 5678; DROP").ok());
  EXPECT_FALSE(normalise_phone("0031+6").ok());
}

TEST(Validation, TextRulesRejectControlCharactersAndBadUtf8) {
  EXPECT_TRUE(require_text("我的耳机坏了", "subject", 100).ok());
  EXPECT_FALSE(require_text("bad\x01", "subject", 100).ok());
  EXPECT_FALSE(require_text("\xC0\xAF", "subject", 100).ok());      // overlong '/'
  EXPECT_FALSE(require_text("\xED\xA0\x80", "subject", 100).ok());  // surrogate
  EXPECT_FALSE(require_text("\xE6\x88", "subject", 100).ok());      // truncated
  EXPECT_FALSE(require_text("   ", "subject", 100).ok());
  EXPECT_FALSE(require_text(std::string(101, 'a'), "subject", 100).ok());
  EXPECT_TRUE(require_text("line\nbreak", "body", 100, true).ok());
  EXPECT_FALSE(require_text("line\nbreak", "subject", 100, false).ok());
}

TEST(Validation, TagsAreLowerCasedSortedAndLimited) {
  EXPECT_EQ(*normalise_tags({"VIP", "outage", "vip"}), (std::vector<std::string>{"outage", "vip"}));
  EXPECT_FALSE(normalise_tags({"has space"}).ok());
  std::vector<std::string> many;
  for (int idx = 0; idx < 21; ++idx) many.push_back("t" + std::to_string(idx));
  EXPECT_FALSE(normalise_tags(many).ok());
}

TEST(Validation, EnumNamesRoundTrip) {
  for (Status s :
       {Status::New, Status::Open, Status::Pending, Status::OnHold, Status::Solved, Status::Closed}) {
    EXPECT_EQ(*parse_status(to_string(s)), s);
  }
  auto bad = parse_status("archived");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("on_hold"), std::string::npos);
}

}  // namespace
}  // namespace sp::domain

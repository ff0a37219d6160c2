// domain::record_call and the CallRecorded event (issue 6: call wait and talk times land in
// the ticket history so reports can compute wait time and abandonment).
#include <gtest/gtest.h>

#include "domain/ticket_rules.hpp"

namespace sp::domain {
namespace {

const Timestamp kT0 = from_unix_seconds(1'795'000'000);
const Actor kSystem{ActorType::System, 0};

Ticket phone_ticket() {
  NewTicket input;
  input.subject = "Phone call from +31201234567";
  input.channel = Channel::Phone;
  input.requester_id = CustomerId{3};
  input.first_message = "Phone call";
  auto draft =
      draft_ticket(validate_new_ticket(input).value(), TenantId{1}, Actor{ActorType::Customer, 3}, kT0);
  draft.ticket.id = TicketId{10};
  return draft.ticket;
}

TEST(RecordCall, AnsweredCallBecomesOneCompactJsonEventAndBumpsVersionOnly) {
  Ticket before = phone_ticket();
  CallFacts call{"c-42", "answered", 35, std::nullopt, "eva@desk.example", "+31201234567"};
  auto change = record_call(before, call, kSystem, kT0 + std::chrono::minutes(1));
  ASSERT_TRUE(change.ok()) << change.error().message;
  ASSERT_EQ(change->events.size(), 1u);
  const TicketEvent& event = change->events.front();
  EXPECT_EQ(event.type, EventType::CallRecorded);
  EXPECT_EQ(to_string(event.type), "call_recorded");
  EXPECT_EQ(event.field, "call");
  EXPECT_EQ(event.to, R"({"call_id":"c-42","state":"answered","wait_seconds":35,"talk_seconds":null,)"
                      R"("agent":"eva@desk.example","caller":"+31201234567"})");
  EXPECT_EQ(change->after.version, before.version + 1);
  EXPECT_EQ(change->after.status, before.status);
  EXPECT_EQ(change->after.updated_at, kT0 + std::chrono::minutes(1));
  // The row stays the fold of its history.
  Ticket replayed = replay(before, change->events);
  EXPECT_EQ(replayed.status, change->after.status);
  EXPECT_EQ(replayed.updated_at, change->after.updated_at);
}

TEST(RecordCall, EscapesTextAndRecordsOnClosedTickets) {
  Ticket closed = phone_ticket();
  closed.status = Status::Closed;
  CallFacts call{"c\"1\\", "abandoned", 90, std::nullopt, "", "+31"};
  auto change = record_call(closed, call, kSystem, kT0);
  ASSERT_TRUE(change.ok());
  EXPECT_NE(change->events.front().to.find(R"("call_id":"c\"1\\")"), std::string::npos);
  EXPECT_EQ(change->after.status, Status::Closed);
}

TEST(RecordCall, RejectsUnknownStatesEmptyIdsAndTimesOutOfRange) {
  Ticket t = phone_ticket();
  struct Case {
    CallFacts call;
    const char* field;
  };
  const Case cases[] = {
      {{"c-1", "ringing", 1, 0, "", ""}, "state"},
      {{"", "queued", std::nullopt, std::nullopt, "", ""}, "call_id"},
      {{std::string(129, 'x'), "queued", std::nullopt, std::nullopt, "", ""}, "call_id"},
      {{"c-1", "answered", -1, std::nullopt, "", ""}, "wait_seconds"},
      {{"c-1", "ended", 0, 86401, "", ""}, "talk_seconds"},
  };
  for (const auto& c : cases) {
    auto change = record_call(t, c.call, kSystem, kT0);
    ASSERT_FALSE(change.ok()) << c.field;
    EXPECT_EQ(change.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(change.error().field, c.field);
  }
}

TEST(RecordCall, EventTypeNameRoundTrips) {
  EXPECT_EQ(parse_event_type("call_recorded").value(), EventType::CallRecorded);
}

}  // namespace
}  // namespace sp::domain

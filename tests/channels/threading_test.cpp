#include "channels/threading.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace sp::channels {
namespace {

using domain::TicketId;

class MapLookup : public ThreadLookup {
 public:
  std::optional<TicketId> ticket_for_message_id(std::string_view message_id) const override {
    ++lookups;
    const auto it = by_message_id.find(std::string(message_id));
    if (it == by_message_id.end()) {
      return std::nullopt;
    }
    return it->second;
  }
  bool ticket_exists(TicketId ticket) const override { return tickets.contains(ticket.value); }

  std::map<std::string, TicketId> by_message_id;
  std::set<std::int64_t> tickets;
  mutable int lookups = 0;
};

ParsedMail mail_with(std::string in_reply_to, std::vector<std::string> references, std::string subject) {
  ParsedMail mail;
  mail.in_reply_to = std::move(in_reply_to);
  mail.references = std::move(references);
  mail.subject = std::move(subject);
  return mail;
}

TEST(TicketToken, FormatsAndParses) {
  EXPECT_EQ(format_ticket_token(TicketId{1234}), "[#T-1234]");
  EXPECT_EQ(format_ticket_reference(TicketId{7}), "T-7");
  EXPECT_EQ(parse_ticket_token("Re: [#T-1234] Order")->value, 1234);
  EXPECT_EQ(parse_ticket_token("RE: AW: Order [#t-99]")->value, 99);
  EXPECT_EQ(parse_ticket_token("Order [T-5]")->value, 5);
  EXPECT_EQ(parse_ticket_token("About #T-42, again")->value, 42);
  EXPECT_FALSE(parse_ticket_token("About T-42").has_value());
  EXPECT_FALSE(parse_ticket_token("[#T-]").has_value());
  EXPECT_FALSE(parse_ticket_token("[#T-0]").has_value());
  EXPECT_EQ(parse_ticket_token("[#T-12")->value, 12);  // read as the bare "#T-12" form
  EXPECT_FALSE(parse_ticket_token("#T-12abc").has_value());
  EXPECT_FALSE(parse_ticket_token("[#T-99999999999999999999999]").has_value());
  EXPECT_EQ(parse_ticket_token("[#T-x] then [#T-8]")->value, 8);
}

TEST(DecideThread, InReplyToWins) {
  MapLookup lookup;
  lookup.by_message_id["out-1@desk"] = TicketId{10};
  lookup.by_message_id["older@desk"] = TicketId{20};
  lookup.tickets = {10, 20, 30};
  const auto decision = decide_thread(mail_with("out-1@desk", {"older@desk"}, "[#T-30]"), lookup);
  ASSERT_TRUE(std::holds_alternative<AppendTo>(decision));
  EXPECT_EQ(std::get<AppendTo>(decision).ticket.value, 10);
  EXPECT_EQ(std::get<AppendTo>(decision).evidence, ThreadEvidence::InReplyTo);
}

TEST(DecideThread, ReferencesNewestFirst) {
  MapLookup lookup;
  lookup.by_message_id["a@x"] = TicketId{1};
  lookup.by_message_id["c@x"] = TicketId{3};
  const auto decision = decide_thread(mail_with("unknown@x", {"a@x", "b@x", "c@x"}, ""), lookup);
  ASSERT_TRUE(std::holds_alternative<AppendTo>(decision));
  EXPECT_EQ(std::get<AppendTo>(decision).ticket.value, 3);
  EXPECT_EQ(std::get<AppendTo>(decision).evidence, ThreadEvidence::References);
}

TEST(DecideThread, SubjectTokenCheckedAgainstTheTenant) {
  MapLookup lookup;
  lookup.tickets = {1234};
  auto decision = decide_thread(mail_with("", {}, "Re: [#T-1234] Order"), lookup);
  ASSERT_TRUE(std::holds_alternative<AppendTo>(decision));
  EXPECT_EQ(std::get<AppendTo>(decision).evidence, ThreadEvidence::SubjectToken);
  // A token for a ticket of another tenant (or none) starts a new ticket.
  decision = decide_thread(mail_with("", {}, "Re: [#T-999] Order"), lookup);
  EXPECT_TRUE(std::holds_alternative<NewTicket>(decision));
}

TEST(DecideThread, NothingKnownMeansNewTicket) {
  MapLookup lookup;
  EXPECT_TRUE(std::holds_alternative<NewTicket>(decide_thread(mail_with("", {}, "Hello"), lookup)));
}

TEST(DecideThread, LookupsAreBounded) {
  MapLookup lookup;
  std::vector<std::string> references;
  for (int idx = 0; idx < 500; ++idx) {
    references.push_back("r" + std::to_string(idx) + "@x");
  }
  EXPECT_TRUE(std::holds_alternative<NewTicket>(decide_thread(mail_with("", references, ""), lookup)));
  EXPECT_LE(lookup.lookups, static_cast<int>(kMaxReferencesLookedUp));
}

TEST(NormalizeAddress, TrimsLowercasesAndValidates) {
  EXPECT_EQ(*normalize_address("  <Jan.DeVries@Example.NL> "), "jan.devries@example.nl");
  EXPECT_EQ(*normalize_address("a+tag@b"), "a+tag@b");
  for (const char* bad : {"", "  ", "no-at", "@x.nl", "a@", "a@@b", "a b@c.nl", "a@b..nl", "a@.b", ".a@b.nl",
                          "a@b.nl\r\nBcc: x@y", "\"quoted\"@x.nl", "a,b@c.nl"}) {
    auto result = normalize_address(bad);
    EXPECT_FALSE(result.ok()) << bad;
    if (!result.ok()) {
      EXPECT_EQ(result.error().field, "email");
    }
  }
  EXPECT_FALSE(normalize_address(std::string(250, 'a') + "@b.nl").ok());
}

}  // namespace
}  // namespace sp::channels

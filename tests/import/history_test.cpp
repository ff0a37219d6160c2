// The history replay: an imported ticket's events are what servicepact's own rules would
// have recorded, so its clocks and KPIs come out as for a native ticket.
#include <gtest/gtest.h>

#include "import/history.hpp"

namespace sp::import {
namespace {

using domain::EventType;
using domain::Status;

struct Export {
  std::vector<Record> records;
  std::vector<std::string> positions;
  void add(const char* line) {
    auto record = parse_record_line(line);
    ASSERT_TRUE(record.ok()) << line << ": " << record.error().message;
    records.push_back(std::move(*record));
    positions.push_back("line " + std::to_string(records.size()));
  }
};

ResolvedIds ids() {
  ResolvedIds out;
  out.customers["c1"] = domain::CustomerId{7};
  out.agents["a1"] = domain::AgentId{3};
  return out;
}

std::vector<std::string> statuses(const BuiltHistory& built) {
  std::vector<std::string> out;
  for (const auto& event : built.events) {
    if (event.type == EventType::StatusChanged) out.push_back(event.to);
  }
  return out;
}

TEST(ImportHistory, ReopenedTicketIsReplayedThroughTheDomainRules) {
  Export e;
  e.add(
      R"({"kind":"ticket","external_id":"t1","subject":"Help","status":"solved","requester":"c1","created_at":"2026-10-05T09:00:00Z","updated_at":"2026-10-07T03:00:00Z"})");
  e.add(
      R"({"kind":"message","external_id":"m1","ticket":"t1","direction":"inbound","author_type":"customer","author":"c1","body":"broken","created_at":"2026-10-05T09:00:00Z"})");
  e.add(
      R"({"kind":"message","external_id":"m2","ticket":"t1","direction":"outbound","author_type":"agent","author":"a1","body":"fixed","created_at":"2026-10-05T12:00:00Z"})");
  e.add(
      R"({"kind":"status_change","ticket":"t1","to":"solved","author_type":"agent","author":"a1","at":"2026-10-05T12:00:00Z"})");
  e.add(
      R"({"kind":"message","external_id":"m3","ticket":"t1","direction":"inbound","author_type":"customer","author":"c1","body":"still broken","created_at":"2026-10-06T09:00:00Z"})");
  e.add(
      R"({"kind":"status_change","ticket":"t1","to":"solved","author_type":"agent","author":"a1","at":"2026-10-07T03:00:00Z"})");
  auto grouped = group_by_ticket(e.records, e.positions);
  ASSERT_EQ(grouped.tickets.size(), 1u);
  auto built = build_ticket(grouped.tickets[0], ids(), domain::TenantId{1}, {});
  ASSERT_TRUE(built.ok()) << built.error().message;
  EXPECT_EQ(built->ticket.status, Status::Solved);
  EXPECT_EQ(format_rfc3339(built->ticket.created_at), "2026-10-05T09:00:00Z");
  EXPECT_EQ(format_rfc3339(*built->ticket.solved_at), "2026-10-07T03:00:00Z");
  // The reply opens the new ticket, the customer's message reopens the solved one.
  EXPECT_EQ(statuses(*built), (std::vector<std::string>{"open", "solved", "open", "solved"}));
  ASSERT_EQ(built->messages.size(), 3u);
  EXPECT_EQ(built->messages[1].author.type, domain::ActorType::Agent);
  EXPECT_EQ(built->messages[1].author.id, 3);
  EXPECT_EQ(built->message_external_ids, (std::vector<std::string>{"m1", "m2", "m3"}));
  EXPECT_EQ(built->events.front().type, EventType::Created);
  EXPECT_EQ(built->events[1].message_id->value, 1);  // index into messages + 1
}

TEST(ImportHistory, SolvedAtWithoutAStatusChangeSolvesAndForbiddenStepsGoTheAllowedWay) {
  Export e;
  e.add(
      R"({"kind":"ticket","external_id":"t1","subject":"","status":"closed","tags":["VIP klant","VIP klant","ok"],"category":"Major Complaint","requester":"c1","created_at":"2026-10-05T09:00:00Z","solved_at":"2026-10-05T10:00:00Z","updated_at":"2026-10-08T10:00:00Z"})");
  e.add(
      R"({"kind":"message","external_id":"m1","ticket":"t1","direction":"inbound","author_type":"customer","author":"c1","body":"","created_at":"2026-10-05T09:00:00Z"})");
  auto grouped = group_by_ticket(e.records, e.positions);
  auto built = build_ticket(grouped.tickets[0], ids(), domain::TenantId{1}, {});
  ASSERT_TRUE(built.ok()) << built.error().message;
  EXPECT_EQ(statuses(*built), (std::vector<std::string>{"solved", "closed"}));
  EXPECT_EQ(built->ticket.subject, "(no subject)");
  EXPECT_EQ(built->messages[0].body, "(no text)");
  EXPECT_EQ(built->ticket.tags, (std::vector<std::string>{"ok", "vip-klant"}));
  EXPECT_EQ(built->ticket.category, "major-complaint");
  EXPECT_EQ(format_rfc3339(built->ticket.updated_at), "2026-10-08T10:00:00Z");
}

TEST(ImportHistory, UnknownRequesterIsRefusedAndOrphansAreSkipped) {
  Export e;
  e.add(
      R"({"kind":"ticket","external_id":"t1","subject":"x","requester":"nobody","created_at":"2026-10-05T09:00:00Z"})");
  e.add(
      R"({"kind":"message","external_id":"m1","ticket":"t9","direction":"inbound","author_type":"customer","author":"c1","body":"b","created_at":"2026-10-05T09:00:00Z"})");
  auto grouped = group_by_ticket(e.records, e.positions);
  ASSERT_EQ(grouped.skipped.size(), 1u);
  EXPECT_EQ(grouped.skipped[0].where, "line 2");
  auto built = build_ticket(grouped.tickets[0], ids(), domain::TenantId{1}, {});
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().field, "requester");
}

TEST(ImportHistory, ALaterExportAddsOnlyNewMessagesAndAttachmentLines) {
  Export e;
  e.add(
      R"({"kind":"ticket","external_id":"t1","subject":"x","status":"open","requester":"c1","created_at":"2026-10-05T09:00:00Z"})");
  e.add(
      R"({"kind":"message","external_id":"m1","ticket":"t1","direction":"inbound","author_type":"customer","author":"c1","body":"one","created_at":"2026-10-05T09:00:00Z"})");
  e.add(
      R"({"kind":"message","external_id":"m2","ticket":"t1","direction":"note","author_type":"agent","author":"a1","body":"two","created_at":"2026-10-06T09:00:00Z"})");
  auto grouped = group_by_ticket(e.records, e.positions);
  AttachmentLines attachments;
  attachments["m2"].push_back(attachment_line("a.pdf", "application/pdf", 3, "abc"));
  auto first = build_ticket(grouped.tickets[0], ids(), domain::TenantId{1}, attachments);
  ASSERT_TRUE(first.ok());
  auto current = first->ticket;
  current.status = Status::Open;
  auto nothing = extend_ticket(current, *parse_rfc3339("2026-10-06T09:00:00Z"), grouped.tickets[0], ids(),
                               {"m1", "m2"}, attachments);
  ASSERT_TRUE(nothing.ok());
  EXPECT_FALSE(nothing->has_value());
  auto more = extend_ticket(current, *parse_rfc3339("2026-10-05T09:00:00Z"), grouped.tickets[0], ids(),
                            {"m1"}, attachments);
  ASSERT_TRUE(more.ok()) << more.error().message;
  ASSERT_TRUE(more->has_value());
  ASSERT_EQ((*more)->messages.size(), 1u);
  EXPECT_EQ((*more)->messages[0].kind, domain::MessageKind::Note);
  EXPECT_EQ((*more)->messages[0].body, "two\n[attachment: a.pdf, application/pdf, 3 bytes, sha256:abc]");
}

TEST(ImportHistory, TagsFromNamesInOtherScriptsAreTransliteratedNotEmptied) {
  EXPECT_EQ(sanitise_tag("org:华为"), "org:hua-wei");
  EXPECT_EQ(sanitise_tag("org:Ærø Fietsen"), "org:aero-fietsen");
  EXPECT_EQ(sanitise_tag("VIP klant"), "vip-klant");
  EXPECT_EQ(sanitise_category("Facturatie & Betalingen"), "facturatie-betalingen");
  EXPECT_EQ(sanitise_tag("退款"), "tui-kuan");
}

}  // namespace
}  // namespace sp::import

// The importer on the application as the binary wires it (real SQLite, SLA and KPI services):
// the sample export lands with its history, bad records are listed, a second run adds
// nothing, and a ticket answered late last month shows in the KPI report's breaches.
#include <gtest/gtest.h>

#include "import_world.hpp"

namespace sp::testing {
namespace {

using nlohmann::json;

TEST(Importer, SampleExportLandsWithItsHistoryAndListsWhatWasSkipped) {
  ImportWorld w;
  auto summary = w.run();
  EXPECT_EQ(summary.kinds["team"].imported, 2);
  EXPECT_EQ(summary.kinds["agent"].imported, 2);
  EXPECT_EQ(summary.kinds["customer"].imported, 2);
  EXPECT_EQ(summary.kinds["ticket"].imported, 3);
  EXPECT_EQ(summary.kinds["ticket"].skipped, 1);  // t4: its requester is not in the export
  EXPECT_EQ(summary.kinds["message"].imported, 9);
  EXPECT_EQ(summary.kinds["message"].skipped, 2);  // line 25 (direction), line 27 (no ticket t9)
  EXPECT_EQ(summary.kinds["attachment"].imported, 2);
  EXPECT_EQ(summary.kinds["line"].skipped, 1);  // line 28 is not JSON
  std::vector<std::string> where;
  for (const auto& skipped : summary.skipped) where.push_back(skipped.where);
  std::sort(where.begin(), where.end());
  EXPECT_EQ(where, (std::vector<std::string>{"line 25", "line 26", "line 27", "line 28"}));

  auto tickets = w.tickets();
  ASSERT_EQ(tickets.size(), 3u);
  const auto scope = storage::Scope::of(w.tenant);
  for (const auto& ticket : tickets) {
    auto messages = w.server.store().list_messages(scope, ticket.id).value();
    if (ticket.subject == "发票金额不对") {
      EXPECT_EQ(ticket.status, domain::Status::Solved);
      EXPECT_EQ(format_rfc3339(ticket.created_at), "2026-10-06T02:00:00Z");
      ASSERT_EQ(messages.size(), 4u);
      EXPECT_NE(messages[1].body.find("[attachment: 发票.txt, text/plain, 14 bytes, sha256:"),
                std::string::npos)
          << messages[1].body;
    } else if (ticket.subject == "Storing glasvezel in Utrecht") {
      EXPECT_EQ(ticket.priority, domain::Priority::High);
      EXPECT_EQ(ticket.tags, (std::vector<std::string>{"glasvezel", "storing"}));
      ASSERT_EQ(messages.size(), 3u);
      EXPECT_EQ(messages[1].kind, domain::MessageKind::Note);  // internal stays internal
      auto digest = messages[2].body.substr(messages[2].body.find("sha256:") + 7, 64);
      EXPECT_TRUE(std::filesystem::exists(w.attachments.path_of(digest)));
    } else {
      EXPECT_EQ(ticket.status, domain::Status::Pending);
    }
  }
}

TEST(Importer, ImportingTwiceIsImportingOnce) {
  ImportWorld w;
  w.run();
  auto before = w.tickets();
  auto again = w.run();
  EXPECT_EQ(again.kinds["ticket"].imported, 0);
  EXPECT_EQ(again.kinds["ticket"].updated, 0);
  EXPECT_EQ(again.kinds["ticket"].already_present, 3);
  EXPECT_EQ(again.kinds["customer"].already_present, 2);
  EXPECT_EQ(again.kinds["agent"].already_present, 2);
  EXPECT_EQ(again.kinds["team"].already_present, 2);
  EXPECT_EQ(again.kinds["message"].imported, 0);
  auto after = w.tickets();
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t idx = 0; idx < after.size(); ++idx) {
    EXPECT_EQ(after[idx].version, before[idx].version);
    EXPECT_EQ(w.server.store().list_messages(storage::Scope::of(w.tenant), after[idx].id).value().size(),
              w.server.store().list_messages(storage::Scope::of(w.tenant), before[idx].id).value().size());
  }
}

TEST(Importer, TicketAnsweredLateLastMonthCountsAsABreachInTheKpiReport) {
  ImportWorld w;
  w.run();
  // t1 was answered after three hours against a one-hour first response; t2 in ten minutes.
  for (const char* source : {"exact", "aggregates"}) {
    auto figures = w.october(source);
    EXPECT_EQ(figures["contacts_received"], 2) << source << figures.dump();
    const auto& first = figures["sla"]["first_response"];
    EXPECT_EQ(first["cycles_finished"], 2) << source << first.dump();
    EXPECT_EQ(first["cycles_met"], 1) << source << first.dump();
    EXPECT_EQ(first["breaches"]["minor"].get<int>() + first["breaches"]["major"].get<int>(), 1) << source;
  }
  // The open imported ticket has its SLA state like a native one: a timer and live clocks.
  for (const auto& ticket : w.tickets()) {
    auto sla = body_of(w.admin.get("/api/v1/tickets/" + std::to_string(ticket.id.value) + "/sla"));
    EXPECT_FALSE(sla["clocks"].empty()) << ticket.subject << sla.dump();
  }
}

}  // namespace
}  // namespace sp::testing

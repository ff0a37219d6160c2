// The Zendesk, Zammad and RT exports (tests/import/data/<peer>/, written by
// write_peer_samples.py) imported on a real database: the same story in each peer's format
// lands with the same tickets, authors, internal notes, timestamps, statuses, tags, teams,
// attachment bytes and KPIs; deleted tickets are left out, merged ones solved with a note, a
// malformed record is skipped with its position, and a second run adds only what is new.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "import/peers.hpp"
#include "import_world.hpp"
#include "support/temp_dir.hpp"

namespace sp::testing {
namespace {

using domain::ActorType;
using domain::MessageKind;
using domain::Status;
using nlohmann::json;

// The non-text bytes of meting.bin, as write_peer_samples.py writes them.
const std::string kBinary("\x89PNG\r\n\x1a\n\x00\x01\x02\xfe\xffmeting\x00", 20);

struct Peer {
  std::string name;
  std::string outage, invoice, merged, pending;  // external ticket ids
  std::string malformed_at;                      // the skipped record's position
  std::string merge_note;                        // names the ticket merged into
  std::int64_t tickets = 0;                      // imported
  std::int64_t messages = 0;                     // imported
  bool organisation_tag = true;                  // the requester's organisation on the ticket
};

std::ostream& operator<<(std::ostream& out, const Peer& peer) {
  return out << peer.name;
}

std::string folder_of(const Peer& peer) {
  return std::string(SP_IMPORT_DATA) + "/" + peer.name;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_json(const std::filesystem::path& path, const json& value) {
  std::ofstream(path, std::ios::binary) << value.dump(1);
}

json read_json(const std::filesystem::path& path) {
  return json::parse(read_all(path));
}

// Adds one new ticket with one customer message to a copy of the peer's export.
void add_one_ticket(const Peer& peer, const std::filesystem::path& folder) {
  const char* at = "2026-11-20T08:00:00Z";
  if (peer.name == "zendesk") {
    auto tickets = read_json(folder / "tickets.json");
    tickets["tickets"].push_back(
        {{"id", 107},
         {"subject", "Nieuwe vraag"},
         {"status", "open"},
         {"requester_id", 21},
         {"created_at", at},
         {"comments",
          json::array({{{"id", 7001}, {"author_id", 21}, {"body", "Hallo"}, {"created_at", at}}})}});
    write_json(folder / "tickets.json", tickets);
  } else if (peer.name == "zammad") {
    auto tickets = read_json(folder / "tickets.json");
    tickets.push_back({{"id", 6},
                       {"title", "Nieuwe vraag"},
                       {"state", "new"},
                       {"priority", "2 normal"},
                       {"customer_id", 5},
                       {"group_id", 2},
                       {"created_at", at}});
    write_json(folder / "tickets.json", tickets);
    auto articles = read_json(folder / "ticket_articles.json");
    articles.push_back({{"id", 61},
                        {"ticket_id", 6},
                        {"type", "web"},
                        {"sender", "Customer"},
                        {"created_by_id", 5},
                        {"body", "Hallo"},
                        {"created_at", at}});
    write_json(folder / "ticket_articles.json", articles);
  } else {
    auto ref = [](const char* type, const char* id) { return json{{"type", type}, {"id", id}}; };
    auto tickets = read_json(folder / "tickets.json");
    tickets["items"].push_back({{"id", 7},
                                {"Subject", "Nieuwe vraag"},
                                {"Status", "new"},
                                {"Queue", ref("queue", "3")},
                                {"Requestor", json::array({ref("user", "li.wei@example.cn")})},
                                {"EffectiveId", ref("ticket", "7")},
                                {"Created", at}});
    write_json(folder / "tickets.json", tickets);
    auto transactions = read_json(folder / "transactions.json");
    transactions["items"].push_back({{"id", 701},
                                     {"Type", "Create"},
                                     {"Object", ref("ticket", "7")},
                                     {"Creator", ref("user", "li.wei@example.cn")},
                                     {"Created", at}});
    write_json(folder / "transactions.json", transactions);
    auto attachments = read_json(folder / "attachments.json");
    attachments["items"].push_back({{"id", 7010},
                                    {"TransactionId", ref("transaction", "701")},
                                    {"ContentType", "text/plain"},
                                    {"Filename", ""},
                                    {"Content", import::encode_base64("Hallo")}});
    write_json(folder / "attachments.json", attachments);
  }
}

class PeerImport : public ::testing::TestWithParam<Peer> {
 protected:
  ImportWorld w;
  const storage::Scope scope = storage::Scope::of(w.tenant);

  domain::Ticket ticket(const std::string& external_id) {
    const auto known = w.server.store().external_tickets(w.tenant, GetParam().name).value();
    for (const auto& [id, ticket_id] : known) {
      if (id == external_id) return w.server.store().get_ticket(scope, ticket_id).value();
    }
    ADD_FAILURE() << "no ticket with external id " << external_id;
    return {};
  }
  std::vector<domain::Message> messages(const domain::Ticket& ticket) {
    return w.server.store().list_messages(scope, ticket.id).value();
  }
  std::string agent_name(std::int64_t id) {
    return w.server.store().get_agent(scope, domain::AgentId{id}).value().name;
  }
  std::string customer_name(std::int64_t id) {
    return w.server.store().get_customer(scope, domain::CustomerId{id}).value().name;
  }
  std::string team_name(const std::optional<domain::TeamId>& id) {
    return id ? w.server.store().get_team(scope, *id).value().name : "";
  }
  std::vector<std::string> statuses(const domain::Ticket& ticket) {
    std::vector<std::string> out;
    const auto events = w.server.store().list_events(scope, ticket.id).value();
    for (const auto& event : events) {
      if (event.type == domain::EventType::StatusChanged) out.push_back(event.to);
    }
    return out;
  }
};

TEST_P(PeerImport, CountsListTheDeletedMergedAndMalformedRecords) {
  const auto& peer = GetParam();
  auto summary = w.run(peer.name, folder_of(peer));
  EXPECT_EQ(summary.kinds["team"].imported, 2);
  EXPECT_EQ(summary.kinds["agent"].imported, 2);
  EXPECT_EQ(summary.kinds["customer"].imported, 2);
  EXPECT_EQ(summary.kinds["ticket"].imported, peer.tickets);
  EXPECT_EQ(summary.kinds["message"].imported, peer.messages);
  EXPECT_EQ(summary.kinds["attachment"].imported, 2);
  EXPECT_EQ(summary.deleted_tickets, 1);
  EXPECT_EQ(summary.merged_tickets, 1);
  ASSERT_EQ(summary.skipped.size(), 1u);
  EXPECT_EQ(summary.skipped[0].where, peer.malformed_at);
  EXPECT_EQ(static_cast<std::int64_t>(w.tickets().size()), peer.tickets);
  for (const auto& ticket : w.tickets()) EXPECT_NE(ticket.subject, "spam");  // the deleted one
}

TEST_P(PeerImport, OutageKeepsItsAuthorsInternalNoteTimesTagsTeamAndAttachmentBytes) {
  const auto& peer = GetParam();
  w.run(peer.name, folder_of(peer));
  auto outage = ticket(peer.outage);
  EXPECT_EQ(outage.subject, "Storing glasvezel in Utrecht");
  EXPECT_EQ(outage.status, Status::Solved);
  EXPECT_EQ(outage.priority, domain::Priority::High);
  EXPECT_EQ(format_rfc3339(outage.created_at), "2026-10-05T09:00:00Z");
  ASSERT_TRUE(outage.solved_at);
  EXPECT_EQ(format_rfc3339(*outage.solved_at), "2026-10-05T13:00:00Z");
  EXPECT_EQ(team_name(outage.team_id), "Klantenservice");
  ASSERT_TRUE(outage.assignee_id);
  EXPECT_EQ(agent_name(outage.assignee_id->value), "Eva de Vries");
  EXPECT_EQ(customer_name(outage.requester_id.value), "Jan Jansen");
  if (peer.name != "rt") {
    EXPECT_NE(std::find(outage.tags.begin(), outage.tags.end(), "storing"), outage.tags.end());
  }
  if (peer.organisation_tag) {
    EXPECT_TRUE(std::any_of(outage.tags.begin(), outage.tags.end(), [](const std::string& tag) {
      return tag.rfind("org:", 0) == 0;
    })) << ::testing::PrintToString(outage.tags);
  }
  std::vector<domain::Message> people;  // without Zammad's automatic acknowledgement
  for (auto& message : messages(outage)) {
    if (message.author.type != ActorType::System) people.push_back(message);
  }
  ASSERT_EQ(people.size(), 3u);
  EXPECT_EQ(people[0].kind, MessageKind::Inbound);
  EXPECT_EQ(people[0].author.type, ActorType::Customer);
  EXPECT_EQ(customer_name(people[0].author.id), "Jan Jansen");
  EXPECT_EQ(format_rfc3339(people[0].created_at), "2026-10-05T09:00:00Z");
  EXPECT_NE(people[0].body.find("Mijn internet ligt er al sinds vanochtend uit."), std::string::npos);
  EXPECT_EQ(people[1].kind, MessageKind::Note);  // internal stays internal
  EXPECT_EQ(people[1].author.type, ActorType::Agent);
  EXPECT_EQ(agent_name(people[1].author.id), "Eva de Vries");
  EXPECT_EQ(format_rfc3339(people[1].created_at), "2026-10-05T11:30:00Z");
  EXPECT_EQ(people[2].kind, MessageKind::Outbound);
  EXPECT_EQ(format_rfc3339(people[2].created_at), "2026-10-05T12:00:00Z");
  const auto& reply = people[2].body;
  ASSERT_NE(reply.find("[attachment: meting.bin, application/octet-stream, 20 bytes, sha256:"),
            std::string::npos)
      << reply;
  auto digest = reply.substr(reply.find("sha256:") + 7, 64);
  EXPECT_EQ(read_all(w.attachments.path_of(digest)), kBinary);
}

TEST_P(PeerImport, ReopenedChineseTicketIsSolvedAgainWithItsWholeHistory) {
  const auto& peer = GetParam();
  w.run(peer.name, folder_of(peer));
  auto invoice = ticket(peer.invoice);
  EXPECT_EQ(invoice.subject, "发票金额不对");
  EXPECT_EQ(invoice.status, Status::Solved);
  EXPECT_EQ(team_name(invoice.team_id), "技术支持");
  EXPECT_EQ(customer_name(invoice.requester_id.value), "李伟");
  EXPECT_EQ(w.server.store().get_customer(scope, invoice.requester_id).value().language,
            domain::Language::Zh);
  auto history = messages(invoice);
  ASSERT_EQ(history.size(), 4u);
  EXPECT_NE(history[0].body.find("我的发票金额不对"), std::string::npos);
  EXPECT_NE(history[1].body.find("您好，已为您更正发票。"), std::string::npos) << history[1].body;
  EXPECT_EQ(history[1].body.find("<p>"), std::string::npos) << history[1].body;  // HTML made text
  EXPECT_EQ(history[2].kind, MessageKind::Inbound);
  EXPECT_EQ(format_rfc3339(history[3].created_at), "2026-10-07T02:00:00Z");
  auto changes = statuses(invoice);
  // Solved, reopened by the customer's follow-up, solved again.
  ASSERT_GE(changes.size(), 3u) << ::testing::PrintToString(changes);
  EXPECT_EQ(changes.back(), "solved");
  EXPECT_NE(std::find(changes.begin(), changes.end(), "open"), changes.end())
      << ::testing::PrintToString(changes);
  EXPECT_EQ(std::count(changes.begin(), changes.end(), "solved"), 2) << ::testing::PrintToString(changes);
}

TEST_P(PeerImport, MergedTicketIsSolvedWithANoteNamingTheTarget) {
  const auto& peer = GetParam();
  w.run(peer.name, folder_of(peer));
  auto merged = ticket(peer.merged);
  EXPECT_EQ(merged.status, Status::Solved);
  auto history = messages(merged);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.back().kind, MessageKind::Note);
  EXPECT_NE(history.back().body.find("Merged in"), std::string::npos) << history.back().body;
  EXPECT_NE(history.back().body.find(peer.merge_note), std::string::npos) << history.back().body;
}

TEST_P(PeerImport, PendingTicketKeepsItsPriorityAndLiveSlaClocks) {
  const auto& peer = GetParam();
  w.run(peer.name, folder_of(peer));
  auto pending = ticket(peer.pending);
  EXPECT_EQ(pending.status, Status::Pending);
  EXPECT_EQ(pending.priority, domain::Priority::Low);
  EXPECT_EQ(pending.channel, peer.name == "rt" ? domain::Channel::Email : domain::Channel::Phone);
  auto sla = body_of(w.admin.get("/api/v1/tickets/" + std::to_string(pending.id.value) + "/sla"));
  EXPECT_FALSE(sla["clocks"].empty()) << sla.dump();
}

TEST_P(PeerImport, OutageAnsweredLateCountsAsABreachInTheKpiReport) {
  const auto& peer = GetParam();
  w.run(peer.name, folder_of(peer));
  // October: the outage answered after three hours against one, the invoice in ten minutes
  // and the merged ticket in thirty.
  for (const char* source : {"exact", "aggregates"}) {
    auto figures = w.october(source);
    EXPECT_EQ(figures["contacts_received"], 3) << source << figures.dump();
    const auto& first = figures["sla"]["first_response"];
    EXPECT_EQ(first["cycles_finished"], 3) << source << first.dump();
    EXPECT_EQ(first["cycles_met"], 2) << source << first.dump();
  }
}

TEST_P(PeerImport, ImportingTwiceIsImportingOnceAndALaterRunAddsOnlyTheNewTicket) {
  const auto& peer = GetParam();
  TempDir copy("sp-peer-export");
  std::filesystem::copy(folder_of(peer), copy.path(), std::filesystem::copy_options::recursive);
  auto first = w.run(peer.name, copy.path());
  auto again = w.run(peer.name, copy.path());
  for (auto name : import::kKindNames) {
    const auto& counts = again.kinds[std::string(name)];
    EXPECT_EQ(counts.imported, 0) << name;
    EXPECT_EQ(counts.updated, 0) << name;
  }
  EXPECT_EQ(again.kinds["ticket"].already_present, peer.tickets);
  EXPECT_EQ(again.kinds["customer"].already_present, 2);
  EXPECT_EQ(w.tickets().size(), static_cast<std::size_t>(peer.tickets));

  add_one_ticket(peer, copy.path());
  auto later = w.run(peer.name, copy.path());
  EXPECT_EQ(later.kinds["ticket"].imported, 1);
  EXPECT_EQ(later.kinds["ticket"].already_present, peer.tickets);
  EXPECT_EQ(later.kinds["message"].imported, 1);
  EXPECT_EQ(later.kinds["customer"].imported, 0);
  auto added = w.tickets();
  ASSERT_EQ(added.size(), static_cast<std::size_t>(peer.tickets + 1));
  EXPECT_EQ(first.kinds["ticket"].imported, peer.tickets);
}

INSTANTIATE_TEST_SUITE_P(
    Peers, PeerImport,
    ::testing::Values(Peer{"zendesk", "101", "102", "103", "106", "tickets.json: ticket 105",
                           "into ticket #101 ", 4, 12, true},
                      Peer{"zammad", "1", "2", "3", "5", "ticket_articles.json: article 53",
                           "into ticket id 1.", 4, 13, true},
                      Peer{"rt", "1", "2", "3", "5", "transactions.json: transaction 504", "into ticket #1.",
                           5, 13, false}),
    [](const auto& info) { return info.param.name; });

// The SLA preset of the system imported from is named, never applied.
TEST(PeerImportPreset, ZammadImportNamesThePresetAndChangesNoPolicy) {
  ImportWorld w;
  auto before = w.admin.get("/api/v1/sla/policies").body;
  auto summary = w.run("zammad", std::string(SP_IMPORT_DATA) + "/zammad");
  ASSERT_TRUE(summary.sla_preset);
  EXPECT_EQ(summary.sla_preset->preset, "zammad");
  EXPECT_EQ(summary.sla_preset->policies, 1);
  ASSERT_EQ(summary.sla_preset->without_preset.size(), 1u);
  EXPECT_EQ(summary.sla_preset->without_preset[0].rfind("Standard (id ", 0), 0u);
  EXPECT_EQ(w.admin.get("/api/v1/sla/policies").body, before);
}

TEST(PeerImportPreset, ZendeskHasNoPresetToName) {
  ImportWorld w;
  auto summary = w.run("zendesk", std::string(SP_IMPORT_DATA) + "/zendesk");
  EXPECT_FALSE(summary.sla_preset);
  EXPECT_EQ(importer::preset_of("rt"), std::optional<std::string>("rt"));
  EXPECT_EQ(importer::preset_of("jsonl"), std::nullopt);
}

TEST(PeerExport, AFolderWithoutCollectionFilesIsNotFound) {
  TempDir empty("sp-peer-empty");
  auto read = importer::read_export("zammad", empty.path());
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::NotFound);
  EXPECT_EQ(importer::read_export("rt", std::string(SP_IMPORT_DATA) + "/jsonl/sample.jsonl").error().code,
            ErrorCode::NotFound);
}

}  // namespace
}  // namespace sp::testing

// Per-agent notifications and collision detection through the real HTTP API on the real
// SQLite (issue 17): each agent sees only their own notifications (assigned to me, customer
// replied, mentioned), read marks and the unread count, tenant isolation, an escalation that
// reaches the team's lead and manager and nobody else, presence on a ticket, and the 409
// reply collision.
#include <gtest/gtest.h>

#include "sla_world.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace sp::testing {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

std::int64_t me(const HttpClient& client) {
  return body_of(client.get("/api/v1/auth/me"))["agent"]["id"].get<std::int64_t>();
}

json own(const HttpClient& client, const std::string& query = "") {
  auto response = client.get("/api/v1/notifications" + query);
  EXPECT_EQ(response.status, 200) << response.body;
  return body_of(response)["items"];
}

int unread(const HttpClient& client) {
  return body_of(client.get("/api/v1/notifications/unread-count"))["unread"].get<int>();
}

std::vector<std::string> kinds_of(const json& items) {
  std::vector<std::string> kinds;
  for (const auto& n : items) kinds.push_back(n["kind"]);
  return kinds;
}

struct NotifyWorld : SlaWorld {
  using SlaWorld::SlaWorld;
  HttpClient anna{0}, piet{0};
  std::int64_t anna_id = 0, piet_id = 0;
  void agents() {
    anna = server.agent_client(domain::TenantId{tenant_id}, Role::Agent, "anna@acme.test");
    piet = server.agent_client(domain::TenantId{tenant_id}, Role::Agent, "piet@acme.test");
    anna_id = me(anna);
    piet_id = me(piet);
  }
  void assign(std::int64_t ticket, std::int64_t agent) {
    auto response = admin.request("PATCH", path(ticket), json{{"assignee_id", agent}}.dump());
    ASSERT_EQ(response.status, 200) << response.body;
  }
};

TEST(NotificationApi, TheAssigneeIsToldOfAssignmentAndCustomerRepliesAndOthersSeeNothing) {
  NotifyWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 600}});
  w.agents();
  auto id = w.ticket();
  w.assign(id, w.anna_id);
  ASSERT_TRUE(w.server.service()
                  .add_customer_message(domain::TenantId{w.tenant_id}, domain::CustomerId{w.customer_id},
                                        domain::TicketId{id}, "Still broken, please call me.")
                  .ok());
  auto items = own(w.anna);
  EXPECT_EQ(kinds_of(items), (std::vector<std::string>{"customer_replied", "assigned_to_me"}));
  EXPECT_EQ(items[0]["ticket_id"], id);
  EXPECT_EQ(items[0]["read"], false);
  EXPECT_EQ(unread(w.anna), 2);
  EXPECT_TRUE(own(w.piet).empty());
  EXPECT_EQ(unread(w.piet), 0);

  // Piet cannot mark Anna's notification; Anna can, and the unread list shrinks.
  const auto first = items[0]["id"].get<std::int64_t>();
  const auto mark = "/api/v1/notifications/" + std::to_string(first) + "/read";
  EXPECT_EQ(w.piet.post(mark, "").status, 404);
  EXPECT_EQ(w.anna.post(mark, "").status, 204);
  EXPECT_EQ(unread(w.anna), 1);
  EXPECT_EQ(kinds_of(own(w.anna, "?unread=true")), (std::vector<std::string>{"assigned_to_me"}));
  EXPECT_EQ(own(w.anna)[0]["read"], true);
  EXPECT_EQ(body_of(w.anna.post("/api/v1/notifications/read-all", ""))["marked"], 1);
  EXPECT_EQ(unread(w.anna), 0);

  // The cursor pages on.
  auto page = body_of(w.anna.get("/api/v1/notifications?limit=1"));
  ASSERT_EQ(page["items"].size(), 1u);
  auto rest = own(w.anna, "?limit=1&cursor=" + page["next_cursor"].get<std::string>());
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0]["kind"], "assigned_to_me");
}

TEST(NotificationApi, SelfAssignmentTellsNobodyAndAMentionTellsTheNamedAgent) {
  NotifyWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 600}});
  w.agents();
  auto id = w.ticket();
  auto took = w.piet.request("PATCH", w.path(id), json{{"assignee_id", w.piet_id}}.dump());
  ASSERT_EQ(took.status, 200) << took.body;
  EXPECT_TRUE(own(w.piet).empty());
  auto note =
      w.piet.post(w.path(id) + "/messages",
                  json{{"kind", "note"}, {"body", "@anna can you check the router? cc @piet"}}.dump());
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(kinds_of(own(w.anna)), (std::vector<std::string>{"mentioned"}));
  EXPECT_TRUE(own(w.piet).empty()) << "one's own mention tells nobody";
}

TEST(NotificationApi, AnotherTenantSeesNoneOfThem) {
  NotifyWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 600}});
  w.agents();
  auto id = w.ticket();
  w.assign(id, w.anna_id);
  auto platform = w.server.agent_client(std::nullopt, Role::Admin, "root2@platform.test");
  auto other = body_of(platform.post("/api/v1/tenants", R"({"slug":"other","name":"Other"})"))["id"];
  auto stranger =
      w.server.agent_client(domain::TenantId{other.get<std::int64_t>()}, Role::Admin, "x@other.test");
  EXPECT_TRUE(own(stranger).empty());
  EXPECT_TRUE(own(stranger, "?scope=tenant").empty());
  const auto note = own(w.anna)[0]["id"].get<std::int64_t>();
  EXPECT_EQ(stranger.post("/api/v1/notifications/" + std::to_string(note) + "/read", "").status, 404);
  EXPECT_EQ(unread(w.anna), 1);
}

TEST(NotificationApi, AnEscalationToTheTeamLeadReachesTheLeadAndManagerOnly) {
  NotifyWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}},
          {{"escalation", {{{"target", "first_response"}, {"at", 0.5}, {"action", "notify_team_lead"}}}}});
  w.agents();
  auto boss = w.server.agent_client(domain::TenantId{w.tenant_id}, Role::Supervisor, "boss@acme.test");
  const auto boss_id = me(boss);
  auto team = body_of(w.admin.post("/api/v1/teams", R"({"name":"Support"})"))["id"].get<std::int64_t>();
  const auto team_path = "/api/v1/teams/" + std::to_string(team);
  EXPECT_EQ(w.piet.request("PATCH", team_path, json{{"lead_id", w.anna_id}}.dump()).status, 403);
  auto set =
      w.admin.request("PATCH", team_path, json{{"lead_id", w.anna_id}, {"manager_id", boss_id}}.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(body_of(set)["manager_id"], boss_id);
  EXPECT_EQ(w.admin.request("PATCH", team_path, R"({"manager_id":99999})").status, 422);

  auto id = w.ticket();
  ASSERT_EQ(w.admin.request("PATCH", w.path(id), json{{"team_id", team}}.dump()).status, 200);
  w.server.clock().advance(minutes(31));
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  EXPECT_EQ(kinds_of(own(w.anna)), (std::vector<std::string>{"escalation"}));
  EXPECT_EQ(kinds_of(own(boss)), (std::vector<std::string>{"escalation"}));
  EXPECT_TRUE(own(w.piet).empty()) << "not every agent of the tenant";
  // The tenant-wide listing is still there for admins.
  EXPECT_FALSE(own(w.admin, "?scope=tenant").empty());
}

// The mail queued for `address` (the outbox; no SMTP runs in these tests).
int mails_to(TestServer& server, const std::string& address) {
  auto& sqlite = dynamic_cast<storage::sqlite::SqliteStore&>(server.store());
  int count = 0;
  EXPECT_TRUE(sqlite
                  .write([&](storage::sqlite::Connection& conn) -> Result<void> {
                    auto stmt = conn.prepare("SELECT recipients FROM outbound_mail");
                    if (!stmt) return stmt.error();
                    return storage::sqlite::for_each_row(*stmt, [&](const storage::sqlite::Statement& row) {
                      if (row.text(0).find(address) != std::string::npos) ++count;
                    });
                  })
                  .ok());
  return count;
}

// SLA at-risk and breach notices are mailed like the other kinds: to their recipient, only
// when that agent switched mail on for the kind.
TEST(NotificationApi, SlaNoticesAreMailedToTheRecipientsWhoSwitchedMailOn) {
  TempDir dir("sp-notify-mail");
  std::int64_t tenant = 0;
  {
    NotifyWorld first(dir.path());
    first.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
    tenant = first.tenant_id;
  }
  // The desk is read at start, for a tenant that exists by then.
  NotifyWorld w(dir.path(), kMonday9, [](app::Config& config) {
    app::MailDeskConfig desk;
    desk.tenant = "acme";
    desk.address = "support@acme.test";
    config.mail_desks.push_back(desk);
  });
  // The mail runtime resolves its desks when started (no SMTP configured: mail stays queued).
  ASSERT_TRUE(w.server.application().mail().start().ok());
  w.tenant_id = tenant;
  w.admin = w.server.agent_client(domain::TenantId{tenant}, Role::Admin, "again@acme.test");
  w.customer_id = body_of(w.admin.post("/api/v1/customers", R"({"name":"Els"})"))["id"];
  w.agents();
  auto on = w.anna.request("PUT", "/api/v1/notifications/preferences",
                           R"({"mail":{"sla_at_risk":true,"sla_breached":true}})");
  ASSERT_EQ(on.status, 200) << on.body;
  auto annas = w.ticket();
  w.assign(annas, w.anna_id);
  auto piets = w.ticket();
  w.assign(piets, w.piet_id);
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  EXPECT_EQ(mails_to(w.server, "anna@acme.test"), 0);
  w.server.clock().advance(minutes(61));
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  EXPECT_EQ(w.events_of_type(annas, "sla_breached", "first_response"), 1);
  EXPECT_EQ(mails_to(w.server, "anna@acme.test"), 2) << "at risk and breached, once each";
  EXPECT_EQ(mails_to(w.server, "piet@acme.test"), 0) << "piet did not switch mail on";
  auto piets_kinds = kinds_of(own(w.piet));
  std::sort(piets_kinds.begin(), piets_kinds.end());
  EXPECT_EQ(piets_kinds, (std::vector<std::string>{"assigned_to_me", "sla_at_risk", "sla_breached"}))
      << "still in the bell";
}

TEST(NotificationApi, MailPreferencesAreKeptPerKind) {
  NotifyWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 600}});
  w.agents();
  EXPECT_EQ(body_of(w.anna.get("/api/v1/notifications/preferences"))["mail"]["mentioned"], false);
  auto put = w.anna.request("PUT", "/api/v1/notifications/preferences", R"({"mail":{"mentioned":true}})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(body_of(put)["mail"]["mentioned"], true);
  EXPECT_EQ(body_of(w.piet.get("/api/v1/notifications/preferences"))["mail"]["mentioned"], false);
  EXPECT_EQ(
      w.anna.request("PUT", "/api/v1/notifications/preferences", R"({"mail":{"nonsense":true}})").status,
      422);
}

TEST(PresenceApi, OtherAgentsSeeWhoIsViewingOrReplyingUntilTheEntryExpires) {
  NotifyWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 600}});
  w.agents();
  auto id = w.ticket();
  const auto presence = w.path(id) + "/presence";
  ASSERT_EQ(w.anna.post(presence, R"({"state":"viewing"})").status, 204);
  ASSERT_EQ(w.anna.post(presence, R"({"state":"replying"})").status, 204);
  auto seen = body_of(w.piet.get(presence))["items"];
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]["agent_id"], w.anna_id);
  EXPECT_EQ(seen[0]["state"], "replying");
  EXPECT_TRUE(body_of(w.anna.get(presence))["items"].empty()) << "one does not see oneself";
  EXPECT_EQ(w.anna.post(presence, R"({"state":"typing"})").status, 422);
  EXPECT_EQ(w.anna.post("/api/v1/tickets/99999/presence", R"({"state":"viewing"})").status, 404);
  w.server.clock().advance(seconds(31));
  EXPECT_TRUE(body_of(w.piet.get(presence))["items"].empty()) << "no heartbeat for 30 s: gone";
}

TEST(ReplyCollision, AReplyStartedBeforeAnotherAgentsReplyIsStoppedUnlessSentAgain) {
  NotifyWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 600}});
  w.agents();
  auto id = w.ticket();
  const auto messages = w.path(id) + "/messages";
  const auto seen = body_of(w.anna.get(messages))["items"].back()["id"].get<std::int64_t>();
  auto piet = w.piet.post(messages, json{{"body", "We are on it."}}.dump());
  ASSERT_EQ(piet.status, 201) << piet.body;
  auto collided =
      w.anna.post(messages, json{{"body", "Looking into it."}, {"if_no_reply_since", seen}}.dump());
  EXPECT_EQ(collided.status, 409) << collided.body;
  EXPECT_EQ(body_of(collided)["type"], "/problems/reply-collision");
  EXPECT_EQ(body_of(collided)["reply"]["id"], body_of(piet)["id"]);
  EXPECT_EQ(body_of(w.anna.get(messages))["items"].size(), 2u) << "nothing was stored";
  // Seen the newer reply (or sent anyway without the field): it goes out.
  auto latest = body_of(piet)["id"].get<std::int64_t>();
  EXPECT_EQ(w.anna.post(messages, json{{"body", "Looking."}, {"if_no_reply_since", latest}}.dump()).status,
            201);
  EXPECT_EQ(w.anna.post(messages, json{{"body", "Anyway."}}.dump()).status, 201);
}

// A reply with files (multipart) is checked the same way, and no file is kept when it collides.
TEST(ReplyCollision, AReplyWithFilesIsCheckedToo) {
  NotifyWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 600}});
  w.agents();
  auto id = w.ticket();
  const auto messages = w.path(id) + "/messages";
  const auto seen = body_of(w.anna.get(messages))["items"].back()["id"].get<std::int64_t>();
  ASSERT_EQ(w.piet.post(messages, json{{"body", "We are on it."}}.dump()).status, 201);
  auto form = [](const std::string& seen_up_to) {
    std::string out;
    auto field = [&out](const std::string& name, const std::string& value) {
      out += "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    };
    field("body", "See the attached log.");
    field("if_no_reply_since", seen_up_to);
    out +=
        "--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"log.txt\"\r\n"
        "Content-Type: text/plain\r\n\r\nline 1\r\n--b--\r\n";
    return out;
  };
  const std::vector<std::pair<std::string, std::string>> type = {
      {"Content-Type", "multipart/form-data; boundary=b"}};
  auto collided = w.anna.request("POST", messages, form(std::to_string(seen)), type);
  EXPECT_EQ(collided.status, 409) << collided.body;
  EXPECT_EQ(body_of(collided)["type"], "/problems/reply-collision");
  EXPECT_EQ(body_of(w.anna.get(messages))["items"].size(), 2u) << "nothing was stored";
  EXPECT_EQ(w.anna.request("POST", messages, form("abc"), type).status, 422);
  auto latest = body_of(w.anna.get(messages))["items"].back()["id"].get<std::int64_t>();
  auto sent = w.anna.request("POST", messages, form(std::to_string(latest)), type);
  EXPECT_EQ(sent.status, 201) << sent.body;
}

}  // namespace
}  // namespace sp::testing

// Improvement actions through the real HTTP API (issue 8, "you said, we did"): CRUD with
// validation and problem+json errors, roles, tenant isolation, the deprecated charter
// endpoints on top of the table, the public page showing done actions, and migration 11's
// one-time import of the old settings document.
#include <gtest/gtest.h>

#include <random>

#include "charter/charter.hpp"
#include "charter/charter_json.hpp"
#include "test_server.hpp"
#include "support/temp_dir.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

struct ImprovementWorld {
  TestServer server;
  HttpClient platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
  HttpClient anonymous{server.port()};
  std::int64_t tenant = 0, other_tenant = 0, ticket = 0, other_ticket = 0, owner = 0, other_agent = 0;
  HttpClient supervisor{0}, agent{0}, other_supervisor{0};

  explicit ImprovementWorld(std::optional<std::filesystem::path> dir = std::nullopt)
      : server(std::move(dir), from_unix_seconds(1'795'420'800)) {  // 2026-11-23T08:00:00Z
    tenant = body_of(platform.post(
        "/api/v1/tenants",
        R"({"slug":"acme","name":"Acme","timezone":"Europe/Amsterdam","default_language":"nl"})"))["id"];
    other_tenant = body_of(platform.post("/api/v1/tenants", R"({"slug":"other","name":"Other"})"))["id"];
    supervisor = server.agent_client(domain::TenantId{tenant}, Role::Supervisor, "sup@acme.test");
    agent = server.agent_client(domain::TenantId{tenant}, Role::Agent, "agent@acme.test");
    other_supervisor =
        server.agent_client(domain::TenantId{other_tenant}, Role::Supervisor, "sup@other.test");
    owner = server.store().find_agent_by_email("agent@acme.test").value().agent.id.value;
    other_agent = server.store().find_agent_by_email("sup@other.test").value().agent.id.value;
    auto customer = body_of(agent.post("/api/v1/customers", R"({"name":"Jan"})"))["id"];
    ticket = body_of(agent.post(
        "/api/v1/tickets",
        json{{"subject", "Lang wachten"}, {"requester_id", customer}, {"channel", "phone"}, {"body", "?"}}
            .dump()))["id"];
    auto other_customer = body_of(other_supervisor.post("/api/v1/customers", R"({"name":"Piet"})"))["id"];
    other_ticket = body_of(other_supervisor.post(
        "/api/v1/tickets",
        json{{"subject", "x"}, {"requester_id", other_customer}, {"channel", "phone"}, {"body", "?"}}
            .dump()))["id"];
  }
};

std::string path(std::int64_t id) {
  return "/api/v1/improvements/" + std::to_string(id);
}

TEST(ImprovementApi, CreateReadUpdateDeleteWithLinkedFeedback) {
  ImprovementWorld w;
  auto created = w.supervisor.post("/api/v1/improvements", json{{"you_said", "  Wachten duurt te lang  "},
                                                                {"we_did", "Extra dienst op maandag"},
                                                                {"owner_id", w.owner},
                                                                {"due_on", "2026-12-15"},
                                                                {"topic", "waiting_time"},
                                                                {"feedback_ticket_ids", {w.ticket, w.ticket}}}
                                                               .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  auto action = body_of(created);
  const std::int64_t id = action["id"];
  EXPECT_EQ(created.header("location"), path(id));
  EXPECT_EQ(action["you_said"], "Wachten duurt te lang");
  EXPECT_EQ(action["status"], "planned");
  EXPECT_EQ(action["owner_id"], w.owner);
  EXPECT_EQ(action["due_on"], "2026-12-15");
  EXPECT_TRUE(action["done_on"].is_null());
  EXPECT_EQ(action["topic"], "waiting_time");
  EXPECT_EQ(action["feedback_ticket_ids"], json::array({w.ticket}));
  EXPECT_EQ(action["tenant_id"], w.tenant);
  EXPECT_EQ(action["created_at"], "2026-11-23T08:00:00Z");

  // Agents read, but do not change.
  auto read = w.agent.get(path(id));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(body_of(read), action);
  EXPECT_EQ(body_of(w.agent.get("/api/v1/improvements"))["items"].size(), 1u);
  auto refused = w.agent.request("PATCH", path(id), R"({"status":"done"})");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.header("content-type"), "application/problem+json");
  EXPECT_EQ(w.agent.post("/api/v1/improvements", R"({"you_said":"a","we_did":"b"})").status, 403);
  EXPECT_EQ(w.agent.request("DELETE", path(id), "").status, 403);
  // Other tenants see nothing.
  EXPECT_EQ(w.other_supervisor.get(path(id)).status, 404);
  EXPECT_EQ(w.other_supervisor.request("PATCH", path(id), R"({"status":"done"})").status, 404);
  EXPECT_EQ(w.other_supervisor.request("DELETE", path(id), "").status, 404);
  EXPECT_TRUE(body_of(w.other_supervisor.get("/api/v1/improvements"))["items"].empty());

  // In progress, then done: done_on becomes today's local date (Europe/Amsterdam).
  w.server.clock().advance(std::chrono::hours(20));  // 2026-11-24T04:00Z = 05:00 local
  auto progress =
      w.supervisor.request("PATCH", path(id), R"({"status":"in_progress","outcome":"Rooster aangepast"})");
  ASSERT_EQ(progress.status, 200) << progress.body;
  EXPECT_EQ(body_of(progress)["status"], "in_progress");
  EXPECT_EQ(body_of(progress)["due_on"], "2026-12-15");  // untouched fields stay
  auto done = w.supervisor.request("PATCH", path(id), R"({"status":"done","owner_id":null})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(body_of(done)["done_on"], "2026-11-24");
  EXPECT_TRUE(body_of(done)["owner_id"].is_null());
  EXPECT_EQ(body_of(done)["outcome"], "Rooster aangepast");
  EXPECT_EQ(body_of(done)["updated_at"], "2026-11-24T04:00:00Z");
  // Leaving done clears the date.
  auto dropped = w.supervisor.request("PATCH", path(id), R"({"status":"dropped"})");
  EXPECT_TRUE(body_of(dropped)["done_on"].is_null());

  auto removed = w.supervisor.request("DELETE", path(id), "");
  EXPECT_EQ(removed.status, 204);
  EXPECT_EQ(w.supervisor.get(path(id)).status, 404);
  EXPECT_EQ(w.supervisor.request("DELETE", path(id), "").status, 404);
}

TEST(ImprovementApi, ValidationNamesTheFieldAndLimitsSizes) {
  ImprovementWorld w;
  json good = {{"you_said", "Wachten"}, {"we_did", "Dienst"}};
  auto expect_field = [&](json body, const std::string& field) {
    auto refused = w.supervisor.post("/api/v1/improvements", body.dump());
    EXPECT_EQ(refused.status, 422) << field << ": " << refused.body;
    EXPECT_EQ(refused.header("content-type"), "application/problem+json");
    EXPECT_EQ(body_of(refused)["type"], "/problems/invalid-field") << refused.body;
    EXPECT_EQ(body_of(refused)["field"], field) << refused.body;
  };
  expect_field({{"we_did", "x"}}, "you_said");
  expect_field({{"you_said", "x"}}, "we_did");
  auto bad = good;
  bad["you_said"] = "   ";
  expect_field(bad, "you_said");
  bad = good;
  bad["we_did"] = std::string(2001, 'x');
  expect_field(bad, "we_did");
  bad = good;
  bad["outcome"] = std::string(4001, 'x');
  expect_field(bad, "outcome");
  bad = good;
  bad["status"] = "finished";
  expect_field(bad, "status");
  bad = good;
  bad["due_on"] = "2026-02-30";
  expect_field(bad, "due_on");
  bad = good;
  bad["done_on"] = "2026-11-01";  // not done
  expect_field(bad, "done_on");
  bad = good;
  bad["topic"] = "Waiting Time";
  expect_field(bad, "topic");
  bad = good;
  bad["owner_id"] = w.other_agent;  // another tenant's agent
  expect_field(bad, "owner_id");
  bad = good;
  bad["feedback_ticket_ids"] = {w.other_ticket};  // another tenant's ticket
  expect_field(bad, "feedback_ticket_ids");
  bad = good;
  bad["feedback_ticket_ids"] = json::array();
  for (int idx = 0; idx < 101; ++idx) bad["feedback_ticket_ids"].push_back(w.ticket);
  expect_field(bad, "feedback_ticket_ids");
  bad = good;
  bad["id"] = 5;
  expect_field(bad, "id");

  auto not_json = w.supervisor.request("POST", "/api/v1/improvements", "you_said=x",
                                       {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(not_json.status, 415);
  auto huge = good;
  huge["outcome"] = std::string(70 * 1024, 'x');
  auto too_large = w.supervisor.post("/api/v1/improvements", huge.dump());
  EXPECT_EQ(too_large.status, 413);
  EXPECT_EQ(body_of(too_large)["type"], "/problems/payload-too-large");
  EXPECT_EQ(w.supervisor.get("/api/v1/improvements/abc").status, 404);
  EXPECT_EQ(body_of(w.supervisor.get("/api/v1/improvements?limit=1001"))["field"], "limit");
  EXPECT_EQ(body_of(w.supervisor.get("/api/v1/improvements?limit=0"))["field"], "limit");

  auto created = body_of(w.supervisor.post("/api/v1/improvements", good.dump()));
  auto empty = w.supervisor.request("PATCH", path(created["id"]), "{}");
  EXPECT_EQ(empty.status, 422);
  auto done_with_date =
      w.supervisor.request("PATCH", path(created["id"]), R"({"status":"done","done_on":"2026-11-20"})");
  ASSERT_EQ(done_with_date.status, 200) << done_with_date.body;
  EXPECT_EQ(body_of(done_with_date)["done_on"], "2026-11-20");
  // Platform administrators name the tenant.
  auto listed = w.platform.get("/api/v1/improvements?tenant_id=" + std::to_string(w.tenant));
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(body_of(listed)["items"].size(), 1u);
}

TEST(ImprovementApi, PublicPageShowsDoneActionsAndTheCharterEndpointsMapToTheTable) {
  ImprovementWorld w;
  auto admin = w.server.agent_client(domain::TenantId{w.tenant}, Role::Admin, "admin@acme.test");
  auto c = charter::example_charter();
  ASSERT_EQ(admin.request("PUT", "/api/v1/charter", charter::to_json(c).dump()).status, 200);
  ASSERT_EQ(w.supervisor.post("/api/v1/improvements", R"({"you_said":"Planned <thing>","we_did":"Not yet"})")
                .status,
            201);
  ASSERT_EQ(
      w.supervisor
          .post(
              "/api/v1/improvements",
              R"({"you_said":"Wachten <lang>","we_did":"Extra dienst","status":"done","outcome":"Wachttijd -40%"})")
          .status,
      201);
  EXPECT_EQ(body_of(w.agent.get("/api/v1/improvements?limit=1"))["items"].size(), 1u);
  auto summary = body_of(w.anonymous.get("/public/charter.json?tenant=acme"));
  ASSERT_EQ(summary["you_said_we_did"].size(), 1u) << summary.dump();
  EXPECT_EQ(summary["you_said_we_did"][0]["you_said"], "Wachten <lang>");
  auto page = w.anonymous.get("/public/charter?tenant=acme&lang=nl");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Wachten &lt;lang&gt;"), std::string::npos);
  EXPECT_EQ(page.body.find("Wachten <lang>"), std::string::npos);
  EXPECT_EQ(page.body.find("Planned"), std::string::npos);

  // The deprecated endpoints read and replace the table; the public view follows at once.
  auto legacy = body_of(w.agent.get("/api/v1/charter/improvements"));
  EXPECT_EQ(legacy["items"].size(), 2u);
  auto replaced = w.supervisor.request("PUT", "/api/v1/charter/improvements",
                                       json{{"items",
                                             {{{"you_said", "Bellen duurt lang"},
                                               {"we_did", "Terugbelservice"},
                                               {"owner", "Eva"},
                                               {"done_on", "2026-11-02"},
                                               {"feedback_ticket_ids", {w.ticket}}}}}}
                                           .dump());
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  auto table = body_of(w.agent.get("/api/v1/improvements"))["items"];
  ASSERT_EQ(table.size(), 1u);
  EXPECT_EQ(table[0]["status"], "done");
  EXPECT_EQ(table[0]["done_on"], "2026-11-02");
  EXPECT_EQ(table[0]["outcome"], "(owner: Eva)");
  EXPECT_EQ(table[0]["feedback_ticket_ids"], json::array({w.ticket}));
  summary = body_of(w.anonymous.get("/public/charter.json?tenant=acme"));
  ASSERT_EQ(summary["you_said_we_did"].size(), 1u);
  EXPECT_EQ(summary["you_said_we_did"][0]["you_said"], "Bellen duurt lang");
}

TEST(ImprovementApi, MigrationImportsTheOldSettingsDocumentOnce) {
  TempDir kept("servicepact-improvements");
  const auto dir = kept.path();
  std::int64_t tenant = 0, ticket = 0;
  {
    ImprovementWorld w(dir);
    tenant = w.tenant;
    ticket = w.ticket;
    // The database as an older version left it: no table yet, the document in settings.
    auto& sqlite = dynamic_cast<storage::sqlite::SqliteStore&>(w.server.store());
    // Migration 20 (full-text search) undone, so it runs again on reopening.
    ASSERT_TRUE(
        sqlite
            .write([](storage::sqlite::Connection& conn) -> Result<void> {
              return conn.exec(
                  "DROP TRIGGER ticket_search_ticket_insert; DROP TRIGGER ticket_search_subject_update; "
                  "DROP TRIGGER ticket_search_requester_update; DROP TRIGGER ticket_search_ticket_delete; "
                  "DROP TRIGGER ticket_search_message_insert; DROP TRIGGER ticket_search_message_update; "
                  "DROP TRIGGER ticket_search_message_delete; DROP TRIGGER ticket_search_customer_update; "
                  "DROP TRIGGER ticket_search_email_insert; DROP TRIGGER ticket_search_email_delete; "
                  "DROP TABLE ticket_search; DROP VIEW search_customer_text; DROP TABLE search_backfill;");
            })
            .ok());
    ASSERT_TRUE(sqlite
                    .write([](storage::sqlite::Connection& conn) -> Result<void> {
                      // Migrations 12 to 16, 18, 19 and 21 to 27 (after 11) undone too, so all run again on
                      // reopening.
                      return conn.exec(
                          "DROP TABLE qa_training_attendance; DROP TABLE qa_trainings; DROP TABLE qa_certifications; "
                          "DROP TABLE qa_reviews; DROP TABLE qa_samples; DROP TABLE qa_sample_days; "
                          "DROP TABLE qa_violations; "
                          "DROP TRIGGER tickets_status_since_insert; DROP TRIGGER tickets_status_since_event; "
                          "DROP INDEX tickets_status_since; ALTER TABLE tickets DROP COLUMN status_changed_at; "
                          "DROP TABLE automation_time_firings; DROP TABLE automation_rules; "
                          "DROP TRIGGER sla_refresh_marks_event; DROP TABLE sla_refresh_marks; DROP TABLE commitments; DROP TABLE macros; "
                          "DROP TABLE sla_cycle_budgets; DROP TABLE message_attachments; DROP TRIGGER "
                          "ticket_counts_insert; DROP TRIGGER ticket_counts_delete; DROP "
                          "TRIGGER ticket_counts_update; DROP TRIGGER sla_timer_counts_insert; DROP "
                          "TRIGGER sla_timer_counts_delete; DROP TRIGGER sla_timer_counts_update; DROP "
                          "TABLE ticket_counts; DROP TABLE sla_timer_counts; DROP INDEX "
                          "sla_timers_running; DROP INDEX sla_timers_at_risk; DROP INDEX "
                          "sla_timers_breached; DROP TRIGGER sla_timers_assignee_insert; DROP TRIGGER "
                          "sla_timers_assignee_update; DROP INDEX sla_timers_running_assignee; DROP INDEX "
                          "sla_timers_breached_assignee; ALTER TABLE sla_timers DROP COLUMN assignee_id; "
                          "DROP INDEX customers_external; DROP INDEX agents_external; DROP INDEX "
                          "tickets_external; DROP INDEX messages_external; "
                          "ALTER TABLE customers DROP COLUMN external_source; ALTER TABLE customers DROP "
                          "COLUMN external_id; ALTER TABLE agents DROP COLUMN external_source; ALTER TABLE "
                          "agents DROP COLUMN external_id; ALTER TABLE tickets DROP COLUMN external_source; "
                          "ALTER TABLE tickets DROP COLUMN external_id; ALTER TABLE messages DROP COLUMN "
                          "external_id; "
                          "DROP TABLE webhook_attempts; DROP TABLE webhook_deliveries; DROP TABLE "
                          "webhook_subscriptions; "
                          "DROP TABLE message_conduct_findings; DROP TABLE conduct_settings; "
                          "DROP TABLE improvement_actions; DROP TABLE auto_replies_sent; DROP TABLE "
                          "mail_participants; "
                          "DROP INDEX notifications_unread; DROP INDEX notifications_team; ALTER TABLE "
                          "notifications DROP COLUMN read_at; ALTER TABLE teams DROP COLUMN manager_id; "
                          "DROP TABLE notification_mail_preferences; "
                          "DROP TABLE audit_log; "  // migration 27, with its triggers
                          "ALTER TABLE messages DROP COLUMN automatic; DELETE FROM schema_migrations WHERE "
                          "version >= 11;");
                    })
                    .ok());
    json document = json::array();
    document.push_back({{"you_said", "Wachten duurt te lang"},
                        {"we_did", "Extra dienst"},
                        {"owner", "Eva"},
                        {"outcome", "Sneller"},
                        {"due_on", "2026-10-01"},
                        {"done_on", "2026-10-20"},
                        {"feedback_ticket_ids", {ticket}}});
    document.push_back({{"you_said", "Site traag"},
                        {"we_did", "Nieuwe server"},
                        {"owner", ""},
                        {"outcome", ""},
                        {"due_on", ""},
                        {"done_on", ""},
                        {"feedback_ticket_ids", json::array()}});
    ASSERT_TRUE(w.server.store()
                    .put_setting("tenant." + std::to_string(tenant) + ".improvements", document.dump())
                    .ok());
  }
  {
    TestServer restarted(dir);
    auto supervisor = restarted.agent_client(domain::TenantId{tenant}, Role::Supervisor, "sup2@acme.test");
    auto items = body_of(supervisor.get("/api/v1/improvements"))["items"];
    ASSERT_EQ(items.size(), 2u) << items.dump();
    EXPECT_EQ(items[0]["you_said"], "Wachten duurt te lang");
    EXPECT_EQ(items[0]["status"], "done");
    EXPECT_EQ(items[0]["done_on"], "2026-10-20");
    EXPECT_EQ(items[0]["due_on"], "2026-10-01");
    EXPECT_EQ(items[0]["outcome"], "Sneller (owner: Eva)");
    EXPECT_EQ(items[0]["feedback_ticket_ids"], json::array({ticket}));
    EXPECT_EQ(items[1]["status"], "planned");
    EXPECT_TRUE(items[1]["done_on"].is_null());
    EXPECT_TRUE(items[1]["due_on"].is_null());
    EXPECT_TRUE(items[1]["feedback_ticket_ids"].empty());
    auto setting = restarted.store().get_setting("tenant." + std::to_string(tenant) + ".improvements");
    ASSERT_TRUE(setting.ok());
    EXPECT_FALSE(setting->has_value());  // imported once: the document is gone
    // Migration 19 counted the tickets that were already there.
    auto views = body_of(supervisor.get("/api/v1/views"))["items"];
    ASSERT_EQ(views.size(), 5u);
    EXPECT_EQ(views[4]["id"], "open");
    EXPECT_EQ(
        views[4]["count"],
        body_of(supervisor.get("/api/v1/tickets?" + views[4]["query"].get<std::string>()))["items"].size());
    EXPECT_GE(views[4]["count"].get<int>(), 1);
  }
  {
    TestServer again(dir);  // no migration left to run: nothing is imported twice
    auto supervisor = again.agent_client(domain::TenantId{tenant}, Role::Supervisor, "sup3@acme.test");
    EXPECT_EQ(body_of(supervisor.get("/api/v1/improvements"))["items"].size(), 2u);
  }
}

}  // namespace
}  // namespace sp::testing

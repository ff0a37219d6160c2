// Privacy through the real HTTP API on the real SQLite (issue 19): the personal-data scan
// (permissions, bad input), the audit log of reads and changes (who may list it, tenant
// isolation, paging, no personal values in entries, anchors), and `audit verify` on the
// database file edited behind the server's back (a changed byte, a deleted row, a swapped pair).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sstream>

#include "app/audit_cli.hpp"
#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

struct World {
  explicit World(std::optional<std::filesystem::path> dir = std::nullopt) : server(dir) {
    auto platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
    tenant =
        body_of(platform.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme","timezone":"UTC"})"))["id"]
            .get<std::int64_t>();
    other_tenant = body_of(platform.post("/api/v1/tenants",
                                         R"({"slug":"globex","name":"Globex","timezone":"UTC"})"))["id"]
                       .get<std::int64_t>();
    admin = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, Role::Admin, "admin@acme.test"));
    agent = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, Role::Agent, "agent@acme.test"));
    qa = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, Role::QaReviewer, "qa@acme.test"));
    other_admin = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{other_tenant}, Role::Admin, "admin@globex.test"));
    customer = body_of(agent->post("/api/v1/customers",
                                   R"({"name":"Anna Jansen","emails":["anna@example.nl"]})"))["id"]
                   .get<std::int64_t>();
    ticket = body_of(agent->post("/api/v1/tickets", json{{"subject", "Mijn BSN 111222333 staat verkeerd"},
                                                         {"requester_id", customer},
                                                         {"channel", "email"},
                                                         {"body", "Bel me op 06 12 34 56 78."}}
                                                        .dump()))["id"]
                 .get<std::int64_t>();
    agent_id = body_of(agent->get("/api/v1/auth/me"))["agent"]["id"].get<std::int64_t>();
  }

  json audit(const HttpClient& client, const std::string& query) {
    auto response = client.get("/api/v1/audit?" + query);
    EXPECT_EQ(response.status, 200) << response.body;
    return body_of(response);
  }

  TestServer server;
  std::int64_t tenant = 0, other_tenant = 0, customer = 0, ticket = 0, agent_id = 0;
  std::unique_ptr<HttpClient> admin, agent, qa, other_admin;
};

TEST(PrivacyScanApi, FindsTypedCodePointSpans) {
  World w;
  auto response =
      w.agent->post("/api/v1/privacy/scan",
                    json{{"text", "é Kaart 4111 1111 1111 1111, geboren op 12-03-1985, 1234 AB Utrecht"},
                         {"language", "nl"}}
                        .dump());
  ASSERT_EQ(response.status, 200) << response.body;
  auto findings = body_of(response)["findings"];
  ASSERT_EQ(findings.size(), 3u) << findings.dump();
  EXPECT_EQ(findings[0], (json{{"type", "card"}, {"start", 8}, {"end", 27}}));
  EXPECT_EQ(findings[1]["type"], "date_of_birth");
  EXPECT_EQ(findings[2]["type"], "address");
}

TEST(PrivacyScanApi, RefusesBadInputAndRolesBelowAgent) {
  World w;
  EXPECT_EQ(w.qa->post("/api/v1/privacy/scan", R"({"text":"x"})").status, 403);
  EXPECT_EQ(w.server.client().post("/api/v1/privacy/scan", R"({"text":"x"})").status, 401);
  auto missing = w.agent->post("/api/v1/privacy/scan", R"({"language":"nl"})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(missing.header("content-type").find("application/problem+json"), std::string::npos);
  EXPECT_EQ(w.agent->post("/api/v1/privacy/scan", R"({"text":"x","language":"fr"})").status, 422);
  EXPECT_EQ(w.agent->post("/api/v1/privacy/scan", R"({"text":"x","extra":1})").status, 422);
  EXPECT_EQ(w.agent->post("/api/v1/privacy/scan", R"({"text":)").status, 400);
  EXPECT_EQ(w.agent->post("/api/v1/privacy/scan", json{{"text", std::string(70 * 1024, 'a')}}.dump()).status,
            422);
  EXPECT_EQ(w.agent->post("/api/v1/privacy/scan", json{{"text", std::string(90 * 1024, 'a')}}.dump()).status,
            413);
}

TEST(AuditApi, ReadsOfTicketsAndCustomersAreRecordedWithoutPersonalValues) {
  World w;
  ASSERT_EQ(w.agent->get("/api/v1/tickets/" + std::to_string(w.ticket)).status, 200);
  ASSERT_EQ(w.agent
                ->request("GET", "/api/v1/tickets/" + std::to_string(w.ticket) + "/messages", "",
                          {{"X-Audit-Reason", "customer called"}})
                .status,
            200);
  ASSERT_EQ(w.agent->get("/api/v1/customers/" + std::to_string(w.customer)).status, 200);
  // A read that fails (no such ticket) is not an access.
  ASSERT_EQ(w.agent->get("/api/v1/tickets/999999").status, 404);

  auto ticket_log = w.audit(*w.admin, "subject=ticket:" + std::to_string(w.ticket));
  auto items = ticket_log["items"];
  ASSERT_GE(items.size(), 3u) << items.dump();  // created, read, messages read
  EXPECT_EQ(items[0]["action"], "read");
  EXPECT_EQ(items[0]["detail"], "messages");
  EXPECT_EQ(items[0]["reason"], "customer called");
  EXPECT_EQ(items[0]["actor_agent_id"], w.agent_id);
  EXPECT_EQ(items[1]["detail"], "ticket");
  EXPECT_EQ(items.back()["action"], "change");  // the creation
  auto customer_log = w.audit(*w.admin, "subject=customer:" + std::to_string(w.customer));
  ASSERT_GE(customer_log["items"].size(), 2u);
  EXPECT_EQ(customer_log["items"][0]["action"], "read");
  // Field names, never values: neither the subject, the body, the name nor the e-mail.
  std::string all = ticket_log.dump() + customer_log.dump();
  for (auto value : {"111222333", "Anna", "anna@example.nl", "06 12 34 56 78", "BSN"}) {
    EXPECT_EQ(all.find(value), std::string::npos) << value;
  }
}

TEST(AuditApi, ConfigurationChangesAreRecordedForTheActor) {
  World w;
  json office = {{"timezone", "UTC"}, {"weekly", {{"mon", json::array({json::array({"09:00", "17:00"})})}}}};
  auto calendar = w.admin->post("/api/v1/calendars", json{{"name", "Office"}, {"calendar", office}}.dump());
  ASSERT_EQ(calendar.status, 201) << calendar.body;
  auto admin_id = body_of(w.admin->get("/api/v1/auth/me"))["agent"]["id"].get<std::int64_t>();
  auto log = w.audit(*w.admin, "subject=agent:" + std::to_string(admin_id));
  ASSERT_FALSE(log["items"].empty());
  EXPECT_EQ(log["items"][0]["action"], "config");
  EXPECT_EQ(log["items"][0]["subject"],
            "calendars:" + std::to_string(body_of(calendar)["id"].get<std::int64_t>()));
  EXPECT_EQ(log["items"][0]["detail"], "POST calendars fields=calendar,name");
}

TEST(AuditApi, OnlyAdminsOfTheTenantListTheLog) {
  World w;
  std::string query = "/api/v1/audit?subject=ticket:" + std::to_string(w.ticket);
  EXPECT_EQ(w.agent->get(query).status, 403);
  EXPECT_EQ(w.qa->get(query).status, 403);
  // Another tenant's admin sees nothing of it, and cannot name the tenant.
  EXPECT_TRUE(w.audit(*w.other_admin, "subject=ticket:" + std::to_string(w.ticket))["items"].empty());
  EXPECT_EQ(w.other_admin->get(query + "&tenant_id=" + std::to_string(w.tenant)).status, 404);
  EXPECT_EQ(w.admin->get("/api/v1/audit?subject=order:1").status, 422);
  EXPECT_EQ(w.admin->get("/api/v1/audit?subject=ticket:x").status, 422);
  EXPECT_EQ(w.admin->get("/api/v1/audit").status, 422);
  EXPECT_EQ(w.admin->get(query + "&limit=500").status, 422);
  EXPECT_EQ(w.agent->get("/api/v1/audit/anchors").status, 403);
}

TEST(AuditApi, PagesWithACursorAndAnchorsTheDay) {
  World w;
  for (int idx = 0; idx < 4; ++idx)
    ASSERT_EQ(w.agent->get("/api/v1/tickets/" + std::to_string(w.ticket)).status, 200);
  std::string subject = "subject=ticket:" + std::to_string(w.ticket);
  auto first = w.audit(*w.admin, subject + "&limit=2");
  ASSERT_EQ(first["items"].size(), 2u);
  ASSERT_TRUE(first["next_cursor"].is_number_integer());
  auto second =
      w.audit(*w.admin, subject + "&limit=2&cursor=" + std::to_string(first["next_cursor"].get<int>()));
  ASSERT_EQ(second["items"].size(), 2u);
  EXPECT_LT(second["items"][0]["seq"].get<int>(), first["items"][1]["seq"].get<int>());
  auto anchors = body_of(w.admin->get("/api/v1/audit/anchors"));
  ASSERT_EQ(anchors["items"].size(), 1u) << anchors.dump();
  // The anchor is the hash of the day's last entry (the admin's own reads come after).
  auto newest = w.audit(*w.admin, subject + "&limit=1");
  auto anchors_now = body_of(w.admin->get("/api/v1/audit/anchors"));
  EXPECT_GE(anchors_now["items"][0]["seq"].get<int>(), newest["items"][0]["seq"].get<int>());
  EXPECT_EQ(anchors_now["items"][0]["hash"].get<std::string>().size(), 64u);
}

// ---------------------------------------------------------------------------------------
// audit verify on the file

void exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
}

// A data folder with an audit chain of several entries in the first tenant, server stopped.
std::int64_t make_chain(const std::filesystem::path& dir) {
  World w(dir);
  for (int idx = 0; idx < 5; ++idx) w.agent->get("/api/v1/tickets/" + std::to_string(w.ticket));
  return w.tenant;
}

struct Verified {
  int status;
  std::string out;
};

Verified verify(const std::filesystem::path& dir, std::optional<std::int64_t> tenant = std::nullopt) {
  app::Config config;
  config.data_dir = dir.string();
  app::AuditCliOptions options;
  options.tenant = tenant;
  std::ostringstream out, err;
  int status = app::run_audit_verify(config, options, out, err);
  return {status, out.str() + err.str()};
}

// Edits the database file directly, as an attacker with file access would: triggers dropped.
void tamper(const std::filesystem::path& dir, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "servicepact.db").string().c_str(), &db), SQLITE_OK);
  exec(db, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
  exec(db, sql);
  sqlite3_close(db);
}

TEST(AuditVerify, AnIntactChainPassesAndTheTriggersRefuseEdits) {
  TempDir dir("sp-audit-intact");
  auto tenant = make_chain(dir.path());
  auto result = verify(dir.path(), tenant);
  EXPECT_EQ(result.status, 0) << result.out;
  EXPECT_NE(result.out.find("chain intact"), std::string::npos) << result.out;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir.path() / "servicepact.db").string().c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET detail = 'x' WHERE seq = 2", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log WHERE seq = 2", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_EQ(verify(dir.path(), tenant).status, 0);
}

TEST(AuditVerify, ASingleChangedByteInAnyColumnIsFoundAtItsEntry) {
  for (std::string column :
       {"at", "actor_agent_id", "action", "subject_kind", "subject_id", "detail", "prev_hash", "hash"}) {
    TempDir dir("sp-audit-byte");
    auto tenant = make_chain(dir.path());
    // One byte: the last character of the value, replaced by another.
    std::string value = "substr(CAST(" + column + " AS TEXT), 1, length(CAST(" + column +
                        " AS TEXT)) - 1) || " + "CASE WHEN substr(CAST(" + column +
                        " AS TEXT), -1) = '1' THEN '2' ELSE '1' END";
    bool numeric = column == "at" || column == "actor_agent_id" || column == "subject_id";
    tamper(dir.path(), "UPDATE audit_log SET " + column + " = " +
                           (numeric ? "CAST(" + value + " AS INTEGER)" : value) +
                           " WHERE tenant_id = " + std::to_string(tenant) + " AND seq = 4");
    auto result = verify(dir.path(), tenant);
    EXPECT_EQ(result.status, 1) << column << ": " << result.out;
    EXPECT_NE(result.out.find("BROKEN at seq 4"), std::string::npos) << column << ": " << result.out;
  }
}

TEST(AuditVerify, ADeletedRowIsFound) {
  TempDir dir("sp-audit-delete");
  auto tenant = make_chain(dir.path());
  tamper(dir.path(), "DELETE FROM audit_log WHERE tenant_id = " + std::to_string(tenant) + " AND seq = 3");
  auto result = verify(dir.path());
  EXPECT_EQ(result.status, 1) << result.out;
  EXPECT_NE(result.out.find("BROKEN at seq 4"), std::string::npos) << result.out;
}

TEST(AuditVerify, ASwappedPairIsFound) {
  TempDir dir("sp-audit-swap");
  auto tenant = make_chain(dir.path());
  std::string t = std::to_string(tenant);
  // Swap the contents of entries 3 and 4 by exchanging their sequence numbers.
  tamper(dir.path(), "UPDATE audit_log SET seq = -1 WHERE tenant_id = " + t + " AND seq = 3; " +
                         "UPDATE audit_log SET seq = 3 WHERE tenant_id = " + t + " AND seq = 4; " +
                         "UPDATE audit_log SET seq = 4 WHERE tenant_id = " + t + " AND seq = -1;");
  auto result = verify(dir.path(), tenant);
  EXPECT_EQ(result.status, 1) << result.out;
  EXPECT_NE(result.out.find("BROKEN at seq 3"), std::string::npos) << result.out;
}

TEST(AuditVerify, BadArgumentsAndAMissingDatabase) {
  TempDir dir("sp-audit-none");
  EXPECT_EQ(verify(dir.path(), -1).status, 2);
  EXPECT_EQ(verify(dir.path() / "missing").status, 1);
}

}  // namespace
}  // namespace sp::testing

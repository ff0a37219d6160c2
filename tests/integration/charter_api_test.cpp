// The service charter through the API: configuration, the commitment letter in three
// languages (no blank left), and the public page, JSON and badge without login, with figures
// computed from tickets handled last month.
#include <gtest/gtest.h>

#include <set>

#include "charter/charter.hpp"
#include "charter/charter_json.hpp"
#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

TEST(CharterApi, ConfiguredOnceRenderedAsLetterAndPublishedWithFigures) {
  // 2026-11-23: last month is October 2026.
  TestServer server(std::nullopt, from_unix_seconds(1'795'420'800));
  auto platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
  auto tenant = body_of(platform.post(
      "/api/v1/tenants",
      R"({"slug":"acme","name":"Acme","timezone":"Europe/Amsterdam","default_language":"nl"})"))["id"]
                    .get<std::int64_t>();
  auto admin = server.agent_client(domain::TenantId{tenant}, Role::Admin, "admin@acme.test");
  auto agent = server.agent_client(domain::TenantId{tenant}, Role::Agent, "agent@acme.test");

  HttpClient anonymous(server.port());
  EXPECT_EQ(admin.get("/api/v1/charter").status, 404);
  EXPECT_EQ(body_of(admin.get("/api/v1/charter"))["type"], "/problems/no-charter");
  EXPECT_EQ(anonymous.get("/public/charter?tenant=acme").status, 404);

  auto example = charter::to_json(charter::example_charter());
  EXPECT_EQ(agent.request("PUT", "/api/v1/charter", example.dump()).status, 403);
  auto broken = example;
  broken["promises"][0]["first_response"]["minutes"] = 0;
  auto refused = admin.request("PUT", "/api/v1/charter", broken.dump());
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(body_of(refused)["field"], "promises[0].first_response.minutes");
  auto saved = admin.request("PUT", "/api/v1/charter", example.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(body_of(admin.get("/api/v1/charter")), example);

  for (const char* lang : {"nl", "en", "zh"}) {
    auto html = admin.get(std::string("/api/v1/charter/letter?lang=") + lang);
    ASSERT_EQ(html.status, 200) << html.body;
    EXPECT_EQ(html.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(html.body.find("{{"), std::string::npos) << lang << " letter has an unfilled blank";
    auto pdf = admin.get(std::string("/api/v1/charter/letter?format=pdf&lang=") + lang);
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  }
  EXPECT_EQ(admin.get("/api/v1/charter/letter?lang=fr").status, 422);

  // Tickets last month: one answered quickly by the agent.
  auto customer = body_of(agent.post("/api/v1/customers", R"({"name":"Jan"})"))["id"].get<std::int64_t>();
  server.clock().set(from_unix_seconds(1'792'144'800));  // 2026-10-16T10:00:00Z
  auto ticket = body_of(agent.post(
      "/api/v1/tickets",
      json{{"subject", "Vraag"}, {"requester_id", customer}, {"channel", "email"}, {"body", "?"}}.dump()));
  server.clock().advance(std::chrono::minutes(20));
  ASSERT_EQ(agent
                .post("/api/v1/tickets/" + std::to_string(ticket["id"].get<std::int64_t>()) + "/messages",
                      R"({"kind":"outbound","body":"Antwoord"})")
                .status,
            201);
  server.clock().set(from_unix_seconds(1'795'420'800));

  // The charter's costs and breach rules apply to every report of the tenant, from either
  // source: one handled contact at 42/h x 9 min = 6.30.
  for (const char* source : {"exact", "aggregates"}) {
    auto kpis = body_of(admin.get(std::string("/api/v1/reports/kpis?source=") + source +
                                  "&from=2026-09-30T22:00:00Z&to=2026-10-31T23:00:00Z"));
    ASSERT_EQ(kpis["groups"].size(), 1u) << kpis.dump();
    EXPECT_NEAR(kpis["groups"][0]["figures"]["cost_per_contact"].get<double>(), 6.3, 1e-9)
        << source << " " << kpis["groups"][0]["figures"]["cost_per_contact"].dump();
  }

  auto page = anonymous.get("/public/charter?tenant=acme&lang=en");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(page.header("cache-control"), "public, max-age=600");
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  auto summary = body_of(anonymous.get("/public/charter.json?tenant=acme"));
  EXPECT_EQ(summary["periods"]["last_month"]["label"], "2026-10");
  EXPECT_GE(summary["periods"]["last_month"]["measured"].get<int>(), 1) << summary.dump();
  auto badge = anonymous.get("/public/badge.svg?tenant=acme");
  EXPECT_EQ(badge.header("content-type"), "image/svg+xml");
  EXPECT_NE(badge.body.find("<svg"), std::string::npos);
  EXPECT_EQ(anonymous.get("/public/letter?tenant=acme&lang=zh").status, 200);
  EXPECT_EQ(anonymous.get("/public/charter?tenant=nobody").status, 404);
  EXPECT_EQ(anonymous.get("/public/charter").status, 422);

  // You said, we did.
  auto actions = admin.request("PUT", "/api/v1/charter/improvements",
                               json{{"items",
                                     {{{"you_said", "Wachten duurt te lang"},
                                       {"we_did", "Extra dienst op maandag"},
                                       {"done_on", "2026-11-02"},
                                       {"feedback_ticket_ids", {ticket["id"]}}}}}}
                                   .dump());
  ASSERT_EQ(actions.status, 200) << actions.body;
  auto bad_date = admin.request("PUT", "/api/v1/charter/improvements",
                                R"({"items":[{"you_said":"x","we_did":"y","done_on":"2026-13-40"}]})");
  EXPECT_EQ(body_of(bad_date)["field"], "items[0].done_on");
  auto json_view = body_of(anonymous.get("/public/charter.json?tenant=acme"));
  ASSERT_EQ(json_view["you_said_we_did"].size(), 1u);
  EXPECT_EQ(json_view["you_said_we_did"][0]["we_did"], "Extra dienst op maandag");
}

TEST(ReportRuns, TheLettersRhythmProducesEachRunOnceIncludingThoseMissedWhileDown) {
  TestServer server(std::nullopt, from_unix_seconds(1'795'420'800));  // 2026-11-23T08:00:00Z
  auto platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
  auto tenant = body_of(platform.post(
      "/api/v1/tenants",
      R"({"slug":"acme","name":"Acme","timezone":"Europe/Amsterdam","default_language":"nl"})"))["id"]
                    .get<std::int64_t>();
  auto admin = server.agent_client(domain::TenantId{tenant}, Role::Admin, "admin@acme.test");
  auto agent = server.agent_client(domain::TenantId{tenant}, Role::Agent, "agent@acme.test");
  // Without a charter nothing is promised, so nothing runs.
  EXPECT_EQ(server.report_schedules().run_due(server.clock().now()).value(), 0);
  ASSERT_EQ(
      admin.request("PUT", "/api/v1/charter", charter::to_json(charter::example_charter()).dump()).status,
      200);

  auto first = server.report_schedules().run_due(server.clock().now());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_GE(*first, 1);  // yesterday's daily self-check
  EXPECT_EQ(server.report_schedules().run_due(server.clock().now()).value(), 0);  // once only

  // Three days down: each missed daily run is produced once after the restart.
  server.clock().advance(std::chrono::hours(72));
  auto caught_up = server.report_schedules().run_due(server.clock().now());
  ASSERT_TRUE(caught_up.ok());
  EXPECT_EQ(*caught_up, 3);

  auto list = body_of(admin.get("/api/v1/reports/runs"));
  ASSERT_GE(list["items"].size(), 4u) << list.dump();
  std::set<std::string> periods;
  for (const auto& item : list["items"]) {
    if (item["report"] == "daily_self_check") {
      EXPECT_TRUE(periods.insert(item["period"].get<std::string>()).second);
    }
  }
  auto id = std::to_string(list["items"][0]["id"].get<std::int64_t>());
  auto html = admin.get("/api/v1/reports/runs/" + id);
  EXPECT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("<html"), std::string::npos);
  EXPECT_EQ(admin.get("/api/v1/reports/runs/" + id + "?format=pdf").body.substr(0, 5), "%PDF-");
  EXPECT_EQ(admin.get("/api/v1/reports/runs/" + id + "?format=csv").header("content-type"),
            "text/csv; charset=utf-8");
  EXPECT_EQ(admin.get("/api/v1/reports/runs/" + id + "?format=doc").status, 422);
  EXPECT_EQ(agent.get("/api/v1/reports/runs").status, 403);
  auto outsider = server.agent_client(
      domain::TenantId{body_of(platform.post("/api/v1/tenants", R"({"slug":"globex","name":"Globex"})"))["id"]
                           .get<std::int64_t>()},
      Role::Admin, "admin@globex.test");
  EXPECT_EQ(outsider.get("/api/v1/reports/runs/" + id).status, 404);
}

}  // namespace
}  // namespace sp::testing

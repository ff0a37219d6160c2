// The daily self-check and the weekly feedback summary through the API (issue 8): tickets,
// SLA clocks and survey answers driven with a controlled clock, then the scheduled runs and
// GET /api/v1/feedback/topics checked for the missed promise of yesterday, the item at risk
// today, comments under the right topic and a recurring issue.
#include <gtest/gtest.h>

#include "charter/charter.hpp"
#include "charter/charter_json.hpp"
#include "jobs/commitment_job.hpp"
#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The text of <section ... id="topic-<id>"> up to its end.
std::string topic_section(const std::string& html, const std::string& id) {
  const auto start = html.find("id=\"topic-" + id + "\"");
  if (start == std::string::npos) return {};
  const auto end = html.find("</section>", start);
  return html.substr(start, end - start);
}

json day(const char* open, const char* close) {
  return json::array({json::array({open, close})});
}

const json kAlwaysOpen = {{"timezone", "UTC"},
                          {"weekly",
                           {{"mon", day("00:00", "24:00")},
                            {"tue", day("00:00", "24:00")},
                            {"wed", day("00:00", "24:00")},
                            {"thu", day("00:00", "24:00")},
                            {"fri", day("00:00", "24:00")},
                            {"sat", day("00:00", "24:00")},
                            {"sun", day("00:00", "24:00")}}}};

Timestamp at(const char* text) {
  return *parse_rfc3339(text);
}

class FeedbackReports : public ::testing::Test {
 protected:
  // Wednesday 2026-11-18 09:00 UTC; the weekly summary of Monday 2026-11-23 covers 11-16..11-22.
  FeedbackReports() : server(std::nullopt, at("2026-11-18T09:00:00Z")) {
    platform =
        std::make_unique<HttpClient>(server.agent_client(std::nullopt, Role::Admin, "root@platform.test"));
    tenant = body_of(platform->post(
        "/api/v1/tenants", R"({"slug":"acme","name":"Acme","timezone":"UTC","default_language":"nl"})"))["id"]
                 .get<std::int64_t>();
    admin = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, Role::Admin, "admin@acme.test"));
    supervisor = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, Role::Supervisor, "lead@acme.test"));
    alice = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, Role::Agent, "alice@acme.test"));
    bob = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, Role::Agent, "bob@acme.test"));
    const auto agents = admin->get("/api/v1/agents");
    EXPECT_EQ(agents.status, 200) << agents.body;
    const json agent_list = body_of(agents);  // named: a temporary would die before the loop
    for (const auto& agent : agent_list["items"]) {
      if (agent["email"] == "alice@acme.test") alice_id = agent["id"].get<std::int64_t>();
      if (agent["email"] == "bob@acme.test") bob_id = agent["id"].get<std::int64_t>();
    }
    EXPECT_NE(alice_id, 0) << agents.body;
    for (const char* name : {"Xander", "Yara", "Zhang"}) {
      customers.push_back(
          body_of(admin->post("/api/v1/customers", json{{"name", name}}.dump()))["id"].get<std::int64_t>());
    }
    auto calendar =
        admin->post("/api/v1/calendars", json{{"name", "Always"}, {"calendar", kAlwaysOpen}}.dump());
    EXPECT_EQ(calendar.status, 201) << calendar.body;
    auto policy = admin->post("/api/v1/sla/policies", json{{"name", "Standard"},
                                                           {"calendar_id", body_of(calendar)["id"]},
                                                           {"targets", {{"first_response_minutes", 60}}}}
                                                          .dump());
    EXPECT_EQ(policy.status, 201) << policy.body;
  }

  std::int64_t open_ticket(const std::string& subject, std::int64_t customer,
                           std::optional<std::int64_t> assignee = std::nullopt,
                           const std::string& category = {}) {
    json body = {
        {"subject", subject}, {"requester_id", customer}, {"channel", "email"}, {"body", "Zie onderwerp."}};
    if (assignee) body["assignee_id"] = *assignee;
    if (!category.empty()) body["category"] = category;
    auto created = admin->post("/api/v1/tickets", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created)["id"].get<std::int64_t>();
  }
  std::string path(std::int64_t id) { return "/api/v1/tickets/" + std::to_string(id); }
  void reply(std::int64_t id) {
    auto sent = admin->post(path(id) + "/messages", R"({"kind":"outbound","body":"Antwoord"})");
    ASSERT_EQ(sent.status, 201) << sent.body;
  }
  void solve_and_answer(std::int64_t id, int grade, const std::string& comment) {
    reply(id);
    ASSERT_EQ(admin->request("PATCH", path(id), R"({"status":"solved"})").status, 200);
    auto link = admin->post(path(id) + "/survey", "");
    ASSERT_EQ(link.status, 201) << link.body;
    json answer = {{"token", body_of(link)["token"]},
                   {"grade", grade},
                   {"helped", grade >= 6},
                   {"nps", grade},
                   {"effort", 2},
                   {"comment", comment}};
    auto answered = anonymous.post("/api/v1/surveys/answer", answer.dump());
    ASSERT_EQ(answered.status, 201) << answered.body;
  }
  std::string ref(std::int64_t id) { return "T-" + std::to_string(id); }

  TestServer server;
  HttpClient anonymous{server.port()};
  std::unique_ptr<HttpClient> platform, admin, supervisor, alice, bob;
  std::int64_t tenant = 0, alice_id = 0, bob_id = 0;
  std::vector<std::int64_t> customers;
};

TEST_F(FeedbackReports, DailySelfCheckAndWeeklySummaryShowWhatWasPromised) {
  // The week: one issue three times from two customers, one from a single customer three times.
  const auto d1 = open_ticket("Invoice wrong", customers[0]);
  const auto d2 = open_ticket("Re: invoice wrong [#T-" + std::to_string(d1) + "]", customers[1]);
  const auto d3 = open_ticket("Fwd: Invoice 2026-11 wrong", customers[0]);
  std::vector<std::int64_t> parcels;
  for (int n = 0; n < 3; ++n) parcels.push_back(open_ticket("Parcel lost", customers[2]));
  server.clock().advance(std::chrono::minutes(30));
  solve_and_answer(d1, 4, "De factuur klopt niet en de medewerker was onvriendelijk");
  solve_and_answer(d2, 5, "Waited too long for an answer <b>really</b>");
  solve_and_answer(d3, 9, "客服态度很好");

  // Yesterday (Sunday 11-22): a first response promised within 60 minutes came 90 minutes late,
  // and a major complaint answered after 50 minutes (the letter promises 30).
  server.clock().set(at("2026-11-22T10:00:00Z"));
  const auto late = open_ticket("Router keeps rebooting", customers[1], alice_id);
  server.clock().set(at("2026-11-22T12:30:00Z"));
  reply(late);
  server.clock().set(at("2026-11-22T14:00:00Z"));
  const auto complaint = open_ticket("Klacht over monteur", customers[0], alice_id, "major_complaint");
  server.clock().set(at("2026-11-22T14:50:00Z"));
  reply(complaint);
  // Today (Monday 11-23): a ticket whose first response falls due at 10:00.
  server.clock().set(at("2026-11-23T09:00:00Z"));
  const auto at_risk = open_ticket("Storing internet", customers[2], bob_id);

  ASSERT_EQ(
      admin->request("PUT", "/api/v1/charter", charter::to_json(charter::example_charter()).dump()).status,
      200);
  server.clock().set(at("2026-11-23T09:30:00Z"));
  auto produced = server.report_schedules().run_due(server.clock().now());
  ASSERT_TRUE(produced.ok()) << produced.error().message;
  EXPECT_GE(*produced, 3);

  std::string daily_id, weekly_id;
  const json runs = body_of(admin->get("/api/v1/reports/runs"));
  for (const auto& item : runs["items"]) {
    if (item["report"] == "daily_self_check" && item["period"] == "2026-11-22") {
      daily_id = std::to_string(item["id"].get<std::int64_t>());
    }
    if (item["report"] == "weekly_feedback") weekly_id = std::to_string(item["id"].get<std::int64_t>());
  }
  ASSERT_FALSE(daily_id.empty());
  ASSERT_FALSE(weekly_id.empty());

  // Daily self-check: CSV rows are exact.
  const std::string csv = admin->get("/api/v1/reports/runs/" + daily_id + "?format=csv").body;
  EXPECT_TRUE(
      contains(csv, "sla_breached,Test alice@acme.test,," + ref(late) +
                        ",Router keeps rebooting,first_response,60,2026-11-22T11:00:00Z,90,false\r\n"))
      << csv;
  EXPECT_TRUE(
      contains(csv, "major_complaint_late,Test alice@acme.test,," + ref(complaint) +
                        ",Klacht over monteur,major_complaint_response,30,2026-11-22T14:30:00Z,20,false\r\n"))
      << csv;
  EXPECT_TRUE(contains(csv, "at_risk,Test bob@acme.test,," + ref(at_risk) +
                                ",Storing internet,first_response,60,2026-11-23T10:00:00Z,0,false\r\n"))
      << csv;
  EXPECT_FALSE(contains(csv, ref(d1) + ",")) << csv;
  const std::string daily = admin->get("/api/v1/reports/runs/" + daily_id).body;
  EXPECT_TRUE(contains(daily, "Beloofd en gisteren niet nagekomen")) << daily;  // charter language nl
  EXPECT_TRUE(contains(daily, "Open zaken met risico vandaag"));
  EXPECT_TRUE(contains(daily, ">" + ref(late) + "<"));
  EXPECT_TRUE(contains(daily, ">" + ref(at_risk) + "<"));
  EXPECT_TRUE(contains(daily, "Kengetallen van gisteren"));  // the KPI table follows
  EXPECT_TRUE(contains(daily, "first_response_time"));       // with its definitions
  EXPECT_EQ(admin->get("/api/v1/reports/runs/" + daily_id + "?format=pdf").body.substr(0, 5), "%PDF-");

  // Weekly summary: comments under their topics (escaped), and the recurring issue.
  const std::string weekly = admin->get("/api/v1/reports/runs/" + weekly_id).body;
  EXPECT_TRUE(contains(topic_section(weekly, "billing"), "De factuur klopt niet")) << weekly;
  EXPECT_TRUE(contains(topic_section(weekly, "friendliness"), "De factuur klopt niet"));
  EXPECT_TRUE(contains(topic_section(weekly, "friendliness"), "客服态度很好"));
  const auto waiting = topic_section(weekly, "waiting_time");
  EXPECT_TRUE(contains(waiting, "Waited too long for an answer &lt;b&gt;really&lt;/b&gt;")) << waiting;
  EXPECT_FALSE(contains(waiting, "De factuur"));
  EXPECT_FALSE(contains(weekly, "<b>really"));
  EXPECT_TRUE(contains(weekly, ref(d1) + " " + ref(d2) + " " + ref(d3)));
  EXPECT_FALSE(contains(weekly, "Parcel lost"));  // one customer three times is not recurring
  const std::string weekly_csv = admin->get("/api/v1/reports/runs/" + weekly_id + "?format=csv").body;
  EXPECT_TRUE(contains(weekly_csv, "grade,csat,customer satisfaction (grade),3,6,,\r\n")) << weekly_csv;
  EXPECT_TRUE(contains(weekly_csv, "recurring,subject:invoice wrong,Invoice wrong,3,2," + ref(d1) + " " +
                                       ref(d2) + " " + ref(d3) + ","))
      << weekly_csv;
  EXPECT_EQ(admin->get("/api/v1/reports/runs/" + weekly_id + "?format=pdf").body.substr(0, 5), "%PDF-");

  // The same through GET /api/v1/feedback/topics.
  const std::string window = "/api/v1/feedback/topics?from=2026-11-16T00:00:00Z&to=2026-11-23T00:00:00Z";
  auto topics = supervisor->get(window);
  ASSERT_EQ(topics.status, 200) << topics.body;
  const auto overview = body_of(topics);
  EXPECT_EQ(overview["answers"], 3);
  std::map<std::string, json> by_id;
  for (const auto& topic : overview["topics"]) by_id[topic["id"].get<std::string>()] = topic;
  EXPECT_EQ(by_id["billing"]["answers"], 3);  // the subjects name the invoice
  EXPECT_EQ(by_id["friendliness"]["answers"], 2);
  ASSERT_EQ(by_id["waiting_time"]["examples"].size(), 1u);
  EXPECT_EQ(by_id["waiting_time"]["examples"][0]["ticket_id"], d2);
  EXPECT_EQ(by_id["friendliness"]["names"]["zh"], "服务态度");
  EXPECT_EQ(by_id.count("other"), 0u);
  ASSERT_EQ(overview["recurring_issues"].size(), 1u) << overview.dump();
  EXPECT_EQ(overview["recurring_issues"][0]["signature"], "subject:invoice wrong");
  EXPECT_EQ(overview["recurring_issues"][0]["customer_count"], 2);
  EXPECT_EQ(overview["recurring_issues"][0]["ticket_ids"], json({d1, d2, d3}));

  auto refused = alice->get(window);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.header("content-type"), "application/problem+json");
  auto missing = supervisor->get("/api/v1/feedback/topics?from=2026-11-16T00:00:00Z");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(body_of(missing)["field"], "to");
  EXPECT_EQ(
      supervisor->get("/api/v1/feedback/topics?from=2026-11-16T00:00:00Z&to=2026-11-01T00:00:00Z").status,
      422);
  auto outsider = server.agent_client(domain::TenantId{body_of(platform->post(
                                          "/api/v1/tenants", R"({"slug":"globex","name":"Globex"})"))["id"]
                                                           .get<std::int64_t>()},
                                      Role::Supervisor, "lead@globex.test");
  auto foreign = body_of(outsider.get(window));
  EXPECT_EQ(foreign["answers"], 0);
  EXPECT_TRUE(foreign["recurring_issues"].empty());
}

// Agents' commitments in the daily self-check (issue 18): one broken yesterday is a missed
// promise of the agent who made it, one open and due today is at risk; the KPI table of
// yesterday carries commitments kept.
TEST_F(FeedbackReports, TheDailySelfCheckListsBrokenAndDueCommitments) {
  server.clock().set(at("2026-11-22T10:00:00Z"));
  const auto broken = open_ticket("Modem replacement", customers[0], alice_id);
  auto promised =
      alice->post(path(broken) + "/commitments",
                  R"({"what":"call Xander back about the modem","due_at":"2026-11-22T11:00:00Z"})");
  ASSERT_EQ(promised.status, 201) << promised.body;
  server.clock().set(at("2026-11-22T11:01:00Z"));
  auto ran = server.application().commitment_job().run_once();
  ASSERT_TRUE(ran.ok()) << ran.error().message;
  EXPECT_EQ(ran->broken, 1);
  server.clock().set(at("2026-11-23T09:00:00Z"));
  const auto due = open_ticket("Refund", customers[1], bob_id);
  ASSERT_EQ(bob->post(path(due) + "/commitments",
                      R"({"what":"confirm the refund by mail","due_at":"2026-11-23T15:00:00Z"})")
                .status,
            201);
  ASSERT_EQ(
      admin->request("PUT", "/api/v1/charter", charter::to_json(charter::example_charter()).dump()).status,
      200);
  server.clock().set(at("2026-11-23T09:30:00Z"));
  auto produced = server.report_schedules().run_due(server.clock().now());
  ASSERT_TRUE(produced.ok()) << produced.error().message;
  std::string daily_id;
  const json runs = body_of(admin->get("/api/v1/reports/runs"));
  for (const auto& item : runs["items"]) {
    if (item["report"] == "daily_self_check" && item["period"] == "2026-11-22") {
      daily_id = std::to_string(item["id"].get<std::int64_t>());
    }
  }
  ASSERT_FALSE(daily_id.empty());
  const std::string csv = admin->get("/api/v1/reports/runs/" + daily_id + "?format=csv").body;
  // Broken at 11:00 yesterday, still unkept at the end of the day: 13 hours late.
  EXPECT_TRUE(contains(csv, "commitment_broken,Test alice@acme.test,," + ref(broken) +
                                ",Modem replacement,commitment,0,2026-11-22T11:00:00Z,780,true\r\n"))
      << csv;
  EXPECT_TRUE(contains(csv, "commitment_due,Test bob@acme.test,," + ref(due) +
                                ",Refund,commitment,0,2026-11-23T15:00:00Z,0,false\r\n"))
      << csv;
  const std::string daily = admin->get("/api/v1/reports/runs/" + daily_id).body;
  EXPECT_TRUE(contains(daily, "toezegging niet nagekomen")) << daily;
  EXPECT_TRUE(contains(daily, "toezegging: call Xander back about the modem"));
  EXPECT_TRUE(contains(daily, "toezegging loopt vandaag af"));
  EXPECT_TRUE(contains(daily, "nagekomen toezeggingen"));  // the KPI table's column
}

// A tenant names its own topics: the rules are checked, stored, used for the next overview,
// and an empty list brings the defaults back.
TEST_F(FeedbackReports, TenantsConfigureTheirOwnTopicRules) {
  auto defaults = supervisor->get("/api/v1/feedback/topic-rules");
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_FALSE(body_of(defaults)["customised"].get<bool>());
  EXPECT_GE(body_of(defaults)["topics"].size(), 9u);

  json rules = {{"topics",
                 {{{"id", "router"},
                   {"names", {{"nl", "Modem en router"}, {"en", "Modem and router"}, {"zh", "调制解调器"}}},
                   {"keywords", {{"nl", {"modem", "wifi*"}}, {"en", {"modem"}}, {"zh", {"路由器"}}}},
                   {"categories", {"hardware"}}}}}};
  EXPECT_EQ(alice->request("PUT", "/api/v1/feedback/topic-rules", rules.dump()).status, 403);
  json bad = rules;
  bad["topics"][0]["id"] = "Router!";
  auto refused = supervisor->request("PUT", "/api/v1/feedback/topic-rules", bad.dump());
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(body_of(refused)["field"], "topics[0].id");
  bad = rules;
  bad["topics"][0]["names"].erase("zh");
  EXPECT_EQ(body_of(supervisor->request("PUT", "/api/v1/feedback/topic-rules", bad.dump()))["field"],
            "topics[0].names.zh");
  auto saved = supervisor->request("PUT", "/api/v1/feedback/topic-rules", rules.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto now = body_of(supervisor->get("/api/v1/feedback/topic-rules"));
  EXPECT_TRUE(now["customised"].get<bool>());
  ASSERT_EQ(now["topics"].size(), 1u);
  EXPECT_EQ(now["topics"][0]["keywords"]["nl"], json({"modem", "wifi*"}));

  const auto id = open_ticket("Internet", customers[0]);
  server.clock().advance(std::chrono::minutes(5));
  solve_and_answer(id, 7, "De wifimodem valt steeds uit");
  const auto overview =
      body_of(supervisor->get("/api/v1/feedback/topics?from=2026-11-18T00:00:00Z&to=2026-11-19T00:00:00Z"));
  ASSERT_EQ(overview["topics"].size(), 1u) << overview.dump();
  EXPECT_EQ(overview["topics"][0]["id"], "router");
  EXPECT_EQ(overview["topics"][0]["names"]["en"], "Modem and router");

  ASSERT_EQ(supervisor->request("PUT", "/api/v1/feedback/topic-rules", R"({"topics":[]})").status, 200);
  EXPECT_FALSE(body_of(supervisor->get("/api/v1/feedback/topic-rules"))["customised"].get<bool>());
  // Another tenant still has the defaults.
  auto outsider = server.agent_client(domain::TenantId{body_of(platform->post(
                                          "/api/v1/tenants", R"({"slug":"globex","name":"Globex"})"))["id"]
                                                           .get<std::int64_t>()},
                                      Role::Supervisor, "lead@globex.test");
  EXPECT_FALSE(body_of(outsider.get("/api/v1/feedback/topic-rules"))["customised"].get<bool>());
}

}  // namespace
}  // namespace sp::testing

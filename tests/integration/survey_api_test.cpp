// Customer surveys through the real HTTP API (issue 8): a link only for solved tickets, one
// answer per ticket, expiry, field checks, the plain HTML page, and the answers in the KPI
// report exactly; the report's CSV, HTML and PDF forms.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <sstream>

#include "app/report_cli.hpp"
#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;
using std::chrono::hours;
using std::chrono::minutes;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// "grade=7&helped=yes" with the token, percent-encoded where needed.
std::string form_body(const std::string& token, const std::string& rest) {
  std::string encoded;
  for (char c : token) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') {
      encoded += c;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      encoded += buf;
    }
  }
  return "token=" + encoded + (rest.empty() ? "" : "&" + rest);
}

class SurveyApi : public ::testing::Test {
 protected:
  // 2026-11-02T09:00:00Z, a Monday.
  SurveyApi() : server(std::nullopt, from_unix_seconds(1'793'610'000)) {
    platform =
        std::make_unique<HttpClient>(server.agent_client(std::nullopt, Role::Admin, "root@platform.test"));
    tenant = body_of(platform->post(
        "/api/v1/tenants", R"({"slug":"acme","name":"Acme","timezone":"UTC","default_language":"en"})"))["id"]
                 .get<std::int64_t>();
    admin = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, Role::Admin, "admin@acme.test"));
    agent = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, Role::Agent, "agent@acme.test"));
    customer = body_of(agent->post("/api/v1/customers", R"({"name":"Jan","language":"nl"})"))["id"]
                   .get<std::int64_t>();
  }

  std::int64_t open_ticket(const std::string& subject) {
    auto created = agent->post(
        "/api/v1/tickets",
        json{{"subject", subject}, {"requester_id", customer}, {"channel", "email"}, {"body", "?"}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created)["id"].get<std::int64_t>();
  }
  std::string path(std::int64_t id) { return "/api/v1/tickets/" + std::to_string(id); }
  void solve(std::int64_t id) {
    ASSERT_EQ(agent->post(path(id) + "/messages", R"({"kind":"outbound","body":"Opgelost"})").status, 201);
    ASSERT_EQ(agent->request("PATCH", path(id), R"({"status":"solved"})").status, 200);
  }
  std::string issue(std::int64_t id) {
    auto link = agent->post(path(id) + "/survey", "");
    EXPECT_EQ(link.status, 201) << link.body;
    return body_of(link)["token"].get<std::string>();
  }
  ClientResponse answer(const json& body) { return anonymous.post("/api/v1/surveys/answer", body.dump()); }

  TestServer server;
  HttpClient anonymous{server.port()};
  std::unique_ptr<HttpClient> platform, admin, agent;
  std::int64_t tenant = 0;
  std::int64_t customer = 0;
};

TEST_F(SurveyApi, LinkOnlyForSolvedTicketsAndTheSameLinkTwice) {
  auto id = open_ticket("Factuur klopt niet");
  auto early = agent->post(path(id) + "/survey", "");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(body_of(early)["type"], "/problems/ticket-not-solved");
  EXPECT_EQ(agent->post("/api/v1/tickets/999999/survey", "").status, 404);

  solve(id);
  auto first = agent->post(path(id) + "/survey", "");
  ASSERT_EQ(first.status, 201) << first.body;
  auto link = body_of(first);
  const std::string token = link["token"];
  EXPECT_EQ(link["url"], "/survey?token=" + token);
  EXPECT_EQ(link["expires_at"], "2026-12-02T09:00:00Z");  // 30 days
  server.clock().advance(hours(5));
  auto again = agent->post(path(id) + "/survey", "");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(body_of(again)["token"], token);
  EXPECT_EQ(anonymous.post(path(id) + "/survey", "").status, 401);

  auto form = anonymous.get("/api/v1/surveys/form?token=" + token);
  ASSERT_EQ(form.status, 200) << form.body;
  auto shown = body_of(form);
  EXPECT_EQ(shown["ticket_id"], id);
  EXPECT_EQ(shown["subject"], "Factuur klopt niet");
  EXPECT_EQ(shown["tenant_name"], "Acme");
  EXPECT_EQ(shown["language"], "nl");  // the customer's, not the tenant's
  EXPECT_EQ(shown["answered"], false);
}

TEST_F(SurveyApi, AnsweredOnceWithFieldChecksAndStableProblems) {
  auto id = open_ticket("Vraag");
  solve(id);
  const std::string token = issue(id);
  json good = {{"token", token}, {"grade", 9},  {"helped", true},
               {"nps", 10},      {"effort", 2}, {"comment", "Snel!"}};

  auto expect_field = [&](json body, const std::string& field) {
    auto refused = answer(body);
    EXPECT_EQ(refused.status, 422) << field << ": " << refused.body;
    EXPECT_EQ(body_of(refused)["field"], field);
  };
  auto bad = good;
  bad["grade"] = 11;
  expect_field(bad, "grade");
  bad["grade"] = 0;
  expect_field(bad, "grade");
  bad = good;
  bad["nps"] = 11;
  expect_field(bad, "nps");
  bad = good;
  bad["effort"] = 6;
  expect_field(bad, "effort");
  bad = good;
  bad["comment"] = std::string(2001, 'x');
  expect_field(bad, "comment");
  bad = good;
  bad.erase("helped");
  expect_field(bad, "helped");
  bad = good;
  bad["helped"] = "yes";
  expect_field(bad, "helped");
  bad = good;
  bad["extra"] = 1;
  expect_field(bad, "extra");

  auto forged = good;
  forged["token"] = token.substr(0, token.size() - 2) + (token.back() == 'A' ? "BB" : "AA");
  auto unknown = answer(forged);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(body_of(unknown)["type"], "/problems/survey-link-unknown");
  EXPECT_EQ(answer(json{{"token", "nonsense"}, {"grade", 5}, {"helped", true}}).status, 404);

  auto ok = answer(good);
  ASSERT_EQ(ok.status, 201) << ok.body;
  auto second = answer(good);
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(body_of(second)["type"], "/problems/survey-already-answered");
  EXPECT_EQ(body_of(anonymous.get("/api/v1/surveys/form?token=" + token))["answered"], true);
  auto reissue = agent->post(path(id) + "/survey", "");
  EXPECT_EQ(reissue.status, 409);
  EXPECT_EQ(body_of(reissue)["type"], "/problems/survey-already-answered");
}

TEST_F(SurveyApi, ExpiredLinkIsGoneAndANewLinkCanBeIssued) {
  auto id = open_ticket("Vraag");
  solve(id);
  const std::string token = issue(id);
  server.clock().advance(hours(24 * 30));
  auto late = answer({{"token", token}, {"grade", 5}, {"helped", true}});
  EXPECT_EQ(late.status, 410);
  EXPECT_EQ(body_of(late)["type"], "/problems/survey-link-expired");
  EXPECT_EQ(anonymous.get("/api/v1/surveys/form?token=" + token).status, 410);
  EXPECT_EQ(anonymous.get("/survey?token=" + token).status, 410);

  auto fresh = agent->post(path(id) + "/survey", "");
  ASSERT_EQ(fresh.status, 201) << fresh.body;
  const std::string renewed = body_of(fresh)["token"];
  EXPECT_NE(renewed, token);
  EXPECT_EQ(answer({{"token", renewed}, {"grade", 5}, {"helped", true}}).status, 201);
}

TEST_F(SurveyApi, PlainHtmlPageWorksWithoutTheWebApp) {
  auto id = open_ticket("Pakket <kwijt>");
  solve(id);
  const std::string token = issue(id);
  auto page = anonymous.get("/survey?token=" + token);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(contains(page.header("content-security-policy"), "default-src 'none'"));
  EXPECT_TRUE(contains(page.header("cache-control"), "no-store"));
  EXPECT_TRUE(contains(page.body, "<html lang=\"nl\">"));
  EXPECT_TRUE(contains(page.body, "Pakket &lt;kwijt&gt;"));
  EXPECT_TRUE(contains(page.body, "<form method=\"post\" action=\"/survey\""));
  EXPECT_TRUE(contains(page.body, "<label for=\"grade-7\">7</label>"));
  EXPECT_TRUE(contains(page.body, "<label for=\"helped-no\">Nee</label>"));
  EXPECT_TRUE(contains(page.body, "<label for=\"comment\">"));
  EXPECT_FALSE(contains(page.body, "<script"));
  EXPECT_FALSE(contains(page.body, "style"));
  EXPECT_EQ(anonymous.get("/survey?token=broken").status, 404);

  const std::vector<std::pair<std::string, std::string>> form_type = {
      {"Content-Type", "application/x-www-form-urlencoded"}};
  auto missing =
      anonymous.request("POST", "/survey", form_body(token, "helped=no&comment=Te+traag"), form_type);
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(contains(missing.body, "Kies een cijfer van 1 tot en met 10."));
  EXPECT_TRUE(contains(missing.body, "Te traag"));  // what was typed stays
  EXPECT_TRUE(contains(missing.body, "value=\"no\" required checked"));

  auto sent = anonymous.request(
      "POST", "/survey", form_body(token, "grade=6&helped=no&nps=8&effort=4&comment=Te+traag%21"), form_type);
  EXPECT_EQ(sent.status, 201) << sent.body;
  EXPECT_TRUE(contains(sent.body, "Bedankt"));
  auto twice = anonymous.request("POST", "/survey", form_body(token, "grade=6&helped=no"), form_type);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(anonymous.get("/survey?token=" + token).status, 409);
  EXPECT_EQ(anonymous.request("POST", "/survey", form_body(token, "grade=6")).status, 415);
}

TEST_F(SurveyApi, KpiReportShowsTheAnswersExactlyInEveryFormat) {
  auto a = open_ticket("A");
  auto b = open_ticket("B");
  auto c = open_ticket("C");
  auto d = open_ticket("D");  // solved, never answered
  for (auto id : {a, b, c, d}) solve(id);
  server.clock().advance(hours(2));  // answered at 11:00
  ASSERT_EQ(answer({{"token", issue(a)}, {"grade", 9}, {"helped", true}, {"nps", 10}, {"effort", 2}}).status,
            201);
  ASSERT_EQ(answer({{"token", issue(b)}, {"grade", 6}, {"helped", false}, {"nps", 8}, {"effort", 4}}).status,
            201);
  ASSERT_EQ(answer({{"token", issue(c)}, {"grade", 3}, {"helped", false}, {"nps", 2}}).status, 201);
  (void)issue(d);

  const std::string query =
      "/api/v1/reports/kpis?from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z&period=custom";
  auto report = admin->get(query);
  ASSERT_EQ(report.status, 200) << report.body;
  auto figures = body_of(report)["groups"][0]["figures"];
  EXPECT_EQ(figures["contacts_received"], 4);
  EXPECT_EQ(figures["csat"]["responses"], 3);
  EXPECT_DOUBLE_EQ(figures["csat"]["mean"].get<double>(), 6.0);  // (9 + 6 + 3) / 3
  EXPECT_EQ(figures["not_helped_share"]["responses"], 3);
  EXPECT_DOUBLE_EQ(figures["not_helped_share"]["value"].get<double>(), 2.0 / 3.0);
  EXPECT_EQ(figures["nps"]["responses"], 3);
  EXPECT_DOUBLE_EQ(figures["nps"]["value"].get<double>(), 0.0);  // 1 promoter, 1 passive, 1 detractor
  EXPECT_EQ(figures["customer_effort"]["responses"], 2);
  EXPECT_DOUBLE_EQ(figures["customer_effort"]["mean"].get<double>(), 3.0);
  EXPECT_TRUE(body_of(report)["definitions"].contains("customer_effort"));
  // The aggregates hear of each answer too (the survey service tells the KPI aggregator).
  auto aggregated = body_of(admin->get(query + "&source=aggregates"));
  ASSERT_EQ(aggregated["source"], "aggregates");
  auto same = aggregated["groups"][0]["figures"];
  for (const char* figure : {"csat", "not_helped_share", "nps", "customer_effort"}) {
    EXPECT_EQ(same[figure], figures[figure]) << figure;
  }

  // A report that ended before the answers came in does not count them.
  auto earlier = body_of(
      admin->get("/api/v1/reports/kpis?from=2026-11-01T00:00:00Z&to=2026-11-02T10:00:00Z&period=custom"));
  ASSERT_EQ(earlier["groups"].size(), 1u) << earlier.dump();
  EXPECT_EQ(earlier["groups"][0]["figures"]["contacts_received"], 4);
  EXPECT_EQ(earlier["groups"][0]["figures"]["csat"]["responses"], 0);

  auto csv = admin->get(query + "&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"kpis-all-2026-11-01.csv\"");
  EXPECT_TRUE(contains(csv.body, "csat.mean"));
  EXPECT_TRUE(contains(csv.body, "customer_effort.mean"));
  EXPECT_TRUE(contains(csv.body, "\r\n"));
  auto html = admin->get(query + "&format=html&lang=zh");
  ASSERT_EQ(html.status, 200) << html.body;
  EXPECT_EQ(html.header("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(contains(html.header("content-security-policy"), "default-src 'self'"));
  EXPECT_TRUE(contains(html.body, "<svg"));
  EXPECT_TRUE(contains(html.body, "KPI 报告"));
  EXPECT_FALSE(contains(html.body, "<script"));
  auto pdf = admin->get(query + "&format=pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  auto wrong = admin->get(query + "&format=xml");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(body_of(wrong)["field"], "format");
  EXPECT_EQ(body_of(admin->get(query + "&format=csv&lang=fr"))["field"], "lang");
}

// `servicepact report kpis` on the same database (the command opens it read-mostly, as it
// would next to a running server).
TEST_F(SurveyApi, ReportCliPrintsTableJsonAndCsvAndRefusesBadArguments) {
  auto team = body_of(admin->post("/api/v1/teams", R"({"name":"Eerste lijn"})"))["id"].get<std::int64_t>();
  auto id = open_ticket("A");
  ASSERT_EQ(agent->request("PATCH", path(id), json{{"team_id", team}}.dump()).status, 200);
  solve(id);
  server.clock().advance(hours(1));
  ASSERT_EQ(answer({{"token", issue(id)}, {"grade", 8}, {"helped", true}, {"nps", 9}, {"effort", 1}}).status,
            201);

  app::Config config;
  config.data_dir = server.dir().string();
  auto run = [&](app::ReportCliOptions options, std::string& out, std::string& err) {
    std::ostringstream out_stream, err_stream;
    int code = app::run_report_kpis(config, options, out_stream, err_stream);
    out = out_stream.str();
    err = err_stream.str();
    return code;
  };
  app::ReportCliOptions options;
  options.tenant = "acme";
  options.from = "2026-11-02";
  options.to = "2026-11-02";  // inclusive: the whole day
  options.group_by = "team";
  std::string out, err;
  ASSERT_EQ(run(options, out, err), 0) << err;
  EXPECT_TRUE(contains(out, "group")) << out;
  EXPECT_TRUE(contains(out, "Eerste lijn (#" + std::to_string(team) + ")")) << out;
  EXPECT_TRUE(contains(out, "CSAT")) << out;
  EXPECT_TRUE(contains(out, "8.0")) << out;
  EXPECT_TRUE(contains(out, "100")) << out;  // NPS of one promoter
  EXPECT_TRUE(contains(out, "inclusive (UTC)")) << out;

  options.format = "json";
  ASSERT_EQ(run(options, out, err), 0) << err;
  auto report = json::parse(out);
  EXPECT_EQ(report["from"], "2026-11-02T00:00:00Z");
  EXPECT_EQ(report["to"], "2026-11-03T00:00:00Z");
  EXPECT_EQ(report["dimension"], "team");
  EXPECT_DOUBLE_EQ(report["groups"][0]["figures"]["csat"]["mean"].get<double>(), 8.0);

  options.format = "csv";
  ASSERT_EQ(run(options, out, err), 0) << err;
  EXPECT_EQ(out.substr(0, 18), "key,period,start,e");

  auto refused = [&](app::ReportCliOptions bad, const std::string& says) {
    std::string bad_out, bad_err;
    EXPECT_EQ(run(bad, bad_out, bad_err), 2) << says;
    EXPECT_TRUE(contains(bad_err, says)) << bad_err;
  };
  auto bad = options;
  bad.format = "yaml";
  refused(bad, "--format");
  bad = options;
  bad.group_by = "planet";
  refused(bad, "--group-by");
  bad = options;
  bad.from = "2026-02-30";
  refused(bad, "--from");
  bad = options;
  bad.to = "2026-11-01";
  refused(bad, "before --from");
  bad = options;
  bad.tenant = "nobody";
  refused(bad, "unknown tenant");
  bad = options;
  bad.tenant.clear();
  refused(bad, "--tenant");

  app::Config nowhere;
  nowhere.data_dir = (server.dir() / "missing").string();
  std::ostringstream ignored_out, ignored_err;
  EXPECT_EQ(app::run_report_kpis(nowhere, options, ignored_out, ignored_err), 1);
}

// Issue 8, "link in the closing message and in the portal": solving sends the link once.
class SurveyInvitations : public SurveyApi {
 protected:
  SurveyInvitations() { server.enable_survey_invitations("https://support.acme.test"); }

  // The outbound system messages of a ticket that carry a survey link.
  std::vector<json> invitations(std::int64_t id) {
    std::vector<json> out;
    auto listed = body_of(agent->get(path(id) + "/messages"));
    for (const auto& message : listed["items"]) {
      if (message["kind"] == "outbound" && message["author"]["type"] == "system" &&
          contains(message["body"].get<std::string>(), "/survey?token=")) {
        out.push_back(message);
      }
    }
    return out;
  }
  static std::string token_in(const json& message) {
    std::string body = message["body"];
    auto start = body.find("token=") + 6;
    return body.substr(start, body.find('\n', start) - start);
  }
  // A customer with an address, signed in to the portal.
  std::pair<std::int64_t, HttpClient> portal_customer(const std::string& email, const std::string& language) {
    auto created = agent->post("/api/v1/customers",
                               json{{"name", "Klant"}, {"emails", {email}}, {"language", language}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    HttpClient client(server.port());
    auto link = client.post("/api/v1/portal/links", json{{"tenant", "acme"}, {"email", email}}.dump());
    std::string demo_link = body_of(link).value("demo_link", std::string());
    auto session = client.post("/api/v1/portal/session",
                               json{{"token", demo_link.substr(demo_link.find("token=") + 6)}}.dump());
    EXPECT_EQ(session.status, 200) << session.body;
    auto cookie = session.header("set-cookie");
    client.cookie = cookie.substr(0, cookie.find(';'));
    client.csrf = body_of(session)["csrf_token"];
    return {body_of(created)["id"].get<std::int64_t>(), std::move(client)};
  }
  std::int64_t open_for(std::int64_t requester, const std::string& subject) {
    auto created = agent->post(
        "/api/v1/tickets",
        json{{"subject", subject}, {"requester_id", requester}, {"channel", "email"}, {"body", "?"}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created)["id"].get<std::int64_t>();
  }
};

TEST_F(SurveyInvitations, SolvingSendsTheLinkOnceInTheCustomersLanguageAndThePortalShowsIt) {
  auto [li, portal] = portal_customer("li@example.cn", "zh");
  auto id = open_for(li, "网络断了");
  auto open_view = body_of(portal.get("/api/v1/portal/tickets/" + std::to_string(id)));
  EXPECT_TRUE(open_view["survey_url"].is_null());
  EXPECT_TRUE(invitations(id).empty());

  solve(id);
  auto sent = invitations(id);
  ASSERT_EQ(sent.size(), 1u);
  const std::string token = token_in(sent[0]);
  EXPECT_EQ(sent[0]["body"],
            "您的请求 T-" + std::to_string(id) +
                " 已解决。我们做得怎么样？请告诉我们：\nhttps://support.acme.test/survey?token=" + token);
  EXPECT_EQ(body_of(agent->get(path(id)))["status"], "solved");  // the message leaves it solved
  // The solving PATCH answered with the ticket after the closing message: its ETag still holds.
  auto reopen_id = open_for(li, "Nog een vraag");
  auto solved = agent->request("PATCH", path(reopen_id), R"({"status":"solved"})");
  ASSERT_EQ(solved.status, 200) << solved.body;
  EXPECT_EQ(invitations(reopen_id).size(), 1u);
  EXPECT_EQ(solved.header("etag"), agent->get(path(reopen_id)).header("etag"));
  auto next = agent->request("PATCH", path(reopen_id), R"({"priority":"high"})",
                             {{"If-Match", solved.header("etag")}});
  EXPECT_EQ(next.status, 200) << next.body;
  auto form = anonymous.get("/api/v1/surveys/form?token=" + token);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_EQ(body_of(form)["language"], "zh");
  server.clock().advance(minutes(1));
  auto agent_link = agent->post(path(id) + "/survey", "");
  EXPECT_EQ(agent_link.status, 200);  // the link the customer got, not a new one
  EXPECT_EQ(body_of(agent_link)["token"], token);

  auto view = body_of(portal.get("/api/v1/portal/tickets/" + std::to_string(id)));
  EXPECT_EQ(view["survey_url"], "https://support.acme.test/survey?token=" + token);
  bool shown = false;
  for (const auto& message : view["messages"]) {
    if (contains(message["body"].get<std::string>(), token)) shown = true;
  }
  EXPECT_TRUE(shown);

  // Reopened by the customer and solved again within 30 days: not asked twice.
  ASSERT_EQ(
      portal.post("/api/v1/portal/tickets/" + std::to_string(id) + "/messages", R"({"body":"Nog een vraag"})")
          .status,
      201);
  EXPECT_EQ(body_of(agent->get(path(id)))["status"], "open");
  server.clock().advance(hours(2));
  ASSERT_EQ(agent->request("PATCH", path(id), R"({"status":"solved"})").status, 200);
  EXPECT_EQ(invitations(id).size(), 1u);
  // Other updates of a solved ticket send nothing either.
  ASSERT_EQ(agent->request("PATCH", path(id), R"({"priority":"high"})").status, 200);
  EXPECT_EQ(invitations(id).size(), 1u);

  ASSERT_EQ(answer({{"token", token}, {"grade", 8}, {"helped", true}}).status, 201);
  auto answered = body_of(portal.get("/api/v1/portal/tickets/" + std::to_string(id)));
  EXPECT_TRUE(answered["survey_url"].is_null());
  ASSERT_EQ(agent->request("PATCH", path(id), R"({"status":"closed"})").status, 200);
  EXPECT_TRUE(body_of(portal.get("/api/v1/portal/tickets/" + std::to_string(id)))["survey_url"].is_null());
  EXPECT_EQ(invitations(id).size(), 1u);
}

TEST_F(SurveyInvitations, DutchAndEnglishTexts) {
  auto nl = open_ticket("Factuur");  // Jan speaks Dutch
  solve(nl);
  auto sent = invitations(nl);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["body"].get<std::string>().rfind(
                "Uw vraag T-" + std::to_string(nl) + " is opgelost. Hoe hebben we het gedaan?", 0),
            0u);
  auto [en_customer, portal] = portal_customer("kim@example.com", "en");
  (void)portal;
  auto en = open_for(en_customer, "Invoice");
  solve(en);
  sent = invitations(en);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["body"].get<std::string>().rfind(
                "Your request T-" + std::to_string(en) + " is solved. How did we do?", 0),
            0u);
}

TEST_F(SurveyInvitations, NeverForSpamOrMysteryShopperTickets) {
  auto [customer_id, portal] = portal_customer("piet@example.nl", "nl");
  for (const char* tag : {"spam", "mystery_shopper"}) {
    auto id = open_for(customer_id, std::string("Test ") + tag);
    ASSERT_EQ(agent->request("PATCH", path(id), json{{"tags", json::array({tag})}}.dump()).status, 200);
    solve(id);
    EXPECT_TRUE(invitations(id).empty()) << tag;
    EXPECT_TRUE(body_of(portal.get("/api/v1/portal/tickets/" + std::to_string(id)))["survey_url"].is_null())
        << tag;
  }
}

TEST_F(SurveyInvitations, AnExpiredUnansweredLinkIsRenewedOnTheNextSolve) {
  auto id = open_ticket("Vraag");
  solve(id);
  auto first = invitations(id);
  ASSERT_EQ(first.size(), 1u);
  server.clock().advance(hours(24 * 31));
  ASSERT_EQ(agent->request("PATCH", path(id), R"({"status":"open"})").status, 200);
  ASSERT_EQ(agent->request("PATCH", path(id), R"({"status":"solved"})").status, 200);
  auto both = invitations(id);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_NE(token_in(both[0]), token_in(both[1]));
  EXPECT_EQ(anonymous.get("/api/v1/surveys/form?token=" + token_in(both[1])).status, 200);
}

}  // namespace
}  // namespace sp::testing

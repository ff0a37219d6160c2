// The REST API through real HTTP on 127.0.0.1 and a real SQLite file.
#include <gtest/gtest.h>

#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::NewTicket;
using domain::Role;
using nlohmann::json;

// A tenant with a team, an agent, a customer; clients for its admin and a platform admin.
struct World {
  TestServer server;
  HttpClient platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
  std::int64_t tenant_id = 0, other_tenant_id = 0, team_id = 0, customer_id = 0, other_customer_id = 0;
  HttpClient tenant_admin{0}, agent{0}, qa{0}, other_admin{0};

  World() {
    tenant_id = body_of(platform.post(
        "/api/v1/tenants",
        R"({"slug":"acme","name":"Acme","timezone":"Europe/Amsterdam","default_language":"nl"})"))["id"];
    other_tenant_id = body_of(platform.post("/api/v1/tenants", R"({"slug":"globex","name":"Globex"})"))["id"];
    tenant_admin = server.agent_client(domain::TenantId{tenant_id}, Role::Admin, "admin@acme.test");
    agent = server.agent_client(domain::TenantId{tenant_id}, Role::Agent, "agent@acme.test");
    qa = server.agent_client(domain::TenantId{tenant_id}, Role::QaReviewer, "qa@acme.test");
    other_admin = server.agent_client(domain::TenantId{other_tenant_id}, Role::Admin, "admin@globex.test");
    team_id = body_of(tenant_admin.post("/api/v1/teams", R"({"name":"Billing"})"))["id"];
    customer_id = body_of(agent.post(
        "/api/v1/customers",
        R"({"name":"Jan Jansen","emails":["Jan@Example.NL"],"phones":["+31 6 1234 5678"],"language":"nl"})"))
        ["id"];
    other_customer_id = body_of(other_admin.post("/api/v1/customers", R"({"name":"Homer"})"))["id"];
  }

  json create_ticket(const std::string& subject = "Internet valt weg") {
    auto response = agent.post("/api/v1/tickets", json{{"subject", subject},
                                                       {"requester_id", customer_id},
                                                       {"team_id", team_id},
                                                       {"priority", "high"},
                                                       {"channel", "email"},
                                                       {"tags", {"VIP", "outage"}},
                                                       {"body", "Mijn internet valt steeds weg."}}
                                                      .dump());
    EXPECT_EQ(response.status, 201) << response.body;
    return body_of(response);
  }
};

TEST(Api, HealthReadinessMetricsAndOpenApiArePublic) {
  TestServer server;
  auto client = server.client();
  EXPECT_EQ(client.get("/healthz").status, 200);
  EXPECT_EQ(client.get("/readyz").status, 200);
  auto metrics = client.get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("servicepact_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.body.find("servicepact_db_commit_duration_seconds"), std::string::npos);
  auto openapi = client.get("/api/v1/openapi.json");
  EXPECT_EQ(openapi.status, 200);
  EXPECT_EQ(body_of(openapi)["openapi"], "3.1.0");
}

TEST(Api, EveryRouteIsDocumentedInOpenApi) {
  TestServer server;
  json document = json::parse(http::openapi_document());
  for (const auto& route : server.api().routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(document["paths"].contains(route.pattern)) << route.pattern << " is not documented";
    EXPECT_TRUE(document["paths"][route.pattern].contains(method))
        << route.method << " " << route.pattern << " is not documented";
  }
}

TEST(Api, LoginSetsHttpOnlyStrictCookieAndCsrfIsRequiredForChanges) {
  TestServer server;
  service::NewAgentInput input{std::nullopt, "Boss@Platform.test", "Boss", "correct horse battery",
                               Role::Admin};
  ASSERT_TRUE(server.service().bootstrap_agent(input).ok());
  auto client = server.client();
  auto wrong =
      client.post("/api/v1/auth/login", R"({"email":"boss@platform.test","password":"nope-nope-nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(body_of(wrong)["type"], "/problems/unauthenticated");
  auto unknown =
      client.post("/api/v1/auth/login", R"({"email":"nobody@platform.test","password":"nope-nope-nope"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(body_of(unknown)["detail"], body_of(wrong)["detail"]);

  auto login = client.post("/api/v1/auth/login",
                           R"({"email":"boss@platform.test","password":"correct horse battery"})");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string set_cookie = login.header("set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  HttpClient session(server.port());
  session.cookie = set_cookie.substr(0, set_cookie.find(';'));
  EXPECT_EQ(session.get("/api/v1/auth/me").status, 200);
  auto no_csrf = session.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme"})");
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(body_of(no_csrf)["type"], "/problems/csrf-token-invalid");
  session.csrf = body_of(login)["csrf_token"];
  EXPECT_EQ(session.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme"})").status, 201);
  EXPECT_EQ(session.post("/api/v1/auth/logout", "").status, 204);
  EXPECT_EQ(session.get("/api/v1/auth/me").status, 401);
}

TEST(Api, SessionExpiresAfterItsLifetime) {
  TestServer server;
  service::NewAgentInput input{std::nullopt, "boss@platform.test", "Boss", "correct horse battery",
                               Role::Admin};
  ASSERT_TRUE(server.service().bootstrap_agent(input).ok());
  auto login = server.service().login("boss@platform.test", "correct horse battery");
  ASSERT_TRUE(login.ok());
  HttpClient session(server.port());
  session.cookie = "sp_session=" + login->session_token;
  EXPECT_EQ(session.get("/api/v1/auth/me").status, 200);
  server.clock().advance(std::chrono::hours(13));
  EXPECT_EQ(session.get("/api/v1/auth/me").status, 401);
}

TEST(Api, TicketLifecycleRecordsEveryChangeInTheHistory) {
  World w;
  json ticket = w.create_ticket();
  std::int64_t id = ticket["id"];
  EXPECT_EQ(ticket["status"], "new");
  EXPECT_EQ(ticket["tags"], json({"outage", "vip"}));
  EXPECT_EQ(ticket["reference"], "T-" + std::to_string(id));
  std::string path = "/api/v1/tickets/" + std::to_string(id);

  auto reply = w.agent.post(path + "/messages", R"({"kind":"outbound","body":"We kijken ernaar."})");
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(body_of(reply)["ticket"]["status"], "open");  // first reply opens a new ticket

  auto fetched = w.agent.get(path);
  ASSERT_EQ(fetched.status, 200);
  std::string etag = fetched.header("etag");
  auto pending =
      w.agent.request("PATCH", path, R"({"status":"pending","priority":"urgent"})", {{"If-Match", etag}});
  ASSERT_EQ(pending.status, 200) << pending.body;
  EXPECT_EQ(body_of(pending)["status"], "pending");
  EXPECT_NE(pending.header("etag"), etag);

  auto stale = w.agent.request("PATCH", path, R"({"status":"solved"})", {{"If-Match", etag}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(body_of(stale)["type"], "/problems/version-mismatch");
  EXPECT_EQ(body_of(w.agent.get(path))["status"], "pending");  // nothing changed

  // The customer answers on a pending ticket: it reopens.
  auto customer_reply = w.agent.post(path + "/messages", R"({"kind":"inbound","body":"Nog steeds kapot."})");
  EXPECT_EQ(body_of(customer_reply)["ticket"]["status"], "open");

  auto solved = w.agent.request("PATCH", path, R"({"status":"solved"})");
  ASSERT_EQ(solved.status, 200);
  EXPECT_FALSE(body_of(solved)["solved_at"].is_null());
  auto closed = w.agent.request("PATCH", path, R"({"status":"closed"})");
  ASSERT_EQ(closed.status, 200);
  auto reopen = w.agent.request("PATCH", path, R"({"status":"open"})");
  EXPECT_EQ(reopen.status, 409);
  EXPECT_EQ(body_of(reopen)["type"], "/problems/ticket-closed");

  auto events = body_of(w.agent.get(path + "/events"))["items"];
  std::vector<std::string> types;
  for (const auto& e : events) types.push_back(e["type"]);
  EXPECT_EQ(types, (std::vector<std::string>{"created", "message_added", "message_added", "status_changed",
                                             "priority_changed", "status_changed", "message_added",
                                             "status_changed", "status_changed", "status_changed"}));
  auto messages = body_of(w.agent.get(path + "/messages"))["items"];
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0]["kind"], "inbound");
  EXPECT_EQ(messages[0]["author"]["type"], "customer");
  EXPECT_EQ(messages[1]["kind"], "outbound");
}

TEST(Api, ForbiddenTransitionIsAConflictAndChangesNothing) {
  World w;
  json ticket = w.create_ticket();
  std::string path = "/api/v1/tickets/" + std::to_string(ticket["id"].get<std::int64_t>());
  auto response = w.agent.request("PATCH", path, R"({"status":"closed","priority":"low"})");
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(body_of(response)["type"], "/problems/invalid-transition");
  auto after = body_of(w.agent.get(path));
  EXPECT_EQ(after["priority"], "high");
  EXPECT_EQ(after["version"], ticket["version"]);
}

TEST(Api, ListFiltersAndCursorPaginationVisitEveryTicketOnce) {
  World w;
  std::set<std::int64_t> created;
  for (int idx = 0; idx < 7; ++idx)
    created.insert(w.create_ticket("Ticket " + std::to_string(idx))["id"].get<std::int64_t>());
  std::set<std::int64_t> seen;
  std::string target = "/api/v1/tickets?limit=3&status=new";
  for (int page = 0; page < 10 && !target.empty(); ++page) {
    auto body = body_of(w.agent.get(target));
    for (const auto& t : body["items"]) EXPECT_TRUE(seen.insert(t["id"].get<std::int64_t>()).second);
    target = body["next_cursor"].is_null()
                 ? ""
                 : "/api/v1/tickets?limit=3&status=new&cursor=" + body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(seen, created);
  EXPECT_EQ(body_of(w.agent.get("/api/v1/tickets?status=solved"))["items"].size(), 0u);
  EXPECT_EQ(body_of(w.agent.get("/api/v1/tickets?team_id=" + std::to_string(w.team_id)))["items"].size(), 7u);
  EXPECT_EQ(body_of(w.agent.get("/api/v1/tickets?assignee_id=none"))["items"].size(), 7u);
  EXPECT_EQ(body_of(w.agent.get("/api/v1/tickets?updated_since=2100-01-01T00:00:00Z"))["items"].size(), 0u);
  EXPECT_EQ(body_of(w.agent.get("/api/v1/tickets?updated_since=2000-01-01T00:00:00Z"))["items"].size(), 7u);
}

TEST(Api, TenantsCannotSeeOrTouchEachOther) {
  World w;
  json ticket = w.create_ticket();
  std::string path = "/api/v1/tickets/" + std::to_string(ticket["id"].get<std::int64_t>());
  for (const auto& target :
       {path, path + "/messages", path + "/events", "/api/v1/customers/" + std::to_string(w.customer_id),
        "/api/v1/teams/" + std::to_string(w.team_id), "/api/v1/tenants/" + std::to_string(w.tenant_id)}) {
    auto response = w.other_admin.get(target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(body_of(response)["type"], "/problems/not-found");
  }
  EXPECT_EQ(w.other_admin.request("PATCH", path, R"({"priority":"low"})").status, 404);
  EXPECT_EQ(w.other_admin.post(path + "/messages", R"({"body":"hi"})").status, 404);
  EXPECT_EQ(body_of(w.other_admin.get("/api/v1/tickets"))["items"].size(), 0u);
  EXPECT_EQ(
      body_of(w.other_admin.get("/api/v1/tickets?tenant_id=" + std::to_string(w.tenant_id)))["items"].size(),
      0u);
  // Another tenant's customer cannot be the requester of our ticket.
  auto cross =
      w.agent.post("/api/v1/tickets", json{{"subject", "x"}, {"requester_id", w.other_customer_id}}.dump());
  EXPECT_EQ(cross.status, 422);
  EXPECT_EQ(body_of(cross)["field"], "requester_id");
  EXPECT_EQ(body_of(w.agent.get(path))["priority"], "high");
  // The platform administrator sees both tenants.
  EXPECT_EQ(body_of(w.platform.get("/api/v1/tenants"))["items"].size(), 2u);
  EXPECT_EQ(body_of(w.tenant_admin.get("/api/v1/tenants"))["items"].size(), 1u);
}

TEST(Api, RolesAreEnforcedPerRoute) {
  World w;
  auto agent_creates_agent =
      w.agent.post("/api/v1/agents", R"({"email":"x@acme.test","name":"X","password":"long enough pw"})");
  EXPECT_EQ(agent_creates_agent.status, 403);
  EXPECT_EQ(body_of(agent_creates_agent)["type"], "/problems/forbidden");
  EXPECT_EQ(w.tenant_admin.post("/api/v1/tenants", R"({"slug":"mine","name":"Mine"})").status, 403);
  EXPECT_EQ(w.tenant_admin
                .post("/api/v1/agents", R"({"email":"x@acme.test","name":"X","password":"long enough pw"})")
                .status,
            201);
  json ticket = w.create_ticket();
  std::string path = "/api/v1/tickets/" + std::to_string(ticket["id"].get<std::int64_t>());
  EXPECT_EQ(w.qa.request("PATCH", path, R"({"priority":"low"})").status, 403);
  EXPECT_EQ(w.qa.post(path + "/messages", R"({"kind":"outbound","body":"hi"})").status, 403);
  EXPECT_EQ(w.qa.post(path + "/messages", R"({"kind":"note","body":"review: tone ok"})").status, 201);
  EXPECT_EQ(w.qa.get(path).status, 200);
}

TEST(Api, BadInputGetsProblemDetailsWithStableTypes) {
  World w;
  auto malformed = w.agent.post("/api/v1/tickets", R"({"subject": "x",)");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.header("content-type"), "application/problem+json");
  EXPECT_EQ(body_of(malformed)["type"], "/problems/invalid-json");
  EXPECT_NE(body_of(malformed)["detail"].get<std::string>().find("byte"), std::string::npos);

  std::string deep(10000, '[');
  auto nested = w.agent.post("/api/v1/tickets", deep);
  EXPECT_EQ(nested.status, 400);
  EXPECT_EQ(body_of(nested)["type"], "/problems/invalid-json");

  auto wrong_type = w.agent.post("/api/v1/tickets", R"({"subject": 42, "requester_id": 1})");
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_EQ(body_of(wrong_type)["type"], "/problems/wrong-type");
  EXPECT_EQ(body_of(wrong_type)["field"], "subject");

  auto unknown_member = w.agent.post(
      "/api/v1/tickets", json{{"subject", "x"}, {"requester_id", w.customer_id}, {"priorty", "high"}}.dump());
  EXPECT_EQ(unknown_member.status, 422);
  EXPECT_EQ(body_of(unknown_member)["type"], "/problems/unknown-field");

  auto bad_enum =
      w.agent.post("/api/v1/tickets",
                   json{{"subject", "x"}, {"requester_id", w.customer_id}, {"priority", "panic"}}.dump());
  EXPECT_EQ(bad_enum.status, 422);
  EXPECT_EQ(body_of(bad_enum)["field"], "priority");

  auto unknown_requester = w.agent.post("/api/v1/tickets", R"({"subject": "x", "requester_id": 999999})");
  EXPECT_EQ(unknown_requester.status, 422);

  auto not_json = w.agent.request("POST", "/api/v1/tickets", "subject=x",
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(not_json.status, 415);

  EXPECT_EQ(w.agent.get("/api/v1/tickets/999999").status, 404);
  EXPECT_EQ(w.agent.get("/api/v1/tickets/abc").status, 404);
  EXPECT_EQ(w.agent.get("/api/v1/nothing-here").status, 404);
  auto wrong_method = w.agent.request("DELETE", "/api/v1/tickets");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_NE(wrong_method.header("allow").find("GET"), std::string::npos);

  auto sql = w.agent.get("/api/v1/tickets?status=open'%20OR%201=1--");
  EXPECT_EQ(sql.status, 422);
  auto sql_cursor = w.agent.get("/api/v1/tickets?cursor=1%3BDROP%20TABLE%20tickets");
  EXPECT_EQ(sql_cursor.status, 422);
  auto sql_email = w.agent.get("/api/v1/customers?email=x%27%20OR%20%271%27=%271@example.org");
  EXPECT_EQ(sql_email.status, 422);
  EXPECT_EQ(w.agent.get("/api/v1/tickets?limit=100000").status, 422);
  EXPECT_EQ(w.agent.get("/api/v1/tickets?updated_since=yesterday").status, 422);

  HttpClient anonymous = w.server.client();
  auto unauthenticated = anonymous.get("/api/v1/tickets");
  EXPECT_EQ(unauthenticated.status, 401);
  EXPECT_EQ(body_of(unauthenticated)["type"], "/problems/unauthenticated");
  HttpClient forged = w.server.client();
  forged.bearer = "spt_forged";
  EXPECT_EQ(forged.get("/api/v1/tickets").status, 401);

  // After all of that, the store holds nothing it should not.
  EXPECT_EQ(body_of(w.agent.get("/api/v1/tickets"))["items"].size(), 0u);
}

TEST(Api, OversizedBodiesAndHeadersAreRefused) {
  World w;
  std::string huge =
      json{{"subject", "x"}, {"requester_id", w.customer_id}, {"body", std::string(2 * 1024 * 1024, 'a')}}
          .dump();
  auto response = w.agent.post("/api/v1/tickets", huge);
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(body_of(response)["type"], "/problems/payload-too-large");
  auto big_message = w.agent.post(
      "/api/v1/tickets",
      json{{"subject", "x"}, {"requester_id", w.customer_id}, {"body", std::string(300 * 1024, 'a')}}.dump());
  EXPECT_EQ(big_message.status, 422);
  EXPECT_EQ(body_of(big_message)["field"], "body");
  auto headers = w.agent.request("GET", "/api/v1/tickets", "", {{"X-Padding", std::string(64 * 1024, 'p')}});
  EXPECT_EQ(headers.status, 431);
  auto garbage = parse_reply(send_raw(w.server.port(), "NOT HTTP AT ALL\r\n\r\n"));
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(body_of(w.agent.get("/api/v1/tickets"))["items"].size(), 0u);
}

TEST(Api, DuplicatesAreConflicts) {
  World w;
  auto again = w.platform.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme again"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(body_of(again)["type"], "/problems/duplicate");
  auto same_email = w.agent.post("/api/v1/customers", R"({"name":"Other Jan","emails":["jan@example.nl"]})");
  EXPECT_EQ(same_email.status, 409);
  auto bad_slug = w.platform.post("/api/v1/tenants", R"({"slug":"Bad Slug!","name":"x"})");
  EXPECT_EQ(bad_slug.status, 422);
  EXPECT_EQ(body_of(bad_slug)["field"], "slug");
}

TEST(Api, StaffingCalculatorAnswersAndExplainsBadRequests) {
  World w;
  auto answer = w.agent.post(
      "/api/v1/staffing/erlang",
      R"({"model":"erlang_c","arrival_rate_per_hour":360,"aht_seconds":240,"target_seconds":20,"target_service_level":0.8,"shrinkage":0.3})");
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto body = body_of(answer);
  EXPECT_GT(body["agents_required"].get<int>(), 24);  // more than the 24 Erlangs offered
  EXPECT_GE(body["service_level"].get<double>(), 0.8);
  EXPECT_GT(body["scheduled_agents"].get<int>(), body["agents_required"].get<int>());
  auto unstable = w.agent.post(
      "/api/v1/staffing/erlang",
      R"({"model":"erlang_c","arrival_rate_per_hour":360,"aht_seconds":240,"agents":20,"target_seconds":20})");
  EXPECT_EQ(unstable.status, 422);
  EXPECT_EQ(body_of(unstable)["type"], "/problems/unstable-queue");
  auto typo = w.agent.post("/api/v1/staffing/erlang", R"({"model":"erlang_c","arival_rate_per_hour":1})");
  EXPECT_EQ(typo.status, 422);
  EXPECT_EQ(body_of(typo)["type"], "/problems/invalid-request");
}

TEST(Api, StaffingPlanIsForecastFromTheTenantsOwnHistory) {
  World w;
  // Four weeks of history: 3 phone tickets every weekday hour 09-17 UTC.
  Timestamp monday = *parse_rfc3339("2026-10-26T00:00:00Z");
  std::vector<storage::ImportedTicket> history;
  for (int day = 0; day < 28; ++day) {
    if (day % 7 >= 5) continue;
    for (int hour = 9; hour < 17; ++hour) {
      for (int k = 0; k < 3; ++k) {
        NewTicket input;
        input.subject = "call";
        input.channel = domain::Channel::Phone;
        input.requester_id = domain::CustomerId{w.customer_id};
        auto at = monday + std::chrono::days(day) + std::chrono::hours(hour) + std::chrono::minutes(k * 15);
        auto draft =
            domain::draft_ticket(*domain::validate_new_ticket(input), domain::TenantId{w.tenant_id}, {}, at);
        history.push_back({draft.ticket, {}, draft.events});
      }
    }
  }
  ASSERT_TRUE(w.server.store().import_tickets(history).ok());
  json request = {{"interval_minutes", 60},
                  {"history_weeks", 4},
                  {"horizon_start", "2026-11-23T00:00:00Z"},
                  {"horizon_intervals", 24},
                  {"channels",
                   {{{"channel", "phone"},
                     {"aht_seconds", 600},
                     {"service_level", 0.8},
                     {"target_seconds", 20},
                     {"shrinkage", 0.25},
                     {"hourly_cost", 30}}}}};
  auto response = w.tenant_admin.post("/api/v1/staffing/plan", request.dump());
  ASSERT_EQ(response.status, 200) << response.body;
  auto plan = body_of(response);
  ASSERT_EQ(plan["intervals"].size(), 24u);
  EXPECT_NEAR(plan["intervals"][10]["contacts"].get<double>(), 3.0, 0.5);  // 10:00, a weekday
  EXPECT_EQ(plan["intervals"][3]["agents_required"], 0);                   // 03:00: nobody calls
  EXPECT_GT(plan["intervals"][10]["agents_required"].get<int>(), 0);
  EXPECT_GT(plan["total_cost"].get<double>(), 0.0);
  EXPECT_EQ(plan["channels"][0]["channel"], "phone");
  // Agents may not plan staff; a typo is named.
  EXPECT_EQ(w.agent.post("/api/v1/staffing/plan", request.dump()).status, 403);
  request["channels"][0]["servce_level"] = 0.8;
  auto typo = w.tenant_admin.post("/api/v1/staffing/plan", request.dump());
  EXPECT_EQ(typo.status, 422);
  EXPECT_EQ(body_of(typo)["field"], "channels[0].servce_level");
}

TEST(Api, ContractFeasibilityNamesTheIntervalsThatDoNotFit) {
  World w;
  json request = {
      {"name", "Webshop Xmas"},
      {"start", "2026-12-01T08:00:00Z"},
      {"interval_minutes", 60},
      {"channels",
       {{{"channel", "phone"},
         {"contacts", {10, 120, 10}},
         {"aht_seconds", 300},
         {"service_level", 0.8},
         {"target_seconds", 20}}}},
      {"staff",
       {{"scheduled_agents", {10, 10, 10}}, {"existing_required_agents", {2, 2, 2}}, {"shrinkage", 0.0}}}};
  auto response = w.tenant_admin.post("/api/v1/staffing/feasibility", request.dump());
  ASSERT_EQ(response.status, 200) << response.body;
  auto report = body_of(response);
  EXPECT_FALSE(report["feasible"].get<bool>());
  ASSERT_EQ(report["shortfalls"].size(), 1u);
  EXPECT_EQ(report["shortfalls"][0]["start"], "2026-12-01T09:00:00Z");
  EXPECT_GT(report["peak_extra_people"].get<int>(), 0);
  request["staff"]["scheduled_agents"] = {20, 20, 20};
  EXPECT_TRUE(
      body_of(w.tenant_admin.post("/api/v1/staffing/feasibility", request.dump()))["feasible"].get<bool>());
  request["staff"]["scheduled_agents"] = {20, 20};
  auto mismatch = w.tenant_admin.post("/api/v1/staffing/feasibility", request.dump());
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_EQ(body_of(mismatch)["field"], "staff.scheduled_agents");
  EXPECT_EQ(w.agent.post("/api/v1/staffing/feasibility", request.dump()).status, 403);
}

TEST(Api, KpiReportCountsTicketsAndExplainsEveryFigure) {
  World w;
  // Two tickets on the fake clock's day: one answered after 10 minutes and solved, one open.
  auto first = w.create_ticket("Router");
  std::string path = "/api/v1/tickets/" + std::to_string(first["id"].get<std::int64_t>());
  w.server.clock().advance(std::chrono::minutes(10));
  ASSERT_EQ(w.agent.post(path + "/messages", R"({"body":"Fixed remotely."})").status, 201);
  ASSERT_EQ(w.agent.request("PATCH", path, R"({"status":"solved"})").status, 200);
  w.create_ticket("Invoice");
  auto spam = w.agent.post(
      "/api/v1/tickets",
      json{{"subject", "Win a prize"}, {"requester_id", w.customer_id}, {"tags", {"spam"}}}.dump());
  ASSERT_EQ(spam.status, 201);
  std::string range = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";
  auto response = w.tenant_admin.get("/api/v1/reports/kpis?period=month&" + range);
  ASSERT_EQ(response.status, 200) << response.body;
  auto report = body_of(response);
  ASSERT_TRUE(report.contains("definitions"));
  ASSERT_FALSE(report["groups"].empty()) << response.body;
  auto figures = report["groups"][0]["figures"];
  EXPECT_EQ(figures["contacts_received"], 2) << figures.dump();  // the spam ticket never counts
  EXPECT_EQ(figures["contacts_handled"], 1);
  for (const auto& [key, value] : figures.items()) {
    EXPECT_TRUE(report["definitions"].contains(key)) << key << " has no definition";
  }
  EXPECT_EQ(w.agent.get("/api/v1/reports/kpis?" + range).status, 403);
  EXPECT_EQ(w.tenant_admin.get("/api/v1/reports/kpis?period=fortnight&" + range).status, 422);
  EXPECT_EQ(
      w.tenant_admin.get("/api/v1/reports/kpis?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z").status,
      422);
}

// The daily aggregates answer what the exact report answers for the same tickets, read their
// own writes (a change just made is in the next report), and refuse what they cannot answer.
TEST(Api, KpiReportFromAggregatesAgreesWithTheExactReport) {
  World w;
  std::vector<std::string> paths;
  for (int i = 0; i < 6; ++i) {
    auto ticket = w.create_ticket("Storing " + std::to_string(i));
    paths.push_back("/api/v1/tickets/" + std::to_string(ticket["id"].get<std::int64_t>()));
  }
  w.server.clock().advance(std::chrono::minutes(7));
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(w.agent.post(paths[i] + "/messages", R"({"body":"We are on it."})").status, 201);
    w.server.clock().advance(std::chrono::minutes(3 * (i + 1)));
  }
  ASSERT_EQ(w.agent.request("PATCH", paths[0], R"({"status":"solved"})").status, 200);
  ASSERT_EQ(w.agent.request("PATCH", paths[1], R"({"status":"solved"})").status, 200);
  w.server.clock().advance(std::chrono::hours(2));
  ASSERT_EQ(w.agent.request("PATCH", paths[1], R"({"status":"open"})").status, 200);  // reopened
  ASSERT_EQ(w.agent
                .post("/api/v1/tickets",
                      json{{"subject", "Prize"}, {"requester_id", w.customer_id}, {"tags", {"spam"}}}.dump())
                .status,
            201);

  // November in Amsterdam: aggregates cover whole local days.
  const std::string range = "from=2026-10-31T23:00:00Z&to=2026-11-30T23:00:00Z";
  for (const std::string dimension : {"all", "channel", "agent"}) {
    auto exact = body_of(w.tenant_admin.get(
        "/api/v1/reports/kpis?period=month&source=exact&dimension=" + dimension + "&" + range));
    auto fast = body_of(w.tenant_admin.get(
        "/api/v1/reports/kpis?period=month&source=aggregates&dimension=" + dimension + "&" + range));
    EXPECT_EQ(exact["source"], "exact");
    EXPECT_EQ(fast["source"], "aggregates");
    EXPECT_FALSE(fast["source_definition"].get<std::string>().empty());
    EXPECT_EQ(fast["excluded"], exact["excluded"]);
    ASSERT_EQ(fast["groups"].size(), exact["groups"].size()) << fast.dump();
    ASSERT_FALSE(exact["groups"].empty());
    for (std::size_t g = 0; g < exact["groups"].size(); ++g) {
      const auto& e = exact["groups"][g];
      const auto& a = fast["groups"][g];
      EXPECT_EQ(a["key"], e["key"]);
      for (const char* figure : {"contacts_received", "contacts_handled", "resolution_rate",
                                 "first_contact_resolution", "reopen_rate"}) {
        EXPECT_EQ(a["figures"][figure], e["figures"][figure]) << dimension << " " << figure;
      }
      EXPECT_EQ(a["figures"]["backlog"]["count"], e["figures"]["backlog"]["count"]) << dimension;
      EXPECT_EQ(a["figures"]["backlog"]["age_mean_seconds"], e["figures"]["backlog"]["age_mean_seconds"]);
      EXPECT_EQ(a["figures"]["first_response_time"]["count"], e["figures"]["first_response_time"]["count"]);
      EXPECT_DOUBLE_EQ(a["figures"]["first_response_time"]["mean"].get<double>(),
                       e["figures"]["first_response_time"]["mean"].get<double>());
    }
  }
  auto before = body_of(w.tenant_admin.get("/api/v1/reports/kpis?period=month&source=aggregates&" + range));
  EXPECT_EQ(before["groups"][0]["figures"]["contacts_received"], 6);
  EXPECT_EQ(before["groups"][0]["figures"]["contacts_handled"], 4);
  ASSERT_EQ(w.agent.post(paths[5] + "/messages", R"({"body":"Done."})").status, 201);
  auto after = body_of(w.tenant_admin.get("/api/v1/reports/kpis?period=month&source=aggregates&" + range));
  EXPECT_EQ(after["groups"][0]["figures"]["contacts_handled"], 5);

  auto unaligned = w.tenant_admin.get(
      "/api/v1/reports/kpis?source=aggregates&from=2026-11-01T10:00:00Z&to=2026-12-01T00:00:00Z");
  EXPECT_EQ(unaligned.status, 422);
  EXPECT_EQ(body_of(unaligned)["field"], "from");
  auto bogus = w.tenant_admin.get("/api/v1/reports/kpis?source=guess&" + range);
  EXPECT_EQ(bogus.status, 422);
  EXPECT_EQ(body_of(bogus)["field"], "source");
  // Another tenant's aggregates hold none of these tickets.
  auto other = body_of(w.other_admin.get("/api/v1/reports/kpis?source=aggregates&" + range));
  EXPECT_TRUE(other["groups"].empty()) << other.dump();
}

TEST(Api, ConcurrentUpdatesWithIfMatchLetExactlyOneWin) {
  World w;
  json ticket = w.create_ticket();
  std::string path = "/api/v1/tickets/" + std::to_string(ticket["id"].get<std::int64_t>());
  std::string etag = w.agent.get(path).header("etag");
  std::atomic<int> ok{0}, precondition_failed{0};
  std::vector<std::thread> threads;
  for (int idx = 0; idx < 8; ++idx) {
    threads.emplace_back([&, idx] {
      auto response = w.agent.request("PATCH", path, json{{"subject", "Edit " + std::to_string(idx)}}.dump(),
                                      {{"If-Match", etag}});
      if (response.status == 200) ++ok;
      if (response.status == 412) ++precondition_failed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(precondition_failed.load(), 7);
}

}  // namespace
}  // namespace sp::testing

// Triggers and automations through the real HTTP API on the real SQLite (issue 17): a rule on
// create sets the priority of one channel's tickets (also for the web form), the run is in the
// ticket's history as automation_applied by the system, a pair of rules that would undo each
// other stops, an on_time rule fires exactly once per status period (also after a restart on
// the same data folder), who may manage rules, strict validation and the dry run.
#include <gtest/gtest.h>

#include "jobs/automation_job.hpp"
#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

const Timestamp kStart = *parse_rfc3339("2026-11-27T09:00:00Z");

struct World {
  TestServer& server;
  HttpClient platform;
  std::int64_t tenant = 0;
  std::unique_ptr<HttpClient> admin, supervisor, agent;
  std::int64_t customer = 0;

  explicit World(TestServer& s, std::int64_t existing_tenant = 0)
      : server(s),
        platform(server.agent_client(std::nullopt, Role::Admin,
                                     existing_tenant == 0 ? "root@p.test" : "root2@p.test")) {
    const bool fresh = existing_tenant == 0;
    if (fresh) {
      auto created =
          platform.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme","default_language":"en"})");
      EXPECT_EQ(created.status, 201) << created.body;
      tenant = body_of(created)["id"].get<std::int64_t>();
    } else {
      tenant = existing_tenant;
    }
    const std::string suffix = fresh ? "" : "2";
    admin = client(Role::Admin, "admin" + suffix + "@acme.test");
    supervisor = client(Role::Supervisor, "lead" + suffix + "@acme.test");
    agent = client(Role::Agent, "piet" + suffix + "@acme.test");
    if (fresh) {
      auto made =
          agent->post("/api/v1/customers", R"({"name":"Anna","emails":["anna@example.nl"],"language":"nl"})");
      EXPECT_EQ(made.status, 201) << made.body;
      customer = body_of(made)["id"].get<std::int64_t>();
    }
  }
  std::unique_ptr<HttpClient> client(Role role, const std::string& email) {
    return std::make_unique<HttpClient>(server.agent_client(domain::TenantId{tenant}, role, email));
  }
  std::int64_t create_rule(const json& document) {
    auto created = admin->post("/api/v1/automations", document.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created).value("id", std::int64_t{0});
  }
  json open_ticket(const std::string& channel, const std::string& subject = "Help") {
    auto created = agent->post("/api/v1/tickets", json{{"subject", subject},
                                                       {"requester_id", customer},
                                                       {"channel", channel},
                                                       {"body", "Het werkt niet."}}
                                                      .dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created);
  }
  std::vector<json> runs(std::int64_t ticket) {
    std::vector<json> out;
    // Held in a variable: a range-for over a member of a temporary dangles (g++ 12).
    const json events = body_of(admin->get("/api/v1/tickets/" + std::to_string(ticket) + "/events"));
    for (const auto& event : events["items"]) {
      if (event["type"] == "automation_applied") out.push_back(event);
    }
    return out;
  }
};

json phone_urgent_rule() {
  return json::parse(R"({"name":"Phone is urgent","event":"on_create",
    "conditions":{"all":[{"field":"channel","op":"is","value":"phone"}]},
    "actions":[{"type":"set_priority","value":"urgent"},{"type":"add_tags","value":["callback"]}]})");
}

TEST(AutomationApi, RuleOnCreateSetsPriorityForAChannelAndIsInTheHistory) {
  TestServer server(std::nullopt, kStart);
  World w(server);
  auto rule_id = w.create_rule(phone_urgent_rule());

  auto phone = w.open_ticket("phone");
  EXPECT_EQ(phone["priority"], "urgent");  // the create answers with the ticket as the rule left it
  EXPECT_EQ(phone["tags"], json::array({"callback"}));
  auto email = w.open_ticket("email");
  EXPECT_EQ(email["priority"], "normal");

  auto runs = w.runs(phone["id"].get<std::int64_t>());
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0]["actor"]["type"], "system");
  auto detail = json::parse(runs[0]["to"].get<std::string>());
  EXPECT_EQ(detail["rule_id"], rule_id);
  EXPECT_EQ(detail["name"], "Phone is urgent");
  EXPECT_EQ(detail["event"], "on_create");
  EXPECT_EQ(detail["changes"]["priority"], "urgent");
  EXPECT_TRUE(w.runs(email["id"].get<std::int64_t>()).empty());
  // The field change itself is by the system too.
  bool system_priority = false;
  const json events =
      body_of(w.admin->get("/api/v1/tickets/" + std::to_string(phone["id"].get<std::int64_t>()) + "/events"));
  for (const auto& event : events["items"]) {
    if (event["type"] == "priority_changed") system_priority = event["actor"]["type"] == "system";
  }
  EXPECT_TRUE(system_priority);
}

TEST(AutomationApi, WebFormTicketsGoThroughTheRulesToo) {
  TestServer server(std::nullopt, kStart);
  World w(server);
  w.create_rule(json::parse(R"({"name":"Web to billing","event":"on_create",
    "conditions":{"all":[{"field":"channel","op":"is","value":"web"}]},
    "actions":[{"type":"set_category","value":"billing"},{"type":"add_note","value":"Routed by rule"}]})"));
  HttpClient visitor(server.port());
  auto token = body_of(visitor.get("/api/v1/forms/token?tenant=acme"))["token"].get<std::string>();
  server.clock().advance(std::chrono::seconds(30));
  auto created = visitor.post("/api/v1/forms/submit", json{{"tenant", "acme"},
                                                           {"name", "Jan"},
                                                           {"email", "jan@example.nl"},
                                                           {"subject", "Factuur"},
                                                           {"body", "Mijn factuur klopt niet."},
                                                           {"website", ""},
                                                           {"token", token}}
                                                          .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = body_of(created)["ticket_id"].get<std::int64_t>();
  auto ticket = body_of(w.admin->get("/api/v1/tickets/" + std::to_string(id)));
  EXPECT_EQ(ticket["category"], "billing");
  auto messages = body_of(w.admin->get("/api/v1/tickets/" + std::to_string(id) + "/messages"))["items"];
  ASSERT_EQ(messages.size(), 2u) << messages.dump();
  EXPECT_EQ(messages[1]["kind"], "note");
  EXPECT_EQ(messages[1]["body"], "Routed by rule");
  EXPECT_EQ(w.runs(id).size(), 1u);
}

TEST(AutomationApi, RulesThatUndoEachOtherStopAfterOneRunEach) {
  TestServer server(std::nullopt, kStart);
  World w(server);
  w.create_rule(json::parse(R"({"name":"Up","event":"on_update",
    "conditions":{"all":[{"field":"priority","op":"is","value":"low"}]},
    "actions":[{"type":"set_priority","value":"high"}]})"));
  w.create_rule(json::parse(R"({"name":"Down","event":"on_update","position":1,
    "conditions":{"all":[{"field":"priority","op":"is","value":"high"}]},
    "actions":[{"type":"set_priority","value":"low"}]})"));
  auto ticket = w.open_ticket("email");
  auto id = ticket["id"].get<std::int64_t>();
  auto patched = w.agent->request("PATCH", "/api/v1/tickets/" + std::to_string(id), R"({"priority":"low"})",
                                  {{"If-Match", "\"" + std::to_string(ticket["version"].get<int>()) + "\""}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(body_of(patched)["priority"], "low");  // up, then down, then nothing more
  auto runs = w.runs(id);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(json::parse(runs[0]["to"].get<std::string>())["name"], "Up");
  EXPECT_EQ(json::parse(runs[1]["to"].get<std::string>())["name"], "Down");
  // The answer's version is the ticket's now: the next If-Match holds.
  auto again =
      w.agent->request("PATCH", "/api/v1/tickets/" + std::to_string(id), R"({"subject":"Still broken"})",
                       {{"If-Match", "\"" + std::to_string(body_of(patched)["version"].get<int>()) + "\""}});
  EXPECT_EQ(again.status, 200) << again.body;
}

// Fired rule runs of one job pass (the pass must succeed).
int fired_by(jobs::AutomationJob& job) {
  auto ran = job.run_once();
  EXPECT_TRUE(ran.ok()) << (ran ? "" : ran.error().message);
  return ran ? ran->fired : -1;
}

TEST(AutomationApi, OnTimeRuleFiresOncePerPendingPeriodAlsoAfterARestart) {
  TempDir kept("servicepact-automations");  // outlives both servers
  const auto dir = kept.path();
  std::int64_t id = 0, tenant = 0;
  Timestamp now = kStart;
  {
    TestServer server(dir, kStart);
    World w(server);
    tenant = w.tenant;
    w.create_rule(json::parse(R"({"name":"Remind pending","event":"on_time",
      "conditions":{"all":[{"field":"status","op":"is","value":"pending"},
                           {"field":"hours_in_status","op":"gte","value":48}]},
      "actions":[{"type":"add_note","value":"Customer reminded"},{"type":"add_tags","value":["reminded"]}]})"));
    auto ticket = w.open_ticket("email");
    id = ticket["id"].get<std::int64_t>();
    auto pending =
        w.agent->request("PATCH", "/api/v1/tickets/" + std::to_string(id), R"({"status":"pending"})");
    ASSERT_EQ(pending.status, 200) << pending.body;
    auto& job = server.application().automation_job();
    server.clock().advance(std::chrono::hours(47));
    EXPECT_EQ(fired_by(job), 0);
    server.clock().advance(std::chrono::hours(2));
    EXPECT_EQ(fired_by(job), 1);
    EXPECT_EQ(fired_by(job), 0);  // once per period
    EXPECT_EQ(w.runs(id).size(), 1u);
    auto shown = body_of(w.admin->get("/api/v1/tickets/" + std::to_string(id)));
    EXPECT_EQ(shown["tags"], json::array({"reminded"}));
    EXPECT_EQ(shown["status"], "pending");
    now = server.clock().now();
  }
  {
    TestServer server(dir, now + std::chrono::hours(1));
    World w(server, tenant);
    auto& job = server.application().automation_job();
    EXPECT_EQ(fired_by(job), 0);  // recorded durably: the restart fires nothing
    EXPECT_EQ(w.runs(id).size(), 1u);
    // A new pending period qualifies again after its own 48 hours.
    auto path = "/api/v1/tickets/" + std::to_string(id);
    ASSERT_EQ(w.agent->request("PATCH", path, R"({"status":"open"})").status, 200);
    ASSERT_EQ(w.agent->request("PATCH", path, R"({"status":"pending"})").status, 200);
    server.clock().advance(std::chrono::hours(24));
    EXPECT_EQ(fired_by(job), 0);
    server.clock().advance(std::chrono::hours(25));
    EXPECT_EQ(fired_by(job), 1);
    EXPECT_EQ(w.runs(id).size(), 2u);
  }
}

TEST(AutomationApi, AdminsAndSupervisorsManageAgentsOnlyList) {
  TestServer server(std::nullopt, kStart);
  World w(server);
  auto by_supervisor = w.supervisor->post("/api/v1/automations", phone_urgent_rule().dump());
  ASSERT_EQ(by_supervisor.status, 201) << by_supervisor.body;
  auto id = std::to_string(body_of(by_supervisor)["id"].get<std::int64_t>());
  EXPECT_EQ(w.agent->post("/api/v1/automations", phone_urgent_rule().dump()).status, 403);
  EXPECT_EQ(w.agent->request("PUT", "/api/v1/automations/" + id, phone_urgent_rule().dump()).status, 403);
  EXPECT_EQ(w.agent->request("DELETE", "/api/v1/automations/" + id).status, 403);
  EXPECT_EQ(w.agent->post("/api/v1/automations/" + id + "/dry-run", "").status, 403);
  auto listed = w.agent->get("/api/v1/automations");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(body_of(listed)["items"].size(), 1u);
  EXPECT_EQ(w.agent->get("/api/v1/automations/" + id).status, 200);
  // Another tenant's admin does not see it.
  auto other = body_of(w.platform.post("/api/v1/tenants", R"({"slug":"other","name":"Other"})"))["id"];
  HttpClient stranger =
      server.agent_client(domain::TenantId{other.get<std::int64_t>()}, Role::Admin, "x@other.test");
  EXPECT_EQ(stranger.get("/api/v1/automations/" + id).status, 404);
  EXPECT_EQ(body_of(stranger.get("/api/v1/automations"))["items"].size(), 0u);
  // Disable, then delete.
  json disabled = phone_urgent_rule();
  disabled["active"] = false;
  auto put = w.admin->request("PUT", "/api/v1/automations/" + id, disabled.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(body_of(put)["active"], false);
  EXPECT_EQ(w.open_ticket("phone")["priority"], "normal");
  EXPECT_EQ(w.admin->request("DELETE", "/api/v1/automations/" + id).status, 204);
  EXPECT_EQ(w.admin->get("/api/v1/automations/" + id).status, 404);
}

TEST(AutomationApi, BadRulesAre422ProblemsNamingTheField) {
  TestServer server(std::nullopt, kStart);
  World w(server);
  auto expect_problem = [&](const std::string& body, int status, const std::string& type,
                            const std::string& field) {
    auto answer = w.admin->post("/api/v1/automations", body);
    EXPECT_EQ(answer.status, status) << body << " -> " << answer.body;
    EXPECT_EQ(answer.header("content-type"), "application/problem+json");
    auto problem = body_of(answer);
    EXPECT_EQ(problem["type"], type) << answer.body;
    if (!field.empty()) {
      EXPECT_EQ(problem["field"], field) << answer.body;
    }
  };
  expect_problem("{not json", 400, "/problems/invalid-json", "");
  expect_problem(R"({"name":"x","event":"on_create","actions":[{"type":"webhook"}],"colour":"red"})", 422,
                 "/problems/unknown-field", "colour");
  expect_problem(R"({"name":"x","event":"on_create","actions":[{"type":"apply_macro","value":999}]})", 422,
                 "/problems/unknown-macro", "actions[0].value");
  expect_problem(R"({"name":"x","event":"sometimes","actions":[{"type":"webhook"}]})", 422,
                 "/problems/invalid-field", "event");
  expect_problem(R"({"name":"x","event":"on_create","actions":[]})", 422, "/problems/invalid-field",
                 "actions");
  json many = json::parse(R"({"name":"x","event":"on_create","actions":[{"type":"webhook"}]})");
  for (int k = 0; k < 21; ++k) {
    many["conditions"]["all"].push_back({{"field", "channel"}, {"op", "is"}, {"value", "web"}});
  }
  expect_problem(many.dump(), 422, "/problems/invalid-field", "conditions");
  json too_many_actions = json::parse(R"({"name":"x","event":"on_create"})");
  for (int k = 0; k < 11; ++k) too_many_actions["actions"].push_back({{"type", "webhook"}});
  expect_problem(too_many_actions.dump(), 422, "/problems/invalid-field", "actions");
  expect_problem(R"({"name":"x","event":"on_create","actions":[{"type":"set_team","value":12345}]})", 422,
                 "/problems/invalid-field", "actions[0].value");
  EXPECT_EQ(body_of(w.admin->get("/api/v1/automations"))["items"].size(), 0u);
}

TEST(AutomationApi, DryRunListsTheOpenTicketsTheRuleMatchesNow) {
  TestServer server(std::nullopt, kStart);
  World w(server);
  auto first = w.open_ticket("phone", "one");
  w.open_ticket("email", "two");
  auto third = w.open_ticket("phone", "three");
  auto id = w.create_rule(phone_urgent_rule());  // made after the tickets: nothing changed them
  auto answer = w.admin->post("/api/v1/automations/" + std::to_string(id) + "/dry-run?limit=5", "");
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto result = body_of(answer);
  EXPECT_EQ(result["examined"], 3);
  ASSERT_EQ(result["items"].size(), 2u);
  EXPECT_EQ(result["items"][0]["id"], third["id"]);
  EXPECT_EQ(result["items"][1]["id"], first["id"]);
  EXPECT_EQ(
      body_of(w.admin->get("/api/v1/tickets/" + std::to_string(first["id"].get<std::int64_t>())))["priority"],
      "normal");
  EXPECT_EQ(w.admin->post("/api/v1/automations/" + std::to_string(id) + "/dry-run?limit=500", "").status,
            422);
}

TEST(AutomationApi, ApplyMacroRepliesInTheCustomersLanguageAndNotifyReachesTheAgent) {
  TestServer server(std::nullopt, kStart);
  World w(server);
  auto macro = w.admin->post("/api/v1/macros", R"({"name":"Welcome","scope":"tenant",
    "texts":{"nl":"Hallo {{customer.name}}, we helpen je snel.","en":"Hello {{customer.name}}."},
    "changes":{"tags_add":["welcomed"]}})");
  ASSERT_EQ(macro.status, 201) << macro.body;
  const auto agent_id = body_of(w.agent->get("/api/v1/auth/me"))["agent"]["id"].get<std::int64_t>();
  w.create_rule(
      json{{"name", "Welcome chat"},
           {"event", "on_create"},
           {"conditions", {{"all", {{{"field", "channel"}, {"op", "is"}, {"value", "chat"}}}}}},
           {"actions",
            {{{"type", "apply_macro"}, {"value", body_of(macro)["id"]}},
             {{"type", "notify"}, {"to", "agent"}, {"agent_id", agent_id}, {"value", "New chat ticket"}}}}});
  auto ticket = w.open_ticket("chat");
  const auto id = ticket["id"].get<std::int64_t>();
  EXPECT_EQ(ticket["tags"], json::array({"welcomed"}));
  const json messages = body_of(w.admin->get("/api/v1/tickets/" + std::to_string(id) + "/messages"));
  ASSERT_EQ(messages["items"].size(), 2u) << messages.dump();
  EXPECT_EQ(messages["items"][1]["kind"], "outbound");
  EXPECT_EQ(messages["items"][1]["body"], "Hallo Anna, we helpen je snel.");  // the customer speaks Dutch
  const json notes = body_of(w.agent->get("/api/v1/notifications"));
  bool notified = false;
  for (const auto& note : notes["items"]) {
    notified = notified || (note["kind"] == "automation" && note["message"] == "New chat ticket");
  }
  EXPECT_TRUE(notified) << notes.dump();
  // A personal macro cannot be named by a rule.
  auto personal =
      w.admin->post("/api/v1/macros", R"({"name":"Mine","scope":"personal","texts":{"en":"Hi"}})");
  ASSERT_EQ(personal.status, 201) << personal.body;
  auto refused =
      w.admin->post("/api/v1/automations",
                    json{{"name", "x"},
                         {"event", "on_create"},
                         {"actions", {{{"type", "apply_macro"}, {"value", body_of(personal)["id"]}}}}}
                        .dump());
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(body_of(refused)["type"], "/problems/unknown-macro");
}

}  // namespace
}  // namespace sp::testing

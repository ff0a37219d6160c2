// Macros and bulk actions through the real HTTP API on the real SQLite (issue 17): CRUD, who
// sees and changes which macro, unknown placeholders refused on save, the preview (text in the
// customer's language with every placeholder filled, the patch, nothing changed), and bulk
// changes applied per ticket with a foreign tenant's ticket in the list.
#include <gtest/gtest.h>

#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

json weekdays(const char* open, const char* close) {
  json day = json::array({json::array({open, close})});
  return {{"mon", day}, {"tue", day}, {"wed", day}, {"thu", day}, {"fri", day}};
}

// 2026-11-27 10:00 Amsterdam (09:00Z), a Friday.
const Timestamp kFriday10 = *parse_rfc3339("2026-11-27T09:00:00Z");

class MacroApi : public ::testing::Test {
 protected:
  MacroApi()
      : server(std::nullopt, kFriday10),
        platform(server.agent_client(std::nullopt, Role::Admin, "root@p.test")) {
    tenant = create_tenant("acme");
    admin = client(Role::Admin, "admin@acme.test");
    supervisor = client(Role::Supervisor, "lead@acme.test");
    team_a = body_of(admin->post("/api/v1/teams", R"({"name":"Billing"})"))["id"].get<std::int64_t>();
    team_b = body_of(admin->post("/api/v1/teams", R"({"name":"Tech"})"))["id"].get<std::int64_t>();
    agent = client(Role::Agent, "piet@acme.test", team_a);
    colleague = client(Role::Agent, "joke@acme.test", team_a);
    outsider = client(Role::Agent, "tech@acme.test", team_b);
    auto calendar = admin->post(
        "/api/v1/calendars",
        json{{"name", "Office"},
             {"calendar", {{"timezone", "Europe/Amsterdam"}, {"weekly", weekdays("09:00", "17:00")}}}}
            .dump());
    EXPECT_EQ(calendar.status, 201) << calendar.body;
    auto policy = admin->post("/api/v1/sla/policies", json{{"name", "Standard"},
                                                           {"calendar_id", body_of(calendar)["id"]},
                                                           {"targets", {{"first_response_minutes", 60}}}}
                                                          .dump());
    EXPECT_EQ(policy.status, 201) << policy.body;
    ticket = open_ticket(*agent, "Anna de Vries", "nl", "Factuur klopt niet");
  }

  std::int64_t create_tenant(const std::string& slug) {
    return body_of(platform.post(
        "/api/v1/tenants",
        json{{"slug", slug}, {"name", slug}, {"timezone", "Europe/Amsterdam"}, {"default_language", "en"}}
            .dump()))["id"]
        .get<std::int64_t>();
  }
  std::unique_ptr<HttpClient> client(Role role, const std::string& email, std::int64_t team = 0,
                                     std::int64_t in_tenant = 0) {
    return std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{in_tenant ? in_tenant : tenant}, role, email,
                            team ? std::optional<domain::TeamId>(domain::TeamId{team}) : std::nullopt));
  }
  static std::int64_t open_ticket(HttpClient& as, const std::string& name, const std::string& language,
                                  const std::string& subject) {
    auto customer = as.post("/api/v1/customers", json{{"name", name}, {"language", language}}.dump());
    EXPECT_EQ(customer.status, 201) << customer.body;
    auto created = as.post("/api/v1/tickets", json{{"subject", subject},
                                                   {"requester_id", body_of(customer)["id"]},
                                                   {"channel", "email"},
                                                   {"body", "De factuur is te hoog."}}
                                                  .dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created)["id"].get<std::int64_t>();
  }
  static std::int64_t create_macro(HttpClient& as, const json& document) {
    auto created = as.post("/api/v1/macros", document.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created).value("id", std::int64_t{0});
  }
  static std::vector<std::string> names_seen(HttpClient& as) {
    std::vector<std::string> names;
    const json listed = body_of(as.get("/api/v1/macros"));
    for (const auto& item : listed["items"]) names.push_back(item["name"]);
    return names;
  }
  static json refund_macro() {
    return {{"name", "Refund"},
            {"scope", "tenant"},
            {"texts",
             {{"nl",
               "Beste {{customer.name}}, over {{ticket.reference}} ({{ticket.subject}}): u hoort van ons "
               "vóór {{ sla.due_at }}. Groet, {{agent.name}}"},
              {"en", "Dear {{customer.name}}, about {{ticket.reference}}: we answer by {{sla.due_at}}."}}},
            {"changes", {{"status", "pending"}, {"tags_add", {"refund"}}, {"priority", "high"}}}};
  }
  std::string ticket_path(std::int64_t id) const { return "/api/v1/tickets/" + std::to_string(id); }

  TestServer server;
  HttpClient platform;
  std::unique_ptr<HttpClient> admin, supervisor, agent, colleague, outsider;
  std::int64_t tenant = 0, team_a = 0, team_b = 0, ticket = 0;
};

TEST_F(MacroApi, ASupervisorCreatesReadsRenamesAndDeletesATenantMacro) {
  auto id = create_macro(*supervisor, refund_macro());
  auto path = "/api/v1/macros/" + std::to_string(id);
  auto read = agent->get(path);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(body_of(read)["changes"]["tags_add"], json::array({"refund"}));
  EXPECT_EQ(body_of(read)["scope"], "tenant");
  auto renamed = supervisor->request("PATCH", path, R"({"name":"Refund granted"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(body_of(renamed)["texts"]["en"], refund_macro()["texts"]["en"]);
  EXPECT_EQ(names_seen(*agent), std::vector<std::string>{"Refund granted"});
  EXPECT_EQ(supervisor->request("DELETE", path).status, 204);
  EXPECT_EQ(agent->get(path).status, 404);
}

TEST_F(MacroApi, AnUnknownPlaceholderIsRefusedNamingIt) {
  json document = refund_macro();
  document["texts"]["en"] = "Dear {{customer.first_name}}";
  auto refused = supervisor->post("/api/v1/macros", document.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.header("content-type").find("application/problem+json"), std::string::npos);
  EXPECT_EQ(body_of(refused)["type"], "/problems/unknown-placeholder");
  EXPECT_EQ(body_of(refused)["placeholder"], "customer.first_name");
  EXPECT_EQ(body_of(refused)["field"], "texts.en");
  auto id = create_macro(*supervisor, refund_macro());
  auto patched = supervisor->request("PATCH", "/api/v1/macros/" + std::to_string(id),
                                     R"({"texts":{"zh":"{{ticket.status}}"}})");
  EXPECT_EQ(body_of(patched)["type"], "/problems/unknown-placeholder");
}

TEST_F(MacroApi, PersonalMacrosAreTheOwnersAndTeamMacrosTheTeams) {
  EXPECT_EQ(agent->post("/api/v1/macros", refund_macro().dump()).status, 403);  // tenant: supervisors
  json mine = {{"name", "Mine"}, {"scope", "personal"}, {"texts", {{"en", "Hi"}}}};
  auto personal = create_macro(*agent, mine);
  json team = {{"name", "Billing team"}, {"scope", "team"}, {"team_id", team_a}, {"texts", {{"en", "Hi"}}}};
  auto shared = create_macro(*agent, team);
  team["team_id"] = team_a;
  EXPECT_EQ(outsider->post("/api/v1/macros", team.dump()).status, 403);

  EXPECT_EQ(names_seen(*agent), (std::vector<std::string>{"Billing team", "Mine"}));
  EXPECT_EQ(names_seen(*colleague), std::vector<std::string>{"Billing team"});
  EXPECT_EQ(names_seen(*supervisor), std::vector<std::string>{"Billing team"});
  EXPECT_TRUE(names_seen(*outsider).empty());
  EXPECT_EQ(colleague->get("/api/v1/macros/" + std::to_string(personal)).status, 404);
  EXPECT_EQ(outsider->get("/api/v1/macros/" + std::to_string(shared)).status, 404);
  EXPECT_EQ(colleague->request("DELETE", "/api/v1/macros/" + std::to_string(personal)).status, 404);
  auto renamed =
      colleague->request("PATCH", "/api/v1/macros/" + std::to_string(shared), R"({"name":"Billing"})");
  EXPECT_EQ(renamed.status, 200) << renamed.body;
  // Making a team macro tenant-wide is a supervisor's change.
  auto widened =
      colleague->request("PATCH", "/api/v1/macros/" + std::to_string(shared), R"({"scope":"tenant"})");
  EXPECT_EQ(widened.status, 403) << widened.body;

  auto other_tenant = create_tenant("globex");
  auto foreign_admin = client(Role::Admin, "admin@globex.test", 0, other_tenant);
  EXPECT_EQ(foreign_admin->get("/api/v1/macros/" + std::to_string(shared)).status, 404);
  EXPECT_TRUE(names_seen(*foreign_admin).empty());
  json foreign_team = team;
  foreign_team["scope"] = "team";
  EXPECT_EQ(foreign_admin->post("/api/v1/macros", foreign_team.dump()).status, 422);  // not their team
}

TEST_F(MacroApi, APreviewRendersTheCustomersLanguageAndChangesNothing) {
  auto id = create_macro(*supervisor, refund_macro());
  auto before = body_of(agent->get(ticket_path(ticket)));
  auto preview = agent->post(ticket_path(ticket) + "/macros/" + std::to_string(id) + "/preview", "");
  ASSERT_EQ(preview.status, 200) << preview.body;
  auto answer = body_of(preview);
  EXPECT_EQ(answer["language"], "nl");
  EXPECT_EQ(answer["text"],
            "Beste Anna de Vries, over T-" + std::to_string(ticket) +
                " (Factuur klopt niet): u hoort van ons vóór vrijdag 27 november 2026 om 11:00 "
                "(Europe/Amsterdam). Groet, Test piet@acme.test");
  EXPECT_EQ(answer["patch"], (json{{"status", "pending"}, {"priority", "high"}, {"tags", {"refund"}}}));
  EXPECT_EQ(answer["ticket_version"], before["version"]);
  EXPECT_EQ(body_of(agent->get(ticket_path(ticket))), before);

  // A customer writing Chinese gets the tenant's default (en) when the macro has no zh text.
  auto chinese = open_ticket(*agent, "Li Wei", "zh", "发票");
  auto fallback =
      body_of(agent->post(ticket_path(chinese) + "/macros/" + std::to_string(id) + "/preview", ""));
  EXPECT_EQ(fallback["language"], "en");
  EXPECT_EQ(fallback["text"], "Dear Li Wei, about T-" + std::to_string(chinese) +
                                  ": we answer by Friday 27 November 2026 at 11:00 (Europe/Amsterdam).");

  auto personal =
      create_macro(*colleague, {{"name", "Mine"}, {"scope", "personal"}, {"texts", {{"en", "x"}}}});
  EXPECT_EQ(agent->post(ticket_path(ticket) + "/macros/" + std::to_string(personal) + "/preview", "").status,
            404);
}

TEST_F(MacroApi, ABulkChangeAppliesPerTicketAndSkipsAnotherTenantsTicket) {
  auto second = open_ticket(*agent, "Bob", "en", "Invoice wrong");
  auto other_tenant = create_tenant("globex");
  auto foreign_agent = client(Role::Agent, "agent@globex.test", 0, other_tenant);
  auto foreign = open_ticket(*foreign_agent, "Eve", "en", "Not yours");
  auto foreign_before = body_of(foreign_agent->get(ticket_path(foreign)));

  auto bulk =
      agent->post("/api/v1/tickets/bulk",
                  json{{"ticket_ids", {ticket, foreign, second, 999999}},
                       {"changes", {{"priority", "urgent"}, {"tags_add", {"bulk"}}, {"team_id", team_a}}}}
                      .dump());
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  auto items = body_of(bulk)["items"];
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["ticket_id"], ticket);
  EXPECT_TRUE(items[0]["ok"].get<bool>());
  EXPECT_EQ(items[0]["ticket"]["priority"], "urgent");
  EXPECT_FALSE(items[1]["ok"].get<bool>());
  EXPECT_EQ(items[1]["problem"]["type"], "/problems/not-found");
  EXPECT_TRUE(items[2]["ok"].get<bool>());
  EXPECT_EQ(items[2]["ticket"]["tags"], json::array({"bulk"}));
  EXPECT_EQ(items[2]["ticket"]["team_id"], team_a);
  EXPECT_FALSE(items[3]["ok"].get<bool>());
  EXPECT_EQ(body_of(foreign_agent->get(ticket_path(foreign))), foreign_before);

  // The change went through the ticket's history like a PATCH.
  bool priority_event = false;
  const json events = body_of(agent->get(ticket_path(second) + "/events"));
  for (const auto& event : events["items"])
    priority_event |= event.dump().find("urgent") != std::string::npos;
  EXPECT_TRUE(priority_event) << events.dump();

  // A removal on a ticket that has the tag, and an unknown member and an oversized list refused.
  auto removed =
      body_of(agent->post("/api/v1/tickets/bulk",
                          json{{"ticket_ids", {second}}, {"changes", {{"tags_remove", {"bulk"}}}}}.dump()));
  EXPECT_EQ(removed["items"][0]["ticket"]["tags"], json::array());
  EXPECT_EQ(agent
                ->post("/api/v1/tickets/bulk",
                       json{{"ticket_ids", {second}}, {"changes", {{"category", "x"}}}}.dump())
                .status,
            422);
  json many = json::array();
  for (int idx = 1; idx <= 101; ++idx) many.push_back(idx);
  auto refused = agent->post("/api/v1/tickets/bulk",
                             json{{"ticket_ids", many}, {"changes", {{"priority", "low"}}}}.dump());
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(body_of(refused)["field"], "ticket_ids");
}

}  // namespace
}  // namespace sp::testing

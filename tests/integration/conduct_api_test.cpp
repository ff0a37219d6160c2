// The conduct check through the real HTTP API on the real SQLite (issue 18): a blocking finding
// stops a reply with a problem+json naming it; a warned finding is stored with the reply and
// returned; the draft check resolves promises against the ticket's calendar and knows the
// customer's own contact data; settings are validated and only supervisors and admins change them.
#include <gtest/gtest.h>

#include "office_world.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

// 2026-11-27 10:00 Amsterdam (09:00Z), a Friday.
const Timestamp kFriday10 = *parse_rfc3339("2026-11-27T09:00:00Z");

class ConductApi : public ::testing::Test {
 protected:
  ConductApi() : server(std::nullopt, kFriday10) {
    OfficeDesk desk(server, {.first_response_minutes = 60, .language = "en"});
    admin = std::move(desk.admin);
    agent = std::move(desk.agent);
    tenant = desk.tenant;
    customer = desk.customer;
    ticket = desk.ticket;
  }

  std::string path() const { return "/api/v1/tickets/" + std::to_string(ticket); }
  ClientResponse reply(const std::string& body, const std::string& kind = "outbound") {
    return agent->post(path() + "/messages", json{{"kind", kind}, {"body", body}}.dump());
  }
  std::size_t message_count() { return body_of(agent->get(path() + "/messages"))["items"].size(); }
  static std::vector<std::string> kinds_of(const json& findings) {
    std::vector<std::string> out;
    for (const auto& finding : findings) out.push_back(finding["kind"].get<std::string>());
    return out;
  }
  static bool has(const std::vector<std::string>& kinds, const std::string& kind) {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
  }

  TestServer server;
  std::unique_ptr<HttpClient> admin, agent;
  std::int64_t tenant = 0, customer = 0, ticket = 0;
};

TEST_F(ConductApi, ABlockingFindingStopsAReplyWithAProblemNamingIt) {
  auto put = admin->request("PUT", "/api/v1/conduct/settings", R"({"actions":{"offensive":"block"}})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(body_of(put)["actions"]["offensive"], "block");
  EXPECT_EQ(body_of(put)["actions"]["slang"], "warn");
  const auto before = message_count();

  auto stopped = reply("Dear Anna,\n\nDon't be an idiot, restart the modem.\n\nKind regards,\nPiet");
  ASSERT_EQ(stopped.status, 422) << stopped.body;
  EXPECT_NE(stopped.header("content-type").find("application/problem+json"), std::string::npos);
  auto problem = body_of(stopped);
  EXPECT_EQ(problem["type"], "/problems/conduct-blocked");
  EXPECT_NE(problem["detail"].get<std::string>().find("idiot"), std::string::npos);
  ASSERT_EQ(problem["findings"].size(), 1u);
  EXPECT_EQ(problem["findings"][0]["kind"], "offensive");
  EXPECT_EQ(problem["findings"][0]["matched"], "idiot");
  EXPECT_EQ(problem["findings"][0]["start"], 24);  // code points
  EXPECT_EQ(problem["findings"][0]["end"], 29);
  EXPECT_EQ(message_count(), before);  // not stored

  // An internal note is not a reply to the customer: never checked, never stopped.
  EXPECT_EQ(reply("The customer is an idiot.", "note").status, 201);
}

TEST_F(ConductApi, AWarnedFindingIsStoredWithTheReplyAndReturned) {
  auto sent = reply("Dear Anna,\n\nWe will get back to you. Cheers mate!\n\nKind regards,\nPiet");
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto answer = body_of(sent);
  auto kinds = kinds_of(answer["conduct_findings"]);
  EXPECT_TRUE(has(kinds, "slang")) << answer.dump();
  EXPECT_TRUE(has(kinds, "promise")) << answer.dump();
  for (const auto& finding : answer["conduct_findings"]) EXPECT_FALSE(finding.contains("matched"));

  auto stored = agent->get(path() + "/conduct-findings");
  ASSERT_EQ(stored.status, 200) << stored.body;
  auto items = body_of(stored)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["message_id"], answer["id"]);
  EXPECT_EQ(kinds_of(items[0]["findings"]), kinds);

  // A clean reply is stored with no findings.
  auto clean = reply("Dear Anna,\n\nYour connection works again.\n\nKind regards,\nPiet");
  ASSERT_EQ(clean.status, 201) << clean.body;
  EXPECT_TRUE(body_of(clean)["conduct_findings"].empty());
  EXPECT_EQ(body_of(agent->get(path() + "/conduct-findings"))["items"].size(), 2u);
}

TEST_F(ConductApi, DraftCheckUsesTheTicketsCalendarAndCustomer) {
  auto checked =
      agent->post("/api/v1/conduct/check",
                  json{{"text",
                        "Dear Anna,\n\nWe will call you back tomorrow. I also wrote to anna@example.nl "
                        "and bob@example.com.\n\nKind regards,\nPiet"},
                       {"language", "en"},
                       {"ticket_id", ticket}}
                      .dump());
  ASSERT_EQ(checked.status, 200) << checked.body;
  auto findings = body_of(checked)["findings"];
  json promise, unkeepable, personal = json::array();
  for (const auto& finding : findings) {
    if (finding["kind"] == "promise") promise = finding;
    if (finding["kind"] == "unkeepable_promise") unkeepable = finding;
    if (finding["kind"] == "others_personal_data") personal.push_back(finding);
  }
  ASSERT_TRUE(promise.is_object()) << findings.dump();
  EXPECT_EQ(promise["due_at"], "2026-11-28T23:00:00Z");  // end of Saturday in Amsterdam
  ASSERT_TRUE(unkeepable.is_object()) << findings.dump();
  EXPECT_EQ(unkeepable["rule"], "closed-day");
  ASSERT_EQ(personal.size(), 1u);  // the customer's own address is hers to see
  EXPECT_EQ(personal[0]["matched"], "bob@example.com");

  // Without a ticket, the tenant's default calendar applies.
  auto draft =
      agent->post("/api/v1/conduct/check", R"({"text":"We will call you back tomorrow.","language":"en"})");
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_TRUE(has(kinds_of(body_of(draft)["findings"]), "unkeepable_promise")) << draft.body;
}

TEST_F(ConductApi, DraftCheckRefusesBadInputWithStableProblems) {
  auto no_text = agent->post("/api/v1/conduct/check", R"({"language":"en"})");
  EXPECT_EQ(no_text.status, 422);
  EXPECT_EQ(body_of(no_text)["field"], "text");
  auto language = agent->post("/api/v1/conduct/check", R"({"text":"hi","language":"fr"})");
  EXPECT_EQ(language.status, 422);
  EXPECT_EQ(body_of(language)["field"], "language");
  auto unknown = agent->post("/api/v1/conduct/check", R"({"text":"hi","tone":"warm"})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(body_of(unknown)["type"], "/problems/unknown-field");
  auto long_text = agent->post("/api/v1/conduct/check", json{{"text", std::string(70 * 1024, 'a')}}.dump());
  EXPECT_EQ(long_text.status, 422);
  EXPECT_EQ(body_of(long_text)["field"], "text");
  auto huge = agent->post("/api/v1/conduct/check", json{{"text", std::string(200 * 1024, 'a')}}.dump());
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(agent->post("/api/v1/conduct/check", R"({"text":"hi","ticket_id":999999})").status, 404);
}

TEST_F(ConductApi, SettingsAreValidatedAndChangedOnlyBySupervisorsAndAdmins) {
  auto defaults = agent->get("/api/v1/conduct/settings");
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_TRUE(body_of(defaults)["glossary"].empty());
  EXPECT_EQ(body_of(defaults)["actions"]["offensive"], "warn");

  EXPECT_EQ(agent->request("PUT", "/api/v1/conduct/settings", R"({"glossary":["VDSL"]})").status, 403);
  auto bad_kind = admin->request("PUT", "/api/v1/conduct/settings",
                                 R"({"additions":[{"language":"en","kind":"jargon","phrase":"x"}]})");
  EXPECT_EQ(bad_kind.status, 422);
  EXPECT_EQ(body_of(bad_kind)["field"], "additions[0].kind");
  auto bad_action = admin->request("PUT", "/api/v1/conduct/settings", R"({"actions":{"slang":"shout"}})");
  EXPECT_EQ(bad_action.status, 422);
  EXPECT_EQ(body_of(bad_action)["field"], "actions.slang");

  auto put = admin->request("PUT", "/api/v1/conduct/settings",
                            R"({"additions":[{"language":"en","kind":"offensive","phrase":"nitwit"}],
                                "glossary":["VDSL"]})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(body_of(agent->get("/api/v1/conduct/settings"))["glossary"], json::array({"VDSL"}));
  auto checked = agent->post("/api/v1/conduct/check",
                             R"({"text":"Dear Anna, you nitwits need VDSL. Kind regards","language":"en"})");
  ASSERT_EQ(checked.status, 200) << checked.body;
  auto kinds = kinds_of(body_of(checked)["findings"]);
  EXPECT_TRUE(has(kinds, "offensive")) << checked.body;
  EXPECT_TRUE(has(kinds, "jargon")) << checked.body;
}

}  // namespace
}  // namespace sp::testing

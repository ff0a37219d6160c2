// Commitments through the real HTTP API on the real SQLite (issue 18): kept by a reply or a
// logged call, broken at the due time exactly once (also after a restart), the reminder once,
// a call back makes a commitment, due times checked against the calendar, tenant isolation.
#include <gtest/gtest.h>

#include "charter/charter.hpp"
#include "charter/charter_json.hpp"
#include "jobs/commitment_job.hpp"
#include "office_world.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

// 2026-11-27 10:00 Amsterdam (09:00Z), a Friday; the office is open 09:00-17:00 on weekdays.
const Timestamp kFriday10 = *parse_rfc3339("2026-11-27T09:00:00Z");

struct World {
  // `lifetime` > 0: the database of an earlier World (a restart), people added anew.
  explicit World(std::optional<std::filesystem::path> dir = std::nullopt, Timestamp start = kFriday10,
                 int lifetime = 0)
      : server(dir, start) {
    if (lifetime > 0) {
      admin = std::make_unique<HttpClient>(server.agent_client(
          domain::TenantId{1}, Role::Admin, "admin" + std::to_string(lifetime) + "@acme.test"));
      agent = std::make_unique<HttpClient>(server.agent_client(
          domain::TenantId{1}, Role::Agent, "agent" + std::to_string(lifetime) + "@acme.test"));
      return;
    }
    OfficeDesk desk(server);
    admin = std::move(desk.admin);
    agent = std::move(desk.agent);
    tenant = desk.tenant;
    ticket = desk.ticket;
  }

  std::string path(std::int64_t id = 0) const {
    return "/api/v1/tickets/" + std::to_string(id ? id : ticket);
  }
  ClientResponse commit(const std::string& due_at, std::int64_t id = 0) {
    return agent->post(path(id) + "/commitments",
                       json{{"what", "call the customer about the outage"}, {"due_at", due_at}}.dump());
  }
  service::CommitmentRunSummary run() {
    auto ran = server.application().commitment_job().run_once();
    EXPECT_TRUE(ran.ok()) << ran.error().message;
    return ran.ok() ? *ran : service::CommitmentRunSummary{};
  }
  int events_of(std::int64_t id, const std::string& type) {
    int count = 0;
    const json events = body_of(admin->get(path(id) + "/events"));  // kept alive for the loop
    for (const auto& event : events["items"]) {
      if (event["type"] == type) ++count;
    }
    return count;
  }
  int notifications_of(HttpClient& who, const std::string& kind) {
    int count = 0;
    const json notifications = body_of(who.get("/api/v1/notifications"));
    for (const auto& n : notifications["items"]) {
      if (n["kind"] == kind) ++count;
    }
    return count;
  }
  json commitments(std::int64_t id = 0) { return body_of(agent->get(path(id) + "/commitments"))["items"]; }

  TestServer server;
  std::unique_ptr<HttpClient> admin, agent;
  std::int64_t tenant = 1, ticket = 0;
};

TEST(CommitmentApi, AReplyBeforeTheDueTimeKeepsTheCommitment) {
  World w;
  auto made = w.commit("2026-11-27T13:00:00Z");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(body_of(made)["state"], "open");
  w.server.clock().advance(std::chrono::hours(1));
  auto reply =
      w.agent->post(w.path() + "/messages", R"({"kind":"outbound","body":"Hello Anna, we fixed it."})");
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto list = w.commitments();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["state"], "kept");
  EXPECT_EQ(list[0]["kept_at"], "2026-11-27T10:00:00Z");
  w.server.clock().advance(std::chrono::hours(5));
  EXPECT_EQ(w.run().broken, 0);
  EXPECT_EQ(w.events_of(w.ticket, "commitment_broken"), 0);
}

TEST(CommitmentApi, AnUnkeptCommitmentIsBrokenAtItsDueTimeExactlyOnce) {
  World w;
  ASSERT_EQ(w.commit("2026-11-27T11:00:00Z").status, 201);
  w.server.clock().advance(std::chrono::hours(1));  // 10:00Z: not due yet
  EXPECT_EQ(w.run().broken, 0);
  EXPECT_EQ(w.commitments()[0]["state"], "open");
  w.server.clock().advance(std::chrono::hours(1) + std::chrono::seconds(1));
  EXPECT_EQ(w.run().broken, 1);
  EXPECT_EQ(w.run().broken, 0);
  auto list = w.commitments();
  EXPECT_EQ(list[0]["state"], "broken");
  EXPECT_EQ(list[0]["broken_at"], "2026-11-27T11:00:01Z");
  EXPECT_EQ(w.events_of(w.ticket, "commitment_broken"), 1);
  EXPECT_EQ(w.notifications_of(*w.admin, "commitment_broken"), 1);
  // A decided commitment is not marked done afterwards.
  auto late =
      w.agent->request("PATCH", "/api/v1/commitments/" + std::to_string(list[0]["id"].get<std::int64_t>()),
                       R"({"state":"kept","note":"called after all"})");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(body_of(late)["type"], "/problems/commitment-closed");
}

TEST(CommitmentApi, BreakingStaysExactlyOnceAcrossRestarts) {
  TempDir dir("sp-commitment-restart");
  const auto kept = dir.path();
  std::int64_t ticket = 0;
  {
    World w(kept);
    ASSERT_EQ(w.commit("2026-11-27T11:00:00Z").status, 201);
    ticket = w.ticket;
  }
  for (int lifetime = 0; lifetime < 2; ++lifetime) {
    World again(kept, kFriday10 + std::chrono::hours(4 + lifetime), lifetime + 1);
    EXPECT_EQ(again.run().broken, lifetime == 0 ? 1 : 0);
    EXPECT_EQ(again.events_of(ticket, "commitment_broken"), 1);
    EXPECT_EQ(again.notifications_of(*again.admin, "commitment_broken"), 1);
  }
}

TEST(CommitmentApi, KeptAndBrokenCommitmentsCountInTheKpisOfTheAgentWhoMadeThem) {
  World w;
  ASSERT_EQ(w.commit("2026-11-27T09:30:00Z").status, 201);
  auto kept = w.commit("2026-11-27T13:00:00Z");
  ASSERT_EQ(kept.status, 201) << kept.body;
  const auto agent_id = body_of(kept)["agent_id"].get<std::int64_t>();
  w.server.clock().advance(std::chrono::minutes(31));
  EXPECT_EQ(w.run().broken, 1);
  w.server.clock().advance(std::chrono::minutes(30));
  ASSERT_EQ(
      w.agent->post(w.path() + "/messages", R"({"kind":"outbound","body":"Hello Anna, it works again."})")
          .status,
      201);
  // Agents do not read reports; a supervisor or admin does.
  const std::string query =
      "/api/v1/reports/kpis?dimension=agent&period=custom&from=2026-11-27T00:00:00Z&to=2026-11-28T00:00:00Z";
  EXPECT_EQ(w.agent->get(query).status, 403);
  auto report = w.admin->get(query);
  ASSERT_EQ(report.status, 200) << report.body;
  const json body = body_of(report);
  const json* figures = nullptr;
  for (const auto& group : body["groups"]) {
    if (group["key"] == std::to_string(agent_id)) figures = &group["figures"];
  }
  ASSERT_NE(figures, nullptr) << report.body;
  EXPECT_EQ((*figures)["commitments_kept"]["kept"], 1);
  EXPECT_EQ((*figures)["commitments_kept"]["broken"], 1);
  EXPECT_DOUBLE_EQ((*figures)["commitments_kept"]["value"].get<double>(), 0.5);
  EXPECT_TRUE(body["definitions"].contains("commitments_kept"));
  // The next day holds no decided commitment: no share.
  const json next = body_of(
      w.admin->get("/api/v1/reports/kpis?period=custom&from=2026-11-28T00:00:00Z&to=2026-11-29T00:00:00Z"));
  for (const auto& group : next["groups"])
    EXPECT_TRUE(group["figures"]["commitments_kept"]["value"].is_null());
}

TEST(CommitmentApi, TheCharterPromisesCommitmentsKeptAndThePublicPageShowsThem) {
  World w;
  ASSERT_EQ(w.commit("2026-11-27T09:30:00Z").status, 201);
  ASSERT_EQ(w.commit("2026-11-27T13:00:00Z").status, 201);
  w.server.clock().advance(std::chrono::minutes(31));
  EXPECT_EQ(w.run().broken, 1);
  ASSERT_EQ(w.agent->post(w.path() + "/messages", R"({"kind":"outbound","body":"Hello Anna."})").status, 201);
  auto c = charter::example_charter();
  c.thresholds.push_back({"commitments_kept", charter::Comparator::AtLeast, 90, charter::Unit::Percent, {}});
  auto saved = w.admin->request("PUT", "/api/v1/charter", charter::to_json(c).dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  w.server.clock().set(*parse_rfc3339("2026-12-02T09:00:00Z"));  // last month is November

  const json evaluation = body_of(w.admin->get("/api/v1/charter/evaluation?period=last_month"));
  bool evaluated = false;
  for (const auto& item : evaluation["items"]) {
    if (item["kpi"] != "commitments_kept") continue;
    evaluated = true;
    EXPECT_EQ(item["outcome"], "missed");
    EXPECT_NEAR(item["measured"].get<double>(), 50, 1e-9);
  }
  EXPECT_TRUE(evaluated) << evaluation.dump();
  HttpClient anonymous(w.server.port());
  auto page = anonymous.get("/public/charter?tenant=acme&lang=nl");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Onze toezeggingen vorige maand"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("1 van 2 op tijd nagekomen"), std::string::npos);
  EXPECT_NE(anonymous.get("/public/charter?tenant=acme&lang=zh").body.find("按时兑现 1/2 项"),
            std::string::npos);
  const json summary = body_of(anonymous.get("/public/charter.json?tenant=acme"));
  EXPECT_EQ(summary["commitments_last_month"], (json{{"kept", 1}, {"broken", 1}, {"kept_share", 0.5}}))
      << summary.dump();
}

TEST(CommitmentApi, TheAgentIsRemindedOnceBeforeTheDueTime) {
  World w;
  auto made = body_of(w.commit("2026-11-27T12:00:00Z"));
  EXPECT_EQ(made["remind_at"], "2026-11-27T11:30:00Z");
  w.server.clock().advance(std::chrono::minutes(149));  // 11:29Z
  EXPECT_EQ(w.run().reminded, 0);
  w.server.clock().advance(std::chrono::minutes(2));
  EXPECT_EQ(w.run().reminded, 1);
  EXPECT_EQ(w.run().reminded, 0);
  EXPECT_EQ(w.notifications_of(*w.agent, "commitment_due_soon"), 1);
}

TEST(CommitmentApi, TheReminderLeadIsSetPerTenant) {
  World w;
  auto set = w.admin->request("PUT", "/api/v1/commitment-settings", R"({"reminder_minutes":90})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(body_of(w.agent->get("/api/v1/commitment-settings"))["reminder_minutes"], 90);
  EXPECT_EQ(body_of(w.commit("2026-11-27T12:00:00Z"))["remind_at"], "2026-11-27T10:30:00Z");
  EXPECT_EQ(w.agent->request("PUT", "/api/v1/commitment-settings", R"({"reminder_minutes":5})").status, 403);
  EXPECT_EQ(w.admin->request("PUT", "/api/v1/commitment-settings", R"({"reminder_minutes":-1})").status, 422);
}

TEST(CommitmentApi, ACallBackMakesACommitmentThatALoggedCallKeeps) {
  World w;
  auto callback = w.agent->post(w.path() + "/callbacks",
                                R"({"due_at":"2026-11-27T14:00:00Z","note":"about the invoice"})");
  ASSERT_EQ(callback.status, 201) << callback.body;
  EXPECT_EQ(body_of(callback)["callback"]["commitment"]["source"], "callback");
  auto list = w.commitments();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["channel"], "phone");
  EXPECT_EQ(list[0]["what"], "call back: about the invoice");
  w.server.clock().advance(std::chrono::hours(1));
  auto call = w.agent->post(w.path() + "/calls",
                            R"({"direction":"outbound","duration_seconds":120,"outcome":"reached"})");
  ASSERT_EQ(call.status, 201) << call.body;
  EXPECT_EQ(w.commitments()[0]["state"], "kept");
}

TEST(CommitmentApi, ADueTimeAfterClosingMovesToClosingAndOneWithoutOpeningHoursIsRefused) {
  World w;
  // Friday 20:00 Amsterdam: the office closes at 17:00 (16:00Z).
  EXPECT_EQ(body_of(w.commit("2026-11-27T19:00:00Z"))["due_at"], "2026-11-27T16:00:00Z");
  w.server.clock().advance(std::chrono::hours(8));  // Friday 18:00 Amsterdam
  auto saturday = w.commit("2026-11-28T11:00:00Z");
  EXPECT_EQ(saturday.status, 422) << saturday.body;
  EXPECT_EQ(body_of(saturday)["type"], "/problems/commitment-unkeepable");
}

TEST(CommitmentApi, BadInputIsAProblemNamingTheField) {
  World w;
  auto missing = w.agent->post(w.path() + "/commitments", R"({"due_at":"2026-11-27T12:00:00Z"})");
  EXPECT_EQ(missing.status, 422);
  auto past = w.commit("2026-11-27T08:00:00Z");
  EXPECT_EQ(past.status, 422);
  EXPECT_EQ(body_of(past)["field"], "due_at");
  auto id = body_of(w.commit("2026-11-27T12:00:00Z"))["id"].get<std::int64_t>();
  auto no_note =
      w.agent->request("PATCH", "/api/v1/commitments/" + std::to_string(id), R"({"state":"kept"})");
  EXPECT_EQ(no_note.status, 422);
  auto done = w.agent->request("PATCH", "/api/v1/commitments/" + std::to_string(id),
                               R"({"state":"kept","note":"called, fixed"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(body_of(done)["state"], "kept");
  EXPECT_EQ(body_of(done)["note"], "called, fixed");
  EXPECT_EQ(w.agent->get("/api/v1/commitments?state=done").status, 422);
}

TEST(CommitmentApi, CommitmentsOfAnotherTenantAreNotFound) {
  World w;
  auto id = body_of(w.commit("2026-11-27T12:00:00Z"))["id"].get<std::int64_t>();
  auto platform = w.server.agent_client(std::nullopt, Role::Admin, "root2@platform.test");
  auto other = body_of(platform.post("/api/v1/tenants", R"({"slug":"other","name":"Other"})"))["id"]
                   .get<std::int64_t>();
  auto stranger = w.server.agent_client(domain::TenantId{other}, Role::Admin, "admin@other.test");
  EXPECT_EQ(stranger.get(w.path() + "/commitments").status, 404);
  EXPECT_EQ(
      stranger.post(w.path() + "/commitments", R"({"what":"x","due_at":"2026-11-27T12:00:00Z"})").status,
      404);
  EXPECT_EQ(stranger.request("PATCH", "/api/v1/commitments/" + std::to_string(id), R"({"state":"cancelled"})")
                .status,
            404);
  EXPECT_TRUE(body_of(stranger.get("/api/v1/commitments"))["items"].empty());
  auto mine =
      body_of(w.agent->get("/api/v1/commitments?state=open&due_before=2026-11-28T00:00:00Z"))["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["id"], id);
}

}  // namespace
}  // namespace sp::testing

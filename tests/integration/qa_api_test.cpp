// Quality assurance through the real HTTP API on the real SQLite (issue 18): the daily sample
// is drawn from each agent's own work, once (also after a restart); a reviewer scores a sample,
// the agent acknowledges or disputes; permissions, tenant isolation and bad input; calibration
// and the QA figures.
#include <gtest/gtest.h>

#include <set>

#include "charter/charter.hpp"
#include "charter/charter_json.hpp"
#include "http/api.hpp"
#include "jobs/qa_sample_job.hpp"
#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

// Tuesday 2026-12-01 09:00 UTC; the tenant works in UTC, so the day ends at midnight UTC.
const Timestamp kTuesday9 = *parse_rfc3339("2026-12-01T09:00:00Z");

struct World {
  explicit World(std::optional<std::filesystem::path> dir = std::nullopt) : server(dir, kTuesday9) {}

  void populate() {
    auto platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
    tenant =
        body_of(platform.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme","timezone":"UTC"})"))["id"]
            .get<std::int64_t>();
    const domain::TenantId id{tenant};
    admin = std::make_unique<HttpClient>(server.agent_client(id, Role::Admin, "admin@acme.test"));
    ann = std::make_unique<HttpClient>(server.agent_client(id, Role::Agent, "ann@acme.test"));
    bob = std::make_unique<HttpClient>(server.agent_client(id, Role::Agent, "bob@acme.test"));
    reviewer = std::make_unique<HttpClient>(server.agent_client(id, Role::QaReviewer, "rita@acme.test"));
    reviewer2 = std::make_unique<HttpClient>(server.agent_client(id, Role::QaReviewer, "ravi@acme.test"));
    ann_id = me(*ann);
    bob_id = me(*bob);
    customer =
        body_of(ann->post("/api/v1/customers", R"({"name":"Carla","emails":["carla@example.nl"]})"))["id"]
            .get<std::int64_t>();
  }

  std::int64_t me(HttpClient& who) {
    return body_of(who.get("/api/v1/auth/me"))["agent"]["id"].get<std::int64_t>();
  }

  std::int64_t ticket(HttpClient& who, const std::string& channel, json tags = json::array()) {
    auto made = who.post("/api/v1/tickets", json{{"subject", "Question " + std::to_string(++tickets_made)},
                                                 {"requester_id", customer},
                                                 {"channel", channel},
                                                 {"tags", tags},
                                                 {"body", "Where is my order?"}}
                                                .dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return body_of(made)["id"].get<std::int64_t>();
  }
  void reply(HttpClient& who, std::int64_t id) {
    auto sent =
        who.post("/api/v1/tickets/" + std::to_string(id) + "/messages",
                 R"({"kind":"outbound","body":"Thank you for your message. Your order has been shipped."})");
    EXPECT_EQ(sent.status, 201) << sent.body;
  }
  service::QaDrawSummary draw() {
    auto ran = server.application().qa_sample_job().run_once();
    EXPECT_TRUE(ran.ok()) << ran.error().message;
    return ran.ok() ? *ran : service::QaDrawSummary{};
  }
  json queue(HttpClient& who) { return body_of(who.get("/api/v1/qa/queue?limit=500"))["items"]; }

  // All ten criteria of the default scorecard at `score`, `privacy` at `privacy`.
  static json scores(int score, int privacy) {
    json out = json::array();
    for (const char* key :
         {"professionalism", "integrity", "responsiveness", "privacy", "fairness", "conflict_resolution",
          "knowledge", "communication", "improvement", "accountability"}) {
      out.push_back({{"key", key},
                     {"score", std::string(key) == "privacy" ? privacy : score},
                     {"comment", std::string(key) == "privacy" ? "address of another customer quoted" : ""}});
    }
    return out;
  }
  ClientResponse review(HttpClient& who, std::int64_t sample, int score = 4, int privacy = 4) {
    return who.post(
        "/api/v1/qa/reviews",
        json{{"sample_id", sample}, {"scores", scores(score, privacy)}, {"comment", "Friendly"}}.dump());
  }

  TestServer server;
  std::unique_ptr<HttpClient> admin, ann, bob, reviewer, reviewer2;
  std::int64_t tenant = 0, customer = 0, ann_id = 0, bob_id = 0;
  int tickets_made = 0;
  std::set<std::int64_t> ann_handled, bob_handled;

  // Ann replies on 7 e-mail tickets and 1 chat ticket, solves 1 web ticket without a reply,
  // replies on a mystery-shopper ticket and only notes on another; Bob replies on 2 tickets.
  void a_day_of_work() {
    for (int n = 0; n < 7; ++n) {
      auto id = ticket(*ann, "email");
      reply(*ann, id);
      ann_handled.insert(id);
    }
    auto chat = ticket(*ann, "chat");
    reply(*ann, chat);
    ann_handled.insert(chat);
    auto solved = ticket(*ann, "web");
    auto patch = ann->request("PATCH", "/api/v1/tickets/" + std::to_string(solved), R"({"status":"solved"})");
    EXPECT_EQ(patch.status, 200) << patch.body;
    ann_handled.insert(solved);
    auto mystery = ticket(*ann, "email", json::array({"mystery_shopper"}));
    reply(*ann, mystery);
    auto noted = ticket(*ann, "email");
    ann->post("/api/v1/tickets/" + std::to_string(noted) + "/messages",
              R"({"kind":"note","body":"Checked."})");
    for (int n = 0; n < 2; ++n) {
      auto id = ticket(*bob, "email");
      reply(*bob, id);
      bob_handled.insert(id);
    }
  }
};

TEST(QaApi, TheDailySampleIsDrawnFromEachAgentsOwnWorkOnce) {
  World w;
  w.populate();
  w.a_day_of_work();
  EXPECT_EQ(w.draw().samples, 0);  // the day has not ended
  EXPECT_TRUE(w.queue(*w.reviewer).empty());

  w.server.clock().advance(std::chrono::hours(16));  // Wednesday 01:00
  auto drawn = w.draw();
  EXPECT_EQ(drawn.samples, 5 + 2);  // the charter's default of 5 a day; Bob handled only 2
  auto items = w.queue(*w.reviewer);
  ASSERT_EQ(items.size(), 7u);
  int ann_items = 0;
  bool chat = false;
  for (const auto& item : items) {
    EXPECT_EQ(item["day"], "2026-12-01");
    const auto ticket = item["ticket_id"].get<std::int64_t>();
    if (item["agent_id"] == w.ann_id) {
      ++ann_items;
      EXPECT_TRUE(w.ann_handled.count(ticket)) << "T-" << ticket << " is not Ann's work";
      chat = chat || item["channel"] == "chat";
    } else {
      EXPECT_EQ(item["agent_id"], w.bob_id);
      EXPECT_TRUE(w.bob_handled.count(ticket));
    }
    EXPECT_FALSE(item["subject"].get<std::string>().empty());
  }
  EXPECT_EQ(ann_items, 5);
  EXPECT_TRUE(chat);  // stratified: Ann's one chat ticket has a place of its own

  EXPECT_EQ(w.draw().samples, 0);  // a second pass draws nothing
  EXPECT_EQ(w.queue(*w.reviewer).size(), 7u);
}

TEST(QaApi, TheSampleIsDrawnExactlyOnceAcrossARestart) {
  TempDir dir("sp-qa-restart");
  json first;
  std::string token;
  {
    World w(dir.path());
    w.populate();
    w.a_day_of_work();
    w.server.clock().advance(std::chrono::hours(16));
    EXPECT_EQ(w.draw().samples, 7);
    first = w.queue(*w.reviewer);
    token = w.reviewer->bearer;
  }
  for (int lifetime = 0; lifetime < 2; ++lifetime) {
    World again(dir.path());
    again.server.clock().advance(std::chrono::hours(17 + lifetime));  // Wednesday 02:00, 03:00
    EXPECT_EQ(again.draw().samples, 0);
    HttpClient same(again.server.port());
    same.bearer = token;  // tokens live in the database
    auto after_restart = same.get("/api/v1/qa/queue?limit=500");
    ASSERT_EQ(after_restart.status, 200) << after_restart.body;
    EXPECT_EQ(body_of(after_restart)["items"], first);
  }
}

TEST(QaApi, AReviewRoundTripWithAcknowledgementAndDispute) {
  World w;
  w.populate();
  w.a_day_of_work();
  w.server.clock().advance(std::chrono::hours(16));
  w.draw();
  std::int64_t sample = 0;
  for (const auto& item : w.queue(*w.reviewer)) {
    if (item["agent_id"] == w.ann_id) sample = item["id"].get<std::int64_t>();
  }
  ASSERT_GT(sample, 0);

  auto card = body_of(w.reviewer->get("/api/v1/qa/scorecard"));
  ASSERT_EQ(card["criteria"].size(), 10u);
  EXPECT_EQ(card["criteria"][3]["name"]["zh"], "隐私与保密");

  auto made = w.review(*w.reviewer, sample, 3, 4);
  ASSERT_EQ(made.status, 201) << made.body;
  auto review = body_of(made);
  EXPECT_EQ(review["agent_id"], w.ann_id);
  EXPECT_EQ(review["state"], "submitted");
  EXPECT_FALSE(review["critical_fail"].get<bool>());
  // Weights: privacy and integrity 2, the others 1 (12); privacy 4/4, the rest 3/4.
  EXPECT_NEAR(review["score"].get<double>(), 100.0 * (2 * 1.0 + 10 * 0.75) / 12, 0.01);
  const auto id = std::to_string(review["id"].get<std::int64_t>());
  // The sample left the reviewer's queue but not the other reviewer's.
  for (const auto& item : w.queue(*w.reviewer)) EXPECT_NE(item["id"], sample);
  bool in_other = false;
  for (const auto& item : w.queue(*w.reviewer2)) in_other = in_other || item["id"] == sample;
  EXPECT_TRUE(in_other);
  auto twice = w.review(*w.reviewer, sample);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(body_of(twice)["type"], "/problems/qa-already-reviewed");

  // Ann sees her review, Bob does not.
  auto mine = body_of(w.ann->get("/api/v1/qa/reviews"))["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["scores"][3]["comment"], "address of another customer quoted");
  EXPECT_TRUE(body_of(w.bob->get("/api/v1/qa/reviews"))["items"].empty());
  EXPECT_TRUE(body_of(w.bob->get("/api/v1/qa/reviews?agent=" + std::to_string(w.ann_id)))["items"].empty());
  EXPECT_EQ(w.bob->get("/api/v1/qa/reviews/" + id).status, 404);
  EXPECT_EQ(w.ann->get("/api/v1/qa/reviews/" + id).status, 200);
  EXPECT_EQ(w.bob->post("/api/v1/qa/reviews/" + id + "/acknowledge", "{}").status, 404);
  EXPECT_EQ(w.reviewer->post("/api/v1/qa/reviews/" + id + "/acknowledge", "{}").status, 403);

  auto ack = w.ann->post("/api/v1/qa/reviews/" + id + "/acknowledge", R"({"note":"Thanks"})");
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(body_of(ack)["state"], "acknowledged");
  EXPECT_EQ(body_of(ack)["response"], "Thanks");
  auto again = w.ann->post("/api/v1/qa/reviews/" + id + "/dispute", R"({"reason":"changed my mind"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(body_of(again)["type"], "/problems/qa-review-answered");

  // The second reviewer finds a critical privacy failure: the whole review fails.
  auto critical = w.review(*w.reviewer2, sample, 4, 1);
  ASSERT_EQ(critical.status, 201) << critical.body;
  EXPECT_TRUE(body_of(critical)["critical_fail"].get<bool>());
  EXPECT_EQ(body_of(critical)["score"], 0.0);
  const auto critical_id = std::to_string(body_of(critical)["id"].get<std::int64_t>());
  auto no_reason = w.ann->post("/api/v1/qa/reviews/" + critical_id + "/dispute", R"({"reason":"  "})");
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(body_of(no_reason)["field"], "reason");
  auto disputed = w.ann->post("/api/v1/qa/reviews/" + critical_id + "/dispute",
                              R"({"reason":"the address was the customer's own"})");
  ASSERT_EQ(disputed.status, 200) << disputed.body;
  EXPECT_EQ(body_of(disputed)["state"], "disputed");
  auto filtered = body_of(w.reviewer->get("/api/v1/qa/reviews?state=disputed"))["items"];
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_EQ(filtered[0]["id"].get<std::int64_t>(), std::stoll(critical_id));

  // Two reviewers on one sample: calibration counts it; the report has the figures.
  auto calibration = w.admin->get("/api/v1/qa/calibration?from=2026-12-01T00:00:00Z&to=2026-12-03T00:00:00Z");
  ASSERT_EQ(calibration.status, 200) << calibration.body;
  EXPECT_EQ(body_of(calibration)["samples"], 1);
  EXPECT_EQ(body_of(calibration)["reviewers"], 2);
  EXPECT_EQ(body_of(calibration)["criteria"].size(), 10u);
  auto report = body_of(w.admin->get("/api/v1/qa/report?from=2026-12-01T00:00:00Z&to=2026-12-03T00:00:00Z"));
  EXPECT_EQ(report["reviews"], 2);
  EXPECT_EQ(report["critical_fails"], 1);
  EXPECT_EQ(report["critical_fail_share"], 0.5);
  EXPECT_EQ(report["disputed"], 1);
  ASSERT_EQ(report["agents"].size(), 1u);
  EXPECT_EQ(report["agents"][0]["agent_id"], w.ann_id);
}

TEST(QaApi, PermissionsAndTenantIsolation) {
  World w;
  w.populate();
  w.a_day_of_work();
  w.server.clock().advance(std::chrono::hours(16));
  w.draw();
  auto items = w.queue(*w.reviewer);
  ASSERT_FALSE(items.empty());
  const auto sample = items[0]["id"].get<std::int64_t>();

  EXPECT_EQ(w.ann->get("/api/v1/qa/queue").status, 403);
  EXPECT_EQ(w.review(*w.bob, sample).status, 403);
  EXPECT_EQ(
      w.reviewer
          ->request("PUT", "/api/v1/qa/scorecard", body_of(w.reviewer->get("/api/v1/qa/scorecard")).dump())
          .status,
      403);
  EXPECT_EQ(w.ann->get("/api/v1/qa/calibration?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z").status,
            403);

  // A reviewer of another tenant sees nothing of Acme's.
  auto platform = w.server.agent_client(std::nullopt, Role::Admin, "root2@platform.test");
  auto other = body_of(platform.post("/api/v1/tenants", R"({"slug":"other","name":"Other"})"))["id"]
                   .get<std::int64_t>();
  auto stranger = w.server.agent_client(domain::TenantId{other}, Role::QaReviewer, "qa@other.test");
  EXPECT_TRUE(w.queue(stranger).empty());
  EXPECT_EQ(stranger.get("/api/v1/qa/samples/" + std::to_string(sample)).status, 404);
  auto foreign = w.review(stranger, sample);
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(body_of(foreign)["field"], "sample_id");
  auto made = w.review(*w.reviewer, sample);
  ASSERT_EQ(made.status, 201);
  EXPECT_EQ(
      stranger.get("/api/v1/qa/reviews/" + std::to_string(body_of(made)["id"].get<std::int64_t>())).status,
      404);
  EXPECT_TRUE(body_of(stranger.get("/api/v1/qa/reviews"))["items"].empty());
}

TEST(QaApi, BadInputIsProblemJsonNamingTheField) {
  World w;
  w.populate();
  w.a_day_of_work();
  w.server.clock().advance(std::chrono::hours(16));
  w.draw();
  const auto sample = w.queue(*w.reviewer)[0]["id"].get<std::int64_t>();
  auto post = [&w](const std::string& body) { return w.reviewer->post("/api/v1/qa/reviews", body); };
  auto expect_field = [](const ClientResponse& r, int status, const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.headers.at("content-type"), "application/problem+json");
    EXPECT_EQ(body_of(r)["field"], field) << r.body;
  };
  expect_field(post(json{{"sample_id", sample}}.dump()), 422, "scores");
  auto scores = World::scores(3, 3);
  scores[0]["key"] = "charm";
  expect_field(post(json{{"sample_id", sample}, {"scores", scores}}.dump()), 422, "scores[0].key");
  scores = World::scores(3, 3);
  scores[5]["score"] = 9;
  expect_field(post(json{{"sample_id", sample}, {"scores", scores}}.dump()), 422, "scores[5].score");
  scores = World::scores(3, 3);
  scores.erase(scores.begin() + 2);
  expect_field(post(json{{"sample_id", sample}, {"scores", scores}}.dump()), 422, "scores");
  expect_field(post(json{{"sample_id", sample}, {"scores", World::scores(3, 3)}, {"mood", 1}}.dump()), 422,
               "mood");
  expect_field(post(json{{"sample_id", -3}, {"scores", World::scores(3, 3)}}.dump()), 422, "sample_id");
  expect_field(
      post(json{{"sample_id", sample}, {"scores", World::scores(3, 3)}, {"comment", std::string(5000, 'x')}}
               .dump()),
      422, "comment");
  auto malformed = post("{\"sample_id\":");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(body_of(malformed)["type"], "/problems/invalid-json");
  auto huge = post(json{{"sample_id", sample}, {"comment", std::string(200'000, 'x')}}.dump());
  EXPECT_EQ(huge.status, 413);

  expect_field(w.reviewer->get("/api/v1/qa/calibration?to=2026-12-02T00:00:00Z"), 422, "from");
  expect_field(w.reviewer->get("/api/v1/qa/calibration?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z"),
               422, "to");
  expect_field(w.reviewer->get(
                   "/api/v1/qa/calibration?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&metric=ratio"),
               422, "metric");
  expect_field(w.reviewer->get("/api/v1/qa/queue?day=yesterday"), 422, "day");
  expect_field(w.reviewer->get("/api/v1/qa/reviews?agent=abc"), 422, "agent");
  expect_field(w.reviewer->get("/api/v1/qa/reviews?state=lost"), 422, "state");

  // The scorecard: tenant-editable, validated.
  auto card = body_of(w.admin->get("/api/v1/qa/scorecard"));
  card["criteria"][0]["weight"] = -1;
  expect_field(w.admin->request("PUT", "/api/v1/qa/scorecard", card.dump()), 422, "criteria[0].weight");
  card["criteria"][0]["weight"] = 5;
  card["criteria"][0]["critical"] = true;
  auto put = w.admin->request("PUT", "/api/v1/qa/scorecard", card.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(body_of(w.reviewer->get("/api/v1/qa/scorecard"))["criteria"][0]["weight"], 5.0);
  // Professionalism is now critical: a 1 there fails the review.
  scores = World::scores(4, 4);
  scores[0]["score"] = 1;
  auto failed = post(json{{"sample_id", sample}, {"scores", scores}}.dump());
  ASSERT_EQ(failed.status, 201) << failed.body;
  EXPECT_TRUE(body_of(failed)["critical_fail"].get<bool>());
}

TEST(QaApi, ViolationsAreReportedToSupervisorsAndHandled) {
  World w;
  w.populate();
  auto ticket = w.ticket(*w.ann, "email");
  auto made = w.bob->post("/api/v1/qa/violations", json{{"ticket_id", ticket},
                                                        {"agent_id", w.ann_id},
                                                        {"section", 4},
                                                        {"description", "Quoted another customer's address"}}
                                                       .dump());
  ASSERT_EQ(made.status, 201) << made.body;
  auto violation = body_of(made);
  EXPECT_EQ(violation["status"], "open");
  const auto path = "/api/v1/qa/violations/" + std::to_string(violation["id"].get<std::int64_t>());
  EXPECT_EQ(body_of(w.bob->get("/api/v1/qa/violations"))["items"].size(), 1u);  // the reporter's own
  EXPECT_TRUE(body_of(w.ann->get("/api/v1/qa/violations"))["items"].empty());
  EXPECT_EQ(w.ann->get(path).status, 404);
  EXPECT_EQ(w.bob->request("PATCH", path, R"({"status":"closed","outcome":"x"})").status, 403);
  auto closing = w.admin->request("PATCH", path, R"({"status":"closed"})");
  EXPECT_EQ(closing.status, 422);
  EXPECT_EQ(body_of(closing)["field"], "outcome");
  auto investigating = w.admin->request("PATCH", path, R"({"status":"investigating"})");
  ASSERT_EQ(investigating.status, 200) << investigating.body;
  EXPECT_EQ(body_of(investigating)["status"], "investigating");
  auto closed = w.admin->request("PATCH", path, R"({"status":"closed","outcome":"Retraining on privacy"})");
  ASSERT_EQ(closed.status, 200);
  EXPECT_EQ(body_of(closed)["outcome"], "Retraining on privacy");
  EXPECT_EQ(body_of(w.admin->get("/api/v1/qa/violations?status=closed"))["items"].size(), 1u);
  auto bad = w.bob->post("/api/v1/qa/violations",
                         json{{"ticket_id", ticket}, {"section", 11}, {"description", "x"}}.dump());
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(body_of(bad)["field"], "section");
  auto no_ticket = w.bob->post("/api/v1/qa/violations",
                               json{{"ticket_id", 99999}, {"section", 1}, {"description", "x"}}.dump());
  EXPECT_EQ(body_of(no_ticket)["field"], "ticket_id");
}

TEST(QaApi, TrainingsAndCertificationsAreCountedInTheReport) {
  World w;
  w.populate();
  auto training = w.admin->post("/api/v1/qa/trainings", json{{"title", "Privacy refresher"},
                                                             {"held_at", "2026-12-01T13:00:00Z"},
                                                             {"duration_minutes", 90},
                                                             {"attendees", {w.ann_id}}}
                                                            .dump());
  ASSERT_EQ(training.status, 201) << training.body;
  EXPECT_EQ(body_of(training)["attendees"], json::array({w.ann_id}));
  const auto path = "/api/v1/qa/trainings/" + std::to_string(body_of(training)["id"].get<std::int64_t>());
  auto attended = w.admin->post(path + "/attendance", json{{"agent_ids", {w.bob_id, w.ann_id}}}.dump());
  ASSERT_EQ(attended.status, 200) << attended.body;
  EXPECT_EQ(body_of(attended)["attendees"].size(), 2u);
  EXPECT_EQ(
      w.ann->post("/api/v1/qa/trainings", json{{"title", "x"}, {"held_at", "2026-12-01T13:00:00Z"}}.dump())
          .status,
      403);
  auto bad = w.admin->post("/api/v1/qa/trainings", json{{"title", "x"}, {"held_at", "tomorrow"}}.dump());
  EXPECT_EQ(body_of(bad)["field"], "held_at");
  auto stranger = w.admin->post(path + "/attendance", json{{"agent_ids", {999999}}}.dump());
  EXPECT_EQ(stranger.status, 422);
  EXPECT_EQ(body_of(stranger)["field"], "agent_ids");

  auto cert = w.admin->post("/api/v1/qa/certifications", json{{"agent_id", w.ann_id},
                                                              {"name", "持证上岗 customer service"},
                                                              {"issued_at", "2026-11-01T00:00:00Z"},
                                                              {"expires_at", "2027-11-01T00:00:00Z"}}
                                                             .dump());
  ASSERT_EQ(cert.status, 201) << cert.body;
  auto expired = w.admin->post("/api/v1/qa/certifications", json{{"agent_id", w.bob_id},
                                                                 {"name", "Old"},
                                                                 {"issued_at", "2025-01-01T00:00:00Z"},
                                                                 {"expires_at", "2026-01-01T00:00:00Z"}}
                                                                .dump());
  ASSERT_EQ(expired.status, 201);
  auto backwards = w.admin->post("/api/v1/qa/certifications", json{{"agent_id", w.bob_id},
                                                                   {"name", "x"},
                                                                   {"issued_at", "2026-01-01T00:00:00Z"},
                                                                   {"expires_at", "2025-01-01T00:00:00Z"}}
                                                                  .dump());
  EXPECT_EQ(body_of(backwards)["field"], "expires_at");
  auto valid = body_of(w.ann->get("/api/v1/qa/certifications?valid_at=2026-12-02T00:00:00Z"))["items"];
  ASSERT_EQ(valid.size(), 1u);
  EXPECT_EQ(valid[0]["agent_id"], w.ann_id);

  auto report = body_of(w.admin->get("/api/v1/qa/report?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z"));
  EXPECT_EQ(report["trainings_held"], 1);
  EXPECT_EQ(report["trainings_promised_per_month"], 1);  // the charter's default rhythm
  EXPECT_EQ(report["agents_certified"], 1);
  auto listed =
      body_of(w.bob->get("/api/v1/qa/trainings?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z"))["items"];
  EXPECT_EQ(listed.size(), 1u);
}

TEST(QaApi, TheNumberPerAgentComesFromTheCharter) {
  World w;
  w.populate();
  auto charter = charter::to_json(charter::example_charter());
  charter["rhythm"]["daily_qa_samples"] = 2;
  auto put = w.admin->request("PUT", "/api/v1/charter", charter.dump());
  ASSERT_EQ(put.status, 200) << put.body;
  w.a_day_of_work();
  w.server.clock().advance(std::chrono::hours(16));
  EXPECT_EQ(w.draw().samples, 2 + 2);
  int ann = 0;
  for (const auto& item : w.queue(*w.reviewer)) ann += item["agent_id"] == w.ann_id ? 1 : 0;
  EXPECT_EQ(ann, 2);
}

TEST(QaApi, DaysAreTheTenantsLocalDays) {
  // Amsterdam: 2026-12-01T23:30Z is 00:30 on 2 December there.
  World w;
  auto platform = w.server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
  auto tenant = body_of(platform.post("/api/v1/tenants",
                                      R"({"slug":"ams","name":"Ams","timezone":"Europe/Amsterdam"})"))["id"]
                    .get<std::int64_t>();
  w.ann = std::make_unique<HttpClient>(
      w.server.agent_client(domain::TenantId{tenant}, Role::Agent, "ann@ams.test"));
  w.reviewer = std::make_unique<HttpClient>(
      w.server.agent_client(domain::TenantId{tenant}, Role::QaReviewer, "rita@ams.test"));
  w.customer =
      body_of(w.ann->post("/api/v1/customers", R"({"name":"Carla","emails":["carla@example.nl"]})"))["id"]
          .get<std::int64_t>();
  w.server.clock().advance(std::chrono::minutes(14 * 60 + 30));  // 23:30Z
  w.reply(*w.ann, w.ticket(*w.ann, "email"));
  w.server.clock().advance(std::chrono::hours(22));  // 2 December 21:30Z: the 2nd has not ended there
  EXPECT_EQ(w.draw().samples, 0);
  w.server.clock().advance(std::chrono::hours(2));  // 23:30Z = 00:30 on the 3rd in Amsterdam
  EXPECT_EQ(w.draw().samples, 1);
  auto items = w.queue(*w.reviewer);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["day"], "2026-12-02");
}

TEST(QaApi, EveryQaRouteIsDocumentedInOpenApi) {
  TestServer server;
  json document = json::parse(http::openapi_document());
  int routes = 0;
  for (const auto& route : server.api().routes()) {
    if (route.pattern.rfind("/api/v1/qa/", 0) != 0) continue;
    ++routes;
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(document["paths"].contains(route.pattern)) << route.pattern;
    EXPECT_TRUE(document["paths"][route.pattern].contains(method)) << route.method << " " << route.pattern;
  }
  EXPECT_EQ(routes, 20);
}

}  // namespace
}  // namespace sp::testing

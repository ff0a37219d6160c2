// Outbound webhooks end to end (issue 16 section 4): subscriptions through the API, events
// from real ticket changes, deliveries POSTed by the delivery job to a real HTTP receiver on
// loopback (answering 200 or 500, timing out, closing the connection), retry timing on the
// fake clock, automatic switch-off with its notice, and the queue surviving a restart.
#include <gtest/gtest.h>

#include <map>

#include "channels/outbound_webhook.hpp"
#include "integration/test_server.hpp"
#include "jobs/webhook_job.hpp"
#include "support/http_receiver.hpp"
#include "webhooks/outbound_webhook_service.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kSubscriptions = "/api/v1/webhooks/subscriptions";

struct HookWorld {
  TestServer server;
  HttpClient platform{0};
  std::int64_t tenant = 0, other_tenant = 0, customer = 0;
  HttpClient admin{0}, agent{0}, other_admin{0};

  explicit HookWorld(std::optional<std::filesystem::path> dir = std::nullopt, bool fresh = true)
      : server(std::move(dir)) {
    if (!fresh) {
      tenant = server.store().list_tenants(storage::Scope{}).value().at(0).id.value;
      admin = server.agent_client(domain::TenantId{tenant}, Role::Admin, "admin2@acme.test");
      return;
    }
    platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
    tenant = body_of(platform.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme"})"))["id"];
    other_tenant = body_of(platform.post("/api/v1/tenants", R"({"slug":"other","name":"Other"})"))["id"];
    admin = server.agent_client(domain::TenantId{tenant}, Role::Admin, "admin@acme.test");
    agent = server.agent_client(domain::TenantId{tenant}, Role::Agent, "agent@acme.test");
    other_admin = server.agent_client(domain::TenantId{other_tenant}, Role::Admin, "admin@other.test");
    customer = body_of(admin.post("/api/v1/customers", R"({"name":"Jan"})"))["id"];
  }

  json subscribe(const std::string& url, json events = json::array({"ticket.created"})) {
    auto created = admin.post(kSubscriptions, json{{"url", url}, {"events", events}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created);
  }
  std::int64_t open_ticket(const std::string& subject = "Waar blijft mijn pakket?") {
    auto created = admin.post(
        "/api/v1/tickets",
        json{{"subject", subject}, {"requester_id", customer}, {"channel", "phone"}, {"body", "?"}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return body_of(created)["id"];
  }
  json deliveries(std::int64_t subscription) {
    return body_of(
        admin.get(std::string(kSubscriptions) + "/" + std::to_string(subscription) + "/deliveries"));
  }
  webhooks::OutboundWebhookService& hooks() { return server.application().outbound_webhooks(); }
  int deliver() { return server.application().webhook_job().run_once().value(); }
};

TEST(OutboundWebhooks, SubscriptionShowsItsSecretOnceAndCanRotateIt) {
  HookWorld w;
  HttpReceiver receiver;
  const json created = w.subscribe(receiver.url(), {"ticket.created", "sla.breached"});
  ASSERT_TRUE(created.contains("secret"));
  EXPECT_TRUE(created["secret"].get<std::string>().starts_with("whsec_"));
  EXPECT_EQ(created["events"], json::array({"ticket.created", "sla.breached"}));
  const std::string path =
      std::string(kSubscriptions) + "/" + std::to_string(created["id"].get<std::int64_t>());
  EXPECT_FALSE(body_of(w.admin.get(path)).contains("secret"));
  EXPECT_FALSE(body_of(w.admin.get(kSubscriptions))["items"][0].contains("secret"));

  auto rotated = w.admin.request("PATCH", path, R"({"rotate_secret":true})");
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  EXPECT_NE(body_of(rotated)["secret"], created["secret"]);
  auto changed =
      w.admin.request("PATCH", path, R"({"events":["ticket.solved"],"url":"https://hooks.example/x"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_FALSE(body_of(changed).contains("secret"));
  EXPECT_EQ(body_of(changed)["events"], json::array({"ticket.solved"}));
  EXPECT_EQ(w.admin.request("DELETE", path).status, 204);
  EXPECT_EQ(w.admin.get(path).status, 404);
}

TEST(OutboundWebhooks, BadInputIsProblemJsonWithAStableType) {
  HookWorld w;
  auto ftp = w.admin.post(kSubscriptions, R"({"url":"ftp://x.example/","events":["ticket.created"]})");
  EXPECT_EQ(ftp.status, 422);
  EXPECT_EQ(body_of(ftp)["type"], "/problems/webhook-bad-url");
  auto file = w.admin.post(kSubscriptions, R"({"url":"file:///etc/passwd","events":["ticket.created"]})");
  EXPECT_EQ(body_of(file)["type"], "/problems/webhook-bad-url");
  auto unknown = w.admin.post(kSubscriptions, R"({"url":"http://127.0.0.1:1/","events":["ticket.deleted"]})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(body_of(unknown)["type"], "/problems/webhook-unknown-event");
  EXPECT_EQ(body_of(unknown)["field"], "events");
  auto extra =
      w.admin.post(kSubscriptions, R"({"url":"http://127.0.0.1:1/","events":["ticket.created"],"x":1})");
  EXPECT_EQ(extra.status, 422);
  EXPECT_EQ(w.admin.get(std::string(kSubscriptions) + "/999").status, 404);
  EXPECT_EQ(body_of(w.admin.get(std::string(kSubscriptions) + "/999"))["type"],
            "/problems/webhook-subscription-not-found");
  EXPECT_EQ(w.admin.post("/api/v1/webhooks/deliveries/999/retry", "").status, 404);
  // Agents are not admins; another tenant's admin sees nothing of ours.
  EXPECT_EQ(w.agent.get(kSubscriptions).status, 403);
  const json mine = w.subscribe("http://127.0.0.1:1/hook");
  const std::string path = std::string(kSubscriptions) + "/" + std::to_string(mine["id"].get<std::int64_t>());
  EXPECT_EQ(w.other_admin.get(path).status, 404);
  EXPECT_EQ(w.other_admin.request("PATCH", path, R"({"enabled":false})").status, 404);
  EXPECT_EQ(w.other_admin.request("DELETE", path).status, 404);
  EXPECT_EQ(w.other_admin.get(path + "/deliveries").status, 404);
  EXPECT_TRUE(body_of(w.other_admin.get(kSubscriptions))["items"].empty());
}

TEST(OutboundWebhooks, DeliveryIsSignedAndItsAttemptIsVisible) {
  HookWorld w;
  HttpReceiver receiver;
  const json sub = w.subscribe(receiver.url(), {"ticket.created", "message.added"});
  const auto ticket = w.open_ticket();
  auto reply = w.admin.post("/api/v1/tickets/" + std::to_string(ticket) + "/messages",
                            R"({"kind":"outbound","body":"Het komt morgen."})");
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(w.deliver(), 2);  // ticket.created and the reply
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& request : requests) {
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.target, "/hook");
    EXPECT_EQ(request.header("content-type"), "application/json");
    const auto verified = channels::verify_webhook_signature_header(sub["secret"].get<std::string>(),
                                                                    request.header("servicepact-signature"),
                                                                    request.body, w.server.clock().now());
    EXPECT_TRUE(verified.ok()) << request.header("servicepact-signature");
  }
  // Deliveries run in parallel, so their order is not promised: find each by its type.
  const bool created_first = json::parse(requests[0].body)["type"] == "ticket.created";
  const auto& created_request = requests[created_first ? 0 : 1];
  const json created = json::parse(created_request.body);
  EXPECT_EQ(created["type"], "ticket.created");
  EXPECT_EQ(created["tenant"]["slug"], "acme");
  EXPECT_EQ(created["data"]["ticket"]["id"], ticket);
  EXPECT_EQ(created_request.header("servicepact-event-id"), created["id"]);
  const json added = json::parse(requests[created_first ? 1 : 0].body);
  EXPECT_EQ(added["type"], "message.added");
  EXPECT_EQ(added["data"]["message"]["body"], "Het komt morgen.");

  const json listed = w.deliveries(sub["id"]);
  ASSERT_EQ(listed["items"].size(), 2u);
  for (const auto& delivery : listed["items"]) {
    EXPECT_EQ(delivery["state"], "delivered");
    ASSERT_EQ(delivery["attempts"].size(), 1u);
    EXPECT_EQ(delivery["attempts"][0]["status_code"], 200);
    EXPECT_TRUE(delivery["attempts"][0]["error"].is_null());
  }
  EXPECT_EQ(w.deliver(), 0);  // delivered once
}

// Issue 17: an agent's reply on a social ticket goes out through the tenant's outbound
// connector (a subscription to reply.social at the platform bridge), signed, with its
// delivery state; notes and replies on other channels do not.
TEST(OutboundWebhooks, AReplyOnASocialTicketIsASignedDeliveryToThePlatformBridge) {
  HookWorld w;
  HttpReceiver bridge;
  const json sub = w.subscribe(bridge.url("/bridge"), {"reply.social"});
  auto social = w.admin.post(
      "/api/v1/tickets",
      json{{"subject", "DM"}, {"requester_id", w.customer}, {"channel", "social"}, {"body", "Hulp?"}}.dump());
  ASSERT_EQ(social.status, 201) << social.body;
  const auto ticket = body_of(social)["id"].get<std::int64_t>();
  const std::string messages = "/api/v1/tickets/" + std::to_string(ticket) + "/messages";
  ASSERT_EQ(w.agent.post(messages, R"({"kind":"note","body":"intern"})").status, 201);
  ASSERT_EQ(w.agent.post(messages, R"({"kind":"outbound","body":"We kijken ernaar."})").status, 201);
  const auto phone = w.open_ticket();
  ASSERT_EQ(
      w.agent
          .post("/api/v1/tickets/" + std::to_string(phone) + "/messages", R"({"kind":"outbound","body":"x"})")
          .status,
      201);
  EXPECT_EQ(w.deliver(), 1);
  const auto requests = bridge.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target, "/bridge");
  EXPECT_TRUE(channels::verify_webhook_signature_header(sub["secret"].get<std::string>(),
                                                        requests[0].header("servicepact-signature"),
                                                        requests[0].body, w.server.clock().now())
                  .ok());
  const json event = json::parse(requests[0].body);
  EXPECT_EQ(event["type"], "reply.social");
  EXPECT_EQ(event["data"]["ticket"]["id"], ticket);
  EXPECT_EQ(event["data"]["ticket"]["channel"], "social");
  EXPECT_EQ(event["data"]["message"]["body"], "We kijken ernaar.");
  EXPECT_EQ(event["data"]["customer"]["id"], w.customer);
  EXPECT_EQ(event["data"]["customer"]["name"], "Jan");
  const json listed = w.deliveries(sub["id"]);
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["state"], "delivered");
}

TEST(OutboundWebhooks, FailedDeliveryIsRetriedWithBackoffOnTheClock) {
  HookWorld w;
  HttpReceiver receiver(500);
  const json sub = w.subscribe(receiver.url());
  w.open_ticket();
  EXPECT_EQ(w.deliver(), 1);
  json delivery = w.deliveries(sub["id"])["items"][0];
  EXPECT_EQ(delivery["state"], "pending");
  EXPECT_EQ(delivery["attempts"][0]["status_code"], 500);
  EXPECT_EQ(delivery["attempts"][0]["error"], "HTTP 500");
  const auto next = parse_rfc3339(delivery["next_attempt_at"].get<std::string>()).value();
  const auto now = w.server.clock().now();
  EXPECT_GE(next - now, 24s);  // 30 s +-20%
  EXPECT_LE(next - now, 36s);

  w.server.clock().advance(20s);
  EXPECT_EQ(w.deliver(), 0);  // not due yet
  w.server.clock().advance(20s);
  receiver.answer(200);
  EXPECT_EQ(w.deliver(), 1);
  delivery = w.deliveries(sub["id"])["items"][0];
  EXPECT_EQ(delivery["state"], "delivered");
  EXPECT_EQ(delivery["attempts"].size(), 2u);
  EXPECT_EQ(receiver.requests().size(), 2u);
  // Both attempts carried the same event id (receivers de-duplicate on it).
  EXPECT_EQ(receiver.requests()[0].header("servicepact-event-id"),
            receiver.requests()[1].header("servicepact-event-id"));
}

TEST(OutboundWebhooks, ReceiverThatTimesOutOrClosesIsAFailedAttempt) {
  HookWorld w;
  HttpReceiver receiver;
  const json sub = w.subscribe(receiver.url());
  webhooks::CurlPosterOptions fast;
  fast.connect_timeout = 500ms;
  fast.total_timeout = 500ms;
  webhooks::CurlWebhookPoster poster(fast);
  jobs::WebhookJob job(w.hooks(), poster);

  receiver.sleep_before_answer(3s);
  w.open_ticket();
  EXPECT_EQ(job.run_once().value(), 1);
  json attempt = w.deliveries(sub["id"])["items"][0]["attempts"][0];
  EXPECT_EQ(attempt["error"], "timeout");
  EXPECT_TRUE(attempt["status_code"].is_null());
  EXPECT_GE(attempt["duration_ms"].get<int>(), 400);
  EXPECT_LT(attempt["duration_ms"].get<int>(), 3000);

  receiver.close_without_answer();
  w.server.clock().advance(1min);
  EXPECT_EQ(job.run_once().value(), 1);
  attempt = w.deliveries(sub["id"])["items"][0]["attempts"][1];
  EXPECT_EQ(attempt["error"], "connection closed without an answer");

  // Nobody listening at all.
  const json refused = w.subscribe("http://127.0.0.1:1/hook");
  w.open_ticket("again");
  w.server.clock().advance(5min);
  EXPECT_GE(job.run_once().value(), 1);
  EXPECT_EQ(w.deliveries(refused["id"])["items"][0]["attempts"][0]["error"], "connection refused");
}

TEST(OutboundWebhooks, SubscriptionFailingForADayIsSwitchedOffWithANotice) {
  HookWorld w;
  HttpReceiver receiver(503);
  const json sub = w.subscribe(receiver.url());
  const auto started = w.server.clock().now();
  w.open_ticket("first");
  bool second_opened = false;
  for (int step = 0; step < 200; ++step) {
    if (!second_opened && w.server.clock().now() - started >= 12h) {
      w.open_ticket("second");  // a later event keeps the subscription failing past 24 h
      second_opened = true;
    }
    auto next = w.hooks().earliest_attempt().value();
    if (!next) break;
    if (*next > w.server.clock().now()) w.server.clock().set(*next);
    w.deliver();
  }
  const json after =
      body_of(w.admin.get(std::string(kSubscriptions) + "/" + std::to_string(sub["id"].get<std::int64_t>())));
  EXPECT_EQ(after["enabled"], false);
  EXPECT_NE(after["disabled_reason"].get<std::string>().find("HTTP 503"), std::string::npos);
  EXPECT_GE(w.server.clock().now() - started, 24h);

  bool noticed = false;
  const json notifications = body_of(w.admin.get("/api/v1/notifications"));
  SCOPED_TRACE(notifications.dump());
  for (const auto& n : notifications["items"]) {
    noticed = noticed || n["kind"] == "webhook_disabled";
  }
  EXPECT_TRUE(noticed);
  // Nothing more is sent to a switched-off subscription; new events are not queued.
  const auto sent = receiver.requests().size();
  w.open_ticket("third");
  w.server.clock().advance(1h);
  EXPECT_EQ(w.deliver(), 0);
  EXPECT_EQ(receiver.requests().size(), sent);

  // Re-enabled, a retried delivery goes out again.
  receiver.answer(200);
  const std::string path = std::string(kSubscriptions) + "/" + std::to_string(sub["id"].get<std::int64_t>());
  auto enabled = w.admin.request("PATCH", path, R"({"enabled":true})");
  EXPECT_EQ(body_of(enabled)["consecutive_failures"], 0);
  const auto delivery = w.deliveries(sub["id"])["items"][0]["id"].get<std::int64_t>();
  EXPECT_EQ(w.admin.post("/api/v1/webhooks/deliveries/" + std::to_string(delivery) + "/retry", "").status,
            202);
  EXPECT_EQ(w.deliver(), 1);
  EXPECT_EQ(receiver.requests().size(), sent + 1);
}

TEST(OutboundWebhooks, SlaNoticesReachTheReceiverOnceEach) {
  HookWorld w;
  HttpReceiver receiver;
  json day = json::array({json::array({"00:00", "24:00"})});
  json calendar = {{"timezone", "UTC"}, {"weekly", json::object()}};
  for (const char* weekday : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    calendar["weekly"][weekday] = day;
  auto made = w.admin.post("/api/v1/calendars", json{{"name", "Always"}, {"calendar", calendar}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  auto policy = w.admin.post(
      "/api/v1/sla/policies",
      json{{"name", "Standard"},
           {"calendar_id", body_of(made)["id"]},
           {"targets", {{"first_response_minutes", 60}}},
           {"escalation", {{{"target", "first_response"}, {"at", 1.0}, {"action", "raise_priority"}}}}}
          .dump());
  ASSERT_EQ(policy.status, 201) << policy.body;
  const json sub = w.subscribe(receiver.url(), {"sla.at_risk", "sla.breached", "sla.escalated"});
  const auto ticket = w.open_ticket();
  auto& scheduler = w.server.scheduler();
  ASSERT_TRUE(scheduler.run_once().ok());
  w.server.clock().advance(46min);
  ASSERT_TRUE(scheduler.run_once().ok());
  w.server.clock().advance(15min);
  ASSERT_TRUE(scheduler.run_once().ok());
  ASSERT_TRUE(scheduler.run_once().ok());
  w.deliver();
  std::map<std::string, int> seen;
  for (const auto& request : receiver.requests()) {
    const json event = json::parse(request.body);
    EXPECT_EQ(event["data"]["ticket"]["id"], ticket);
    EXPECT_EQ(event["data"]["sla"]["target"], "first_response");
    ++seen[event["type"].get<std::string>()];
  }
  EXPECT_EQ(seen["sla.at_risk"], 1);
  EXPECT_EQ(seen["sla.breached"], 1);
  EXPECT_EQ(seen["sla.escalated"], 1);
  // Recomputing fires nothing new, so nothing is queued again.
  ASSERT_TRUE(w.server.sla().recompute_all().ok());
  w.server.clock().advance(1h);
  w.deliver();
  EXPECT_EQ(receiver.requests().size(), 3u);
}

TEST(OutboundWebhooks, QueuedDeliveriesSurviveARestart) {
  TempDir dir("servicepact-hooks");
  std::int64_t subscription = 0;
  HttpReceiver receiver;
  {
    HookWorld w(dir.path());
    subscription = w.subscribe(receiver.url())["id"];
    w.open_ticket();  // queued; no job runs before the restart
    EXPECT_TRUE(receiver.requests().empty());
  }
  HookWorld again(dir.path(), /*fresh=*/false);
  EXPECT_EQ(again.deliver(), 1);
  ASSERT_EQ(receiver.requests().size(), 1u);
  EXPECT_EQ(json::parse(receiver.requests()[0].body)["type"], "ticket.created");
  EXPECT_EQ(again.deliveries(subscription)["items"][0]["state"], "delivered");
}

}  // namespace
}  // namespace sp::testing

// The channel routes through real HTTP: signed webhooks for phone and social, the secret
// rotation, the JSON web form and the plain HTML contact page.
#include <gtest/gtest.h>

#include "channel_world.hpp"
#include "channels/webhook.hpp"
#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;


TEST(ChannelRoutes, SignedCallEventsBuildOnePhoneTicketWithWaitAndTalkTimes) {
  ChannelWorld world;
  auto queued = world.webhook("phone", ChannelWorld::call("c-1", "queued"));
  ASSERT_EQ(queued.status, 202) << queued.body;
  auto ticket_id = body_of(queued)["ticket_id"].get<std::int64_t>();
  EXPECT_EQ(body_of(queued)["duplicate"], false);
  world.server.clock().advance(std::chrono::seconds(40));
  auto answered = world.webhook(
      "phone",
      ChannelWorld::call("c-1", "answered", {{"agent_email", "eva@acme.test"}, {"wait_seconds", 40}}));
  ASSERT_EQ(answered.status, 202) << answered.body;
  EXPECT_EQ(body_of(answered)["ticket_id"], ticket_id);
  world.server.clock().advance(std::chrono::minutes(3));
  auto ended = world.webhook(
      "phone", ChannelWorld::call("c-1", "ended", {{"agent_email", "eva@acme.test"}, {"talk_seconds", 180}}));
  ASSERT_EQ(ended.status, 202) << ended.body;
  world.server.clock().advance(std::chrono::seconds(1));
  auto again = world.webhook(
      "phone", ChannelWorld::call("c-1", "ended", {{"agent_email", "eva@acme.test"}, {"talk_seconds", 180}}));
  EXPECT_EQ(body_of(again)["duplicate"], true);

  auto events = body_of(world.admin.get("/api/v1/tickets/" + std::to_string(ticket_id) + "/events"));
  std::vector<json> calls;
  for (const auto& event : events["items"]) {
    if (event["type"] == "call_recorded") calls.push_back(json::parse(event["to"].get<std::string>()));
  }
  ASSERT_EQ(calls.size(), 3u) << events.dump();
  EXPECT_EQ(calls[1]["state"], "answered");
  EXPECT_EQ(calls[1]["wait_seconds"], 40);
  EXPECT_EQ(calls[2]["talk_seconds"], 180);
  auto ticket = body_of(world.admin.get("/api/v1/tickets/" + std::to_string(ticket_id)));
  EXPECT_EQ(ticket["channel"], "phone");
}

TEST(ChannelRoutes, AbandonedCallIsRecorded) {
  ChannelWorld world;
  auto queued = world.webhook("phone", ChannelWorld::call("c-2", "queued"));
  auto abandoned = world.webhook("phone", ChannelWorld::call("c-2", "abandoned", {{"wait_seconds", 120}}));
  ASSERT_EQ(abandoned.status, 202) << abandoned.body;
  EXPECT_EQ(body_of(abandoned)["ticket_id"], body_of(queued)["ticket_id"]);
  auto id = std::to_string(body_of(queued)["ticket_id"].get<std::int64_t>());
  auto events = body_of(world.admin.get("/api/v1/tickets/" + id + "/events"));
  bool found = false;
  for (const auto& event : events["items"]) {
    if (event["type"] != "call_recorded") continue;
    auto facts = json::parse(event["to"].get<std::string>());
    if (facts["state"] == "abandoned") found = facts["wait_seconds"] == 120;
  }
  EXPECT_TRUE(found) << events.dump();
}

TEST(ChannelRoutes, BadSignatureStaleTimestampReplayAndBadFieldsAreRefused) {
  ChannelWorld world;
  std::string body = ChannelWorld::call("c-3", "queued");
  auto forged = world.webhook("phone", body, {}, channels::sign_webhook("wrong", world.now_seconds(), body));
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(body_of(forged)["type"], "/problems/webhook-bad-signature");

  std::string old = std::to_string(to_unix_ms(world.server.clock().now()) / 1000 - 3600);
  auto stale = world.webhook("phone", body, old);
  EXPECT_EQ(stale.status, 401);
  EXPECT_EQ(body_of(stale)["type"], "/problems/webhook-stale");

  ASSERT_EQ(world.webhook("phone", body, {}, {}, "once").status, 202);
  auto replayed = world.webhook("phone", ChannelWorld::call("c-4", "queued"), {}, {}, "once");
  EXPECT_EQ(replayed.status, 409);
  EXPECT_EQ(body_of(replayed)["type"], "/problems/replayed-nonce");

  auto bad = world.webhook(
      "phone",
      R"({"call_id":"c-5","state":"ringing","caller_number":"+31612345678","occurred_at":"2026-11-20T10:00:00Z"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(body_of(bad)["field"], "state");

  HttpClient stranger(world.server.port());
  auto unknown = stranger.request("POST", "/api/v1/channels/phone/events", body,
                                  {{"X-Servicepact-Tenant", "nobody"},
                                   {"X-Servicepact-Timestamp", world.now_seconds()},
                                   {"X-Servicepact-Nonce", "x"},
                                   {"X-Servicepact-Signature", "00"}});
  EXPECT_EQ(unknown.status, 401);

  // Only admins rotate the secret.
  auto agent = world.server.agent_client(domain::TenantId{world.tenant_id}, Role::Agent, "agent@acme.test");
  EXPECT_EQ(agent.post("/api/v1/channels/webhook-secret", "").status, 403);
}

TEST(ChannelRoutes, SocialThreadIsOneTicket) {
  ChannelWorld world;
  auto message = [](const std::string& id, const std::string& text) {
    return json{{"platform", "instagram"}, {"handle", "@jan"}, {"thread_id", "th-1"},
                {"message_id", id},        {"text", text},     {"sent_at", "2026-11-20T10:00:00Z"}}
        .dump();
  };
  auto first = world.webhook("social", message("m-1", "Mijn pakket is niet aangekomen"));
  ASSERT_EQ(first.status, 202) << first.body;
  auto second = world.webhook("social", message("m-2", "Hallo?"));
  ASSERT_EQ(second.status, 202) << second.body;
  EXPECT_EQ(body_of(second)["ticket_id"], body_of(first)["ticket_id"]);
  auto id = std::to_string(body_of(first)["ticket_id"].get<std::int64_t>());
  auto ticket = body_of(world.admin.get("/api/v1/tickets/" + id));
  EXPECT_EQ(ticket["channel"], "social");
  auto messages = body_of(world.admin.get("/api/v1/tickets/" + id + "/messages"));
  EXPECT_EQ(messages["items"].size(), 2u) << messages.dump();
}

TEST(ChannelRoutes, JsonFormOpensOneTicketAndRefusesBotsAndBadFields) {
  ChannelWorld world;
  HttpClient visitor(world.server.port());
  auto token_response = visitor.get("/api/v1/forms/token?tenant=acme");
  ASSERT_EQ(token_response.status, 200) << token_response.body;
  EXPECT_EQ(body_of(token_response)["tenant_name"], "Acme & Co");
  std::string token = body_of(token_response)["token"];
  json form = {{"tenant", "acme"},
               {"name", "Jan"},
               {"email", "jan@example.nl"},
               {"subject", "Factuur"},
               {"body", "Mijn factuur klopt niet."},
               {"website", ""},
               {"token", token}};

  auto too_fast = visitor.post("/api/v1/forms/submit", form.dump());
  EXPECT_EQ(too_fast.status, 403);
  EXPECT_EQ(body_of(too_fast)["type"], "/problems/form-too-fast");

  world.server.clock().advance(std::chrono::seconds(30));
  json bot = form;
  bot["website"] = "http://spam.example";
  EXPECT_EQ(body_of(visitor.post("/api/v1/forms/submit", bot.dump()))["type"], "/problems/form-honeypot");

  json bad = form;
  bad["email"] = "jan-at-example";
  auto invalid = visitor.post("/api/v1/forms/submit", bad.dump());
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(body_of(invalid)["field"], "email");

  auto created = visitor.post("/api/v1/forms/submit", form.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  auto ticket_id = body_of(created)["ticket_id"].get<std::int64_t>();
  EXPECT_EQ(body_of(created)["reference"], "T-" + std::to_string(ticket_id));
  auto twice = visitor.post("/api/v1/forms/submit", form.dump());
  EXPECT_EQ(twice.status, 200);
  EXPECT_EQ(body_of(twice)["ticket_id"], ticket_id);
  auto ticket = body_of(world.admin.get("/api/v1/tickets/" + std::to_string(ticket_id)));
  EXPECT_EQ(ticket["channel"], "web");
  auto list = body_of(world.admin.get("/api/v1/tickets"));
  EXPECT_EQ(list["items"].size(), 1u);
}

TEST(ChannelRoutes, JsonFormIsRateLimitedPerAddress) {
  ChannelWorld world;
  HttpClient visitor(world.server.port());
  int accepted = 0;
  int limited = 0;
  for (int idx = 0; idx < 7; ++idx) {
    std::string token = body_of(visitor.get("/api/v1/forms/token?tenant=acme"))["token"];
    world.server.clock().advance(std::chrono::seconds(10));
    json form = {{"tenant", "acme"},          {"name", "Jan"},
                 {"email", "jan@example.nl"}, {"subject", "Vraag " + std::to_string(idx)},
                 {"body", "Tekst"},           {"token", token}};
    auto response = visitor.post("/api/v1/forms/submit", form.dump());
    if (response.status == 201) ++accepted;
    if (response.status == 429) {
      ++limited;
      EXPECT_EQ(body_of(response)["type"], "/problems/rate-limited");
      EXPECT_FALSE(response.header("retry-after").empty());
    }
  }
  EXPECT_EQ(accepted, 5);
  EXPECT_EQ(limited, 2);
}

TEST(ChannelRoutes, HtmlContactPageIsLabelledEncodedAndFilesATicket) {
  ChannelWorld world;
  HttpClient browser(world.server.port());
  auto page = browser.get("/contact?tenant=acme");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("content-type").find("text/html"), 0u);
  EXPECT_NE(page.header("content-security-policy").find("default-src 'none'"), std::string::npos);
  EXPECT_NE(page.body.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(page.body.find("Acme &amp; Co"), std::string::npos);
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  EXPECT_EQ(page.body.find("style="), std::string::npos);
  for (const char* field : {"name", "email", "subject", "body", "website"}) {
    EXPECT_NE(page.body.find("<label for=\"" + std::string(field) + "\">"), std::string::npos) << field;
  }
  auto at = page.body.find("name=\"token\" value=\"");
  ASSERT_NE(at, std::string::npos);
  at += std::string("name=\"token\" value=\"").size();
  std::string token = page.body.substr(at, page.body.find('"', at) - at);
  world.server.clock().advance(std::chrono::seconds(20));

  auto post = [&](const std::string& name, const std::string& email) {
    std::string form = "tenant=acme&token=" + url_encode(token) + "&name=" + url_encode(name) +
                       "&email=" + url_encode(email) + "&subject=" + url_encode("Storing") +
                       "&body=" + url_encode("Geen internet sinds vanochtend.") + "&website=";
    return browser.request("POST", "/contact", form, {{"Content-Type", "application/x-www-form-urlencoded"}});
  };
  auto invalid = post("<script>alert(1)</script>", "not-an-address");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.body.find("<script>"), std::string::npos);
  EXPECT_NE(invalid.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(invalid.body.find("aria-invalid=\"true\" aria-describedby=\"email-error\""), std::string::npos);
  EXPECT_NE(invalid.body.find("Vul een geldig e-mailadres in"), std::string::npos);

  auto thanks = post("Jan Jansen", "jan@example.nl");
  ASSERT_EQ(thanks.status, 201) << thanks.body;
  auto list = body_of(world.admin.get("/api/v1/tickets"));
  ASSERT_EQ(list["items"].size(), 1u);
  auto id = list["items"][0]["id"].get<std::int64_t>();
  EXPECT_NE(thanks.body.find("T-" + std::to_string(id)), std::string::npos) << thanks.body;
  EXPECT_EQ(post("Jan Jansen", "jan@example.nl").status, 200);  // a double submit: one ticket
  EXPECT_EQ(body_of(world.admin.get("/api/v1/tickets"))["items"].size(), 1u);

  EXPECT_EQ(browser.get("/contact?tenant=nobody").status, 404);
}

}  // namespace
}  // namespace sp::testing

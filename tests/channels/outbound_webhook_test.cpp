#include "channels/outbound_webhook.hpp"

#include <gtest/gtest.h>

#include "channels/webhook.hpp"

namespace sp::channels {
namespace {

using namespace std::chrono_literals;

Timestamp at_unix(std::int64_t seconds) {
  return from_unix_seconds(seconds);
}

TEST(OutboundWebhook, SignatureHeaderCarriesUnixSecondsAndTheInboundHmac) {
  const std::string body = R"({"id":"evt_1"})";
  const std::string header = webhook_signature_header("s3cret", at_unix(1700000000) + 999ms, body);
  EXPECT_EQ(header, "t=1700000000,v1=" + sign_webhook("s3cret", "1700000000", body));
}

TEST(OutboundWebhook, SignatureMatchesTheExampleInTheReadme) {
  EXPECT_EQ(webhook_signature_header("whsec_test", at_unix(1795000000), "{}"),
            "t=1795000000,v1=f50cd36baaae795dac63f86cd686693bcb16ea422cd6f180232b0f6ed3a6367d");
}

TEST(OutboundWebhook, ReceiverAcceptsItsOwnSignatureWithinFiveMinutes) {
  const std::string body = "{\"a\":1}";
  const auto header = webhook_signature_header("k", at_unix(1700000000), body);
  EXPECT_TRUE(verify_webhook_signature_header("k", header, body, at_unix(1700000000) + 4min).ok());
  auto stale = verify_webhook_signature_header("k", header, body, at_unix(1700000000) + 6min);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, kinds::kWebhookStale);
}

TEST(OutboundWebhook, ReceiverRefusesAChangedBodyOrAnotherSecret) {
  const auto header = webhook_signature_header("k", at_unix(1700000000), "{}");
  auto changed = verify_webhook_signature_header("k", header, "{ }", at_unix(1700000000));
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().kind, kinds::kWebhookBadSignature);
  EXPECT_FALSE(verify_webhook_signature_header("other", header, "{}", at_unix(1700000000)).ok());
  EXPECT_FALSE(verify_webhook_signature_header("k", "t=1700000000", "{}", at_unix(1700000000)).ok());
}

TEST(OutboundWebhook, ReceiverAcceptsAnyOfSeveralSignaturesDuringRotation) {
  const std::string body = "{}";
  const std::string header = "t=1700000000,v1=" + sign_webhook("old", "1700000000", body) +
                             ",v1=" + sign_webhook("new", "1700000000", body);
  EXPECT_TRUE(verify_webhook_signature_header("new", header, body, at_unix(1700000000)).ok());
  EXPECT_TRUE(verify_webhook_signature_header("old", header, body, at_unix(1700000000)).ok());
}

TEST(OutboundWebhook, EventBodyHasIdTypeTimeTenantAndData) {
  WebhookEvent event;
  event.id = "evt_ticket_7_v1";
  event.type = WebhookEventType::TicketSolved;
  event.occurred_at = at_unix(1700000000);
  event.tenant_id = 3;
  event.tenant_slug = "acme";
  event.data = {{"ticket", {{"id", 7}}}};
  const auto parsed = nlohmann::json::parse(webhook_event_body(event));
  EXPECT_EQ(parsed["id"], "evt_ticket_7_v1");
  EXPECT_EQ(parsed["type"], "ticket.solved");
  EXPECT_EQ(parsed["occurred_at"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(parsed["tenant"]["id"], 3);
  EXPECT_EQ(parsed["tenant"]["slug"], "acme");
  EXPECT_EQ(parsed["data"]["ticket"]["id"], 7);
}

TEST(OutboundWebhook, EventBodyReplacesInvalidUtf8InsteadOfThrowing) {
  WebhookEvent event;
  event.data = {{"subject", std::string("bad \xff byte")}};
  const std::string body = webhook_event_body(event);
  EXPECT_TRUE(nlohmann::json::accept(body));
  EXPECT_NE(body.find("bad"), std::string::npos);
}

TEST(OutboundWebhook, EventNamesRoundTripAndUnknownOnesHaveAStableKind) {
  for (auto type : all_webhook_event_types()) {
    auto parsed = parse_webhook_event_type(to_string(type));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, type);
  }
  auto unknown = parse_webhook_event_type("ticket.deleted");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, kinds::kWebhookUnknownEvent);
  EXPECT_EQ(unknown.error().field, "events");
}

TEST(OutboundWebhook, EventListDropsDuplicatesAndKeepsPublicationOrder) {
  auto list =
      parse_webhook_event_list(nlohmann::json::array({"sla.breached", "ticket.created", "sla.breached"}));
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0], WebhookEventType::TicketCreated);
  EXPECT_EQ((*list)[1], WebhookEventType::SlaBreached);
  EXPECT_FALSE(parse_webhook_event_list(nlohmann::json::array()).ok());
  EXPECT_FALSE(parse_webhook_event_list(nlohmann::json::array({1})).ok());
  EXPECT_FALSE(parse_webhook_event_list("ticket.created").ok());
}

TEST(OutboundWebhook, OnlyHttpAndHttpsUrlsWithAHostAreAccepted) {
  for (const char* good : {"http://127.0.0.1:8080/hook", "https://hooks.example.com/a?b=c",
                           "HTTPS://x.example", "http://[::1]:9000/x"}) {
    EXPECT_TRUE(check_webhook_url(good).ok()) << good;
  }
  for (const char* bad :
       {"ftp://x.example/", "file:///etc/passwd", "javascript:alert(1)", "http://", "https:///path",
        "http://user:pw@x.example/", "http://x.example/a b", "", "gopher://x"}) {
    auto checked = check_webhook_url(bad);
    ASSERT_FALSE(checked.ok()) << bad;
    EXPECT_EQ(checked.error().kind, kinds::kWebhookBadUrl) << bad;
  }
}

TEST(OutboundWebhook, RetriesDoubleFromThirtySecondsUpToTwoHoursWithoutJitterAtHalf) {
  const WebhookRetryPolicy policy;
  const Timestamp created = at_unix(1700000000);
  EXPECT_EQ(next_webhook_attempt(policy, created, 1, created, 0.5), created + 30s);
  EXPECT_EQ(next_webhook_attempt(policy, created, 2, created, 0.5), created + 60s);
  EXPECT_EQ(next_webhook_attempt(policy, created, 5, created, 0.5), created + 480s);
  EXPECT_EQ(next_webhook_attempt(policy, created, 12, created, 0.5), created + 2h);
  EXPECT_EQ(next_webhook_attempt(policy, created, 1000, created, 0.5), created + 2h);
}

TEST(OutboundWebhook, JitterStaysWithinTwentyPercent) {
  const WebhookRetryPolicy policy;
  const Timestamp created = at_unix(1700000000);
  EXPECT_EQ(next_webhook_attempt(policy, created, 3, created, 0.0), created + 96s);
  EXPECT_EQ(next_webhook_attempt(policy, created, 3, created, 0.999999).value() - created, 143999ms);
}

TEST(OutboundWebhook, NoAttemptIsScheduledAfterTwentyFourHours) {
  const WebhookRetryPolicy policy;
  const Timestamp created = at_unix(1700000000);
  EXPECT_TRUE(next_webhook_attempt(policy, created, 20, created + 21h, 0.5).has_value());
  EXPECT_FALSE(next_webhook_attempt(policy, created, 20, created + 23h, 0.5).has_value());
}

TEST(OutboundWebhook, SubscriptionIsDisabledAfterManyFailuresInARowOrADayOfFailing) {
  const WebhookDisablePolicy policy{5, 24h};
  const Timestamp now = at_unix(1700000000);
  EXPECT_FALSE(should_disable_webhook(policy, 0, std::nullopt, now));
  EXPECT_FALSE(should_disable_webhook(policy, 4, now - 23h, now));
  EXPECT_TRUE(should_disable_webhook(policy, 5, now - 1min, now));
  EXPECT_TRUE(should_disable_webhook(policy, 2, now - 24h, now));
}

}  // namespace
}  // namespace sp::channels

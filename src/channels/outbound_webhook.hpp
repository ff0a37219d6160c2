// Outbound webhooks (issue 16 section 4), the pure half: the event names tenants subscribe
// to, the JSON body of a delivery, its signature header, the retry schedule and the rule
// that switches a failing subscription off. Pure: instants and jitter are passed in, nothing
// reads a clock or the network. Thread-safe.
//
// Signature header (after Stripe's): `Servicepact-Signature: t=<unix seconds>,v1=<hex>`,
// where hex = lowercase hex(HMAC-SHA256(secret, "<t>" + "." + body)), the same HMAC as the
// inbound webhook check (channels/webhook.hpp). A receiver splits the header on ',', takes
// t and every v1 (several during a secret rotation), recomputes the HMAC over the raw body
// bytes, compares in constant time and refuses a t more than five minutes from its clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "core/time.hpp"

namespace sp::kinds {
inline constexpr std::string_view kWebhookUnknownEvent = "webhook-unknown-event";
inline constexpr std::string_view kWebhookBadUrl = "webhook-bad-url";
}  // namespace sp::kinds

namespace sp::channels {

inline constexpr std::string_view kSignatureHeader = "Servicepact-Signature";

// The events a subscription can name, as published ("ticket.created", ...).
enum class WebhookEventType {
  TicketCreated,
  TicketUpdated,
  TicketSolved,
  MessageAdded,
  SlaAtRisk,
  SlaBreached,
  SlaEscalated,
  SurveyAnswered,
  // An agent's public reply on a social-media ticket, for the tenant's platform bridge to
  // post (the tenant's outbound connector: a subscription to this event).
  SocialReply,
  // A webhook action of an automation rule ran (issue 17): {rule_id, rule_name, event,
  // ticket_id, status, priority, version}.
  AutomationFired,
};
std::string_view to_string(WebhookEventType type);
// Every event type, in publication order.
const std::vector<WebhookEventType>& all_webhook_event_types();
// Fails with InvalidInput kind "webhook-unknown-event" (field "events") naming the text.
[[nodiscard]] Result<WebhookEventType> parse_webhook_event_type(std::string_view text);
// A subscription's event list: 1 to 8 known names, duplicates dropped, in publication order.
[[nodiscard]] Result<std::vector<WebhookEventType>> parse_webhook_event_list(const nlohmann::json& names);

// An http or https URL with a host, at most 2,048 bytes, no whitespace, control characters
// or user:password part. Fails with InvalidInput kind "webhook-bad-url" (field "url").
[[nodiscard]] Result<void> check_webhook_url(std::string_view url);

struct WebhookEvent {
  std::string id;  // unique per event and tenant, e.g. "evt_ticket_12_v3"
  WebhookEventType type = WebhookEventType::TicketCreated;
  Timestamp occurred_at;
  std::int64_t tenant_id = 0;
  std::string tenant_slug;
  nlohmann::json data = nlohmann::json::object();
};

// The delivery body: {"id","type","occurred_at" (RFC 3339),"tenant":{"id","slug"},"data"},
// compact, invalid UTF-8 replaced (so it never throws).
std::string webhook_event_body(const WebhookEvent& event);

// "t=<unix>,v1=<hex>" for `body` signed at `signed_at`. REQUIRES: a non-empty secret.
std::string webhook_signature_header(std::string_view secret, Timestamp signed_at, std::string_view body);

// What a receiver does with the header (documented above; used by our tests): accepts when
// some v1 matches and t is within `tolerance` of `now`. Fails with Unauthenticated, kinds as
// verify_webhook's ("webhook-bad-signature", "webhook-bad-timestamp", "webhook-stale").
[[nodiscard]] Result<void> verify_webhook_signature_header(std::string_view secret, std::string_view header,
                                                           std::string_view body, Timestamp now,
                                                           Duration tolerance = std::chrono::minutes(5));

// The retry schedule: after the n-th failed attempt the next waits base * 2^(n-1), capped at
// max_delay, with up to `jitter` of it added or taken away (spreads retries of many
// subscriptions that failed together), and no attempt starts after window from the first.
struct WebhookRetryPolicy {
  Duration base_delay = std::chrono::seconds(30);
  Duration max_delay = std::chrono::hours(2);
  double jitter = 0.2;                       // fraction of the delay, 0..1
  Duration window = std::chrono::hours(24);  // from the delivery's creation
};

// The instant of the attempt after `failed_attempts` (>= 1) failures, the last at
// `failed_at`, or nullopt when it would fall after created_at + window (give up).
// `jitter_unit` in [0, 1) is the random draw (0.5: no jitter).
std::optional<Timestamp> next_webhook_attempt(const WebhookRetryPolicy& policy, Timestamp created_at,
                                              int failed_attempts, Timestamp failed_at, double jitter_unit);

// When a subscription is switched off: after `max_consecutive_failures` failed attempts in a
// row, or when every attempt since `failing_since` (the first failure after the last
// success) failed for `max_failing` or longer.
struct WebhookDisablePolicy {
  int max_consecutive_failures = 50;
  Duration max_failing = std::chrono::hours(24);
};
bool should_disable_webhook(const WebhookDisablePolicy& policy, int consecutive_failures,
                            std::optional<Timestamp> failing_since, Timestamp now);

}  // namespace sp::channels

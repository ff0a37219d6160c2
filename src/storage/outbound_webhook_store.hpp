// Storage of outbound webhooks (issue 16 section 4, migration 13): tenants' subscriptions
// (URL, events, signing secret, on/off and the failure counters that switch it off), the
// durable delivery queue (one row per subscription and event, unique, so enqueuing the same
// event twice delivers it once) and each delivery's attempts. Same contract as store.hpp:
// every call is a durable transaction; every call names the tenant and only sees its rows
// (another tenant's id is NotFound, like a missing one); composite foreign keys tie
// deliveries to a subscription of their tenant. Deleting a subscription deletes its queue.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

struct WebhookSubscription {
  std::int64_t id = 0;
  TenantId tenant_id;
  std::string url;
  std::vector<std::string> events;  // published names, "ticket.created", ...
  std::string secret;               // kept to sign; shown to the tenant only when created or rotated
  bool enabled = true;
  std::string disabled_reason;  // empty while enabled
  int consecutive_failures = 0;
  std::optional<Timestamp> failing_since;  // first failure after the last success
  Timestamp created_at;
  Timestamp updated_at;
};

struct WebhookAttempt {
  int number = 0;  // 1, 2, ... per delivery
  Timestamp started_at;
  std::int64_t duration_ms = 0;
  std::optional<int> status_code;  // the HTTP status, if one came back
  std::string error;               // empty on success; "timeout", "connection closed", "HTTP 500", ...
};

enum class WebhookDeliveryState { Pending, Delivered, Failed };
inline std::string_view to_string(WebhookDeliveryState state) {
  switch (state) {
    case WebhookDeliveryState::Pending:
      break;
    case WebhookDeliveryState::Delivered:
      return "delivered";
    case WebhookDeliveryState::Failed:
      return "failed";
  }
  return "pending";
}

struct WebhookDelivery {
  std::int64_t id = 0;
  TenantId tenant_id;
  std::int64_t subscription_id = 0;
  std::string event_id;
  std::string event_type;
  std::string body;  // the exact bytes that are signed and sent
  WebhookDeliveryState state = WebhookDeliveryState::Pending;
  int attempts = 0;
  Timestamp created_at;
  Timestamp window_started_at;               // the retry window runs from here (reset by a manual retry)
  std::optional<Timestamp> next_attempt_at;  // while pending
  std::optional<Timestamp> delivered_at;
  std::vector<WebhookAttempt> attempt_log;  // filled by list_webhook_deliveries, oldest first
};

// A claimed delivery with what the worker needs to send it.
struct ClaimedWebhookDelivery {
  WebhookDelivery delivery;
  std::string url;
  std::string secret;
};

// The outcome of one attempt, written with it.
struct WebhookAttemptResult {
  TenantId tenant_id;
  std::int64_t delivery_id = 0;
  WebhookAttempt attempt;
  bool succeeded = false;
  std::optional<Timestamp> retry_at;  // after a failure: when to try again; nullopt gives up
};

inline constexpr int kMaxWebhookSubscriptionsPerTenant = 100;

class OutboundWebhookStore {
 public:
  virtual ~OutboundWebhookStore() = default;

  // Conflict kind "webhook-subscription-limit" beyond kMaxWebhookSubscriptionsPerTenant.
  virtual Result<WebhookSubscription> create_webhook_subscription(WebhookSubscription subscription) = 0;
  virtual Result<std::vector<WebhookSubscription>> list_webhook_subscriptions(TenantId tenant) = 0;
  virtual Result<WebhookSubscription> get_webhook_subscription(TenantId tenant, std::int64_t id) = 0;
  // Writes url, events, secret, enabled, disabled_reason and the failure counters.
  virtual Result<WebhookSubscription> update_webhook_subscription(const WebhookSubscription& subscription,
                                                                  Timestamp now) = 0;
  virtual Result<void> delete_webhook_subscription(TenantId tenant, std::int64_t id) = 0;
  // Switches an enabled subscription off and, in the same transaction, stores `notice` as an
  // in-app notification for the tenant's managers (kind "webhook_disabled", ticket id 0: it
  // is about no ticket). False when it was already off, so the notice exists once.
  virtual Result<bool> disable_webhook_subscription(TenantId tenant, std::int64_t id,
                                                    const std::string& reason, const std::string& notice,
                                                    Timestamp now) = 0;

  // Queues `body` for every enabled subscription of `tenant` that lists `event_type`, due at
  // `now`, unless that subscription already has `event_id`. Returns how many were queued.
  virtual Result<int> enqueue_webhook_event(TenantId tenant, const std::string& event_id,
                                            const std::string& event_type, const std::string& body,
                                            Timestamp now) = 0;
  // Up to `limit` pending deliveries of enabled subscriptions due at `now`, earliest first;
  // each is pushed to lease_until, so a worker that dies mid-attempt leaves it due again then.
  virtual Result<std::vector<ClaimedWebhookDelivery>> claim_due_webhook_deliveries(Timestamp now, int limit,
                                                                                   Timestamp lease_until) = 0;
  // In one transaction: stores the attempt, moves the delivery (delivered, pending at
  // retry_at, or failed) and updates the subscription's failure counters. Returns the
  // subscription as it is afterwards.
  virtual Result<WebhookSubscription> record_webhook_attempt(const WebhookAttemptResult& result) = 0;
  // The subscription's newest deliveries first, with their attempts.
  virtual Result<std::vector<WebhookDelivery>> list_webhook_deliveries(TenantId tenant,
                                                                       std::int64_t subscription_id,
                                                                       int limit) = 0;
  // Makes a delivery pending and due at `now` with a fresh retry window.
  virtual Result<WebhookDelivery> retry_webhook_delivery(TenantId tenant, std::int64_t id, Timestamp now) = 0;
  // The earliest next_attempt_at of a pending delivery of an enabled subscription.
  virtual Result<std::optional<Timestamp>> earliest_webhook_attempt() = 0;
};

}  // namespace sp::storage

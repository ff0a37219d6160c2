// Outbound webhooks' use cases (issue 16 section 4): tenant admins manage subscriptions
// (URL, events, a signing secret shown once when created or rotated), read each delivery
// with its attempts and retry one; events are queued durably for every subscription that
// lists them (enqueue); the delivery job claims due deliveries and reports each attempt
// (claim_due / complete), which applies the retry schedule and switches a subscription that
// keeps failing off, with an in-app notice and, where the tenant has a mail desk, a mail to
// its admins through the outbox. Rules are channels/outbound_webhook.hpp's.
//
// Authorisation: admins only (Permission::ManageAgents); every call resolves the tenant
// first, so another tenant's subscription or delivery is NotFound. Thread-safe (the stores
// are); the clock is read once per operation.
#pragma once

#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "channels/outbound_webhook.hpp"
#include "service/helpdesk.hpp"
#include "storage/mail_store.hpp"
#include "storage/outbound_webhook_store.hpp"

namespace sp::webhooks {

using domain::TenantId;
using service::Principal;

struct CreatedSubscription {
  storage::WebhookSubscription subscription;  // secret included: shown this once
};

// What one POST came to.
struct PostOutcome {
  std::optional<int> status_code;  // nullopt: no HTTP answer (timeout, refused, closed)
  std::string error;               // empty when a 2xx came back
  std::int64_t duration_ms = 0;
};

// The sender of the disable notice mail: the tenant's mail desk, if it has one.
struct NoticeDesk {
  std::string address;
  std::string display_name;
};

struct OutboundWebhookOptions {
  channels::WebhookRetryPolicy retry;
  channels::WebhookDisablePolicy disable;
};

class OutboundWebhookService {
 public:
  using DeskLookup = std::function<std::optional<NoticeDesk>(TenantId)>;

  OutboundWebhookService(storage::Store& store, storage::OutboundWebhookStore& hooks, const Clock& clock,
                         OutboundWebhookOptions options = {});
  // Mail for the disable notice (optional; without it only the in-app notice is given).
  void set_mail(storage::OutboxStore* outbox, DeskLookup desk_for);

  // Body: {"url", "events": [...]}; the answer carries the secret.
  Result<storage::WebhookSubscription> create(const Principal& p, std::optional<TenantId> tenant,
                                              const nlohmann::json& body);
  Result<std::vector<storage::WebhookSubscription>> list(const Principal& p, std::optional<TenantId> tenant);
  Result<storage::WebhookSubscription> get(const Principal& p, std::optional<TenantId> tenant,
                                           std::int64_t id);
  // Body: any of {"url", "events", "enabled": true|false, "rotate_secret": true}. Enabling
  // clears the failure counters. `secret_shown` tells whether the answer must show the secret.
  Result<storage::WebhookSubscription> update(const Principal& p, std::optional<TenantId> tenant,
                                              std::int64_t id, const nlohmann::json& body,
                                              bool& secret_shown);
  Result<void> remove(const Principal& p, std::optional<TenantId> tenant, std::int64_t id);
  Result<std::vector<storage::WebhookDelivery>> deliveries(const Principal& p, std::optional<TenantId> tenant,
                                                           std::int64_t subscription_id, int limit);
  Result<storage::WebhookDelivery> retry(const Principal& p, std::optional<TenantId> tenant,
                                         std::int64_t delivery_id);

  // Queues an event for the tenant's subscriptions that list its type (at most once per
  // subscription and event id). Returns how many deliveries were queued.
  Result<int> enqueue(TenantId tenant, channels::WebhookEventType type, const std::string& event_id,
                      nlohmann::json data);
  // Whether an enabled subscription of the tenant lists any of `types` (a read: lets callers
  // skip building an event nobody wants).
  Result<bool> wanted(TenantId tenant, std::initializer_list<channels::WebhookEventType> types);

  // For the delivery job: due deliveries, leased for `lease` (a crashed attempt is retried then).
  Result<std::vector<storage::ClaimedWebhookDelivery>> claim_due(int limit, Duration lease);
  // The headers of one attempt: Content-Type, the signature, the event's id and type.
  std::vector<std::pair<std::string, std::string>> headers_for(
      const storage::ClaimedWebhookDelivery& claimed) const;
  // Records the attempt that started at `started_at`: delivered, retried later or given up;
  // may switch the subscription off (with its notices).
  Result<void> complete(const storage::ClaimedWebhookDelivery& claimed, Timestamp started_at,
                        const PostOutcome& outcome);
  Result<std::optional<Timestamp>> earliest_attempt() { return hooks_.earliest_webhook_attempt(); }

  const Clock& clock() const { return clock_; }

  // JSON of a subscription (the secret only when `with_secret`) and of a delivery.
  static nlohmann::json to_json(const storage::WebhookSubscription& s, bool with_secret);
  static nlohmann::json to_json(const storage::WebhookDelivery& d);

 private:
  Result<TenantId> admin_tenant(const Principal& p, std::optional<TenantId> tenant);
  void notify_disabled(const storage::WebhookSubscription& s, const std::string& reason);
  double jitter_unit();

  storage::Store& store_;
  storage::OutboundWebhookStore& hooks_;
  const Clock& clock_;
  OutboundWebhookOptions options_;
  storage::OutboxStore* outbox_ = nullptr;
  DeskLookup desk_for_;
  std::mutex random_mutex_;
  std::mt19937_64 random_;
};

}  // namespace sp::webhooks

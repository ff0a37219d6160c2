// OutboundWebhookStore on the shared SQLite database (migration 13): borrows the
// SqliteStore's reader pool and group-commit writer, so it is as thread-safe and durable as
// the store itself.
#pragma once

#include "storage/outbound_webhook_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteOutboundWebhookStore final : public OutboundWebhookStore {
 public:
  // REQUIRES: `store` is migrated (version >= 13) and outlives this object.
  explicit SqliteOutboundWebhookStore(SqliteStore& store) : store_(store) {}

  Result<WebhookSubscription> create_webhook_subscription(WebhookSubscription subscription) override;
  Result<std::vector<WebhookSubscription>> list_webhook_subscriptions(TenantId tenant) override;
  Result<WebhookSubscription> get_webhook_subscription(TenantId tenant, std::int64_t id) override;
  Result<WebhookSubscription> update_webhook_subscription(const WebhookSubscription& subscription,
                                                          Timestamp now) override;
  Result<void> delete_webhook_subscription(TenantId tenant, std::int64_t id) override;
  Result<bool> disable_webhook_subscription(TenantId tenant, std::int64_t id, const std::string& reason,
                                            const std::string& notice, Timestamp now) override;
  Result<int> enqueue_webhook_event(TenantId tenant, const std::string& event_id,
                                    const std::string& event_type, const std::string& body,
                                    Timestamp now) override;
  Result<std::vector<ClaimedWebhookDelivery>> claim_due_webhook_deliveries(Timestamp now, int limit,
                                                                           Timestamp lease_until) override;
  Result<WebhookSubscription> record_webhook_attempt(const WebhookAttemptResult& result) override;
  Result<std::vector<WebhookDelivery>> list_webhook_deliveries(TenantId tenant, std::int64_t subscription_id,
                                                               int limit) override;
  Result<WebhookDelivery> retry_webhook_delivery(TenantId tenant, std::int64_t id, Timestamp now) override;
  Result<std::optional<Timestamp>> earliest_webhook_attempt() override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

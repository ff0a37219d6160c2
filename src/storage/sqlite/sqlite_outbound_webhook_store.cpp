#include "storage/sqlite/sqlite_outbound_webhook_store.hpp"

#include <algorithm>

#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

#define SP_SUBSCRIPTION_COLUMNS                                                                         \
  "id, tenant_id, url, events, secret, enabled, disabled_reason, consecutive_failures, failing_since, " \
  "created_at, updated_at"
#define SP_DELIVERY_COLUMNS                                                                   \
  "id, tenant_id, subscription_id, event_id, event_type, body, state, attempts, created_at, " \
  "window_started_at, next_attempt_at, delivered_at"

constexpr std::string_view kInsertSubscription =
    "INSERT INTO webhook_subscriptions(tenant_id, url, events, secret, enabled, created_at, updated_at) "
    "VALUES(?1, ?2, ?3, ?4, 1, ?5, ?5)";
constexpr std::string_view kCountSubscriptions =
    "SELECT count(*) FROM webhook_subscriptions WHERE tenant_id = ?1";
constexpr std::string_view kListSubscriptions =
    "SELECT " SP_SUBSCRIPTION_COLUMNS " FROM webhook_subscriptions WHERE tenant_id = ?1 ORDER BY id";
constexpr std::string_view kGetSubscription =
    "SELECT " SP_SUBSCRIPTION_COLUMNS " FROM webhook_subscriptions WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kUpdateSubscription =
    "UPDATE webhook_subscriptions SET url = ?3, events = ?4, secret = ?5, enabled = ?6, disabled_reason = "
    "?7, "
    "consecutive_failures = ?8, failing_since = ?9, updated_at = ?10 WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kDeleteSubscription =
    "DELETE FROM webhook_subscriptions WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kDisableSubscription =
    "UPDATE webhook_subscriptions SET enabled = 0, disabled_reason = ?3, updated_at = ?4 "
    "WHERE tenant_id = ?1 AND id = ?2 AND enabled = 1";
constexpr std::string_view kDisabledNotification =
    "INSERT INTO notifications(tenant_id, ticket_id, agent_id, team_id, kind, message, created_at) "
    "VALUES(?1, 0, NULL, NULL, 'webhook_disabled', ?2, ?3)";
// Events are stored as ",a,b," so one instr() tells whether a subscription lists one.
constexpr std::string_view kEnqueue =
    "INSERT OR IGNORE INTO webhook_deliveries(tenant_id, subscription_id, event_id, event_type, body, state, "
    "created_at, window_started_at, next_attempt_at) "
    "SELECT tenant_id, id, ?2, ?3, ?4, 'pending', ?5, ?5, ?5 FROM webhook_subscriptions "
    "WHERE tenant_id = ?1 AND enabled = 1 AND instr(events, ',' || ?3 || ',') > 0";
constexpr std::string_view kDue =
    "SELECT d.id, d.tenant_id, d.subscription_id, d.event_id, d.event_type, d.body, d.state, d.attempts, "
    "d.created_at, d.window_started_at, d.next_attempt_at, d.delivered_at, s.url, s.secret "
    "FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.tenant_id = d.tenant_id AND "
    "s.id = d.subscription_id "
    "WHERE d.state = 'pending' AND d.next_attempt_at <= ?1 AND s.enabled = 1 ORDER BY d.next_attempt_at "
    "LIMIT ?2";
constexpr std::string_view kLease = "UPDATE webhook_deliveries SET next_attempt_at = ?2 WHERE id = ?1";
constexpr std::string_view kInsertAttempt =
    "INSERT INTO webhook_attempts(delivery_id, number, started_at, duration_ms, status_code, error) "
    "VALUES(?1, (SELECT coalesce(max(number), 0) + 1 FROM webhook_attempts WHERE delivery_id = ?1), ?2, ?3, "
    "?4, ?5)";
constexpr std::string_view kMoveDelivery =
    "UPDATE webhook_deliveries SET state = ?3, attempts = attempts + 1, next_attempt_at = ?4, delivered_at = "
    "?5 "
    "WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kSubscriptionOf =
    "SELECT subscription_id FROM webhook_deliveries WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kSucceeded =
    "UPDATE webhook_subscriptions SET consecutive_failures = 0, failing_since = NULL "
    "WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kFailed =
    "UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1, "
    "failing_since = coalesce(failing_since, ?3) WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kListDeliveries =
    "SELECT " SP_DELIVERY_COLUMNS
    " FROM webhook_deliveries WHERE tenant_id = ?1 AND subscription_id = ?2 "
    "ORDER BY id DESC LIMIT ?3";
constexpr std::string_view kGetDelivery =
    "SELECT " SP_DELIVERY_COLUMNS " FROM webhook_deliveries WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kAttempts =
    "SELECT number, started_at, duration_ms, status_code, error FROM webhook_attempts WHERE delivery_id = ?1 "
    "ORDER BY number";
constexpr std::string_view kRetry =
    "UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = ?3, window_started_at = ?3 "
    "WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kEarliest =
    "SELECT min(d.next_attempt_at) FROM webhook_deliveries d JOIN webhook_subscriptions s ON "
    "s.tenant_id = d.tenant_id AND s.id = d.subscription_id WHERE d.state = 'pending' AND s.enabled = 1";

#undef SP_SUBSCRIPTION_COLUMNS
#undef SP_DELIVERY_COLUMNS

std::string join_events(const std::vector<std::string>& events) {
  std::string joined = ",";
  for (const auto& event : events) joined += event + ",";
  return joined;
}

std::vector<std::string> split_events(const std::string& joined) {
  std::vector<std::string> events;
  std::size_t start = 0;
  while (start < joined.size()) {
    const auto comma = joined.find(',', start);
    const auto end = comma == std::string::npos ? joined.size() : comma;
    if (end > start) events.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return events;
}

WebhookSubscription read_subscription(const Statement& row) {
  WebhookSubscription s;
  s.id = row.int64(0);
  s.tenant_id = TenantId{row.int64(1)};
  s.url = row.text(2);
  s.events = split_events(row.text(3));
  s.secret = row.text(4);
  s.enabled = row.int64(5) != 0;
  s.disabled_reason = row.text(6);
  s.consecutive_failures = static_cast<int>(row.int64(7));
  if (auto since = row.optional_int64(8)) s.failing_since = from_unix_ms(*since);
  s.created_at = from_unix_ms(row.int64(9));
  s.updated_at = from_unix_ms(row.int64(10));
  return s;
}

WebhookDeliveryState parse_state(const std::string& text) {
  if (text == "delivered") return WebhookDeliveryState::Delivered;
  if (text == "failed") return WebhookDeliveryState::Failed;
  return WebhookDeliveryState::Pending;
}

WebhookDelivery read_delivery(const Statement& row) {
  WebhookDelivery d;
  d.id = row.int64(0);
  d.tenant_id = TenantId{row.int64(1)};
  d.subscription_id = row.int64(2);
  d.event_id = row.text(3);
  d.event_type = row.text(4);
  d.body = row.text(5);
  d.state = parse_state(row.text(6));
  d.attempts = static_cast<int>(row.int64(7));
  d.created_at = from_unix_ms(row.int64(8));
  d.window_started_at = from_unix_ms(row.int64(9));
  if (auto next = row.optional_int64(10)) d.next_attempt_at = from_unix_ms(*next);
  if (auto delivered = row.optional_int64(11)) d.delivered_at = from_unix_ms(*delivered);
  return d;
}

Result<WebhookSubscription> select_subscription(Connection& conn, TenantId tenant, std::int64_t id) {
  SP_PREPARE(get, conn, kGetSubscription);
  get.bind(1, tenant.value).bind(2, id);
  SP_STEP(found, get);
  if (!found) {
    Error error = not_found("no webhook subscription " + std::to_string(id));
    error.kind = "webhook-subscription-not-found";
    return error;
  }
  return read_subscription(get);
}

Result<void> load_attempts(Connection& conn, WebhookDelivery& delivery) {
  SP_PREPARE(attempts, conn, kAttempts);
  attempts.bind(1, delivery.id);
  auto rows = collect_rows(attempts, [](const Statement& row) {
    WebhookAttempt attempt;
    attempt.number = static_cast<int>(row.int64(0));
    attempt.started_at = from_unix_ms(row.int64(1));
    attempt.duration_ms = row.int64(2);
    if (auto status = row.optional_int64(3)) attempt.status_code = static_cast<int>(*status);
    attempt.error = row.text(4);
    return attempt;
  });
  if (!rows) return rows.error();
  delivery.attempt_log = std::move(*rows);
  return {};
}

Result<WebhookDelivery> select_delivery(Connection& conn, TenantId tenant, std::int64_t id) {
  SP_PREPARE(get, conn, kGetDelivery);
  get.bind(1, tenant.value).bind(2, id);
  SP_STEP(found, get);
  if (!found) {
    Error error = not_found("no webhook delivery " + std::to_string(id));
    error.kind = "webhook-delivery-not-found";
    return error;
  }
  WebhookDelivery delivery = read_delivery(get);
  SP_TRY(load_attempts(conn, delivery));
  return delivery;
}

}  // namespace

Result<WebhookSubscription> SqliteOutboundWebhookStore::create_webhook_subscription(
    WebhookSubscription subscription) {
  WebhookSubscription stored;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(count, conn, kCountSubscriptions);
    count.bind(1, subscription.tenant_id.value);
    SP_STEP(counted, count);
    if (counted && count.int64(0) >= kMaxWebhookSubscriptionsPerTenant) {
      return conflict("a tenant has at most " + std::to_string(kMaxWebhookSubscriptionsPerTenant) +
                          " webhook subscriptions",
                      "webhook-subscription-limit");
    }
    SP_PREPARE(insert, conn, kInsertSubscription);
    insert.bind(1, subscription.tenant_id.value)
        .bind(2, subscription.url)
        .bind(3, join_events(subscription.events))
        .bind(4, subscription.secret)
        .bind(5, to_unix_ms(subscription.created_at));
    SP_TRY(insert.run());
    auto found = select_subscription(conn, subscription.tenant_id, conn.last_insert_rowid());
    if (!found) return found.error();
    stored = std::move(*found);
    return {};
  }));
  return stored;
}

Result<std::vector<WebhookSubscription>> SqliteOutboundWebhookStore::list_webhook_subscriptions(
    TenantId tenant) {
  return store_.read([&](Connection& conn) -> Result<std::vector<WebhookSubscription>> {
    SP_PREPARE(list, conn, kListSubscriptions);
    list.bind(1, tenant.value);
    return collect_rows(list, read_subscription);
  });
}

Result<WebhookSubscription> SqliteOutboundWebhookStore::get_webhook_subscription(TenantId tenant,
                                                                                 std::int64_t id) {
  return store_.read([&](Connection& conn) { return select_subscription(conn, tenant, id); });
}

Result<WebhookSubscription> SqliteOutboundWebhookStore::update_webhook_subscription(
    const WebhookSubscription& s, Timestamp now) {
  WebhookSubscription stored;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(update, conn, kUpdateSubscription);
    update.bind(1, s.tenant_id.value)
        .bind(2, s.id)
        .bind(3, s.url)
        .bind(4, join_events(s.events))
        .bind(5, s.secret)
        .bind(6, std::int64_t{s.enabled ? 1 : 0})
        .bind(7, s.disabled_reason)
        .bind(8, std::int64_t{s.consecutive_failures})
        .bind(9, raw_time(s.failing_since))
        .bind(10, to_unix_ms(now));
    SP_TRY(update.run());
    auto found = select_subscription(conn, s.tenant_id, s.id);
    if (!found) return found.error();
    stored = std::move(*found);
    return {};
  }));
  return stored;
}

Result<void> SqliteOutboundWebhookStore::delete_webhook_subscription(TenantId tenant, std::int64_t id) {
  return store_.write([&](Connection& conn) -> Result<void> {
    SP_TRY(select_subscription(conn, tenant, id));
    SP_PREPARE(remove, conn, kDeleteSubscription);
    remove.bind(1, tenant.value).bind(2, id);
    return remove.run();
  });
}

Result<bool> SqliteOutboundWebhookStore::disable_webhook_subscription(TenantId tenant, std::int64_t id,
                                                                      const std::string& reason,
                                                                      const std::string& notice,
                                                                      Timestamp now) {
  bool changed = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(disable, conn, kDisableSubscription);
    disable.bind(1, tenant.value).bind(2, id).bind(3, reason).bind(4, to_unix_ms(now));
    SP_TRY(disable.run());
    changed = conn.changes() > 0;
    if (!changed) return {};
    SP_PREPARE(note, conn, kDisabledNotification);
    note.bind(1, tenant.value).bind(2, notice).bind(3, to_unix_ms(now));
    return note.run();
  }));
  return changed;
}

Result<int> SqliteOutboundWebhookStore::enqueue_webhook_event(TenantId tenant, const std::string& event_id,
                                                              const std::string& event_type,
                                                              const std::string& body, Timestamp now) {
  int queued = 0;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(insert, conn, kEnqueue);
    insert.bind(1, tenant.value).bind(2, event_id).bind(3, event_type).bind(4, body).bind(5, to_unix_ms(now));
    SP_TRY(insert.run());
    queued = conn.changes();
    return {};
  }));
  return queued;
}

Result<std::vector<ClaimedWebhookDelivery>> SqliteOutboundWebhookStore::claim_due_webhook_deliveries(
    Timestamp now, int limit, Timestamp lease_until) {
  std::vector<ClaimedWebhookDelivery> claimed;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    claimed.clear();
    SP_PREPARE(due, conn, kDue);
    due.bind(1, to_unix_ms(now)).bind(2, std::int64_t{std::clamp(limit, 1, 500)});
    auto rows = collect_rows(due, [](const Statement& row) {
      return ClaimedWebhookDelivery{read_delivery(row), row.text(12), row.text(13)};
    });
    if (!rows) return rows.error();
    SP_PREPARE(lease, conn, kLease);
    for (auto& item : *rows) {
      lease.bind(1, item.delivery.id).bind(2, to_unix_ms(lease_until));
      SP_TRY(lease.run());
      SP_TRY(lease.reset());
    }
    claimed = std::move(*rows);
    return {};
  }));
  return claimed;
}

Result<WebhookSubscription> SqliteOutboundWebhookStore::record_webhook_attempt(
    const WebhookAttemptResult& result) {
  WebhookSubscription after;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(owner, conn, kSubscriptionOf);
    owner.bind(1, result.tenant_id.value).bind(2, result.delivery_id);
    SP_STEP(found, owner);
    if (!found) return not_found("no webhook delivery " + std::to_string(result.delivery_id));
    const std::int64_t subscription_id = owner.int64(0);
    SP_TRY(owner.reset());

    const auto& attempt = result.attempt;
    SP_PREPARE(insert, conn, kInsertAttempt);
    insert.bind(1, result.delivery_id)
        .bind(2, to_unix_ms(attempt.started_at))
        .bind(3, attempt.duration_ms)
        .bind(4, attempt.status_code ? std::optional<std::int64_t>(*attempt.status_code) : std::nullopt)
        .bind(5, attempt.error);
    SP_TRY(insert.run());

    const auto finished_at = attempt.started_at + std::chrono::milliseconds(attempt.duration_ms);
    SP_PREPARE(move, conn, kMoveDelivery);
    move.bind(1, result.tenant_id.value).bind(2, result.delivery_id);
    if (result.succeeded) {
      move.bind(3, "delivered").bind_null(4).bind(5, to_unix_ms(finished_at));
    } else if (result.retry_at) {
      move.bind(3, "pending").bind(4, to_unix_ms(*result.retry_at)).bind_null(5);
    } else {
      move.bind(3, "failed").bind_null(4).bind_null(5);
    }
    SP_TRY(move.run());

    SP_PREPARE(counters, conn, result.succeeded ? kSucceeded : kFailed);
    counters.bind(1, result.tenant_id.value).bind(2, subscription_id);
    if (!result.succeeded) counters.bind(3, to_unix_ms(attempt.started_at));
    SP_TRY(counters.run());
    auto subscription = select_subscription(conn, result.tenant_id, subscription_id);
    if (!subscription) return subscription.error();
    after = std::move(*subscription);
    return {};
  }));
  return after;
}

Result<std::vector<WebhookDelivery>> SqliteOutboundWebhookStore::list_webhook_deliveries(
    TenantId tenant, std::int64_t subscription_id, int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<WebhookDelivery>> {
    SP_TRY(select_subscription(conn, tenant, subscription_id));
    SP_PREPARE(list, conn, kListDeliveries);
    list.bind(1, tenant.value).bind(2, subscription_id).bind(3, std::int64_t{std::clamp(limit, 1, 500)});
    auto deliveries = collect_rows(list, read_delivery);
    if (!deliveries) return deliveries.error();
    for (auto& delivery : *deliveries) SP_TRY(load_attempts(conn, delivery));
    return deliveries;
  });
}

Result<WebhookDelivery> SqliteOutboundWebhookStore::retry_webhook_delivery(TenantId tenant, std::int64_t id,
                                                                           Timestamp now) {
  WebhookDelivery stored;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_TRY(select_delivery(conn, tenant, id));
    SP_PREPARE(retry, conn, kRetry);
    retry.bind(1, tenant.value).bind(2, id).bind(3, to_unix_ms(now));
    SP_TRY(retry.run());
    auto found = select_delivery(conn, tenant, id);
    if (!found) return found.error();
    stored = std::move(*found);
    return {};
  }));
  return stored;
}

Result<std::optional<Timestamp>> SqliteOutboundWebhookStore::earliest_webhook_attempt() {
  return store_.read([&](Connection& conn) -> Result<std::optional<Timestamp>> {
    SP_PREPARE(earliest, conn, kEarliest);
    SP_STEP(has_row, earliest);
    if (!has_row || earliest.is_null(0)) return std::optional<Timestamp>{};
    return std::optional<Timestamp>{from_unix_ms(earliest.int64(0))};
  });
}

}  // namespace sp::storage::sqlite

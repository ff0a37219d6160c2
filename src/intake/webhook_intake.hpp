// Telephony and social-media webhooks become tickets, exactly once. A request is accepted only
// when its HMAC-SHA256 signature (channels/webhook.hpp: hex(HMAC(secret, timestamp + "." +
// body))) verifies with the tenant's secret, its timestamp lies within the tolerance, and
// neither its nonce nor its signature was seen before (storage/webhook_store.hpp).
// The signature is remembered as well as the nonce because the nonce header is not signed:
// a captured request replayed with a fresh nonce still carries the old signature.
//
// Phone: the caller is found by number (customers' phones) or created, named after the
// number. The first event of a call opens one ticket (channel phone; receipt
// "webhook:phone:call" / call id); every state (queued, answered, abandoned, ended) lands
// once on that ticket as an internal note plus a CallRecorded history event carrying the wait
// and talk times (receipt "webhook:phone" / "<call id>:<state>"), note and event in one
// transaction.
//
// Social: each (platform, handle) is one customer (a WebhookStore social identity; the
// customer has no e-mail and is named "@handle (platform)"), each thread one ticket (channel
// social). A
// message's receipt is "webhook:social:<platform>" / message id; the thread is mapped to its
// ticket through the ticket's thread keys ("social <platform> <thread id>", stored with the
// first message's receipt in the same transaction; the space keeps them apart from mail
// Message-IDs, which never contain one).
//
// Thread-safe. Concurrent events of one call, thread, number or handle are serialised within
// the process; across processes the receipts still hold exactly-once for messages.
#pragma once

#include <array>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "channels/webhook.hpp"
#include "service/helpdesk.hpp"
#include "storage/webhook_store.hpp"

namespace sp::intake {

using namespace sp::domain;  // NOLINT

enum class WebhookChannel { Phone, Social };
std::string_view to_string(WebhookChannel channel);

struct WebhookOptions {
  Duration tolerance = channels::kDefaultWebhookTolerance;
};

struct WebhookResult {
  TicketId ticket;
  bool created = false;    // this event opened the ticket
  bool duplicate = false;  // this event was already received: nothing changed
};

class WebhookIntake {
 public:
  // Tickets, customers and settings are read and written through the helpdesk's store;
  // `webhooks` keeps the replay keys and social identities. REQUIRES: the database is
  // migrated to version 7 or later; both outlive this object.
  WebhookIntake(service::HelpdeskService& helpdesk, storage::WebhookStore& webhooks,
                WebhookOptions options = {});

  // Creates or replaces the tenant's webhook secret (setting "tenant.<id>.webhook_secret")
  // and returns it; the old one stops verifying at once.
  Result<std::string> rotate_secret(TenantId tenant);

  // Verifies and ingests one event. Fails with Unauthenticated (kind kinds::kWebhookBadSignature,
  // kWebhookStale or kWebhookBadTimestamp; also for a tenant without a secret),
  // InvalidInput naming the field ("nonce", "state", "caller_number", ... or "body"),
  // Conflict kind "replayed-nonce" when the nonce or signature was seen within twice the
  // tolerance, and Unavailable when storage is busy (the nonce is then forgotten, so the
  // platform may retry the same request).
  Result<WebhookResult> handle(TenantId tenant, WebhookChannel channel, std::string_view timestamp_header,
                               std::string_view signature_header, std::string_view nonce_header,
                               std::string_view body, Timestamp now);

 private:
  Result<void> remember_nonce(TenantId tenant, const std::string& nonce, const std::string& signature,
                              Timestamp now);
  void forget_nonce(TenantId tenant, const std::string& nonce, const std::string& signature);
  Result<WebhookResult> ingest_call(TenantId tenant, const channels::CallRecord& call);
  Result<WebhookResult> ingest_social(TenantId tenant, const channels::SocialMessage& message);
  Result<Customer> customer_by_phone(TenantId tenant, const std::string& phone);
  Result<Customer> customer_by_handle(TenantId tenant, const std::string& platform,
                                      const std::string& handle);
  Result<Language> tenant_language(TenantId tenant);
  static std::mutex& lock_for(std::array<std::mutex, 64>& locks, std::string_view key);

  service::HelpdeskService& helpdesk_;
  storage::Store& store_;
  storage::WebhookStore& webhooks_;
  WebhookOptions options_;
  // Striped locks: calls and threads first, then customers (never the other way round).
  std::array<std::mutex, 64> thread_locks_;
  std::array<std::mutex, 64> customer_locks_;
};

}  // namespace sp::intake

#include "webhooks/outbound_webhook_service.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "channels/compose.hpp"

namespace sp::webhooks {
namespace {

using nlohmann::json;
using storage::WebhookSubscription;

// 32 random bytes as hex after a recognisable prefix (secret scanners look for prefixes).
std::string new_secret() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  sodium_memzero(bytes, sizeof bytes);
  return std::string("whsec_") + hex;
}

Result<std::vector<std::string>> event_names(const json& value) {
  auto types = channels::parse_webhook_event_list(value);
  if (!types) return types.error();
  std::vector<std::string> names;
  for (auto type : *types) names.emplace_back(channels::to_string(type));
  return names;
}

Result<std::string> url_member(const json& value) {
  if (!value.is_string()) {
    Error error = invalid_input("url must be a string", "url");
    error.kind = std::string(kinds::kWebhookBadUrl);
    return error;
  }
  const auto& url = value.get_ref<const std::string&>();
  SP_TRY(channels::check_webhook_url(url));
  return url;
}

Result<void> only_members(const json& body, std::initializer_list<std::string_view> known) {
  if (!body.is_object()) return invalid_input("the body must be a JSON object");
  for (const auto& [name, value] : body.items()) {
    bool found = false;
    for (auto k : known) found = found || k == name;
    if (!found) return invalid_input("unknown member '" + name + "'", name);
  }
  return {};
}

std::string outcome_text(const PostOutcome& outcome) {
  if (!outcome.error.empty()) return outcome.error;
  return outcome.status_code ? "HTTP " + std::to_string(*outcome.status_code) : "no answer";
}

}  // namespace

OutboundWebhookService::OutboundWebhookService(storage::Store& store, storage::OutboundWebhookStore& hooks,
                                               const Clock& clock, OutboundWebhookOptions options)
    : store_(store), hooks_(hooks), clock_(clock), options_(options), random_(std::random_device{}()) {
  if (sodium_init() < 0) spdlog::warn("libsodium could not initialise; webhook secrets use its fallback");
}

void OutboundWebhookService::set_mail(storage::OutboxStore* outbox, DeskLookup desk_for) {
  outbox_ = outbox;
  desk_for_ = std::move(desk_for);
}

Result<TenantId> OutboundWebhookService::admin_tenant(const Principal& p, std::optional<TenantId> tenant) {
  SP_TRY(service::require(p, service::Permission::ManageAgents));
  return service::resolve_tenant(store_, p, tenant);
}

Result<WebhookSubscription> OutboundWebhookService::create(const Principal& p, std::optional<TenantId> tenant,
                                                           const json& body) {
  auto id = admin_tenant(p, tenant);
  if (!id) return id.error();
  SP_TRY(only_members(body, {"url", "events"}));
  if (!body.contains("url")) return invalid_input("url is required", "url");
  if (!body.contains("events")) return invalid_input("events is required", "events");
  auto url = url_member(body["url"]);
  if (!url) return url.error();
  auto events = event_names(body["events"]);
  if (!events) return events.error();
  WebhookSubscription s;
  s.tenant_id = *id;
  s.url = std::move(*url);
  s.events = std::move(*events);
  s.secret = new_secret();
  s.created_at = s.updated_at = clock_.now();
  return hooks_.create_webhook_subscription(std::move(s));
}

Result<std::vector<WebhookSubscription>> OutboundWebhookService::list(const Principal& p,
                                                                      std::optional<TenantId> tenant) {
  auto id = admin_tenant(p, tenant);
  if (!id) return id.error();
  return hooks_.list_webhook_subscriptions(*id);
}

Result<WebhookSubscription> OutboundWebhookService::get(const Principal& p, std::optional<TenantId> tenant,
                                                        std::int64_t id) {
  auto tenant_id = admin_tenant(p, tenant);
  if (!tenant_id) return tenant_id.error();
  return hooks_.get_webhook_subscription(*tenant_id, id);
}

Result<WebhookSubscription> OutboundWebhookService::update(const Principal& p, std::optional<TenantId> tenant,
                                                           std::int64_t id, const json& body,
                                                           bool& secret_shown) {
  secret_shown = false;
  auto tenant_id = admin_tenant(p, tenant);
  if (!tenant_id) return tenant_id.error();
  SP_TRY(only_members(body, {"url", "events", "enabled", "rotate_secret"}));
  auto current = hooks_.get_webhook_subscription(*tenant_id, id);
  if (!current) return current.error();
  WebhookSubscription s = std::move(*current);
  if (body.contains("url")) {
    auto url = url_member(body["url"]);
    if (!url) return url.error();
    s.url = std::move(*url);
  }
  if (body.contains("events")) {
    auto events = event_names(body["events"]);
    if (!events) return events.error();
    s.events = std::move(*events);
  }
  if (body.contains("enabled")) {
    if (!body["enabled"].is_boolean()) return invalid_input("enabled must be true or false", "enabled");
    const bool enable = body["enabled"].get<bool>();
    if (enable && !s.enabled) {
      // A fresh start: the failures that switched it off are forgotten.
      s.consecutive_failures = 0;
      s.failing_since.reset();
      s.disabled_reason.clear();
    }
    if (!enable && s.enabled) s.disabled_reason = "switched off by an administrator";
    s.enabled = enable;
  }
  if (body.contains("rotate_secret")) {
    if (!body["rotate_secret"].is_boolean())
      return invalid_input("rotate_secret must be true", "rotate_secret");
    if (body["rotate_secret"].get<bool>()) {
      s.secret = new_secret();
      secret_shown = true;
    }
  }
  return hooks_.update_webhook_subscription(s, clock_.now());
}

Result<void> OutboundWebhookService::remove(const Principal& p, std::optional<TenantId> tenant,
                                            std::int64_t id) {
  auto tenant_id = admin_tenant(p, tenant);
  if (!tenant_id) return tenant_id.error();
  return hooks_.delete_webhook_subscription(*tenant_id, id);
}

Result<std::vector<storage::WebhookDelivery>> OutboundWebhookService::deliveries(
    const Principal& p, std::optional<TenantId> tenant, std::int64_t subscription_id, int limit) {
  auto tenant_id = admin_tenant(p, tenant);
  if (!tenant_id) return tenant_id.error();
  return hooks_.list_webhook_deliveries(*tenant_id, subscription_id, limit);
}

Result<storage::WebhookDelivery> OutboundWebhookService::retry(const Principal& p,
                                                               std::optional<TenantId> tenant,
                                                               std::int64_t delivery_id) {
  auto tenant_id = admin_tenant(p, tenant);
  if (!tenant_id) return tenant_id.error();
  return hooks_.retry_webhook_delivery(*tenant_id, delivery_id, clock_.now());
}

Result<int> OutboundWebhookService::enqueue(TenantId tenant, channels::WebhookEventType type,
                                            const std::string& event_id, json data) {
  // A read first: most changes happen in tenants without subscriptions, and a read costs no
  // group commit on the request path.
  auto want = wanted(tenant, {type});
  if (!want) return want.error();
  if (!*want) return 0;
  auto found = store_.get_tenant(storage::Scope::of(tenant), tenant);
  if (!found) return found.error();
  channels::WebhookEvent event;
  event.id = event_id;
  event.type = type;
  event.occurred_at = clock_.now();
  event.tenant_id = tenant.value;
  event.tenant_slug = found->slug;
  event.data = std::move(data);
  return hooks_.enqueue_webhook_event(tenant, event_id, std::string(channels::to_string(type)),
                                      channels::webhook_event_body(event), event.occurred_at);
}

Result<bool> OutboundWebhookService::wanted(TenantId tenant,
                                            std::initializer_list<channels::WebhookEventType> types) {
  auto subscriptions = hooks_.list_webhook_subscriptions(tenant);
  if (!subscriptions) return subscriptions.error();
  for (const auto& s : *subscriptions) {
    if (!s.enabled) continue;
    for (auto type : types) {
      if (std::find(s.events.begin(), s.events.end(), channels::to_string(type)) != s.events.end())
        return true;
    }
  }
  return false;
}

Result<std::vector<storage::ClaimedWebhookDelivery>> OutboundWebhookService::claim_due(int limit,
                                                                                       Duration lease) {
  const auto now = clock_.now();
  return hooks_.claim_due_webhook_deliveries(now, limit, now + lease);
}

std::vector<std::pair<std::string, std::string>> OutboundWebhookService::headers_for(
    const storage::ClaimedWebhookDelivery& claimed) const {
  return {{"Content-Type", "application/json"},
          {std::string(channels::kSignatureHeader),
           channels::webhook_signature_header(claimed.secret, clock_.now(), claimed.delivery.body)},
          {"Servicepact-Event-Id", claimed.delivery.event_id},
          {"Servicepact-Event-Type", claimed.delivery.event_type},
          {"Servicepact-Delivery-Id", std::to_string(claimed.delivery.id)}};
}

double OutboundWebhookService::jitter_unit() {
  std::lock_guard lock(random_mutex_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
}

Result<void> OutboundWebhookService::complete(const storage::ClaimedWebhookDelivery& claimed,
                                              Timestamp started_at, const PostOutcome& outcome) {
  const auto& delivery = claimed.delivery;
  storage::WebhookAttemptResult result;
  result.tenant_id = delivery.tenant_id;
  result.delivery_id = delivery.id;
  result.attempt.started_at = started_at;
  result.attempt.duration_ms = outcome.duration_ms;
  result.attempt.status_code = outcome.status_code;
  result.succeeded = outcome.error.empty() && outcome.status_code && *outcome.status_code >= 200 &&
                     *outcome.status_code < 300;
  if (!result.succeeded) {
    result.attempt.error = outcome_text(outcome);
    const auto failed_at = started_at + Duration(outcome.duration_ms);
    result.retry_at = channels::next_webhook_attempt(options_.retry, delivery.window_started_at,
                                                     delivery.attempts + 1, failed_at, jitter_unit());
  }
  auto after = hooks_.record_webhook_attempt(result);
  if (!after) return after.error();
  const auto now = clock_.now();
  if (after->enabled && channels::should_disable_webhook(options_.disable, after->consecutive_failures,
                                                         after->failing_since, now)) {
    const std::string reason =
        std::to_string(after->consecutive_failures) + " deliveries in a row failed since " +
        format_rfc3339(after->failing_since.value_or(now)) + " (last: " + result.attempt.error + ")";
    const std::string notice = "Webhook subscription " + std::to_string(after->id) + " to " + after->url +
                               " was switched off: " + reason + ". Fix the receiver, then re-enable it.";
    auto disabled = hooks_.disable_webhook_subscription(after->tenant_id, after->id, reason, notice, now);
    if (!disabled) return disabled.error();
    if (*disabled) {
      spdlog::warn("webhook subscription {} of tenant {} switched off: {}", after->id, after->tenant_id.value,
                   reason);
      notify_disabled(*after, notice);
    }
  }
  return {};
}

void OutboundWebhookService::notify_disabled(const WebhookSubscription& s, const std::string& notice) {
  if (!outbox_ || !desk_for_) return;
  auto desk = desk_for_(s.tenant_id);
  if (!desk) return;  // no mail desk: the in-app notice is all
  auto agents = store_.list_agents(storage::Scope::of(s.tenant_id));
  if (!agents) {
    spdlog::warn("webhook disable notice not mailed: {}", agents.error().message);
    return;
  }
  const auto now = clock_.now();
  const auto at = desk->address.find('@');
  const std::string domain = at == std::string::npos ? "servicepact.invalid" : desk->address.substr(at + 1);
  for (const auto& agent : *agents) {
    if (!agent.active || agent.email.empty() || agent.role != domain::Role::Admin) continue;
    channels::OutboundMail out;
    out.from = {desk->address, desk->display_name};
    out.to = {{agent.email, agent.name}};
    out.subject = "[servicepact] Webhook switched off: " + s.url;
    out.text = notice + "\n";
    out.date = now;
    std::uint8_t random[16];
    randombytes_buf(random, sizeof random);
    out.message_id = channels::make_message_id(random, domain);
    out.auto_submitted = true;
    auto raw = channels::compose_mail(out);
    if (!raw) {
      spdlog::warn("webhook disable notice not composed: {}", raw.error().message);
      return;
    }
    auto queued = outbox_->enqueue({s.tenant_id,
                                    std::nullopt,
                                    "<" + out.message_id + ">",
                                    desk->address,
                                    {agent.email},
                                    std::move(*raw)},
                                   now);
    if (!queued) spdlog::warn("webhook disable notice not queued: {}", queued.error().message);
  }
}

json OutboundWebhookService::to_json(const WebhookSubscription& s, bool with_secret) {
  json out = {{"id", s.id},
              {"tenant_id", s.tenant_id.value},
              {"url", s.url},
              {"events", s.events},
              {"enabled", s.enabled},
              {"disabled_reason", s.disabled_reason.empty() ? json() : json(s.disabled_reason)},
              {"consecutive_failures", s.consecutive_failures},
              {"failing_since", s.failing_since ? json(format_rfc3339(*s.failing_since)) : json()},
              {"created_at", format_rfc3339(s.created_at)},
              {"updated_at", format_rfc3339(s.updated_at)}};
  if (with_secret) out["secret"] = s.secret;
  return out;
}

json OutboundWebhookService::to_json(const storage::WebhookDelivery& d) {
  json attempts = json::array();
  for (const auto& a : d.attempt_log) {
    attempts.push_back({{"number", a.number},
                        {"started_at", format_rfc3339(a.started_at)},
                        {"duration_ms", a.duration_ms},
                        {"status_code", a.status_code ? json(*a.status_code) : json()},
                        {"error", a.error.empty() ? json() : json(a.error)}});
  }
  return {{"id", d.id},
          {"subscription_id", d.subscription_id},
          {"event_id", d.event_id},
          {"event_type", d.event_type},
          {"state", std::string(storage::to_string(d.state))},
          {"attempt_count", d.attempts},
          {"created_at", format_rfc3339(d.created_at)},
          {"next_attempt_at", d.next_attempt_at ? json(format_rfc3339(*d.next_attempt_at)) : json()},
          {"delivered_at", d.delivered_at ? json(format_rfc3339(*d.delivered_at)) : json()},
          {"attempts", std::move(attempts)}};
}

}  // namespace sp::webhooks

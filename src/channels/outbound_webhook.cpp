#include "channels/outbound_webhook.hpp"

#include <algorithm>
#include <cmath>

#include "channels/text_util.hpp"
#include "channels/webhook.hpp"

namespace sp::channels {
namespace {

struct EventName {
  WebhookEventType type;
  std::string_view name;
};

constexpr EventName kEventNames[] = {
    {WebhookEventType::TicketCreated, "ticket.created"},
    {WebhookEventType::TicketUpdated, "ticket.updated"},
    {WebhookEventType::TicketSolved, "ticket.solved"},
    {WebhookEventType::MessageAdded, "message.added"},
    {WebhookEventType::SlaAtRisk, "sla.at_risk"},
    {WebhookEventType::SlaBreached, "sla.breached"},
    {WebhookEventType::SlaEscalated, "sla.escalated"},
    {WebhookEventType::SurveyAnswered, "survey.answered"},
    {WebhookEventType::SocialReply, "reply.social"},
    {WebhookEventType::AutomationFired, "automation.fired"},
};

Error bad_url(std::string message) {
  Error error = invalid_input(std::move(message), "url");
  error.kind = std::string(kinds::kWebhookBadUrl);
  return error;
}

}  // namespace

std::string_view to_string(WebhookEventType type) {
  for (const auto& entry : kEventNames) {
    if (entry.type == type) return entry.name;
  }
  return "unknown";
}

const std::vector<WebhookEventType>& all_webhook_event_types() {
  static const std::vector<WebhookEventType> all = [] {
    std::vector<WebhookEventType> types;
    for (const auto& entry : kEventNames) types.push_back(entry.type);
    return types;
  }();
  return all;
}

Result<WebhookEventType> parse_webhook_event_type(std::string_view text) {
  for (const auto& entry : kEventNames) {
    if (entry.name == text) return entry.type;
  }
  std::string shown(text.substr(0, 64));
  Error error = invalid_input(
      "unknown event '" + detail::make_valid_utf8(shown) +
          "'; known: ticket.created, ticket.updated, ticket.solved, message.added, "
          "sla.at_risk, sla.breached, sla.escalated, survey.answered, reply.social, automation.fired",
      "events");
  error.kind = std::string(kinds::kWebhookUnknownEvent);
  return error;
}

Result<std::vector<WebhookEventType>> parse_webhook_event_list(const nlohmann::json& names) {
  if (!names.is_array() || names.empty() || names.size() > 64) {
    return invalid_input("events must be a non-empty array of event names", "events");
  }
  std::vector<bool> chosen(std::size(kEventNames), false);
  for (const auto& name : names) {
    if (!name.is_string()) return invalid_input("events must be a non-empty array of event names", "events");
    auto type = parse_webhook_event_type(name.get_ref<const std::string&>());
    if (!type) return type.error();
    chosen[static_cast<std::size_t>(*type)] = true;
  }
  std::vector<WebhookEventType> types;
  for (std::size_t idx = 0; idx < chosen.size(); ++idx) {
    if (chosen[idx]) types.push_back(static_cast<WebhookEventType>(idx));
  }
  return types;
}

Result<void> check_webhook_url(std::string_view url) {
  if (url.empty() || url.size() > 2048) return bad_url("url must be 1 to 2048 bytes");
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F)
      return bad_url("url must not contain spaces, control or non-ASCII characters");
  }
  std::string_view rest;
  if (detail::istarts_with(url, "https://")) {
    rest = url.substr(8);
  } else if (detail::istarts_with(url, "http://")) {
    rest = url.substr(7);
  } else {
    return bad_url("url must start with http:// or https://");
  }
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return bad_url("url must not carry a user name or password");
  }
  // "[::1]:8080" keeps its brackets; otherwise the port follows the last ':'.
  const std::string_view host = authority.starts_with('[') ? authority.substr(0, authority.find(']') + 1)
                                                           : authority.substr(0, authority.find(':'));
  if (host.empty()) return bad_url("url must name a host");
  return {};
}

std::string webhook_event_body(const WebhookEvent& event) {
  nlohmann::json body = {
      {"id", event.id},
      {"type", std::string(to_string(event.type))},
      {"occurred_at", format_rfc3339(event.occurred_at)},
      {"tenant", {{"id", event.tenant_id}, {"slug", event.tenant_slug}}},
      {"data", event.data},
  };
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string webhook_signature_header(std::string_view secret, Timestamp signed_at, std::string_view body) {
  const std::string timestamp = std::to_string(to_unix_ms(signed_at) / 1000);
  return "t=" + timestamp + ",v1=" + sign_webhook(secret, timestamp, body);
}

Result<void> verify_webhook_signature_header(std::string_view secret, std::string_view header,
                                             std::string_view body, Timestamp now, Duration tolerance) {
  std::string_view timestamp;
  std::vector<std::string_view> signatures;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = detail::trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (item.starts_with("t=")) timestamp = item.substr(2);
    if (item.starts_with("v1=")) signatures.push_back(item.substr(3));
  }
  if (signatures.empty()) {
    return Error{ErrorCode::Unauthenticated,
                 "the header carries no v1 signature",
                 {},
                 std::string(kinds::kWebhookBadSignature)};
  }
  Result<void> verdict = {};
  for (const auto signature : signatures) {
    verdict = verify_webhook(secret, timestamp, body, signature, now, tolerance);
    if (verdict) return verdict;
  }
  return verdict;
}

std::optional<Timestamp> next_webhook_attempt(const WebhookRetryPolicy& policy, Timestamp created_at,
                                              int failed_attempts, Timestamp failed_at, double jitter_unit) {
  const int exponent = std::clamp(failed_attempts, 1, 40) - 1;
  const double base_ms =
      static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(policy.base_delay).count());
  const double max_ms =
      static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(policy.max_delay).count());
  double delay_ms = std::min(max_ms, base_ms * std::ldexp(1.0, exponent));
  const double unit = std::clamp(jitter_unit, 0.0, 1.0);
  delay_ms *= 1.0 + std::clamp(policy.jitter, 0.0, 1.0) * (2.0 * unit - 1.0);
  const Timestamp next = failed_at + std::chrono::milliseconds(static_cast<std::int64_t>(delay_ms));
  if (next > created_at + policy.window) return std::nullopt;
  return next;
}

bool should_disable_webhook(const WebhookDisablePolicy& policy, int consecutive_failures,
                            std::optional<Timestamp> failing_since, Timestamp now) {
  if (consecutive_failures <= 0) return false;
  if (consecutive_failures >= policy.max_consecutive_failures) return true;
  return failing_since && now - *failing_since >= policy.max_failing;
}

}  // namespace sp::channels

#include "intake/webhook_intake.hpp"

#include <functional>

#include "core/text.hpp"
#include "domain/validation.hpp"
#include "service/auth.hpp"

namespace sp::intake {

using storage::InboundReceipt;
using storage::Scope;

namespace {

constexpr std::size_t kMaxNonceBytes = 128;
constexpr std::string_view kCallThreadSource = "webhook:phone:call";
constexpr std::string_view kCallStateSource = "webhook:phone";

std::string secret_key(TenantId tenant) {
  return "tenant." + std::to_string(tenant.value) + ".webhook_secret";
}

// Nonces: 1-128 printable ASCII characters (UUIDs, random tokens).
Result<std::string> check_nonce(std::string_view nonce) {
  if (nonce.empty() || nonce.size() > kMaxNonceBytes) {
    return invalid_input("send a nonce of 1 to 128 printable characters in X-Servicepact-Nonce", "nonce");
  }
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7e) {
      return invalid_input("the nonce must be printable ASCII without spaces", "nonce");
    }
  }
  return std::string(nonce);
}

// The signature as the replay key: without the optional "sha256=" prefix, lower case.
std::string signature_key(std::string_view signature) {
  if (signature.starts_with("sha256=")) signature.remove_prefix(7);
  return "sig:" + text::ascii_lower(signature);
}

// Cuts at a UTF-8 character boundary at or below `max_bytes`.
std::string truncate_utf8(std::string_view text, std::size_t max_bytes) {
  return std::string(text::truncate_utf8(text, max_bytes));
}

// A subject from the first line of a social message.
std::string subject_from(std::string_view text, std::string_view fallback) {
  auto line = text.substr(0, text.find('\n'));
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
  if (line.empty()) return std::string(fallback);
  auto subject = truncate_utf8(line, 120);
  if (subject.size() < line.size()) subject += "...";
  return subject;
}

std::string call_note(const channels::CallRecord& call) {
  std::string note = "Call " + call.call_id + " from " + call.caller_number + ": " +
                     std::string(channels::to_string(call.state));
  switch (call.state) {
    case channels::CallState::Queued:
      break;
    case channels::CallState::Answered:
      if (!call.agent_email.empty()) note += " by " + call.agent_email;
      if (call.wait_seconds) note += " after " + std::to_string(*call.wait_seconds) + " s waiting";
      break;
    case channels::CallState::Abandoned:
      if (call.wait_seconds) note += " after " + std::to_string(*call.wait_seconds) + " s waiting";
      note += "; call the customer back";
      break;
    case channels::CallState::Ended:
      if (call.talk_seconds) note += " after " + std::to_string(*call.talk_seconds) + " s talking";
      break;
  }
  return note + ".";
}

bool is_duplicate(const Error& error) {
  return error.code == ErrorCode::Conflict && error.kind == kinds::kDuplicateIntake;
}

}  // namespace

std::string_view to_string(WebhookChannel channel) {
  return channel == WebhookChannel::Phone ? "phone" : "social";
}

WebhookIntake::WebhookIntake(service::HelpdeskService& helpdesk, storage::WebhookStore& webhooks,
                             WebhookOptions options)
    : helpdesk_(helpdesk), store_(helpdesk.store()), webhooks_(webhooks), options_(options) {}

std::mutex& WebhookIntake::lock_for(std::array<std::mutex, 64>& locks, std::string_view key) {
  return locks[std::hash<std::string_view>{}(key) % locks.size()];
}

Result<std::string> WebhookIntake::rotate_secret(TenantId tenant) {
  auto secret = service::random_token();
  SP_TRY(store_.put_setting(secret_key(tenant), secret));
  return secret;
}

Result<WebhookResult> WebhookIntake::handle(TenantId tenant, WebhookChannel channel,
                                            std::string_view timestamp_header,
                                            std::string_view signature_header, std::string_view nonce_header,
                                            std::string_view body, Timestamp now) {
  auto secret = store_.get_setting(secret_key(tenant));
  if (!secret) return secret.error();
  // Without a secret nothing verifies (verify_webhook refuses an empty secret), which answers
  // exactly like a wrong signature: callers learn nothing about the tenant's setup.
  SP_TRY(channels::verify_webhook(secret->value_or(std::string()), timestamp_header, body, signature_header,
                                  now, options_.tolerance));
  auto nonce = check_nonce(nonce_header);
  if (!nonce) return nonce.error();
  std::string signature = signature_key(signature_header);
  SP_TRY(remember_nonce(tenant, "nonce:" + *nonce, signature, now));

  Result<WebhookResult> result = Error{};
  if (channel == WebhookChannel::Phone) {
    auto call = channels::parse_call_record(body);
    result = call ? ingest_call(tenant, *call) : Result<WebhookResult>(call.error());
  } else {
    auto message = channels::parse_social_message(body);
    result = message ? ingest_social(tenant, *message) : Result<WebhookResult>(message.error());
  }
  // A temporary failure must not burn the nonce: the platform retries the same request.
  // Anything else (bad fields) would fail again, so the nonce stays spent.
  if (!result &&
      (result.error().code == ErrorCode::Unavailable || result.error().code == ErrorCode::Internal)) {
    forget_nonce(tenant, "nonce:" + *nonce, signature);
  }
  return result;
}

Result<void> WebhookIntake::remember_nonce(TenantId tenant, const std::string& nonce,
                                           const std::string& signature, Timestamp now) {
  // A request is accepted while its timestamp is within the tolerance of the clock, so one
  // seen at s can be replayed until s + 2 x tolerance at the latest; older rows can go.
  return webhooks_.remember_replay_keys(tenant, nonce, signature, now, now - 2 * options_.tolerance);
}

void WebhookIntake::forget_nonce(TenantId tenant, const std::string& nonce, const std::string& signature) {
  (void)webhooks_.forget_replay_keys(tenant, nonce, signature);
}

Result<Language> WebhookIntake::tenant_language(TenantId tenant) {
  auto found = store_.get_tenant(Scope::of(tenant), tenant);
  if (!found) return found.error();
  return found->default_language;
}

Result<Customer> WebhookIntake::customer_by_phone(TenantId tenant, const std::string& phone) {
  std::lock_guard lock(lock_for(customer_locks_, std::to_string(tenant.value) + " " + phone));
  storage::CustomerFilter filter;
  filter.phone = phone;
  filter.limit = 1;
  auto found = store_.list_customers(Scope::of(tenant), filter);
  if (!found) return found.error();
  if (!found->empty()) return found->front();
  auto language = tenant_language(tenant);
  if (!language) return language.error();
  Customer customer;
  customer.tenant_id = tenant;
  customer.name = phone;
  customer.phones = {phone};
  customer.language = *language;
  customer.created_at = helpdesk_.clock().now();
  return store_.create_customer(std::move(customer));
}

Result<Customer> WebhookIntake::customer_by_handle(TenantId tenant, const std::string& platform,
                                                   const std::string& handle) {
  std::lock_guard lock(
      lock_for(customer_locks_, std::to_string(tenant.value) + " " + platform + " " + handle));
  auto lookup = [&] { return webhooks_.find_social_identity(tenant, platform, handle); };
  auto known = lookup();
  if (!known) return known.error();
  if (*known) return store_.get_customer(Scope::of(tenant), **known);

  auto language = tenant_language(tenant);
  if (!language) return language.error();
  Customer customer;
  customer.tenant_id = tenant;
  std::string shown = handle.starts_with('@') ? handle : "@" + handle;
  customer.name = truncate_utf8(shown, kMaxNameBytes - platform.size() - 3) + " (" + platform + ")";
  customer.language = *language;
  customer.created_at = helpdesk_.clock().now();
  auto created = store_.create_customer(std::move(customer));
  if (!created) return created.error();
  // Another process may have mapped the handle meanwhile; the first mapping wins (the
  // customer made here then stays without contacts, which is harmless).
  SP_TRY(webhooks_.map_social_identity(tenant, platform, handle, created->id, created->created_at));
  auto mapped = lookup();
  if (!mapped) return mapped.error();
  if (*mapped && **mapped != created->id) return store_.get_customer(Scope::of(tenant), **mapped);
  return created;
}

Result<WebhookResult> WebhookIntake::ingest_call(TenantId tenant, const channels::CallRecord& call) {
  std::lock_guard lock(lock_for(thread_locks_, std::to_string(tenant.value) + " call " + call.call_id));
  const std::string state(channels::to_string(call.state));
  InboundReceipt state_receipt{std::string(kCallStateSource), call.call_id + ":" + state, {}, {}};
  WebhookResult result;

  auto ticket_id = store_.find_intake(tenant, std::string(kCallThreadSource), call.call_id);
  if (!ticket_id) return ticket_id.error();
  if (*ticket_id) {
    auto seen = store_.find_intake(tenant, state_receipt.source, state_receipt.external_id);
    if (!seen) return seen.error();
    if (*seen) return WebhookResult{**seen, false, true};
  } else {
    auto customer = customer_by_phone(tenant, call.caller_number);
    if (!customer) return customer.error();
    NewTicket ticket;
    ticket.subject = "Phone call from " + call.caller_number;
    ticket.channel = Channel::Phone;
    ticket.first_message = "Phone call " + call.call_id + " from " + call.caller_number + ".";
    auto opened =
        helpdesk_.open_customer_ticket(tenant, customer->id, std::move(ticket),
                                       InboundReceipt{std::string(kCallThreadSource), call.call_id, {}, {}});
    if (opened) {
      *ticket_id = opened->id;
      result.created = true;
    } else if (is_duplicate(opened.error())) {
      auto again = store_.find_intake(tenant, std::string(kCallThreadSource), call.call_id);
      if (!again) return again.error();
      if (!*again) return opened.error();
      *ticket_id = **again;
    } else {
      return opened.error();
    }
  }
  result.ticket = **ticket_id;

  // The state as an internal note and a CallRecorded event, in one transaction with its
  // receipt, so each state of each call is in the history exactly once.
  CallFacts facts{call.call_id,      state, call.wait_seconds, call.talk_seconds, call.agent_email,
                  call.caller_number};
  auto now = helpdesk_.clock().now();
  Actor system{ActorType::System, 0};
  std::string note = call_note(call);
  storage::NewMessage message{MessageKind::Note, system, note, now, std::move(state_receipt)};
  auto appended = store_.append_message(
      Scope::of(tenant), result.ticket, std::move(message),
      [&](const Ticket& current) -> Result<TicketChange> {
        auto change = domain::add_message(current, MessageKind::Note, note, system, now);
        if (!change) return change.error();
        auto event = domain::call_recorded_event(change->after, facts, system, now);
        if (!event) return event.error();
        change->events.push_back(std::move(*event));
        return change;
      });
  if (!appended) {
    if (is_duplicate(appended.error())) {
      result.duplicate = true;
      return result;
    }
    return appended.error();
  }
  // The KPI aggregates, SLA clocks and open pages learn of the call like of any change.
  helpdesk_.announce(*appended);
  return result;
}

Result<WebhookResult> WebhookIntake::ingest_social(TenantId tenant, const channels::SocialMessage& message) {
  const std::string thread_key = "social " + message.platform + " " + message.thread_id;
  std::lock_guard lock(lock_for(thread_locks_, std::to_string(tenant.value) + " " + thread_key));
  InboundReceipt receipt{"webhook:social:" + message.platform, message.message_id, {}, {}};
  auto seen = store_.find_intake(tenant, receipt.source, receipt.external_id);
  if (!seen) return seen.error();
  if (*seen) return WebhookResult{**seen, false, true};

  auto customer = customer_by_handle(tenant, message.platform, message.handle);
  if (!customer) return customer.error();
  auto thread = store_.find_ticket_by_mail_ids(tenant, {thread_key});
  if (!thread) return thread.error();
  if (*thread) {
    auto appended = helpdesk_.add_customer_message(tenant, customer->id, **thread, message.text, receipt);
    if (appended) return WebhookResult{**thread, false, false};
    if (is_duplicate(appended.error())) return WebhookResult{**thread, false, true};
    // A closed case is archived: the message opens a follow-up ticket below.
    if (appended.error().kind != kinds::kTicketClosed) return appended.error();
  }
  NewTicket ticket;
  ticket.subject = subject_from(message.text, "Message from " + customer->name);
  ticket.channel = Channel::Social;
  ticket.first_message = message.text;
  receipt.mail_message_ids = {thread_key};
  auto opened = helpdesk_.open_customer_ticket(tenant, customer->id, std::move(ticket), receipt);
  if (opened) return WebhookResult{opened->id, true, false};
  if (is_duplicate(opened.error())) {
    auto again = store_.find_intake(tenant, receipt.source, receipt.external_id);
    if (again && *again) return WebhookResult{**again, false, true};
  }
  return opened.error();
}

}  // namespace sp::intake

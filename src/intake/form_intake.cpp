#include "intake/form_intake.hpp"

#include "core/text.hpp"
#include "domain/validation.hpp"
#include "service/auth.hpp"

namespace sp::intake {

using storage::Scope;

namespace {

std::string secret_key(TenantId tenant) {
  return "tenant." + std::to_string(tenant.value) + ".form_secret";
}

// The token binds the render time to the tenant, so a token of one desk's form is useless
// on another's.
std::string context_of(TenantId tenant) {
  return "form:" + std::to_string(tenant.value);
}

std::string trimmed(std::string_view text) {
  return std::string(text::trim(text));
}

}  // namespace

std::vector<Error> check_form_fields(const FormFields& fields) {
  std::vector<Error> errors;
  if (trimmed(fields.name).empty()) {
    errors.push_back(invalid_input("enter your name", "name"));
  } else if (auto name = require_text(fields.name, "name", kMaxNameBytes); !name) {
    errors.push_back(name.error());
  }
  if (trimmed(fields.email).empty()) {
    errors.push_back(invalid_input("enter your e-mail address", "email"));
  } else if (auto email = normalise_email(trimmed(fields.email), "email"); !email) {
    errors.push_back(invalid_input("enter a valid e-mail address such as name@example.com", "email"));
  }
  if (trimmed(fields.subject).empty()) {
    errors.push_back(invalid_input("enter a subject", "subject"));
  } else if (auto subject = require_text(fields.subject, "subject", kMaxSubjectBytes); !subject) {
    errors.push_back(subject.error());
  }
  if (trimmed(fields.body).empty()) {
    errors.push_back(invalid_input("enter your message", "body"));
  } else if (auto body = require_text(fields.body, "body", kMaxBodyBytes, true); !body) {
    errors.push_back(body.error());
  }
  return errors;
}

FormIntake::FormIntake(service::HelpdeskService& helpdesk, FormOptions options)
    : helpdesk_(helpdesk), options_(options), limiter_(options.rate_limit) {}

Result<std::string> FormIntake::secret_for(TenantId tenant) {
  std::lock_guard lock(secrets_mutex_);
  if (auto cached = secrets_.find(tenant.value); cached != secrets_.end()) return cached->second;
  auto stored = helpdesk_.store().get_setting(secret_key(tenant));
  if (!stored) return stored.error();
  std::string secret;
  if (*stored && !(*stored)->empty()) {
    secret = **stored;
  } else {
    secret = service::random_token();
    SP_TRY(helpdesk_.store().put_setting(secret_key(tenant), secret));
  }
  secrets_[tenant.value] = secret;
  return secret;
}

Result<std::string> FormIntake::form_token(TenantId tenant, Timestamp now) {
  auto exists = helpdesk_.store().get_tenant(Scope::of(tenant), tenant);
  if (!exists) return exists.error();
  auto secret = secret_for(tenant);
  if (!secret) return secret.error();
  return channels::issue_form_token(*secret, context_of(tenant), now);
}

Result<FormResult> FormIntake::submit(TenantId tenant, const FormFields& fields,
                                      const std::string& client_address, Timestamp now) {
  auto found = helpdesk_.store().get_tenant(Scope::of(tenant), tenant);
  if (!found) return found.error();
  auto secret = secret_for(tenant);
  if (!secret) return secret.error();
  SP_TRY(channels::check_form_submission(*secret, context_of(tenant), {fields.honeypot, fields.token}, now,
                                         options_.guard));
  // After the bot checks, so forged posts cannot spend a person's allowance; before the
  // field checks, so guessing valid fields costs attempts too.
  if (!limiter_.allow(client_address, now)) {
    Error error = unavailable("too many messages from this address; try again in a few minutes");
    error.kind = kinds::kRateLimited;
    return error;
  }
  auto errors = check_form_fields(fields);
  if (!errors.empty()) return errors.front();
  auto email = normalise_email(trimmed(fields.email), "email");
  if (!email) return email.error();

  // Render times have millisecond resolution, so two people may hold the same token; the
  // address keeps their messages apart, while one person's double submit stays one ticket.
  storage::InboundReceipt receipt{"form", service::token_digest(fields.token + "\n" + *email), {}, {}};
  auto existing = [&]() -> Result<std::optional<FormResult>> {
    auto ticket_id = helpdesk_.store().find_intake(tenant, receipt.source, receipt.external_id);
    if (!ticket_id) return ticket_id.error();
    if (!*ticket_id) return std::optional<FormResult>{};
    auto ticket = helpdesk_.store().get_ticket(Scope::of(tenant), **ticket_id);
    if (!ticket) return ticket.error();
    return std::optional<FormResult>{FormResult{std::move(*ticket), true, std::nullopt}};
  };
  auto before = existing();
  if (!before) return before.error();
  if (*before) return std::move(**before);

  auto customer =
      helpdesk_.find_or_create_customer(tenant, *email, trimmed(fields.name), found->default_language);
  if (!customer) return customer.error();
  NewTicket ticket;
  ticket.subject = trimmed(fields.subject);
  ticket.channel = Channel::Web;
  ticket.first_message = fields.body;
  auto opened = helpdesk_.open_customer_ticket(tenant, customer->id, std::move(ticket), receipt);
  if (opened) {
    std::optional<Timestamp> due;
    if (acknowledger_) due = acknowledger_(*opened);
    return FormResult{std::move(*opened), false, due};
  }
  if (opened.error().code == ErrorCode::Conflict && opened.error().kind == kinds::kDuplicateIntake) {
    auto after = existing();
    if (after && *after) return std::move(**after);
  }
  return opened.error();
}

}  // namespace sp::intake

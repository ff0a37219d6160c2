#include "service/survey_service.hpp"

#include <sodium.h>

#include <spdlog/spdlog.h>

#include <charconv>

#include "domain/validation.hpp"

namespace sp::service {

namespace {

Error unknown_link() {
  return Error{
      ErrorCode::NotFound, "this survey link is unknown", {}, std::string(kinds::kSurveyLinkUnknown)};
}

Error expired_link() {
  return Error{
      ErrorCode::Unauthenticated, "this survey link has expired", {}, std::string(kinds::kSurveyLinkExpired)};
}

std::string setting_key(TenantId tenant) {
  return "tenant." + std::to_string(tenant.value) + ".survey_secret";
}

std::optional<std::int64_t> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

bool is_resolved(Status status) {
  return status == Status::Solved || status == Status::Closed;
}

}  // namespace

Result<void> SurveyService::check_answer(const storage::SurveyAnswer& answer) {
  if (answer.grade < 1 || answer.grade > 10) {
    return invalid_input("grade must be a whole number from 1 to 10", "grade");
  }
  if (answer.nps && (*answer.nps < 0 || *answer.nps > 10)) {
    return invalid_input("nps must be a whole number from 0 to 10", "nps");
  }
  if (answer.effort && (*answer.effort < 1 || *answer.effort > 5)) {
    return invalid_input("effort must be a whole number from 1 (very easy) to 5 (very hard)", "effort");
  }
  if (answer.comment.size() > kMaxSurveyCommentBytes) {
    return invalid_input("comment must be at most 2,000 bytes", "comment");
  }
  if (!is_valid_utf8(answer.comment)) return invalid_input("comment must be UTF-8", "comment");
  return {};
}

Result<std::string> SurveyService::tenant_secret(TenantId tenant, bool create) {
  // One process issues secrets; the lock keeps two first surveys of a tenant
  // from making two.
  std::lock_guard lock(secret_mutex_);
  auto& store = helpdesk_.store();
  auto stored = store.get_setting(setting_key(tenant));
  if (!stored) return stored.error();
  if (*stored && !(*stored)->empty()) return **stored;
  // A token presented for a tenant that never issued a survey cannot be valid; strangers
  // must not make the server write.
  if (!create) return unknown_link();
  std::string secret = random_token();
  SP_TRY(store.put_setting(setting_key(tenant), secret));
  return secret;
}

Result<std::string> SurveyService::sign(TenantId tenant, TicketId ticket, Timestamp expires_at,
                                        bool create_secret) {
  auto secret = tenant_secret(tenant, create_secret);
  if (!secret) return secret.error();
  const std::string payload =
      std::to_string(tenant.value) + "." + std::to_string(ticket.value) + "." +
      std::to_string(std::chrono::duration_cast<std::chrono::seconds>(expires_at.time_since_epoch()).count());
  const std::string message = "survey.v1|" + payload;
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret->data()), secret->size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char encoded[sodium_base64_ENCODED_LEN(crypto_auth_hmacsha256_BYTES,
                                         sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return payload + "." + encoded;
}

Result<SurveyService::Parsed> SurveyService::verify(const std::string& token, Timestamp now) {
  if (token.empty() || token.size() > 200) return unknown_link();
  std::string_view rest = token;
  std::string_view parts[4];
  for (int idx = 0; idx < 3; ++idx) {
    auto dot = rest.find('.');
    if (dot == std::string_view::npos) return unknown_link();
    parts[idx] = rest.substr(0, dot);
    rest.remove_prefix(dot + 1);
  }
  parts[3] = rest;
  auto tenant = parse_number(parts[0]);
  auto ticket = parse_number(parts[1]);
  auto expires = parse_number(parts[2]);
  if (!tenant || !ticket || !expires || parts[3].empty()) return unknown_link();
  Parsed parsed{TenantId{*tenant}, TicketId{*ticket}, from_unix_seconds(*expires)};
  auto tenant_row = helpdesk_.store().get_tenant(Scope::of(parsed.tenant), parsed.tenant);
  if (!tenant_row) {
    if (tenant_row.error().code == ErrorCode::NotFound) return unknown_link();
    return tenant_row.error();
  }
  auto expected = sign(parsed.tenant, parsed.ticket, parsed.expires_at, false);
  if (!expected) return expected.error();
  if (!constant_time_equal(*expected, token)) return unknown_link();
  if (now >= parsed.expires_at) return expired_link();
  return parsed;
}

bool SurveyService::excluded(const Ticket& ticket) {
  for (const auto& tag : ticket.tags) {
    if (tag == "spam" || tag == "mystery_shopper") return true;
  }
  return false;
}

Result<SurveyLink> SurveyService::issue(const Principal& p, TicketId id) {
  SP_TRY(require(p, Permission::WriteTickets));
  auto ticket = helpdesk_.get_ticket(p, id);
  if (!ticket) return ticket.error();
  return issue_ticket(*ticket);
}

Result<std::optional<SurveyLink>> SurveyService::open_link(const Ticket& ticket) {
  if (!is_resolved(ticket.status) || excluded(ticket)) return std::optional<SurveyLink>{};
  auto existing = surveys_.get_survey(Scope::of(ticket.tenant_id), ticket.id);
  if (!existing) return existing.error();
  if (*existing && (*existing)->answered_at) return std::optional<SurveyLink>{};
  auto link = issue_ticket(ticket);
  if (!link && link.error().kind == kinds::kSurveyAlreadyAnswered) return std::optional<SurveyLink>{};
  if (!link) return link.error();
  return std::optional<SurveyLink>{*link};
}

Result<std::optional<SurveyLink>> SurveyService::invitation_on_solve(const Ticket& ticket) {
  if (ticket.status != Status::Solved || excluded(ticket)) return std::optional<SurveyLink>{};
  auto existing = surveys_.get_survey(Scope::of(ticket.tenant_id), ticket.id);
  if (!existing) return existing.error();
  if (*existing) {
    const auto& survey = **existing;
    if (survey.answered_at || survey.expires_at > helpdesk_.clock().now()) {
      return std::optional<SurveyLink>{};
    }
  }
  auto link = issue_ticket(ticket);
  if (!link && link.error().kind == kinds::kSurveyAlreadyAnswered) return std::optional<SurveyLink>{};
  if (!link) return link.error();
  // Another process may have issued it between our read and our write: send only ours.
  if (!link->created) return std::optional<SurveyLink>{};
  return std::optional<SurveyLink>{*link};
}

Result<SurveyLink> SurveyService::issue_ticket(const Ticket& ticket) {
  const TicketId id = ticket.id;
  if (!is_resolved(ticket.status)) {
    return conflict(
        "a survey is sent once the ticket is solved; its status is " + std::string(to_string(ticket.status)),
        kinds::kTicketNotSolved);
  }
  const auto scope = Scope::of(ticket.tenant_id);
  auto existing = surveys_.get_survey(scope, id);
  if (!existing) return existing.error();
  if (*existing && (*existing)->answered_at) {
    return conflict("the customer has already answered this ticket's survey", kinds::kSurveyAlreadyAnswered);
  }
  const Timestamp now = helpdesk_.clock().now();
  // Whole seconds, so the expiry in the token and in the row agree.
  const Timestamp expires_at = std::chrono::floor<std::chrono::seconds>(now + link_lifetime_);
  auto token = sign(ticket.tenant_id, id, expires_at);
  if (!token) return token.error();
  storage::SurveyRecord record{ticket.tenant_id, id, token_digest(*token), now, expires_at, {}, {}};
  auto stored = surveys_.issue_survey(record);
  if (!stored) return stored.error();
  if (stored->answered_at) {
    return conflict("the customer has already answered this ticket's survey", kinds::kSurveyAlreadyAnswered);
  }
  SurveyLink link;
  link.ticket = id;
  link.created = stored->token_hash == record.token_hash && stored->created_at == now;
  link.token = *token;
  if (stored->token_hash != record.token_hash) {
    auto kept = sign(ticket.tenant_id, id,
                     stored->expires_at);  // the link issued before
    if (!kept) return kept.error();
    if (token_digest(*kept) != stored->token_hash) return internal_error("survey token mismatch");
    link.token = *kept;
  }
  link.path = "/survey?token=" + link.token;
  link.expires_at = stored->expires_at;
  return link;
}

Result<SurveyForm> SurveyService::form(const std::string& token) {
  auto parsed = verify(token, helpdesk_.clock().now());
  if (!parsed) return parsed.error();
  const auto scope = Scope::of(parsed->tenant);
  auto survey = surveys_.get_survey(scope, parsed->ticket);
  if (!survey) return survey.error();
  if (!*survey || (*survey)->token_hash != token_digest(token)) return unknown_link();
  auto& store = helpdesk_.store();
  auto tenant = store.get_tenant(scope, parsed->tenant);
  if (!tenant) return tenant.error();
  auto ticket = store.get_ticket(scope, parsed->ticket);
  if (!ticket) return ticket.error();
  SurveyForm form{*tenant, *ticket, tenant->default_language, (*survey)->expires_at, (*survey)->answered_at};
  if (auto customer = store.get_customer(scope, ticket->requester_id)) {
    form.language = customer->language;
  }
  return form;
}

Result<void> SurveyService::answer(const std::string& token, const storage::SurveyAnswer& answer) {
  const Timestamp now = helpdesk_.clock().now();
  auto parsed = verify(token, now);
  if (!parsed) return parsed.error();
  SP_TRY(check_answer(answer));
  SP_TRY(surveys_.answer_survey(parsed->tenant, parsed->ticket, token_digest(token), answer, now));
  if (answer_observer_) answer_observer_(parsed->tenant, parsed->ticket);
  return {};
}

std::string SurveyInviter::closing_message(Language language, TicketId ticket, const std::string& url) {
  const std::string ref = "T-" + std::to_string(ticket.value);
  switch (language) {
    case Language::Nl:
      return "Uw vraag " + ref + " is opgelost. Hoe hebben we het gedaan? Laat het ons weten:\n" + url;
    case Language::Zh:
      return "您的请求 " + ref + " 已解决。我们做得怎么样？请告诉我们：\n" + url;
    case Language::En:
      break;
  }
  return "Your request " + ref + " is solved. How did we do? Let us know:\n" + url;
}

void SurveyInviter::ticket_changed(const Ticket& ticket, TicketChangeKind change) {
  // Only the update that made the ticket solved: it sets solved_at to its own instant.
  if (change != TicketChangeKind::Updated || ticket.status != Status::Solved || !ticket.solved_at ||
      *ticket.solved_at != ticket.updated_at) {
    return;
  }
  auto link = surveys_.invitation_on_solve(ticket);
  if (!link) {
    spdlog::warn("survey for T-{} not issued: {}", ticket.id.value, link.error().message);
    return;
  }
  if (!*link) return;
  auto customer = helpdesk_.store().get_customer(Scope::of(ticket.tenant_id), ticket.requester_id);
  const Language language = customer ? customer->language : Language::En;
  auto sent = helpdesk_.add_system_reply(ticket.tenant_id, ticket.id,
                                         closing_message(language, ticket.id, public_url_ + (*link)->path));
  if (!sent) spdlog::warn("survey invitation on T-{} not added: {}", ticket.id.value, sent.error().message);
}

}  // namespace sp::service

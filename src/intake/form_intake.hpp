// The public web form: a customer without an account writes to a tenant's desk. Each render
// carries a time-trap token signed with the tenant's form secret (setting
// "tenant.<id>.form_secret", made on first use); a submission passes the bot checks
// (honeypot, time trap: channels/form_guard.hpp), a per-client-address rate limit (by
// default 5 per 10 minutes: a bucket of 5 regaining one every 2 minutes) and field
// validation, then finds or creates the customer by e-mail and opens a ticket (channel web)
// with the receipt ("form", SHA-256 of the token): the same form sent twice is one ticket.
//
// Thread-safe. Rate-limit state lives in memory (per process), which is what it is for: a
// restart forgives, a fleet of servers multiplies the allowance by its size.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "channels/form_guard.hpp"
#include "service/helpdesk.hpp"

namespace sp::kinds {
inline constexpr std::string_view kRateLimited = "rate-limited";
}  // namespace sp::kinds

namespace sp::intake {

using namespace sp::domain;  // NOLINT

struct FormFields {
  std::string name;
  std::string email;
  std::string subject;
  std::string body;
  std::string honeypot;  // the hidden "website" field: humans leave it empty
  std::string token;     // from form_token()
};

struct FormOptions {
  channels::FormGuardPolicy guard;
  channels::RateLimiter::Config rate_limit{5, std::chrono::minutes(2), 100000};
};

struct FormResult {
  Ticket ticket;
  bool duplicate = false;               // this form was already sent: its ticket
  std::optional<Timestamp> answer_due;  // not known here yet (acknowledgements add it)
};

// Every field problem of a submission (not the bot checks), in form order; each an
// InvalidInput error naming the field ("name", "email", "subject", "body"). Pure.
std::vector<Error> check_form_fields(const FormFields& fields);

class FormIntake {
 public:
  explicit FormIntake(service::HelpdeskService& helpdesk, FormOptions options = {});

  // A fresh token for a form of `tenant` rendered at `now`. Fails with NotFound for an
  // unknown tenant, Unavailable when storage is busy.
  Result<std::string> form_token(TenantId tenant, Timestamp now);

  // Checks and files a submission from `client_address`. Fails with Forbidden (kind
  // kinds::kFormHoneypot, kFormBadToken, kFormTooFast or kFormExpired), Unavailable kind
  // kinds::kRateLimited when the address sent too much, InvalidInput naming the first bad field,
  // or the helpdesk's errors. A repeated token returns the ticket it opened, duplicate set.
  Result<FormResult> submit(TenantId tenant, const FormFields& fields, const std::string& client_address,
                            Timestamp now);
  // Called for every new ticket (not for duplicates): acknowledges it (by e-mail) and
  // returns the promised answer time for the thank-you page. Set while wiring.
  using Acknowledger = std::function<std::optional<Timestamp>(const Ticket&)>;
  void set_acknowledger(Acknowledger acknowledger) { acknowledger_ = std::move(acknowledger); }

 private:
  Result<std::string> secret_for(TenantId tenant);

  service::HelpdeskService& helpdesk_;
  FormOptions options_;
  channels::RateLimiter limiter_;
  Acknowledger acknowledger_;
  std::mutex secrets_mutex_;
  std::map<std::int64_t, std::string> secrets_;  // tenant id -> form secret (cache)
};

}  // namespace sp::intake

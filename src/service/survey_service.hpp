// Customer surveys after a ticket is solved (issue 8, "Feedback and
// improvement"): an agent issues a link for a solved (or closed) ticket; the
// customer opens it without signing in and answers once: a grade 1-10, "were
// you helped?", NPS 0-10, effort 1-5 (1 very easy, 5 very hard) and a comment
// of at most 2,000 bytes. The answers feed the KPI reports.
//
// Links: the token is "<tenant>.<ticket>.<expires, Unix seconds>.<signature>",
// the signature an HMAC-SHA256 with a per-tenant secret (settings key
// "tenant.<id>.survey_secret", made on first use), so issuing twice returns the
// same link until it expires (30 days by default). Only the token's SHA-256
// digest is stored; a token must both verify and match the stored digest.
// Errors with stable kinds: "survey-link-unknown" (NotFound),
// "survey-link-expired" (Unauthenticated; the API answers 410),
// "survey-already-answered" and "ticket-not-solved" (Conflict). Thread-safe;
// reads the clock once per call.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "service/helpdesk.hpp"
#include "storage/survey_store.hpp"

namespace sp::service {

inline constexpr Duration kSurveyLinkLifetime = std::chrono::hours(24 * 30);
inline constexpr std::size_t kMaxSurveyCommentBytes = 2000;

struct SurveyLink {
  TicketId ticket;
  std::string token;
  std::string path;  // "/survey?token=...", the page that works without the web app
  Timestamp expires_at;
  bool created = false;  // false: the link issued before is returned again
};

// What the survey page shows: whose ticket, in which language.
struct SurveyForm {
  Tenant tenant;
  Ticket ticket;
  Language language = Language::En;  // the requester's
  Timestamp expires_at;
  std::optional<Timestamp> answered_at;
};

class SurveyService {
 public:
  SurveyService(HelpdeskService& helpdesk, storage::SurveyStore& surveys,
                Duration link_lifetime = kSurveyLinkLifetime)
      : helpdesk_(helpdesk), surveys_(surveys), link_lifetime_(link_lifetime) {}

  // The survey link of a solved or closed ticket the principal may change
  // (agents, supervisors, admins): a new one, or the unexpired one issued
  // before. Conflict "ticket-not-solved" for other statuses,
  // "survey-already-answered" when answered; NotFound as for get_ticket.
  Result<SurveyLink> issue(const Principal& p, TicketId id);

  // The link the customer may still use for a solved or closed ticket (issued now when
  // none is valid), or nullopt when answered, excluded or not solved. For the portal.
  Result<std::optional<SurveyLink>> open_link(const Ticket& ticket);

  // The invitation to send when `ticket` was just solved: a new link, or nullopt when none
  // should be sent. Decision (issue 8, "only once per ticket"): no invitation when the
  // ticket already has an answered survey or an unexpired link (a reopened ticket solved
  // again within 30 days is not asked twice); a new one when the earlier link expired
  // unanswered; never for tickets tagged "spam" or "mystery_shopper" (they never count).
  Result<std::optional<SurveyLink>> invitation_on_solve(const Ticket& ticket);

  // Tickets that never get a survey: tagged "spam" or "mystery_shopper".
  static bool excluded(const Ticket& ticket);

  // The survey behind `token` (also when answered: answered_at is set).
  // NotFound "survey-link-unknown" for malformed, forged or superseded tokens;
  // Unauthenticated "survey-link-expired" after expiry.
  Result<SurveyForm> form(const std::string& token);

  // Records the answer (checked by check_answer first). Errors as form(), plus
  // Conflict "survey-already-answered" for a second answer.
  Result<void> answer(const std::string& token, const storage::SurveyAnswer& answer);

  // Told after an answer is stored (the KPI aggregates re-measure the ticket). Set while
  // wiring, before requests are served.
  void set_answer_observer(std::function<void(TenantId, TicketId)> observer) {
    answer_observer_ = std::move(observer);
  }

  // InvalidInput naming the field ("grade", "nps", "effort", "comment") when
  // out of range.
  static Result<void> check_answer(const storage::SurveyAnswer& answer);

 private:
  struct Parsed {
    TenantId tenant;
    TicketId ticket;
    Timestamp expires_at;
  };
  // The tenant's signing secret; made when missing and `create`, else NotFound.
  Result<std::string> tenant_secret(TenantId tenant, bool create);
  Result<std::string> sign(TenantId tenant, TicketId ticket, Timestamp expires_at, bool create_secret = true);
  Result<Parsed> verify(const std::string& token, Timestamp now);
  // issue() after the principal's checks: the ticket is trusted to be its tenant's.
  Result<SurveyLink> issue_ticket(const Ticket& ticket);

  HelpdeskService& helpdesk_;
  storage::SurveyStore& surveys_;
  Duration link_lifetime_;
  std::mutex secret_mutex_;
  std::function<void(TenantId, TicketId)> answer_observer_;
};

// Sends the survey link automatically: when a ticket's status changes to solved, adds an
// outbound system message to the customer in their language ("Your request T-12 is solved.
// How did we do? <public_url>/survey?token=..."), which ReplyMailer mails on e-mail tickets.
// Register it last (after the SLA engine, the change feed and the mailers), so they see
// the status change before the message. Failures are logged, never thrown.
class SurveyInviter final : public TicketObserver {
 public:
  // `public_url` without a trailing slash, e.g. "https://support.example.com".
  SurveyInviter(HelpdeskService& helpdesk, SurveyService& surveys, std::string public_url)
      : helpdesk_(helpdesk), surveys_(surveys), public_url_(std::move(public_url)) {}
  void ticket_changed(const Ticket& ticket, TicketChangeKind change) override;

  // The closing message's text in `language`. Pure.
  static std::string closing_message(Language language, TicketId ticket, const std::string& url);

 private:
  HelpdeskService& helpdesk_;
  SurveyService& surveys_;
  std::string public_url_;
};

}  // namespace sp::service

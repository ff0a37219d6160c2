// Storage of customer surveys (issue 8, "Feedback and improvement"): one survey
// per solved ticket, reached through a link whose token is stored only as a
// digest, answered at most once. Same contract as store.hpp: every call is a
// durable transaction, Scope filters by tenant, and the schema's composite
// foreign key ties a survey to a ticket of its tenant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace sp::storage {

// What the customer answered. Ranges are checked by the service before storing.
struct SurveyAnswer {
  int grade = 0;              // 1..10
  bool helped = false;        // "were you helped?"
  std::optional<int> nps;     // 0..10 ("would you recommend us?")
  std::optional<int> effort;  // 1 (very easy) .. 5 (very hard)
  std::string comment;        // at most 2,000 bytes of UTF-8
};

struct SurveyRecord {
  TenantId tenant_id;
  TicketId ticket_id;
  std::string token_hash;  // lower-case hex SHA-256 of the link token
  Timestamp created_at;
  Timestamp expires_at;
  std::optional<Timestamp> answered_at;
  std::optional<SurveyAnswer> answer;  // set when answered
};

// An answer with the ticket it is about, for feedback topics and recurring issues.
struct SurveyFeedback {
  TicketId ticket_id;
  CustomerId customer_id;  // the ticket's requester
  std::string subject;
  std::string category;
  Timestamp ticket_created_at;
  Timestamp answered_at;
  SurveyAnswer answer;
};

inline constexpr int kMaxFeedbackAnswers = 5'000;

class SurveyStore {
 public:
  virtual ~SurveyStore() = default;

  // The survey of a ticket, or nullopt when none was issued.
  virtual Result<std::optional<SurveyRecord>> get_survey(const Scope& scope, TicketId ticket) = 0;

  // Stores `survey` when the ticket has none, or replaces the token of an
  // unanswered survey whose link expired at or before survey.created_at;
  // otherwise keeps the stored one. Returns the survey as stored afterwards (so
  // concurrent issuers agree on one link).
  virtual Result<SurveyRecord> issue_survey(const SurveyRecord& survey) = 0;

  // Records the answer of the unanswered survey of (tenant, ticket) whose token
  // digest is `token_hash`. Fails with Conflict kind "survey-already-answered"
  // when it was answered before, NotFound when no survey has that digest.
  virtual Result<void> answer_survey(TenantId tenant, TicketId ticket, const std::string& token_hash,
                                     const SurveyAnswer& answer, Timestamp now) = 0;

  // Answers (answered before `to`) of the tenant's tickets created in [from,
  // to), for KPI reports: (ticket, answer) pairs in ticket order.
  virtual Result<std::vector<std::pair<TicketId, SurveyAnswer>>> answers_for_report(const Scope& scope,
                                                                                    Timestamp from,
                                                                                    Timestamp to) = 0;

  // Answers given in [from, to) with their ticket's requester, subject and category, oldest
  // answer first (then ticket id), at most `limit` (clamped to 1..kMaxFeedbackAnswers).
  // Requires a tenant scope (InvalidInput otherwise).
  virtual Result<std::vector<SurveyFeedback>> answers_with_tickets(const Scope& scope, Timestamp from,
                                                                   Timestamp to, int limit) = 0;
};

}  // namespace sp::storage

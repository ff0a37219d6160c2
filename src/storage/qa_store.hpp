// Storage of quality assurance (issue 18, migration 26): the daily samples, the reviews scored
// on them, and the violation register. Same contract as store.hpp: every call is a durable
// transaction and every query names the tenant.
//
// Exactly once: `record_daily_sample` inserts the (tenant, day) mark and the day's samples in
// one transaction, and nothing when the mark was there, so a day is drawn once whatever the
// number of job passes, restarts or nodes. `handled_tickets` reads one day of one tenant by the
// (tenant_id, created_at) index of messages and the (tenant_id, at) index of ticket events,
// never the whole ticket table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/scope.hpp"

namespace sp::storage {

using QaSampleId = Id<struct QaSampleTag>;
using QaReviewId = Id<struct QaReviewTag>;
using QaViolationId = Id<struct QaViolationTag>;
using QaTrainingId = Id<struct QaTrainingTag>;
using QaCertificationId = Id<struct QaCertificationTag>;

// An agent's reply on or solving of a ticket in a period (one row per agent and ticket).
struct HandledRow {
  AgentId agent_id;
  TicketId ticket_id;
  Channel channel = Channel::Email;
  std::vector<std::string> tags;
};

struct QaSample {
  QaSampleId id;
  TenantId tenant_id;
  std::string day;  // local day of the tenant, "YYYY-MM-DD"
  AgentId agent_id;
  TicketId ticket_id;
  Channel channel = Channel::Email;
  Timestamp drawn_at;
  int reviews = 0;  // reviews submitted on it
};

struct QaSampleFilter {
  std::optional<AgentId> not_reviewed_by;  // the queue of this reviewer
  std::optional<AgentId> agent_id;
  std::optional<std::string> day;
  std::optional<std::int64_t> before_id;  // cursor: ids below it
  int limit = 50;
};

enum class QaReviewState { Submitted, Acknowledged, Disputed };
std::string_view to_string(QaReviewState state);
Result<QaReviewState> parse_qa_review_state(std::string_view name);

struct QaReview {
  QaReviewId id;
  TenantId tenant_id;
  std::optional<QaSampleId> sample_id;
  TicketId ticket_id;
  AgentId agent_id;            // the reviewed agent
  AgentId reviewer_id;         // who scored
  std::string scorecard_json;  // the scorecard as it was when scored
  std::string scores_json;     // [{key, score, comment}]
  std::optional<double> score;
  bool critical_fail = false;
  std::string comment;
  QaReviewState state = QaReviewState::Submitted;
  std::string response;  // the agent's dispute reason or acknowledgement note
  Timestamp created_at;
  std::optional<Timestamp> responded_at;
};

struct QaReviewFilter {
  std::optional<AgentId> agent_id;
  std::optional<AgentId> reviewer_id;
  std::optional<TicketId> ticket_id;
  std::optional<QaReviewState> state;
  std::optional<Timestamp> from, to;  // created_at in [from, to)
  std::optional<std::int64_t> before_id;
  int limit = 50;
};

enum class QaViolationStatus { Open, Investigating, Closed };
std::string_view to_string(QaViolationStatus status);
Result<QaViolationStatus> parse_qa_violation_status(std::string_view name);

struct QaViolation {
  QaViolationId id;
  TenantId tenant_id;
  TicketId ticket_id;
  AgentId reported_by;
  std::optional<AgentId> agent_id;  // whose conduct is reported, when named
  int section = 0;                  // section of the code of conduct, 1..10
  std::string description;
  QaViolationStatus status = QaViolationStatus::Open;
  std::string outcome;
  std::optional<AgentId> handled_by;
  Timestamp created_at;
  Timestamp updated_at;
};

struct QaViolationFilter {
  std::optional<QaViolationStatus> status;
  std::optional<AgentId> reported_by;  // an agent sees the reports they made
  std::optional<std::int64_t> before_id;
  int limit = 50;
};

struct QaTraining {
  QaTrainingId id;
  TenantId tenant_id;
  std::string title;
  Timestamp held_at;
  int duration_minutes = 0;
  AgentId created_by;
  Timestamp created_at;
  std::vector<AgentId> attendees;  // ascending ids
};

struct QaCertification {
  QaCertificationId id;
  TenantId tenant_id;
  AgentId agent_id;
  std::string name;
  Timestamp issued_at;
  Timestamp expires_at;
  Timestamp created_at;
};

struct QaCertificationFilter {
  std::optional<AgentId> agent_id;
  std::optional<Timestamp> valid_at;  // issued_at <= valid_at < expires_at
  int limit = 100;
};

class QaStore {
 public:
  virtual ~QaStore() = default;

  // Tickets that agents of the tenant replied on (outbound messages) or solved in [from, to),
  // at most `limit` rows.
  virtual Result<std::vector<HandledRow>> handled_tickets(TenantId tenant, Timestamp from, Timestamp to,
                                                          int limit) = 0;
  // Whether the tenant's day has been drawn.
  virtual Result<bool> sample_drawn(TenantId tenant, const std::string& day) = 0;
  // In one transaction, only if the day was not drawn: marks it drawn and stores `samples`.
  // Returns whether this call drew it.
  virtual Result<bool> record_daily_sample(TenantId tenant, const std::string& day, Timestamp drawn_at,
                                           const std::vector<QaSample>& samples) = 0;
  virtual Result<QaSample> get_sample(TenantId tenant, QaSampleId id) = 0;
  // Newest first (id descending).
  virtual Result<std::vector<QaSample>> list_samples(TenantId tenant, const QaSampleFilter& filter) = 0;

  // Stores a review (id assigned). Conflict when the reviewer already reviewed that sample.
  virtual Result<QaReview> create_review(QaReview review) = 0;
  virtual Result<QaReview> get_review(TenantId tenant, QaReviewId id) = 0;
  // Newest first.
  virtual Result<std::vector<QaReview>> list_reviews(TenantId tenant, const QaReviewFilter& filter) = 0;
  // Moves a submitted review of `agent` to acknowledged or disputed with `response`. Returns
  // false when it was not submitted any more; NotFound when it is not the tenant's.
  virtual Result<bool> respond_review(TenantId tenant, QaReviewId id, QaReviewState state,
                                      const std::string& response, Timestamp at) = 0;

  virtual Result<QaViolation> create_violation(QaViolation violation) = 0;
  virtual Result<QaViolation> get_violation(TenantId tenant, QaViolationId id) = 0;
  virtual Result<std::vector<QaViolation>> list_violations(TenantId tenant,
                                                           const QaViolationFilter& filter) = 0;
  // Writes status, outcome, handled_by and updated_at of the tenant's violation.
  virtual Result<QaViolation> update_violation(const QaViolation& violation) = 0;

  // Stores a training and its attendees in one transaction. Conflict when an attendee is not an
  // agent of the tenant.
  virtual Result<QaTraining> create_training(QaTraining training) = 0;
  virtual Result<QaTraining> get_training(TenantId tenant, QaTrainingId id) = 0;
  // Adds attendees (already present ones are ignored); Conflict for an agent of another tenant.
  virtual Result<QaTraining> add_attendees(TenantId tenant, QaTrainingId id,
                                           const std::vector<AgentId>& agents) = 0;
  // Trainings held in [from, to), newest first, at most `limit`.
  virtual Result<std::vector<QaTraining>> list_trainings(TenantId tenant, Timestamp from, Timestamp to,
                                                         int limit) = 0;
  virtual Result<QaCertification> create_certification(QaCertification certification) = 0;
  // By expiry, soonest first.
  virtual Result<std::vector<QaCertification>> list_certifications(TenantId tenant,
                                                                   const QaCertificationFilter& filter) = 0;
  // Distinct agents of the tenant with a certification valid at `at`.
  virtual Result<int> certified_agents(TenantId tenant, Timestamp at) = 0;
};

}  // namespace sp::storage

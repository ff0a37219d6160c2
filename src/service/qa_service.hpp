// Quality assurance (issue 18): the daily sample, scorecards, reviews, calibration and the
// violation register, on top of quality/ (pure) and storage/qa_store.hpp.
//
// Roles: QA reviewers, supervisors and admins score reviews, see the queue and every review,
// and change the scorecard (reviewers may not change it); an agent sees only the reviews of
// their own work and is the only one who acknowledges or disputes them. A reviewer never
// reviews their own work. Objects of other tenants are NotFound (resolve_tenant).
//
// The daily draw (`draw_due`, run by jobs::QaSampleJob): for each tenant, each of the last
// seven local days (tenant zone) that ended and was not drawn yet is drawn once: the tickets
// agents replied on or solved that day, without spam and mystery-shopper contacts (those are
// not customer contacts, DESIGN.md capability 8), N per agent from the charter's
// rhythm.daily_qa_samples (5 without a charter), seeded by quality::sample_seed(tenant, day).
// Thread-safe; reads the Clock once per operation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "charter/charter.hpp"
#include "core/clock.hpp"
#include "quality/agreement.hpp"
#include "quality/scorecard.hpp"
#include "service/helpdesk.hpp"
#include "storage/qa_store.hpp"

namespace sp::service {

inline constexpr std::string_view kQaAlreadyReviewed = "qa-already-reviewed";
inline constexpr std::string_view kQaReviewAnswered = "qa-review-answered";
inline constexpr std::string_view kQaOwnWork = "qa-own-work";
// Days looked back for days not drawn yet (a server down over a weekend still draws them).
inline constexpr int kQaLookbackDays = 7;
// The most handled (agent, ticket) pairs of one tenant's day the draw reads.
inline constexpr int kQaMaxHandledPerDay = 50'000;
inline constexpr std::size_t kMaxQaTextBytes = 4000;
inline constexpr std::size_t kMaxQaAttendees = 500;

struct QaQueueItem {
  storage::QaSample sample;
  std::string subject;     // the ticket's subject
  std::string agent_name;  // the reviewed agent
};

struct NewQaReview {
  storage::QaSampleId sample_id;
  std::vector<quality::CriterionScore> scores;
  std::string comment;
};

struct QaDrawSummary {
  int days = 0;     // days drawn by this pass
  int samples = 0;  // samples stored by this pass
};

struct QaCriterionAgreement {
  std::string key;
  quality::AlphaResult agreement;
};
struct QaCalibration {
  Timestamp from, to;
  quality::AlphaMetric metric = quality::AlphaMetric::Interval;
  int samples = 0;    // samples with reviews of two or more reviewers in the period
  int reviews = 0;    // reviews on those samples
  int reviewers = 0;  // distinct reviewers among them
  std::vector<QaCriterionAgreement> criteria;
  quality::AlphaResult overall;  // on the review scores (percent)
};

struct QaAgentFigures {
  AgentId agent_id;
  std::string name;
  std::optional<TeamId> team_id;
  int reviews = 0;
  int critical_fails = 0;
  std::optional<double> mean_score;
  int disputed = 0;
};
struct QaTeamFigures {
  std::optional<TeamId> team_id;
  int reviews = 0;
  int critical_fails = 0;
  std::optional<double> mean_score;
};
struct QaReport {
  Timestamp from, to;
  int reviews = 0;
  int critical_fails = 0;
  std::optional<double> critical_fail_share;  // critical_fails / reviews
  std::optional<double> mean_score;
  int disputed = 0;
  int samples_drawn = 0;
  std::vector<QaAgentFigures> agents;
  std::vector<QaTeamFigures> teams;
  std::optional<double> calibration_alpha;  // overall, interval
  int violations_reported = 0;
  int violations_open = 0;
  int trainings_held = 0;                // in [from, to)
  int trainings_promised_per_month = 0;  // the charter's rhythm.monthly_trainings
  int agents_certified = 0;              // with a certification valid at `to`
};

struct QaTrainingInput {
  std::string title;
  Timestamp held_at;
  int duration_minutes = 60;
  std::vector<AgentId> attendees;
};
struct QaCertificationInput {
  AgentId agent_id;
  std::string name;
  Timestamp issued_at;
  Timestamp expires_at;
};

struct QaViolationInput {
  TicketId ticket_id;
  std::optional<AgentId> agent_id;
  int section = 0;
  std::string description;
};
struct QaViolationChange {
  std::optional<storage::QaViolationStatus> status;
  std::optional<std::string> outcome;
};

class QaService {
 public:
  QaService(HelpdeskService& helpdesk, storage::QaStore& qa, const Clock& clock)
      : helpdesk_(helpdesk), qa_(qa), clock_(clock) {}

  // The tenant's scorecard (the default until one is put). Everyone of the tenant reads it.
  Result<quality::Scorecard> scorecard(const Principal& p, std::optional<TenantId> tenant);
  // Admins and supervisors; validated (InvalidInput naming the field).
  Result<quality::Scorecard> put_scorecard(const Principal& p, std::optional<TenantId> tenant,
                                           const nlohmann::json& body);

  // The reviewer's queue: samples not reviewed by them and not of their own work, newest first.
  Result<std::vector<QaQueueItem>> queue(const Principal& p, std::optional<TenantId> tenant,
                                         storage::QaSampleFilter filter);
  Result<QaQueueItem> sample(const Principal& p, std::optional<TenantId> tenant, storage::QaSampleId id);

  // Scores a sample on the tenant's current scorecard (kept with the review). Reviewers only;
  // Forbidden kind kQaOwnWork on one's own work; Conflict kQaAlreadyReviewed the second time.
  Result<storage::QaReview> submit_review(const Principal& p, std::optional<TenantId> tenant,
                                          NewQaReview input);
  // Reviewers see every review of the tenant, an agent only their own (others NotFound).
  Result<storage::QaReview> review(const Principal& p, std::optional<TenantId> tenant,
                                   storage::QaReviewId id);
  Result<std::vector<storage::QaReview>> reviews(const Principal& p, std::optional<TenantId> tenant,
                                                 storage::QaReviewFilter filter);
  // The reviewed agent only: acknowledged (with an optional note) or disputed (with a reason,
  // required). Conflict kQaReviewAnswered once answered.
  Result<storage::QaReview> respond(const Principal& p, std::optional<TenantId> tenant,
                                    storage::QaReviewId id, storage::QaReviewState state, std::string text);

  // Reviewer agreement over reviews made in [from, to) (reviewers, supervisors, admins).
  Result<QaCalibration> calibration(const Principal& p, std::optional<TenantId> tenant, Timestamp from,
                                    Timestamp to, quality::AlphaMetric metric);
  // The QA figures over reviews made in [from, to) (reviewers, supervisors, admins).
  Result<QaReport> report(const Principal& p, std::optional<TenantId> tenant, Timestamp from, Timestamp to);

  // Violation register: anyone of the tenant reports; supervisors and admins handle (change
  // status and outcome) and see all; others see the reports they made.
  Result<storage::QaViolation> report_violation(const Principal& p, std::optional<TenantId> tenant,
                                                QaViolationInput input);
  Result<std::vector<storage::QaViolation>> violations(const Principal& p, std::optional<TenantId> tenant,
                                                       storage::QaViolationFilter filter);
  Result<storage::QaViolation> violation(const Principal& p, std::optional<TenantId> tenant,
                                         storage::QaViolationId id);
  Result<storage::QaViolation> change_violation(const Principal& p, std::optional<TenantId> tenant,
                                                storage::QaViolationId id, QaViolationChange change);

  // Training sessions with attendance and certifications with expiry (the letter's monthly
  // training and 持证上岗): supervisors and admins record them, everyone of the tenant reads.
  Result<storage::QaTraining> create_training(const Principal& p, std::optional<TenantId> tenant,
                                              QaTrainingInput input);
  Result<storage::QaTraining> add_attendees(const Principal& p, std::optional<TenantId> tenant,
                                            storage::QaTrainingId id, std::vector<AgentId> agents);
  Result<std::vector<storage::QaTraining>> trainings(const Principal& p, std::optional<TenantId> tenant,
                                                     Timestamp from, Timestamp to);
  Result<storage::QaCertification> certify(const Principal& p, std::optional<TenantId> tenant,
                                           QaCertificationInput input);
  Result<std::vector<storage::QaCertification>> certifications(const Principal& p,
                                                               std::optional<TenantId> tenant,
                                                               storage::QaCertificationFilter filter);

  // One pass of the job: draws every ended, undrawn day of the last kQaLookbackDays of every
  // tenant, each exactly once (storage::QaStore::record_daily_sample).
  Result<QaDrawSummary> draw_due(Timestamp now);
  // Draws one local day ("YYYY-MM-DD") of a tenant if it was not drawn; returns the samples stored.
  Result<int> draw_day(const Tenant& tenant, std::int64_t local_day, const std::string& label,
                       Timestamp start, Timestamp end, Timestamp now);

 private:
  Result<TenantId> tenant_of(const Principal& p, std::optional<TenantId> named);
  Result<quality::Scorecard> load_scorecard(TenantId tenant);
  Result<int> samples_per_agent(TenantId tenant);
  Result<charter::Rhythm> rhythm(TenantId tenant);
  Result<void> check_agents(TenantId tenant, const std::vector<AgentId>& agents, const char* field);
  Result<QaQueueItem> describe(TenantId tenant, const storage::QaSample& sample);
  Result<std::vector<storage::QaReview>> reviews_in(TenantId tenant, Timestamp from, Timestamp to);

  HelpdeskService& helpdesk_;
  storage::QaStore& qa_;
  const Clock& clock_;
};

// QA reviewers, supervisors and admins.
bool may_review(const Principal& p);

}  // namespace sp::service

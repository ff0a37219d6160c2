// QaStore on the shared SQLite database (migration 26): borrows the SqliteStore's reader pool
// and group-commit writer, like SqliteCommitmentStore, so it is as thread-safe and durable as
// the store itself.
#pragma once

#include "storage/qa_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp::storage::sqlite {

class SqliteQaStore final : public QaStore {
 public:
  // REQUIRES: `store` is migrated (version >= 26) and outlives this object.
  explicit SqliteQaStore(SqliteStore& store) : store_(store) {}

  Result<std::vector<HandledRow>> handled_tickets(TenantId tenant, Timestamp from, Timestamp to,
                                                  int limit) override;
  Result<bool> sample_drawn(TenantId tenant, const std::string& day) override;
  Result<bool> record_daily_sample(TenantId tenant, const std::string& day, Timestamp drawn_at,
                                   const std::vector<QaSample>& samples) override;
  Result<QaSample> get_sample(TenantId tenant, QaSampleId id) override;
  Result<std::vector<QaSample>> list_samples(TenantId tenant, const QaSampleFilter& filter) override;
  Result<QaReview> create_review(QaReview review) override;
  Result<QaReview> get_review(TenantId tenant, QaReviewId id) override;
  Result<std::vector<QaReview>> list_reviews(TenantId tenant, const QaReviewFilter& filter) override;
  Result<bool> respond_review(TenantId tenant, QaReviewId id, QaReviewState state,
                              const std::string& response, Timestamp at) override;
  Result<QaViolation> create_violation(QaViolation violation) override;
  Result<QaViolation> get_violation(TenantId tenant, QaViolationId id) override;
  Result<std::vector<QaViolation>> list_violations(TenantId tenant, const QaViolationFilter& filter) override;
  Result<QaViolation> update_violation(const QaViolation& violation) override;
  Result<QaTraining> create_training(QaTraining training) override;
  Result<QaTraining> get_training(TenantId tenant, QaTrainingId id) override;
  Result<QaTraining> add_attendees(TenantId tenant, QaTrainingId id,
                                   const std::vector<AgentId>& agents) override;
  Result<std::vector<QaTraining>> list_trainings(TenantId tenant, Timestamp from, Timestamp to,
                                                 int limit) override;
  Result<QaCertification> create_certification(QaCertification certification) override;
  Result<std::vector<QaCertification>> list_certifications(TenantId tenant,
                                                           const QaCertificationFilter& filter) override;
  Result<int> certified_agents(TenantId tenant, Timestamp at) override;

  // The SQL of handled_tickets, for the test that checks its query plan uses the indexes.
  static std::string_view handled_tickets_sql();

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

// SurveyStore on the shared SQLite database (migration 8): borrows the
// SqliteStore's reader pool and group-commit writer, so it is as thread-safe
// and durable as the store itself.
#pragma once

#include "storage/sqlite/sqlite_store.hpp"
#include "storage/survey_store.hpp"

namespace sp::storage::sqlite {

class SqliteSurveyStore final : public SurveyStore {
 public:
  // REQUIRES: `store` is migrated (version >= 8) and outlives this object.
  explicit SqliteSurveyStore(SqliteStore& store) : store_(store) {}

  Result<std::optional<SurveyRecord>> get_survey(const Scope& scope, TicketId ticket) override;
  Result<SurveyRecord> issue_survey(const SurveyRecord& survey) override;
  Result<void> answer_survey(TenantId tenant, TicketId ticket, const std::string& token_hash,
                             const SurveyAnswer& answer, Timestamp now) override;
  Result<std::vector<std::pair<TicketId, SurveyAnswer>>> answers_for_report(const Scope& scope,
                                                                            Timestamp from,
                                                                            Timestamp to) override;
  Result<std::vector<SurveyFeedback>> answers_with_tickets(const Scope& scope, Timestamp from, Timestamp to,
                                                           int limit) override;

 private:
  SqliteStore& store_;
};

}  // namespace sp::storage::sqlite

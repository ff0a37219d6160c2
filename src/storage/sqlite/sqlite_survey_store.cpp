#include "storage/sqlite/sqlite_survey_store.hpp"

#include <algorithm>

namespace sp::storage::sqlite {

namespace {

#define SP_SURVEY_COLUMNS                                                   \
  "tenant_id, ticket_id, token_hash, created_at, expires_at, answered_at, " \
  "grade, helped, nps, "                                                    \
  "effort, comment"

constexpr std::string_view kGet =
    "SELECT " SP_SURVEY_COLUMNS " FROM surveys WHERE tenant_id = ?1 AND ticket_id = ?2";
constexpr std::string_view kGetAny = "SELECT " SP_SURVEY_COLUMNS " FROM surveys WHERE ticket_id = ?1";
// A new survey, or a fresh link for an unanswered one whose link has expired.
constexpr std::string_view kIssue =
    "INSERT INTO surveys(tenant_id, ticket_id, token_hash, created_at, "
    "expires_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(tenant_id, ticket_id) DO UPDATE "
    "SET "
    "token_hash = excluded.token_hash, created_at = excluded.created_at, "
    "expires_at = excluded.expires_at "
    "WHERE surveys.answered_at IS NULL AND surveys.expires_at <= "
    "excluded.created_at";
constexpr std::string_view kAnswer =
    "UPDATE surveys SET answered_at = ?4, grade = ?5, helped = ?6, nps = ?7, "
    "effort = ?8, "
    "comment = ?9 WHERE tenant_id = ?1 AND ticket_id = ?2 AND token_hash = ?3 "
    "AND answered_at IS NULL";
constexpr std::string_view kAnsweredOf =
    "SELECT answered_at FROM surveys WHERE tenant_id = ?1 AND ticket_id = ?2 "
    "AND token_hash = ?3";
constexpr std::string_view kForReport =
    "SELECT s.ticket_id, s.grade, s.helped, s.nps, s.effort, s.comment FROM "
    "surveys s "
    "JOIN tickets t ON t.tenant_id = s.tenant_id AND t.id = s.ticket_id "
    "WHERE s.tenant_id = ?1 AND s.answered_at IS NOT NULL AND s.answered_at < "
    "?3 "
    "AND t.created_at >= ?2 AND t.created_at < ?3 ORDER BY s.ticket_id";
// Answers given in a window with their ticket (feedback topics, weekly summary).
constexpr std::string_view kWithTickets =
    "SELECT s.ticket_id, s.grade, s.helped, s.nps, s.effort, s.comment, s.answered_at, "
    "t.requester_id, t.subject, t.category, t.created_at FROM surveys s "
    "JOIN tickets t ON t.tenant_id = s.tenant_id AND t.id = s.ticket_id "
    "WHERE s.tenant_id = ?1 AND s.answered_at >= ?2 AND s.answered_at < ?3 "
    "ORDER BY s.answered_at, s.ticket_id LIMIT ?4";

#undef SP_SURVEY_COLUMNS

SurveyAnswer read_answer(const Statement& row, int first) {
  SurveyAnswer answer;
  answer.grade = static_cast<int>(row.int64(first));
  answer.helped = row.int64(first + 1) != 0;
  if (auto nps = row.optional_int64(first + 2)) answer.nps = static_cast<int>(*nps);
  if (auto effort = row.optional_int64(first + 3)) answer.effort = static_cast<int>(*effort);
  if (!row.is_null(first + 4)) answer.comment = row.text(first + 4);
  return answer;
}

SurveyRecord read_survey(const Statement& row) {
  SurveyRecord survey;
  survey.tenant_id = TenantId{row.int64(0)};
  survey.ticket_id = TicketId{row.int64(1)};
  survey.token_hash = row.text(2);
  survey.created_at = from_unix_ms(row.int64(3));
  survey.expires_at = from_unix_ms(row.int64(4));
  if (auto answered = row.optional_int64(5)) {
    survey.answered_at = from_unix_ms(*answered);
    survey.answer = read_answer(row, 6);
  }
  return survey;
}

Result<std::optional<SurveyRecord>> select_survey(Connection& conn, const Scope& scope, TicketId ticket) {
  auto stmt = scope.tenant ? conn.prepare(kGet) : conn.prepare(kGetAny);
  if (!stmt) return stmt.error();
  if (scope.tenant) {
    stmt->bind(1, scope.tenant->value).bind(2, ticket.value);
  } else {
    stmt->bind(1, ticket.value);
  }
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<SurveyRecord>{};
  return std::optional<SurveyRecord>{read_survey(*stmt)};
}

}  // namespace

Result<std::optional<SurveyRecord>> SqliteSurveyStore::get_survey(const Scope& scope, TicketId ticket) {
  return store_.read([&](Connection& conn) { return select_survey(conn, scope, ticket); });
}

Result<SurveyRecord> SqliteSurveyStore::issue_survey(const SurveyRecord& survey) {
  SurveyRecord stored;
  auto written = store_.write([&](Connection& conn) -> Result<void> {
    auto insert = conn.prepare(kIssue);
    if (!insert) return insert.error();
    insert->bind(1, survey.tenant_id.value)
        .bind(2, survey.ticket_id.value)
        .bind(3, survey.token_hash)
        .bind(4, to_unix_ms(survey.created_at))
        .bind(5, to_unix_ms(survey.expires_at));
    if (auto ran = insert->run(); !ran) return ran.error();
    auto found = select_survey(conn, Scope::of(survey.tenant_id), survey.ticket_id);
    if (!found) return found.error();
    if (!*found) return internal_error("survey vanished after insert");
    stored = std::move(**found);
    return {};
  });
  if (!written) return written.error();
  return stored;
}

Result<void> SqliteSurveyStore::answer_survey(TenantId tenant, TicketId ticket, const std::string& token_hash,
                                              const SurveyAnswer& answer, Timestamp now) {
  return store_.write([&](Connection& conn) -> Result<void> {
    auto update = conn.prepare(kAnswer);
    if (!update) return update.error();
    update->bind(1, tenant.value)
        .bind(2, ticket.value)
        .bind(3, token_hash)
        .bind(4, to_unix_ms(now))
        .bind(5, static_cast<std::int64_t>(answer.grade))
        .bind(6, static_cast<std::int64_t>(answer.helped ? 1 : 0));
    if (answer.nps) {
      update->bind(7, static_cast<std::int64_t>(*answer.nps));
    } else {
      update->bind_null(7);
    }
    if (answer.effort) {
      update->bind(8, static_cast<std::int64_t>(*answer.effort));
    } else {
      update->bind_null(8);
    }
    update->bind(9, answer.comment);
    if (auto ran = update->run(); !ran) return ran.error();
    if (conn.changes() == 1) return {};
    // Nothing changed: either answered before, or no survey has this digest.
    auto check = conn.prepare(kAnsweredOf);
    if (!check) return check.error();
    check->bind(1, tenant.value).bind(2, ticket.value).bind(3, token_hash);
    auto row = check->step();
    if (!row) return row.error();
    if (!*row)
      return Error{ErrorCode::NotFound, "survey link unknown", {}, std::string(kinds::kSurveyLinkUnknown)};
    return conflict("this survey has already been answered; thank you", kinds::kSurveyAlreadyAnswered);
  });
}

Result<std::vector<std::pair<TicketId, SurveyAnswer>>> SqliteSurveyStore::answers_for_report(
    const Scope& scope, Timestamp from, Timestamp to) {
  using Answers = std::vector<std::pair<TicketId, SurveyAnswer>>;
  if (!scope.tenant) return invalid_input("a survey report needs one tenant", "tenant_id");
  return store_.read([&](Connection& conn) -> Result<Answers> {
    auto stmt = conn.prepare(kForReport);
    if (!stmt) return stmt.error();
    stmt->bind(1, scope.tenant->value).bind(2, to_unix_ms(from)).bind(3, to_unix_ms(to));
    return collect_rows(*stmt, [](const Statement& row) {
      return std::pair<TicketId, SurveyAnswer>{TicketId{row.int64(0)}, read_answer(row, 1)};
    });
  });
}

Result<std::vector<SurveyFeedback>> SqliteSurveyStore::answers_with_tickets(const Scope& scope,
                                                                            Timestamp from, Timestamp to,
                                                                            int limit) {
  using Answers = std::vector<SurveyFeedback>;
  if (!scope.tenant) return invalid_input("survey feedback needs one tenant", "tenant_id");
  return store_.read([&](Connection& conn) -> Result<Answers> {
    auto stmt = conn.prepare(kWithTickets);
    if (!stmt) return stmt.error();
    stmt->bind(1, scope.tenant->value)
        .bind(2, to_unix_ms(from))
        .bind(3, to_unix_ms(to))
        .bind(4, static_cast<std::int64_t>(std::clamp(limit, 1, kMaxFeedbackAnswers)));
    return collect_rows(*stmt, [](const Statement& row) {
      SurveyFeedback feedback;
      feedback.ticket_id = TicketId{row.int64(0)};
      feedback.answer = read_answer(row, 1);
      feedback.answered_at = from_unix_ms(row.int64(6));
      feedback.customer_id = CustomerId{row.int64(7)};
      feedback.subject = row.text(8);
      if (!row.is_null(9)) feedback.category = row.text(9);
      feedback.ticket_created_at = from_unix_ms(row.int64(10));
      return feedback;
    });
  });
}

}  // namespace sp::storage::sqlite

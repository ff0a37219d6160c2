#include "storage/sqlite/sqlite_qa_store.hpp"

#include <algorithm>
#include <cmath>

#include "domain/validation.hpp"
#include "storage/sqlite/sqlite_store_support.hpp"

namespace sp::storage::sqlite {

namespace {

// One day of one tenant: a range of messages_tenant_created and of ticket_events_tenant_at.
constexpr std::string_view kHandled =
    "SELECT h.agent_id, h.ticket_id, t.channel, t.tags FROM ("
    " SELECT m.author_id AS agent_id, m.ticket_id AS ticket_id FROM messages m"
    "  WHERE m.tenant_id = ?1 AND m.created_at >= ?2 AND m.created_at < ?3"
    "  AND m.kind = 'outbound' AND m.author_type = 'agent'"
    " UNION"
    " SELECT e.actor_id, e.ticket_id FROM ticket_events e"
    "  WHERE e.tenant_id = ?1 AND e.at >= ?2 AND e.at < ?3 AND e.type = 'status_changed'"
    "  AND e.to_value = 'solved' AND e.actor_type = 'agent'"
    ") h JOIN tickets t ON t.tenant_id = ?1 AND t.id = h.ticket_id"
    " JOIN agents a ON a.tenant_id = ?1 AND a.id = h.agent_id"
    " ORDER BY h.agent_id, h.ticket_id LIMIT ?4";
constexpr std::string_view kDayDrawn = "SELECT 1 FROM qa_sample_days WHERE tenant_id = ?1 AND day = ?2";
constexpr std::string_view kMarkDay =
    "INSERT INTO qa_sample_days(tenant_id, day, drawn_at, samples) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(tenant_id, day) DO NOTHING";
constexpr std::string_view kInsertSample =
    "INSERT INTO qa_samples(tenant_id, day, agent_id, ticket_id, channel, drawn_at) VALUES(?1, ?2, ?3, ?4, "
    "?5, ?6)";

#define SP_QA_SAMPLE_COLUMNS                                                   \
  "s.id, s.tenant_id, s.day, s.agent_id, s.ticket_id, s.channel, s.drawn_at, " \
  "(SELECT COUNT(*) FROM qa_reviews r WHERE r.sample_id = s.id) "
constexpr std::string_view kGetSample =
    "SELECT " SP_QA_SAMPLE_COLUMNS "FROM qa_samples s WHERE s.tenant_id = ?1 AND s.id = ?2";
// The reviewer's queue leaves out samples they reviewed and samples of their own work.
constexpr std::string_view kListSamples =
    "SELECT " SP_QA_SAMPLE_COLUMNS
    "FROM qa_samples s WHERE s.tenant_id = ?1 AND (?2 IS NULL OR (s.agent_id != ?2 AND NOT EXISTS "
    "(SELECT 1 FROM qa_reviews r WHERE r.sample_id = s.id AND r.reviewer_id = ?2))) "
    "AND (?3 IS NULL OR s.agent_id = ?3) AND (?4 IS NULL OR s.day = ?4) AND (?5 IS NULL OR s.id < ?5) "
    "ORDER BY s.id DESC LIMIT ?6";

#define SP_QA_REVIEW_COLUMNS                                                                  \
  "id, tenant_id, sample_id, ticket_id, agent_id, reviewer_id, scorecard_json, scores_json, " \
  "score_centi, critical_fail, comment, state, response, created_at, responded_at "
constexpr std::string_view kInsertReview =
    "INSERT INTO qa_reviews(tenant_id, sample_id, ticket_id, agent_id, reviewer_id, scorecard_json, "
    "scores_json, score_centi, critical_fail, comment, state, response, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'submitted', '', ?11)";
constexpr std::string_view kGetReview =
    "SELECT " SP_QA_REVIEW_COLUMNS "FROM qa_reviews WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kListReviews =
    "SELECT " SP_QA_REVIEW_COLUMNS
    "FROM qa_reviews WHERE tenant_id = ?1 AND (?2 IS NULL OR agent_id = ?2) AND (?3 IS NULL OR reviewer_id = "
    "?3) "
    "AND (?4 IS NULL OR ticket_id = ?4) AND (?5 IS NULL OR state = ?5) AND (?6 IS NULL OR created_at >= ?6) "
    "AND (?7 IS NULL OR created_at < ?7) AND (?8 IS NULL OR id < ?8) ORDER BY id DESC LIMIT ?9";
constexpr std::string_view kRespond =
    "UPDATE qa_reviews SET state = ?3, response = ?4, responded_at = ?5 "
    "WHERE tenant_id = ?1 AND id = ?2 AND state = 'submitted'";

#define SP_QA_VIOLATION_COLUMNS                                                                          \
  "id, tenant_id, ticket_id, reported_by, agent_id, section, description, status, outcome, handled_by, " \
  "created_at, updated_at "
constexpr std::string_view kInsertViolation =
    "INSERT INTO qa_violations(tenant_id, ticket_id, reported_by, agent_id, section, description, status, "
    "outcome, created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'open', '', ?7, ?7)";
constexpr std::string_view kGetViolation =
    "SELECT " SP_QA_VIOLATION_COLUMNS "FROM qa_violations WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kListViolations = "SELECT " SP_QA_VIOLATION_COLUMNS
                                             "FROM qa_violations WHERE tenant_id = ?1 AND (?2 IS NULL OR "
                                             "status = ?2) AND (?3 IS NULL OR reported_by = ?3) "
                                             "AND (?4 IS NULL OR id < ?4) ORDER BY id DESC LIMIT ?5";
constexpr std::string_view kUpdateViolation =
    "UPDATE qa_violations SET status = ?3, outcome = ?4, handled_by = ?5, updated_at = ?6 "
    "WHERE tenant_id = ?1 AND id = ?2";

constexpr std::string_view kInsertTraining =
    "INSERT INTO qa_trainings(tenant_id, title, held_at, duration_minutes, created_by, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
constexpr std::string_view kAttend =
    "INSERT INTO qa_training_attendance(training_id, tenant_id, agent_id) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(training_id, agent_id) DO NOTHING";
#define SP_QA_TRAINING_COLUMNS "id, tenant_id, title, held_at, duration_minutes, created_by, created_at "
constexpr std::string_view kGetTraining =
    "SELECT " SP_QA_TRAINING_COLUMNS "FROM qa_trainings WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kListTrainings = "SELECT " SP_QA_TRAINING_COLUMNS
                                            "FROM qa_trainings WHERE tenant_id = ?1 AND held_at >= ?2 AND "
                                            "held_at < ?3 ORDER BY held_at DESC, id DESC LIMIT ?4";
constexpr std::string_view kAttendees =
    "SELECT agent_id FROM qa_training_attendance WHERE training_id = ?1 AND tenant_id = ?2 ORDER BY agent_id";
constexpr std::string_view kInsertCertification =
    "INSERT INTO qa_certifications(tenant_id, agent_id, name, issued_at, expires_at, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
#define SP_QA_CERTIFICATION_COLUMNS "id, tenant_id, agent_id, name, issued_at, expires_at, created_at "
constexpr std::string_view kGetCertification =
    "SELECT " SP_QA_CERTIFICATION_COLUMNS "FROM qa_certifications WHERE tenant_id = ?1 AND id = ?2";
constexpr std::string_view kListCertifications =
    "SELECT " SP_QA_CERTIFICATION_COLUMNS
    "FROM qa_certifications WHERE tenant_id = ?1 AND (?2 IS NULL OR agent_id = ?2) "
    "AND (?3 IS NULL OR (issued_at <= ?3 AND expires_at > ?3)) ORDER BY expires_at, id LIMIT ?4";
constexpr std::string_view kCertifiedAgents =
    "SELECT COUNT(DISTINCT agent_id) FROM qa_certifications WHERE tenant_id = ?1 AND expires_at > ?2 "
    "AND issued_at <= ?2";

std::int64_t clamp_limit(int limit) {
  return std::clamp<std::int64_t>(limit, 1, kMaxPageSize);
}

std::optional<Timestamp> optional_time(const Statement& row, int column) {
  auto raw = row.optional_int64(column);
  if (!raw) return std::nullopt;
  return from_unix_ms(*raw);
}

QaSample read_sample(const Statement& row) {
  QaSample s;
  s.id = QaSampleId{row.int64(0)};
  s.tenant_id = TenantId{row.int64(1)};
  s.day = row.text(2);
  s.agent_id = AgentId{row.int64(3)};
  s.ticket_id = TicketId{row.int64(4)};
  s.channel = parse_or(parse_channel(row.text(5)), Channel::Email);
  s.drawn_at = from_unix_ms(row.int64(6));
  s.reviews = static_cast<int>(row.int64(7));
  return s;
}

QaReview read_review(const Statement& row) {
  QaReview r;
  r.id = QaReviewId{row.int64(0)};
  r.tenant_id = TenantId{row.int64(1)};
  r.sample_id = optional_id<QaSampleId>(row, 2);
  r.ticket_id = TicketId{row.int64(3)};
  r.agent_id = AgentId{row.int64(4)};
  r.reviewer_id = AgentId{row.int64(5)};
  r.scorecard_json = row.text(6);
  r.scores_json = row.text(7);
  if (auto centi = row.optional_int64(8)) r.score = static_cast<double>(*centi) / 100.0;
  r.critical_fail = row.int64(9) != 0;
  r.comment = row.text(10);
  r.state = parse_or(parse_qa_review_state(row.text(11)), QaReviewState::Submitted);
  r.response = row.text(12);
  r.created_at = from_unix_ms(row.int64(13));
  r.responded_at = optional_time(row, 14);
  return r;
}

QaViolation read_violation(const Statement& row) {
  QaViolation v;
  v.id = QaViolationId{row.int64(0)};
  v.tenant_id = TenantId{row.int64(1)};
  v.ticket_id = TicketId{row.int64(2)};
  v.reported_by = AgentId{row.int64(3)};
  v.agent_id = optional_id<AgentId>(row, 4);
  v.section = static_cast<int>(row.int64(5));
  v.description = row.text(6);
  v.status = parse_or(parse_qa_violation_status(row.text(7)), QaViolationStatus::Open);
  v.outcome = row.text(8);
  v.handled_by = optional_id<AgentId>(row, 9);
  v.created_at = from_unix_ms(row.int64(10));
  v.updated_at = from_unix_ms(row.int64(11));
  return v;
}

QaTraining read_training(const Statement& row) {
  QaTraining t;
  t.id = QaTrainingId{row.int64(0)};
  t.tenant_id = TenantId{row.int64(1)};
  t.title = row.text(2);
  t.held_at = from_unix_ms(row.int64(3));
  t.duration_minutes = static_cast<int>(row.int64(4));
  t.created_by = AgentId{row.int64(5)};
  t.created_at = from_unix_ms(row.int64(6));
  return t;
}

QaCertification read_certification(const Statement& row) {
  QaCertification c;
  c.id = QaCertificationId{row.int64(0)};
  c.tenant_id = TenantId{row.int64(1)};
  c.agent_id = AgentId{row.int64(2)};
  c.name = row.text(3);
  c.issued_at = from_unix_ms(row.int64(4));
  c.expires_at = from_unix_ms(row.int64(5));
  c.created_at = from_unix_ms(row.int64(6));
  return c;
}

Result<void> read_attendees(Connection& conn, QaTraining& training) {
  SP_PREPARE(stmt, conn, kAttendees);
  stmt.bind(1, training.id.value).bind(2, training.tenant_id.value);
  auto ids = collect_rows(stmt, [](const Statement& row) { return AgentId{row.int64(0)}; });
  if (!ids) return ids.error();
  training.attendees = std::move(*ids);
  return {};
}

Result<void> insert_attendees(Connection& conn, TenantId tenant, QaTrainingId training,
                              const std::vector<AgentId>& agents) {
  for (const auto& agent : agents) {
    SP_PREPARE(stmt, conn, kAttend);
    stmt.bind(1, training.value).bind(2, tenant.value).bind(3, agent.value);
    SP_TRY(stmt.run());
  }
  return {};
}

}  // namespace

std::string_view SqliteQaStore::handled_tickets_sql() {
  return kHandled;
}

Result<std::vector<HandledRow>> SqliteQaStore::handled_tickets(TenantId tenant, Timestamp from, Timestamp to,
                                                               int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<HandledRow>> {
    SP_PREPARE(stmt, conn, kHandled);
    stmt.bind(1, tenant.value)
        .bind(2, to_unix_ms(from))
        .bind(3, to_unix_ms(to))
        .bind(4, static_cast<std::int64_t>(std::max(limit, 1)));
    return collect_rows(stmt, [](const Statement& row) {
      HandledRow h;
      h.agent_id = AgentId{row.int64(0)};
      h.ticket_id = TicketId{row.int64(1)};
      h.channel = parse_or(parse_channel(row.text(2)), Channel::Email);
      h.tags = split_tags(row.text(3));
      return h;
    });
  });
}

Result<bool> SqliteQaStore::sample_drawn(TenantId tenant, const std::string& day) {
  return store_.read([&](Connection& conn) -> Result<bool> {
    SP_PREPARE(stmt, conn, kDayDrawn);
    stmt.bind(1, tenant.value).bind(2, day);
    SP_STEP(has_row, stmt);
    return has_row;
  });
}

Result<bool> SqliteQaStore::record_daily_sample(TenantId tenant, const std::string& day, Timestamp drawn_at,
                                                const std::vector<QaSample>& samples) {
  bool drawn = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    drawn = false;
    SP_PREPARE(mark, conn, kMarkDay);
    mark.bind(1, tenant.value)
        .bind(2, day)
        .bind(3, to_unix_ms(drawn_at))
        .bind(4, static_cast<std::int64_t>(samples.size()));
    SP_TRY(mark.run());
    if (conn.changes() == 0) return {};  // drawn before: exactly once
    for (const auto& sample : samples) {
      SP_PREPARE(insert, conn, kInsertSample);
      insert.bind(1, tenant.value)
          .bind(2, day)
          .bind(3, sample.agent_id.value)
          .bind(4, sample.ticket_id.value)
          .bind(5, to_string(sample.channel))
          .bind(6, to_unix_ms(drawn_at));
      SP_TRY(insert.run());
    }
    drawn = true;
    return {};
  }));
  return drawn;
}

Result<QaSample> SqliteQaStore::get_sample(TenantId tenant, QaSampleId id) {
  return store_.read([&](Connection& conn) -> Result<QaSample> {
    SP_PREPARE(stmt, conn, kGetSample);
    stmt.bind(1, tenant.value).bind(2, id.value);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("no such sample");
    return read_sample(stmt);
  });
}

Result<std::vector<QaSample>> SqliteQaStore::list_samples(TenantId tenant, const QaSampleFilter& filter) {
  return store_.read([&](Connection& conn) -> Result<std::vector<QaSample>> {
    SP_PREPARE(stmt, conn, kListSamples);
    stmt.bind(1, tenant.value)
        .bind(2, raw_id(filter.not_reviewed_by))
        .bind(3, raw_id(filter.agent_id))
        .bind(4, filter.day)
        .bind(5, filter.before_id)
        .bind(6, clamp_limit(filter.limit));
    return collect_rows(stmt, read_sample);
  });
}

Result<QaReview> SqliteQaStore::create_review(QaReview review) {
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kInsertReview);
    std::optional<std::int64_t> centi;
    if (review.score) centi = static_cast<std::int64_t>(std::llround(*review.score * 100.0));
    stmt.bind(1, review.tenant_id.value)
        .bind(2, raw_id(review.sample_id))
        .bind(3, review.ticket_id.value)
        .bind(4, review.agent_id.value)
        .bind(5, review.reviewer_id.value)
        .bind(6, review.scorecard_json)
        .bind(7, review.scores_json)
        .bind(8, centi)
        .bind(9, std::int64_t{review.critical_fail ? 1 : 0})
        .bind(10, review.comment)
        .bind(11, to_unix_ms(review.created_at));
    SP_TRY(stmt.run());
    review.id = QaReviewId{conn.last_insert_rowid()};
    return {};
  }));
  return get_review(review.tenant_id, review.id);
}

Result<QaReview> SqliteQaStore::get_review(TenantId tenant, QaReviewId id) {
  return store_.read([&](Connection& conn) -> Result<QaReview> {
    SP_PREPARE(stmt, conn, kGetReview);
    stmt.bind(1, tenant.value).bind(2, id.value);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("no such review");
    return read_review(stmt);
  });
}

Result<std::vector<QaReview>> SqliteQaStore::list_reviews(TenantId tenant, const QaReviewFilter& filter) {
  return store_.read([&](Connection& conn) -> Result<std::vector<QaReview>> {
    SP_PREPARE(stmt, conn, kListReviews);
    std::optional<std::string> state;
    if (filter.state) state = std::string(to_string(*filter.state));
    stmt.bind(1, tenant.value)
        .bind(2, raw_id(filter.agent_id))
        .bind(3, raw_id(filter.reviewer_id))
        .bind(4, raw_id(filter.ticket_id))
        .bind(5, state)
        .bind(6, raw_time(filter.from))
        .bind(7, raw_time(filter.to))
        .bind(8, filter.before_id)
        .bind(9, clamp_limit(filter.limit));
    return collect_rows(stmt, read_review);
  });
}

Result<bool> SqliteQaStore::respond_review(TenantId tenant, QaReviewId id, QaReviewState state,
                                           const std::string& response, Timestamp at) {
  bool changed = false;
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kRespond);
    stmt.bind(1, tenant.value)
        .bind(2, id.value)
        .bind(3, to_string(state))
        .bind(4, response)
        .bind(5, to_unix_ms(at));
    SP_TRY(stmt.run());
    changed = conn.changes() > 0;
    return {};
  }));
  if (!changed) SP_TRY(get_review(tenant, id));
  return changed;
}

Result<QaViolation> SqliteQaStore::create_violation(QaViolation v) {
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kInsertViolation);
    stmt.bind(1, v.tenant_id.value)
        .bind(2, v.ticket_id.value)
        .bind(3, v.reported_by.value)
        .bind(4, raw_id(v.agent_id))
        .bind(5, std::int64_t{v.section})
        .bind(6, v.description)
        .bind(7, to_unix_ms(v.created_at));
    SP_TRY(stmt.run());
    v.id = QaViolationId{conn.last_insert_rowid()};
    return {};
  }));
  return get_violation(v.tenant_id, v.id);
}

Result<QaViolation> SqliteQaStore::get_violation(TenantId tenant, QaViolationId id) {
  return store_.read([&](Connection& conn) -> Result<QaViolation> {
    SP_PREPARE(stmt, conn, kGetViolation);
    stmt.bind(1, tenant.value).bind(2, id.value);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("no such violation report");
    return read_violation(stmt);
  });
}

Result<std::vector<QaViolation>> SqliteQaStore::list_violations(TenantId tenant,
                                                                const QaViolationFilter& filter) {
  return store_.read([&](Connection& conn) -> Result<std::vector<QaViolation>> {
    SP_PREPARE(stmt, conn, kListViolations);
    std::optional<std::string> status;
    if (filter.status) status = std::string(to_string(*filter.status));
    stmt.bind(1, tenant.value)
        .bind(2, status)
        .bind(3, raw_id(filter.reported_by))
        .bind(4, filter.before_id)
        .bind(5, clamp_limit(filter.limit));
    return collect_rows(stmt, read_violation);
  });
}

Result<QaViolation> SqliteQaStore::update_violation(const QaViolation& v) {
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kUpdateViolation);
    stmt.bind(1, v.tenant_id.value)
        .bind(2, v.id.value)
        .bind(3, to_string(v.status))
        .bind(4, v.outcome)
        .bind(5, raw_id(v.handled_by))
        .bind(6, to_unix_ms(v.updated_at));
    SP_TRY(stmt.run());
    return {};
  }));
  return get_violation(v.tenant_id, v.id);
}

Result<QaTraining> SqliteQaStore::create_training(QaTraining training) {
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kInsertTraining);
    stmt.bind(1, training.tenant_id.value)
        .bind(2, training.title)
        .bind(3, to_unix_ms(training.held_at))
        .bind(4, std::int64_t{training.duration_minutes})
        .bind(5, training.created_by.value)
        .bind(6, to_unix_ms(training.created_at));
    SP_TRY(stmt.run());
    training.id = QaTrainingId{conn.last_insert_rowid()};
    return insert_attendees(conn, training.tenant_id, training.id, training.attendees);
  }));
  return get_training(training.tenant_id, training.id);
}

Result<QaTraining> SqliteQaStore::get_training(TenantId tenant, QaTrainingId id) {
  return store_.read([&](Connection& conn) -> Result<QaTraining> {
    SP_PREPARE(stmt, conn, kGetTraining);
    stmt.bind(1, tenant.value).bind(2, id.value);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("no such training");
    auto training = read_training(stmt);
    SP_TRY(read_attendees(conn, training));
    return training;
  });
}

Result<QaTraining> SqliteQaStore::add_attendees(TenantId tenant, QaTrainingId id,
                                                const std::vector<AgentId>& agents) {
  SP_TRY(get_training(tenant, id));  // NotFound for another tenant's
  SP_TRY(store_.write(
      [&](Connection& conn) -> Result<void> { return insert_attendees(conn, tenant, id, agents); }));
  return get_training(tenant, id);
}

Result<std::vector<QaTraining>> SqliteQaStore::list_trainings(TenantId tenant, Timestamp from, Timestamp to,
                                                              int limit) {
  return store_.read([&](Connection& conn) -> Result<std::vector<QaTraining>> {
    SP_PREPARE(stmt, conn, kListTrainings);
    stmt.bind(1, tenant.value).bind(2, to_unix_ms(from)).bind(3, to_unix_ms(to)).bind(4, clamp_limit(limit));
    auto list = collect_rows(stmt, read_training);
    if (!list) return list.error();
    for (auto& training : *list) SP_TRY(read_attendees(conn, training));
    return list;
  });
}

Result<QaCertification> SqliteQaStore::create_certification(QaCertification c) {
  SP_TRY(store_.write([&](Connection& conn) -> Result<void> {
    SP_PREPARE(stmt, conn, kInsertCertification);
    stmt.bind(1, c.tenant_id.value)
        .bind(2, c.agent_id.value)
        .bind(3, c.name)
        .bind(4, to_unix_ms(c.issued_at))
        .bind(5, to_unix_ms(c.expires_at))
        .bind(6, to_unix_ms(c.created_at));
    SP_TRY(stmt.run());
    c.id = QaCertificationId{conn.last_insert_rowid()};
    return {};
  }));
  return store_.read([&](Connection& conn) -> Result<QaCertification> {
    SP_PREPARE(stmt, conn, kGetCertification);
    stmt.bind(1, c.tenant_id.value).bind(2, c.id.value);
    SP_STEP(has_row, stmt);
    if (!has_row) return not_found("no such certification");
    return read_certification(stmt);
  });
}

Result<std::vector<QaCertification>> SqliteQaStore::list_certifications(TenantId tenant,
                                                                        const QaCertificationFilter& filter) {
  return store_.read([&](Connection& conn) -> Result<std::vector<QaCertification>> {
    SP_PREPARE(stmt, conn, kListCertifications);
    stmt.bind(1, tenant.value)
        .bind(2, raw_id(filter.agent_id))
        .bind(3, raw_time(filter.valid_at))
        .bind(4, clamp_limit(filter.limit));
    return collect_rows(stmt, read_certification);
  });
}

Result<int> SqliteQaStore::certified_agents(TenantId tenant, Timestamp at) {
  return store_.read([&](Connection& conn) -> Result<int> {
    SP_PREPARE(stmt, conn, kCertifiedAgents);
    stmt.bind(1, tenant.value).bind(2, to_unix_ms(at));
    SP_STEP(has_row, stmt);
    return has_row ? static_cast<int>(stmt.int64(0)) : 0;
  });
}

}  // namespace sp::storage::sqlite

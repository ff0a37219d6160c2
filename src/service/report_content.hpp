// The content of the daily self-check and the weekly feedback summary (issue 8, the commitment
// letter's rhythm), and the feedback overview behind GET /api/v1/feedback/topics: reads tickets,
// SLA states and survey answers through the store interfaces and fills the plain models that
// charter/feedback_report.hpp renders. Time comes in as arguments (no clock reads here).
//
// Bounds (each report says when one was reached):
//  - daily self-check: at most kMaxSelfCheckTickets tickets examined for yesterday's misses
//    (store.tickets_for_report) and kMaxAtRiskTickets open tickets (the earliest due first)
//    for today's risks;
//  - feedback: at most storage::kMaxFeedbackAnswers answers and kMaxRecurringWindowTickets
//    tickets per window; windows of at most kMaxFeedbackWindowDays days.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "documents/feedback_report.hpp"
#include "feedback/recurring.hpp"
#include "feedback/topics.hpp"
#include "reporting/kpi.hpp"
#include "service/sla_service.hpp"
#include "storage/commitment_store.hpp"
#include "storage/survey_store.hpp"

namespace sp::service {

inline constexpr int kMaxSelfCheckTickets = 5'000;
inline constexpr int kMaxAtRiskTickets = 500;
inline constexpr int kMaxRecurringWindowTickets = 5'000;
inline constexpr int kMaxFeedbackWindowDays = 366;

// One answer with its topics.
struct ClassifiedAnswer {
  storage::SurveyFeedback answer;
  std::vector<std::string> topics;
};

struct FeedbackOverview {
  Timestamp from;
  Timestamp to;
  std::vector<ClassifiedAnswer> answers;            // answered in [from, to), oldest first
  std::vector<feedback::RecurringIssue> recurring;  // over tickets created in [from, to)
  bool truncated = false;
  std::vector<feedback::Topic> topics;  // the tenant's topic rules the answers were sorted by
};

// The settings key of a tenant's own feedback topic rules (absent: the defaults).
std::string feedback_topics_key(TenantId tenant);

class ReportContent {
 public:
  ReportContent(storage::Store& store, SlaService& sla, storage::SurveyStore& surveys)
      : store_(store), sla_(sla), surveys_(surveys) {}

  // With `commitments`, the self-check also lists agents' commitments (issue 18).
  void set_commitments(storage::CommitmentStore* commitments) { commitments_ = commitments; }

  // Yesterday's misses ([from, to), SLA states as of `to`) and today's risks (open tickets
  // whose running SLA cycle falls due before the local midnight after `to`, evaluated at
  // `now`), per assignee and team; commitments broken yesterday and open ones due before
  // today's end, under the agent who made them. The KPI report is left empty for the caller.
  Result<documents::DailySelfCheck> daily_self_check(const Tenant& tenant,
                                                     const reporting::BreachRules& rules, Timestamp from,
                                                     Timestamp to, Timestamp now);

  // Survey answers of [from, to) with their topics, and recurring issues among the tickets
  // created in [from, to). Fails with InvalidInput (field "to") for an empty or too long window.
  Result<FeedbackOverview> feedback_overview(const Tenant& tenant, Timestamp from, Timestamp to);

  // The tenant's topic rules: its own when configured, else feedback::default_topics().
  // `customised` says which.
  Result<std::vector<feedback::Topic>> topics_of(TenantId tenant, bool* customised = nullptr);
  // Stores the tenant's own rules (validated by the caller), or the defaults again when empty.
  Result<void> put_topics(TenantId tenant, std::span<const feedback::Topic> topics);

 private:
  storage::Store& store_;
  SlaService& sla_;
  storage::SurveyStore& surveys_;
  storage::CommitmentStore* commitments_ = nullptr;
};

// The weekly summary model from an overview: grades over all answers, topics in the order of
// overview.topics with "other" last (topics without answers left out), comments
// oldest first (at most `max_comments_per_topic` each), names in `language`.
documents::WeeklyFeedback weekly_feedback(const FeedbackOverview& overview, const std::string& time_zone,
                                          domain::Language language, std::size_t max_comments_per_topic = 50);

}  // namespace sp::service

// The content of two scheduled reports of the commitment letter's rhythm (issue 8), rendered for
// people as HTML, CSV and PDF:
//  - the daily self-check per agent and team: what was promised and missed yesterday (SLA cycles
//    that fell due yesterday unmet, major complaints answered late) and the open items at risk
//    today (a running SLA cycle due before the end of today in the tenant's zone, or overdue),
//    followed by the KPI report of yesterday per agent;
//  - the weekly feedback summary: grades from the week's survey answers (CSAT 1-10, share not
//    helped, NPS, customer effort), comments grouped by topic and the recurring issues.
// The models are plain data filled by the service layer; this file only renders them. All text
// is escaped (html_escape, csv_field). Pure; no clock reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "documents/document.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "reporting/kpi.hpp"

namespace sp::documents {

// One promise of a ticket: a missed one of yesterday or one at risk today. An agent's
// commitment (issue 18) is CommitmentBroken (missed) or CommitmentDue (open, due today), with
// target "commitment" and what was promised in `what`.
struct SelfCheckItem {
  enum class Kind { SlaBreached, MajorComplaintLate, AtRisk, Overdue, CommitmentBroken, CommitmentDue };
  Kind kind = Kind::SlaBreached;
  std::int64_t ticket_id = 0;
  std::string subject;
  std::string target;               // "first_response", …, or "major_complaint_response"
  std::int64_t target_minutes = 0;  // the promise (business minutes for SLA targets)
  std::optional<Timestamp> due_at;  // when the promise fell (or falls) due
  std::int64_t late_minutes = 0;    // calendar minutes past due_at (missed, overdue); else 0
  bool still_open = false;          // missed and not met by the end of the period
  std::string what;                 // commitments: what was promised
};
// Stable names: "sla_breached", "major_complaint_late", "at_risk", "overdue",
// "commitment_broken", "commitment_due".
std::string_view to_string(SelfCheckItem::Kind kind);

struct SelfCheckAgent {
  std::string agent;                   // name, or empty for unassigned tickets
  std::string team;                    // team name, may be empty
  std::vector<SelfCheckItem> missed;   // yesterday, ordered by due_at
  std::vector<SelfCheckItem> at_risk;  // today, ordered by due_at
};

struct SelfCheckTeam {
  std::string team;  // empty: no team
  std::int64_t missed = 0;
  std::int64_t at_risk = 0;
};

struct DailySelfCheck {
  Timestamp from;       // yesterday, local midnight as UTC
  Timestamp to;         // today's local midnight
  Timestamp today_end;  // the next local midnight
  Timestamp as_of;      // when the at-risk list was taken
  std::string time_zone;
  std::vector<SelfCheckAgent> agents;        // agents with items, by name; unassigned last
  std::vector<SelfCheckTeam> teams;          // by name; no team last
  bool truncated = false;                    // more tickets than the self-check examines
  std::optional<reporting::KpiReport> kpis;  // yesterday per agent
};

struct TopicComment {
  std::int64_t ticket_id = 0;
  int grade = 0;
  std::string text;
};

struct TopicSection {
  std::string id;                      // topic id, "other" last
  std::string name;                    // in the report's language
  std::int64_t answers = 0;            // answers under this topic (with or without a comment)
  std::vector<TopicComment> comments;  // non-empty comments, oldest first
};

struct RecurringRow {
  std::string signature;
  std::string example_subject;
  std::vector<std::int64_t> ticket_ids;
  int customer_count = 0;
  Timestamp first_seen;
  Timestamp last_seen;
};

struct WeeklyFeedback {
  Timestamp from;
  Timestamp to;
  std::string time_zone;
  std::int64_t answers = 0;
  std::optional<double> csat_mean;         // 1-10
  std::optional<double> not_helped_share;  // 0..1
  std::optional<double> nps;               // -100..100
  std::optional<double> effort_mean;       // 1-5, lower is better
  std::vector<TopicSection> topics;
  std::vector<RecurringRow> recurring;
  bool truncated = false;  // more answers or tickets than the summary reads
};

// Complete HTML pages (stylesheet link, no script, no inline style), as report_html.
std::string self_check_html(const DailySelfCheck& check, std::string_view title, domain::Language language);
std::string weekly_feedback_html(const WeeklyFeedback& summary, std::string_view title,
                                 domain::Language language);

// CSV (RFC 4180, CRLF). Self-check: "kind,agent,team,ticket,subject,target,target_minutes,
// due_at,late_minutes,still_open", one row per item. Weekly: "section,key,name,count,value,
// tickets,text" with sections "grade", "topic", "comment" and "recurring".
std::string self_check_csv(const DailySelfCheck& check);
std::string weekly_feedback_csv(const WeeklyFeedback& summary);

Document self_check_document(const DailySelfCheck& check, std::string_view title, domain::Language language);
Document weekly_feedback_document(const WeeklyFeedback& summary, std::string_view title,
                                  domain::Language language);

}  // namespace sp::documents

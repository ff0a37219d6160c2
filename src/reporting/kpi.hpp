// KPIs over the ticket event history (issue 8): one pure pass over per-ticket facts, grouped by
// a dimension (tenant, team, agent, channel, category or all) and by local period, with a
// machine-readable definition for every figure (kpi_definitions()).
//
// Rules shared by every figure (also stated in each definition):
//  - Exclusions: a ticket tagged "spam" or "mystery_shopper" counts in no figure at all (not even
//    backlog); report.excluded_* say how many were left out.
//  - Cohort: every per-ticket figure (response, resolution, FCR, reopen, SLA, breaches, surveys,
//    cost) is attributed to the group and period in which the ticket was CREATED; only backlog is
//    measured at the end of each period. Grouping uses the ticket as given (current assignee,
//    team, channel, category), not as it was at each event.
//  - As of: events at or after query.to are ignored, so a report over a closed range does not
//    change when later events arrive. SLA states are taken as the caller evaluated them.
//  - Messages: "agent reply" is a MessageAdded event of kind Outbound whose actor is an Agent
//    (auto-replies by the System do not count); "customer message" is kind Inbound; notes never
//    count. "Solved" is a StatusChanged event to solved; "resolved" is status solved or closed.
//  - Calls: answered and abandoned calls from call_recorded events (calls.hpp), attributed
//    like every per-ticket figure to the creation period of their ticket (the phone webhook
//    opens one ticket per call).
//  - Clocks: calendar seconds are real elapsed seconds; business seconds use query.calendar
//    (sla::business_seconds) and are reported only when a calendar is given.
// Cost: O(events) per ticket plus O(log periods) for the period lookup and, with a calendar, one
// business_seconds call per measured interval; summaries sort each group's values once. Pure: no
// clock reads, no I/O (apart from date/tz loading a zone once); safe on many threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"
#include "reporting/calls.hpp"
#include "reporting/commitments.hpp"
#include "reporting/percentile.hpp"
#include "reporting/period.hpp"
#include "sla/business_calendar.hpp"
#include "sla/policy.hpp"
#include "sla/sla_clock.hpp"

namespace sp::reporting {

// The tags that exclude a ticket from every figure.
inline constexpr std::string_view kSpamTag = "spam";
inline constexpr std::string_view kMysteryShopperTag = "mystery_shopper";

// Everything the KPI pass needs about one ticket. Owning, so a caller can build it from storage.
struct TicketFacts {
  domain::Ticket ticket;                    // tenant, team, assignee, channel, category, tags
  std::vector<domain::TicketEvent> events;  // the history, in seq order
  std::optional<sla::SlaState> sla;         // from sla::evaluate; absent when no policy applied
  std::optional<int> csat_grade;            // 1..10; other values are ignored
  std::optional<int> nps_score;             // 0..10; other values are ignored
  std::optional<bool> helped;               // "were you helped?"
  std::optional<int> effort_score;          // 1 (very easy) .. 5 (very hard); others ignored
};

// Stable names: "all", "tenant", "team", "agent", "channel", "category".
enum class Dimension { All, Tenant, Team, Agent, Channel, Category };
std::string_view to_string(Dimension dimension);
// Fails with InvalidInput listing the accepted names.
Result<Dimension> parse_dimension(std::string_view name);

// When a breached SLA cycle counts as major (any rule suffices); otherwise it is minor.
// Defaults follow the commitment letter: a breach on a major complaint (whose policy carries the
// 30-minute response promise) is major; so is a breach on an urgent ticket and an overrun of
// more than half the target.
struct BreachRules {
  std::vector<std::string> major_categories = {"major_complaint"};
  std::vector<domain::Priority> major_priorities = {domain::Priority::Urgent};
  // Major when the business time used beyond the budget exceeds this share of the budget
  // (0.5 = more than 50% over). Empty disables the rule.
  std::optional<double> major_overrun_fraction = 0.5;
  // Independent of SLA policies: a ticket in major_categories whose first agent reply came more
  // than this many calendar minutes after creation (or that had none within that time when the
  // report ends) counts in major_complaints_late. Empty disables the figure.
  std::optional<std::int64_t> major_complaint_response_minutes = 30;
};

// The cost model behind cost_per_contact (an approximation, see its definition).
struct CostModel {
  double cost_per_agent_hour = 0;                // in the tenant's currency
  double agent_minutes_per_handled_contact = 0;  // average handling effort
};

struct KpiQuery {
  Dimension dimension = Dimension::All;
  Period period = Period::Month;
  Timestamp from;                                 // inclusive
  Timestamp to;                                   // exclusive; also the "as of" instant of the report
  std::string time_zone = "UTC";                  // the tenant's IANA zone: where periods are cut
  std::optional<sla::BusinessCalendar> calendar;  // business-time figures when present
  BreachRules breach_rules;
  std::optional<CostModel> cost;  // cost_per_contact when present
  // Calls answered within this many seconds count in service_level (the tenant's setting).
  int service_level_seconds = kDefaultServiceLevelSeconds;
};

// SLA figures of one target in one group.
struct SlaTargetFigures {
  std::int64_t cycles_finished = 0;  // met + breached (running and paused cycles excluded)
  std::int64_t cycles_met = 0;       // met before due
  std::optional<double> compliance;  // met / finished; empty when nothing finished
  std::int64_t breaches_minor = 0;
  std::int64_t breaches_major = 0;
  friend bool operator==(const SlaTargetFigures&, const SlaTargetFigures&) = default;
};

struct KpiFigures {
  std::int64_t contacts_received = 0;
  std::int64_t contacts_handled = 0;
  Summary first_response_seconds;
  std::optional<Summary> first_response_business_seconds;  // only with a calendar
  Summary next_response_seconds;
  std::optional<Summary> next_response_business_seconds;
  Summary resolution_seconds;
  std::optional<Summary> resolution_business_seconds;
  std::int64_t resolved = 0;              // status solved or closed as of the end
  std::optional<double> resolution_rate;  // resolved / received
  std::int64_t solved_tickets = 0;        // solved at least once
  std::int64_t first_contact_resolved = 0;
  std::optional<double> first_contact_resolution_rate;  // fcr / solved_tickets
  std::int64_t reopens = 0;
  std::optional<double> reopen_rate;                       // reopens / solved_tickets
  std::int64_t backlog = 0;                                // open at period end
  Summary backlog_age_seconds;                             // mean and p90 of period end - created_at
  std::array<SlaTargetFigures, sla::kSlaTargetCount> sla;  // indexed by sla::SlaTarget
  std::int64_t major_complaints_late = 0;
  std::int64_t csat_responses = 0;
  std::optional<double> csat_mean;  // 1..10
  std::int64_t helped_responses = 0;
  std::optional<double> not_helped_share;  // 0..1
  std::int64_t nps_responses = 0;
  std::optional<double> nps;  // -100..100 points
  std::int64_t effort_responses = 0;
  std::optional<double> effort_mean;  // 1..5, lower is easier
  std::optional<double> cost_per_contact;
  CallFigures calls;  // phone and waiting figures (calls.hpp)
  // Added after the ticket figures from the commitments table (commitments.hpp).
  CommitmentFigures commitments;
};

struct KpiGroup {
  std::string key;  // "all", tenant/team/agent id, channel name, category; see kpi_definitions
  Bucket period;
  KpiFigures figures;
};

// One ticket's own figures as of an instant: the unit both the exact report (compute_kpis) and
// the daily aggregates (rollup.hpp) add up, so the two cannot define a figure differently.
struct TicketKpi {
  bool handled = false;                           // an agent reply before as_of
  std::optional<double> first_response;           // calendar seconds
  std::optional<double> first_response_business;  // with a calendar
  std::vector<double> next_response;              // one per answered wait
  std::vector<double> next_response_business;
  std::optional<double> resolution;  // creation to first solved
  std::optional<double> resolution_business;
  bool solved_once = false;
  bool first_contact_resolved = false;
  bool resolved_at_end = false;  // solved or closed at as_of
  std::int64_t reopens = 0;
  std::array<SlaTargetFigures, sla::kSlaTargetCount> sla{};  // counts only
  bool major_complaint_late = false;
  std::optional<int> csat_grade, nps_score, effort_score;  // only valid values
  std::optional<bool> helped;
  // [opened, resolved) intervals before as_of; resolved = Timestamp::max() while open.
  std::vector<std::pair<Timestamp, Timestamp>> open;
  TicketCalls calls;  // its call_recorded events (calls.hpp)
};

// Measures one (not excluded) ticket as of `as_of` (events at or after it are ignored) into
// `out`, reusing its buffers. Business figures need `calendar`; fails with its error when an
// instant is outside 1970..2100.
[[nodiscard]] Result<void> measure_ticket(const TicketFacts& facts, Timestamp as_of,
                                          const sla::BusinessCalendar* calendar, const BreachRules& rules,
                                          TicketKpi& out);

// The counted (not distribution) part of a group's figures; summable and subtractable.
struct KpiCounts {
  std::int64_t received = 0;
  std::int64_t handled = 0;
  std::int64_t resolved = 0;
  std::int64_t solved_tickets = 0;
  std::int64_t first_contact_resolved = 0;
  std::int64_t reopens = 0;
  std::array<SlaTargetFigures, sla::kSlaTargetCount> sla{};  // compliance left empty
  std::int64_t major_complaints_late = 0;
  std::int64_t csat_count = 0;
  std::int64_t csat_sum = 0;
  std::int64_t helped_count = 0;
  std::int64_t not_helped = 0;
  std::int64_t nps_count = 0;
  std::int64_t promoters = 0;
  std::int64_t detractors = 0;
  std::int64_t effort_count = 0;
  std::int64_t effort_sum = 0;
  CallCounts calls;

  void add(const TicketKpi& ticket);
  void merge(const KpiCounts& other, std::int64_t sign);  // sign -1 subtracts
  bool empty() const;
  friend bool operator==(const KpiCounts&, const KpiCounts&) = default;
};

// Fills the figures that follow from counts alone (rates, means, NPS, SLA compliance, cost).
void fill_counted_figures(const KpiCounts& counts, const std::optional<CostModel>& cost, KpiFigures& figures);

// The group key of a ticket in a dimension ("all", ids, channel name, category; see
// kpi_definitions), and the order groups are reported in.
std::string group_key(const domain::Ticket& ticket, Dimension dimension);
bool group_key_less(const std::string& a, const std::string& b);

struct FigureDefinition {
  std::string_view name;        // the JSON key of the figure
  std::string_view definition;  // which clock, which statuses, which contacts are excluded
};

struct KpiReport {
  Dimension dimension = Dimension::All;
  Period period = Period::Month;
  Timestamp from;
  Timestamp to;
  std::string time_zone;
  bool business_time = false;  // a calendar was given
  // From the daily aggregates (rollup.hpp) rather than the tickets' histories; the "source"
  // definition says what differs.
  bool aggregated = false;
  std::int64_t excluded_spam = 0;
  std::int64_t excluded_mystery_shopper = 0;
  // Groups with at least one received contact, backlog item or decided commitment, ordered by (key, period
  // start). Keys of numeric ids sort numerically; "unassigned" / "uncategorised" come last.
  std::vector<KpiGroup> groups;
};

// The definition of every figure, in report order (stable; one entry per JSON figure key).
std::span<const FigureDefinition> kpi_definitions();

// What the report's source means ("exact" or "aggregates"), for the API and report footers.
std::string_view kpi_source_definition(bool aggregated);

// True when the ticket is excluded from every figure (tagged spam or mystery_shopper).
bool is_excluded(const domain::Ticket& ticket);

// Computes the report in one pass over `tickets` (see the rules above). Tickets created before
// query.from still count in backlog figures. Fails with InvalidInput for an empty range, an
// unknown time zone or too many periods (see Buckets::create), and with the calendar's error when
// a business-time figure cannot be computed (an instant outside 1970..2100).
[[nodiscard]] Result<KpiReport> compute_kpis(std::span<const TicketFacts> tickets, const KpiQuery& query);

}  // namespace sp::reporting

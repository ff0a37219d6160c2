// KPI aggregates (issue 8): each ticket's contribution to the reports, and the daily rollups
// those contributions sum to, so a month's report merges about 31 rows per group instead of
// reading every ticket and its history.
//
// A contribution is one ticket measured by measure_ticket (kpi.hpp, the same definitions as the
// exact report) as of the moment it was last computed: its cohort figures land on the local day
// it was created, its backlog steps (+1 when it opens or reopens, -1 when solved or closed) on
// the local days they happened, under its current team, agent, channel and category. When the
// ticket changes, the stored contribution is subtracted and the new one added, so every rollup
// row stays the exact sum of the contributions of today's tickets.
//
// Distributions (response and resolution times) are kept as log histograms: counts per bucket of
// 2% width, so a percentile read from them is within 1% of a value in the set; means are exact
// (sums in milliseconds). Backlog per period end is exact; its age is a mean only (the sum of
// creation instants of open tickets), no median or p90.
//
// Call waits are exact (WaitHistogram): counts per whole second.
//
// Pure: no I/O or clock reads. Encodings are compact varint blobs with a version byte; day
// figures of version 1 (before the call figures) still decode, with no calls.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reporting/kpi.hpp"

namespace sp::reporting {

// Counts per logarithmic bucket of seconds (0.001 s .. about 10^13 s); relative width 2%.
class LogHistogram {
 public:
  void add(double seconds, std::int64_t n = 1);
  void merge(const LogHistogram& other, std::int64_t sign);  // sign -1 subtracts
  std::int64_t count() const { return count_; }
  bool empty() const { return count_ == 0 && sum_ms_ == 0 && buckets_.empty(); }
  // Count, exact mean, and median / p90 by type-7 interpolation over bucket midpoints.
  Summary summary() const;

  void encode(std::string& out) const;
  [[nodiscard]] static Result<LogHistogram> decode(std::string_view& in);
  friend bool operator==(const LogHistogram&, const LogHistogram&) = default;

 private:
  std::vector<std::pair<std::int32_t, std::int64_t>> buckets_;  // (index, count), sorted, no 0
  std::int64_t count_ = 0;
  std::int64_t sum_ms_ = 0;  // milliseconds, exact under add and subtract
};

// One rollup row's figures: one (dimension, key, local day).
struct DayFigures {
  KpiCounts counts;
  LogHistogram first_response, first_response_business;
  LogHistogram next_response, next_response_business;
  LogHistogram resolution, resolution_business;
  WaitHistogram call_waits;  // answered calls' waits, exact per second (calls.hpp)
  std::int64_t excluded_spam = 0;
  std::int64_t excluded_mystery_shopper = 0;

  void add(const TicketKpi& ticket);
  void merge(const DayFigures& other, std::int64_t sign);
  bool empty() const;
  std::string encode() const;
  [[nodiscard]] static Result<DayFigures> decode(std::string_view blob);
  friend bool operator==(const DayFigures&, const DayFigures&) = default;
};

// The dimensions kept as rollups (Tenant is answered from All).
inline constexpr std::array<Dimension, 5> kRollupDimensions = {
    Dimension::All, Dimension::Team, Dimension::Agent, Dimension::Channel, Dimension::Category};

struct BacklogStep {
  std::int64_t day = 0;
  std::int64_t delta = 0;           // +1 opened or reopened, -1 solved or closed
  std::int64_t created_sum_ms = 0;  // delta x creation instant (Unix ms), for the mean age
  friend bool operator==(const BacklogStep&, const BacklogStep&) = default;
};

struct TicketContribution {
  std::int64_t created_day = 0;
  std::array<std::string, kRollupDimensions.size()> keys;  // group_key per kRollupDimensions
  DayFigures cohort;                                       // this ticket alone (or only an excluded count)
  std::vector<BacklogStep> backlog;                        // empty for excluded tickets
  std::string encode() const;
  [[nodiscard]] static Result<TicketContribution> decode(std::string_view blob);
  friend bool operator==(const TicketContribution&, const TicketContribution&) = default;
};

// Measures `facts` as of `as_of` into a contribution. Excluded tickets (spam, mystery shopper)
// contribute only their excluded count. Errors as measure_ticket.
[[nodiscard]] Result<TicketContribution> contribution_of(const TicketFacts& facts, Timestamp as_of,
                                                         const DayClock& days,
                                                         const sla::BusinessCalendar* calendar,
                                                         const BreachRules& rules);

// One change to one rollup row.
struct RollupDelta {
  Dimension dimension = Dimension::All;
  std::int64_t day = 0;
  std::string key;
  DayFigures figures;
  std::int64_t backlog_delta = 0;
  std::int64_t backlog_created_sum_ms = 0;
};

// Appends the row changes `contribution` makes, times `sign` (+1 to add, -1 to take away).
void rollup_deltas(const TicketContribution& contribution, std::int64_t sign, std::vector<RollupDelta>& out);

// A stored rollup row of one dimension, as the report reads it.
struct RollupRow {
  std::int64_t day = 0;
  std::string key;
  DayFigures figures;
  std::int64_t backlog_delta = 0;
  std::int64_t backlog_created_sum_ms = 0;
};

// Open tickets per key at the start of the report's first day (sum of earlier backlog steps).
struct BacklogBase {
  std::string key;
  std::int64_t count = 0;
  std::int64_t created_sum_ms = 0;
};

// The report from rollup rows of query.dimension with days in [day_of(from), day_of(to)).
// query.from and query.to must be local midnights of query.time_zone (InvalidInput, field
// "from"/"to", otherwise). Business summaries are reported when query.calendar is set (the
// caller says whether the rows were measured with one). Same groups, order and counts as
// compute_kpis over the same tickets measured at the same instant; percentiles within 1%.
[[nodiscard]] Result<KpiReport> kpis_from_rollup(std::span<const RollupRow> rows,
                                                 std::span<const BacklogBase> before, const KpiQuery& query);

}  // namespace sp::reporting

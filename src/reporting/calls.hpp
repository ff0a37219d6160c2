// Phone and waiting KPIs (issue 17; the headline figures of the Dutch telecom report: "4.3
// minutes average wait"): average speed of answer, wait percentiles, service level and
// abandonment rate, from the call_recorded events the phone webhook writes
// (domain::EventType::CallRecorded, `to` = {"call_id","state","wait_seconds",...}).
//
// Per call (one call_id within a ticket's history, events before the report end only):
//  - answered: an "answered" or "ended" event was recorded; its wait is the wait_seconds of
//    the answered event, else of the ended event; without either the call is answered
//    without a wait time (counted as answered and offered, left out of every wait figure and of
//    the service level);
//  - abandoned: an "abandoned" event and no answered or ended one (the caller hung up in the
//    queue); never part of the answer-speed figures;
//  - only "queued": still waiting or never finished; counted nowhere.
// Figures: offered = answered + abandoned; average speed of answer (ASA) = mean wait of answered
// calls with a wait time; p50/p90 of those waits (type 7 interpolation, as percentile.hpp);
// service level = answered with wait <= N seconds (exactly N counts as within) / (answered with
// a wait time + abandoned); abandonment rate = abandoned / offered.
//
// Waits are whole seconds (0..86400), so WaitHistogram keeps exact counts per second: the daily
// aggregates give the same percentiles and any service-level threshold exactly, and N can be
// changed per tenant without measuring a ticket again. Pure: no I/O, no clock reads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"
#include "reporting/percentile.hpp"

namespace sp::reporting {

inline constexpr int kDefaultServiceLevelSeconds = 20;
inline constexpr int kMaxServiceLevelSeconds = 3600;

// Exact counts of waits per whole second; summable and subtractable like LogHistogram.
class WaitHistogram {
 public:
  void add(int seconds, std::int64_t n = 1);                  // seconds clamped to 0..86400
  void merge(const WaitHistogram& other, std::int64_t sign);  // sign -1 subtracts
  std::int64_t count() const { return count_; }
  bool empty() const { return count_ == 0 && sum_seconds_ == 0 && counts_.empty(); }
  // How many waits were at most `seconds` (inclusive).
  std::int64_t count_at_most(int seconds) const;
  // The p-th percentile (0..100, clamped) by type 7 interpolation over the expanded values;
  // equal to percentile_of_sorted over the same waits. Empty when there are none.
  std::optional<double> percentile(double p) const;
  // Count, exact mean, median and p90.
  Summary summary() const;

  void encode(std::string& out) const;
  [[nodiscard]] static Result<WaitHistogram> decode(std::string_view& in);
  friend bool operator==(const WaitHistogram&, const WaitHistogram&) = default;

 private:
  std::optional<double> value_at_rank(std::int64_t rank) const;
  std::vector<std::pair<std::int32_t, std::int64_t>> counts_;  // (seconds, count), sorted, no 0
  std::int64_t count_ = 0;
  std::int64_t sum_seconds_ = 0;
};

// One ticket's calls as of an instant (see the rules above).
struct TicketCalls {
  std::int64_t answered = 0;  // with or without a wait time
  std::int64_t answered_without_wait = 0;
  std::int64_t abandoned = 0;
  std::vector<int> answer_waits;  // one per answered call with a wait time
};

// Reads the CallRecorded events of `events` before `as_of` into `out` (cleared first). Events
// whose JSON is unreadable or whose state is unknown are ignored.
void measure_calls(std::span<const domain::TicketEvent> events, Timestamp as_of, TicketCalls& out);

// The counted part of a group's call figures; summable.
struct CallCounts {
  std::int64_t answered = 0;
  std::int64_t answered_without_wait = 0;
  std::int64_t abandoned = 0;
  void add(const TicketCalls& calls);
  void merge(const CallCounts& other, std::int64_t sign);
  friend bool operator==(const CallCounts&, const CallCounts&) = default;
};

struct CallFigures {
  std::int64_t offered = 0;
  std::int64_t answered = 0;
  std::int64_t answered_without_wait = 0;
  std::int64_t abandoned = 0;
  WaitHistogram answer_waits;  // answered calls with a wait time
  Summary wait_seconds;        // of answer_waits; mean = average speed of answer
  int service_level_seconds = kDefaultServiceLevelSeconds;
  std::int64_t answered_within = 0;        // answer_waits <= service_level_seconds
  std::int64_t service_level_calls = 0;    // answer_waits.count() + abandoned
  std::optional<double> service_level;     // answered_within / service_level_calls
  std::optional<double> abandonment_rate;  // abandoned / offered
};

// The figures of a group. REQUIRES: 0 <= service_level_seconds <= kMaxServiceLevelSeconds.
CallFigures call_figures(const CallCounts& counts, const WaitHistogram& answer_waits,
                         int service_level_seconds);

// The service level of `figures` at another threshold (a charter's "80% within 30 seconds");
// empty when no call counts.
std::optional<double> service_level_within(const CallFigures& figures, int seconds);

}  // namespace sp::reporting

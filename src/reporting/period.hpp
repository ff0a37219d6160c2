// Period buckets for reports: days, ISO weeks (Monday first), months, half years or one custom
// range, cut at local midnight of an IANA time zone and expressed as UTC instants.
//
// A bucket of local date D starts at the UTC instant of D 00:00 local; a local midnight that does
// not exist (a DST gap at midnight) maps to the transition instant, an ambiguous one to its first
// occurrence. So a day on a DST change lasts 23 or 25 hours, and an instant at 23:30 UTC belongs
// to the next local day in Europe/Amsterdam. Buckets are clipped to the query range [from, to).
// Pure; the only I/O is date/tz reading the system tz database on the first lookup of a zone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace date {
class time_zone;
}

namespace sp::reporting {

// Stable names: "day", "week", "month", "half_year", "custom".
enum class Period { Day, Week, Month, HalfYear, Custom };
std::string_view to_string(Period period);
// Fails with InvalidInput listing the accepted names.
Result<Period> parse_period(std::string_view name);

struct Bucket {
  Timestamp start;    // inclusive, >= the query's from
  Timestamp end;      // exclusive, <= the query's to
  std::string label;  // "2026-03-29", "2026-03-23" (week's Monday), "2026-03", "2026-H1", or
                      // "<from>/<to>" in RFC 3339 for custom
};

// The consecutive buckets covering [from, to). Ordered and gap-free.
class Buckets {
 public:
  // Cuts [from, to) into `period` buckets in `time_zone`.
  // Fails with InvalidInput: field "time_zone" for an unknown zone, field "to" when to <= from,
  // field "period" when the range would need more than 100,000 buckets.
  [[nodiscard]] static Result<Buckets> create(Period period, Timestamp from, Timestamp to,
                                              std::string_view time_zone);

  const std::vector<Bucket>& all() const { return buckets_; }
  std::size_t size() const { return buckets_.size(); }
  Timestamp from() const { return buckets_.front().start; }
  Timestamp to() const { return buckets_.back().end; }

  // The index of the bucket holding `t`, or empty when t is outside [from, to). O(log n).
  std::optional<std::size_t> index_of(Timestamp t) const;

 private:
  std::vector<Bucket> buckets_;
  std::vector<Timestamp> starts_;  // buckets_[i].start, for binary search
};

// Local day numbers in one zone (days since 1970-01-01 local), the unit of the KPI aggregates.
// A day starts at local midnight as Buckets cuts it (a midnight in a DST gap at the transition).
class DayClock {
 public:
  // InvalidInput with field "time_zone" for an unknown zone.
  [[nodiscard]] static Result<DayClock> create(std::string_view time_zone);
  std::int64_t day_of(Timestamp t) const;
  Timestamp start_of(std::int64_t day) const;

 private:
  const date::time_zone* zone_ = nullptr;
};

}  // namespace sp::reporting

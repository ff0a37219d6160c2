// The UTC index of a business calendar: its opening intervals as sorted, disjoint UTC second
// ranges with prefix sums of open seconds, so business time between two instants is two binary
// searches. Internal to sla/ (business_calendar.cpp owns one, business_time.cpp reads it).
//
// The supported window [kWindowBegin_s, kWindowEnd_s) = [1970-01-01, 2100-01-01) UTC is cut
// into fixed chunks of 2^25 seconds (about 388 days). A chunk is built on first use under a
// mutex and published through an atomic pointer; once published it never changes, so readers
// take no lock. Building one chunk of a Mon-Fri calendar takes about 20 microseconds.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace date {
class time_zone;
}  // namespace date

namespace sp::sla {

struct CalendarDefinition;

namespace detail {

inline constexpr std::int64_t kWindowBegin_s = 0;         // 1970-01-01T00:00:00Z
inline constexpr std::int64_t kWindowEnd_s = 4102444800;  // 2100-01-01T00:00:00Z
inline constexpr int kChunkShift = 25;
inline constexpr std::int64_t kChunkSeconds = std::int64_t{1} << kChunkShift;
inline constexpr std::size_t kChunkCount =
    static_cast<std::size_t>((kWindowEnd_s - kWindowBegin_s + kChunkSeconds - 1) / kChunkSeconds);

// The opening intervals within [begin_s, end_s), clipped to it; touching intervals merged.
struct OpenChunk {
  std::int64_t begin_s = 0;
  std::int64_t end_s = 0;
  std::vector<std::int64_t> open_begin_s;    // increasing
  std::vector<std::int64_t> open_end_s;      // open_begin_s[k] < open_end_s[k] < open_begin_s[k+1]
  std::vector<std::int64_t> open_through_s;  // open seconds in [begin_s, open_end_s[k])

  std::int64_t open_total_s() const { return open_through_s.empty() ? 0 : open_through_s.back(); }

  // Returns the open seconds in [begin_s, t_s). REQUIRES: begin_s <= t_s <= end_s.
  std::int64_t open_before(std::int64_t t_s) const;

  // Returns the earliest instant at which open_before() reaches `open_s`.
  // REQUIRES: 0 < open_s <= open_total_s().
  std::int64_t instant_at(std::int64_t open_s) const;
};

class UtcSchedule {
 public:
  // REQUIRES: `definition` and `zone` outlive this object; definition.holidays sorted.
  UtcSchedule(const CalendarDefinition& definition, const date::time_zone& zone);
  ~UtcSchedule();
  UtcSchedule(const UtcSchedule&) = delete;
  UtcSchedule& operator=(const UtcSchedule&) = delete;

  // Returns the chunk holding `t_s`. REQUIRES: kWindowBegin_s <= t_s < kWindowEnd_s.
  static std::size_t chunk_index(std::int64_t t_s) {
    return static_cast<std::size_t>((t_s - kWindowBegin_s) >> kChunkShift);
  }

  // Returns chunk `idx`, building it on first use. REQUIRES: idx < kChunkCount.
  const OpenChunk& chunk(std::size_t idx) const {
    const OpenChunk* built = chunks_[idx].load(std::memory_order_acquire);
    if (built != nullptr) {
      return *built;
    }
    return build(idx);
  }

 private:
  const OpenChunk& build(std::size_t idx) const;

  const CalendarDefinition& definition_;
  const date::time_zone& zone_;
  mutable std::mutex build_mutex_;
  mutable std::array<std::atomic<const OpenChunk*>, kChunkCount> chunks_{};
};

}  // namespace detail
}  // namespace sp::sla

#include "sla/utc_schedule.hpp"

#include <date/tz.h>

#include <algorithm>
#include <memory>

#include "sla/business_calendar.hpp"

namespace sp::sla::detail {

std::int64_t OpenChunk::open_before(std::int64_t t_s) const {
  auto after = std::upper_bound(open_begin_s.begin(), open_begin_s.end(), t_s);
  if (after == open_begin_s.begin()) {
    return 0;
  }
  const auto k = static_cast<std::size_t>(after - open_begin_s.begin()) - 1;
  return open_through_s[k] - std::max<std::int64_t>(0, open_end_s[k] - t_s);
}

std::int64_t OpenChunk::instant_at(std::int64_t open_s) const {
  // The first interval whose running total reaches open_s; ending on its close is allowed, which
  // is how a due time can fall exactly on a closing time.
  auto reached = std::lower_bound(open_through_s.begin(), open_through_s.end(), open_s);
  const auto k = static_cast<std::size_t>(reached - open_through_s.begin());
  return open_end_s[k] - (open_through_s[k] - open_s);
}

UtcSchedule::UtcSchedule(const CalendarDefinition& definition, const date::time_zone& zone)
    : definition_(definition), zone_(zone) {}

UtcSchedule::~UtcSchedule() {
  for (auto& slot : chunks_) {
    delete slot.load(std::memory_order_acquire);
  }
}

const OpenChunk& UtcSchedule::build(std::size_t idx) const {
  using std::chrono::days;
  using std::chrono::seconds;
  std::lock_guard<std::mutex> lock(build_mutex_);
  if (const OpenChunk* built = chunks_[idx].load(std::memory_order_acquire)) {
    return *built;
  }
  auto chunk = std::make_unique<OpenChunk>();
  chunk->begin_s = kWindowBegin_s + static_cast<std::int64_t>(idx) * kChunkSeconds;
  chunk->end_s = std::min(chunk->begin_s + kChunkSeconds, kWindowEnd_s);

  // Issue 4: a nonexistent local time maps to the transition instant and an ambiguous one to its
  // first occurrence; date::choose::earliest does exactly that, and it is monotone in local time,
  // so intervals taken in local order come out sorted and disjoint in UTC.
  auto to_utc_s = [this](std::int64_t local_s) {
    auto local = date::local_seconds{seconds{local_s}};
    return zone_.to_sys(local, date::choose::earliest).time_since_epoch().count();
  };

  // UTC offsets stay well within a day, so these local dates cover the whole chunk.
  const auto first_day =
      std::chrono::floor<days>(std::chrono::sys_seconds{seconds{chunk->begin_s}}) - days{2};
  const auto last_day = std::chrono::floor<days>(std::chrono::sys_seconds{seconds{chunk->end_s}}) + days{1};
  for (auto day = first_day; day <= last_day; day += days{1}) {
    const DayHours& hours = hours_on(definition_, std::chrono::year_month_day{day});
    const std::int64_t midnight_s = std::chrono::duration_cast<seconds>(day.time_since_epoch()).count();
    for (const LocalInterval& interval : hours) {
      std::int64_t open_s = std::max(to_utc_s(midnight_s + interval.open_min * 60), chunk->begin_s);
      std::int64_t close_s = std::min(to_utc_s(midnight_s + interval.close_min * 60), chunk->end_s);
      if (open_s >= close_s) {
        continue;  // outside this chunk, or wholly inside a spring-forward gap
      }
      if (!chunk->open_end_s.empty() && open_s <= chunk->open_end_s.back()) {
        chunk->open_end_s.back() = std::max(chunk->open_end_s.back(), close_s);
        continue;
      }
      chunk->open_begin_s.push_back(open_s);
      chunk->open_end_s.push_back(close_s);
    }
  }
  chunk->open_through_s.reserve(chunk->open_begin_s.size());
  std::int64_t running_s = 0;
  for (std::size_t k = 0; k < chunk->open_begin_s.size(); ++k) {
    running_s += chunk->open_end_s[k] - chunk->open_begin_s[k];
    chunk->open_through_s.push_back(running_s);
  }
  const OpenChunk* published = chunk.release();
  chunks_[idx].store(published, std::memory_order_release);
  return *published;
}

}  // namespace sp::sla::detail

#include "sla/calc_common.hpp"

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>

#include "sla/business_time.hpp"
#include "sla/calendar_json.hpp"

namespace sp::sla::detail {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Epoch seconds beyond this would overflow milliseconds; far outside the window anyway.
constexpr std::int64_t kMaxEpochMagnitude_s = 1'000'000'000'000'000;

// A process-wide LRU of parsed calendars keyed by their JSON text. Sharing the
// BusinessCalendar also shares its lazily built UTC index between lines.
class CalendarCache {
 public:
  std::optional<BusinessCalendar> find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = index_.find(key);
    if (found == index_.end()) {
      return std::nullopt;
    }
    entries_.splice(entries_.begin(), entries_, found->second);
    return found->second->second;
  }

  void insert(std::string key, const BusinessCalendar& calendar) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (index_.count(key) != 0) {
      return;
    }
    entries_.emplace_front(std::move(key), calendar);
    index_.emplace(entries_.front().first, entries_.begin());
    if (entries_.size() > kCalendarCacheEntries) {
      index_.erase(entries_.back().first);
      entries_.pop_back();
    }
  }

 private:
  using Entry = std::pair<std::string, BusinessCalendar>;
  std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

CalendarCache& calendar_cache() {
  static CalendarCache cache;
  return cache;
}

}  // namespace

std::string dump_line(const ordered_json& value) {
  // Replace invalid UTF-8 (e.g. echoed keys) rather than throw.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string failure_line(const Failure& failure) {
  ordered_json error = ordered_json::object();
  error["type"] = failure.type;
  error["detail"] = failure.detail;
  if (!failure.field.empty()) error["field"] = failure.field;
  ordered_json line = ordered_json::object();
  line["error"] = std::move(error);
  return dump_line(line);
}

Failure engine_failure(const Error& error) {
  if (error.kind == sla::kNoOpeningHours) {
    return {"no-opening-hours", error.message, ""};
  }
  if (error.kind == sla::kOutOfRange) {
    return {"out-of-range", error.message, ""};
  }
  if (error.code == ErrorCode::InvalidInput) {
    return {"invalid-request", error.message, error.field};
  }
  return {"internal", error.message, ""};
}

std::variant<BusinessCalendar, Failure> calendar_from(const json& value, std::string_view field_prefix) {
  std::string key = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (auto cached = calendar_cache().find(key)) {
    return *cached;
  }
  auto parsed = parse_calendar_json(value);
  if (!parsed.ok()) {
    if (parsed.error().code == ErrorCode::InvalidInput) {
      std::string field(field_prefix);
      if (!parsed.error().field.empty()) field += "." + parsed.error().field;
      return Failure{"invalid-calendar", parsed.error().message, field};
    }
    return Failure{"internal", parsed.error().message, ""};
  }
  calendar_cache().insert(std::move(key), parsed.value());
  return parsed.value();
}

std::variant<Timestamp, Failure> time_from(const json& value, const std::string& field) {
  if (value.is_string()) {
    auto parsed = parse_rfc3339(value.get_ref<const std::string&>());
    if (!parsed.ok()) {
      return Failure{"invalid-time", field + ": " + parsed.error().message, field};
    }
    return std::chrono::floor<std::chrono::seconds>(parsed.value());
  }
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxEpochMagnitude_s)) {
      return Failure{"invalid-time", field + ": epoch seconds out of range", field};
    }
    const auto epoch_s = value.get<std::int64_t>();
    if (epoch_s > kMaxEpochMagnitude_s || epoch_s < -kMaxEpochMagnitude_s) {
      return Failure{"invalid-time", field + ": epoch seconds out of range", field};
    }
    return from_unix_seconds(epoch_s);
  }
  return Failure{"invalid-time", field + ": must be an RFC 3339 time with offset or integer Unix seconds",
                 field};
}

}  // namespace sp::sla::detail

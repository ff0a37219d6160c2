#include "sla/calc.hpp"

#include <cstdint>
#include <list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <utility>
#include <variant>

#include "core/time.hpp"
#include "sla/business_time.hpp"
#include "sla/calendar_json.hpp"

namespace sp::sla {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::size_t kCalendarCacheEntries = 32;
// Epoch seconds beyond this would overflow milliseconds; far outside the window anyway.
constexpr std::int64_t kMaxEpochMagnitude_s = 1'000'000'000'000'000;

// A failed request: the stable error type and a human-readable detail.
struct Failure {
  std::string type;
  std::string detail;
};

std::string dump_line(const ordered_json& value) {
  // Replace invalid UTF-8 (e.g. echoed keys) rather than throw.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string failure_line(const Failure& failure) {
  ordered_json error = ordered_json::object();
  error["type"] = failure.type;
  error["detail"] = failure.detail;
  ordered_json line = ordered_json::object();
  line["error"] = std::move(error);
  return dump_line(line);
}

// Maps an engine error to its stable calc type.
Failure engine_failure(const Error& error) {
  if (error.kind == kNoOpeningHours) {
    return {"no-opening-hours", error.message};
  }
  if (error.kind == kOutOfRange) {
    return {"out-of-range", error.message};
  }
  if (error.code == ErrorCode::InvalidInput) {
    return {"invalid-request", error.message};
  }
  return {"internal", error.message};
}

// A process-wide LRU of parsed calendars keyed by their canonical JSON text. Sharing the
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

std::variant<BusinessCalendar, Failure> calendar_from(const json& value) {
  std::string key = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (auto cached = calendar_cache().find(key)) {
    return *cached;
  }
  auto parsed = parse_calendar_json(value);
  if (!parsed.ok()) {
    if (parsed.error().code == ErrorCode::InvalidInput) {
      return Failure{"invalid-calendar", parsed.error().message};
    }
    return Failure{"internal", parsed.error().message};
  }
  calendar_cache().insert(std::move(key), parsed.value());
  return parsed.value();
}

std::variant<Timestamp, Failure> time_from(const json& value, const char* name) {
  const std::string field(name);
  if (value.is_string()) {
    auto parsed = parse_rfc3339(value.get_ref<const std::string&>());
    if (!parsed.ok()) {
      return Failure{"invalid-time", field + ": " + parsed.error().message};
    }
    return std::chrono::floor<std::chrono::seconds>(parsed.value());
  }
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxEpochMagnitude_s)) {
      return Failure{"invalid-time", field + ": epoch seconds out of range"};
    }
    const auto epoch_s = value.get<std::int64_t>();
    if (epoch_s > kMaxEpochMagnitude_s || epoch_s < -kMaxEpochMagnitude_s) {
      return Failure{"invalid-time", field + ": epoch seconds out of range"};
    }
    return from_unix_seconds(epoch_s);
  }
  return Failure{"invalid-time", field + ": must be an RFC 3339 time with offset or integer Unix seconds"};
}

std::variant<std::string, Failure> evaluate(std::string_view line) {
  json request = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded()) {
    return Failure{"invalid-json", "the line is not valid JSON"};
  }
  if (!request.is_object()) {
    return Failure{"invalid-request", "the request must be a JSON object"};
  }
  for (const auto& [key, value] : request.items()) {
    (void)value;
    if (key != "calendar" && key != "start" && key != "add_seconds" && key != "from" && key != "to") {
      return Failure{"invalid-request", "unknown key '" + key.substr(0, 64) +
                                            "' (use calendar with start+add_seconds or from+to)"};
    }
  }
  const bool adds = request.contains("start") || request.contains("add_seconds");
  const bool measures = request.contains("from") || request.contains("to");
  if (adds == measures) {
    return Failure{"invalid-request", "give either start and add_seconds, or from and to"};
  }
  if (adds && (!request.contains("start") || !request.contains("add_seconds"))) {
    return Failure{"invalid-request", "start and add_seconds go together"};
  }
  if (measures && (!request.contains("from") || !request.contains("to"))) {
    return Failure{"invalid-request", "from and to go together"};
  }
  if (!request.contains("calendar")) {
    return Failure{"invalid-request", "calendar is required"};
  }
  std::int64_t add_s = 0;
  if (adds) {
    const json& amount = request["add_seconds"];
    if (!amount.is_number_integer() || (!amount.is_number_unsigned() && amount.get<std::int64_t>() < 0) ||
        (amount.is_number_unsigned() &&
         amount.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
      return Failure{"invalid-request", "add_seconds must be a non-negative integer"};
    }
    add_s = amount.get<std::int64_t>();
  }
  auto calendar = calendar_from(request["calendar"]);
  if (auto* failure = std::get_if<Failure>(&calendar)) {
    return *failure;
  }
  const BusinessCalendar& business_calendar = std::get<BusinessCalendar>(calendar);
  if (adds) {
    auto start = time_from(request["start"], "start");
    if (auto* failure = std::get_if<Failure>(&start)) {
      return *failure;
    }
    auto due = add_business_seconds(business_calendar, std::get<Timestamp>(start), add_s);
    if (!due.ok()) {
      return engine_failure(due.error());
    }
    ordered_json out = ordered_json::object();
    out["due"] = format_rfc3339(due.value());
    out["due_epoch"] = std::chrono::floor<std::chrono::seconds>(due.value()).time_since_epoch().count();
    return dump_line(out);
  }
  auto from = time_from(request["from"], "from");
  if (auto* failure = std::get_if<Failure>(&from)) {
    return *failure;
  }
  auto to = time_from(request["to"], "to");
  if (auto* failure = std::get_if<Failure>(&to)) {
    return *failure;
  }
  auto measured = business_seconds(business_calendar, std::get<Timestamp>(from), std::get<Timestamp>(to));
  if (!measured.ok()) {
    return engine_failure(measured.error());
  }
  ordered_json out = ordered_json::object();
  out["business_seconds"] = measured.value();
  return dump_line(out);
}

}  // namespace

std::string calc_business_time_line(std::string_view json_line) {
  try {
    auto result = evaluate(json_line);
    if (auto* failure = std::get_if<Failure>(&result)) {
      return failure_line(*failure);
    }
    return std::get<std::string>(std::move(result));
  } catch (const std::exception& error) {
    // Only allocation failure can get here; still answer with a line rather than throw.
    try {
      return failure_line(Failure{"internal", error.what()});
    } catch (...) {
      return R"({"error":{"type":"internal","detail":"out of memory"}})";
    }
  } catch (...) {
    return R"({"error":{"type":"internal","detail":"unexpected failure"}})";
  }
}

}  // namespace sp::sla

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

constexpr std::size_t kNoPos = std::string_view::npos;

bool is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

std::size_t skip_space(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  return pos;
}

// The position after the string that opens at `pos`, or kNoPos if it never closes.
std::size_t skip_string(std::string_view text, std::size_t pos) {
  for (++pos; pos < text.size(); ++pos) {
    if (text[pos] == '\\') {
      ++pos;
    } else if (text[pos] == '"') {
      return pos + 1;
    }
  }
  return kNoPos;
}

// The position after the value that starts at `pos`, or kNoPos. Only the structure is
// followed (strings, brackets); whether the value is valid JSON is left to the parser that
// later reads the rest of the line, or the calendar text on a cache miss.
std::size_t skip_value(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return kNoPos;
  if (text[pos] == '"') return skip_string(text, pos);
  if (text[pos] != '{' && text[pos] != '[') {
    while (pos < text.size() && text[pos] != ',' && text[pos] != '}' && text[pos] != ']' &&
           !is_space(text[pos])) {
      ++pos;
    }
    return pos;
  }
  int depth = 0;
  while (pos < text.size()) {
    const char ch = text[pos];
    if (ch == '"') {
      pos = skip_string(text, pos);
      if (pos == kNoPos) return kNoPos;
      continue;
    }
    if (ch == '{' || ch == '[') {
      if (++depth > kMaxScanDepth) return kNoPos;
    } else if (ch == '}' || ch == ']') {
      if (--depth == 0) return pos + 1;
    }
    ++pos;
  }
  return kNoPos;
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

namespace {

// Compiles `value` and caches it under `key` (a miss of both lookups below).
std::variant<BusinessCalendar, Failure> compile_and_cache(const json& value, std::string key,
                                                          std::string_view field_prefix) {
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

}  // namespace

std::variant<BusinessCalendar, Failure> calendar_from(const json& value, std::string_view field_prefix) {
  std::string key = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (auto cached = calendar_cache().find(key)) {
    return *cached;
  }
  return compile_and_cache(value, std::move(key), field_prefix);
}

std::variant<BusinessCalendar, Failure> calendar_from_text(std::string_view text,
                                                           std::string_view field_prefix) {
  std::string key(text);
  if (auto cached = calendar_cache().find(key)) {
    return *cached;
  }
  json value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return Failure{"invalid-json", "the line is not valid JSON"};
  }
  return compile_and_cache(value, std::move(key), field_prefix);
}

std::optional<SplitLine> split_calendar(std::string_view line) {
  std::size_t pos = skip_space(line, 0);
  if (pos >= line.size() || line[pos] != '{') return std::nullopt;
  std::size_t value_begin = kNoPos;
  std::size_t value_end = kNoPos;
  pos = skip_space(line, pos + 1);
  if (pos < line.size() && line[pos] == '}') return std::nullopt;
  for (;;) {
    if (pos >= line.size() || line[pos] != '"') return std::nullopt;
    const std::size_t key_end = skip_string(line, pos);
    if (key_end == kNoPos) return std::nullopt;
    const std::string_view key = line.substr(pos + 1, key_end - pos - 2);
    // An escaped key could spell "calendar" in a way this scan cannot see: parse it all.
    if (key.find('\\') != std::string_view::npos) return std::nullopt;
    pos = skip_space(line, key_end);
    if (pos >= line.size() || line[pos] != ':') return std::nullopt;
    pos = skip_space(line, pos + 1);
    const std::size_t end = skip_value(line, pos);
    if (end == kNoPos || end == pos) return std::nullopt;
    if (key == "calendar") {
      if (value_begin != kNoPos || line[pos] != '{') return std::nullopt;
      value_begin = pos;
      value_end = end;
    }
    pos = skip_space(line, end);
    if (pos >= line.size()) return std::nullopt;
    if (line[pos] == '}') break;
    if (line[pos] != ',') return std::nullopt;
    pos = skip_space(line, pos + 1);
  }
  if (value_begin == kNoPos) return std::nullopt;
  SplitLine split;
  split.calendar_text = line.substr(value_begin, value_end - value_begin);
  split.rest.reserve(line.size() - split.calendar_text.size() + 4);
  split.rest.append(line.substr(0, value_begin)).append("null").append(line.substr(value_end));
  return split;
}

std::variant<RequestLine, Failure> read_request_line(std::string_view line) {
  RequestLine out;
  auto split = split_calendar(line);
  if (split) {
    out.calendar = calendar_from_text(split->calendar_text);
    // Bad JSON anywhere in the line is reported first, as when the whole line is parsed.
    if (auto* failure = std::get_if<Failure>(&*out.calendar); failure && failure->type == "invalid-json") {
      return *failure;
    }
  }
  const std::string_view text = split ? std::string_view(split->rest) : line;
  out.request = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (out.request.is_discarded()) return Failure{"invalid-json", "the line is not valid JSON"};
  return out;
}

std::variant<BusinessCalendar, Failure> calendar_of(RequestLine& line) {
  if (line.calendar) return std::move(*line.calendar);
  return calendar_from(line.request["calendar"]);
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

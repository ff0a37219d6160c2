// JSON forms of the domain objects as the REST API shows them, and a reader for request
// bodies that reports the first wrong type or unknown member by name.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "domain/model.hpp"

namespace sp::http {

using nlohmann::json;

json to_json(const domain::Tenant&);
json to_json(const domain::Team&);
json to_json(const domain::Agent&);
json to_json(const domain::Customer&);
json to_json(const domain::Ticket&);
// Adds "sla": {"due_at", "at_risk", "breached"} (null when no clock runs) and "requester_name".
void add_summary(json& ticket, const domain::TicketSummary& summary);
json to_json(const domain::Message&);
json to_json(const domain::TicketEvent&);

inline constexpr int kMaxJsonDepth = 32;

// Parses a request body: must be a JSON object nested at most kMaxJsonDepth deep.
// Errors are InvalidInput with kind "invalid-json" (message carries the byte position).
Result<json> parse_json_object(std::string_view body);

// Reads members of a JSON object with type checks. The first problem is kept and
// returned by finish(), which also rejects members that were never asked for.
class BodyReader {
 public:
  explicit BodyReader(const json& object) : object_(object) {}
  bool has(const char* key) const { return object_.contains(key); }
  bool is_null(const char* key) const { return has(key) && object_.at(key).is_null(); }
  std::optional<std::string> string(const char* key, bool required = false);
  std::optional<std::int64_t> integer(const char* key, bool required = false);
  std::optional<bool> boolean(const char* key);
  std::optional<std::vector<std::string>> strings(const char* key);
  // For nullable references: absent -> nullopt; null -> engaged nullopt; id -> id.
  std::optional<std::optional<std::int64_t>> nullable_id(const char* key);
  Result<void> finish();

 private:
  const json* member(const char* key, bool required);
  void fail(Error error);
  const json& object_;
  std::set<std::string> seen_;
  std::optional<Error> error_;
};

}  // namespace sp::http

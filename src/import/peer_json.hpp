// What the three peer mappers (peers.hpp) share: reading a collection file of an export
// folder, tolerant readers for the members of a peer's JSON (ids as numbers or strings,
// absent or null members), and the emitter that checks each mapped record with the neutral
// format's own parser (parse_record), so a peer record that cannot be mapped is skipped with
// its position and the field that is wrong. Internal to import/; pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/peers.hpp"

namespace sp::import::peer {

using nlohmann::json;

// Collection files larger than this are refused whole (a JSON document is parsed in memory).
inline constexpr std::size_t kMaxDocumentBytes = std::size_t{1} << 30;

class Emitter {
 public:
  explicit Emitter(ParsedRecords& out) : out_(out) {}

  // The array held by `file` (a bare array, or an object holding it under `key`); empty when
  // the file is absent. A file that is not JSON, or holds no such array, is skipped whole.
  json collection(const ExportFolder& folder, std::string_view file, std::string_view key,
                  std::string_view kind);

  // Checks `neutral` (a neutral record object) with parse_record and keeps it at `where`, or
  // skips it there with parse_record's reason. Returns whether it was kept.
  bool add(const json& neutral, const std::string& where);
  void skip(const std::string& where, std::string_view kind, std::string reason);

  ParsedRecords& out() { return out_; }

 private:
  ParsedRecords& out_;
};

// The member `key` of `object`, or nullptr when absent, null, or `object` is no object.
const json* member(const json& object, std::string_view key);
// An id as text: 17 or "17"; nullopt for anything else.
std::optional<std::string> id_of(const json* value);
std::optional<std::string> id_of(const json& object, std::string_view key);
// A string member, "" when absent or not a string.
std::string text_of(const json& object, std::string_view key);
// A boolean member that may be true/false, 1/0 or "1"/"0"; `fallback` otherwise.
bool flag_of(const json& object, std::string_view key, bool fallback);
// A time member as given ("2026-10-05T09:00:00Z"; RT's "2026-10-05 09:00:00" gets a Z);
// json null when absent, so the neutral parser reports a required one by name.
json time_of(const json& object, std::string_view key);
// servicepact's language for a locale such as "nl-NL", "zh-cn", "en-US" (en otherwise).
std::string language_of(std::string_view locale);
// Plain text of an HTML body (channels::html_to_text).
std::string text_from_html(std::string_view html);
// A peer's user as the neutral agent and customer records take it (one person may be both:
// an agent who opened a ticket is its requester, and servicepact's requester is a customer).
struct PersonFields {
  std::optional<std::string> id;
  std::string name;
  std::string email;
  std::vector<std::string> phones;  // empty ones are left out
  std::string language;
  json created_at;
};
json agent_record(const PersonFields& person, std::string_view role, bool active);
json customer_record(const PersonFields& person);
// The non-empty string members `keys` of `user` (its phone numbers).
std::vector<std::string> texts_of(const json& user, std::initializer_list<const char*> keys);

// "org:<name>" as a tag (sanitised later with the ticket's other tags).
std::string organisation_tag(std::string_view name);
// Positions in the summary: "tickets.json: ticket 17" (or "tickets.json: item 3").
std::string position(std::string_view file, std::string_view what, const std::optional<std::string>& id,
                     std::size_t index);
// A file of the export folder that holds an attachment's bytes, if there is one.
std::optional<std::string> attachment_file(const ExportFolder& folder, const std::string& id,
                                           const std::string& filename);

}  // namespace sp::import::peer

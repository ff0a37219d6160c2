#include "import/peer_json.hpp"

#include "channels/html_sanitize.hpp"
#include "core/text.hpp"

namespace sp::import::peer {

json Emitter::collection(const ExportFolder& folder, std::string_view file, std::string_view key,
                         std::string_view kind) {
  auto it = folder.documents.find(file);
  if (it == folder.documents.end()) return json::array();
  if (it->second.size() > kMaxDocumentBytes) {
    skip(std::string(file), kind, "larger than 1 GiB: split the export into smaller files");
    return json::array();
  }
  auto document = json::parse(it->second, nullptr, false);
  if (document.is_discarded()) {
    skip(std::string(file), kind, "not valid JSON");
    return json::array();
  }
  if (document.is_array()) return document;
  if (document.is_object()) {
    auto held = document.find(key);
    if (held != document.end() && held->is_array()) return std::move(*held);
  }
  skip(std::string(file), kind,
       "must be a JSON array or an object with an array \"" + std::string(key) + "\"");
  return json::array();
}

bool Emitter::add(const json& neutral, const std::string& where) {
  auto record = parse_record(neutral);
  if (!record) {
    skip(where, neutral.value("kind", "line"), record.error().message);
    return false;
  }
  out_.records.push_back(std::move(*record));
  out_.positions.push_back(where);
  return true;
}

void Emitter::skip(const std::string& where, std::string_view kind, std::string reason) {
  out_.skipped.push_back({where, std::string(kind), std::move(reason)});
}

const json* member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<std::string> id_of(const json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_number_integer()) return std::to_string(value->get<std::int64_t>());
  if (value->is_string() && !value->get_ref<const std::string&>().empty()) return value->get<std::string>();
  return std::nullopt;
}

std::optional<std::string> id_of(const json& object, std::string_view key) {
  return id_of(member(object, key));
}

std::string text_of(const json& object, std::string_view key) {
  const json* value = member(object, key);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

bool flag_of(const json& object, std::string_view key, bool fallback) {
  const json* value = member(object, key);
  if (value == nullptr) return fallback;
  if (value->is_boolean()) return value->get<bool>();
  if (value->is_number_integer()) return value->get<std::int64_t>() != 0;
  if (value->is_string()) return *value != "0" && *value != "" && *value != "false";
  return fallback;
}

json time_of(const json& object, std::string_view key) {
  const json* value = member(object, key);
  if (value == nullptr) return nullptr;
  if (!value->is_string()) return *value;  // the neutral parser names the wrong type
  std::string text = value->get<std::string>();
  // RT writes "2026-10-05 09:00:00" (UTC, no zone).
  if (text.size() == 19 && text[10] == ' ') text = text.substr(0, 10) + "T" + text.substr(11) + "Z";
  return text;
}

std::string language_of(std::string_view locale) {
  const std::string lower = text::ascii_lower(locale);
  if (lower.rfind("nl", 0) == 0) return "nl";
  if (lower.rfind("zh", 0) == 0) return "zh";
  return "en";
}

std::string text_from_html(std::string_view html) {
  return channels::html_to_text(html);
}

json agent_record(const PersonFields& person, std::string_view role, bool active) {
  return {{"kind", "agent"},     {"external_id", person.id ? json(*person.id) : json()},
          {"name", person.name}, {"email", person.email},
          {"role", role},        {"language", person.language},
          {"active", active},    {"created_at", person.created_at}};
}

json customer_record(const PersonFields& person) {
  json customer = {{"kind", "customer"},
                   {"external_id", person.id ? json(*person.id) : json()},
                   {"name", person.name},
                   {"emails", json::array()},
                   {"phones", json::array()},
                   {"language", person.language},
                   {"created_at", person.created_at}};
  if (!person.email.empty()) customer["emails"].push_back(person.email);
  for (const auto& phone : person.phones) {
    if (!phone.empty()) customer["phones"].push_back(phone);
  }
  return customer;
}

std::vector<std::string> texts_of(const json& user, std::initializer_list<const char*> keys) {
  std::vector<std::string> out;
  for (const char* key : keys) {
    if (auto text = text_of(user, key); !text.empty()) out.push_back(std::move(text));
  }
  return out;
}

std::string organisation_tag(std::string_view name) {
  return "org:" + std::string(name);
}

std::string position(std::string_view file, std::string_view what, const std::optional<std::string>& id,
                     std::size_t index) {
  return std::string(file) + ": " +
         (id ? std::string(what) + " " + *id : "item " + std::to_string(index + 1));
}

std::optional<std::string> attachment_file(const ExportFolder& folder, const std::string& id,
                                           const std::string& filename) {
  const std::string path = "attachments/" + id + "/" + filename;
  if (folder.files.count(path)) return path;
  return std::nullopt;
}

}  // namespace sp::import::peer

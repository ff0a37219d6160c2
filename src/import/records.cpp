#include "import/records.hpp"

#include <algorithm>
#include <set>

namespace sp::import {

namespace {

using nlohmann::json;

Error field_error(const std::string& field, const std::string& why) {
  return invalid_input(field + ": " + why, field);
}

// Reads the members of one record object; remembers the first problem and which members
// were read, so unknown members can be refused (a typo must not silently drop data).
class Fields {
 public:
  explicit Fields(const json& object) : object_(object) {}

  std::optional<std::string> text(const char* name, bool required) {
    seen_.insert(name);
    auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) {
      if (required) fail(name, "is required");
      return std::nullopt;
    }
    if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());  // numeric ids
    if (!it->is_string()) {
      fail(name, "must be a string");
      return std::nullopt;
    }
    return it->get<std::string>();
  }
  std::string required_text(const char* name) { return text(name, true).value_or(""); }
  std::string optional_text(const char* name) { return text(name, false).value_or(""); }

  std::optional<Timestamp> time(const char* name, bool required) {
    auto value = text(name, required);
    if (!value) return std::nullopt;
    auto parsed = parse_rfc3339(*value);
    if (!parsed) {
      fail(name, "must be an RFC 3339 time such as 2026-11-03T09:30:00Z");
      return std::nullopt;
    }
    return *parsed;
  }

  std::vector<std::string> texts(const char* name) {
    seen_.insert(name);
    std::vector<std::string> out;
    auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) return out;
    if (!it->is_array()) {
      fail(name, "must be an array of strings");
      return out;
    }
    for (const auto& item : *it) {
      if (!item.is_string()) {
        fail(name, "must be an array of strings");
        return {};
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  bool flag(const char* name, bool fallback) {
    seen_.insert(name);
    auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) {
      fail(name, "must be true or false");
      return fallback;
    }
    return it->get<bool>();
  }

  std::optional<std::int64_t> integer(const char* name) {
    seen_.insert(name);
    auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer()) {
      fail(name, "must be an integer");
      return std::nullopt;
    }
    return it->get<std::int64_t>();
  }

  // An enum member read with the domain's parser (`parse` lists the accepted names).
  template <typename E, typename Parse>
  E named(const char* name, E fallback, Parse parse) {
    auto value = text(name, false);
    if (!value) return fallback;
    auto parsed = parse(*value);
    if (!parsed) {
      fail(name, parsed.error().message);
      return fallback;
    }
    return *parsed;
  }

  AuthorRef author(const char* type_name, const char* id_name) {
    AuthorRef author;
    author.type = named(type_name, domain::ActorType::System, domain::parse_actor_type);
    author.external_id = optional_text(id_name);
    if (author.type != domain::ActorType::System && author.external_id.empty()) {
      fail(id_name, "is required when " + std::string(type_name) + " is not system");
    }
    return author;
  }

  void fail(const std::string& name, const std::string& why) {
    if (!error_) error_ = field_error(name, why);
  }

  // The first problem, or an unknown member.
  std::optional<Error> finish() {
    if (error_) return error_;
    for (const auto& [key, value] : object_.items()) {
      if (!seen_.count(key)) return field_error(key, "is not a member of this kind of record");
    }
    return std::nullopt;
  }

 private:
  const json& object_;
  std::set<std::string, std::less<>> seen_{"kind"};
  std::optional<Error> error_;
};

template <typename T>
Result<Record> finish(Fields& fields, T record) {
  if (auto error = fields.finish()) return *error;
  return Record{std::move(record)};
}

Result<Record> read_team(Fields& f) {
  TeamRecord r;
  r.external_id = f.required_text("external_id");
  r.name = f.required_text("name");
  r.created_at = f.time("created_at", true).value_or(Timestamp{});
  return finish(f, std::move(r));
}

Result<Record> read_agent(Fields& f) {
  AgentRecord r;
  r.external_id = f.required_text("external_id");
  r.name = f.required_text("name");
  r.email = f.required_text("email");
  r.role = f.named("role", domain::Role::Agent, domain::parse_role);
  r.team = f.text("team", false);
  r.language = f.named("language", domain::Language::En, domain::parse_language);
  r.active = f.flag("active", true);
  r.created_at = f.time("created_at", true).value_or(Timestamp{});
  return finish(f, std::move(r));
}

Result<Record> read_customer(Fields& f) {
  CustomerRecord r;
  r.external_id = f.required_text("external_id");
  r.name = f.required_text("name");
  r.emails = f.texts("emails");
  r.phones = f.texts("phones");
  r.language = f.named("language", domain::Language::En, domain::parse_language);
  r.created_at = f.time("created_at", true).value_or(Timestamp{});
  return finish(f, std::move(r));
}

Result<Record> read_ticket(Fields& f) {
  TicketRecord r;
  r.external_id = f.required_text("external_id");
  r.subject = f.required_text("subject");
  r.status = f.named("status", domain::Status::Open, domain::parse_status);
  r.priority = f.named("priority", domain::Priority::Normal, domain::parse_priority);
  r.channel = f.named("channel", domain::Channel::Email, domain::parse_channel);
  r.category = f.optional_text("category");
  r.tags = f.texts("tags");
  r.team = f.text("team", false);
  r.assignee = f.text("assignee", false);
  r.requester = f.required_text("requester");
  r.created_at = f.time("created_at", true).value_or(Timestamp{});
  r.updated_at = f.time("updated_at", false);
  r.solved_at = f.time("solved_at", false);
  return finish(f, std::move(r));
}

Result<Record> read_message(Fields& f) {
  MessageRecord r;
  r.external_id = f.required_text("external_id");
  r.ticket = f.required_text("ticket");
  auto direction = f.text("direction", true);
  if (direction) {
    auto kind = domain::parse_message_kind(*direction);
    if (kind) {
      r.kind = *kind;
    } else {
      f.fail("direction", "must be inbound, outbound or note");
    }
  }
  r.author = f.author("author_type", "author");
  r.body = f.optional_text("body");
  r.created_at = f.time("created_at", true).value_or(Timestamp{});
  r.automatic = f.flag("automatic", false);
  return finish(f, std::move(r));
}

Result<Record> read_status_change(Fields& f) {
  StatusChangeRecord r;
  r.ticket = f.required_text("ticket");
  auto to = f.text("to", true);
  if (to) {
    auto status = domain::parse_status(*to);
    if (status) {
      r.to = *status;
    } else {
      f.fail("to", status.error().message);
    }
  }
  r.author = f.author("author_type", "author");
  r.at = f.time("at", true).value_or(Timestamp{});
  return finish(f, std::move(r));
}

Result<Record> read_attachment(Fields& f) {
  AttachmentRecord r;
  r.message = f.required_text("message");
  r.ticket = f.required_text("ticket");
  r.filename = f.required_text("filename");
  if (auto type = f.text("content_type", false)) r.content_type = *type;
  r.path = f.text("path", false);
  r.url = f.text("url", false);
  r.size = f.integer("size");
  if (auto encoded = f.text("content_base64", false)) {
    r.content = decode_base64(*encoded);
    if (!r.content) f.fail("content_base64", "is not valid base64");
  }
  if (!r.path && !r.content && !r.url) f.fail("path", "one of path, content_base64 or url is required");
  return finish(f, std::move(r));
}

void put_author(json& out, const AuthorRef& author, const char* type_name, const char* id_name) {
  out[type_name] = std::string(domain::to_string(author.type));
  if (!author.external_id.empty()) out[id_name] = author.external_id;
}

template <typename T>
void put_optional(json& out, const char* name, const std::optional<T>& value) {
  if (value) out[name] = *value;
}

void put_time(json& out, const char* name, const std::optional<Timestamp>& value) {
  if (value) out[name] = format_rfc3339(*value);
}

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string_view kind_name(const Record& record) {
  return kKindNames[record.index()];
}

Result<Record> parse_record(const json& object) {
  if (!object.is_object()) return field_error("kind", "a record must be a JSON object");
  auto kind = object.find("kind");
  if (kind == object.end() || !kind->is_string()) return field_error("kind", "is required");
  const auto name = kind->get<std::string>();
  Fields fields(object);
  if (name == "team") return read_team(fields);
  if (name == "agent") return read_agent(fields);
  if (name == "customer") return read_customer(fields);
  if (name == "ticket") return read_ticket(fields);
  if (name == "message") return read_message(fields);
  if (name == "status_change") return read_status_change(fields);
  if (name == "attachment") return read_attachment(fields);
  return field_error("kind", "'" + name.substr(0, 40) +
                                 "' is not one of team, agent, customer, ticket, message, status_change, "
                                 "attachment");
}

Result<Record> parse_record_line(std::string_view line) {
  auto object = json::parse(line, nullptr, false);
  if (object.is_discarded()) return invalid_input("not a JSON object (malformed JSON)", "line");
  return parse_record(object);
}

json to_json(const Record& record) {
  json out;
  out["kind"] = std::string(kind_name(record));
  std::visit(
      [&out](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, TeamRecord>) {
          out["external_id"] = r.external_id;
          out["name"] = r.name;
          out["created_at"] = format_rfc3339(r.created_at);
        } else if constexpr (std::is_same_v<T, AgentRecord>) {
          out["external_id"] = r.external_id;
          out["name"] = r.name;
          out["email"] = r.email;
          out["role"] = std::string(domain::to_string(r.role));
          put_optional(out, "team", r.team);
          out["language"] = std::string(domain::to_string(r.language));
          out["active"] = r.active;
          out["created_at"] = format_rfc3339(r.created_at);
        } else if constexpr (std::is_same_v<T, CustomerRecord>) {
          out["external_id"] = r.external_id;
          out["name"] = r.name;
          out["emails"] = r.emails;
          out["phones"] = r.phones;
          out["language"] = std::string(domain::to_string(r.language));
          out["created_at"] = format_rfc3339(r.created_at);
        } else if constexpr (std::is_same_v<T, TicketRecord>) {
          out["external_id"] = r.external_id;
          out["subject"] = r.subject;
          out["status"] = std::string(domain::to_string(r.status));
          out["priority"] = std::string(domain::to_string(r.priority));
          out["channel"] = std::string(domain::to_string(r.channel));
          if (!r.category.empty()) out["category"] = r.category;
          out["tags"] = r.tags;
          put_optional(out, "team", r.team);
          put_optional(out, "assignee", r.assignee);
          out["requester"] = r.requester;
          out["created_at"] = format_rfc3339(r.created_at);
          put_time(out, "updated_at", r.updated_at);
          put_time(out, "solved_at", r.solved_at);
        } else if constexpr (std::is_same_v<T, MessageRecord>) {
          out["external_id"] = r.external_id;
          out["ticket"] = r.ticket;
          out["direction"] = std::string(domain::to_string(r.kind));
          put_author(out, r.author, "author_type", "author");
          out["body"] = r.body;
          out["created_at"] = format_rfc3339(r.created_at);
          if (r.automatic) out["automatic"] = true;
        } else if constexpr (std::is_same_v<T, StatusChangeRecord>) {
          out["ticket"] = r.ticket;
          out["to"] = std::string(domain::to_string(r.to));
          put_author(out, r.author, "author_type", "author");
          out["at"] = format_rfc3339(r.at);
        } else {
          out["message"] = r.message;
          out["ticket"] = r.ticket;
          out["filename"] = r.filename;
          out["content_type"] = r.content_type;
          put_optional(out, "path", r.path);
          put_optional(out, "url", r.url);
          put_optional(out, "size", r.size);
          if (r.content) out["content_base64"] = encode_base64(*r.content);
        }
      },
      record);
  return out;
}

ParsedRecords parse_jsonl(std::string_view text) {
  ParsedRecords out;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto object = json::parse(line, nullptr, false);
    std::string kind = "line";
    if (!object.is_discarded() && object.is_object() && object.contains("kind") &&
        object["kind"].is_string()) {
      kind = object["kind"].get<std::string>().substr(0, 40);
    }
    auto record = object.is_discarded() ? Result<Record>(invalid_input("not a JSON object (malformed JSON)"))
                                        : parse_record(object);
    if (!record) {
      out.skipped.push_back({"line " + std::to_string(line_number), kind, record.error().message});
      continue;
    }
    out.records.push_back(std::move(*record));
    out.positions.push_back("line " + std::to_string(line_number));
  }
  return out;
}

std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  bool padding = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    auto pos = kBase64Alphabet.find(c);
    if (pos == std::string_view::npos || padding) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (bits >= 6) return std::nullopt;  // a lone sixth of a byte
  return out;
}

std::string encode_base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t idx = 0;
  for (; idx + 2 < bytes.size(); idx += 3) {
    const std::uint32_t n = (static_cast<unsigned char>(bytes[idx]) << 16) |
                            (static_cast<unsigned char>(bytes[idx + 1]) << 8) |
                            static_cast<unsigned char>(bytes[idx + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kBase64Alphabet[(n >> shift) & 0x3F]);
  }
  const std::size_t rest = bytes.size() - idx;
  if (rest > 0) {
    std::uint32_t n = static_cast<unsigned char>(bytes[idx]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[idx + 1]) << 8;
    out.push_back(kBase64Alphabet[(n >> 18) & 0x3F]);
    out.push_back(kBase64Alphabet[(n >> 12) & 0x3F]);
    out.push_back(rest == 2 ? kBase64Alphabet[(n >> 6) & 0x3F] : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace sp::import

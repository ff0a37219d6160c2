// The neutral import format (docs/IMPORT.md): one JSON object per line, each a record of one
// kind (team, agent, customer, ticket, message, status_change, attachment) with its id in
// the system it came from and its original timestamps. The Zendesk, Zammad and RT mappers
// (peers.hpp) produce these records too, so everything past parsing is shared. Records refer
// to each other by external id only; database ids are assigned by the importer.
//
// Pure: no I/O, no clock; parsing never throws (bad input is an InvalidInput Error whose
// message starts with the offending field).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"

namespace sp::import {

struct TeamRecord {
  std::string external_id;
  std::string name;
  Timestamp created_at;
};

struct AgentRecord {
  std::string external_id;
  std::string name;
  std::string email;
  domain::Role role = domain::Role::Agent;
  std::optional<std::string> team;  // a team's external id
  domain::Language language = domain::Language::En;
  bool active = true;
  Timestamp created_at;
};

struct CustomerRecord {
  std::string external_id;
  std::string name;
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  domain::Language language = domain::Language::En;
  Timestamp created_at;
};

// The ticket as the export shows it now; its history comes from its message and
// status_change records.
struct TicketRecord {
  std::string external_id;
  std::string subject;
  domain::Status status = domain::Status::Open;
  domain::Priority priority = domain::Priority::Normal;
  domain::Channel channel = domain::Channel::Email;
  std::string category;
  std::vector<std::string> tags;
  std::optional<std::string> team;      // external ids
  std::optional<std::string> assignee;  //
  std::string requester;                //
  Timestamp created_at;
  std::optional<Timestamp> updated_at;
  std::optional<Timestamp> solved_at;
};

// Who wrote a message or changed a status: a customer or agent by external id, or the system.
struct AuthorRef {
  domain::ActorType type = domain::ActorType::System;
  std::string external_id;  // empty for the system
};

struct MessageRecord {
  std::string external_id;
  std::string ticket;
  domain::MessageKind kind = domain::MessageKind::Inbound;  // inbound, outbound, note (internal)
  AuthorRef author;
  std::string body;
  Timestamp created_at;
  bool automatic = false;
};

struct StatusChangeRecord {
  std::string ticket;
  domain::Status to = domain::Status::Open;
  AuthorRef author;
  Timestamp at;
};

// A file of a message: its bytes in the record (base64), in a file (a path relative to the
// export), or only a URL that was not fetched.
struct AttachmentRecord {
  std::string message;  // the message's external id
  std::string ticket;
  std::string filename;
  std::string content_type = "application/octet-stream";
  std::optional<std::string> path;
  std::optional<std::string> content;  // decoded bytes
  std::optional<std::string> url;
  std::optional<std::int64_t> size;
};

using Record = std::variant<TeamRecord, AgentRecord, CustomerRecord, TicketRecord, MessageRecord,
                            StatusChangeRecord, AttachmentRecord>;

// The record kinds in the order the summary lists them ("team", "agent", ...).
inline constexpr std::string_view kKindNames[] = {"team",    "agent",         "customer",  "ticket",
                                                  "message", "status_change", "attachment"};
std::string_view kind_name(const Record& record);

// Input that was not taken, where it was and why: a jsonl line number (1-based), or for the
// other formats a position such as "tickets.json: ticket 17".
struct SkippedInput {
  std::string where;
  std::string kind;  // a kind name, or "line" when not even the kind is known
  std::string reason;
};

// Parses one record object ({"kind": ..., ...}). Fails with InvalidInput naming the field:
// unknown kind or member, missing external id or timestamp, values of the wrong type,
// unknown status/priority/channel/role/language names, bad base64.
Result<Record> parse_record(const nlohmann::json& object);
// The same from the text of one line.
Result<Record> parse_record_line(std::string_view line);
// The record as parse_record reads it (for the mappers' --to-jsonl output and tests).
nlohmann::json to_json(const Record& record);

// The records of an export, and its input that was skipped (for jsonl: blank lines are
// ignored). Deleted and merged tickets are counted by the peers' mappers (peers.hpp).
struct ParsedRecords {
  std::vector<Record> records;
  std::vector<std::string> positions;  // where each record was: "line 12"
  std::vector<SkippedInput> skipped;
  std::int64_t deleted_tickets = 0;  // left out: deleted in the system exported from
  std::int64_t merged_tickets = 0;   // imported solved, with a note naming the target
};
ParsedRecords parse_jsonl(std::string_view text);

// Base64 (RFC 4648, padding optional, whitespace ignored); empty on bad input.
std::optional<std::string> decode_base64(std::string_view text);
std::string encode_base64(std::string_view bytes);

}  // namespace sp::import

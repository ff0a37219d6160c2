// Zendesk's export JSON onto the neutral records (peers.hpp; the field table is in
// docs/IMPORT.md).
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"
#include "import/peer_json.hpp"

namespace sp::import {

namespace {

using namespace peer;

std::optional<std::string_view> status_name(std::string_view zendesk) {
  // Literals only: the argument is often a temporary.
  for (std::string_view same : {"new", "open", "pending", "solved", "closed"}) {
    if (zendesk == same) return same;
  }
  if (zendesk == "hold") return "on_hold";
  return std::nullopt;
}

// via.channel: https://developer.zendesk.com/documentation/ticketing/reference-guides/via-object-reference/
std::string channel_name(std::string_view via) {
  if (via == "email") return "email";
  if (via == "api") return "api";
  if (via == "voice" || via == "phone") return "phone";
  if (via == "chat" || via == "native_messaging" || via == "sms") return "chat";
  if (via == "twitter" || via == "facebook" || via == "any_channel" || via == "instagram_dm" ||
      via == "whatsapp" || via == "line" || via == "wechat")
    return "social";
  return "web";
}

// "This request was closed and merged into request #124 ..." (Zendesk's merge comment).
std::optional<std::string> merge_target(const json& comments) {
  for (const auto& comment : comments) {
    const std::string body =
        text_of(comment, "plain_body").empty() ? text_of(comment, "body") : text_of(comment, "plain_body");
    auto at = text::ifind(body, "merged into request #");
    if (at == std::string::npos) continue;
    std::string digits;
    for (std::size_t idx = at + 21; idx < body.size() && body[idx] >= '0' && body[idx] <= '9'; ++idx)
      digits.push_back(body[idx]);
    if (!digits.empty()) return digits;
  }
  return std::nullopt;
}

class ZendeskMapper {
 public:
  ZendeskMapper(const ExportFolder& folder, ParsedRecords& out) : folder_(folder), emit_(out) {}

  void run() {
    const json users = emit_.collection(folder_, "users.json", "users", "customer");
    const json organizations = emit_.collection(folder_, "organizations.json", "organizations", "customer");
    const json groups = emit_.collection(folder_, "groups.json", "groups", "team");
    const json fields = emit_.collection(folder_, "ticket_fields.json", "ticket_fields", "ticket");
    const json tickets = emit_.collection(folder_, "tickets.json", "tickets", "ticket");
    for (const auto& organization : organizations) {
      if (auto id = id_of(organization, "id")) organizations_[*id] = text_of(organization, "name");
    }
    for (const auto& field : fields) {
      auto id = id_of(field, "id");
      if (id && text::iequals(text_of(field, "title"), "category")) category_field_ = *id;
    }
    for (const auto& ticket : tickets) {
      if (auto requester = id_of(ticket, "requester_id")) requesters_.insert(*requester);
    }
    map_groups(groups);
    map_users(users);
    for (std::size_t idx = 0; idx < tickets.size(); ++idx) map_ticket(tickets[idx], idx);
  }

 private:
  void map_groups(const json& groups) {
    for (std::size_t idx = 0; idx < groups.size(); ++idx) {
      const auto& group = groups[idx];
      auto id = id_of(group, "id");
      emit_.add({{"kind", "team"},
                 {"external_id", id ? json(*id) : json()},
                 {"name", text_of(group, "name")},
                 {"created_at", time_of(group, "created_at")}},
                position("groups.json", "group", id, idx));
    }
  }

  // Agents and admins become agents; end users customers. An agent who requested a ticket
  // is a customer too (servicepact's requester is always a customer).
  void map_users(const json& users) {
    for (std::size_t idx = 0; idx < users.size(); ++idx) {
      const auto& user = users[idx];
      auto id = id_of(user, "id");
      const std::string where = position("users.json", "user", id, idx);
      const std::string role = text_of(user, "role");
      const bool staff = role == "agent" || role == "admin";
      const std::string language = language_of(text_of(user, "locale"));
      std::string name = text_of(user, "name");
      if (name.empty()) name = text_of(user, "email");
      const PersonFields person{
          id, name, text_of(user, "email"), texts_of(user, {"phone"}), language, time_of(user, "created_at")};
      if (staff) {
        json agent = agent_record(person, role == "admin" ? "admin" : "agent", flag_of(user, "active", true));
        if (auto group = id_of(user, "default_group_id")) agent["team"] = *group;
        if (emit_.add(agent, where) && id) agents_.insert(*id);
      }
      if (!staff || (id && requesters_.count(*id))) emit_.add(customer_record(person), where);
    }
  }

  json author(const std::optional<std::string>& user) const {
    if (!user) return {{"author_type", "system"}};
    return {{"author_type", agents_.count(*user) ? "agent" : "customer"}, {"author", *user}};
  }

  void map_ticket(const json& ticket, std::size_t idx) {
    auto id = id_of(ticket, "id");
    const std::string where = position("tickets.json", "ticket", id, idx);
    const std::string status = text_of(ticket, "status");
    if (status == "deleted") {
      emit_.out().deleted_tickets++;
      return;
    }
    auto mapped_status = status_name(status.empty() ? "open" : status);
    if (!mapped_status) {
      emit_.skip(where, "ticket",
                 "status: '" + status.substr(0, 40) +
                     "' is not a Zendesk status (new, open, pending, hold, solved, closed, deleted)");
      return;
    }
    const json empty = json::array();
    const json* comments = member(ticket, "comments");
    if (comments == nullptr || !comments->is_array()) comments = &empty;
    json tags = json::array();
    bool merged = false;
    if (const json* given = member(ticket, "tags"); given != nullptr && given->is_array()) {
      for (const auto& tag : *given) {
        if (!tag.is_string()) continue;
        tags.push_back(tag);
        merged = merged || tag == "closed_by_merge";
      }
    }
    if (auto organization = id_of(ticket, "organization_id");
        organization && organizations_.count(*organization))
      tags.push_back(organisation_tag(organizations_.at(*organization)));
    json record = {
        {"kind", "ticket"},
        {"external_id", id ? json(*id) : json()},
        {"subject",
         text_of(ticket, "subject").empty() ? text_of(ticket, "raw_subject") : text_of(ticket, "subject")},
        {"status", merged ? std::string("solved") : std::string(*mapped_status)},
        {"priority", text_of(ticket, "priority").empty() ? "normal" : text_of(ticket, "priority")},
        {"channel", channel_name(member(ticket, "via") ? text_of(ticket["via"], "channel") : "")},
        {"tags", tags},
        {"requester", id_of(ticket, "requester_id") ? json(*id_of(ticket, "requester_id")) : json()},
        {"created_at", time_of(ticket, "created_at")}};
    if (auto group = id_of(ticket, "group_id")) record["team"] = *group;
    if (auto assignee = id_of(ticket, "assignee_id")) record["assignee"] = *assignee;
    if (member(ticket, "updated_at")) record["updated_at"] = time_of(ticket, "updated_at");
    if (const json* metrics = member(ticket, "metric_set"); metrics && member(*metrics, "solved_at"))
      record["solved_at"] = time_of(*metrics, "solved_at");
    if (!category_field_.empty()) {
      if (const json* custom = member(ticket, "custom_fields"); custom && custom->is_array()) {
        for (const auto& field : *custom) {
          if (id_of(field, "id") == category_field_ && !text_of(field, "value").empty())
            record["category"] = text_of(field, "value");
        }
      }
    }
    if (!emit_.add(record, where)) {
      if (!comments->empty()) emit_.out().skipped.back().reason += " (its comments are not imported)";
      return;
    }
    for (std::size_t at = 0; at < comments->size(); ++at) map_comment(*id, (*comments)[at], where);
    map_audits(*id, ticket, where, merged);
    if (merged) {
      emit_.out().merged_tickets++;
      auto target = merge_target(*comments);
      json note = {{"kind", "message"},
                   {"external_id", *id + "-merged"},
                   {"ticket", *id},
                   {"direction", "note"},
                   {"author_type", "system"},
                   {"body", "Merged in Zendesk into ticket #" + target.value_or("?") +
                                (target ? " (imported with external id " + *target + ")" : "") + "."},
                   {"created_at", member(ticket, "updated_at") ? time_of(ticket, "updated_at")
                                                               : time_of(ticket, "created_at")}};
      emit_.add(note, where);
    }
  }

  void map_comment(const std::string& ticket, const json& comment, const std::string& where) {
    auto id = id_of(comment, "id");
    auto author_id = id_of(comment, "author_id");
    const bool internal = !flag_of(comment, "public", true);
    const bool staff = author_id && agents_.count(*author_id);
    std::string body = text_of(comment, "plain_body");
    if (body.empty()) body = text_of(comment, "body");
    if (body.empty()) body = text_from_html(text_of(comment, "html_body"));
    json record = {{"kind", "message"}, {"external_id", id ? json(*id) : json()},
                   {"ticket", ticket},  {"direction", internal ? "note" : (staff ? "outbound" : "inbound")},
                   {"body", body},      {"created_at", time_of(comment, "created_at")}};
    record.update(author(author_id));
    const std::string comment_where = where + ", comment " + id.value_or("?");
    if (!emit_.add(record, comment_where)) return;
    const json* files = member(comment, "attachments");
    if (files == nullptr || !files->is_array()) return;
    for (const auto& file : *files) {
      auto file_id = id_of(file, "id").value_or("");
      const std::string name = text_of(file, "file_name");
      json attachment = {
          {"kind", "attachment"},
          {"message", *id},
          {"ticket", ticket},
          {"filename", name},
          {"content_type", text_of(file, "content_type").empty() ? "application/octet-stream"
                                                                 : text_of(file, "content_type")}};
      if (auto path = attachment_file(folder_, file_id, name)) {
        attachment["path"] = *path;
      } else if (!text_of(file, "content_url").empty()) {
        attachment["url"] = text_of(file, "content_url");
      }
      if (const json* size = member(file, "size"); size && size->is_number_integer())
        attachment["size"] = *size;
      emit_.add(attachment, comment_where + ", attachment " + file_id);
    }
  }

  // Status changes from the ticket's audits (Ticket Audits API), when the export has them.
  void map_audits(const std::string& ticket, const json& source, const std::string& where, bool merged) {
    const json* audits = member(source, "audits");
    if (audits == nullptr || !audits->is_array()) return;
    for (const auto& audit : *audits) {
      const json* events = member(audit, "events");
      if (events == nullptr || !events->is_array()) continue;
      for (const auto& event : *events) {
        if (text_of(event, "type") != "Change" || text_of(event, "field_name") != "status") continue;
        auto to = status_name(text_of(event, "value"));
        if (!to) continue;  // deleted
        json change = {{"kind", "status_change"},
                       {"ticket", ticket},
                       {"to", merged && *to == "closed" ? "solved" : std::string(*to)},
                       {"at", time_of(audit, "created_at")}};
        change.update(author(id_of(audit, "author_id")));
        emit_.add(change, where + ", audit " + id_of(audit, "id").value_or("?"));
      }
    }
  }

  const ExportFolder& folder_;
  Emitter emit_;
  std::unordered_map<std::string, std::string> organizations_;
  std::unordered_set<std::string> agents_;
  std::unordered_set<std::string> requesters_;
  std::string category_field_;
};

}  // namespace

ParsedRecords map_zendesk(const ExportFolder& folder) {
  ParsedRecords out;
  ZendeskMapper(folder, out).run();
  return out;
}

}  // namespace sp::import

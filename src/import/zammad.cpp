// Zammad's REST API JSON onto the neutral records (peers.hpp; the field table is in
// docs/IMPORT.md).
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"
#include "import/peer_json.hpp"

namespace sp::import {

namespace {

using namespace peer;

// Zammad's shipped ids (db/seeds): roles 1 Admin, 2 Agent, 3 Customer; article senders
// 1 Agent, 2 Customer, 3 System; article types as below. User 1 is the system user "-".
std::string sender_name(const json& article) {
  std::string name = text_of(article, "sender");
  if (!name.empty()) return name;
  auto id = id_of(article, "sender_id");
  if (id == "1") return "Agent";
  if (id == "2") return "Customer";
  if (id == "3") return "System";
  return "";
}

std::string article_type(const json& object, std::string_view name_key, std::string_view id_key) {
  std::string name = text_of(object, name_key);
  if (!name.empty()) return name;
  static const char* const kTypes[] = {"",
                                       "email",
                                       "sms",
                                       "chat",
                                       "fax",
                                       "phone",
                                       "twitter status",
                                       "twitter direct-message",
                                       "facebook feed post",
                                       "facebook feed comment",
                                       "note",
                                       "web",
                                       "telegram personal-message"};
  auto id = id_of(object, id_key);
  if (!id) return "";
  const int number = std::atoi(id->c_str());
  return number > 0 && number < 13 ? kTypes[number] : "";
}

std::string channel_name(std::string_view type) {
  if (type == "email" || type == "fax") return "email";
  if (type == "phone") return "phone";
  if (type == "chat" || type == "sms") return "chat";
  if (type == "web" || type == "note" || type.empty()) return "web";
  return "social";  // twitter, facebook, telegram, whatsapp
}

// State names of a Zammad with its shipped states (custom ones are refused by name). Zammad's
// "closed" is its solved: a customer's follow-up reopens it.
std::optional<std::string_view> status_name(std::string_view state) {
  if (state == "new") return "new";  // literals: the argument is often a temporary
  if (state == "open") return "open";
  if (state == "pending reminder" || state == "pending close") return "pending";
  if (state == "closed" || state == "merged") return "solved";
  return std::nullopt;
}

std::string priority_name(std::string_view priority) {
  const std::string lower = text::ascii_lower(priority);
  if (lower.find("low") != std::string::npos) return "low";
  if (lower.find("very high") != std::string::npos || lower.find("urgent") != std::string::npos)
    return "urgent";
  if (lower.find("high") != std::string::npos) return "high";
  return "normal";
}

std::unordered_map<std::string, std::string> names_by_id(const json& rows) {
  std::unordered_map<std::string, std::string> out;
  for (const auto& row : rows) {
    if (auto id = id_of(row, "id")) out[*id] = text_of(row, "name");
  }
  return out;
}

class ZammadMapper {
 public:
  ZammadMapper(const ExportFolder& folder, ParsedRecords& out) : folder_(folder), emit_(out) {}

  void run() {
    const json users = emit_.collection(folder_, "users.json", "users", "customer");
    organizations_ =
        names_by_id(emit_.collection(folder_, "organizations.json", "organizations", "customer"));
    const json groups = emit_.collection(folder_, "groups.json", "groups", "team");
    states_ = names_by_id(emit_.collection(folder_, "ticket_states.json", "ticket_states", "ticket"));
    priorities_ =
        names_by_id(emit_.collection(folder_, "ticket_priorities.json", "ticket_priorities", "ticket"));
    const json tickets = emit_.collection(folder_, "tickets.json", "tickets", "ticket");
    const json articles = emit_.collection(folder_, "ticket_articles.json", "ticket_articles", "message");
    for (const auto& ticket : tickets) {
      if (auto customer = id_of(ticket, "customer_id")) requesters_.insert(*customer);
    }
    for (std::size_t idx = 0; idx < articles.size(); ++idx) {
      auto ticket = id_of(articles[idx], "ticket_id");
      articles_[ticket.value_or("")].push_back(idx);
    }
    for (std::size_t idx = 0; idx < groups.size(); ++idx) {
      auto id = id_of(groups[idx], "id");
      emit_.add({{"kind", "team"},
                 {"external_id", id ? json(*id) : json()},
                 {"name", text_of(groups[idx], "name")},
                 {"created_at", time_of(groups[idx], "created_at")}},
                position("groups.json", "group", id, idx));
    }
    map_users(users);
    for (std::size_t idx = 0; idx < tickets.size(); ++idx) map_ticket(tickets[idx], idx, articles);
    for (const auto& [ticket, indexes] : articles_) {
      if (mapped_tickets_.count(ticket)) continue;
      for (auto idx : indexes) {
        if (!seen_tickets_.count(ticket))
          emit_.skip(position("ticket_articles.json", "article", id_of(articles[idx], "id"), idx), "message",
                     "ticket_id: ticket '" + ticket + "' is not in tickets.json");
      }
    }
  }

 private:
  static bool has_role(const json& user, std::string_view role, std::string_view role_id) {
    if (const json* roles = member(user, "roles"); roles && roles->is_array()) {
      for (const auto& name : *roles)
        if (name == role) return true;
    }
    if (const json* ids = member(user, "role_ids"); ids && ids->is_array()) {
      for (const auto& id : *ids)
        if (id_of(&id) == role_id) return true;
    }
    return false;
  }

  static std::optional<std::string> first_group(const json& user) {
    const json* groups = member(user, "group_ids");
    if (groups == nullptr) return std::nullopt;
    if (groups->is_object() && !groups->empty()) return groups->begin().key();  // {"1": ["full"]}
    if (groups->is_array() && !groups->empty()) return id_of(&(*groups)[0]);
    return std::nullopt;
  }

  void map_users(const json& users) {
    for (std::size_t idx = 0; idx < users.size(); ++idx) {
      const auto& user = users[idx];
      auto id = id_of(user, "id");
      if (id == "1" || text_of(user, "login") == "-") continue;  // Zammad's system user
      const std::string where = position("users.json", "user", id, idx);
      const bool staff = has_role(user, "Admin", "1") || has_role(user, "Agent", "2");
      std::string name(text::trim(text_of(user, "firstname") + " " + text_of(user, "lastname")));
      if (name.empty())
        name = text_of(user, "email").empty() ? text_of(user, "login") : text_of(user, "email");
      std::string language = "en";
      if (const json* preferences = member(user, "preferences"))
        language = language_of(text_of(*preferences, "locale"));
      const PersonFields person{id,
                                name,
                                text_of(user, "email"),
                                texts_of(user, {"phone", "mobile"}),
                                language,
                                time_of(user, "created_at")};
      if (staff) {
        json agent = agent_record(person, has_role(user, "Admin", "1") ? "admin" : "agent",
                                  flag_of(user, "active", true));
        if (auto group = first_group(user)) agent["team"] = *group;
        if (emit_.add(agent, where) && id) agents_.insert(*id);
      }
      if (!staff || (id && requesters_.count(*id))) emit_.add(customer_record(person), where);
    }
  }

  std::string named(const json& ticket, std::string_view name_key, std::string_view id_key,
                    const std::unordered_map<std::string, std::string>& names) const {
    std::string name = text_of(ticket, name_key);
    if (!name.empty()) return name;
    auto id = id_of(ticket, id_key);
    if (id && names.count(*id)) return names.at(*id);
    return "";
  }

  void map_ticket(const json& ticket, std::size_t idx, const json& articles) {
    auto id = id_of(ticket, "id");
    if (id) seen_tickets_.insert(*id);
    const std::string where = position("tickets.json", "ticket", id, idx);
    const std::string state = named(ticket, "state", "state_id", states_);
    if (state == "removed") {
      emit_.out().deleted_tickets++;
      return;
    }
    auto status = status_name(state);
    if (!status) {
      emit_.skip(where, "ticket",
                 "state: '" + state.substr(0, 40) +
                     "' is not one of Zammad's states (new, open, pending reminder, pending close, closed, "
                     "merged, removed)");
      return;
    }
    const bool merged = state == "merged";
    json tags = json::array();
    if (const json* given = member(ticket, "tags"); given && given->is_array()) {
      for (const auto& tag : *given)
        if (tag.is_string()) tags.push_back(tag);
    }
    if (auto organization = id_of(ticket, "organization_id");
        organization && organizations_.count(*organization))
      tags.push_back(organisation_tag(organizations_.at(*organization)));
    const auto& own = articles_[id.value_or("")];
    std::string first_type = article_type(ticket, "create_article_type", "create_article_type_id");
    if (first_type.empty() && !own.empty())
      first_type = article_type(articles[own.front()], "type", "type_id");
    json record = {{"kind", "ticket"},
                   {"external_id", id ? json(*id) : json()},
                   {"subject", text_of(ticket, "title")},
                   {"status", std::string(*status)},
                   {"priority", priority_name(named(ticket, "priority", "priority_id", priorities_))},
                   {"channel", channel_name(first_type)},
                   {"tags", tags},
                   {"requester", id_of(ticket, "customer_id") ? json(*id_of(ticket, "customer_id")) : json()},
                   {"created_at", time_of(ticket, "created_at")}};
    if (auto group = id_of(ticket, "group_id")) record["team"] = *group;
    if (auto owner = id_of(ticket, "owner_id"); owner && *owner != "1") record["assignee"] = *owner;
    if (member(ticket, "updated_at")) record["updated_at"] = time_of(ticket, "updated_at");
    if (member(ticket, "close_at")) record["solved_at"] = time_of(ticket, "close_at");
    if (!emit_.add(record, where)) {
      if (!own.empty()) emit_.out().skipped.back().reason += " (its articles are not imported)";
      return;
    }
    mapped_tickets_.insert(*id);
    for (auto at : own) map_article(*id, articles[at], at);
    map_history(*id, ticket, where);
    if (merged) {
      emit_.out().merged_tickets++;
      std::optional<std::string> target;
      if (const json* links = member(ticket, "links"); links && links->is_array()) {
        for (const auto& link : *links) {
          if (text_of(link, "link_object") == "Ticket") target = id_of(link, "link_object_value");
        }
      }
      emit_.add({{"kind", "message"},
                 {"external_id", *id + "-merged"},
                 {"ticket", *id},
                 {"direction", "note"},
                 {"author_type", "system"},
                 {"body", "Merged in Zammad into ticket " +
                              (target ? "id " + *target : std::string("(not named)")) + "."},
                 {"created_at", member(ticket, "updated_at") ? time_of(ticket, "updated_at")
                                                             : time_of(ticket, "created_at")}},
                where);
    }
  }

  // State changes from the ticket's `history` (GET /api/v1/ticket_history/{id}), when the
  // export has it.
  void map_history(const std::string& ticket, const json& source, const std::string& where) {
    const json* history = member(source, "history");
    if (history == nullptr || !history->is_array()) return;
    for (const auto& entry : *history) {
      if (text_of(entry, "object") != "Ticket" || text_of(entry, "attribute") != "state") continue;
      auto to = status_name(text_of(entry, "value_to"));
      if (!to) continue;  // removed
      json change = {{"kind", "status_change"},
                     {"ticket", ticket},
                     {"to", std::string(*to)},
                     {"at", time_of(entry, "created_at")}};
      auto who = id_of(entry, "created_by_id");
      if (who && agents_.count(*who)) {
        change.update({{"author_type", "agent"}, {"author", *who}});
      } else if (who && *who != "1") {
        change.update({{"author_type", "customer"}, {"author", *who}});
      } else {
        change["author_type"] = "system";
      }
      emit_.add(change, where + ", history " + id_of(entry, "id").value_or("?"));
    }
  }

  void map_article(const std::string& ticket, const json& article, std::size_t idx) {
    auto id = id_of(article, "id");
    const std::string where = position("ticket_articles.json", "article", id, idx);
    const std::string sender = sender_name(article);
    if (sender != "Customer" && sender != "Agent" && sender != "System") {
      emit_.skip(where, "message", "sender: '" + sender.substr(0, 40) + "' is not Customer, Agent or System");
      return;
    }
    // The person an agent wrote on behalf of (a phone call) is origin_by_id.
    auto author = id_of(article, "origin_by_id");
    if (!author) author = id_of(article, "created_by_id");
    const bool internal = flag_of(article, "internal", false);
    std::string direction = "note";
    json by = {{"author_type", "system"}};
    if (sender == "Customer") {
      direction = internal ? "note" : "inbound";
      if (author) by = {{"author_type", "customer"}, {"author", *author}};
    } else if (sender == "Agent") {
      direction = internal ? "note" : "outbound";
      if (author && agents_.count(*author)) by = {{"author_type", "agent"}, {"author", *author}};
    }
    // System articles (trigger auto-replies, notifications) stay notes: they answered nobody.
    std::string body = text_of(article, "body");
    if (text::istarts_with(text_of(article, "content_type"), "text/html")) body = text_from_html(body);
    json record = {{"kind", "message"}, {"external_id", id ? json(*id) : json()},
                   {"ticket", ticket},  {"direction", direction},
                   {"body", body},      {"created_at", time_of(article, "created_at")}};
    record.update(by);
    if (!emit_.add(record, where)) return;
    const json* files = member(article, "attachments");
    if (files == nullptr || !files->is_array()) return;
    for (const auto& file : *files) {
      auto file_id = id_of(file, "id").value_or("");
      const std::string name = text_of(file, "filename");
      std::string type = "application/octet-stream";
      if (const json* preferences = member(file, "preferences")) {
        for (const char* key : {"Content-Type", "Mime-Type"}) {
          if (!text_of(*preferences, key).empty()) {
            type = text_of(*preferences, key);
            break;
          }
        }
      }
      if (!text_of(file, "mime-type").empty()) type = text_of(file, "mime-type");
      json attachment = {{"kind", "attachment"},
                         {"message", *id},
                         {"ticket", ticket},
                         {"filename", name},
                         {"content_type", type}};
      if (!text_of(file, "data").empty()) {
        attachment["content_base64"] = text_of(file, "data");
      } else if (auto path = attachment_file(folder_, file_id, name)) {
        attachment["path"] = *path;
      } else {
        attachment["url"] = "/api/v1/ticket_attachment/" + ticket + "/" + *id + "/" + file_id;
      }
      emit_.add(attachment, where + ", attachment " + file_id);
    }
  }

  const ExportFolder& folder_;
  Emitter emit_;
  std::unordered_map<std::string, std::string> organizations_, states_, priorities_;
  std::unordered_map<std::string, std::vector<std::size_t>> articles_;
  std::unordered_set<std::string> agents_, requesters_, seen_tickets_, mapped_tickets_;
};

}  // namespace

ParsedRecords map_zammad(const ExportFolder& folder) {
  ParsedRecords out;
  ZammadMapper(folder, out).run();
  return out;
}

}  // namespace sp::import

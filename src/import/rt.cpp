// Request Tracker's REST2 JSON onto the neutral records (peers.hpp; the field table is in
// docs/IMPORT.md).
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"
#include "import/peer_json.hpp"

namespace sp::import {

namespace {

using namespace peer;

// REST2 refers to other objects as {"type": "user", "id": "alice", "_url": ...}.
std::optional<std::string> ref_id(const json& object, std::string_view key) {
  const json* ref = member(object, key);
  if (ref == nullptr) return std::nullopt;
  if (ref->is_array()) return ref->empty() ? std::nullopt : id_of(member((*ref)[0], "id"));
  if (ref->is_object()) return id_of(member(*ref, "id"));
  return id_of(ref);
}

std::optional<std::string_view> status_name(std::string_view rt) {
  if (rt == "new") return "new";  // literals: the argument is often a temporary
  if (rt == "open") return "open";
  if (rt == "stalled") return "pending";
  if (rt == "resolved" || rt == "rejected") return "solved";
  return std::nullopt;
}

// Numeric priorities by RT's default PriorityAsString scale (Low 0, Medium 50, High 100).
std::string priority_name(const json& ticket) {
  const json* priority = member(ticket, "Priority");
  if (priority == nullptr) return "normal";
  if (priority->is_string()) {
    const std::string name = text::ascii_lower(priority->get<std::string>());
    if (name == "low") return "low";
    if (name == "high") return "high";
    if (name == "medium" || name.empty()) return "normal";
    if (name.find_first_not_of("0123456789") != std::string::npos) return "normal";
  }
  if (!priority->is_number() && !priority->is_string()) return "normal";
  const long long value =
      priority->is_number() ? priority->get<long long>() : std::atoll(priority->get<std::string>().c_str());
  if (value >= 100) return "high";
  if (value >= 50) return "normal";
  return "low";
}

bool unset_time(const json& object, std::string_view key) {
  const std::string text = text_of(object, key);
  return text.empty() || text.rfind("1970-01-01", 0) == 0;
}

class RtMapper {
 public:
  RtMapper(const ExportFolder& folder, ParsedRecords& out) : folder_(folder), emit_(out) {}

  void run() {
    const json queues = emit_.collection(folder_, "queues.json", "items", "team");
    const json users = emit_.collection(folder_, "users.json", "items", "customer");
    const json tickets = emit_.collection(folder_, "tickets.json", "items", "ticket");
    const json transactions = emit_.collection(folder_, "transactions.json", "items", "message");
    attachments_ = emit_.collection(folder_, "attachments.json", "items", "attachment");
    for (std::size_t idx = 0; idx < attachments_.size(); ++idx) {
      if (auto transaction = ref_id(attachments_[idx], "TransactionId"))
        by_transaction_[*transaction].push_back(idx);
    }
    for (const auto& ticket : tickets) {
      if (auto requester = ref_id(ticket, "Requestor")) requesters_.insert(*requester);
    }
    for (std::size_t idx = 0; idx < transactions.size(); ++idx) {
      auto object = member(transactions[idx], "Object");
      if (object && text_of(*object, "type") != "ticket") continue;
      transactions_[ref_id(transactions[idx], "Object").value_or("")].push_back(idx);
    }
    for (std::size_t idx = 0; idx < queues.size(); ++idx) {
      auto id = id_of(queues[idx], "id");
      if (id) queue_by_name_[text_of(queues[idx], "Name")] = *id;
      emit_.add({{"kind", "team"},
                 {"external_id", id ? json(*id) : json()},
                 {"name", text_of(queues[idx], "Name")},
                 {"created_at", time_of(queues[idx], "Created")}},
                position("queues.json", "queue", id, idx));
    }
    map_users(users);
    for (std::size_t idx = 0; idx < tickets.size(); ++idx) map_ticket(tickets[idx], idx, transactions);
    for (const auto& [ticket, indexes] : transactions_) {
      if (seen_tickets_.count(ticket)) continue;
      for (auto idx : indexes)
        emit_.skip(position("transactions.json", "transaction", id_of(transactions[idx], "id"), idx),
                   "message", "Object: ticket '" + ticket + "' is not in tickets.json");
    }
  }

 private:
  // Users are referred to by Name (REST2's user id); numeric ids and addresses map to it.
  void map_users(const json& users) {
    for (std::size_t idx = 0; idx < users.size(); ++idx) {
      const auto& user = users[idx];
      const std::string name = text_of(user, "Name");
      auto id = name.empty() ? id_of(user, "id") : std::optional<std::string>(name);
      if (name == "Nobody" || name == "RT_System") continue;
      if (id) {
        if (auto number = id_of(user, "id")) alias_[*number] = *id;
        if (!text_of(user, "EmailAddress").empty())
          alias_[text::ascii_lower(text_of(user, "EmailAddress"))] = *id;
      }
      const std::string where = position("users.json", "user", id, idx);
      const bool staff = flag_of(user, "Privileged", false);
      std::string real_name = text_of(user, "RealName");
      if (real_name.empty()) real_name = name.empty() ? text_of(user, "EmailAddress") : name;
      const std::string language = language_of(text_of(user, "Lang"));
      const PersonFields person{id,
                                real_name,
                                text_of(user, "EmailAddress"),
                                texts_of(user, {"WorkPhone", "MobilePhone", "HomePhone"}),
                                language,
                                time_of(user, "Created")};
      if (staff) {
        json agent = agent_record(person, "agent", !flag_of(user, "Disabled", false));
        if (emit_.add(agent, where) && id) agents_.insert(*id);
      }
      if (!staff || (id && (requesters_.count(*id) || requesters_.count(text_of(user, "EmailAddress"))))) {
        emit_.add(customer_record(person), where);
      }
    }
  }

  std::optional<std::string> user(const std::optional<std::string>& ref) const {
    if (!ref || *ref == "RT_System" || *ref == "Nobody") return std::nullopt;
    if (auto it = alias_.find(*ref); it != alias_.end()) return it->second;
    if (auto it = alias_.find(text::ascii_lower(*ref)); it != alias_.end()) return it->second;
    return ref;
  }

  json author(const std::optional<std::string>& who) const {
    if (!who) return {{"author_type", "system"}};
    return {{"author_type", agents_.count(*who) ? "agent" : "customer"}, {"author", *who}};
  }

  void map_ticket(const json& ticket, std::size_t idx, const json& transactions) {
    auto id = id_of(ticket, "id");
    if (id) seen_tickets_.insert(*id);
    const std::string where = position("tickets.json", "ticket", id, idx);
    const std::string status = text_of(ticket, "Status");
    if (status == "deleted") {
      emit_.out().deleted_tickets++;
      return;
    }
    auto mapped = status_name(status);
    if (!mapped) {
      emit_.skip(where, "ticket",
                 "Status: '" + status.substr(0, 40) +
                     "' is not one of RT's statuses (new, open, stalled, resolved, rejected, deleted)");
      return;
    }
    auto effective = ref_id(ticket, "EffectiveId");
    const bool merged = id && effective && *effective != *id;
    json tags = json::array();
    if (status == "rejected") tags.push_back("rejected");
    std::string category;
    if (const json* fields = member(ticket, "CustomFields"); fields && fields->is_array()) {
      for (const auto& field : *fields) {
        const json* values = member(field, "values");
        if (text::iequals(text_of(field, "name"), "category") && values && values->is_array() &&
            !values->empty() && (*values)[0].is_string())
          category = (*values)[0].get<std::string>();
      }
    }
    std::optional<std::string> queue = ref_id(ticket, "Queue");
    if (queue && queue_by_name_.count(*queue)) queue = queue_by_name_.at(*queue);
    auto requester = user(ref_id(ticket, "Requestor"));
    json record = {{"kind", "ticket"},
                   {"external_id", id ? json(*id) : json()},
                   {"subject", text_of(ticket, "Subject")},
                   {"status", merged ? "solved" : std::string(*mapped)},
                   {"priority", priority_name(ticket)},
                   {"channel", "email"},
                   {"tags", tags},
                   {"requester", requester ? json(*requester) : json()},
                   {"created_at", time_of(ticket, "Created")}};
    if (!category.empty()) record["category"] = category;
    if (queue) record["team"] = *queue;
    if (auto owner = user(ref_id(ticket, "Owner"))) record["assignee"] = *owner;
    if (!unset_time(ticket, "LastUpdated")) record["updated_at"] = time_of(ticket, "LastUpdated");
    if (!unset_time(ticket, "Resolved")) record["solved_at"] = time_of(ticket, "Resolved");
    const auto& own = transactions_[id.value_or("")];
    if (!emit_.add(record, where)) {
      if (!own.empty()) emit_.out().skipped.back().reason += " (its transactions are not imported)";
      return;
    }
    for (auto at : own) map_transaction(*id, requester, transactions[at], at, merged);
    if (merged) {
      emit_.out().merged_tickets++;
      emit_.add({{"kind", "message"},
                 {"external_id", *id + "-merged"},
                 {"ticket", *id},
                 {"direction", "note"},
                 {"author_type", "system"},
                 {"body", "Merged in RT into ticket #" + *effective + "."},
                 {"created_at", unset_time(ticket, "LastUpdated") ? time_of(ticket, "Created")
                                                                  : time_of(ticket, "LastUpdated")}},
                where);
    }
  }

  void map_transaction(const std::string& ticket, const std::optional<std::string>& requester,
                       const json& transaction, std::size_t idx, bool merged) {
    auto id = id_of(transaction, "id");
    const std::string where = position("transactions.json", "transaction", id, idx);
    const std::string type = text_of(transaction, "Type");
    auto creator = user(ref_id(transaction, "Creator"));
    if (type == "Status" || (type == "Set" && text_of(transaction, "Field") == "Status")) {
      auto to = status_name(text_of(transaction, "NewValue"));
      if (!to) return;  // deleted: the ticket's own status decides
      json change = {{"kind", "status_change"},
                     {"ticket", ticket},
                     {"to", merged ? "solved" : std::string(*to)},
                     {"at", time_of(transaction, "Created")}};
      change.update(author(creator));
      emit_.add(change, where);
      return;
    }
    if (type != "Create" && type != "Correspond" && type != "Comment") return;
    const bool staff = creator && agents_.count(*creator);
    std::string direction =
        type == "Comment" ? "note" : (staff && type == "Correspond" ? "outbound" : "inbound");
    // servicepact's first message is the customer's request, also when staff typed it in.
    json by = type == "Create" && requester ? json{{"author_type", "customer"}, {"author", *requester}}
                                            : author(creator);
    std::string body;
    std::vector<std::size_t> files;
    if (id) {
      for (auto at : by_transaction_[*id]) {
        const auto& part = attachments_[at];
        const std::string content_type = text_of(part, "ContentType");
        if (!text_of(part, "Filename").empty()) {
          files.push_back(at);
        } else if (body.empty() && (content_type == "text/plain" || content_type == "text/html")) {
          auto decoded = decode_base64(text_of(part, "Content")).value_or("");
          body = content_type == "text/html" ? text_from_html(decoded) : decoded;
        }
      }
    }
    json record = {{"kind", "message"}, {"external_id", id ? json(*id) : json()},
                   {"ticket", ticket},  {"direction", direction},
                   {"body", body},      {"created_at", time_of(transaction, "Created")}};
    record.update(by);
    if (!emit_.add(record, where)) return;
    for (auto at : files) {
      const auto& part = attachments_[at];
      emit_.add({{"kind", "attachment"},
                 {"message", *id},
                 {"ticket", ticket},
                 {"filename", text_of(part, "Filename")},
                 {"content_type", text_of(part, "ContentType").empty() ? "application/octet-stream"
                                                                       : text_of(part, "ContentType")},
                 {"content_base64", text_of(part, "Content")}},
                position("attachments.json", "attachment", id_of(part, "id"), at));
    }
  }

  const ExportFolder& folder_;
  Emitter emit_;
  json attachments_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_transaction_, transactions_;
  std::unordered_map<std::string, std::string> alias_, queue_by_name_;
  std::unordered_set<std::string> agents_, requesters_, seen_tickets_;
};

}  // namespace

ParsedRecords map_rt(const ExportFolder& folder) {
  ParsedRecords out;
  RtMapper(folder, out).run();
  return out;
}

std::vector<std::string_view> export_documents(std::string_view peer) {
  if (peer == "zendesk")
    return {"users.json", "organizations.json", "groups.json", "ticket_fields.json", "tickets.json"};
  if (peer == "zammad")
    return {"users.json",           "organizations.json", "groups.json",           "tickets.json",
            "ticket_articles.json", "ticket_states.json", "ticket_priorities.json"};
  if (peer == "rt")
    return {"users.json", "queues.json", "tickets.json", "transactions.json", "attachments.json"};
  return {};
}

}  // namespace sp::import

#include "import/history.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "core/text.hpp"
#include "domain/ticket_rules.hpp"
#include "domain/validation.hpp"

namespace sp::import {

namespace {

using domain::Actor;
using domain::ActorType;
using domain::Status;
using domain::Ticket;
using domain::TicketChange;

// Valid UTF-8 without control characters (tab and newline stay), cut to `max_bytes`,
// trimmed; `placeholder` when nothing is left.
std::string acceptable_text(std::string_view text, std::size_t max_bytes, std::string_view placeholder,
                            bool allow_newlines) {
  std::string valid = text::make_valid_utf8(text);
  std::string clean;
  clean.reserve(valid.size());
  for (char c : valid) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\t') {
      clean.push_back(allow_newlines ? c : ' ');
    } else if (byte >= 0x20 && byte != 0x7F) {
      clean.push_back(c);
    }
  }
  std::string out(text::trim(text::truncate_utf8(clean, max_bytes)));
  return out.empty() ? std::string(placeholder) : out;
}

// Tags and categories are ASCII; names from peers often are not ("华为", "Ærø"). Transliterating
// keeps them readable ("hua-wei", "aero") where dropping the letters left an empty "org:".
std::string to_ascii(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::string(text);
  }
  // One per thread: a Transliterator is costly to build and not safe to share between threads.
  thread_local std::unique_ptr<icu::Transliterator> latin = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(made) : nullptr;
  }();
  if (!latin) return std::string(text);
  auto unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  latin->transliterate(unicode);
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

std::string reduce(std::string_view raw, std::string_view extra_allowed, std::size_t max_bytes) {
  const std::string text = to_ascii(raw);
  std::string out;
  for (char c : text) {
    const char lower = text::ascii_lower(c);
    const bool allowed = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') ||
                         extra_allowed.find(lower) != std::string_view::npos;
    if (allowed) {
      out.push_back(lower);
    } else if (!out.empty() && out.back() != '-' && out.back() != ':') {
      out.push_back('-');  // "VIP klant" -> "vip-klant"; non-ASCII letters collapse too
    }
    if (out.size() == max_bytes) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

Actor actor_of(const AuthorRef& author, const ResolvedIds& ids, domain::CustomerId requester) {
  if (author.type == ActorType::Customer) {
    auto it = ids.customers.find(author.external_id);
    return Actor{ActorType::Customer, it != ids.customers.end() ? it->second.value : requester.value};
  }
  if (author.type == ActorType::Agent) {
    auto it = ids.agents.find(author.external_id);
    if (it != ids.agents.end()) return Actor{ActorType::Agent, it->second.value};
  }
  return Actor{ActorType::System, 0};  // the system, or an agent the export did not list
}

// One step of the replay: a message or a status change.
struct Step {
  Timestamp at;
  const MessageRecord* message = nullptr;
  std::optional<Status> status;
  AuthorRef author;
};

class Replay {
 public:
  Replay(BuiltHistory& out, const ResolvedIds& ids, const AttachmentLines& attachments)
      : out_(out), ids_(ids), attachments_(attachments) {}

  Result<void> run(std::vector<Step> steps, Status final_status, Timestamp final_at) {
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) {
      if (a.at != b.at) return a.at < b.at;
      return a.message != nullptr && b.message == nullptr;
    });
    for (std::size_t idx = 0; idx < steps.size(); ++idx) {
      Step& step = steps[idx];
      step.at = std::max(step.at, out_.ticket.created_at);
      if (step.message != nullptr) {
        SP_TRY(add(*step.message, step.at));
        continue;
      }
      // A close followed by more activity: servicepact archives closed tickets, so the
      // ticket was solved then, not closed.
      Status to = *step.status;
      if (to == Status::Closed && idx + 1 < steps.size()) to = Status::Solved;
      SP_TRY(move_to(to, actor_of(step.author, ids_, out_.ticket.requester_id), step.at));
    }
    if (out_.ticket.status != final_status) {
      SP_TRY(move_to(final_status, Actor{ActorType::System, 0}, std::max(final_at, out_.ticket.updated_at)));
    }
    out_.ticket.updated_at = std::max(out_.ticket.updated_at, final_at);
    return {};
  }

 private:
  Result<void> add(const MessageRecord& message, Timestamp at) {
    std::string body(message.body);
    if (auto it = attachments_.find(message.external_id); it != attachments_.end()) {
      for (const auto& line : it->second) body += "\n" + line;
    }
    body = acceptable_text(body, domain::kMaxBodyBytes, "(no text)", true);
    const Actor author = actor_of(message.author, ids_, out_.ticket.requester_id);
    const bool automatic = message.automatic && message.kind == domain::MessageKind::Inbound;
    auto change = automatic ? domain::add_automatic_message(out_.ticket, body, author, at)
                            : domain::add_message(out_.ticket, message.kind, body, author, at);
    if (!change) return invalid_input("message '" + message.external_id + "': " + change.error().message);
    const auto index = static_cast<std::int64_t>(out_.messages.size()) + 1;
    for (auto& event : change->events) {
      if (event.type == domain::EventType::MessageAdded) event.message_id = domain::MessageId{index};
    }
    domain::Message stored;
    stored.tenant_id = out_.ticket.tenant_id;
    stored.kind = message.kind;
    stored.author = author;
    stored.body = std::move(body);
    stored.created_at = at;
    stored.automatic = automatic;
    out_.messages.push_back(std::move(stored));
    out_.message_external_ids.push_back(message.external_id);
    take(std::move(*change));
    return {};
  }

  // Changes the status along allowed transitions: through open out of solved, through
  // solved into closed.
  Result<void> move_to(Status to, Actor actor, Timestamp at) {
    for (int hop = 0; hop < 3 && out_.ticket.status != to; ++hop) {
      Status next = to;
      if (!domain::can_transition(out_.ticket.status, to)) {
        next = to == Status::Closed ? Status::Solved : Status::Open;
      }
      domain::TicketPatch patch;
      patch.status = next;
      auto change = domain::apply_patch(out_.ticket, patch, actor, at);
      if (!change)
        return invalid_input("status " + std::string(domain::to_string(to)) + ": " + change.error().message);
      take(std::move(*change));
    }
    return {};
  }

  void take(TicketChange change) {
    out_.ticket = std::move(change.after);
    for (auto& event : change.events) out_.events.push_back(std::move(event));
  }

  BuiltHistory& out_;
  const ResolvedIds& ids_;
  const AttachmentLines& attachments_;
};

std::vector<std::string> sanitised_tags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (const auto& tag : tags) {
    auto clean = sanitise_tag(tag);
    if (!clean.empty()) out.push_back(std::move(clean));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > domain::kMaxTags) out.resize(domain::kMaxTags);
  return out;
}

template <typename IdT>
std::optional<IdT> lookup(const std::unordered_map<std::string, IdT>& ids,
                          const std::optional<std::string>& key) {
  if (!key) return std::nullopt;
  auto it = ids.find(*key);
  if (it == ids.end()) return std::nullopt;
  return it->second;
}

bool has_change_to(const TicketRecords& records, Status status) {
  return std::any_of(records.changes.begin(), records.changes.end(),
                     [status](const StatusChangeRecord* change) { return change->to == status; });
}

Timestamp final_time(const TicketRecord& ticket, const std::vector<Step>& steps) {
  Timestamp at = ticket.updated_at.value_or(ticket.created_at);
  for (const auto& step : steps) at = std::max(at, step.at);
  return at;
}

}  // namespace

GroupedTickets group_by_ticket(const std::vector<Record>& records,
                               const std::vector<std::string>& positions) {
  GroupedTickets out;
  std::unordered_map<std::string, std::size_t> index;
  auto where = [&](std::size_t idx) {
    return idx < positions.size() ? positions[idx] : std::string("record");
  };
  for (std::size_t idx = 0; idx < records.size(); ++idx) {
    const auto* ticket = std::get_if<TicketRecord>(&records[idx]);
    if (ticket == nullptr) continue;
    if (!index.emplace(ticket->external_id, out.tickets.size()).second) {
      out.skipped.push_back({where(idx), "ticket", "ticket '" + ticket->external_id + "' appears twice"});
      continue;
    }
    out.tickets.push_back({ticket, where(idx), {}, {}});
  }
  for (std::size_t idx = 0; idx < records.size(); ++idx) {
    if (const auto* message = std::get_if<MessageRecord>(&records[idx])) {
      auto it = index.find(message->ticket);
      if (it == index.end()) {
        out.skipped.push_back(
            {where(idx), "message", "ticket '" + message->ticket + "' is not in the export"});
        continue;
      }
      out.tickets[it->second].messages.push_back(message);
    } else if (const auto* change = std::get_if<StatusChangeRecord>(&records[idx])) {
      auto it = index.find(change->ticket);
      if (it == index.end()) {
        out.skipped.push_back(
            {where(idx), "status_change", "ticket '" + change->ticket + "' is not in the export"});
        continue;
      }
      out.tickets[it->second].changes.push_back(change);
    }
  }
  return out;
}

std::string attachment_line(const std::string& filename, const std::string& content_type, std::int64_t size,
                            const std::string& digest) {
  return "[attachment: " + filename + ", " + content_type + ", " + std::to_string(size) +
         " bytes, sha256:" + digest + "]";
}

std::string attachment_url_line(const std::string& filename, const std::string& content_type,
                                const std::string& url) {
  return "[attachment: " + filename + ", " + content_type + ", not fetched: " + url + "]";
}

Result<BuiltHistory> build_ticket(const TicketRecords& records, const ResolvedIds& ids,
                                  domain::TenantId tenant, const AttachmentLines& attachments) {
  const TicketRecord& record = *records.ticket;
  auto requester = ids.customers.find(record.requester);
  if (requester == ids.customers.end()) {
    return invalid_input("requester '" + record.requester + "' is not a customer of the export", "requester");
  }
  domain::NewTicket input;
  input.subject = acceptable_text(record.subject, domain::kMaxSubjectBytes, "(no subject)", false);
  input.priority = record.priority;
  input.channel = record.channel;
  input.category = sanitise_category(record.category);
  input.tags = sanitised_tags(record.tags);
  input.team_id = lookup(ids.teams, record.team);
  input.assignee_id = lookup(ids.agents, record.assignee);
  input.requester_id = requester->second;
  auto validated = domain::validate_new_ticket(std::move(input));
  if (!validated) return validated.error();

  BuiltHistory out;
  auto draft = domain::draft_ticket(*validated, tenant, Actor{ActorType::Customer, requester->second.value},
                                    record.created_at);
  out.ticket = std::move(draft.ticket);
  out.events = std::move(draft.events);

  std::vector<Step> steps;
  for (const auto* message : records.messages) steps.push_back({message->created_at, message, {}, {}});
  for (const auto* change : records.changes)
    steps.push_back({change->at, nullptr, change->to, change->author});
  if (record.solved_at && !has_change_to(records, Status::Solved) &&
      !has_change_to(records, Status::Closed)) {
    steps.push_back({*record.solved_at, nullptr, Status::Solved, {}});
  }
  const Timestamp final_at = final_time(record, steps);
  Replay replay(out, ids, attachments);
  SP_TRY(replay.run(std::move(steps), record.status, final_at));
  return out;
}

Result<std::optional<BuiltHistory>> extend_ticket(const domain::Ticket& current, Timestamp last_event_at,
                                                  const TicketRecords& records, const ResolvedIds& ids,
                                                  const std::set<std::string>& known_messages,
                                                  const AttachmentLines& attachments) {
  const TicketRecord& record = *records.ticket;
  std::vector<Step> steps;
  for (const auto* message : records.messages) {
    if (!known_messages.count(message->external_id)) steps.push_back({message->created_at, message, {}, {}});
  }
  for (const auto* change : records.changes) {
    if (change->at > last_event_at) steps.push_back({change->at, nullptr, change->to, change->author});
  }
  const bool status_moved = record.status != current.status;
  if (steps.empty() && !status_moved) return std::optional<BuiltHistory>{};
  if (current.status == Status::Closed) {
    return invalid_input("ticket '" + record.external_id +
                         "' is closed here; a closed ticket takes nothing new");
  }
  BuiltHistory out;
  out.ticket = current;
  Replay replay(out, ids, attachments);
  SP_TRY(replay.run(std::move(steps), record.status, std::max(final_time(record, {}), last_event_at)));
  return std::optional<BuiltHistory>{std::move(out)};
}

std::string sanitise_tag(std::string_view tag) {
  return reduce(tag, "_:.-", domain::kMaxTagBytes);
}

std::string sanitise_category(std::string_view category) {
  return reduce(category, "_-", domain::kMaxCategoryBytes);
}

}  // namespace sp::import

#include "domain/ticket_rules.hpp"

#include <algorithm>

#include "domain/validation.hpp"

namespace sp::domain {

namespace {

std::string id_text(const std::optional<AgentId>& id) {
  return id ? std::to_string(id->value) : std::string();
}
std::string id_text(const std::optional<TeamId>& id) {
  return id ? std::to_string(id->value) : std::string();
}

template <typename IdT>
std::optional<IdT> parse_id_text(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return IdT{std::stoll(text)};
}

TicketEvent make_event(const Ticket& ticket, EventType type, Actor actor, Timestamp now) {
  TicketEvent event;
  event.ticket_id = ticket.id;
  event.tenant_id = ticket.tenant_id;
  event.type = type;
  event.actor = actor;
  event.at = now;
  return event;
}

}  // namespace

bool can_transition(Status from, Status to) {
  switch (from) {
    case Status::New:
      return to == Status::Open || to == Status::Pending || to == Status::OnHold || to == Status::Solved;
    case Status::Open:
      return to == Status::Pending || to == Status::OnHold || to == Status::Solved;
    case Status::Pending:
      return to == Status::Open || to == Status::OnHold || to == Status::Solved;
    case Status::OnHold:
      return to == Status::Open || to == Status::Pending || to == Status::Solved;
    case Status::Solved:
      return to == Status::Open || to == Status::Closed;
    case Status::Closed:
      return false;
  }
  return false;
}

Result<void> check_transition(Status from, Status to) {
  if (from == to || can_transition(from, to)) return {};
  return conflict(
      "a ticket cannot go from " + std::string(to_string(from)) + " to " + std::string(to_string(to)),
      kinds::kInvalidTransition);
}

Result<NewTicket> validate_new_ticket(NewTicket input) {
  auto subject = require_text(input.subject, "subject", kMaxSubjectBytes);
  if (!subject) return subject.error();
  input.subject = std::move(*subject);
  auto category = validate_category(input.category);
  if (!category) return category.error();
  input.category = std::move(*category);
  auto tags = normalise_tags(input.tags);
  if (!tags) return tags.error();
  input.tags = std::move(*tags);
  if (input.first_message) {
    auto body = require_text(*input.first_message, "body", kMaxBodyBytes, true);
    if (!body) return body.error();
    input.first_message = std::move(*body);
  }
  if (input.requester_id.value <= 0) return invalid_input("requester_id is required", "requester_id");
  return input;
}

TicketDraft draft_ticket(const NewTicket& validated, TenantId tenant, Actor actor, Timestamp now) {
  TicketDraft draft;
  Ticket& t = draft.ticket;
  t.tenant_id = tenant;
  t.subject = validated.subject;
  t.status = Status::New;
  t.priority = validated.priority;
  t.channel = validated.channel;
  t.category = validated.category;
  t.tags = validated.tags;
  t.team_id = validated.team_id;
  t.assignee_id = validated.assignee_id;
  t.requester_id = validated.requester_id;
  t.created_at = now;
  t.updated_at = now;
  t.version = 1;
  auto created = make_event(t, EventType::Created, actor, now);
  created.to = std::string(to_string(Status::New));
  draft.events.push_back(std::move(created));
  if (validated.first_message) {
    auto added = make_event(t, EventType::MessageAdded, actor, now);
    added.message_kind = MessageKind::Inbound;
    if (validated.first_message_automatic) added.field = std::string(kAutomaticMessageField);
    draft.events.push_back(std::move(added));
  }
  return draft;
}

Result<TicketChange> apply_patch(const Ticket& before, const TicketPatch& patch, Actor actor, Timestamp now) {
  TicketChange change{before, {}};
  Ticket& after = change.after;
  auto emit = [&](EventType type, std::string field, std::string from, std::string to) {
    auto event = make_event(before, type, actor, now);
    event.field = std::move(field);
    event.from = std::move(from);
    event.to = std::move(to);
    change.events.push_back(std::move(event));
  };
  if (before.status == Status::Closed) {
    return conflict("ticket is closed and can no longer be changed", kinds::kTicketClosed);
  }
  if (patch.subject) {
    auto subject = require_text(*patch.subject, "subject", kMaxSubjectBytes);
    if (!subject) return subject.error();
    if (*subject != before.subject) {
      emit(EventType::FieldChanged, "subject", before.subject, *subject);
      after.subject = std::move(*subject);
    }
  }
  if (patch.category) {
    auto category = validate_category(*patch.category);
    if (!category) return category.error();
    if (*category != before.category) {
      emit(EventType::FieldChanged, "category", before.category, *category);
      after.category = std::move(*category);
    }
  }
  if (patch.priority && *patch.priority != before.priority) {
    emit(EventType::PriorityChanged, "priority", std::string(to_string(before.priority)),
         std::string(to_string(*patch.priority)));
    after.priority = *patch.priority;
  }
  if (patch.assignee_id && *patch.assignee_id != before.assignee_id) {
    emit(EventType::AssigneeChanged, "assignee_id", id_text(before.assignee_id), id_text(*patch.assignee_id));
    after.assignee_id = *patch.assignee_id;
  }
  if (patch.team_id && *patch.team_id != before.team_id) {
    emit(EventType::TeamChanged, "team_id", id_text(before.team_id), id_text(*patch.team_id));
    after.team_id = *patch.team_id;
  }
  if (patch.tags) {
    auto tags = normalise_tags(*patch.tags);
    if (!tags) return tags.error();
    if (*tags != before.tags) {
      emit(EventType::TagsChanged, "tags", join_tags(before.tags), join_tags(*tags));
      after.tags = std::move(*tags);
    }
  }
  // Status last, so a patch that both edits fields and closes is checked against the
  // status the ticket had before.
  if (patch.status && *patch.status != before.status) {
    SP_TRY(check_transition(before.status, *patch.status));
    emit(EventType::StatusChanged, "status", std::string(to_string(before.status)),
         std::string(to_string(*patch.status)));
    after.status = *patch.status;
    if (after.status == Status::Solved) {
      after.solved_at = now;
    } else if (after.status != Status::Closed) {
      after.solved_at.reset();
    }
  }
  if (!change.events.empty()) {
    after.version = before.version + 1;
    after.updated_at = now;
  }
  return change;
}

namespace {

Result<TicketChange> add_message_of(const Ticket& before, MessageKind kind, std::string_view body,
                                    Actor actor, Timestamp now, bool automatic) {
  if (before.status == Status::Closed) {
    return conflict("ticket is closed; open a follow-up ticket instead", kinds::kTicketClosed);
  }
  auto text = require_text(body, "body", kMaxBodyBytes, true);
  if (!text) return text.error();
  TicketChange change{before, {}};
  auto added = make_event(before, EventType::MessageAdded, actor, now);
  added.message_kind = kind;
  if (automatic) added.field = std::string(kAutomaticMessageField);
  change.events.push_back(std::move(added));
  std::optional<Status> next;
  if (kind == MessageKind::Inbound && !automatic &&
      (before.status == Status::Pending || before.status == Status::Solved)) {
    next = Status::Open;
  } else if (kind == MessageKind::Outbound && before.status == Status::New) {
    next = Status::Open;
  }
  if (next) {
    auto changed = make_event(before, EventType::StatusChanged, actor, now);
    changed.field = "status";
    changed.from = std::string(to_string(before.status));
    changed.to = std::string(to_string(*next));
    change.events.push_back(std::move(changed));
    change.after.status = *next;
    change.after.solved_at.reset();
  }
  change.after.version = before.version + 1;
  change.after.updated_at = now;
  return change;
}

}  // namespace

Result<TicketChange> add_message(const Ticket& before, MessageKind kind, std::string_view body, Actor actor,
                                 Timestamp now) {
  return add_message_of(before, kind, body, actor, now, false);
}

Result<TicketChange> add_automatic_message(const Ticket& before, std::string_view body, Actor actor,
                                           Timestamp now) {
  return add_message_of(before, MessageKind::Inbound, body, actor, now, true);
}

namespace {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_json_seconds(std::string& out, const std::optional<int>& seconds) {
  out += seconds ? std::to_string(*seconds) : std::string("null");
}

}  // namespace

Result<TicketEvent> call_recorded_event(const Ticket& ticket, const CallFacts& call, Actor actor,
                                        Timestamp now) {
  if (call.call_id.empty() || call.call_id.size() > 128) {
    return invalid_input("call_id must have 1 to 128 characters", "call_id");
  }
  if (call.state != "queued" && call.state != "answered" && call.state != "abandoned" &&
      call.state != "ended") {
    return invalid_input("state must be queued, answered, abandoned or ended", "state");
  }
  for (const auto& [value, field] :
       {std::pair{call.wait_seconds, "wait_seconds"}, std::pair{call.talk_seconds, "talk_seconds"}}) {
    if (value && (*value < 0 || *value > 86400)) {
      return invalid_input(std::string(field) + " must be between 0 and 86400", field);
    }
  }
  if (call.agent.size() > 254 || call.caller.size() > 64) {
    return invalid_input("agent or caller too long", call.agent.size() > 254 ? "agent" : "caller");
  }
  std::string json = "{\"call_id\":";
  append_json_string(json, call.call_id);
  json += ",\"state\":";
  append_json_string(json, call.state);
  json += ",\"wait_seconds\":";
  append_json_seconds(json, call.wait_seconds);
  json += ",\"talk_seconds\":";
  append_json_seconds(json, call.talk_seconds);
  json += ",\"agent\":";
  append_json_string(json, call.agent);
  json += ",\"caller\":";
  append_json_string(json, call.caller);
  json += '}';
  auto event = make_event(ticket, EventType::CallRecorded, actor, now);
  event.field = "call";
  event.to = std::move(json);
  return event;
}

Result<TicketChange> record_call(const Ticket& before, const CallFacts& call, Actor actor, Timestamp now) {
  auto event = call_recorded_event(before, call, actor, now);
  if (!event) return event.error();
  TicketChange change{before, {std::move(*event)}};
  change.after.version = before.version + 1;
  change.after.updated_at = now;
  return change;
}

Ticket replay(const Ticket& created_state, std::span<const TicketEvent> history) {
  Ticket t = created_state;
  for (const auto& event : history) {
    switch (event.type) {
      case EventType::Created:
      case EventType::MessageAdded:
      case EventType::SlaAtRisk:
      case EventType::SlaBreached:
      case EventType::CallRecorded:
      case EventType::CommitmentBroken:
      case EventType::AutomationApplied:
        break;
      case EventType::StatusChanged:
        if (auto s = parse_status(event.to)) {
          t.status = *s;
          if (t.status == Status::Solved) {
            t.solved_at = event.at;
          } else if (t.status != Status::Closed) {
            t.solved_at.reset();
          }
        }
        break;
      case EventType::PriorityChanged:
        if (auto p = parse_priority(event.to)) t.priority = *p;
        break;
      case EventType::AssigneeChanged:
        t.assignee_id = parse_id_text<AgentId>(event.to);
        break;
      case EventType::TeamChanged:
        t.team_id = parse_id_text<TeamId>(event.to);
        break;
      case EventType::TagsChanged:
        t.tags = split_tags(event.to);
        break;
      case EventType::FieldChanged:
        if (event.field == "subject") {
          t.subject = event.to;
        } else if (event.field == "category") {
          t.category = event.to;
        }
        break;
    }
    if (event.type != EventType::Created && event.type != EventType::SlaAtRisk &&
        event.type != EventType::SlaBreached) {
      t.updated_at = event.at;
    }
  }
  return t;
}

}  // namespace sp::domain

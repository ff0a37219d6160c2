// Builds ticket histories for the KPI tests through the domain rules (draft_ticket,
// add_message, apply_patch), so every history is one the real system could produce.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/ticket_rules.hpp"
#include "reporting/kpi.hpp"

namespace sp::reporting::testing {

inline const domain::Actor kCustomer{domain::ActorType::Customer, 3};
inline const domain::Actor kAgent{domain::ActorType::Agent, 7};
inline const domain::Actor kSystem{domain::ActorType::System, 0};

// 2026-11-16T00:00:00Z, a Monday.
inline const Timestamp kMonday = from_unix_seconds(1'794'787'200);

inline Timestamp at(Timestamp base, std::chrono::minutes offset) {
  return base + offset;
}

class History {
 public:
  // A ticket created at `created` with the customer's first message, optionally with extra
  // fields set through `input`.
  explicit History(Timestamp created, domain::NewTicket input = {}) {
    if (input.subject.empty()) {
      input.subject = "Router kapot";
    }
    input.requester_id = domain::CustomerId{3};
    input.first_message = "help";
    auto validated = domain::validate_new_ticket(input);
    EXPECT_TRUE(validated.ok());
    auto draft = domain::draft_ticket(*validated, domain::TenantId{1}, kCustomer, created);
    facts_.ticket = draft.ticket;
    append(draft.events);
  }

  History& inbound(Timestamp when) { return message(domain::MessageKind::Inbound, kCustomer, when); }
  History& reply(Timestamp when) { return message(domain::MessageKind::Outbound, kAgent, when); }
  History& auto_reply(Timestamp when) { return message(domain::MessageKind::Outbound, kSystem, when); }
  History& note(Timestamp when) { return message(domain::MessageKind::Note, kAgent, when); }

  History& status(domain::Status to, Timestamp when) {
    domain::TicketPatch patch;
    patch.status = to;
    return patch_with(patch, when);
  }
  History& patch_with(const domain::TicketPatch& patch, Timestamp when) {
    auto change = domain::apply_patch(facts_.ticket, patch, kAgent, when);
    EXPECT_TRUE(change.ok()) << (change.ok() ? "" : change.error().message);
    if (change.ok()) {
      facts_.ticket = change->after;
      append(change->events);
    }
    return *this;
  }

  // A call_recorded event as the phone webhook writes it (agent and caller left empty).
  History& call(const std::string& call_id, const std::string& state, std::optional<int> wait_seconds,
                Timestamp when) {
    domain::CallFacts call{call_id, state, wait_seconds, std::nullopt, "", ""};
    auto change = domain::record_call(facts_.ticket, call, kSystem, when);
    EXPECT_TRUE(change.ok()) << (change.ok() ? "" : change.error().message);
    if (change.ok()) {
      facts_.ticket = change->after;
      append(change->events);
    }
    return *this;
  }

  TicketFacts& facts() { return facts_; }
  TicketFacts build() const { return facts_; }

 private:
  History& message(domain::MessageKind kind, domain::Actor actor, Timestamp when) {
    auto change = domain::add_message(facts_.ticket, kind, "text", actor, when);
    EXPECT_TRUE(change.ok()) << (change.ok() ? "" : change.error().message);
    if (change.ok()) {
      facts_.ticket = change->after;
      append(change->events);
    }
    return *this;
  }
  void append(const std::vector<domain::TicketEvent>& events) {
    for (auto e : events) {
      e.seq = static_cast<std::int64_t>(facts_.events.size()) + 1;
      facts_.events.push_back(std::move(e));
    }
  }

  TicketFacts facts_;
};

inline domain::NewTicket with_category(std::string category) {
  domain::NewTicket input;
  input.category = std::move(category);
  return input;
}

inline domain::NewTicket with_tags(std::vector<std::string> tags) {
  domain::NewTicket input;
  input.tags = std::move(tags);
  return input;
}

// A one-week report in UTC grouped as `dimension`, covering kMonday .. +7 days as one period.
inline KpiQuery week_query(Dimension dimension = Dimension::All) {
  KpiQuery q;
  q.dimension = dimension;
  q.period = Period::Custom;
  q.from = kMonday;
  q.to = kMonday + std::chrono::days{7};
  q.time_zone = "UTC";
  return q;
}

}  // namespace sp::reporting::testing

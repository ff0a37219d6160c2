// A ticket history builder shared by the sla tests: histories built with domain::draft_ticket,
// add_message and apply_patch, seq numbered 1..n as storage does, evaluated under an Amsterdam
// office calendar, Mon-Fri 09:00-17:00. Times are CET (+01:00) in the week of Monday
// 2026-11-23, written as text ("mon 10:00") or given as instants.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/ticket_rules.hpp"
#include "sla/sla_clock.hpp"
#include "sla/sla_test_util.hpp"

namespace sp::sla::testing {

constexpr std::string_view kOffice = R"({
  "timezone": "Europe/Amsterdam",
  "weekly": {"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]], "wed": [["09:00","17:00"]],
             "thu": [["09:00","17:00"]], "fri": [["09:00","17:00"]]}
})";

inline const domain::Actor kCustomer{domain::ActorType::Customer, 7};
inline const domain::Actor kAgent{domain::ActorType::Agent, 3};

// "mon 10:00" .. "mon2 09:30": a CET wall-clock time in the week of 2026-11-23 (mon2 is the
// Monday after). Seconds may be given: "mon 10:44:59".
inline Timestamp cet(std::string_view when) {
  static const std::vector<std::pair<std::string_view, std::string_view>> days = {
      {"mon2", "2026-11-30"}, {"mon", "2026-11-23"}, {"tue", "2026-11-24"}, {"wed", "2026-11-25"},
      {"thu", "2026-11-26"},  {"fri", "2026-11-27"}, {"sat", "2026-11-28"}, {"sun", "2026-11-29"}};
  const auto space = when.find(' ');
  const std::string_view day = when.substr(0, space);
  std::string time(when.substr(space + 1));
  if (time.size() == 5) time += ":00";
  for (const auto& [name, date] : days) {
    if (name == day) return at(std::string(date) + "T" + time + "+01:00");
  }
  ADD_FAILURE() << "bad day in test: " << when;
  return Timestamp{};
}

// An instant, written as cet() text or given as it is.
struct When {
  When(const char* cet_text) : at(cet(cet_text)) {}       // NOLINT: implicit on purpose
  When(std::string_view cet_text) : at(cet(cet_text)) {}  // NOLINT
  When(Timestamp instant) : at(instant) {}                // NOLINT
  Timestamp at;
};

// A ticket and its history, changed through the domain rules.
class Ticket {
 public:
  explicit Ticket(When created, bool with_first_message = true) {
    domain::NewTicket input;
    input.subject = "Router broken";
    input.requester_id = domain::CustomerId{7};
    if (with_first_message) input.first_message = "My router is broken.";
    auto validated = domain::validate_new_ticket(input);
    EXPECT_TRUE(validated.ok());
    auto draft = domain::draft_ticket(*validated, domain::TenantId{1}, kCustomer, created.at);
    created_ = draft.ticket;
    current_ = draft.ticket;
    append(draft.events);
  }

  Ticket& inbound(When when) { return message(domain::MessageKind::Inbound, kCustomer, when); }
  Ticket& outbound(When when) { return message(domain::MessageKind::Outbound, kAgent, when); }
  Ticket& note(When when) { return message(domain::MessageKind::Note, kAgent, when); }

  // Any change of the ticket's fields, made by an agent.
  Ticket& patch(const domain::TicketPatch& patch, When when) {
    auto change = domain::apply_patch(current_, patch, kAgent, when.at);
    EXPECT_TRUE(change.ok()) << change.error().message;
    if (change.ok()) apply(*change);
    return *this;
  }

  Ticket& status(domain::Status status, When when) {
    domain::TicketPatch change;
    change.status = status;
    return patch(change, when);
  }

  Ticket& priority(domain::Priority priority, When when) {
    domain::TicketPatch change;
    change.priority = priority;
    return patch(change, when);
  }

  // An event the SLA scheduler wrote (an output, which evaluation must ignore).
  Ticket& sla_event(domain::EventType type, std::string_view field, When when) {
    domain::TicketEvent event;
    event.type = type;
    event.field = std::string(field);
    event.at = when.at;
    append({event});
    return *this;
  }

  Result<SlaState> evaluate_at(const SlaPolicy& policy, const BusinessCalendar& calendar,
                               Timestamp now) const {
    return evaluate(policy, calendar, created_, events_, now);
  }

  // The state under `policy` and the office calendar as of `now`.
  SlaState at(const SlaPolicy& policy, When now) const {
    static const BusinessCalendar office = calendar_from(kOffice);
    auto state = evaluate_at(policy, office, now.at);
    EXPECT_TRUE(state.ok()) << state.error().message;
    return state.ok() ? *state : SlaState{};
  }

  const std::vector<domain::TicketEvent>& events() const { return events_; }
  const domain::Ticket& created() const { return created_; }
  const domain::Ticket& current() const { return current_; }

 private:
  Ticket& message(domain::MessageKind kind, domain::Actor actor, When when) {
    auto change = domain::add_message(current_, kind, "Some words.", actor, when.at);
    EXPECT_TRUE(change.ok()) << change.error().message;
    if (change.ok()) apply(*change);
    return *this;
  }

  void apply(const domain::TicketChange& change) {
    current_ = change.after;
    append_numbered(events_, change.events);
  }

  void append(const std::vector<domain::TicketEvent>& events) { append_numbered(events_, events); }

  domain::Ticket created_;
  domain::Ticket current_;
  std::vector<domain::TicketEvent> events_;
};

}  // namespace sp::sla::testing

// Cost of sla::evaluate for typical tickets (issue 4 aims at recomputing the SLA state of
// 1,000,000 open tickets in under 2 s, so well under 2 microseconds a ticket).
// 4096 histories are built once with the domain rules (seed 4): tickets created at random
// instants of 2026-2027, with random gaps between the steps of a typical conversation. The
// policy sets all four targets and a three-step escalation ladder; the calendar's UTC index is
// warmed before timing, as in a server.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "domain/ticket_rules.hpp"
#include "sla/business_time.hpp"
#include "sla/calendar_json.hpp"
#include "sla/sla_clock.hpp"

namespace {

using sp::Timestamp;
using sp::domain::MessageKind;
using sp::domain::Status;

constexpr const char* kOfficeCalendar = R"({"timezone":"Europe/Amsterdam",
  "weekly":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],
            "thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]},
  "holidays":["2026-01-01","2026-04-06","2026-04-27","2026-05-14","2026-05-25","2026-12-25",
              "2027-01-01","2027-03-29","2027-04-27","2027-05-06","2027-05-17","2027-12-25"],
  "overrides":{"2026-12-24":[["09:00","13:00"]]}})";

constexpr std::size_t kTickets = 4096;

struct History {
  sp::domain::Ticket created;
  std::vector<sp::domain::TicketEvent> events;
  Timestamp now;  // a little after the last event
};

sp::sla::SlaPolicy bench_policy() {
  sp::sla::SlaPolicy policy;
  policy.id = 1;
  policy.name = "Standard";
  policy.calendar_id = 1;
  policy.first_response_minutes = 60;
  policy.next_response_minutes = 120;
  policy.periodic_update_minutes = 240;
  policy.resolution_minutes = 960;
  using Action = sp::sla::EscalationStep::Action;
  policy.escalation = {{sp::sla::SlaTarget::FirstResponse, 0.75, Action::NotifyAssignee, {}},
                       {sp::sla::SlaTarget::FirstResponse, 1.0, Action::RaisePriority, {}},
                       {sp::sla::SlaTarget::Resolution, 1.5, Action::NotifyManager, {}}};
  return policy;
}

// A typical ticket: created with the customer's message, answered, set pending, the customer
// answers, answered again, a further question, and (when `solve`) solved: 10 events.
// Without `solve` the ticket stays open after 9 events, with clocks running.
std::vector<History> make_histories(bool solve) {
  std::vector<History> made;
  made.reserve(kTickets);
  std::mt19937_64 rng(4);
  std::uniform_int_distribution<std::int64_t> start_s(1767225600, 1830297600);  // 2026..2027
  std::uniform_int_distribution<std::int64_t> gap_s(60, 6 * 3600);
  const sp::domain::Actor customer{sp::domain::ActorType::Customer, 7};
  const sp::domain::Actor agent{sp::domain::ActorType::Agent, 3};
  for (std::size_t idx = 0; idx < kTickets; ++idx) {
    sp::domain::NewTicket input;
    input.subject = "Router broken";
    input.requester_id = sp::domain::CustomerId{7};
    input.first_message = "It is broken.";
    Timestamp t = sp::from_unix_seconds(start_s(rng));
    auto draft = sp::domain::draft_ticket(*sp::domain::validate_new_ticket(input), sp::domain::TenantId{1},
                                          customer, t);
    History history{draft.ticket, draft.events, t};
    sp::domain::Ticket current = draft.ticket;
    auto take = [&](sp::Result<sp::domain::TicketChange> change) {
      current = change->after;
      history.events.insert(history.events.end(), change->events.begin(), change->events.end());
    };
    auto later = [&] { return t += std::chrono::seconds{gap_s(rng)}; };
    auto message = [&](MessageKind kind) {
      take(sp::domain::add_message(current, kind, "Some words.",
                                   kind == MessageKind::Inbound ? customer : agent, later()));
    };
    auto status = [&](Status next) {
      sp::domain::TicketPatch patch;
      patch.status = next;
      take(sp::domain::apply_patch(current, patch, agent, later()));
    };
    message(MessageKind::Outbound);  // + new -> open
    status(Status::Pending);
    message(MessageKind::Inbound);  // + pending -> open
    message(MessageKind::Outbound);
    message(MessageKind::Inbound);
    if (solve) status(Status::Solved);
    for (std::size_t seq = 0; seq < history.events.size(); ++seq) {
      history.events[seq].seq = static_cast<std::int64_t>(seq) + 1;
    }
    history.now = later();
    made.push_back(std::move(history));
  }
  return made;
}

const std::vector<History>& histories(bool solve) {
  static const std::vector<History> solved = make_histories(true);
  static const std::vector<History> open = make_histories(false);
  return solve ? solved : open;
}

sp::sla::BusinessCalendar warmed_office() {
  auto calendar = sp::sla::parse_calendar_json(nlohmann::json::parse(kOfficeCalendar)).value();
  (void)sp::sla::business_seconds(calendar, sp::from_unix_seconds(1767225600),
                                  sp::from_unix_seconds(1840000000));
  return calendar;
}

void evaluate_bench(benchmark::State& state, bool solve) {
  const sp::sla::BusinessCalendar calendar = warmed_office();
  const sp::sla::SlaPolicy policy = bench_policy();
  const std::vector<History>& tickets = histories(solve);
  std::size_t idx = 0;
  std::size_t events = 0;
  for (auto _ : state) {
    const History& h = tickets[idx];
    auto result = sp::sla::evaluate(policy, calendar, h.created, h.events, h.now);
    benchmark::DoNotOptimize(result);
    events += h.events.size();
    idx = (idx + 1) % kTickets;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["events/ticket"] = static_cast<double>(events) / static_cast<double>(state.iterations());
}

void BM_Evaluate_SolvedTicket(benchmark::State& state) {
  evaluate_bench(state, true);
}
void BM_Evaluate_OpenTicket(benchmark::State& state) {
  evaluate_bench(state, false);
}

// The issue's figure directly: the SLA state of 1,000,000 open tickets, one after another on
// one core (the 4096 histories reused in turn).
void BM_Evaluate_MillionOpenTickets(benchmark::State& state) {
  const sp::sla::BusinessCalendar calendar = warmed_office();
  const sp::sla::SlaPolicy policy = bench_policy();
  const std::vector<History>& tickets = histories(false);
  for (auto _ : state) {
    std::int64_t deadlines = 0;
    for (std::size_t n = 0; n < 1000000; ++n) {
      const History& h = tickets[n % kTickets];
      auto result = sp::sla::evaluate(policy, calendar, h.created, h.events, h.now);
      deadlines += result.ok() && result->next_deadline ? 1 : 0;
    }
    benchmark::DoNotOptimize(deadlines);
  }
  state.SetItemsProcessed(state.iterations() * 1000000);
}

BENCHMARK(BM_Evaluate_SolvedTicket);
BENCHMARK(BM_Evaluate_OpenTicket);
BENCHMARK(BM_Evaluate_MillionOpenTickets)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

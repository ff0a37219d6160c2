// KPI pass over 100,000 tickets of 10 events each (issue 8). Reports tickets/s as items/s.
#include <benchmark/benchmark.h>

#include <random>

#include "domain/ticket_rules.hpp"
#include "reporting/kpi.hpp"
#include "sla/business_calendar.hpp"

namespace sp::reporting {
namespace {

using std::chrono::minutes;

constexpr int kTickets = 100'000;
// 2026-11-01T00:00:00Z; tickets are created over November (local Amsterdam month).
const Timestamp kStart = from_unix_seconds(1'793'491'200);

void must(bool ok) {
  if (!ok) {
    std::abort();
  }
}

// Created + first inbound, reply, inbound, note, reply, pending, inbound (reopens to open),
// reply, solved: 10 events, with random gaps; 10% stay open, 2% spam.
std::vector<TicketFacts> make_tickets() {
  std::mt19937_64 rng(8);
  std::uniform_int_distribution<int> gap(1, 240);
  std::uniform_int_distribution<int> created_min(0, 30 * 24 * 60 - 1);
  std::uniform_int_distribution<int> agent(1, 50);
  const domain::Actor customer{domain::ActorType::Customer, 3};
  std::vector<TicketFacts> out;
  out.reserve(kTickets);
  for (int i = 0; i < kTickets; ++i) {
    domain::NewTicket input;
    input.subject = "s";
    input.requester_id = domain::CustomerId{3};
    input.first_message = "m";
    input.assignee_id = domain::AgentId{agent(rng)};
    input.channel = static_cast<domain::Channel>(i % 6);
    if (i % 50 == 0) {
      input.tags = {"spam"};
    }
    auto validated = domain::validate_new_ticket(input);
    must(validated.ok());
    Timestamp t = kStart + minutes{created_min(rng)};
    auto draft = domain::draft_ticket(*validated, domain::TenantId{1}, customer, t);
    TicketFacts facts;
    facts.ticket = draft.ticket;
    facts.events = draft.events;
    const domain::Actor agent_actor{domain::ActorType::Agent, input.assignee_id->value};
    auto step = [&](auto&& change) {
      must(change.ok());
      facts.ticket = change->after;
      for (auto& e : change->events) {
        facts.events.push_back(std::move(e));
      }
    };
    auto message = [&](domain::MessageKind kind, domain::Actor actor) {
      t += minutes{gap(rng)};
      step(domain::add_message(facts.ticket, kind, "x", actor, t));
    };
    auto status = [&](domain::Status s) {
      t += minutes{gap(rng)};
      domain::TicketPatch patch;
      patch.status = s;
      step(domain::apply_patch(facts.ticket, patch, agent_actor, t));
    };
    message(domain::MessageKind::Outbound, agent_actor);  // + StatusChanged new -> open
    message(domain::MessageKind::Inbound, customer);
    message(domain::MessageKind::Note, agent_actor);
    message(domain::MessageKind::Outbound, agent_actor);
    status(domain::Status::Pending);
    message(domain::MessageKind::Inbound, customer);  // + StatusChanged pending -> open
    if (i % 10 != 0) {
      status(domain::Status::Solved);
    }
    facts.csat_grade = 1 + i % 10;
    facts.nps_score = i % 11;
    facts.helped = i % 3 != 0;
    out.push_back(std::move(facts));
  }
  return out;
}

const std::vector<TicketFacts>& tickets() {
  static const auto* all = new std::vector<TicketFacts>(make_tickets());
  return *all;
}

KpiQuery month_query(Dimension dimension, Period period, bool business) {
  KpiQuery q;
  q.dimension = dimension;
  q.period = period;
  q.time_zone = "Europe/Amsterdam";
  q.from = parse_rfc3339("2026-10-31T23:00:00Z").value();  // 2026-11-01 00:00 CET
  q.to = parse_rfc3339("2026-12-05T23:00:00Z").value();    // a few days after, for late events
  if (business) {
    sla::CalendarDefinition def;
    def.time_zone = "Europe/Amsterdam";
    for (std::size_t day = 0; day < 5; ++day) {
      def.weekly[day] = {sla::LocalInterval{9 * 60, 17 * 60}};
    }
    q.calendar = sla::BusinessCalendar::create(def).value();
  }
  return q;
}

void run(benchmark::State& state, const KpiQuery& query) {
  const auto& all = tickets();
  std::size_t groups = 0;
  for (auto _ : state) {
    auto report = compute_kpis(all, query);
    must(report.ok());
    groups = report->groups.size();
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(all.size()));
  state.counters["groups"] = static_cast<double>(groups);
}

void BM_Kpi_Month_All_Calendar(benchmark::State& state) {
  run(state, month_query(Dimension::All, Period::Month, false));
}
void BM_Kpi_Month_Agent_Calendar(benchmark::State& state) {
  run(state, month_query(Dimension::Agent, Period::Month, false));
}
void BM_Kpi_Day_Agent_Calendar(benchmark::State& state) {
  run(state, month_query(Dimension::Agent, Period::Day, false));
}
void BM_Kpi_Month_Agent_BusinessTime(benchmark::State& state) {
  run(state, month_query(Dimension::Agent, Period::Month, true));
}

BENCHMARK(BM_Kpi_Month_All_Calendar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Kpi_Month_Agent_Calendar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Kpi_Day_Agent_Calendar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Kpi_Month_Agent_BusinessTime)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sp::reporting

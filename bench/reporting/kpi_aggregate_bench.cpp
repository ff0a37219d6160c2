// KPI reports from the daily aggregates (issue 8) on a real SQLite file, and the cost of keeping
// them current per ticket event.
//
// Setup (once, about half a minute): 10,000,000 synthetic tickets over 365 days of one tenant in
// Europe/Amsterdam (27,397 a day), spread over 20 teams, 200 agents, 5 channels and 30
// categories, each with a first response, most solved within days (some reopened), survey
// answers on a fifth. Their contributions are summed in memory into daily rollup rows with the
// library's own DayFigures::add and written to kpi_daily (about 93,000 rows); the per-ticket
// contribution table is not filled for all 10 M (the reports never read it).
//
//   BM_AggregateReport/<dimension>/<days>   rollup_rows + backlog_before + kpis_from_rollup for
//                                           the last <days> local days: what ReportService does
//                                           for source=aggregates (minus the flush)
//   BM_ContributionUpdate/<batch>           one ticket event: measure the ticket from its
//                                           history and replace its contribution in the
//                                           rollups; <batch> tickets per durable transaction
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <random>
#include <tuple>

#include "domain/ticket_rules.hpp"
#include "reporting/rollup.hpp"
#include "service/kpi_rollups.hpp"
#include "storage/sqlite/sqlite_kpi_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace sp {
namespace {

using reporting::Dimension;

constexpr std::int64_t kTickets = 10'000'000;
constexpr int kDays = 365;
constexpr const char* kZone = "Europe/Amsterdam";

struct World {
  std::filesystem::path dir;
  std::unique_ptr<storage::sqlite::SqliteStore> store;
  std::unique_ptr<storage::sqlite::SqliteKpiStore> kpis;
  std::unique_ptr<service::KpiRollups> rollups;
  domain::Tenant tenant;
  domain::CustomerId customer;
  reporting::DayClock days = reporting::DayClock::create(kZone).value();
  std::int64_t first_day = 0;
};

World& world() {
  static World* w = [] {
    auto* w = new World;
    w->dir = std::filesystem::temp_directory_path() / "sp-kpi-aggregate-bench";
    std::filesystem::remove_all(w->dir);
    std::filesystem::create_directories(w->dir);
    storage::sqlite::SqliteOptions options;
    options.path = (w->dir / "bench.db").string();
    w->store = storage::sqlite::SqliteStore::open(options).value();
    (void)w->store->migrate().value();
    w->kpis = std::make_unique<storage::sqlite::SqliteKpiStore>(*w->store);
    w->rollups = std::make_unique<service::KpiRollups>(*w->kpis);
    const Timestamp start = from_unix_seconds(1'767'222'000);  // 2026-01-01 local midnight
    w->tenant =
        w->store->create_tenant(domain::Tenant{{}, "bench", "Bench", kZone, domain::Language::Nl, start})
            .value();
    w->customer = w->store
                      ->create_customer(domain::Customer{
                          {}, w->tenant.id, "Bench", {"bench@example.nl"}, {}, domain::Language::Nl, start})
                      .value()
                      .id;
    w->first_day = w->days.day_of(start);

    // Sum 10 M tickets into rows keyed (dimension, day, key).
    using Key = std::tuple<int, std::int64_t, std::string>;
    struct Row {
      reporting::DayFigures figures;
      std::int64_t backlog = 0, created_sum = 0;
    };
    std::map<Key, Row> rows;
    std::mt19937_64 rng(8);
    std::lognormal_distribution<double> response(6.5, 1.2);
    std::lognormal_distribution<double> resolution(10.5, 1.0);
    std::uniform_int_distribution<int> pick(0, 999);
    const char* channels[] = {"email", "phone", "web", "chat", "social"};
    reporting::TicketKpi kpi;
    std::array<std::string, 5> keys;
    for (std::int64_t i = 0; i < kTickets; ++i) {
      const std::int64_t day = w->first_day + i * kDays / kTickets;
      const std::int64_t created_ms = to_unix_ms(w->days.start_of(day)) + (i % 86'400) * 1000;
      kpi = {};
      kpi.handled = true;
      kpi.first_response = std::round(response(rng));
      const bool solved = pick(rng) < 900;
      if (solved) {
        kpi.solved_once = kpi.resolved_at_end = true;
        kpi.resolution = std::round(resolution(rng));
        kpi.first_contact_resolved = pick(rng) < 700;
        if (pick(rng) < 50) kpi.reopens = 1;
      }
      if (pick(rng) < 200) {
        kpi.csat_grade = 1 + pick(rng) % 10;
        kpi.helped = pick(rng) < 850;
        kpi.nps_score = pick(rng) % 11;
      }
      keys = {"all", std::to_string(1 + i % 20), std::to_string(100 + i % 200), channels[i % 5],
              "category-" + std::to_string(i % 30)};
      const std::int64_t solved_day = solved ? day + static_cast<std::int64_t>(*kpi.resolution / 86'400) : 0;
      for (std::size_t d = 0; d < reporting::kRollupDimensions.size(); ++d) {
        const int dim = static_cast<int>(reporting::kRollupDimensions[d]);
        auto& row = rows[Key{dim, day, keys[d]}];
        row.figures.add(kpi);
        row.backlog += 1;
        row.created_sum += created_ms;
        if (solved) {
          auto& end = rows[Key{dim, solved_day, keys[d]}];
          end.backlog -= 1;
          end.created_sum -= created_ms;
        }
      }
    }
    const std::int64_t tenant = w->tenant.id.value;
    auto written = w->store->write([&](storage::sqlite::Connection& conn) -> Result<void> {
      for (const auto& [key, row] : rows) {
        auto put = conn.prepare(
            "INSERT INTO kpi_daily(tenant_id, dimension, day, key, figures, backlog_delta, "
            "backlog_created_sum) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!put) return put.error();
        put->bind(1, tenant)
            .bind(2, reporting::to_string(static_cast<Dimension>(std::get<0>(key))))
            .bind(3, std::get<1>(key))
            .bind(4, std::get<2>(key))
            .bind_blob(5, row.figures.encode())
            .bind(6, row.backlog)
            .bind(7, row.created_sum);
        if (auto ran = put->run(); !ran) return ran.error();
      }
      std::map<std::pair<int, std::string>, std::pair<std::int64_t, std::int64_t>> totals;
      for (const auto& [key, row] : rows) {
        auto& t = totals[{std::get<0>(key), std::get<2>(key)}];
        t.first += row.backlog;
        t.second += row.created_sum;
      }
      for (const auto& [key, total] : totals) {
        auto put = conn.prepare(
            "INSERT INTO kpi_backlog_totals(tenant_id, dimension, key, open_count, created_sum) "
            "VALUES(?1, ?2, ?3, ?4, ?5)");
        if (!put) return put.error();
        put->bind(1, tenant)
            .bind(2, reporting::to_string(static_cast<Dimension>(key.first)))
            .bind(3, key.second)
            .bind(4, total.first)
            .bind(5, total.second);
        if (auto ran = put->run(); !ran) return ran.error();
      }
      return {};
    });
    if (!written) std::abort();
    std::fprintf(stderr, "kpi_aggregate_bench: %zu rollup rows for %lld tickets\n", rows.size(),
                 static_cast<long long>(kTickets));
    return w;
  }();
  return *w;
}

void BM_AggregateReport(benchmark::State& state) {
  World& w = world();
  const auto dimension = static_cast<Dimension>(state.range(0));
  const std::int64_t days = state.range(1);
  const std::int64_t to_day = w.first_day + kDays;
  const std::int64_t from_day = to_day - days;
  reporting::KpiQuery query;
  query.dimension = dimension;
  query.period = days == 1 ? reporting::Period::Day : reporting::Period::Month;
  query.from = w.days.start_of(from_day);
  query.to = w.days.start_of(to_day);
  query.time_zone = kZone;
  const auto scope = storage::Scope::of(w.tenant.id);
  std::size_t groups = 0;
  std::int64_t received = 0;
  for (auto _ : state) {
    auto rows = w.rollups->rollup_rows(scope, dimension, from_day, to_day);
    auto before = w.rollups->backlog_before(scope, dimension, from_day);
    auto report = reporting::kpis_from_rollup(rows.value(), before.value(), query);
    groups = report.value().groups.size();
    received = 0;
    for (const auto& g : report->groups) received += g.figures.contacts_received;
    benchmark::DoNotOptimize(report);
  }
  state.counters["groups"] = static_cast<double>(groups);
  state.counters["tickets"] = static_cast<double>(received);
}
BENCHMARK(BM_AggregateReport)
    ->ArgNames({"dimension", "days"})
    ->Args({static_cast<int>(Dimension::All), 31})
    ->Args({static_cast<int>(Dimension::Agent), 31})
    ->Args({static_cast<int>(Dimension::All), 1})
    ->Args({static_cast<int>(Dimension::Agent), 1})
    ->Unit(benchmark::kMillisecond);

// One ticket's event: its history grows by a reply, it is measured again, and the change is
// applied to the rollups (5 dimensions) in a durable transaction of `batch` tickets.
void BM_ContributionUpdate(benchmark::State& state) {
  World& w = world();
  const auto batch = static_cast<std::size_t>(state.range(0));
  const auto scope = storage::Scope::of(w.tenant.id);
  // Real tickets to attach contributions to.
  static std::vector<reporting::TicketFacts> tickets;
  while (tickets.size() < 512) {
    domain::NewTicket input;
    input.subject = "Bench";
    input.requester_id = w.customer;
    input.first_message = "help";
    const Timestamp created = w.days.start_of(w.first_day + kDays - 2) + std::chrono::hours(9);
    auto draft = domain::draft_ticket(domain::validate_new_ticket(input).value(), w.tenant.id,
                                      domain::Actor{domain::ActorType::Customer, w.customer.value}, created);
    auto stored = w.store->create_ticket(draft, std::nullopt).value();
    reporting::TicketFacts facts;
    facts.ticket = stored;
    facts.events = draft.events;
    tickets.push_back(std::move(facts));
  }
  std::vector<service::TicketContributionUpdate> updates;
  std::size_t next = 0;
  std::int64_t minute = 0;
  const Timestamp now = w.days.start_of(w.first_day + kDays);
  for (auto _ : state) {
    updates.clear();
    for (std::size_t i = 0; i < batch; ++i) {
      auto& facts = tickets[next++ % tickets.size()];
      ++minute;
      auto change = domain::add_message(facts.ticket, domain::MessageKind::Outbound, "reply",
                                        domain::Actor{domain::ActorType::Agent, 1},
                                        facts.ticket.created_at + std::chrono::minutes(minute % 600));
      if (change) {
        facts.ticket = change->after;
        facts.events.insert(facts.events.end(), change->events.begin(), change->events.end());
      }
      if (facts.events.size() > 12) facts.events.resize(4);  // a realistic history length
      auto c = reporting::contribution_of(facts, now, w.days, nullptr, reporting::BreachRules{});
      updates.push_back({facts.ticket.id, std::move(c.value())});
    }
    if (!w.rollups->put_contributions(scope, updates, now)) state.SkipWithError("put failed");
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(batch));
}
BENCHMARK(BM_ContributionUpdate)->ArgName("batch")->Arg(1)->Arg(100)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace sp

#include "reporting/rollup.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <tuple>

#include "domain/ticket_rules.hpp"
#include "reporting/history_builder.hpp"

namespace sp::reporting {
namespace {

using domain::Status;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using testing::History;
using testing::kMonday;

// What the store keeps: rows summed per (dimension, day, key), empty rows dropped.
using RowKey = std::tuple<int, std::int64_t, std::string>;
struct Rows {
  std::map<RowKey, RollupRow> rows;

  void apply(const TicketContribution& c, std::int64_t sign) {
    std::vector<RollupDelta> deltas;
    rollup_deltas(c, sign, deltas);
    for (auto& d : deltas) {
      RowKey key{static_cast<int>(d.dimension), d.day, d.key};
      auto& row = rows[key];
      row.day = d.day;
      row.key = d.key;
      row.figures.merge(d.figures, 1);
      row.backlog_delta += d.backlog_delta;
      row.backlog_created_sum_ms += d.backlog_created_sum_ms;
      if (row.figures.empty() && row.backlog_delta == 0 && row.backlog_created_sum_ms == 0) {
        rows.erase(key);
      }
    }
  }

  // As the store answers a report: rows of one dimension in [from_day, to_day) and the
  // backlog sums of the days before.
  std::pair<std::vector<RollupRow>, std::vector<BacklogBase>> read(Dimension dimension, std::int64_t from_day,
                                                                   std::int64_t to_day) const {
    std::vector<RollupRow> in_range;
    std::map<std::string, BacklogBase> before;
    for (const auto& [key, row] : rows) {
      if (std::get<0>(key) != static_cast<int>(dimension)) continue;
      if (row.day < from_day) {
        auto& base = before[row.key];
        base.key = row.key;
        base.count += row.backlog_delta;
        base.created_sum_ms += row.backlog_created_sum_ms;
      } else if (row.day < to_day) {
        in_range.push_back(row);
      }
    }
    std::vector<BacklogBase> bases;
    for (auto& [key, base] : before) bases.push_back(base);
    return {in_range, bases};
  }
};

Result<KpiReport> report_from(const Rows& rows, const KpiQuery& query) {
  auto clock = DayClock::create(query.time_zone);
  EXPECT_TRUE(clock.ok());
  const Dimension stored = query.dimension == Dimension::Tenant ? Dimension::All : query.dimension;
  auto [in_range, before] = rows.read(stored, clock->day_of(query.from), clock->day_of(query.to));
  return kpis_from_rollup(in_range, before, query);
}

TicketContribution contribution(const TicketFacts& facts, Timestamp as_of, const std::string& zone = "UTC") {
  auto clock = DayClock::create(zone);
  EXPECT_TRUE(clock.ok());
  auto c = contribution_of(facts, as_of, *clock, nullptr, BreachRules{});
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.ok() ? *c : TicketContribution{};
}

TEST(LogHistogram, PercentilesAreWithinOnePercentAndTheMeanIsExact) {
  std::mt19937_64 rng(42);
  std::lognormal_distribution<double> seconds(7.0, 1.5);
  LogHistogram h;
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) {
    const double v = std::round(seconds(rng) * 1000.0) / 1000.0;
    values.push_back(v);
    h.add(v);
  }
  const Summary approx = h.summary();
  const Summary exact = summarize(values);
  EXPECT_EQ(approx.count, exact.count);
  EXPECT_NEAR(*approx.mean, *exact.mean, 1e-6 * *exact.mean);
  EXPECT_NEAR(*approx.median, *exact.median, 0.01 * *exact.median);
  EXPECT_NEAR(*approx.p90, *exact.p90, 0.01 * *exact.p90);
}

TEST(LogHistogram, SubtractingWhatWasAddedLeavesNothing) {
  LogHistogram a;
  LogHistogram b;
  a.add(60);
  a.add(0);
  b.add(60);
  b.add(0);
  a.merge(b, -1);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(a.summary().count, 0);
  EXPECT_FALSE(a.summary().mean.has_value());
}

TEST(LogHistogram, EncodesAndDecodesExactly) {
  LogHistogram h;
  for (double v : {0.0, 0.5, 1.0, 60.0, 3600.0, 86400.0 * 400}) h.add(v);
  std::string blob;
  h.encode(blob);
  std::string_view in = blob;
  auto back = LogHistogram::decode(in);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, h);
  EXPECT_TRUE(in.empty());
}

TEST(Rollup, ContributionRoundTripsThroughItsEncoding) {
  auto facts = History(kMonday + hours{9}, testing::with_category("billing"))
                   .reply(kMonday + hours{10})
                   .status(Status::Solved, kMonday + hours{11})
                   .build();
  facts.csat_grade = 8;
  const auto c = contribution(facts, kMonday + days{2});
  auto back = TicketContribution::decode(c.encode());
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, c);
  EXPECT_EQ(c.keys[4], "billing");
  EXPECT_EQ(c.backlog.size(), 2u);  // opened Monday, solved Monday
}

TEST(Rollup, CorruptBlobsAreRefusedNotMisread) {
  const auto c = contribution(History(kMonday).build(), kMonday + days{1});
  std::string blob = c.encode();
  EXPECT_FALSE(TicketContribution::decode(blob.substr(0, blob.size() - 1)).ok());
  EXPECT_FALSE(TicketContribution::decode("").ok());
  EXPECT_FALSE(DayFigures::decode(std::string("\x07garbage")).ok());
}

TEST(Rollup, ExcludedTicketsOnlyCountAsExcluded) {
  auto facts = History(kMonday + hours{1}, testing::with_tags({"spam"})).build();
  const auto c = contribution(facts, kMonday + days{1});
  EXPECT_EQ(c.cohort.excluded_spam, 1);
  EXPECT_EQ(c.cohort.counts.received, 0);
  EXPECT_TRUE(c.backlog.empty());
}

TEST(Rollup, LocalDayFollowsTheTenantsZone) {
  // 23:30 UTC on Monday is 00:30 on Tuesday in Amsterdam.
  const auto facts = History(kMonday + hours{23} + minutes{30}).build();
  const auto utc = contribution(facts, kMonday + days{2}, "UTC");
  const auto ams = contribution(facts, kMonday + days{2}, "Europe/Amsterdam");
  EXPECT_EQ(ams.created_day, utc.created_day + 1);
}

TEST(Rollup, ReplacingAContributionEqualsAddingOnlyTheNewOne) {
  History h(kMonday + hours{9});
  h.reply(kMonday + hours{10});
  const auto before = contribution(h.build(), kMonday + hours{12});
  domain::TicketPatch reassign;
  reassign.assignee_id = std::optional<domain::AgentId>{domain::AgentId{5}};
  h.patch_with(reassign, kMonday + hours{13}).status(Status::Solved, kMonday + days{1});
  const auto after = contribution(h.build(), kMonday + days{2});

  Rows replaced;
  replaced.apply(before, 1);
  replaced.apply(before, -1);
  replaced.apply(after, 1);
  Rows direct;
  direct.apply(after, 1);
  ASSERT_EQ(replaced.rows.size(), direct.rows.size());
  for (const auto& [key, row] : direct.rows) {
    ASSERT_TRUE(replaced.rows.count(key));
    EXPECT_EQ(replaced.rows.at(key).figures, row.figures);
    EXPECT_EQ(replaced.rows.at(key).backlog_delta, row.backlog_delta);
  }
}

TEST(Rollup, ReportsStartAndEndAtLocalMidnight) {
  Rows rows;
  KpiQuery q = testing::week_query();
  q.from = kMonday + hours{1};
  auto r = report_from(rows, q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "from");
}

// A random but valid ticket history around the report week.
TicketFacts random_ticket(std::mt19937_64& rng, Timestamp week_start) {
  std::uniform_int_distribution<int> minute_of(-3 * 24 * 60, 9 * 24 * 60);
  std::uniform_int_distribution<int> pick(0, 99);
  domain::NewTicket input;
  const char* categories[] = {"billing", "major_complaint", "", "delivery"};
  input.category = categories[pick(rng) % 4];
  input.channel = pick(rng) % 2 == 0 ? domain::Channel::Email : domain::Channel::Phone;
  if (pick(rng) < 60) input.assignee_id = domain::AgentId{1 + pick(rng) % 3};
  if (pick(rng) < 50) input.team_id = domain::TeamId{1 + pick(rng) % 2};
  if (pick(rng) < 4) input.tags = {"spam"};
  if (pick(rng) < 3) input.tags = {"mystery_shopper"};
  Timestamp t = week_start + minutes{minute_of(rng)};
  History h(t, input);
  const int steps = pick(rng) % 7;
  for (int i = 0; i < steps; ++i) {
    t += minutes{1 + pick(rng) * 17};
    const int what = pick(rng);
    const Status status = h.facts().ticket.status;
    if (status == Status::Closed) break;
    if (what < 35) {
      h.reply(t);
    } else if (what < 55) {
      h.inbound(t);
    } else {
      Status to = what < 75   ? Status::Solved
                  : what < 85 ? Status::Open
                  : what < 92 ? Status::Pending
                              : Status::Closed;
      if (to != status && domain::can_transition(status, to)) {
        h.status(to, t);
      }
    }
  }
  if (input.channel == domain::Channel::Phone) {
    // A call per phone ticket: answered (with or without a wait), abandoned, or only queued.
    const int outcome = pick(rng) % 4;
    const int wait = pick(rng) * 3;
    h.call("c", "queued", std::nullopt, t);
    if (outcome == 0) h.call("c", "answered", wait, t + minutes{1});
    if (outcome <= 1) h.call("c", "ended", std::nullopt, t + minutes{2});
    if (outcome == 2) h.call("c", "abandoned", wait, t + minutes{1});
  }
  auto facts = h.build();
  if (pick(rng) < 30) facts.csat_grade = 1 + pick(rng) % 10;
  if (pick(rng) < 30) facts.helped = pick(rng) % 2 == 0;
  if (pick(rng) < 30) facts.nps_score = pick(rng) % 11;
  return facts;
}

void expect_close(const Summary& approx, const Summary& exact, const std::string& what) {
  EXPECT_EQ(approx.count, exact.count) << what;
  ASSERT_EQ(approx.mean.has_value(), exact.mean.has_value()) << what;
  if (!exact.mean) return;
  EXPECT_NEAR(*approx.mean, *exact.mean, 1e-6 + 1e-9 * *exact.mean) << what;
  // Interpolating between bucket midpoints stays within 1% of the exact interpolation
  // (plus a millisecond for the smallest bucket).
  EXPECT_NEAR(*approx.median, *exact.median, 0.0101 * *exact.median + 0.001) << what;
  EXPECT_NEAR(*approx.p90, *exact.p90, 0.0101 * *exact.p90 + 0.001) << what;
}

// The aggregates answer what the exact report answers over the same tickets at the same
// instant: groups, periods, counts and backlog equal; means exact; percentiles within 1%.
TEST(Rollup, MatchesTheExactReportOnRandomHistories) {
  for (const std::string zone : {"UTC", "Europe/Amsterdam", "Asia/Shanghai"}) {
    std::mt19937_64 rng(7);
    auto clock = DayClock::create(zone);
    ASSERT_TRUE(clock.ok());
    const Timestamp from = clock->start_of(clock->day_of(kMonday + hours{12}));
    const Timestamp to = clock->start_of(clock->day_of(kMonday + hours{12}) + 7);
    std::vector<TicketFacts> tickets;
    for (int i = 0; i < 400; ++i) tickets.push_back(random_ticket(rng, kMonday));
    Rows rows;
    for (const auto& facts : tickets) {
      auto c = contribution_of(facts, to, *clock, nullptr, BreachRules{});
      ASSERT_TRUE(c.ok());
      rows.apply(*c, 1);
    }
    for (Dimension dimension :
         {Dimension::All, Dimension::Agent, Dimension::Team, Dimension::Channel, Dimension::Category}) {
      for (Period period : {Period::Day, Period::Week, Period::Custom}) {
        KpiQuery q;
        q.dimension = dimension;
        q.period = period;
        q.from = from;
        q.to = to;
        q.time_zone = zone;
        q.cost = CostModel{40, 12};
        auto exact = compute_kpis(tickets, q);
        auto fast = report_from(rows, q);
        ASSERT_TRUE(exact.ok());
        ASSERT_TRUE(fast.ok()) << fast.error().message;
        const std::string what =
            zone + "/" + std::string(to_string(dimension)) + "/" + std::string(to_string(period));
        EXPECT_EQ(fast->excluded_spam, exact->excluded_spam) << what;
        EXPECT_EQ(fast->excluded_mystery_shopper, exact->excluded_mystery_shopper) << what;
        ASSERT_FALSE(exact->groups.empty()) << what;
        ASSERT_EQ(fast->groups.size(), exact->groups.size()) << what;
        for (std::size_t g = 0; g < exact->groups.size(); ++g) {
          const auto& e = exact->groups[g];
          const auto& a = fast->groups[g];
          const std::string at = what + "/" + e.key + "/" + e.period.label;
          EXPECT_EQ(a.key, e.key) << at;
          EXPECT_EQ(a.period.start, e.period.start) << at;
          EXPECT_EQ(a.figures.contacts_received, e.figures.contacts_received) << at;
          EXPECT_EQ(a.figures.contacts_handled, e.figures.contacts_handled) << at;
          EXPECT_EQ(a.figures.resolved, e.figures.resolved) << at;
          EXPECT_EQ(a.figures.solved_tickets, e.figures.solved_tickets) << at;
          EXPECT_EQ(a.figures.first_contact_resolved, e.figures.first_contact_resolved) << at;
          EXPECT_EQ(a.figures.reopens, e.figures.reopens) << at;
          EXPECT_EQ(a.figures.major_complaints_late, e.figures.major_complaints_late) << at;
          EXPECT_EQ(a.figures.csat_mean, e.figures.csat_mean) << at;
          EXPECT_EQ(a.figures.nps, e.figures.nps) << at;
          EXPECT_EQ(a.figures.not_helped_share, e.figures.not_helped_share) << at;
          EXPECT_EQ(a.figures.cost_per_contact, e.figures.cost_per_contact) << at;
          EXPECT_EQ(a.figures.backlog, e.figures.backlog) << at;
          if (e.figures.backlog > 0) {
            EXPECT_NEAR(*a.figures.backlog_age_seconds.mean, *e.figures.backlog_age_seconds.mean, 1e-3) << at;
          }
          // Call waits are exact in the aggregates too.
          EXPECT_EQ(a.figures.calls.offered, e.figures.calls.offered) << at;
          EXPECT_EQ(a.figures.calls.answered_without_wait, e.figures.calls.answered_without_wait) << at;
          EXPECT_EQ(a.figures.calls.wait_seconds, e.figures.calls.wait_seconds) << at;
          EXPECT_EQ(a.figures.calls.service_level, e.figures.calls.service_level) << at;
          EXPECT_EQ(a.figures.calls.abandonment_rate, e.figures.calls.abandonment_rate) << at;
          expect_close(a.figures.first_response_seconds, e.figures.first_response_seconds,
                       at + " first response");
          expect_close(a.figures.next_response_seconds, e.figures.next_response_seconds,
                       at + " next response");
          expect_close(a.figures.resolution_seconds, e.figures.resolution_seconds, at + " resolution");
        }
      }
    }
  }
}

}  // namespace
}  // namespace sp::reporting

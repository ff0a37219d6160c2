#include "charter/evaluation.hpp"

#include <gtest/gtest.h>

#include "reporting/history_builder.hpp"

namespace sp::charter {
namespace {

using domain::Channel;
using domain::Language;

reporting::Summary seconds_summary(double median, double p90) {
  reporting::Summary s;
  s.count = 10;
  s.mean = median;
  s.median = median;
  s.p90 = p90;
  return s;
}

// The example charter: email 8 business hours / 3 days; phone 2 minutes / 2 days; thresholds
// median first response <= 60 min, resolution rate >= 85%, CSAT >= 8, privacy incidents <= 0.
KpiInput sample_input() {
  KpiInput input;
  input.period_label = "2026-10";
  reporting::KpiFigures overall;
  overall.contacts_received = 100;
  overall.first_response_seconds = seconds_summary(50 * 60, 200 * 60);  // median 50 min: kept
  overall.resolution_rate = 0.80;                                       // 80% < 85%: missed
  overall.csat_mean = 8.0;                                              // exactly 8: kept
  input.overall = overall;
  reporting::KpiFigures email;
  email.first_response_business_seconds = seconds_summary(3600, 7 * 3600);  // p90 7h <= 8h
  email.resolution_seconds = seconds_summary(86400, 4 * 86400);             // p90 4d > 3d
  input.by_channel[Channel::Email] = email;
  // Phone: no figures at all, so both phone items have no data.
  input.external["privacy_incidents"] = 0;
  return input;
}

const ItemEvaluation& item(const Evaluation& evaluation, const std::string& id) {
  for (const auto& i : evaluation.items) {
    if (i.id == id) return i;
  }
  ADD_FAILURE() << "no item " << id;
  static ItemEvaluation none;
  return none;
}

TEST(Evaluation, DecidesEveryPromiseAndThreshold) {
  const auto evaluation = evaluate(example_charter(), sample_input());
  ASSERT_EQ(evaluation.items.size(), 8u);
  EXPECT_EQ(item(evaluation, "promise.email.first_response").outcome, Outcome::Kept);
  EXPECT_EQ(item(evaluation, "promise.email.first_response").kpi, "first_response_business_time.p90");
  EXPECT_DOUBLE_EQ(*item(evaluation, "promise.email.first_response").measured, 420);
  EXPECT_EQ(item(evaluation, "promise.email.resolution").outcome, Outcome::Missed);
  EXPECT_EQ(item(evaluation, "promise.email.resolution").kpi, "resolution_time.p90");
  EXPECT_EQ(item(evaluation, "promise.phone.first_response").outcome, Outcome::NoData);
  EXPECT_EQ(item(evaluation, "threshold.0").outcome, Outcome::Kept);
  EXPECT_DOUBLE_EQ(*item(evaluation, "threshold.0").measured, 50);
  EXPECT_EQ(item(evaluation, "threshold.1").outcome, Outcome::Missed);
  EXPECT_DOUBLE_EQ(*item(evaluation, "threshold.1").measured, 80);
  EXPECT_EQ(item(evaluation, "threshold.2").outcome, Outcome::Kept);
  EXPECT_EQ(item(evaluation, "threshold.3").outcome, Outcome::Kept);
  EXPECT_EQ(evaluation.kept, 4);
  EXPECT_EQ(evaluation.missed, 2);
  EXPECT_EQ(evaluation.no_data, 2);
  EXPECT_EQ(summary_text(evaluation, Language::En), "4 of 6 promises kept (2 without data)");
  EXPECT_EQ(summary_text(evaluation, Language::Nl), "4 van 6 beloften nagekomen (2 zonder gegevens)");
  EXPECT_EQ(summary_text(evaluation, Language::Zh), "6项承诺中兑现4项(2项暂无数据)");
}

TEST(Evaluation, MissingExternalFigureAndMissingSurveyAreNoData) {
  KpiInput input = sample_input();
  input.external.clear();
  input.overall->csat_mean.reset();
  const auto evaluation = evaluate(example_charter(), input);
  EXPECT_EQ(item(evaluation, "threshold.2").outcome, Outcome::NoData);
  EXPECT_EQ(item(evaluation, "threshold.3").outcome, Outcome::NoData);
  input.external["privacy_incidents"] = 1;
  EXPECT_EQ(item(evaluate(example_charter(), input), "threshold.3").outcome, Outcome::Missed);
}

TEST(Evaluation, ChannelThresholdsUseThatChannelsFigures) {
  Charter charter = example_charter();
  charter.promises.clear();
  charter.thresholds = {
      {"sla.first_response.compliance", Comparator::AtLeast, 90, Unit::Percent, Channel::Email},
      {"sla.first_response.breaches_major", Comparator::AtMost, 0, Unit::Count, std::nullopt}};
  KpiInput input = sample_input();
  input.by_channel[Channel::Email].sla[0].compliance = 0.95;
  input.overall->sla[0].breaches_major = 2;
  const auto evaluation = evaluate(charter, input);
  EXPECT_EQ(evaluation.items[0].outcome, Outcome::Kept);
  EXPECT_DOUBLE_EQ(*evaluation.items[0].measured, 95);
  EXPECT_EQ(evaluation.items[1].outcome, Outcome::Missed);
  EXPECT_EQ(summary_text(evaluation, Language::En), "1 of 2 promises kept");
}

TEST(Evaluation, InputFromReportsRequiresOnePeriodPerKey) {
  reporting::KpiReport overall;
  overall.dimension = reporting::Dimension::All;
  overall.groups.push_back({"all", {}, {}});
  overall.groups.back().figures.contacts_received = 7;
  reporting::KpiReport channels;
  channels.dimension = reporting::Dimension::Channel;
  channels.groups.push_back({"email", {}, {}});
  channels.groups.push_back({"phone", {}, {}});
  auto input = kpi_input_from_reports("2026-10", overall, &channels, {{"privacy_incidents", 0}});
  ASSERT_TRUE(input.ok());
  EXPECT_EQ(input->overall->contacts_received, 7);
  EXPECT_EQ(input->by_channel.size(), 2u);
  channels.groups.push_back({"email", {}, {}});
  EXPECT_FALSE(kpi_input_from_reports("x", overall, &channels).ok());
  overall.dimension = reporting::Dimension::Team;
  EXPECT_FALSE(kpi_input_from_reports("x", overall).ok());
}

}  // namespace
}  // namespace sp::charter

namespace sp::charter {
namespace {

using std::chrono::minutes;

domain::NewTicket on_channel(Channel channel) {
  domain::NewTicket input;
  input.channel = channel;
  return input;
}

// From ticket histories through the real reporting core to "N of M promises kept".
TEST(Evaluation, PhonePromisesAreMeasuredFromTheCallFigures) {
  using reporting::testing::History;
  const Timestamp t0 = reporting::testing::kMonday + std::chrono::hours{10};
  // Waits 15, 30 and 258 seconds; one caller hung up after 400 seconds.
  std::vector<reporting::TicketFacts> tickets;
  int n = 0;
  for (int wait : {15, 30, 258}) {
    const std::string id = "c-" + std::to_string(++n);
    tickets.push_back(History(t0, on_channel(Channel::Phone)).call(id, "answered", wait, t0).build());
  }
  tickets.push_back(History(t0, on_channel(Channel::Phone)).call("c-9", "abandoned", 400, t0).build());
  auto overall = reporting::compute_kpis(tickets, reporting::testing::week_query());
  auto channels =
      reporting::compute_kpis(tickets, reporting::testing::week_query(reporting::Dimension::Channel));
  ASSERT_TRUE(overall.ok() && channels.ok());
  auto input = kpi_input_from_reports("2026-W47", *overall, &*channels);
  ASSERT_TRUE(input.ok()) << input.error().message;

  Charter charter = example_charter();
  charter.promises.clear();
  charter.thresholds = {{"average_speed_of_answer", Comparator::AtMost, 4.3, Unit::Minutes, Channel::Phone},
                        {"service_level.30", Comparator::AtLeast, 50, Unit::Percent, std::nullopt},
                        {"service_level", Comparator::AtLeast, 50, Unit::Percent, std::nullopt},
                        {"abandonment_rate", Comparator::AtMost, 0.2, Unit::Fraction, std::nullopt},
                        {"call_wait_time.p90", Comparator::AtMost, 60, Unit::Seconds, Channel::Email}};
  ASSERT_TRUE(validate(charter).ok());
  const auto evaluation = evaluate(charter, *input);
  // ASA (15 + 30 + 258) / 3 = 101 s = 1.68 minutes: kept.
  EXPECT_EQ(evaluation.items[0].outcome, Outcome::Kept);
  EXPECT_NEAR(*evaluation.items[0].measured, 101.0 / 60, 1e-9);
  // Within 30 s (30 exactly included): 2 of 3 answered + 1 abandoned = 50%: kept.
  EXPECT_EQ(evaluation.items[1].outcome, Outcome::Kept);
  EXPECT_DOUBLE_EQ(*evaluation.items[1].measured, 50);
  // At the report's threshold (default 20 s): 1 of 4 = 25%: missed.
  EXPECT_EQ(evaluation.items[2].outcome, Outcome::Missed);
  EXPECT_DOUBLE_EQ(*evaluation.items[2].measured, 25);
  // 1 of 4 abandoned: 0.25 > 0.2: missed.
  EXPECT_EQ(evaluation.items[3].outcome, Outcome::Missed);
  // No calls on e-mail: no data, never kept.
  EXPECT_EQ(evaluation.items[4].outcome, Outcome::NoData);
}

TEST(Evaluation, WorksOnComputedKpiReports) {
  using reporting::testing::History;
  const Timestamp t0 = reporting::testing::kMonday + std::chrono::hours{10};
  std::vector<reporting::TicketFacts> tickets = {
      History(t0, on_channel(Channel::Email))
          .reply(t0 + minutes{20})
          .status(domain::Status::Solved, t0 + minutes{60})
          .build(),
      History(t0, on_channel(Channel::Email))
          .reply(t0 + minutes{40})
          .status(domain::Status::Solved, t0 + minutes{90})
          .build(),
      History(t0, on_channel(Channel::Phone)).reply(t0 + minutes{1}).build(),
  };
  tickets[0].csat_grade = 9;
  tickets[1].csat_grade = 8;
  auto overall = reporting::compute_kpis(tickets, reporting::testing::week_query());
  auto channels =
      reporting::compute_kpis(tickets, reporting::testing::week_query(reporting::Dimension::Channel));
  ASSERT_TRUE(overall.ok() && channels.ok());
  auto input = kpi_input_from_reports("2026-W47", *overall, &*channels, {{"privacy_incidents", 0}});
  ASSERT_TRUE(input.ok()) << input.error().message;

  Charter charter = example_charter();
  charter.promises = {{Channel::Email, {30, TimeBasis::Calendar}, {120, TimeBasis::Calendar}, ""},
                      {Channel::Phone, {2, TimeBasis::Calendar}, {60, TimeBasis::Calendar}, ""}};
  charter.promise_statistic = PromiseStatistic::Median;
  const auto evaluation = evaluate(charter, *input);
  // Email: median first response 30 min <= 30 (kept), median resolution 75 min <= 120 (kept).
  EXPECT_EQ(item(evaluation, "promise.email.first_response").outcome, Outcome::Kept);
  EXPECT_DOUBLE_EQ(*item(evaluation, "promise.email.first_response").measured, 30);
  EXPECT_EQ(item(evaluation, "promise.email.resolution").outcome, Outcome::Kept);
  // Phone: answered in 1 minute (kept), never solved (no data).
  EXPECT_EQ(item(evaluation, "promise.phone.first_response").outcome, Outcome::Kept);
  EXPECT_EQ(item(evaluation, "promise.phone.resolution").outcome, Outcome::NoData);
  // Overall median first response 20 min <= 60 (kept); resolution rate 2/3 < 85% (missed);
  // CSAT 8.5 >= 8 (kept); privacy incidents 0 (kept).
  EXPECT_EQ(item(evaluation, "threshold.0").outcome, Outcome::Kept);
  EXPECT_EQ(item(evaluation, "threshold.1").outcome, Outcome::Missed);
  EXPECT_NEAR(*item(evaluation, "threshold.1").measured, 66.667, 0.001);
  EXPECT_EQ(item(evaluation, "threshold.2").outcome, Outcome::Kept);
  EXPECT_EQ(summary_text(evaluation, Language::En), "6 of 7 promises kept (1 without data)");
}

}  // namespace
}  // namespace sp::charter

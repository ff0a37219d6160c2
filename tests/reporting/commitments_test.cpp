// The commitments-kept figure (issue 18): attribution to the maker and the local period of the
// due time, exclusions, groups the ticket report lacks, and the share.
#include "reporting/commitments.hpp"

#include <gtest/gtest.h>

#include "reporting/kpi.hpp"

namespace sp::reporting {
namespace {

using domain::AgentId;
using domain::CommitmentTally;
using domain::TeamId;

Timestamp at(const char* text) {
  return *parse_rfc3339(text);
}

CommitmentTally tally(std::int64_t agent, std::optional<std::int64_t> team, const char* due,
                      std::int64_t kept, std::int64_t broken, std::vector<std::string> tags = {}) {
  CommitmentTally t;
  t.agent_id = AgentId{agent};
  if (team) t.team_id = TeamId{*team};
  t.channel = domain::Channel::Phone;
  t.category = "billing";
  t.tags = std::move(tags);
  t.due_from = at(due);
  t.kept = kept;
  t.broken = broken;
  return t;
}

KpiReport empty_report(Dimension dimension, Period period) {
  KpiReport report;
  report.dimension = dimension;
  report.period = period;
  report.from = at("2026-09-30T22:00:00Z");
  report.to = at("2026-11-30T23:00:00Z");
  report.time_zone = "Europe/Amsterdam";
  return report;
}

TEST(CommitmentFigures, AttributedToTheMakerInTheLocalMonthOfTheDueTime) {
  auto report = empty_report(Dimension::Agent, Period::Month);
  // 23:15Z on 31 October is 00:15 on 1 November in Amsterdam: November's.
  std::vector<CommitmentTally> tallies = {tally(7, 1, "2026-10-31T23:15:00Z", 1, 0),
                                          tally(7, 1, "2026-10-12T09:00:00Z", 2, 1),
                                          tally(3, 2, "2026-11-02T09:00:00Z", 0, 2)};
  ASSERT_TRUE(add_commitment_figures(report, tallies, "1").ok());
  ASSERT_EQ(report.groups.size(), 3u);
  // Numeric keys in numeric order, then period order.
  EXPECT_EQ(report.groups[0].key, "3");
  EXPECT_EQ(report.groups[0].period.label, "2026-11");
  EXPECT_EQ(report.groups[0].figures.commitments.broken, 2);
  EXPECT_EQ(report.groups[0].figures.commitments.kept_share, 0.0);
  EXPECT_EQ(report.groups[1].key, "7");
  EXPECT_EQ(report.groups[1].period.label, "2026-10");
  EXPECT_EQ(report.groups[1].figures.commitments.kept, 2);
  EXPECT_NEAR(*report.groups[1].figures.commitments.kept_share, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(report.groups[2].period.label, "2026-11");
  EXPECT_EQ(report.groups[2].figures.commitments.kept_share, 1.0);
}

TEST(CommitmentFigures, JoinTheTicketFiguresOfTheSameGroupAndPeriod) {
  auto report = empty_report(Dimension::Team, Period::Custom);
  ASSERT_TRUE(add_commitment_figures(report, {}, "1").ok());
  EXPECT_TRUE(report.groups.empty());
  auto buckets = Buckets::create(Period::Custom, report.from, report.to, report.time_zone);
  KpiGroup group{"2", buckets->all()[0], {}};
  group.figures.contacts_received = 40;
  report.groups.push_back(group);
  std::vector<CommitmentTally> tallies = {tally(3, 2, "2026-11-02T09:00:00Z", 3, 1),
                                          tally(4, 2, "2026-10-02T09:00:00Z", 1, 0),
                                          tally(5, std::nullopt, "2026-10-02T09:00:00Z", 0, 1)};
  ASSERT_TRUE(add_commitment_figures(report, tallies, "1").ok());
  ASSERT_EQ(report.groups.size(), 2u);
  EXPECT_EQ(report.groups[0].key, "2");
  EXPECT_EQ(report.groups[0].figures.contacts_received, 40);
  EXPECT_EQ(report.groups[0].figures.commitments.kept, 4);
  EXPECT_EQ(report.groups[0].figures.commitments.broken, 1);
  EXPECT_DOUBLE_EQ(*report.groups[0].figures.commitments.kept_share, 0.8);
  EXPECT_EQ(report.groups[1].key, "unassigned");  // an agent without a team
  EXPECT_EQ(report.groups[1].figures.contacts_received, 0);
}

TEST(CommitmentFigures, SpamAndMysteryShopperTicketsAndOtherPeriodsCountNowhere) {
  auto report = empty_report(Dimension::All, Period::Custom);
  std::vector<CommitmentTally> tallies = {tally(3, 2, "2026-11-02T09:00:00Z", 5, 0, {"mystery_shopper"}),
                                          tally(3, 2, "2026-11-02T09:00:00Z", 0, 5, {"spam", "vip"}),
                                          tally(3, 2, "2026-12-02T09:00:00Z", 0, 5),
                                          tally(3, 2, "2026-11-03T09:00:00Z", 1, 1, {"vip"})};
  ASSERT_TRUE(add_commitment_figures(report, tallies, "1").ok());
  ASSERT_EQ(report.groups.size(), 1u);
  EXPECT_EQ(report.groups[0].key, "all");
  EXPECT_EQ(report.groups[0].figures.commitments.kept, 1);
  EXPECT_EQ(report.groups[0].figures.commitments.broken, 1);
}

TEST(CommitmentFigures, AGroupWithoutDecidedCommitmentsHasNoShare) {
  auto report = empty_report(Dimension::Tenant, Period::Custom);
  auto buckets = Buckets::create(Period::Custom, report.from, report.to, report.time_zone);
  report.groups.push_back(KpiGroup{"1", buckets->all()[0], {}});
  ASSERT_TRUE(add_commitment_figures(report, {}, "1").ok());
  EXPECT_FALSE(report.groups[0].figures.commitments.kept_share);
  std::vector<CommitmentTally> tallies = {tally(3, 2, "2026-11-02T09:00:00Z", 2, 2)};
  ASSERT_TRUE(add_commitment_figures(report, tallies, "1").ok());
  ASSERT_EQ(report.groups.size(), 1u);
  EXPECT_DOUBLE_EQ(*report.groups[0].figures.commitments.kept_share, 0.5);
}

}  // namespace
}  // namespace sp::reporting

#include <gtest/gtest.h>

#include "reporting/kpi.hpp"
#include "reporting/history_builder.hpp"

#include <set>

namespace sp::reporting {
namespace {

using domain::Status;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using testing::at;
using testing::History;
using testing::kMonday;
using testing::week_query;

const Timestamp kT0 = kMonday + hours{10};  // Monday 10:00 UTC

KpiReport run(const std::vector<TicketFacts>& tickets, const KpiQuery& query) {
  auto report = compute_kpis(tickets, query);
  EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message);
  return report.ok() ? *report : KpiReport{};
}

// By value: callers pass a temporary report, so a reference into it would dangle.
KpiFigures only_group(const KpiReport& report) {
  EXPECT_EQ(report.groups.size(), 1u);
  static const KpiFigures kEmpty;
  return report.groups.empty() ? kEmpty : report.groups.front().figures;
}

TEST(Kpi, ReceivedCountsCreatedTicketsAndHandledNeedsAnAgentReply) {
  std::vector<TicketFacts> tickets = {
      History(kT0).reply(at(kT0, minutes{5})).build(),
      History(kT0).note(at(kT0, minutes{5})).reply(at(kT0, minutes{9})).build(),
      History(kT0).auto_reply(at(kT0, minutes{1})).note(at(kT0, minutes{2})).build(),
  };
  const auto& f = only_group(run(tickets, week_query()));
  EXPECT_EQ(f.contacts_received, 3);
  EXPECT_EQ(f.contacts_handled, 2);
}

TEST(Kpi, FirstResponseTimeIsCreationToFirstAgentReplyInCalendarSeconds) {
  std::vector<TicketFacts> tickets = {
      History(kT0).auto_reply(at(kT0, minutes{1})).reply(at(kT0, minutes{10})).build(),
      History(kT0).reply(at(kT0, minutes{30})).reply(at(kT0, minutes{40})).build(),
      History(kT0).reply(at(kT0, minutes{60})).build(),
      History(kT0).build(),  // no reply: excluded
  };
  const auto& f = only_group(run(tickets, week_query()));
  EXPECT_EQ(f.first_response_seconds.count, 3);
  EXPECT_DOUBLE_EQ(*f.first_response_seconds.mean, 2000);  // (600 + 1800 + 3600) / 3
  EXPECT_DOUBLE_EQ(*f.first_response_seconds.median, 1800);
  EXPECT_DOUBLE_EQ(*f.first_response_seconds.p90, 3240);  // 1800 + 0.8 * 1800
  EXPECT_FALSE(f.first_response_business_seconds.has_value());
}

TEST(Kpi, NextResponseRunsFromTheOldestUnansweredCustomerMessageToTheNextReply) {
  std::vector<TicketFacts> tickets = {History(kT0)
                                          .inbound(at(kT0, minutes{5}))  // before first reply
                                          .reply(at(kT0, minutes{10}))
                                          .inbound(at(kT0, minutes{20}))
                                          .inbound(at(kT0, minutes{25}))
                                          .note(at(kT0, minutes{30}))
                                          .reply(at(kT0, minutes{50}))
                                          .inbound(at(kT0, minutes{60}))  // unanswered
                                          .build()};
  const auto& f = only_group(run(tickets, week_query()));
  EXPECT_EQ(f.first_response_seconds.count, 1);
  EXPECT_DOUBLE_EQ(*f.first_response_seconds.mean, 600);
  EXPECT_EQ(f.next_response_seconds.count, 1);
  EXPECT_DOUBLE_EQ(*f.next_response_seconds.mean, 1800);
}

// A: one reply, solved after 1 h (first-contact resolution).
// B: solved after 2 h, reopened by the customer, solved again (a reopen, not FCR).
// C: two replies, solved after 30 min (not FCR). D: still open.
std::vector<TicketFacts> resolution_set() {
  return {
      History(kT0).reply(at(kT0, minutes{10})).status(Status::Solved, at(kT0, minutes{60})).build(),
      History(kT0)
          .reply(at(kT0, minutes{10}))
          .status(Status::Solved, at(kT0, minutes{120}))
          .inbound(at(kT0, minutes{180}))
          .reply(at(kT0, minutes{190}))
          .status(Status::Solved, at(kT0, minutes{240}))
          .status(Status::Closed, at(kT0, minutes{300}))
          .build(),
      History(kT0)
          .reply(at(kT0, minutes{10}))
          .reply(at(kT0, minutes{20}))
          .status(Status::Solved, at(kT0, minutes{30}))
          .build(),
      History(kT0).reply(at(kT0, minutes{10})).build(),
  };
}

TEST(Kpi, ResolutionTimeRunsFromCreationToTheFirstSolve) {
  const auto& f = only_group(run(resolution_set(), week_query()));
  EXPECT_EQ(f.resolution_seconds.count, 3);
  EXPECT_DOUBLE_EQ(*f.resolution_seconds.median, 3600);
  EXPECT_DOUBLE_EQ(*f.resolution_seconds.mean, (3600.0 + 7200 + 1800) / 3);
}

TEST(Kpi, ResolutionRateIsSolvedOrClosedOverReceived) {
  const auto& f = only_group(run(resolution_set(), week_query()));
  EXPECT_EQ(f.resolved, 3);
  EXPECT_DOUBLE_EQ(*f.resolution_rate, 0.75);
}

TEST(Kpi, FirstContactResolutionNeedsExactlyOneReplyAndNoReopen) {
  const auto& f = only_group(run(resolution_set(), week_query()));
  EXPECT_EQ(f.solved_tickets, 3);
  EXPECT_EQ(f.first_contact_resolved, 1);
  EXPECT_DOUBLE_EQ(*f.first_contact_resolution_rate, 1.0 / 3);
}

TEST(Kpi, ReopenRateCountsSolvedToOpenTransitionsPerSolvedTicket) {
  const auto& f = only_group(run(resolution_set(), week_query()));
  EXPECT_EQ(f.reopens, 1);
  EXPECT_DOUBLE_EQ(*f.reopen_rate, 1.0 / 3);
}

TEST(Kpi, EventsAtOrAfterTheReportEndAreIgnored) {
  KpiQuery q = week_query();
  std::vector<TicketFacts> tickets = {
      History(kT0).reply(q.to).status(Status::Solved, q.to + minutes{1}).build()};
  const auto& f = only_group(run(tickets, q));
  EXPECT_EQ(f.contacts_received, 1);
  EXPECT_EQ(f.contacts_handled, 0);
  EXPECT_EQ(f.resolved, 0);
  EXPECT_EQ(f.backlog, 1);
}

TEST(Kpi, SpamAndMysteryShopperTicketsCountInNoFigure) {
  std::vector<TicketFacts> tickets = {
      History(kT0, testing::with_tags({"spam"})).reply(at(kT0, minutes{1})).build(),
      History(kT0, testing::with_tags({"mystery_shopper", "vip"})).build(),
      History(kT0).reply(at(kT0, minutes{10})).build(),
  };
  tickets[1].csat_grade = 1;
  const auto report = run(tickets, week_query());
  EXPECT_EQ(report.excluded_spam, 1);
  EXPECT_EQ(report.excluded_mystery_shopper, 1);
  const auto& f = only_group(report);
  EXPECT_EQ(f.contacts_received, 1);
  EXPECT_EQ(f.backlog, 1);
  EXPECT_DOUBLE_EQ(*f.first_response_seconds.mean, 600);
  EXPECT_EQ(f.csat_responses, 0);
}

TEST(Kpi, GroupsByAgentWithNumericOrderAndUnassignedLast) {
  auto assigned = [](std::int64_t agent) {
    domain::NewTicket input;
    input.assignee_id = domain::AgentId{agent};
    return input;
  };
  std::vector<TicketFacts> tickets = {
      History(kT0, assigned(10)).build(),
      History(kT0, assigned(9)).build(),
      History(kT0).build(),
      History(kT0, assigned(10)).build(),
  };
  const auto report = run(tickets, week_query(Dimension::Agent));
  ASSERT_EQ(report.groups.size(), 3u);
  EXPECT_EQ(report.groups[0].key, "9");
  EXPECT_EQ(report.groups[0].figures.contacts_received, 1);
  EXPECT_EQ(report.groups[1].key, "10");
  EXPECT_EQ(report.groups[1].figures.contacts_received, 2);
  EXPECT_EQ(report.groups[2].key, "unassigned");
}

TEST(Kpi, GroupsByChannelAndCategoryUseTheirNames) {
  domain::NewTicket chat;
  chat.channel = domain::Channel::Chat;
  chat.category = "billing";
  std::vector<TicketFacts> tickets = {History(kT0, chat).build(), History(kT0).build()};
  const auto by_channel = run(tickets, week_query(Dimension::Channel));
  ASSERT_EQ(by_channel.groups.size(), 2u);
  EXPECT_EQ(by_channel.groups[0].key, "chat");
  EXPECT_EQ(by_channel.groups[1].key, "web");
  const auto by_category = run(tickets, week_query(Dimension::Category));
  ASSERT_EQ(by_category.groups.size(), 2u);
  EXPECT_EQ(by_category.groups[0].key, "billing");
  EXPECT_EQ(by_category.groups[1].key, "uncategorised");
}

TEST(Kpi, DailyGroupsInAmsterdamPutA2330UtcTicketOnTheNextLocalDayAcrossDst) {
  KpiQuery q;
  q.period = Period::Day;
  q.time_zone = "Europe/Amsterdam";
  q.from = parse_rfc3339("2026-03-27T23:00:00Z").value();  // 2026-03-28 00:00 CET
  q.to = parse_rfc3339("2026-03-30T22:00:00Z").value();    // 2026-03-31 00:00 CEST
  auto solved_ticket = [](std::string_view created) {
    const Timestamp t = parse_rfc3339(created).value();
    return History(t).reply(t + minutes{1}).status(Status::Solved, t + minutes{2}).build();
  };
  std::vector<TicketFacts> tickets = {
      solved_ticket("2026-03-28T23:30:00Z"),  // 29th 00:30 CET
      solved_ticket("2026-03-29T21:30:00Z"),  // 29th 23:30 CEST
      solved_ticket("2026-03-29T22:30:00Z"),  // 30th 00:30 CEST
  };
  const auto report = run(tickets, q);
  ASSERT_EQ(report.groups.size(), 2u);
  EXPECT_EQ(report.groups[0].period.label, "2026-03-29");
  EXPECT_EQ(report.groups[0].figures.contacts_received, 2);
  EXPECT_EQ(report.groups[0].period.end - report.groups[0].period.start, hours{23});
  EXPECT_EQ(report.groups[1].period.label, "2026-03-30");
  EXPECT_EQ(report.groups[1].figures.contacts_received, 1);
}

TEST(Kpi, BacklogIsCountedAtEachPeriodEndWithItsAge) {
  KpiQuery q;
  q.period = Period::Day;
  q.from = kMonday;
  q.to = kMonday + days{3};
  std::vector<TicketFacts> tickets = {
      // Created Monday 10:00, solved Wednesday 10:00: open at the end of Monday and Tuesday.
      History(kT0).reply(at(kT0, minutes{5})).status(Status::Solved, kT0 + days{2}).build(),
      // Created the Friday before the report, still open: backlog every day, never received.
      History(kMonday - days{3}).build(),
      // Created and solved before the report: nowhere.
      History(kMonday - days{3}).status(Status::Solved, kMonday - days{2}).build(),
  };
  const auto report = run(tickets, q);
  ASSERT_EQ(report.groups.size(), 3u);
  const auto& monday = report.groups[0].figures;
  EXPECT_EQ(monday.contacts_received, 1);
  EXPECT_EQ(monday.backlog, 2);
  EXPECT_DOUBLE_EQ(*monday.backlog_age_seconds.mean, (14.0 * 3600 + 4 * 86400) / 2);
  const auto& tuesday = report.groups[1].figures;
  EXPECT_EQ(tuesday.contacts_received, 0);
  EXPECT_FALSE(tuesday.resolution_rate.has_value());
  EXPECT_EQ(tuesday.backlog, 2);
  const auto& wednesday = report.groups[2].figures;
  EXPECT_EQ(wednesday.backlog, 1);
  EXPECT_DOUBLE_EQ(*wednesday.backlog_age_seconds.p90, 6.0 * 86400);
}

sla::ClockCycle cycle(sla::SlaTarget target, sla::ClockState state, std::int64_t used,
                      std::int64_t remaining) {
  sla::ClockCycle c;
  c.target = target;
  c.state = state;
  c.business_seconds_used = used;
  c.business_seconds_remaining = remaining;
  return c;
}

TEST(Kpi, SlaComplianceIsMetOverFinishedCyclesAndBreachesAreClassified) {
  using sla::ClockState;
  using sla::SlaTarget;
  domain::NewTicket urgent;
  urgent.priority = domain::Priority::Urgent;
  std::vector<TicketFacts> tickets = {
      History(kT0).build(),                                             // minor: 100 s over 3600
      History(kT0).build(),                                             // major: 2000 s over 3600
      History(kT0, testing::with_category("major_complaint")).build(),  // major: category
      History(kT0, urgent).build(),                                     // major: priority
      History(kT0).build(),                                             // met, and running: ignored
      History(kT0).build(),                                             // no SLA state
  };
  tickets[0].sla = sla::SlaState{};
  tickets[0].sla->cycles = {cycle(SlaTarget::FirstResponse, ClockState::Breached, 3700, -100)};
  tickets[1].sla = sla::SlaState{};
  tickets[1].sla->cycles = {cycle(SlaTarget::FirstResponse, ClockState::Breached, 5600, -2000)};
  tickets[2].sla = sla::SlaState{};
  tickets[2].sla->cycles = {cycle(SlaTarget::FirstResponse, ClockState::Breached, 1900, -100)};
  tickets[3].sla = sla::SlaState{};
  tickets[3].sla->cycles = {cycle(SlaTarget::Resolution, ClockState::Breached, 3601, -1)};
  tickets[4].sla = sla::SlaState{};
  tickets[4].sla->cycles = {cycle(SlaTarget::FirstResponse, ClockState::Met, 60, 3540),
                            cycle(SlaTarget::Resolution, ClockState::Running, 60, 20000)};
  const auto& f = only_group(run(tickets, week_query()));
  const auto& first = f.sla[static_cast<std::size_t>(SlaTarget::FirstResponse)];
  EXPECT_EQ(first.cycles_finished, 4);
  EXPECT_EQ(first.cycles_met, 1);
  EXPECT_DOUBLE_EQ(*first.compliance, 0.25);
  EXPECT_EQ(first.breaches_minor, 1);
  EXPECT_EQ(first.breaches_major, 2);
  const auto& resolution = f.sla[static_cast<std::size_t>(SlaTarget::Resolution)];
  EXPECT_EQ(resolution.cycles_finished, 1);
  EXPECT_EQ(resolution.breaches_major, 1);
  EXPECT_DOUBLE_EQ(*resolution.compliance, 0.0);
  EXPECT_FALSE(f.sla[static_cast<std::size_t>(SlaTarget::NextResponse)].compliance);
}

TEST(Kpi, BreachRulesAreConfigurable) {
  std::vector<TicketFacts> tickets = {History(kT0).build()};
  tickets[0].sla = sla::SlaState{};
  tickets[0].sla->cycles = {cycle(sla::SlaTarget::FirstResponse, sla::ClockState::Breached, 3700, -100)};
  KpiQuery q = week_query();
  q.breach_rules.major_overrun_fraction = 0.02;  // 100 / 3600 = 2.8% > 2%
  EXPECT_EQ(only_group(run(tickets, q)).sla[0].breaches_major, 1);
  q.breach_rules.major_overrun_fraction.reset();
  EXPECT_EQ(only_group(run(tickets, q)).sla[0].breaches_minor, 1);
}

TEST(Kpi, AMajorComplaintAnsweredAfterThirtyMinutesIsLate) {
  const auto complaint = testing::with_category("major_complaint");
  std::vector<TicketFacts> tickets = {
      History(kT0, complaint).reply(at(kT0, minutes{31})).build(),  // late
      History(kT0, complaint).reply(at(kT0, minutes{30})).build(),  // exactly 30: in time
      History(kT0, complaint).build(),                              // unanswered at the end: late
      History(kT0).reply(at(kT0, minutes{90})).build(),             // not a major complaint
  };
  const auto& f = only_group(run(tickets, week_query()));
  EXPECT_EQ(f.major_complaints_late, 2);
}

TEST(Kpi, BusinessTimeFirstResponseSkipsTheWeekendWhileCalendarTimeDoesNot) {
  sla::CalendarDefinition def;
  def.time_zone = "Europe/Amsterdam";
  for (int day = 0; day < 5; ++day) {
    def.weekly[static_cast<std::size_t>(day)] = {sla::LocalInterval{9 * 60, 17 * 60}};
  }
  auto calendar = sla::BusinessCalendar::create(def);
  ASSERT_TRUE(calendar.ok());
  // Friday 2026-11-20 16:30 CET, answered Monday 2026-11-23 09:30 CET.
  const Timestamp created = parse_rfc3339("2026-11-20T15:30:00Z").value();
  const Timestamp replied = parse_rfc3339("2026-11-23T08:30:00Z").value();
  std::vector<TicketFacts> tickets = {History(created).reply(replied).build()};
  KpiQuery q = week_query();
  q.to = kMonday + days{14};
  q.calendar = *calendar;
  const auto& f = only_group(run(tickets, q));
  EXPECT_DOUBLE_EQ(*f.first_response_seconds.mean, 65.0 * 3600);
  ASSERT_TRUE(f.first_response_business_seconds.has_value());
  EXPECT_DOUBLE_EQ(*f.first_response_business_seconds->mean, 3600);
  ASSERT_TRUE(f.resolution_business_seconds.has_value());
  EXPECT_EQ(f.resolution_business_seconds->count, 0);
}

TEST(Kpi, SurveysGiveCsatMeanNotHelpedShareAndNps) {
  std::vector<TicketFacts> tickets;
  for (int i = 0; i < 4; ++i) {
    tickets.push_back(History(kT0).build());
  }
  tickets[0].csat_grade = 8;
  tickets[1].csat_grade = 6;
  tickets[2].csat_grade = 11;  // out of range: ignored
  tickets[0].helped = true;
  tickets[1].helped = false;
  tickets[2].helped = false;
  tickets[0].nps_score = 10;
  tickets[1].nps_score = 9;
  tickets[2].nps_score = 7;
  tickets[3].nps_score = 3;
  const auto& f = only_group(run(tickets, week_query()));
  EXPECT_EQ(f.csat_responses, 2);
  EXPECT_DOUBLE_EQ(*f.csat_mean, 7);
  EXPECT_DOUBLE_EQ(*f.not_helped_share, 2.0 / 3);
  EXPECT_EQ(f.nps_responses, 4);
  EXPECT_DOUBLE_EQ(*f.nps, 25);  // 50% promoters - 25% detractors
}

TEST(Kpi, CustomerEffortIsTheMeanOfAnswersFromOneToFive) {
  std::vector<TicketFacts> tickets;
  for (int i = 0; i < 4; ++i) {
    tickets.push_back(History(kT0).build());
  }
  tickets[0].effort_score = 1;
  tickets[1].effort_score = 4;
  tickets[2].effort_score = 6;  // out of range: ignored
  const auto& f = only_group(run(tickets, week_query()));
  EXPECT_EQ(f.effort_responses, 2);
  EXPECT_DOUBLE_EQ(*f.effort_mean, 2.5);
  std::vector<TicketFacts> none = {History(kT0).build()};
  EXPECT_FALSE(only_group(run(none, week_query())).effort_mean.has_value());
}

TEST(Kpi, CostPerContactSpreadsHandledEffortOverReceivedContacts) {
  std::vector<TicketFacts> tickets = {
      History(kT0).reply(at(kT0, minutes{1})).build(),
      History(kT0).reply(at(kT0, minutes{1})).build(),
      History(kT0).build(),
      History(kT0).build(),
  };
  KpiQuery q = week_query();
  EXPECT_FALSE(only_group(run(tickets, q)).cost_per_contact.has_value());
  q.cost = CostModel{60.0, 6.0};  // 6 minutes at 60 an hour = 6 per handled contact
  EXPECT_DOUBLE_EQ(*only_group(run(tickets, q)).cost_per_contact, 3.0);
}

TEST(Kpi, EmptyInputGivesNoGroupsAndAnEmptyGroupHasNoValues) {
  EXPECT_TRUE(run({}, week_query()).groups.empty());
  const auto& f = only_group(run({History(kT0).build()}, week_query()));
  EXPECT_EQ(f.contacts_received, 1);
  EXPECT_EQ(f.first_response_seconds.count, 0);
  EXPECT_FALSE(f.first_response_seconds.mean.has_value());
  EXPECT_FALSE(f.first_contact_resolution_rate.has_value());
  EXPECT_FALSE(f.reopen_rate.has_value());
  EXPECT_FALSE(f.csat_mean.has_value());
  EXPECT_FALSE(f.nps.has_value());
  EXPECT_DOUBLE_EQ(*f.resolution_rate, 0.0);
}

TEST(Kpi, TicketsOutsideTheRangeCountNowhere) {
  std::vector<TicketFacts> tickets = {History(kMonday + days{7}).build()};
  EXPECT_TRUE(run(tickets, week_query()).groups.empty());
}

TEST(Kpi, BadQueryIsInvalidInput) {
  KpiQuery q = week_query();
  q.period = Period::Day;
  q.time_zone = "Mars/Olympus";
  auto report = compute_kpis({}, q);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::InvalidInput);
  EXPECT_FALSE(parse_dimension("planet").ok());
  EXPECT_EQ(parse_dimension("agent").value(), Dimension::Agent);
}

TEST(Kpi, EveryDefinitionNamesItsExclusionsAndNamesAreUnique) {
  std::set<std::string_view> names;
  for (const auto& d : kpi_definitions()) {
    EXPECT_TRUE(names.insert(d.name).second) << d.name;
    EXPECT_EQ(d.definition.substr(0, d.name.size()), d.name);
    if (d.name.find("business") == std::string_view::npos) {
      EXPECT_NE(d.definition.find("spam and mystery-shopper contacts excluded"), std::string_view::npos)
          << d.name;
    }
  }
  EXPECT_EQ(names.size(), 25u);
}

}  // namespace
}  // namespace sp::reporting

// Required agents, shrinkage, chat and backlog approximations.
#include <gtest/gtest.h>

#include <cmath>

#include "workforce/staffing.hpp"

namespace sp::workforce {
namespace {

StaffingTargets service_level_target(double share, double seconds) {
  StaffingTargets targets;
  targets.service_level = share;
  targets.target_seconds = seconds;
  return targets;
}

TEST(RequiredAgentsErlangC, MatchesTextbookExample) {
  // 100 calls per 30 minutes, AHT 180 s (10 Erlangs), 80% within 20 s: 13 agents give 79.6%,
  // so 14 are required (88.8%); with 30% shrinkage 20 must be scheduled (14 / 0.7).
  auto result = required_agents_erlang_c(200, 180, service_level_target(0.8, 20));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->agents_required, 14);
  EXPECT_NEAR(result->metrics.service_level(), 0.8884, 5e-5);
  EXPECT_EQ(*scheduled_agents(result->agents_required, 0.3), 20);
}

TEST(RequiredAgentsErlangC, IsTheSmallestQualifyingNumberForEachTargetKind) {
  struct Case {
    double rate_per_hour;
    double aht_seconds;
    StaffingTargets targets;
  };
  StaffingTargets asa;
  asa.max_asa_seconds = 15;
  StaffingTargets occupancy;
  occupancy.max_occupancy = 0.85;
  StaffingTargets combined = service_level_target(0.9, 30);
  combined.max_occupancy = 0.7;
  for (const Case& c :
       {Case{200, 180, service_level_target(0.8, 20)}, Case{3600, 240, asa}, Case{12, 600, occupancy},
        Case{500, 300, combined}, Case{50000, 200, service_level_target(0.95, 10)}, Case{1, 180, asa}}) {
    auto result = required_agents_erlang_c(c.rate_per_hour, c.aht_seconds, c.targets);
    ASSERT_TRUE(result.ok()) << result.error().message;
    const int n = result->agents_required;
    EXPECT_TRUE(
        c.targets.met_by(*erlang_c_metrics(c.rate_per_hour, c.aht_seconds, n, c.targets.target_seconds)));
    if (n == 1) {
      continue;
    }
    auto one_less = erlang_c_metrics(c.rate_per_hour, c.aht_seconds, n - 1, c.targets.target_seconds);
    if (one_less.ok()) {
      EXPECT_FALSE(c.targets.met_by(*one_less)) << "N-1 = " << n - 1 << " also qualifies";
    } else {
      EXPECT_EQ(one_less.error().kind, kUnstableQueue);
    }
  }
}

TEST(RequiredAgentsErlangC, NoArrivalsNeedNoAgents) {
  auto result = required_agents_erlang_c(0, 180, service_level_target(0.8, 20));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->agents_required, 0);
  EXPECT_EQ(result->metrics.service_level(), 1.0);
}

TEST(RequiredAgentsErlangC, ReportsUnreachableTargets) {
  StaffingTargets tiny_occupancy;
  tiny_occupancy.max_occupancy = 0.01;  // 5,000 Erlangs at 1% occupancy: 500,000 agents
  EXPECT_EQ(required_agents_erlang_c(100000, 180, tiny_occupancy).error().kind, kUnreachableTarget);
  EXPECT_EQ(required_agents_erlang_c(200, 180, service_level_target(1.0, 20)).error().kind,
            kUnreachableTarget);
  StaffingTargets zero_asa;
  zero_asa.max_asa_seconds = 0;
  EXPECT_EQ(required_agents_erlang_c(200, 180, zero_asa).error().kind, kUnreachableTarget);
}

TEST(RequiredAgentsErlangC, RejectsBadRequests) {
  EXPECT_EQ(required_agents_erlang_c(200, 180, StaffingTargets{}).error().kind, kInvalidRequest);
  StaffingTargets abandon;
  abandon.max_abandon = 0.05;
  auto no_abandonment = required_agents_erlang_c(200, 180, abandon);
  EXPECT_EQ(no_abandonment.error().kind, kInvalidRequest);
  EXPECT_EQ(no_abandonment.error().field, "max_abandon");
  EXPECT_EQ(required_agents_erlang_c(200, 180, service_level_target(1.2, 20)).error().field,
            "target_service_level");
  EXPECT_EQ(required_agents_erlang_c(200, -1, service_level_target(0.8, 20)).error().field, "aht_seconds");
}

TEST(RequiredAgentsErlangA, EqualsBruteForceSearchFromOneAgent) {
  // The search skips only provably failing N; compare with evaluating every N from 1.
  struct Case {
    double rate, aht, patience;
    StaffingTargets targets;
  };
  StaffingTargets abandon;
  abandon.max_abandon = 0.03;
  StaffingTargets asa;
  asa.max_asa_seconds = 10;
  StaffingTargets answered = service_level_target(0.9, 20);
  answered.convention = ServiceLevelConvention::AnsweredWithinOverAnswered;
  StaffingTargets short_abandons = service_level_target(0.85, 30);
  short_abandons.convention = ServiceLevelConvention::AnsweredWithinOverOfferedMinusShortAbandons;
  StaffingTargets with_abandons = service_level_target(0.85, 30);
  with_abandons.convention = ServiceLevelConvention::AnsweredOrAbandonedWithinOverOffered;
  StaffingTargets combined = service_level_target(0.8, 20);
  combined.max_abandon = 0.02;
  combined.max_occupancy = 0.9;
  for (const Case& c :
       {Case{200, 180, 120, service_level_target(0.8, 20)},
        Case{200, 180, 120, service_level_target(0.3, 20)}, Case{1200, 300, 60, abandon},
        Case{90, 400, 200, asa}, Case{200, 180, 30, answered}, Case{600, 240, 90, short_abandons},
        Case{600, 240, 90, with_abandons}, Case{2000, 180, 300, combined}}) {
    auto result = required_agents_erlang_a(c.rate, c.aht, c.patience, c.targets);
    ASSERT_TRUE(result.ok()) << result.error().message;
    int brute_force = 0;
    for (int n = 1; n < 10000; ++n) {
      if (c.targets.met_by(*erlang_a_metrics(c.rate, c.aht, c.patience, n, c.targets.target_seconds))) {
        brute_force = n;
        break;
      }
    }
    EXPECT_EQ(result->agents_required, brute_force) << c.rate << " " << c.aht << " " << c.patience;
    EXPECT_EQ(result->metrics.agents, brute_force);
  }
}

TEST(RequiredAgentsErlangA, CanNeedFewerAgentsThanErlangs) {
  // Issue 5: with impatient callers a target stated over offered contacts can be met below
  // the offered load (here 30% within 20 s at 10 Erlangs), at the price of abandonment.
  auto result = required_agents_erlang_a(200, 180, 120, service_level_target(0.3, 20));
  ASSERT_TRUE(result.ok());
  EXPECT_LT(result->agents_required, 10);
  EXPECT_GT(result->metrics.p_abandon, 0.1);
}

TEST(RequiredAgentsErlangA, NeedsNoMoreThanErlangCForTheSameTarget) {
  // Abandonment removes work from the queue, so M/M/N+M needs at most as many agents as
  // M/M/N for the same service level (abandons count as failures).
  for (double rate : {50.0, 200.0, 1000.0, 5000.0}) {
    const auto targets = service_level_target(0.8, 20);
    const int erlang_a = required_agents_erlang_a(rate, 240, 180, targets)->agents_required;
    const int erlang_c = required_agents_erlang_c(rate, 240, targets)->agents_required;
    EXPECT_LE(erlang_a, erlang_c) << rate;
  }
}

TEST(RequiredAgentsErlangA, ReportsUnreachableAndInvalidTargets) {
  StaffingTargets zero_abandon;
  zero_abandon.max_abandon = 0;
  EXPECT_EQ(required_agents_erlang_a(200, 180, 60, zero_abandon).error().kind, kUnreachableTarget);
  StaffingTargets tiny_occupancy;
  tiny_occupancy.max_occupancy = 1e-6;
  EXPECT_EQ(required_agents_erlang_a(200, 180, 60, tiny_occupancy).error().kind, kUnreachableTarget);
  EXPECT_EQ(required_agents_erlang_a(200, 180, 0, service_level_target(0.8, 20)).error().field,
            "patience_seconds");
  auto none = required_agents_erlang_a(0, 180, 60, service_level_target(0.8, 20));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->agents_required, 0);
}

TEST(ScheduledAgents, RoundsUpAfterShrinkageWithoutFloatingPointSurprises) {
  struct Case {
    int required;
    double shrinkage;
    int scheduled;
  };
  for (const Case& c : {Case{14, 0.3, 20}, Case{14, 0.0, 14}, Case{10, 0.35, 16}, Case{7, 0.3, 10},
                        Case{0, 0.5, 0}, Case{1, 0.01, 2}, Case{100, 0.2, 125}}) {
    EXPECT_EQ(*scheduled_agents(c.required, c.shrinkage), c.scheduled) << c.required << " " << c.shrinkage;
  }
  EXPECT_EQ(scheduled_agents(10, 1.0).error().field, "shrinkage");
  EXPECT_EQ(scheduled_agents(10, -0.1).error().kind, kInvalidRequest);
  EXPECT_EQ(scheduled_agents(90000, 0.5).error().kind, kUnreachableTarget);
}

TEST(ChatStaffing, ProvidesWholeAgentsOfConcurrentSlots) {
  // 300 chats per hour of 600 s each (50 Erlangs of chat), 3 chats per agent.
  const auto targets = service_level_target(0.8, 60);
  auto chat = required_agents_chat(300, 600, 3, std::nullopt, targets);
  ASSERT_TRUE(chat.ok());
  const int slots = required_agents_erlang_c(300, 600, targets)->agents_required;
  EXPECT_EQ(chat->slots_required, slots);
  EXPECT_EQ(chat->agents_required, (slots + 2) / 3);
  EXPECT_EQ(chat->metrics.agents, chat->agents_required * 3);
  EXPECT_GE(chat->metrics.service_level(), 0.8);
  // Concurrency 1 is plain Erlang C.
  EXPECT_EQ(required_agents_chat(300, 600, 1, std::nullopt, targets)->agents_required, slots);
  EXPECT_EQ(required_agents_chat(300, 600, 0, std::nullopt, targets).error().field, "concurrency");
  // With patience the slots are Erlang A servers.
  auto impatient = required_agents_chat(300, 600, 2, 120.0, targets);
  ASSERT_TRUE(impatient.ok());
  EXPECT_GT(impatient->metrics.p_abandon, 0.0);
}

TEST(BacklogStaffing, CoversArrivingWorkAndClearsTheBacklogWithinTheTarget) {
  // 120 e-mails/h of 300 s = 10 busy agents; 200 waiting e-mails due within 4 h add
  // 200 * 300 / 14400 = 4.17; at 85% occupancy: ceil(14.17 / 0.85) = ceil(16.67) = 17.
  BacklogWork work{120, 300, 4 * 3600, 200, 0.85};
  EXPECT_EQ(*required_agents_backlog(work), 17);
  work.backlog_contacts = 0;
  work.max_occupancy = 1.0;
  EXPECT_EQ(*required_agents_backlog(work), 10);
  work.response_target_seconds = 60;
  EXPECT_EQ(required_agents_backlog(work).error().field, "response_target_seconds");
  work.response_target_seconds = 3600;
  work.max_occupancy = 0;
  EXPECT_EQ(required_agents_backlog(work).error().field, "max_occupancy");
}

}  // namespace
}  // namespace sp::workforce

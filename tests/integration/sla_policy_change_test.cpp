// Policy-change modes through the real API and storage (issue 16 section 3): a dry run lists
// exactly the due times that would move and changes nothing; retroactive, prospective and
// keep_promised changes on a running cycle and on one that starts later; prospective budgets
// survive a restart; notices stay exactly-once across changes; an unknown mode is a 422.
#include <gtest/gtest.h>

#include "sla_world.hpp"
#include "support/temp_dir.hpp"
#include "test_server.hpp"

namespace sp::testing {
namespace {

using std::chrono::minutes;

struct PolicyChangeWorld : SlaWorld {
  using SlaWorld::SlaWorld;

  std::string policy_path() { return "/api/v1/sla/policies/" + std::to_string(policy_id); }
  // PUTs the policy with `targets` replaced, with `query` ("change_mode=...&dry_run=...").
  ClientResponse change(const json& targets, const std::string& query) {
    auto policy = body_of(admin.get(policy_path()));
    policy["targets"] = targets;
    return admin.request("PUT", policy_path() + (query.empty() ? "" : "?" + query), policy.dump());
  }
  json due_of(std::int64_t id, const std::string& target) { return clock_of(id, target)["due_at"]; }
};

TEST(SlaPolicyChange, DryRunListsExactlyTheDueTimesThatWouldMoveAndChangesNothing) {
  PolicyChangeWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}, {"resolution_minutes", 240}});
  auto waiting = w.ticket();  // 08:00, first response due 09:00
  w.server.clock().advance(minutes(10));
  auto answered = w.ticket();
  w.say(answered, "outbound", "On it.");  // first response met: only resolution runs
  auto solved = w.ticket();
  w.say(solved, "outbound", "Done.");
  ASSERT_EQ(w.admin.request("PATCH", w.path(solved), R"({"status":"solved"})").status, 200);

  const json shorter = {{"first_response_minutes", 30}, {"resolution_minutes", 240}};
  auto dry = w.change(shorter, "dry_run=true");
  ASSERT_EQ(dry.status, 200) << dry.body;
  auto answer = body_of(dry);
  EXPECT_EQ(answer["change_mode"], "retroactive");
  ASSERT_EQ(answer["items"].size(), 1u) << dry.body;
  const auto& move = answer["items"][0];
  EXPECT_EQ(move["ticket_id"], waiting);
  EXPECT_EQ(move["reference"], "T-" + std::to_string(waiting));
  EXPECT_EQ(move["target"], "first_response");
  EXPECT_EQ(move["cycle"], 1);
  EXPECT_EQ(move["old_due_at"], "2026-11-23T09:00:00Z");
  EXPECT_EQ(move["new_due_at"], "2026-11-23T08:30:00Z");
  EXPECT_EQ(move["delta_seconds"], -1800);
  EXPECT_TRUE(answer["next_cursor"].is_null());

  // Nothing changed: neither the policy nor the ticket's clock.
  EXPECT_EQ(body_of(w.admin.get(w.policy_path()))["targets"]["first_response_minutes"], 60);
  EXPECT_EQ(w.due_of(waiting, "first_response"), "2026-11-23T09:00:00Z");

  // Paged over the open tickets: one per page, the cursor leads to the next.
  auto first_page = body_of(w.change(shorter, "dry_run=true&limit=1"));
  ASSERT_EQ(first_page["items"].size(), 1u);
  ASSERT_EQ(first_page["next_cursor"], std::to_string(waiting));
  auto second_page = body_of(w.change(shorter, "dry_run=true&limit=1&cursor=" + std::to_string(waiting)));
  EXPECT_TRUE(second_page["items"].empty());  // the answered ticket does not move
  ASSERT_EQ(second_page["next_cursor"], std::to_string(answered));
  auto last_page = body_of(w.change(shorter, "dry_run=true&limit=1&cursor=" + std::to_string(answered)));
  EXPECT_TRUE(last_page["items"].empty());  // the solved ticket is not examined
  EXPECT_TRUE(last_page["next_cursor"].is_null());

  // A keep_promised dry run of a longer target moves nothing that runs.
  auto longer = body_of(w.change({{"first_response_minutes", 120}, {"resolution_minutes", 240}},
                                 "dry_run=true&change_mode=keep_promised"));
  EXPECT_EQ(longer["change_mode"], "keep_promised");
  EXPECT_TRUE(longer["items"].empty()) << longer.dump();
}

TEST(SlaPolicyChange, RetroactiveMovesTheRunningCycleLater) {
  PolicyChangeWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
  auto id = w.ticket();
  w.server.clock().advance(minutes(10));
  ASSERT_EQ(w.change({{"first_response_minutes", 120}}, "change_mode=retroactive").status, 200);
  EXPECT_EQ(w.due_of(id, "first_response"), "2026-11-23T10:00:00Z");
  EXPECT_EQ(w.due_of(w.ticket(), "first_response"), "2026-11-23T10:10:00Z");
}

TEST(SlaPolicyChange, ProspectiveKeepsTheRunningCycleAndGivesLaterCyclesTheNewTargets) {
  PolicyChangeWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}, {"next_response_minutes", 30}});
  auto id = w.ticket();  // 08:00
  w.server.clock().advance(minutes(10));
  auto changed =
      w.change({{"first_response_minutes", 120}, {"next_response_minutes", 60}}, "change_mode=prospective");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(body_of(changed)["targets"]["first_response_minutes"], 120);
  EXPECT_EQ(w.due_of(id, "first_response"), "2026-11-23T09:00:00Z");  // kept its 60 minutes
  EXPECT_EQ(w.due_of(w.ticket(), "first_response"), "2026-11-23T10:10:00Z");

  // The first next-response cycle starts after the change: it gets the new 60 minutes.
  w.say(id, "outbound", "Looking.");
  w.server.clock().advance(minutes(10));
  w.say(id, "inbound", "Thanks, and?");  // 08:20
  EXPECT_EQ(w.due_of(id, "next_response"), "2026-11-23T09:20:00Z");
}

TEST(SlaPolicyChange, ProspectiveBudgetsSurviveARestart) {
  TempDir dir("sp-sla-change-restart");
  const auto kept = dir.path();
  std::int64_t id = 0;
  {
    PolicyChangeWorld w(kept, kMonday9);
    w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
    id = w.ticket();
    w.server.clock().advance(minutes(10));
    ASSERT_EQ(w.change({{"first_response_minutes", 240}}, "change_mode=prospective").status, 200);
  }
  PolicyChangeWorld restarted(kept, kMonday9 + minutes(20));
  restarted.admin = restarted.server.agent_client(domain::TenantId{1}, Role::Admin, "again@acme.test");
  ASSERT_TRUE(restarted.server.sla().recompute_all().ok());
  EXPECT_EQ(restarted.due_of(id, "first_response"), "2026-11-23T09:00:00Z");
}

TEST(SlaPolicyChange, KeepPromisedNeverMovesADueTimeLaterButMayMoveItEarlier) {
  PolicyChangeWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
  auto early = w.ticket();  // 08:00, due 09:00
  w.server.clock().advance(minutes(10));
  ASSERT_EQ(w.change({{"first_response_minutes", 120}}, "change_mode=keep_promised").status, 200);
  EXPECT_EQ(w.due_of(early, "first_response"), "2026-11-23T09:00:00Z");  // promised 09:00
  auto later = w.ticket();                                               // 08:10 under 120 minutes
  EXPECT_EQ(w.due_of(later, "first_response"), "2026-11-23T10:10:00Z");

  ASSERT_EQ(w.change({{"first_response_minutes", 30}}, "change_mode=keep_promised").status, 200);
  EXPECT_EQ(w.due_of(early, "first_response"), "2026-11-23T08:30:00Z");  // earlier is allowed
  EXPECT_EQ(w.due_of(later, "first_response"), "2026-11-23T08:40:00Z");
}

TEST(SlaPolicyChange, NoticesStayExactlyOnceAcrossPolicyChanges) {
  PolicyChangeWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
  auto id = w.ticket();
  w.server.clock().advance(minutes(46));
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  ASSERT_EQ(w.events_of_type(id, "sla_at_risk", "first_response"), 1);

  // Each change recomputes the cycle that already sent its at-risk notice: never a second.
  ASSERT_EQ(w.change({{"first_response_minutes", 50}}, "change_mode=prospective").status, 200);
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  ASSERT_EQ(w.change({{"first_response_minutes", 55}}, "change_mode=keep_promised").status, 200);
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  ASSERT_EQ(w.change({{"first_response_minutes", 52}}, "").status, 200);
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  EXPECT_EQ(w.events_of_type(id, "sla_at_risk", "first_response"), 1);
  EXPECT_EQ(w.due_of(id, "first_response"), "2026-11-23T08:52:00Z");

  w.server.clock().advance(minutes(10));
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  ASSERT_EQ(w.change({{"first_response_minutes", 51}}, "change_mode=keep_promised").status, 200);
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  EXPECT_EQ(w.events_of_type(id, "sla_breached", "first_response"), 1);
  EXPECT_EQ(w.events_of_type(id, "sla_at_risk", "first_response"), 1);
}

TEST(SlaPolicyChange, AnUnknownChangeModeIsAProblemNamingTheParameter) {
  PolicyChangeWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
  auto refused = w.change({{"first_response_minutes", 30}}, "change_mode=sideways");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.header("content-type"), "application/problem+json");
  EXPECT_EQ(body_of(refused)["type"], "/problems/invalid-field");
  EXPECT_EQ(body_of(refused)["field"], "change_mode");
  auto dry = w.change({{"first_response_minutes", 30}}, "dry_run=maybe");
  EXPECT_EQ(dry.status, 422);
  EXPECT_EQ(body_of(dry)["field"], "dry_run");
  // Neither attempt changed the policy.
  EXPECT_EQ(body_of(w.admin.get(w.policy_path()))["targets"]["first_response_minutes"], 60);
}

}  // namespace
}  // namespace sp::testing

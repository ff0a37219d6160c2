// Clock scenarios taken from the peers' own SLA tests, replayed through `calc sla` with their
// preset. Request Tracker's (t/sla/due.t and
// t/sla/ignore-on-statuses.t in bestpractical/rt), replayed through `calc sla` with the `rt`
// preset: a team importing from RT must see the due times RT showed. RT's "Due" is the
// earliest deadline still owed, so each step compares the earliest running cycle's due time.
// RealMinutes are wall-clock minutes: the calendar here is open around the clock.
// RT's "stalled" is our "pending".
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sla/calc_sla.hpp"

namespace sp::sla {
namespace {

using nlohmann::json;

json always_open() {
  json weekly = json::object();
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
    weekly[day] = json::array({json::array({"00:00", "24:00"})});
  }
  return {{"timezone", "UTC"}, {"weekly", weekly}};
}

json rt_level(json targets, json extra = json::object()) {
  json policy = {{"name", "2"}, {"preset", "rt"}, {"targets", std::move(targets)}};
  policy.update(extra);
  return policy;
}

// "2026-11-23T09:MMZ" style times: minutes after the ticket was created at 09:00.
std::string at(int minutes) {
  const int h = 9 + minutes / 60;
  const int m = minutes % 60;
  char text[32];
  std::snprintf(text, sizeof text, "2026-11-23T%02d:%02d:00Z", h, m);
  return text;
}

class RtTicket {
 public:
  explicit RtTicket(json policy) : policy_(std::move(policy)) {
    events_.push_back({{"at", at(0)}, {"type", "created"}, {"status", "new"}});
  }
  void requestor_writes(int minute) { message(minute, "inbound"); }
  void staff_replies(int minute) { message(minute, "outbound"); }
  void set_status(int minute, const std::string& to) {
    events_.push_back({{"at", at(minute)}, {"type", "status"}, {"to", to}});
  }
  void change_level(int minute, json policy) {
    events_.push_back({{"at", at(minute)}, {"type", "policy"}, {"policy", std::move(policy)}});
  }

  // The earliest due time of a running cycle as of `minute`, as RT's Due field shows it.
  std::optional<std::string> due(int minute) const {
    const json request = {
        {"calendar", always_open()}, {"policy", policy_}, {"events", events_}, {"at", at(minute)}};
    const json answer = json::parse(calc_sla_line(request.dump()));
    EXPECT_TRUE(answer.contains("cycles")) << answer.dump();
    std::optional<std::string> earliest;
    for (const auto& cycle : answer.value("cycles", json::array())) {
      if (cycle["state"] != "running" || !cycle["due_at"].is_string()) continue;
      const auto due_at = cycle["due_at"].get<std::string>();
      if (!earliest || due_at < *earliest) earliest = due_at;
    }
    return earliest;
  }

 private:
  void message(int minute, const char* direction) {
    events_.push_back({{"at", at(minute)}, {"type", "message"}, {"direction", direction}});
  }
  json policy_;
  json events_ = json::array();
};

const json kResponse2h = {{"first_response_minutes", 120}, {"next_response_minutes", 120}};

// due.t: "check change of Due date when SLA for a ticket is changed".
TEST(RtScenarios, ChangingTheLevelFromTwoToFourHoursMovesResolveDueTwoHoursLater) {
  RtTicket ticket(rt_level({{"resolution_minutes", 120}}));
  const auto before = ticket.due(1);
  ASSERT_TRUE(before);
  EXPECT_EQ(*before, at(120));
  ticket.change_level(1, rt_level({{"resolution_minutes", 240}}));
  EXPECT_EQ(ticket.due(1), at(240));
}

// due.t: "check that reply to requestors unset due date".
TEST(RtScenarios, AStaffReplyClearsTheResponseDueAndTheFirstUnansweredRequestorMailSetsItAgain) {
  RtTicket ticket(rt_level(kResponse2h));
  EXPECT_EQ(ticket.due(0), at(120));
  ticket.staff_replies(10);
  EXPECT_EQ(ticket.due(10), std::nullopt);
  ticket.staff_replies(20);
  EXPECT_EQ(ticket.due(20), std::nullopt);
  ticket.requestor_writes(30);
  EXPECT_EQ(ticket.due(30), at(150));
  ticket.requestor_writes(40);  // "HEY! Were is my answer?": the due stays where it was
  EXPECT_EQ(ticket.due(40), at(150));
}

// due.t: "check that reply to requestors dont unset due date with KeepInLoop".
TEST(RtScenarios, KeepInLoopRunsFromEachStaffReplyAndAnUnansweredRequestorBringsTheResponseDueForward) {
  json targets = kResponse2h;
  targets["periodic_update_minutes"] = 240;
  RtTicket ticket(rt_level(targets));
  EXPECT_EQ(ticket.due(0), at(120));
  ticket.staff_replies(10);
  EXPECT_EQ(ticket.due(10), at(250));  // "keep in loop is 4hours when response is 2hours"
  ticket.staff_replies(20);
  EXPECT_EQ(ticket.due(20), at(260));  // "keep in loop slightly moved"
  ticket.requestor_writes(30);
  EXPECT_EQ(ticket.due(30), at(150));  // "response deadline is 2 hours earlier"
  ticket.requestor_writes(40);
  EXPECT_EQ(ticket.due(40), at(150));  // "due is unchanged"
}

// due.t: "check that replies dont affect resolve deadlines".
TEST(RtScenarios, RepliesDoNotMoveTheResolveDeadline) {
  RtTicket ticket(rt_level({{"resolution_minutes", 120}}));
  EXPECT_EQ(ticket.due(0), at(120));
  ticket.staff_replies(10);
  EXPECT_EQ(ticket.due(10), at(120));
  ticket.requestor_writes(20);
  EXPECT_EQ(ticket.due(20), at(120));
}

// ignore-on-statuses.t: KeepInLoop with IgnoreOnStatuses => ['stalled'].
TEST(RtScenarios, KeepInLoopStartsWithTheFirstStaffReplyAndIsSuspendedWhileStalled) {
  RtTicket ticket(rt_level({{"periodic_update_minutes", 240}}));
  EXPECT_EQ(ticket.due(0), std::nullopt);  // "no response deadline"
  ticket.staff_replies(10);
  EXPECT_EQ(ticket.due(10), at(250));
  ticket.set_status(15, "pending");
  EXPECT_EQ(ticket.due(15), std::nullopt);  // "keep in loop deadline ignored for stalled"
  ticket.staff_replies(20);
  ticket.set_status(20, "open");
  const auto moved = ticket.due(20);
  ASSERT_TRUE(moved);
  EXPECT_GT(*moved, at(250));  // "keep in loop slightly moved"
}

// ignore-on-statuses.t: "Check that failing to reply to the requestors is not ignored".
TEST(RtScenarios, StallingDoesNotSuspendAnUnansweredResponseButDoesSuspendKeepInLoop) {
  json targets = kResponse2h;
  targets["periodic_update_minutes"] = 240;
  RtTicket ticket(rt_level(targets));
  EXPECT_EQ(ticket.due(0), at(120));
  ticket.set_status(5, "pending");
  EXPECT_EQ(ticket.due(5), at(120));  // "response deadline not unset", "due not changed"
  ticket.staff_replies(10);
  ticket.set_status(10, "open");
  const auto keep_in_loop = ticket.due(10);
  ASSERT_TRUE(keep_in_loop);
  EXPECT_GT(*keep_in_loop, at(120));  // "keep in loop is greater than response"
  ticket.set_status(20, "pending");
  EXPECT_EQ(ticket.due(20), std::nullopt);  // "keep in loop deadline unset for stalled"
}

// ignore-on-statuses.t: Response with IgnoreOnStatuses and ExcludeTimeOnIgnoredStatuses: the
// time spent stalled is added to the deadline. (Without ExcludeTime RT only hides the
// deadline while stalled and shows the same one after; a pause is our only way to ignore a
// status, so that variant is not expressible and not replayed.)
TEST(RtScenarios, ExcludingTimeOnAnIgnoredStatusMovesTheResponseDueByTheTimeStalled) {
  RtTicket ticket(rt_level(kResponse2h, {{"pause_on", {{"first_response", {"pending"}}}}}));
  EXPECT_EQ(ticket.due(0), at(120));
  ticket.set_status(30, "pending");
  EXPECT_EQ(ticket.due(30), std::nullopt);  // "deadline ignored for stalled"
  ticket.set_status(40, "open");
  EXPECT_EQ(ticket.due(40), at(130));  // moved by the 10 minutes stalled
}

// Zammad's spec/models/ticket/escalation_examples.rb, "with standard incoming email with
// active SLA": Mon-Fri 08:00-18:00, first response 60, update 120, solution 180 minutes;
// an inbound mail at 09:30 UTC. Zammad's (legacy) update time answers each customer message,
// the first included: our next response under the zammad preset. The spec sets the contact
// times directly; here they are the messages that set them.
TEST(ZammadScenarios, StandardIncomingMailGetsTheDueTimesZammadShows) {
  json calendar = {{"timezone", "Europe/Berlin"}, {"weekly", json::object()}};
  for (const char* day : {"mon", "tue", "wed", "thu", "fri"}) {
    calendar["weekly"][day] = json::array({json::array({"08:00", "18:00"})});
  }
  const json policy = {
      {"name", "sla"},
      {"preset", "zammad"},
      {"targets",
       {{"first_response_minutes", 60}, {"next_response_minutes", 120}, {"resolution_minutes", 180}}}};
  json events =
      json::array({{{"at", "2013-03-21T09:30:00Z"}, {"type", "created"}, {"status", "new"}},
                   {{"at", "2013-03-21T09:30:00Z"}, {"type", "message"}, {"direction", "inbound"}}});
  auto cycles = [&](const std::string& when) {
    const json request = {{"calendar", calendar}, {"policy", policy}, {"events", events}, {"at", when}};
    const json answer = json::parse(calc_sla_line(request.dump()));
    EXPECT_TRUE(answer.contains("cycles")) << answer.dump();
    std::map<std::string, json> last;  // the latest cycle of each target
    for (const auto& cycle : answer.value("cycles", json::array())) last[cycle["target"]] = cycle;
    return last;
  };
  auto initial = cycles("2013-03-21T09:40:00Z");
  EXPECT_EQ(initial["first_response"]["due_at"], "2013-03-21T10:30:00Z");
  EXPECT_EQ(initial["next_response"]["due_at"], "2013-03-21T11:30:00Z");  // update_escalation_at
  EXPECT_EQ(initial["resolution"]["due_at"], "2013-03-21T12:30:00Z");     // close_escalation_at

  events.push_back({{"at", "2013-03-21T11:00:00Z"}, {"type", "message"}, {"direction", "outbound"}});
  auto answered = cycles("2013-03-21T11:00:00Z");
  EXPECT_EQ(answered["next_response"]["state"], "met");  // update_in_min 90, diff 30
  EXPECT_EQ(answered["next_response"]["business_seconds_used"], 90 * 60);
  EXPECT_EQ(answered["first_response"]["state"], "breached");  // due 10:30

  events.push_back({{"at", "2013-03-21T12:05:00Z"}, {"type", "message"}, {"direction", "inbound"}});
  EXPECT_EQ(cycles("2013-03-21T12:05:00Z")["next_response"]["due_at"], "2013-03-21T14:05:00Z");

  events.push_back({{"at", "2013-03-21T12:10:00Z"}, {"type", "message"}, {"direction", "outbound"}});
  EXPECT_EQ(cycles("2013-03-21T12:10:00Z")["next_response"]["state"], "met");  // update_escalation_at nil

  events.push_back({{"at", "2013-03-21T13:00:00Z"}, {"type", "status"}, {"to", "solved"}});
  auto closed = cycles("2013-03-21T13:30:00Z");
  EXPECT_EQ(closed["resolution"]["state"], "breached");  // close_in_min 210, close_diff_in_min -30
  EXPECT_EQ(closed["resolution"]["business_seconds_used"], 210 * 60);
  EXPECT_EQ(closed["resolution"]["met_at"], "2013-03-21T13:00:00Z");
}

}  // namespace
}  // namespace sp::sla

// SLA policies: condition matching, selection order, and the JSON form with its validation.
#include "sla/policy.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sla/policy_json.hpp"

namespace sp::sla {
namespace {

using domain::Channel;
using domain::Priority;
using domain::Status;
using nlohmann::json;

// The example of the issue, verbatim.
constexpr std::string_view kMajorComplaints = R"({
  "name": "Major complaints", "position": 1,
  "conditions": {"channels": ["email"], "priorities": ["urgent"],
                 "categories": ["major_complaint"], "tags_any": ["vip"]},
  "calendar_id": 3,
  "targets": {"first_response_minutes": 30, "next_response_minutes": 60,
              "periodic_update_minutes": 240, "resolution_minutes": 2880},
  "pause_resolution_on": ["pending"], "at_risk_fraction": 0.75,
  "escalation": [{"target": "first_response", "at": 0.75, "action": "notify_assignee"},
                 {"target": "first_response", "at": 1.0, "action": "raise_priority"},
                 {"target": "resolution", "at": 1.5, "action": "reassign_team", "team_id": 4}]
})";

constexpr std::string_view kMinimal =
    R"({"name":"Standard","calendar_id":1,"targets":{"resolution_minutes":480}})";

domain::Ticket ticket(Channel channel, Priority priority, std::string category, std::vector<std::string> tags,
                      std::int64_t tenant = 1) {
  domain::Ticket t;
  t.tenant_id = domain::TenantId{tenant};
  t.channel = channel;
  t.priority = priority;
  t.category = std::move(category);
  t.tags = std::move(tags);
  return t;
}

SlaPolicy policy(std::int64_t id, int position, PolicyConditions conditions = {}, std::int64_t tenant = 1) {
  SlaPolicy p;
  p.id = id;
  p.tenant_id = domain::TenantId{tenant};
  p.name = "policy " + std::to_string(id);
  p.position = position;
  p.conditions = std::move(conditions);
  p.calendar_id = 1;
  p.resolution_minutes = 480;
  return p;
}

TEST(SlaPolicyNames, TargetAndActionNamesRoundTrip) {
  for (SlaTarget target : {SlaTarget::FirstResponse, SlaTarget::NextResponse, SlaTarget::PeriodicUpdate,
                           SlaTarget::Resolution}) {
    auto parsed = parse_sla_target(to_string(target));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, target);
  }
  EXPECT_EQ(to_string(SlaTarget::PeriodicUpdate), "periodic_update");
  EXPECT_FALSE(parse_sla_target("reply").ok());
  EXPECT_EQ(to_string(EscalationStep::Action::NotifyTeamLead), "notify_team_lead");
  auto action = parse_escalation_action("reassign_team");
  ASSERT_TRUE(action.ok());
  EXPECT_EQ(*action, EscalationStep::Action::ReassignTeam);
  EXPECT_FALSE(parse_escalation_action("panic").ok());
}

TEST(SlaPolicyMatching, EmptyConditionsMatchEveryTicket) {
  EXPECT_TRUE(matches({}, ticket(Channel::Chat, Priority::Low, "", {})));
  EXPECT_TRUE(matches({}, ticket(Channel::Email, Priority::Urgent, "billing", {"vip"})));
}

TEST(SlaPolicyMatching, EveryNonEmptyListMustMatchAndAnyEntryOfAListWill) {
  PolicyConditions conditions;
  conditions.channels = {Channel::Email, Channel::Web};
  conditions.priorities = {Priority::Urgent};
  conditions.categories = {"major_complaint"};
  EXPECT_TRUE(matches(conditions, ticket(Channel::Web, Priority::Urgent, "major_complaint", {})));
  EXPECT_TRUE(matches(conditions, ticket(Channel::Email, Priority::Urgent, "major_complaint", {})));
  EXPECT_FALSE(matches(conditions, ticket(Channel::Chat, Priority::Urgent, "major_complaint", {})));
  EXPECT_FALSE(matches(conditions, ticket(Channel::Email, Priority::High, "major_complaint", {})));
  EXPECT_FALSE(matches(conditions, ticket(Channel::Email, Priority::Urgent, "billing", {})));
  EXPECT_FALSE(matches(conditions, ticket(Channel::Email, Priority::Urgent, "", {})));
}

TEST(SlaPolicyMatching, TagsAnyMatchesWhenTheTicketHasAtLeastOneOfTheTags) {
  PolicyConditions conditions;
  conditions.tags_any = {"vip", "press"};
  EXPECT_TRUE(matches(conditions, ticket(Channel::Web, Priority::Normal, "", {"a", "press"})));
  EXPECT_TRUE(matches(conditions, ticket(Channel::Web, Priority::Normal, "", {"vip"})));
  EXPECT_FALSE(matches(conditions, ticket(Channel::Web, Priority::Normal, "", {"a", "b"})));
  EXPECT_FALSE(matches(conditions, ticket(Channel::Web, Priority::Normal, "", {})));
}

TEST(SlaPolicySelection, LowestPositionWinsThenLowestIdWhateverTheInputOrder) {
  PolicyConditions urgent;
  urgent.priorities = {Priority::Urgent};
  // Deliberately shuffled: the catch-all has the highest position; two urgent policies share
  // position 1 and differ by id.
  const std::vector<SlaPolicy> policies = {policy(9, 100), policy(7, 1, urgent), policy(4, 1, urgent),
                                           policy(2, 5)};
  const SlaPolicy* chosen = select_policy(policies, ticket(Channel::Email, Priority::Urgent, "", {}));
  ASSERT_NE(chosen, nullptr);
  EXPECT_EQ(chosen->id, 4);
  chosen = select_policy(policies, ticket(Channel::Email, Priority::Normal, "", {}));
  ASSERT_NE(chosen, nullptr);
  EXPECT_EQ(chosen->id, 2);
}

TEST(SlaPolicySelection, PoliciesOfOtherTenantsNeverApply) {
  const std::vector<SlaPolicy> policies = {policy(1, 0, {}, 2), policy(3, 9, {}, 1)};
  const SlaPolicy* chosen = select_policy(policies, ticket(Channel::Web, Priority::Low, "", {}, 1));
  ASSERT_NE(chosen, nullptr);
  EXPECT_EQ(chosen->id, 3);
  EXPECT_EQ(select_policy(policies, ticket(Channel::Web, Priority::Low, "", {}, 5)), nullptr);
}

TEST(SlaPolicySelection, NoMatchingPolicyGivesNull) {
  PolicyConditions chat;
  chat.channels = {Channel::Chat};
  const std::vector<SlaPolicy> policies = {policy(1, 0, chat)};
  EXPECT_EQ(select_policy(policies, ticket(Channel::Phone, Priority::Low, "", {})), nullptr);
  EXPECT_EQ(select_policy({}, ticket(Channel::Phone, Priority::Low, "", {})), nullptr);
}

TEST(SlaPolicyJson, TheIssueExampleParsesIntoEveryField) {
  auto parsed = parse_policy_json(json::parse(kMajorComplaints));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const SlaPolicy& p = *parsed;
  EXPECT_EQ(p.id, 0);
  EXPECT_EQ(p.tenant_id.value, 0);
  EXPECT_EQ(p.name, "Major complaints");
  EXPECT_EQ(p.position, 1);
  EXPECT_EQ(p.conditions.channels, std::vector<Channel>{Channel::Email});
  EXPECT_EQ(p.conditions.priorities, std::vector<Priority>{Priority::Urgent});
  EXPECT_EQ(p.conditions.categories, std::vector<std::string>{"major_complaint"});
  EXPECT_EQ(p.conditions.tags_any, std::vector<std::string>{"vip"});
  EXPECT_EQ(p.calendar_id, 3);
  EXPECT_EQ(p.first_response_minutes, 30);
  EXPECT_EQ(p.next_response_minutes, 60);
  EXPECT_EQ(p.periodic_update_minutes, 240);
  EXPECT_EQ(p.resolution_minutes, 2880);
  EXPECT_EQ(p.pause_resolution_on, std::vector<Status>{Status::Pending});
  EXPECT_DOUBLE_EQ(p.at_risk_fraction, 0.75);
  ASSERT_EQ(p.escalation.size(), 3u);
  EXPECT_EQ(p.escalation[0], (EscalationStep{SlaTarget::FirstResponse, 0.75,
                                             EscalationStep::Action::NotifyAssignee, std::nullopt}));
  EXPECT_EQ(p.escalation[1], (EscalationStep{SlaTarget::FirstResponse, 1.0,
                                             EscalationStep::Action::RaisePriority, std::nullopt}));
  EXPECT_EQ(p.escalation[2], (EscalationStep{SlaTarget::Resolution, 1.5, EscalationStep::Action::ReassignTeam,
                                             domain::TeamId{4}}));
}

TEST(SlaPolicyJson, RoundTripGivesAnEqualPolicyAndKeepsIdsForTheCaller) {
  auto parsed = parse_policy_json(json::parse(kMajorComplaints));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  SlaPolicy original = *parsed;
  original.id = 12;
  original.tenant_id = domain::TenantId{5};
  const json written = to_json(original);
  EXPECT_EQ(written.at("id"), 12);
  EXPECT_EQ(written.at("tenant_id"), 5);
  auto reparsed = parse_policy_json(json::parse(written.dump()));
  ASSERT_TRUE(reparsed.ok()) << reparsed.error().message;
  EXPECT_EQ(reparsed->id, 0) << "id is read-only: the caller sets it";
  reparsed->id = 12;
  reparsed->tenant_id = domain::TenantId{5};
  EXPECT_EQ(*reparsed, original);
  EXPECT_EQ(to_json(*reparsed), written);
}

TEST(SlaPolicyJson, OptionalFieldsTakeTheirDefaultsAndAbsentTargetsStayAbsent) {
  auto parsed = parse_policy_json(json::parse(kMinimal));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->position, 0);
  EXPECT_EQ(parsed->conditions, PolicyConditions{});
  EXPECT_EQ(parsed->pause_resolution_on, std::vector<Status>{Status::Pending});
  EXPECT_DOUBLE_EQ(parsed->at_risk_fraction, 0.75);
  EXPECT_FALSE(parsed->first_response_minutes.has_value());
  EXPECT_EQ(parsed->resolution_minutes, 480);
  const json written = to_json(*parsed);
  EXPECT_EQ(written.at("targets"), json::parse(R"({"resolution_minutes":480})"));
  auto reparsed = parse_policy_json(written);
  ASSERT_TRUE(reparsed.ok());
  EXPECT_EQ(*reparsed, *parsed);
}

TEST(SlaPolicyJson, TagsAreLowerCasedAndAnEmptyPauseListPausesNothing) {
  auto parsed = parse_policy_json(json::parse(
      R"({"name":"x","calendar_id":1,"targets":{"first_response_minutes":1,"resolution_minutes":null},
          "conditions":{"tags_any":["VIP"," Press "]},"pause_resolution_on":[]})"));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->conditions.tags_any, (std::vector<std::string>{"vip", "press"}));
  EXPECT_TRUE(parsed->pause_resolution_on.empty());
  EXPECT_FALSE(parsed->resolution_minutes.has_value());
}

// Applies `patch` (a JSON merge patch; null removes a key) to the minimal valid policy.
json patched(std::string_view patch) {
  json base = json::parse(kMinimal);
  base.merge_patch(json::parse(patch));
  return base;
}

TEST(SlaPolicyJson, EveryValidationErrorIsInvalidInputNamingItsField) {
  struct Case {
    json input;
    std::string field;
  };
  const std::vector<Case> cases = {
      {json::parse("[1,2]"), ""},
      {json::parse("\"policy\""), ""},
      {patched(R"({"name":null})"), "name"},
      {patched(R"({"name":"   "})"), "name"},
      {patched(R"({"name":7})"), "name"},
      {patched(R"({"name":")" + std::string(201, 'x') + "\"}"), "name"},
      {patched(R"({"position":1.5})"), "position"},
      {patched(R"({"position":"1"})"), "position"},
      {patched(R"({"position":1000001})"), "position"},
      {patched(R"({"calendar_id":null})"), "calendar_id"},
      {patched(R"({"calendar_id":0})"), "calendar_id"},
      {patched(R"({"calendar_id":true})"), "calendar_id"},
      {patched(R"({"calendar_id":18446744073709551615})"), "calendar_id"},
      {patched(R"({"targets":null})"), "targets"},
      {patched(R"({"targets":[30]})"), "targets"},
      {patched(R"({"targets":{"resolution_minutes":null}})"), "targets"},
      {patched(R"({"targets":{"first_response_minutes":0}})"), "targets.first_response_minutes"},
      {patched(R"({"targets":{"first_response_minutes":-5}})"), "targets.first_response_minutes"},
      {patched(R"({"targets":{"next_response_minutes":2628001}})"), "targets.next_response_minutes"},
      {patched(R"({"targets":{"periodic_update_minutes":30.5}})"), "targets.periodic_update_minutes"},
      {patched(R"({"targets":{"resolution_minutes":"480"}})"), "targets.resolution_minutes"},
      {patched(R"({"targets":{"reply_minutes":30}})"), "targets.reply_minutes"},
      {patched(R"({"conditions":["email"]})"), "conditions"},
      {patched(R"({"conditions":{"channels":"email"}})"), "conditions.channels"},
      {patched(R"({"conditions":{"channels":["email","fax"]}})"), "conditions.channels[1]"},
      {patched(R"({"conditions":{"channels":[3]}})"), "conditions.channels[0]"},
      {patched(R"({"conditions":{"priorities":["asap"]}})"), "conditions.priorities[0]"},
      {patched(R"({"conditions":{"categories":["Major Complaint"]}})"), "conditions.categories[0]"},
      {patched(R"({"conditions":{"categories":[""]}})"), "conditions.categories[0]"},
      {patched(R"({"conditions":{"tags_any":["ok","bad tag!"]}})"), "conditions.tags_any[1]"},
      {patched(R"({"conditions":{"tags_any":[""]}})"), "conditions.tags_any[0]"},
      {patched(R"({"conditions":{"tenant":[1]}})"), "conditions.tenant"},
      {patched(R"({"pause_resolution_on":"pending"})"), "pause_resolution_on"},
      {patched(R"({"pause_resolution_on":["pending","waiting"]})"), "pause_resolution_on[1]"},
      {patched(R"({"pause_resolution_on":["solved"]})"), "pause_resolution_on[0]"},
      {patched(R"({"pause_resolution_on":["closed"]})"), "pause_resolution_on[0]"},
      {patched(R"({"at_risk_fraction":0})"), "at_risk_fraction"},
      {patched(R"({"at_risk_fraction":1})"), "at_risk_fraction"},
      {patched(R"({"at_risk_fraction":1.5})"), "at_risk_fraction"},
      {patched(R"({"at_risk_fraction":-0.5})"), "at_risk_fraction"},
      {patched(R"({"at_risk_fraction":"0.75"})"), "at_risk_fraction"},
      {patched(R"({"escalation":{"target":"resolution"}})"), "escalation"},
      {patched(R"({"escalation":["notify"]})"), "escalation[0]"},
      {patched(R"({"escalation":[{"at":1.0,"action":"notify_manager"}]})"), "escalation[0].target"},
      {patched(R"({"escalation":[{"target":"resolution","action":"notify_manager"}]})"), "escalation[0].at"},
      {patched(R"({"escalation":[{"target":"resolution","at":1.0}]})"), "escalation[0].action"},
      {patched(R"({"escalation":[{"target":"reply","at":1.0,"action":"notify_manager"}]})"),
       "escalation[0].target"},
      {patched(R"({"escalation":[{"target":"first_response","at":1.0,"action":"notify_manager"}]})"),
       "escalation[0].target"},
      {patched(R"({"escalation":[{"target":"resolution","at":0,"action":"notify_manager"}]})"),
       "escalation[0].at"},
      {patched(R"({"escalation":[{"target":"resolution","at":10.5,"action":"notify_manager"}]})"),
       "escalation[0].at"},
      {patched(R"({"escalation":[{"target":"resolution","at":"1","action":"notify_manager"}]})"),
       "escalation[0].at"},
      {patched(R"({"escalation":[{"target":"resolution","at":1,"action":"panic"}]})"),
       "escalation[0].action"},
      {patched(R"({"escalation":[{"target":"resolution","at":1,"action":"reassign_team"}]})"),
       "escalation[0].team_id"},
      {patched(R"({"escalation":[{"target":"resolution","at":1,"action":"reassign_team","team_id":0}]})"),
       "escalation[0].team_id"},
      {patched(R"({"escalation":[{"target":"resolution","at":1,"action":"notify_assignee","team_id":4}]})"),
       "escalation[0].team_id"},
      {patched(R"({"escalation":[{"target":"resolution","at":1,"action":"notify_assignee","when":1}]})"),
       "escalation[0].when"},
      {patched(R"({"id":"7"})"), "id"},
      {patched(R"({"tenant_id":1.5})"), "tenant_id"},
      {patched(R"({"moon":true})"), "moon"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input.dump());
    Result<SlaPolicy> parsed = Result<SlaPolicy>(internal_error("not run"));
    ASSERT_NO_THROW(parsed = parse_policy_json(c.input));
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(parsed.error().field, c.field);
    if (!c.field.empty()) {
      EXPECT_EQ(parsed.error().message.rfind(c.field + ":", 0), 0u) << parsed.error().message;
    }
  }
}

TEST(SlaPolicyJson, HostileInputNeverThrows) {
  json deep = json::parse(kMinimal);
  json nest = json::array();
  for (int level = 0; level < 200; ++level) nest = json::array({nest});
  deep["conditions"] = json{{"channels", nest}};
  EXPECT_NO_THROW({
    auto parsed = parse_policy_json(deep);
    EXPECT_FALSE(parsed.ok());
  });
  json long_key = json::parse(kMinimal);
  long_key[std::string(10000, 'k')] = 1;
  auto parsed = parse_policy_json(long_key);
  ASSERT_FALSE(parsed.ok());
  EXPECT_LT(parsed.error().message.size(), 400u);
  EXPECT_NO_THROW({ (void)parse_policy_json(json()); });
  EXPECT_NO_THROW({ (void)parse_policy_json(json::binary({1, 2, 3})); });
}

}  // namespace
}  // namespace sp::sla

#include "automation/rule.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "automation/rule_json.hpp"
#include "sla/calendar_json.hpp"

namespace sp::automation {
namespace {

using domain::Channel;
using domain::Priority;
using domain::Status;
using nlohmann::json;

Rule rule_from(const std::string& text, std::int64_t id) {
  auto parsed = parse_rule(json::parse(text));
  EXPECT_TRUE(parsed.ok()) << (parsed ? "" : parsed.error().field + ": " + parsed.error().message);
  Rule rule = parsed ? *parsed : Rule{};
  rule.id = id;
  return rule;
}

TicketFacts facts_of(Channel channel, Status status = Status::New) {
  TicketFacts facts;
  facts.ticket.id = domain::TicketId{7};
  facts.ticket.tenant_id = domain::TenantId{1};
  facts.ticket.channel = channel;
  facts.ticket.status = status;
  facts.ticket.requester_id = domain::CustomerId{42};
  facts.ticket.created_at = from_unix_seconds(1'800'000'000);
  facts.status_since = facts.ticket.created_at;
  return facts;
}

Timestamp t0() {
  return from_unix_seconds(1'800'000'000);
}

TEST(AutomationRule, AllOfAndAnyOfConditionsMustHold) {
  auto rule = rule_from(R"({"name":"mail vip","event":"on_create",
    "conditions":{"all":[{"field":"channel","op":"is","value":["email","web"]},
                         {"field":"tags","op":"has_not","value":"spam"}],
                  "any":[{"field":"language","op":"is","value":"nl"},{"field":"customer_id","op":"is","value":42}]},
    "actions":[{"type":"set_priority","value":"high"}]})",
                        1);
  auto facts = facts_of(Channel::Email);
  facts.language = domain::Language::En;
  EXPECT_TRUE(matches(rule, facts, t0()));  // any: the customer id holds
  facts.ticket.requester_id = domain::CustomerId{43};
  EXPECT_FALSE(matches(rule, facts, t0()));  // no any-of condition holds
  facts.language = domain::Language::Nl;
  EXPECT_TRUE(matches(rule, facts, t0()));
  facts.ticket.tags = {"spam"};
  EXPECT_FALSE(matches(rule, facts, t0()));
  facts.ticket.tags = {};
  facts.ticket.channel = Channel::Phone;
  EXPECT_FALSE(matches(rule, facts, t0()));
}

TEST(AutomationRule, UnassignedTeamAndSlaStateConditions) {
  auto rule = rule_from(R"({"name":"breached unassigned","event":"on_update",
    "conditions":{"all":[{"field":"assignee_id","op":"is","value":null},
                         {"field":"sla_state","op":"is","value":"breached"},
                         {"field":"team_id","op":"is_not","value":3}]},
    "actions":[{"type":"notify","to":"team_lead","value":"look"}]})",
                        1);
  auto facts = facts_of(Channel::Web, Status::Open);
  facts.sla = SlaState::Breached;
  EXPECT_TRUE(matches(rule, facts, t0()));
  facts.ticket.team_id = domain::TeamId{3};
  EXPECT_FALSE(matches(rule, facts, t0()));
  facts.ticket.team_id.reset();
  facts.ticket.assignee_id = domain::AgentId{5};
  EXPECT_FALSE(matches(rule, facts, t0()));
  facts.ticket.assignee_id.reset();
  facts.sla = SlaState::AtRisk;
  EXPECT_FALSE(matches(rule, facts, t0()));
}

TEST(AutomationRule, PlanOnCreateSetsPriorityOnceAndSkipsRulesThatChangeNothing) {
  std::vector<Rule> rules{rule_from(R"({"name":"phone urgent","event":"on_create",
        "conditions":{"all":[{"field":"channel","op":"is","value":"phone"}]},
        "actions":[{"type":"set_priority","value":"urgent"},{"type":"add_tags","value":["Phone"]}]})",
                                    1),
                          rule_from(R"({"name":"already normal","event":"on_create",
        "actions":[{"type":"set_priority","value":"normal"}]})",
                                    2)};
  rules[1].position = 5;
  auto plans = plan_chain(rules, Trigger::OnCreate, facts_of(Channel::Phone), t0());
  ASSERT_EQ(plans.size(), 2u);  // rule 2 runs after rule 1 and sets normal again
  EXPECT_EQ(plans[0].rule_id, 1);
  EXPECT_EQ(plans[0].changes.priority, Priority::Urgent);
  EXPECT_EQ(plans[0].changes.tags_add, std::vector<std::string>{"phone"});
  // On a web ticket rule 1 does not hold and rule 2 would change nothing: no plan at all.
  EXPECT_TRUE(plan_chain(rules, Trigger::OnCreate, facts_of(Channel::Web), t0()).empty());
  // Inactive rules never run: without rule 1, rule 2 finds the priority normal already.
  rules[0].active = false;
  EXPECT_TRUE(plan_chain(rules, Trigger::OnCreate, facts_of(Channel::Phone), t0()).empty());
}

TEST(AutomationRule, TwoRulesUndoingEachOtherFireOnceEach) {
  std::vector<Rule> rules{
      rule_from(
          R"({"name":"up","event":"on_update","conditions":{"all":[{"field":"priority","op":"is","value":"low"}]},
        "actions":[{"type":"set_priority","value":"high"}]})",
          1),
      rule_from(
          R"({"name":"down","event":"on_update","conditions":{"all":[{"field":"priority","op":"is","value":"high"}]},
        "actions":[{"type":"set_priority","value":"low"}]})",
          2)};
  auto facts = facts_of(Channel::Web, Status::Open);
  facts.ticket.priority = Priority::Low;
  auto plans = plan_chain(rules, Trigger::OnUpdate, facts, t0());
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[0].rule_id, 1);
  EXPECT_EQ(plans[1].rule_id, 2);
}

TEST(AutomationRule, ChainOfRulesStopsAfterMaxRounds) {
  // Rule k adds tag t<k+1> when the ticket has t<k>; positions reversed so each round fires one.
  std::vector<Rule> rules;
  for (int k = 0; k < 8; ++k) {
    auto rule = rule_from(
        "{\"name\":\"step " + std::to_string(k) +
            "\",\"event\":\"on_update\",\"conditions\":{\"all\":[{\"field\":\"tags\",\"op\":\"has\","
            "\"value\":\"t" +
            std::to_string(k) + "\"}]},\"actions\":[{\"type\":\"add_tags\",\"value\":[\"t" +
            std::to_string(k + 1) + "\"]}]}",
        k + 1);
    rule.position = 100 - k;
    rules.push_back(rule);
  }
  auto facts = facts_of(Channel::Web, Status::Open);
  facts.ticket.tags = {"t0"};
  auto plans = plan_chain(rules, Trigger::OnUpdate, facts, t0());
  ASSERT_EQ(plans.size(), static_cast<std::size_t>(kMaxRounds));
  EXPECT_EQ(plans.back().round, kMaxRounds - 1);
  EXPECT_EQ(plans.back().rule_id, kMaxRounds);
}

TEST(AutomationRule, ChangesMadeByRulesReachOnUpdateRulesInTheNextRound) {
  std::vector<Rule> rules{rule_from(R"({"name":"phone urgent","event":"on_create",
        "conditions":{"all":[{"field":"channel","op":"is","value":"phone"}]},
        "actions":[{"type":"set_priority","value":"urgent"}]})",
                                    1),
                          rule_from(R"({"name":"urgent note","event":"on_update",
        "conditions":{"all":[{"field":"priority","op":"is","value":"urgent"}]},
        "actions":[{"type":"add_note","value":"urgent now"}]})",
                                    2)};
  auto plans = plan_chain(rules, Trigger::OnCreate, facts_of(Channel::Phone), t0());
  ASSERT_EQ(plans.size(), 2u);
  EXPECT_EQ(plans[1].rule_id, 2);
  EXPECT_EQ(plans[1].round, 1);
  ASSERT_EQ(plans[1].effects.size(), 1u);
  EXPECT_EQ(plans[1].effects[0].text, "urgent now");
}

TEST(AutomationRule, ForbiddenTransitionSkipsTheRule) {
  std::vector<Rule> rules{rule_from(R"({"name":"reopen","event":"on_update",
    "actions":[{"type":"set_status","value":"open"}]})",
                                    1)};
  EXPECT_TRUE(plan_chain(rules, Trigger::OnUpdate, facts_of(Channel::Web, Status::Closed), t0()).empty());
}

TEST(AutomationRule, OnTimeCountsBusinessHoursOfTheCalendar) {
  // Pending for 5 business days (40 h of a 9-17 Monday-Friday calendar): remind; after 7: solve.
  auto remind = rule_from(R"({"name":"remind","event":"on_time",
    "conditions":{"all":[{"field":"status","op":"is","value":"pending"},
                         {"field":"hours_in_status","op":"gte","value":40,"business_hours":true}]},
    "actions":[{"type":"add_note","value":"reminded"}]})",
                          1);
  auto calendar = sla::parse_calendar_json(json::parse(R"({"timezone":"UTC","weekly":{
    "mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],"wed":[["09:00","17:00"]],
    "thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]]}})"));
  ASSERT_TRUE(calendar.ok());
  auto facts = facts_of(Channel::Email, Status::Pending);
  // Monday 2027-01-04 09:00 UTC.
  facts.status_since = from_unix_seconds(1'799'053'200);
  facts.calendar = &*calendar;
  const auto hour = std::chrono::hours(1);
  // Friday 16:00: 39 business hours.
  EXPECT_FALSE(matches(remind, facts, facts.status_since + 4 * 24 * hour + 7 * hour));
  // Friday 17:00: 40 business hours.
  EXPECT_TRUE(matches(remind, facts, facts.status_since + 4 * 24 * hour + 8 * hour));
  // Counted in clock hours without a calendar: 40 hours after the start.
  facts.calendar = nullptr;
  EXPECT_TRUE(matches(remind, facts, facts.status_since + 40 * hour));
  EXPECT_FALSE(matches(remind, facts, facts.status_since + 39 * hour));
  // Another status: the rule's status condition fails.
  facts.ticket.status = Status::Open;
  EXPECT_FALSE(matches(remind, facts, facts.status_since + 100 * hour));
  EXPECT_EQ(time_rule_statuses(remind), std::vector<Status>{Status::Pending});
}

TEST(AutomationRule, OnTimeRuleFiresOnlyTheNamedRuleInRoundZero) {
  std::vector<Rule> rules{
      rule_from(
          R"({"name":"a","event":"on_time","conditions":{"all":[{"field":"hours_in_status","op":"gte","value":1}]},
        "actions":[{"type":"add_note","value":"a"}]})",
          1),
      rule_from(
          R"({"name":"b","event":"on_time","conditions":{"all":[{"field":"hours_in_status","op":"gte","value":1}]},
        "actions":[{"type":"add_note","value":"b"}]})",
          2)};
  auto facts = facts_of(Channel::Web, Status::Open);
  auto plans = plan_chain(rules, Trigger::OnTime, facts, t0() + std::chrono::hours(2), {}, 2);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].rule_id, 2);
}

TEST(AutomationRuleJson, RejectsUnknownMembersTooManyConditionsAndMisplacedTime) {
  auto unknown = parse_rule(
      json::parse(R"({"name":"x","event":"on_create","actions":[{"type":"webhook"}],"colour":1})"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, "unknown-field");
  auto bad_action =
      parse_rule(json::parse(R"({"name":"x","event":"on_create","actions":[{"type":"explode"}]})"));
  ASSERT_FALSE(bad_action.ok());
  EXPECT_EQ(bad_action.error().field, "actions[0].type");
  json many = json::parse(R"({"name":"x","event":"on_create","actions":[{"type":"webhook"}]})");
  many["conditions"]["all"] = json::array();
  for (int k = 0; k < 21; ++k)
    many["conditions"]["all"].push_back({{"field", "channel"}, {"op", "is"}, {"value", "web"}});
  EXPECT_FALSE(parse_rule(many).ok());
  auto time_on_create = parse_rule(json::parse(R"({"name":"x","event":"on_create",
    "conditions":{"all":[{"field":"hours_in_status","op":"gte","value":3}]},"actions":[{"type":"webhook"}]})"));
  EXPECT_FALSE(time_on_create.ok());
  auto on_time_without_hours =
      parse_rule(json::parse(R"({"name":"x","event":"on_time","actions":[{"type":"webhook"}]})"));
  EXPECT_FALSE(on_time_without_hours.ok());
  auto bad_value = parse_rule(json::parse(R"({"name":"x","event":"on_create",
    "conditions":{"all":[{"field":"priority","op":"is","value":"extreme"}]},"actions":[{"type":"webhook"}]})"));
  ASSERT_FALSE(bad_value.ok());
  EXPECT_EQ(bad_value.error().field, "conditions.all[0].value");
}

TEST(AutomationRuleJson, DocumentRoundTrips) {
  auto rule = rule_from(R"({"name":"round trip","event":"on_time","active":false,"position":3,
    "conditions":{"all":[{"field":"status","op":"is","value":"pending"},
                         {"field":"hours_in_status","op":"gte","value":56,"business_hours":true},
                         {"field":"team_id","op":"is","value":[2,null]}]},
    "actions":[{"type":"set_status","value":"solved"},{"type":"apply_macro","value":9},
               {"type":"notify","to":"agent","agent_id":4,"value":"solved it"},{"type":"set_assignee","value":null},
               {"type":"remove_tags","value":["waiting"]},{"type":"webhook"}]})",
                        1);
  auto again = parse_rule(document_of(rule));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(document_of(*again), document_of(rule));
  EXPECT_FALSE(again->active);
  EXPECT_EQ(again->position, 3);
  EXPECT_EQ(macro_ids(*again), std::vector<std::int64_t>{9});
}

}  // namespace
}  // namespace sp::automation

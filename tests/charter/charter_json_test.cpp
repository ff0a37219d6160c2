#include "charter/charter_json.hpp"

#include <gtest/gtest.h>

namespace sp::charter {
namespace {

using nlohmann::json;

std::string error_field(const json& input) {
  auto charter = charter_from_json(input);
  EXPECT_FALSE(charter.ok());
  return charter.ok() ? "" : charter.error().field;
}

TEST(CharterJson, ExampleCharterIsValid) {
  const auto result = validate(example_charter());
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
}

TEST(CharterJson, RoundTripKeepsEveryField) {
  Charter charter = example_charter();
  charter.breach_rules.major_overrun_percent.reset();
  charter.thresholds.push_back(
      {"sla.first_response.compliance", Comparator::AtLeast, 0.9, Unit::Fraction, domain::Channel::Email});
  charter.rhythm.daily_self_check_minute = 7 * 60 + 5;
  charter.languages = {domain::Language::Zh};
  const json written = to_json(charter);
  auto read = charter_from_json(written);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(*read, charter);
  EXPECT_EQ(to_json(*read), written);
  EXPECT_EQ(written["rhythm"]["daily_self_check_time"], "07:05");
  EXPECT_EQ(written["organisation"]["zh"], "示例客户服务有限公司");
}

TEST(CharterJson, RoundTripSurvivesSerialisationToText) {
  const Charter charter = example_charter();
  auto read = charter_from_json(json::parse(to_json(charter).dump()));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(*read, charter);
}

TEST(CharterJson, PlainStringsAndDefaultsAreAccepted) {
  const json input = {
      {"organisation", "Acme"},
      {"letter_number", "A-1"},
      {"signing",
       {{"place", "Delft"},
        {"date", "2026-01-31"},
        {"signatory", {{"name", "Ann"}, {"title", {{"nl", "Directeur"}}}}}}},
      {"complaint_route",
       {{"negotiation_contact", "us"},
        {"arbitration_body", "SGC"},
        {"court", "Rechtbank Den Haag"},
        {"governing_law", "NL"}}},
  };
  auto charter = charter_from_json(input);
  ASSERT_TRUE(charter.ok()) << charter.error().message;
  EXPECT_EQ(charter->organisation.in(domain::Language::Zh), "Acme");
  EXPECT_EQ(charter->signatory.title.text, "Directeur");  // default taken from a translation
  EXPECT_EQ(charter->major_complaint_response_minutes, 30);
  EXPECT_EQ(charter->languages.size(), 3u);
}

TEST(CharterJson, ErrorsNameTheOffendingField) {
  json base = to_json(example_charter());
  struct Case {
    const char* pointer;
    json value;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"/organisation", "", "organisation"},
      {"/signing/date", "2026-02-30", "signing.date"},
      {"/signing/date", 20260101, "signing.date"},
      {"/signing/signatory/name", json::object(), "signing.signatory.name"},
      {"/promises/1/first_response/minutes", 0, "promises[1].first_response.minutes"},
      {"/promises/0/first_response/basis", "wall", "promises[0].first_response.basis"},
      {"/promises/1/channel", "email", "promises[1].channel"},
      {"/thresholds/1/unit", "grade", "thresholds[1].unit"},
      {"/thresholds/1/value", 120, "thresholds[1].value"},
      {"/thresholds/0/kpi", "speed", "thresholds[0].kpi"},
      {"/thresholds/0/comparator", "above", "thresholds[0].comparator"},
      {"/complaint_route/arbitration_body", "", "complaint_route.arbitration_body"},
      {"/rhythm/daily_self_check_time", "25:00", "rhythm.daily_self_check_time"},
      {"/rhythm/daily_qa_samples", -1, "rhythm.daily_qa_samples"},
      {"/time_zone", "Mars/Olympus", "time_zone"},
      {"/languages", json::array({"nl", "nl"}), "languages"},
      {"/languages/0", "fr", "languages[0]"},
      {"/contacts/0/surprise", 1, "contacts[0].surprise"},
      {"/breach_rules/major_priorities/0", "critical", "breach_rules.major_priorities[0]"},
  };
  for (const auto& c : cases) {
    json input = base;
    input[json::json_pointer(c.pointer)] = c.value;
    EXPECT_EQ(error_field(input), c.field) << c.pointer;
  }
  json missing = base;
  missing.erase("complaint_route");
  EXPECT_EQ(error_field(missing), "complaint_route");
  EXPECT_EQ(error_field(json::array()), "charter");
}

TEST(CharterJson, KpiKeysFollowTheReportingCore) {
  EXPECT_EQ(*kpi_quantity("first_response_business_time.p90"), Quantity::Duration);
  EXPECT_EQ(*kpi_quantity("sla.resolution.breaches_major"), Quantity::Count);
  EXPECT_EQ(*kpi_quantity("external.callbacks_missed"), Quantity::Count);
  EXPECT_FALSE(kpi_quantity("first_response_time").ok());
  EXPECT_FALSE(kpi_quantity("sla.lunch.compliance").ok());
  EXPECT_TRUE(unit_fits(Unit::Percent, Quantity::Share));
  EXPECT_FALSE(unit_fits(Unit::Minutes, Quantity::Share));
}

TEST(CharterJson, PhoneKeysNameTheirQuantityAndTheServiceLevelSeconds) {
  EXPECT_EQ(*kpi_quantity("average_speed_of_answer"), Quantity::Duration);
  EXPECT_EQ(*kpi_quantity("call_wait_time.p90"), Quantity::Duration);
  EXPECT_EQ(*kpi_quantity("service_level"), Quantity::Share);
  EXPECT_EQ(*kpi_quantity("service_level.30"), Quantity::Share);
  EXPECT_EQ(*kpi_quantity("abandonment_rate"), Quantity::Share);
  EXPECT_EQ(service_level_key_seconds("service_level.3600"), 3600);
  for (const char* bad : {"service_level.0", "service_level.030", "service_level.3601", "service_level.",
                          "service_level.2x", "call_wait_time"}) {
    EXPECT_FALSE(kpi_quantity(bad).ok()) << bad;
  }
}

TEST(CharterJson, ReportingRulesCarryTheCharterBreachRules) {
  Charter charter = example_charter();
  charter.major_complaint_response_minutes = 45;
  charter.breach_rules.major_overrun_percent = 25;
  const auto rules = to_reporting_rules(charter);
  EXPECT_EQ(rules.major_complaint_response_minutes, 45);
  ASSERT_TRUE(rules.major_overrun_fraction.has_value());
  EXPECT_DOUBLE_EQ(*rules.major_overrun_fraction, 0.25);
}

}  // namespace
}  // namespace sp::charter

namespace sp::charter {
namespace {

TEST(CharterJson, CostsAreOptionalCheckedAndFeedTheCostModel) {
  Charter charter = example_charter();
  ASSERT_TRUE(charter.costs.has_value());
  auto model = to_cost_model(charter);
  ASSERT_TRUE(model.has_value());
  EXPECT_DOUBLE_EQ(model->cost_per_agent_hour, 42.0);
  EXPECT_DOUBLE_EQ(model->agent_minutes_per_handled_contact, 9.0);

  json input = to_json(charter);
  input["costs"] = nullptr;
  auto without = charter_from_json(input);
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->costs.has_value());
  EXPECT_FALSE(to_cost_model(*without).has_value());

  input = to_json(charter);
  input["costs"]["currency"] = "euro";
  EXPECT_EQ(error_field(input), "costs.currency");
  input = to_json(charter);
  input["costs"]["cost_per_agent_hour"] = -1;
  EXPECT_EQ(error_field(input), "costs.cost_per_agent_hour");
  input = to_json(charter);
  input["costs"].erase("agent_minutes_per_handled_contact");
  EXPECT_EQ(error_field(input), "costs.agent_minutes_per_handled_contact");
  input = to_json(charter);
  input["costs"]["bonus"] = 1;
  EXPECT_EQ(error_field(input), "costs.bonus");
}

}  // namespace
}  // namespace sp::charter

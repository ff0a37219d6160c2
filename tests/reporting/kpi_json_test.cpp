#include <gtest/gtest.h>

#include "reporting/history_builder.hpp"
#include "reporting/kpi_json.hpp"

namespace sp::reporting {
namespace {

using std::chrono::minutes;
using testing::History;

KpiReport sample_report() {
  const Timestamp t0 = testing::kMonday + std::chrono::hours{10};
  std::vector<TicketFacts> tickets = {
      History(t0).reply(t0 + minutes{10}).status(domain::Status::Solved, t0 + minutes{20}).build(),
      History(t0).build(),
  };
  tickets[0].csat_grade = 9;
  auto report = compute_kpis(tickets, testing::week_query(Dimension::Agent));
  EXPECT_TRUE(report.ok());
  return *report;
}

TEST(KpiJson, EveryFigureOfEveryGroupHasADefinition) {
  const auto json = to_json(sample_report());
  ASSERT_EQ(json["groups"].size(), 1u);
  const auto& definitions = json["definitions"];
  EXPECT_EQ(definitions.size(), kpi_definitions().size());
  for (const auto& [name, value] : json["groups"][0]["figures"].items()) {
    ASSERT_TRUE(definitions.contains(name)) << name;
    EXPECT_FALSE(definitions[name].get<std::string>().empty());
  }
  EXPECT_EQ(json["groups"][0]["figures"].size(), definitions.size());
}

TEST(KpiJson, CarriesValuesAndWritesAbsentValuesAsNull) {
  const auto json = to_json(sample_report());
  EXPECT_EQ(json["dimension"], "agent");
  EXPECT_EQ(json["period"], "custom");
  EXPECT_EQ(json["from"], "2026-11-16T00:00:00Z");
  EXPECT_EQ(json["excluded"]["spam"], 0);
  const auto& group = json["groups"][0];
  EXPECT_EQ(group["key"], "unassigned");
  EXPECT_EQ(group["period"]["label"], "2026-11-16T00:00:00Z/2026-11-23T00:00:00Z");
  const auto& f = group["figures"];
  EXPECT_EQ(f["contacts_received"], 2);
  EXPECT_EQ(f["first_response_time"]["count"], 1);
  EXPECT_DOUBLE_EQ(f["first_response_time"]["mean"].get<double>(), 600);
  EXPECT_TRUE(f["first_response_business_time"].is_null());
  EXPECT_DOUBLE_EQ(f["resolution_rate"]["value"].get<double>(), 0.5);
  EXPECT_EQ(f["backlog"]["count"], 1);
  EXPECT_TRUE(f["sla"]["first_response"]["compliance"].is_null());
  EXPECT_EQ(f["sla"]["resolution"]["breaches"]["major"], 0);
  EXPECT_DOUBLE_EQ(f["csat"]["mean"].get<double>(), 9);
  EXPECT_TRUE(f["nps"]["value"].is_null());
  EXPECT_TRUE(f["cost_per_contact"].is_null());
}

}  // namespace
}  // namespace sp::reporting

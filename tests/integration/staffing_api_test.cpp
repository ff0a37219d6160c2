// Staffing through the API: simulation runs and agent load computed from real activity.
#include <gtest/gtest.h>

#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;

TEST(StaffingApi, SimulationIsReproducibleAndValidated) {
  TestServer server;
  auto platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
  auto tenant =
      body_of(platform.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme"})"))["id"].get<std::int64_t>();
  auto supervisor = server.agent_client(domain::TenantId{tenant}, Role::Supervisor, "sup@acme.test");
  auto agent = server.agent_client(domain::TenantId{tenant}, Role::Agent, "agent@acme.test");
  std::string request = R"({"intervals":[{"duration_seconds":3600,"arrival_rate_per_hour":200,"agents":12},
                                          {"duration_seconds":3600,"arrival_rate_per_hour":300,"agents":12}],
                            "handle_time":{"distribution":"lognormal","mean_seconds":180,"cv":0.7},
                            "patience":{"mean_seconds":120},"replications":5,"seed":11})";
  auto first = supervisor.post("/api/v1/staffing/simulate", request);
  ASSERT_EQ(first.status, 200) << first.body;
  auto again = supervisor.post("/api/v1/staffing/simulate", request);
  EXPECT_EQ(first.body, again.body);  // same seed, same answer
  auto report = body_of(first);
  EXPECT_GT(report["contacts"].get<int>(), 1000);
  EXPECT_LE(report["service_level"]["lower"].get<double>(), report["service_level"]["mean"].get<double>());
  // The second hour is overloaded (25 Erlangs on 12 agents): people abandon.
  EXPECT_GT(report["abandon_rate"]["mean"].get<double>(), 0.05);

  EXPECT_EQ(agent.post("/api/v1/staffing/simulate", request).status, 403);
  auto bad = supervisor.post("/api/v1/staffing/simulate",
                             R"({"intervals":[{"arrival_rate_per_hour":1,"agents":1}]})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(body_of(bad)["field"], "handle_time");
  auto huge = supervisor.post(
      "/api/v1/staffing/simulate",
      R"({"intervals":[{"duration_seconds":86400000,"arrival_rate_per_hour":100000,"agents":1}],"handle_time":{"mean_seconds":1},"replications":100})");
  EXPECT_EQ(huge.status, 422) << huge.body;
}

TEST(StaffingApi, AgentLoadComesFromWhatAgentsDid) {
  TestServer server;
  auto platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
  auto tenant = body_of(platform.post("/api/v1/tenants",
                                      R"({"slug":"acme","name":"Acme","timezone":"Europe/Amsterdam"})"))["id"]
                    .get<std::int64_t>();
  auto supervisor = server.agent_client(domain::TenantId{tenant}, Role::Supervisor, "sup@acme.test");
  auto agent = server.agent_client(domain::TenantId{tenant}, Role::Agent, "agent@acme.test");
  auto customer = body_of(agent.post("/api/v1/customers", R"({"name":"Jan"})"))["id"].get<std::int64_t>();
  auto start = server.clock().now();
  std::int64_t agent_id = body_of(agent.get("/api/v1/auth/me"))["agent"]["id"];
  for (int idx = 0; idx < 4; ++idx) {
    auto ticket = body_of(
        agent.post("/api/v1/tickets", json{{"subject", "Vraag " + std::to_string(idx)},
                                           {"requester_id", customer},
                                           {"channel", "email"},
                                           {"body", "?"},
                                           {"tags", idx == 0 ? json::array({"abusive"}) : json::array()}}
                                          .dump()));
    server.clock().advance(std::chrono::minutes(10));
    auto reply =
        agent.post("/api/v1/tickets/" + std::to_string(ticket["id"].get<std::int64_t>()) + "/messages",
                   R"({"kind":"outbound","body":"Antwoord"})");
    ASSERT_EQ(reply.status, 201) << reply.body;
  }
  auto to = server.clock().now() + std::chrono::hours(1);
  std::string query = "/api/v1/staffing/agent-load?from=" + format_rfc3339(start - std::chrono::hours(1)) +
                      "&to=" + format_rfc3339(to) + "&aht_email=600&contracted_hours=8";
  auto answer = supervisor.get(query);
  ASSERT_EQ(answer.status, 200) << answer.body;
  auto load = body_of(answer);
  ASSERT_EQ(load["agents"].size(), 1u) << load.dump();
  EXPECT_EQ(load["agents"][0]["agent_id"], agent_id);
  EXPECT_EQ(load["agents"][0]["tickets_handled"], 4);
  EXPECT_DOUBLE_EQ(load["agents"][0]["abusive_share"].get<double>(), 0.25);
  ASSERT_EQ(load["days"].size(), 1u);
  EXPECT_EQ(load["days"][0]["replies"], 4);
  EXPECT_DOUBLE_EQ(load["days"][0]["work_seconds"].get<double>(), 4 * 600.0);
  EXPECT_TRUE(load["definitions"].contains("occupancy"));

  // An agent sees only their own figures; bad periods are named.
  auto own = body_of(supervisor.get(query));
  EXPECT_EQ(own["agents"].size(), 1u);
  EXPECT_TRUE(body_of(agent.get(query))["agents"].size() <= 1u);
  EXPECT_EQ(body_of(supervisor.get(
                "/api/v1/staffing/agent-load?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z"))["field"],
            "to");
  EXPECT_EQ(supervisor.get("/api/v1/staffing/agent-load?from=2026-01-01T00:00:00Z").status, 422);
  EXPECT_EQ(supervisor
                .get("/api/v1/staffing/agent-load?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z"
                     "&contracted_hours=abc")
                .status,
            422);
}

}  // namespace
}  // namespace sp::testing

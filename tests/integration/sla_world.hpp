// The SLA integration tests' shared world: a tenant with one customer, one calendar and one
// SLA policy created through the real API, with helpers to open tickets, talk on them and read
// their clocks and events. Header-only; each test file gets its own copy (anonymous namespace).
#pragma once

#include <gtest/gtest.h>

#include "test_server.hpp"

namespace sp::testing {
namespace {

using domain::Role;
using nlohmann::json;
using std::chrono::minutes;

// 2026-11-23 09:00 Amsterdam (08:00Z), a Monday.
const Timestamp kMonday9 = *parse_rfc3339("2026-11-23T08:00:00Z");

struct SlaWorld {
  explicit SlaWorld(std::optional<std::filesystem::path> dir = std::nullopt, Timestamp start = kMonday9,
                    const std::function<void(app::Config&)>& configure = {})
      : server(dir, start, {}, configure) {}
  TestServer server;
  HttpClient admin{0};
  std::int64_t tenant_id = 0, customer_id = 0, calendar_id = 0, policy_id = 0;

  void setup(const json& calendar, const json& targets, const json& extra = json::object()) {
    auto platform = server.agent_client(std::nullopt, Role::Admin, "root@platform.test");
    tenant_id = body_of(platform.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme"})"))["id"];
    admin = server.agent_client(domain::TenantId{tenant_id}, Role::Admin, "admin@acme.test");
    customer_id = body_of(admin.post("/api/v1/customers", R"({"name":"Jan"})"))["id"];
    auto created = admin.post("/api/v1/calendars", json{{"name", "Office"}, {"calendar", calendar}}.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    calendar_id = body_of(created)["id"];
    json policy = {{"name", "Standard"}, {"calendar_id", calendar_id}, {"targets", targets}};
    for (const auto& [key, value] : extra.items()) policy[key] = value;
    auto made = admin.post("/api/v1/sla/policies", policy.dump());
    ASSERT_EQ(made.status, 201) << made.body;
    policy_id = body_of(made)["id"];
  }
  std::int64_t ticket() {
    auto response =
        admin.post("/api/v1/tickets",
                   json{{"subject", "Help"}, {"requester_id", customer_id}, {"body", "It broke."}}.dump());
    EXPECT_EQ(response.status, 201) << response.body;
    return body_of(response)["id"];
  }
  std::string path(std::int64_t id) { return "/api/v1/tickets/" + std::to_string(id); }
  json clock_of(std::int64_t id, const std::string& target) {
    auto sla = body_of(admin.get(path(id) + "/sla"));
    for (const auto& c : sla["clocks"]) {
      if (c["target"] == target) return c;
    }
    return nullptr;
  }
  void say(std::int64_t id, const std::string& kind, const std::string& text) {
    auto response = admin.post(path(id) + "/messages", json{{"kind", kind}, {"body", text}}.dump());
    ASSERT_EQ(response.status, 201) << response.body;
  }
  int events_of_type(std::int64_t id, const std::string& type, const std::string& field) {
    int count = 0;
    json events = body_of(admin.get(path(id) + "/events"));
    for (const auto& e : events["items"]) {
      if (e["type"] == type && e.value("field", std::string()) == field) ++count;
    }
    return count;
  }
};

// One opening interval as JSON: [["09:00","17:00"]] (brace lists would become objects).
inline json day(const char* open, const char* close) {
  return json::array({json::array({open, close})});
}

const json kAlwaysOpen = {{"timezone", "UTC"},
                          {"weekly",
                           {{"mon", day("00:00", "24:00")},
                            {"tue", day("00:00", "24:00")},
                            {"wed", day("00:00", "24:00")},
                            {"thu", day("00:00", "24:00")},
                            {"fri", day("00:00", "24:00")},
                            {"sat", day("00:00", "24:00")},
                            {"sun", day("00:00", "24:00")}}}};

const json kOfficeHours = {{"timezone", "Europe/Amsterdam"},
                           {"weekly",
                            {{"mon", day("09:00", "17:00")},
                             {"tue", day("09:00", "17:00")},
                             {"wed", day("09:00", "17:00")},
                             {"thu", day("09:00", "17:00")},
                             {"fri", day("09:00", "17:00")}}},
                           {"holidays", {"2026-11-24"}}};

}  // namespace
}  // namespace sp::testing

// The desk that the commitment and conduct tests start from: tenant "acme" in
// Europe/Amsterdam with an admin and an agent, a weekday office calendar (09:00-17:00 local),
// an SLA policy on it with a first-response target, customer Anna and her e-mail ticket.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "test_server.hpp"

namespace sp::testing {

inline nlohmann::json office_day(const char* open, const char* close) {
  return nlohmann::json::array({nlohmann::json::array({open, close})});
}

struct OfficeDeskOptions {
  int first_response_minutes = 600;
  std::optional<std::string> language;  // tenant default and customer language; empty: not set
};

struct OfficeDesk {
  OfficeDesk(TestServer& server, OfficeDeskOptions options = {}) {
    using nlohmann::json;
    auto parse = [](const ClientResponse& response) { return json::parse(response.body, nullptr, false); };
    auto platform = server.agent_client(std::nullopt, domain::Role::Admin, "root@platform.test");
    json tenant_body = {{"slug", "acme"}, {"name", "Acme"}, {"timezone", "Europe/Amsterdam"}};
    if (options.language) tenant_body["default_language"] = *options.language;
    tenant = parse(platform.post("/api/v1/tenants", tenant_body.dump()))["id"].get<std::int64_t>();
    admin = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, domain::Role::Admin, "admin@acme.test"));
    agent = std::make_unique<HttpClient>(
        server.agent_client(domain::TenantId{tenant}, domain::Role::Agent, "agent@acme.test"));
    json office = {{"timezone", "Europe/Amsterdam"},
                   {"weekly",
                    {{"mon", office_day("09:00", "17:00")},
                     {"tue", office_day("09:00", "17:00")},
                     {"wed", office_day("09:00", "17:00")},
                     {"thu", office_day("09:00", "17:00")},
                     {"fri", office_day("09:00", "17:00")}}}};
    auto calendar = admin->post("/api/v1/calendars", json{{"name", "Office"}, {"calendar", office}}.dump());
    EXPECT_EQ(calendar.status, 201) << calendar.body;
    auto policy = admin->post("/api/v1/sla/policies",
                              json{{"name", "Standard"},
                                   {"calendar_id", parse(calendar)["id"]},
                                   {"targets", {{"first_response_minutes", options.first_response_minutes}}}}
                                  .dump());
    EXPECT_EQ(policy.status, 201) << policy.body;
    json anna = {{"name", "Anna"}, {"emails", {"anna@example.nl"}}};
    if (options.language) anna["language"] = *options.language;
    customer = parse(agent->post("/api/v1/customers", anna.dump()))["id"].get<std::int64_t>();
    ticket = parse(agent->post("/api/v1/tickets", json{{"subject", "Internet down"},
                                                       {"requester_id", customer},
                                                       {"channel", "email"},
                                                       {"body", "My internet is down."}}
                                                      .dump()))["id"]
                 .get<std::int64_t>();
  }

  std::unique_ptr<HttpClient> admin, agent;
  std::int64_t tenant = 0, customer = 0, ticket = 0;
};

}  // namespace sp::testing

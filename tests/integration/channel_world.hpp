// A tenant "acme" (default language nl, UTC) with a webhook secret, and signed deliveries to
// its channel webhooks (/api/v1/channels/<channel>/events) as the platforms send them: the
// shared setup of the channel and phone KPI tests.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "channels/webhook.hpp"
#include "test_server.hpp"

namespace sp::testing {

struct ChannelWorld {
  TestServer server;
  HttpClient platform = server.agent_client(std::nullopt, domain::Role::Admin, "root@platform.test");
  std::int64_t tenant_id = 0;
  HttpClient admin{0};
  std::string secret;
  int nonce = 0;

  ChannelWorld() {
    tenant_id = nlohmann::json::parse(
        platform.post("/api/v1/tenants", R"({"slug":"acme","name":"Acme & Co","default_language":"nl"})")
            .body)["id"];
    admin = server.agent_client(domain::TenantId{tenant_id}, domain::Role::Admin, "admin@acme.test");
    auto rotated = admin.post("/api/v1/channels/webhook-secret", "");
    EXPECT_EQ(rotated.status, 200) << rotated.body;
    secret = nlohmann::json::parse(rotated.body, nullptr, false).value("secret", std::string());
  }

  std::string now_seconds() { return std::to_string(to_unix_ms(server.clock().now()) / 1000); }

  ClientResponse webhook(const std::string& channel, const std::string& body, std::string timestamp = {},
                         std::string signature = {}, std::string used_nonce = {}) {
    if (timestamp.empty()) timestamp = now_seconds();
    if (signature.empty()) signature = channels::sign_webhook(secret, timestamp, body);
    if (used_nonce.empty()) used_nonce = "nonce-" + std::to_string(++nonce);
    HttpClient client(server.port());
    return client.request("POST", "/api/v1/channels/" + channel + "/events", body,
                          {{"X-Servicepact-Tenant", "acme"},
                           {"X-Servicepact-Timestamp", timestamp},
                           {"X-Servicepact-Nonce", used_nonce},
                           {"X-Servicepact-Signature", "sha256=" + signature}});
  }

  static std::string call(const std::string& id, const std::string& state, nlohmann::json extra = {}) {
    nlohmann::json body = {{"call_id", id},
                           {"state", state},
                           {"caller_number", "+31 6 1234 5678"},
                           {"occurred_at", "2026-11-20T10:00:00Z"}};
    for (auto& [key, value] : extra.items()) body[key] = value;
    return body.dump();
  }
};

}  // namespace sp::testing

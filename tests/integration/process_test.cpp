// The real `servicepact` binary as a separate process: killed with SIGKILL while clients
// create tickets, every ticket acknowledged with 201 must be there after a restart; and
// SIGTERM drains in-flight requests and exits cleanly.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace sp::testing {
namespace {

using nlohmann::json;

TempDir fresh_dir() {
  return TempDir("sp-process");
}

int run_cli(const std::string& args) {
  return std::system((std::string(SP_BINARY_PATH) + " " + args + " >/dev/null").c_str());
}

// Creates an admin, logs in, and makes a tenant and a customer; returns a ready client.
HttpClient prepare(std::uint16_t port, std::int64_t& customer_id, std::int64_t& tenant_id) {
  HttpClient client(port);
  auto login =
      client.post("/api/v1/auth/login", R"({"email":"root@crash.test","password":"correct horse battery"})");
  EXPECT_EQ(login.status, 200) << login.body;
  std::string cookie = login.header("set-cookie");
  client.cookie = cookie.substr(0, cookie.find(';'));
  client.csrf = json::parse(login.body)["csrf_token"];
  auto tenant = json::parse(client.post("/api/v1/tenants", R"({"slug":"crash","name":"Crash"})").body);
  auto customer =
      client.post("/api/v1/customers", json{{"tenant_id", tenant["id"]}, {"name", "Survivor"}}.dump());
  customer_id = json::parse(customer.body)["id"];
  tenant_id = tenant["id"];
  return client;
}

// Creates tickets from `threads` clients until `stop`; records each acknowledged one.
void hammer(const HttpClient& client, std::int64_t customer_id, std::int64_t tenant_id, int threads,
            std::atomic<bool>& stop, std::mutex& mutex, std::map<std::int64_t, std::string>& acknowledged) {
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int idx = 0; !stop; ++idx) {
        std::string subject = "crash " + std::to_string(t) + "/" + std::to_string(idx);
        auto response = client.post("/api/v1/tickets", json{{"subject", subject},
                                                            {"requester_id", customer_id},
                                                            {"tenant_id", tenant_id},
                                                            {"body", "body of " + subject}}
                                                           .dump());
        if (response.status == 201) {
          std::lock_guard lock(mutex);
          acknowledged[json::parse(response.body)["id"].get<std::int64_t>()] = subject;
        } else if (response.status == 0) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      }
    });
  }
  for (auto& w : workers) w.join();
}

void expect_all_present(std::uint16_t port, const std::map<std::int64_t, std::string>& acknowledged) {
  HttpClient client(port);
  auto login =
      client.post("/api/v1/auth/login", R"({"email":"root@crash.test","password":"correct horse battery"})");
  ASSERT_EQ(login.status, 200);
  std::string cookie = login.header("set-cookie");
  client.cookie = cookie.substr(0, cookie.find(';'));
  for (const auto& [id, subject] : acknowledged) {
    auto ticket = client.get("/api/v1/tickets/" + std::to_string(id));
    ASSERT_EQ(ticket.status, 200) << "acknowledged ticket " << id << " was lost";
    EXPECT_EQ(json::parse(ticket.body)["subject"], subject);
    auto messages = json::parse(client.get("/api/v1/tickets/" + std::to_string(id) + "/messages").body);
    ASSERT_EQ(messages["items"].size(), 1u);
    EXPECT_EQ(messages["items"][0]["body"], "body of " + subject);
    auto events = json::parse(client.get("/api/v1/tickets/" + std::to_string(id) + "/events").body);
    EXPECT_EQ(events["items"].size(), 2u);
  }
}

TEST(Process, SigkillLosesNoAcknowledgedTicket) {
  auto kept = fresh_dir();
  const auto& dir = kept.path();
  ASSERT_EQ(run_cli("admin create --email root@crash.test --password 'correct horse battery' --data " +
                    dir.string()),
            0);
  std::map<std::int64_t, std::string> acknowledged;
  {
    ServerProcess server(dir);
    ASSERT_NE(server.port(), 0);
    std::int64_t customer_id = 0, tenant_id = 0;
    auto client = prepare(server.port(), customer_id, tenant_id);
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::thread load([&] { hammer(client, customer_id, tenant_id, 8, stop, mutex, acknowledged); });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(server.stop(SIGKILL), 128 + SIGKILL);
    stop = true;
    load.join();
  }
  ASSERT_GT(acknowledged.size(), 20u) << "the load did not get going";
  ServerProcess restarted(dir);
  ASSERT_NE(restarted.port(), 0);
  expect_all_present(restarted.port(), acknowledged);
}

TEST(Process, SigtermDrainsInFlightRequestsAndExitsCleanly) {
  auto kept = fresh_dir();
  const auto& dir = kept.path();
  ASSERT_EQ(run_cli("admin create --email root@crash.test --password 'correct horse battery' --data " +
                    dir.string()),
            0);
  std::map<std::int64_t, std::string> acknowledged;
  {
    ServerProcess server(dir);
    std::int64_t customer_id = 0, tenant_id = 0;
    auto client = prepare(server.port(), customer_id, tenant_id);
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::thread load([&] { hammer(client, customer_id, tenant_id, 8, stop, mutex, acknowledged); });
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    EXPECT_EQ(server.stop(SIGTERM), 0);
    stop = true;
    load.join();
  }
  ASSERT_GT(acknowledged.size(), 10u);
  ServerProcess restarted(dir);
  expect_all_present(restarted.port(), acknowledged);
}

TEST(Process, CliReportsBadInputClearly) {
  auto kept = fresh_dir();
  const auto& dir = kept.path();
  EXPECT_NE(run_cli("admin create --email root@crash.test --password short --data " + dir.string() +
                    " 2>/dev/null"),
            0);
  EXPECT_NE(run_cli("serve --listen nonsense --data " + dir.string() + " 2>/dev/null"), 0);
  EXPECT_EQ(run_cli("migrate --data " + dir.string()), 0);
  EXPECT_EQ(run_cli("version"), 0);
}

}  // namespace
}  // namespace sp::testing

// Starts the application as the binary wires it (app/wiring) with its HTTP server in-process
// on 127.0.0.1:0, over a fresh SQLite file in a temporary folder; stops it gracefully on
// destruction.
#pragma once

#include <filesystem>
#include <functional>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/mail_runtime.hpp"
#include "app/wiring.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "jobs/sla_scheduler.hpp"
#include "service/helpdesk.hpp"
#include "service/kpi_aggregator.hpp"
#include "service/report_schedule_service.hpp"
#include "service/report_service.hpp"
#include "service/sla_service.hpp"
#include "storage/store.hpp"
#include "support/fake_clock.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

namespace sp::testing {

class TestServer {
 public:
  // A fresh database in a new temporary folder, or (with `dir`) the database a previous
  // TestServer left there, as after a restart. `start` is the fake clock's time. The
  // application is the binary's own (app/wiring), with a fake clock, cheap password hashing
  // and sign-in links in answers; background jobs do not run (tests drive them).
  explicit TestServer(std::optional<std::filesystem::path> dir = std::nullopt,
                      Timestamp start = from_unix_seconds(1'795'000'000),
                      http::ServerOptions server_options = {},
                      const std::function<void(app::Config&)>& configure = {})
      : dir_(dir ? TempDir::keep(*dir) : TempDir("servicepact-test")), clock_(start) {
    config_.data_dir = dir_.path().string();
    config_.demo = true;  // portal sign-in links come back in the answer
    config_.worker_threads = 16;
    if (configure) configure(config_);  // e.g. a mail desk for a tenant made in an earlier run
    app::WiringOptions options;
    options.clock = &clock_;
    options.fast_password_hashing = true;
    options.survey_invitations = false;  // see enable_survey_invitations
    options.web_pages = false;
    options.log_database = false;
    app_ = app::Application::open(config_, options).value();
    server_options.host = "127.0.0.1";
    server_options.port = 0;
    server_options.worker_threads = 16;
    port_ = app_->listen(server_options).value();
    thread_ = std::thread([this] { app_->run(false); });
  }

  ~TestServer() {
    app_->stop();
    thread_.join();
    app_.reset();
  }

  std::uint16_t port() const { return port_; }
  HttpClient client() const { return HttpClient(port_); }
  storage::Store& store() { return app_->store(); }
  service::HelpdeskService& service() { return app_->helpdesk(); }
  http::Api& api() { return app_->api(); }
  FakeClock& clock() { return clock_; }
  service::SlaService& sla() { return app_->sla(); }
  service::ReportScheduleService& report_schedules() { return app_->report_schedules(); }
  service::KpiAggregator& kpi_aggregator() { return app_->kpi_aggregator(); }
  jobs::SlaScheduler& scheduler() { return app_->sla_scheduler(); }
  app::Application& application() { return *app_; }
  const std::filesystem::path& dir() const { return dir_.path(); }

  // Issue 8: the survey link in the closing message on solving and in the portal's ticket
  // view. Off by default (tests that count messages or issue links stay as they were); call
  // before the first request.
  void enable_survey_invitations(std::string public_url) {
    app_->enable_survey_invitations(std::move(public_url));
  }

  // Creates an agent directly and returns a client logged in with an API token.
  HttpClient agent_client(std::optional<domain::TenantId> tenant, domain::Role role, const std::string& email,
                          std::optional<domain::TeamId> team = std::nullopt) {
    service::NewAgentInput input;
    input.team_id = team;
    input.tenant_id = tenant;
    input.email = email;
    input.name = "Test " + email;
    input.password = "correct horse battery";
    input.role = role;
    auto agent = app_->helpdesk().bootstrap_agent(input).value();
    service::Principal principal{agent, storage::Scope{agent.tenant_id}, true, {}};
    HttpClient client(port_);
    client.bearer = app_->helpdesk().create_api_token(principal, "test").value();
    return client;
  }

 private:
  TempDir dir_;
  FakeClock clock_;
  app::Config config_;
  std::unique_ptr<app::Application> app_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

}  // namespace sp::testing

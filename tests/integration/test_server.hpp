// Starts the real API and Beast server in-process on 127.0.0.1:0 over a fresh SQLite file
// in a temporary folder; stops it gracefully on destruction.
#pragma once

#include <filesystem>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "http/api.hpp"
#include "http/server.hpp"
#include "http/channel_routes.hpp"
#include "http/charter_routes.hpp"
#include "http/report_run_routes.hpp"
#include "http/feedback_routes.hpp"
#include "http/improvement_routes.hpp"
#include "http/portal_routes.hpp"
#include "http/report_routes.hpp"
#include "http/sla_routes.hpp"
#include "http/staffing_routes.hpp"
#include "http/survey_routes.hpp"
#include "jobs/sla_scheduler.hpp"
#include "service/change_feed.hpp"
#include "service/portal.hpp"
#include "service/report_service.hpp"
#include "service/sla_service.hpp"
#include "service/staffing_service.hpp"
#include "service/survey_service.hpp"
#include "service/helpdesk.hpp"
#include "storage/sqlite/sqlite_report_run_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/sqlite_kpi_store.hpp"
#include "storage/sqlite/sqlite_improvement_store.hpp"
#include "storage/sqlite/sqlite_survey_store.hpp"
#include "support/fake_clock.hpp"
#include "support/http_client.hpp"

namespace sp::testing {

class TestServer {
 public:
  // A fresh database in a new temporary folder, or (with `dir`) the database a previous
  // TestServer left there, as after a restart. `start` is the fake clock's time.
  explicit TestServer(std::optional<std::filesystem::path> dir = std::nullopt,
                      Timestamp start = from_unix_seconds(1'795'000'000),
                      http::ServerOptions server_options = {})
      : clock_(start) {
    std::random_device rd;
    keep_dir_ = dir.has_value();
    dir_ = dir ? *dir
               : std::filesystem::temp_directory_path() /
                     ("servicepact-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    storage::sqlite::SqliteOptions options;
    options.path = (dir_ / "servicepact.db").string();
    options.observer = &metrics_;
    store_ = storage::sqlite::SqliteStore::open(options).value();
    (void)store_->migrate().value();
    service_ = std::make_unique<service::HelpdeskService>(*store_, clock_, hasher_);
    sla_ = std::make_unique<service::SlaService>(*store_, *store_, clock_);
    service_->add_observer(sla_.get());
    service_->add_observer(&feed_);
    sla_->set_escalation_observer(&feed_);
    scheduler_ = std::make_unique<jobs::SlaScheduler>(*sla_, clock_);
    api_ = std::make_unique<http::Api>(*service_, metrics_);
    http::register_sla_routes(*api_, *sla_);
    staffing_ = std::make_unique<service::StaffingService>(*store_, store_.get());
    http::register_staffing_routes(*api_, *staffing_);
    survey_store_ = std::make_unique<storage::sqlite::SqliteSurveyStore>(*store_);
    reports_ = std::make_unique<service::ReportService>(*store_, *store_, *sla_, survey_store_.get());
    kpi_store_ = std::make_unique<storage::sqlite::SqliteKpiStore>(*store_);
    kpi_aggregator_ = std::make_unique<service::KpiAggregator>(*store_, *kpi_store_, *store_, *sla_,
                                                               survey_store_.get(), clock_,
                                                               service::charter_report_rules(*store_));
    service_->add_observer(kpi_aggregator_.get());
    sla_->set_notice_observer([this](domain::TenantId tenant, domain::TicketId ticket) {
      kpi_aggregator_->mark(tenant, ticket);
    });
    reports_->set_aggregates(kpi_store_.get(), kpi_aggregator_.get());
    reports_->set_tenant_rules(service::charter_report_rules(*store_));
    http::register_report_routes(*api_, *reports_);
    charters_ = std::make_unique<service::CharterService>(*store_, *reports_, clock_);
    http::register_charter_routes(*api_, *charters_);
    improvement_store_ = std::make_unique<storage::sqlite::SqliteImprovementStore>(*store_);
    improvements_ = std::make_unique<service::ImprovementService>(*store_, *improvement_store_, clock_);
    charters_->set_improvements(improvements_.get());
    http::register_improvement_routes(*api_, *improvements_);
    report_runs_ = std::make_unique<storage::sqlite::SqliteReportRunStore>(*store_);
    report_schedules_ = std::make_unique<service::ReportScheduleService>(
        *store_, *report_runs_, *reports_, clock_, sla_.get(), survey_store_.get());
    http::register_report_run_routes(*api_, *report_schedules_);
    http::register_feedback_routes(*api_, *report_schedules_);
    surveys_ = std::make_unique<service::SurveyService>(*service_, *survey_store_);
    surveys_->set_answer_observer([this](domain::TenantId tenant, domain::TicketId ticket) {
      kpi_aggregator_->mark(tenant, ticket);
    });
    http::register_survey_routes(*api_, *surveys_);
    portal_ = std::make_unique<service::PortalService>(*service_);
    http::PortalOptions portal_options;
    portal_options.demo_mode = true;  // sign-in links come back in the answer
    portal_options.survey_url = [this](const domain::Ticket& ticket) -> std::optional<std::string> {
      if (!survey_inviter_) return std::nullopt;  // see enable_survey_invitations
      auto link = surveys_->open_link(ticket);
      if (!link || !*link) return std::nullopt;
      return survey_public_url_ + (*link)->path;
    };
    http::register_portal_routes(*api_, *portal_, feed_, portal_options);
    http::register_stream_routes(*api_, feed_);
    webhooks_ = std::make_unique<intake::WebhookIntake>(*service_, *store_);
    forms_ = std::make_unique<intake::FormIntake>(*service_);
    http::register_channel_routes(*api_, *webhooks_, *forms_);
    server_options.host = "127.0.0.1";
    server_options.port = 0;
    server_options.worker_threads = 16;
    server_ = std::make_unique<http::Server>(
        server_options, [this](const http::HttpRequest& r) { return api_->handle(r); });
    server_->set_on_drain([this] { api_->set_draining(); });
    port_ = server_->listen().value();
    thread_ = std::thread([this] { server_->run(false); });
  }

  ~TestServer() {
    server_->stop();
    thread_.join();
    server_.reset();
    api_.reset();
    scheduler_.reset();
    portal_.reset();
    survey_inviter_.reset();
    forms_.reset();
    webhooks_.reset();
    surveys_.reset();
    report_schedules_.reset();
    report_runs_.reset();
    improvements_.reset();
    improvement_store_.reset();
    charters_.reset();
    reports_.reset();
    survey_store_.reset();
    staffing_.reset();
    sla_.reset();
    service_.reset();
    kpi_aggregator_.reset();
    kpi_store_.reset();
    store_.reset();
    std::error_code ec;
    if (!keep_dir_) std::filesystem::remove_all(dir_, ec);
  }

  std::uint16_t port() const { return port_; }
  HttpClient client() const { return HttpClient(port_); }
  storage::Store& store() { return *store_; }
  service::HelpdeskService& service() { return *service_; }
  http::Api& api() { return *api_; }
  FakeClock& clock() { return clock_; }
  service::SlaService& sla() { return *sla_; }
  service::ReportScheduleService& report_schedules() { return *report_schedules_; }
  service::KpiAggregator& kpi_aggregator() { return *kpi_aggregator_; }
  jobs::SlaScheduler& scheduler() { return *scheduler_; }
  const std::filesystem::path& dir() const { return dir_; }

  // Issue 8: the survey link in the closing message on solving and in the portal's ticket
  // view. Off by default (tests that count messages or issue links stay as they were); call
  // before the first request.
  void enable_survey_invitations(std::string public_url) {
    survey_public_url_ = std::move(public_url);
    survey_inviter_ = std::make_unique<service::SurveyInviter>(*service_, *surveys_, survey_public_url_);
    service_->add_observer(survey_inviter_.get());
  }

  // Creates an agent directly and returns a client logged in with an API token.
  HttpClient agent_client(std::optional<domain::TenantId> tenant, domain::Role role,
                          const std::string& email) {
    service::NewAgentInput input;
    input.tenant_id = tenant;
    input.email = email;
    input.name = "Test " + email;
    input.password = "correct horse battery";
    input.role = role;
    auto agent = service_->bootstrap_agent(input).value();
    service::Principal principal{agent, storage::Scope{agent.tenant_id}, true, {}};
    HttpClient client(port_);
    client.bearer = service_->create_api_token(principal, "test").value();
    return client;
  }

 private:
  std::filesystem::path dir_;
  bool keep_dir_ = false;
  FakeClock clock_;
  service::Argon2idHasher hasher_{service::Argon2idHasher::Strength::Minimum};
  http::Metrics metrics_;
  std::unique_ptr<storage::sqlite::SqliteStore> store_;
  std::unique_ptr<service::HelpdeskService> service_;
  std::unique_ptr<service::SlaService> sla_;
  std::unique_ptr<service::StaffingService> staffing_;
  std::unique_ptr<service::ReportService> reports_;
  std::unique_ptr<storage::sqlite::SqliteKpiStore> kpi_store_;
  std::unique_ptr<service::KpiAggregator> kpi_aggregator_;
  std::unique_ptr<service::CharterService> charters_;
  std::unique_ptr<storage::sqlite::SqliteImprovementStore> improvement_store_;
  std::unique_ptr<service::ImprovementService> improvements_;
  std::unique_ptr<storage::sqlite::SqliteReportRunStore> report_runs_;
  std::unique_ptr<service::ReportScheduleService> report_schedules_;
  std::unique_ptr<storage::sqlite::SqliteSurveyStore> survey_store_;
  std::unique_ptr<service::SurveyService> surveys_;
  std::unique_ptr<service::SurveyInviter> survey_inviter_;
  std::string survey_public_url_;
  service::ChangeFeed feed_;
  std::unique_ptr<service::PortalService> portal_;
  std::unique_ptr<intake::WebhookIntake> webhooks_;
  std::unique_ptr<intake::FormIntake> forms_;
  std::unique_ptr<jobs::SlaScheduler> scheduler_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::Server> server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

}  // namespace sp::testing

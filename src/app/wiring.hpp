// The composition root: configuration in, a built application out. The one place that
// names concrete adapters (SQLite, argon2id, the system clock) and wires every store,
// service, route and job together, in one order. `serve`, `mail-gateway`, `admin`,
// `report` and the integration tests all build the application here, so they can no longer
// drift apart (before, the test server lacked the report mailer, two jobs, static files and
// the mail routes).
//
// Opening does no work that grows with the data: it opens and migrates the database and
// constructs objects. Threads start only in start_background() (mail pollers and outbox,
// the SLA scheduler, scheduled reports, KPI upkeep) and listen()/run() (HTTP).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/config.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "demo/demo_seed.hpp"
#include "http/server.hpp"

namespace sp::http {
class Api;
class Metrics;
}  // namespace sp::http
namespace sp::jobs {
class CommitmentJob;
class QaSampleJob;
class AutomationJob;
class SlaScheduler;
class WebhookJob;
}  // namespace sp::jobs
namespace sp::webhooks {
class OutboundWebhookService;
}
namespace sp::service {
class AuditService;
class HelpdeskService;
class KpiAggregator;
class ReportScheduleService;
class ReportService;
class SlaService;
}  // namespace sp::service
namespace sp::storage {
class Store;
}
namespace sp::app {
class MailRuntime;

// What differs between the shipped binary and a test or a one-shot command.
struct WiringOptions {
  const Clock* clock = nullptr;        // null: the system clock
  bool fast_password_hashing = false;  // argon2id at its minimum cost (tests only)
  int max_readers = 0;                 // SQLite reader connections; 0: worker_threads + 10
  bool survey_invitations = true;      // the survey link in the closing message on solving
  bool web_pages = true;               // serve config.web_root (warns when it is empty)
  bool log_database = true;            // log the schema version on open
};

class Application {
 public:
  // Opens (creating the data folder) and migrates the database under config.data_dir and
  // builds every service and route. `config` must outlive the application.
  static Result<std::unique_ptr<Application>> open(const Config& config, WiringOptions options = {});
  ~Application();  // stops what runs, in reverse order of starting
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  // Seeds the demo tenants (once) with their SLA policies and improvement actions.
  Result<demo::DemoSummary> seed_demo();
  // Resolves the mail desks (tenants must exist) and starts mail, SLA timers, scheduled
  // reports and KPI upkeep.
  Result<void> start_background();
  // Binds the HTTP server (port 0: a free one) and returns its port; run() serves until
  // stop() or, with handle_signals, SIGINT/SIGTERM, then drains.
  Result<std::uint16_t> listen(const http::ServerOptions& server);
  void run(bool handle_signals);
  void stop();
  // Stops the background threads (idempotent); the destructor calls it too.
  void stop_background();

  // The survey link in the closing message, for an application opened without it (tests).
  void enable_survey_invitations(std::string public_url);

  const Clock& clock() const;
  storage::Store& store();
  service::HelpdeskService& helpdesk();
  service::SlaService& sla();
  service::ReportService& reports();
  service::ReportScheduleService& report_schedules();
  service::KpiAggregator& kpi_aggregator();
  jobs::SlaScheduler& sla_scheduler();
  webhooks::OutboundWebhookService& outbound_webhooks();
  jobs::WebhookJob& webhook_job();
  jobs::CommitmentJob& commitment_job();
  jobs::QaSampleJob& qa_sample_job();
  jobs::AutomationJob& automation_job();
  service::AuditService& audit();
  MailRuntime& mail();
  http::Api& api();
  http::Metrics& metrics();

 private:
  struct Parts;
  explicit Application(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace sp::app

#include "app/wiring.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "app/mail_runtime.hpp"
#include "app/system_clock.hpp"
#include "demo/demo_improvements.hpp"
#include "demo/demo_sla.hpp"
#include "http/api.hpp"
#include "http/channel_routes.hpp"
#include "http/charter_routes.hpp"
#include "http/feedback_routes.hpp"
#include "http/automation_routes.hpp"
#include "http/commitment_routes.hpp"
#include "http/qa_routes.hpp"
#include "http/privacy_routes.hpp"
#include "http/conduct_routes.hpp"
#include "http/macro_routes.hpp"
#include "http/search_routes.hpp"
#include "http/improvement_routes.hpp"
#include "http/mail_routes.hpp"
#include "http/attachment_routes.hpp"
#include "http/notification_routes.hpp"
#include "http/phone_routes.hpp"
#include "http/portal_routes.hpp"
#include "http/report_routes.hpp"
#include "http/report_run_routes.hpp"
#include "http/sla_routes.hpp"
#include "http/staffing_routes.hpp"
#include "http/static_files.hpp"
#include "http/survey_routes.hpp"
#include "http/webhook_routes.hpp"
#include "intake/form_intake.hpp"
#include "intake/webhook_intake.hpp"
#include "outbound/notification_mailer.hpp"
#include "outbound/report_mailer.hpp"
#include "jobs/automation_job.hpp"
#include "jobs/commitment_job.hpp"
#include "jobs/qa_sample_job.hpp"
#include "jobs/search_backfill_job.hpp"
#include "jobs/kpi_job.hpp"
#include "jobs/report_job.hpp"
#include "jobs/sla_scheduler.hpp"
#include "jobs/webhook_job.hpp"
#include "service/change_feed.hpp"
#include "service/charter_service.hpp"
#include "service/helpdesk.hpp"
#include "service/portal.hpp"
#include "service/report_service.hpp"
#include "service/sla_service.hpp"
#include "service/staffing_service.hpp"
#include "service/survey_service.hpp"
#include "storage/sqlite/sqlite_automation_store.hpp"
#include "storage/sqlite/sqlite_commitment_store.hpp"
#include "storage/sqlite/sqlite_qa_store.hpp"
#include "storage/sqlite/sqlite_audit_store.hpp"
#include "storage/sqlite/sqlite_conduct_store.hpp"
#include "storage/sqlite/sqlite_notification_store.hpp"
#include "storage/sqlite/sqlite_macro_store.hpp"
#include "storage/sqlite/sqlite_search_store.hpp"
#include "storage/sqlite/sqlite_improvement_store.hpp"
#include "storage/sqlite/sqlite_kpi_store.hpp"
#include "storage/sqlite/sqlite_outbound_webhook_store.hpp"
#include "storage/sqlite/sqlite_report_run_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/sqlite_survey_store.hpp"
#include "search/search_terms.hpp"
#include "webhooks/webhook_event_recorder.hpp"

namespace sp::app {

// Members in the order they are built: each may refer to those above it, and they are
// destroyed bottom-up.
struct Application::Parts {
  const Config& config;
  WiringOptions options;
  SystemClock system_clock;
  const Clock& clock;
  std::string public_url;  // base of links in mail and pages, without a trailing '/'
  service::Argon2idHasher hasher;
  http::Metrics metrics;
  std::unique_ptr<storage::sqlite::SqliteStore> store;
  std::unique_ptr<service::HelpdeskService> helpdesk;
  std::unique_ptr<service::SlaService> sla;
  service::ChangeFeed feed;
  std::unique_ptr<MailRuntime> mail;
  std::unique_ptr<http::Api> api;
  std::unique_ptr<service::StaffingService> staffing;
  std::unique_ptr<storage::sqlite::SqliteSurveyStore> survey_store;
  std::unique_ptr<service::ReportService> reports;
  std::unique_ptr<storage::sqlite::SqliteKpiStore> kpi_store;
  std::unique_ptr<service::KpiAggregator> kpi_aggregator;
  std::unique_ptr<service::CharterService> charters;
  std::unique_ptr<storage::sqlite::SqliteImprovementStore> improvement_store;
  std::unique_ptr<service::ImprovementService> improvements;
  std::unique_ptr<storage::sqlite::SqliteConductStore> conduct_store;
  std::unique_ptr<service::ConductService> conduct;
  std::unique_ptr<storage::sqlite::SqliteNotificationStore> notification_store;
  std::unique_ptr<service::NotificationService> notifications;
  std::unique_ptr<service::PresenceService> presence;
  std::unique_ptr<storage::sqlite::SqliteCommitmentStore> commitment_store;
  std::unique_ptr<service::CommitmentService> commitments;
  std::unique_ptr<jobs::CommitmentJob> commitment_job;
  std::unique_ptr<storage::sqlite::SqliteQaStore> qa_store;
  std::unique_ptr<service::QaService> qa;
  std::unique_ptr<jobs::QaSampleJob> qa_sample_job;
  std::unique_ptr<storage::sqlite::SqliteAuditStore> audit_store;  // issue 19
  std::unique_ptr<service::AuditService> audit;
  std::unique_ptr<http::ApiAuditHook> audit_hook;
  std::unique_ptr<storage::sqlite::SqliteMacroStore> macro_store;
  std::unique_ptr<service::MacroService> macros;
  std::unique_ptr<storage::sqlite::SqliteAutomationStore> automation_store;
  std::unique_ptr<service::AutomationService> automations;
  std::unique_ptr<jobs::AutomationJob> automation_job;
  std::unique_ptr<storage::sqlite::SqliteSearchStore> search_store;
  std::unique_ptr<service::SearchService> search;
  std::unique_ptr<jobs::SearchBackfillJob> search_backfill;
  std::unique_ptr<storage::sqlite::SqliteReportRunStore> report_runs;
  std::unique_ptr<service::ReportScheduleService> report_schedules;
  std::unique_ptr<outbound::ReportMailer> report_mailer;
  std::unique_ptr<service::SurveyService> surveys;
  std::unique_ptr<service::SurveyInviter> survey_inviter;
  std::unique_ptr<service::PortalService> portal;
  std::unique_ptr<http::AttachmentRoutes> attachment_routes;
  std::unique_ptr<intake::WebhookIntake> webhooks;
  std::unique_ptr<intake::FormIntake> forms;
  std::unique_ptr<jobs::SlaScheduler> sla_scheduler;
  std::unique_ptr<jobs::ReportJob> report_job;
  std::unique_ptr<jobs::KpiJob> kpi_job;
  std::unique_ptr<storage::sqlite::SqliteOutboundWebhookStore> outbound_webhook_store;
  std::unique_ptr<webhooks::OutboundWebhookService> outbound_webhooks;
  std::unique_ptr<webhooks::WebhookEventRecorder> webhook_recorder;
  std::unique_ptr<webhooks::CurlWebhookPoster> webhook_poster;
  std::unique_ptr<jobs::WebhookJob> webhook_job;
  std::unique_ptr<http::Server> server;
  bool background_started = false;

  Parts(const Config& config_in, WiringOptions options_in)
      : config(config_in),
        options(options_in),
        clock(options_in.clock ? *options_in.clock : system_clock),
        hasher(options_in.fast_password_hashing ? service::Argon2idHasher::Strength::Minimum
                                                : service::Argon2idHasher::Strength::Interactive) {
    public_url = config.public_url.empty() ? "http://" + config.listen : config.public_url;
    while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
  }
};

namespace {

Result<std::unique_ptr<storage::sqlite::SqliteStore>> open_store(const Config& config,
                                                                 const WiringOptions& options,
                                                                 storage::CommitObserver* observer) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) return unavailable("cannot create data folder " + config.data_dir + ": " + ec.message());
  storage::sqlite::SqliteOptions store_options;
  store_options.path = (std::filesystem::path(config.data_dir) / "servicepact.db").string();
  store_options.synchronous = config.synchronous;
  store_options.observer = observer;
  // The full-text index stores src/search's terms, in the customer's language (migration 20).
  store_options.search_terms = [](std::string_view text, std::string_view language) {
    auto parsed = domain::parse_language(language);
    return search::index_text(text, parsed ? *parsed : domain::Language::En);
  };
  // Workers, the SLA scheduler's refresh threads and a spare each get a reader.
  store_options.max_readers = options.max_readers > 0 ? options.max_readers : config.worker_threads + 10;
  auto store = storage::sqlite::SqliteStore::open(store_options);
  if (!store) return store.error();
  auto version = (*store)->migrate();
  if (!version) return version.error();
  if (options.log_database) spdlog::info("database {} at schema version {}", store_options.path, *version);
  return std::move(*store);
}

}  // namespace

Result<std::unique_ptr<Application>> Application::open(const Config& config, WiringOptions options) {
  auto parts = std::make_unique<Parts>(config, options);
  Parts& p = *parts;
  auto store = open_store(config, options, &p.metrics);
  if (!store) return store.error();
  p.store = std::move(*store);
  storage::sqlite::SqliteStore& db = *p.store;

  p.helpdesk = std::make_unique<service::HelpdeskService>(db, p.clock, p.hasher);
  p.sla = std::make_unique<service::SlaService>(db, db, p.clock);
  p.helpdesk->add_observer(p.sla.get());
  p.helpdesk->add_observer(&p.feed);
  p.sla->set_escalation_observer(&p.feed);
  p.mail = std::make_unique<MailRuntime>(config, db, *p.helpdesk, p.sla.get(), p.clock);

  http::ApiOptions api_options;
  api_options.secure_cookies = config.secure_cookies;
  api_options.max_body_bytes = config.max_body_bytes;
  p.api = std::make_unique<http::Api>(*p.helpdesk, p.metrics, api_options);
  http::Api& api = *p.api;
  http::register_sla_routes(api, *p.sla);
  p.staffing = std::make_unique<service::StaffingService>(db, &db);
  http::register_staffing_routes(api, *p.staffing);

  p.survey_store = std::make_unique<storage::sqlite::SqliteSurveyStore>(db);
  p.reports = std::make_unique<service::ReportService>(db, db, *p.sla, p.survey_store.get());
  // KPI aggregates: every ticket change is re-measured within half a second (KpiJob), and
  // SLA notices (a breach changes no ticket) and survey answers mark the ticket too.
  p.kpi_store = std::make_unique<storage::sqlite::SqliteKpiStore>(db);
  p.kpi_aggregator = std::make_unique<service::KpiAggregator>(
      db, *p.kpi_store, db, *p.sla, p.survey_store.get(), p.clock, service::charter_report_rules(db));
  service::KpiAggregator& aggregator = *p.kpi_aggregator;
  p.helpdesk->add_observer(&aggregator);
  // Outbound webhooks: events are queued by the recorder, told what the helpdesk, the SLA
  // engine and surveys recorded (the SLA notice and survey answer observers below).
  p.outbound_webhook_store = std::make_unique<storage::sqlite::SqliteOutboundWebhookStore>(db);
  p.outbound_webhooks =
      std::make_unique<webhooks::OutboundWebhookService>(db, *p.outbound_webhook_store, p.clock);
  p.webhook_recorder =
      std::make_unique<webhooks::WebhookEventRecorder>(*p.outbound_webhooks, db, db, p.survey_store.get());
  webhooks::WebhookEventRecorder& recorder = *p.webhook_recorder;
  p.helpdesk->add_observer(&recorder);
  p.sla->set_notice_observer([&aggregator, &recorder, &p](domain::TenantId tenant, domain::TicketId ticket) {
    aggregator.mark(tenant, ticket);
    recorder.sla_notices_fired(tenant, ticket);
    if (p.notifications) p.notifications->sla_notices_fired(tenant, ticket);
  });
  p.reports->set_aggregates(p.kpi_store.get(), &aggregator);
  p.reports->set_tenant_rules(service::charter_report_rules(db));
  http::register_report_routes(api, *p.reports);

  p.charters = std::make_unique<service::CharterService>(db, *p.reports, p.clock);
  http::register_charter_routes(api, *p.charters);
  p.improvement_store = std::make_unique<storage::sqlite::SqliteImprovementStore>(db);
  p.improvements = std::make_unique<service::ImprovementService>(db, *p.improvement_store, p.clock);
  p.charters->set_improvements(p.improvements.get());
  http::register_improvement_routes(api, *p.improvements);
  // The conduct check (issue 18): gate on sending, findings stored with each agent reply.
  p.conduct_store = std::make_unique<storage::sqlite::SqliteConductStore>(db);
  p.conduct = std::make_unique<service::ConductService>(*p.helpdesk, *p.conduct_store, *p.sla, p.clock);
  p.helpdesk->set_reply_gate(p.conduct.get());
  p.helpdesk->add_observer(p.conduct.get());
  http::register_conduct_routes(api, *p.conduct);
  // Per-agent notifications and collision detection (issue 17).
  p.notification_store = std::make_unique<storage::sqlite::SqliteNotificationStore>(db);
  p.notifications =
      std::make_unique<service::NotificationService>(*p.helpdesk, *p.notification_store, p.feed, p.clock);
  p.helpdesk->add_observer(p.notifications.get());
  p.notifications->set_mailer([&p](const domain::Agent& agent, const storage::Notification& note) {
    auto desk = p.mail->desk_for(note.tenant_id);
    if (!desk) return;
    auto sent =
        outbound::mail_notification(p.mail->outbox(), *desk, agent, note, p.public_url + "/", p.clock.now());
    if (!sent) spdlog::warn("notification {} not mailed: {}", note.id, sent.error().message);
  });
  p.sla->set_notification_observer([&p](const std::vector<storage::Notification>& notes) {
    if (p.notifications) p.notifications->mail_sla_notifications(notes);
  });
  p.presence = std::make_unique<service::PresenceService>(*p.helpdesk, p.feed, p.clock);
  http::register_notification_routes(api, *p.notifications, *p.presence, *p.sla);
  // Commitments (issue 18): kept by an agent's reply or call, broken by their job at the due time.
  p.commitment_store = std::make_unique<storage::sqlite::SqliteCommitmentStore>(db);
  p.commitments =
      std::make_unique<service::CommitmentService>(*p.helpdesk, *p.commitment_store, *p.sla, p.clock);
  p.helpdesk->add_observer(p.commitments.get());
  p.reports->set_commitments(p.commitment_store.get());
  http::register_commitment_routes(api, *p.commitments);
  p.commitment_job = std::make_unique<jobs::CommitmentJob>(*p.commitments, p.clock);
  // Quality assurance (issue 18): the daily sample (its job), scorecards, reviews, violations.
  p.qa_store = std::make_unique<storage::sqlite::SqliteQaStore>(db);
  p.qa = std::make_unique<service::QaService>(*p.helpdesk, *p.qa_store, p.clock);
  http::register_qa_routes(api, *p.qa);
  p.qa_sample_job = std::make_unique<jobs::QaSampleJob>(*p.qa, p.clock);
  // Privacy (issue 19): the scan route and the audit log, whose hook records reads and changes.
  p.audit_store = std::make_unique<storage::sqlite::SqliteAuditStore>(db, service::seal_audit_record);
  p.audit = std::make_unique<service::AuditService>(*p.audit_store, p.clock);
  http::register_privacy_routes(api, *p.audit);
  p.audit_hook = std::make_unique<http::ApiAuditHook>(*p.audit);
  api.set_audit_hook(p.audit_hook.get());
  // Macros and bulk actions (issue 17): previews and bulk changes go through update_ticket.
  p.macro_store = std::make_unique<storage::sqlite::SqliteMacroStore>(db);
  p.macros = std::make_unique<service::MacroService>(*p.helpdesk, *p.macro_store, *p.sla, p.clock);
  http::register_macro_routes(api, *p.macros);
  // Triggers and automations (issue 17): on_create/on_update rules after every helpdesk change,
  // on_time rules in their job.
  p.automation_store = std::make_unique<storage::sqlite::SqliteAutomationStore>(db);
  p.automations = std::make_unique<service::AutomationService>(*p.helpdesk, *p.automation_store, *p.sla,
                                                               *p.macros, *p.notifications, p.clock);
  p.automations->set_webhook([&p](domain::TenantId tenant, const std::string& event_id, nlohmann::json data) {
    auto queued = p.outbound_webhooks->enqueue(tenant, channels::WebhookEventType::AutomationFired, event_id,
                                               std::move(data));
    if (!queued) spdlog::warn("automation webhook not queued: {}", queued.error().message);
  });
  p.helpdesk->set_automation(p.automations.get());
  http::register_automation_routes(api, *p.automations);
  p.automation_job = std::make_unique<jobs::AutomationJob>(*p.automations, p.clock);
  // Full-text search (issue 17); older tickets are indexed in the background.
  p.search_store = std::make_unique<storage::sqlite::SqliteSearchStore>(db);
  p.search = std::make_unique<service::SearchService>(db, *p.search_store);
  http::register_search_routes(api, *p.search);
  p.search_backfill = std::make_unique<jobs::SearchBackfillJob>(*p.search);

  p.report_runs = std::make_unique<storage::sqlite::SqliteReportRunStore>(db);
  p.report_schedules = std::make_unique<service::ReportScheduleService>(
      db, *p.report_runs, *p.reports, p.clock, p.sla.get(), p.survey_store.get());
  p.report_schedules->set_commitments(p.commitment_store.get());
  // Scheduled reports are mailed to supervisors and admins of tenants with a mail desk.
  MailRuntime& mail = *p.mail;
  p.report_mailer = std::make_unique<outbound::ReportMailer>(
      db, mail.outbox(), [&mail](domain::TenantId tenant) { return mail.desk_for(tenant); }, p.clock);
  p.report_schedules->set_run_observer(
      [mailer = p.report_mailer.get()](const domain::Tenant& tenant, const storage::ReportRun& run) {
        mailer->on_run(tenant, run);
      });
  http::register_report_run_routes(api, *p.report_schedules);
  http::register_feedback_routes(api, *p.report_schedules);

  p.surveys = std::make_unique<service::SurveyService>(*p.helpdesk, *p.survey_store);
  p.surveys->set_answer_observer([&aggregator, &recorder](domain::TenantId tenant, domain::TicketId ticket) {
    aggregator.mark(tenant, ticket);
    recorder.survey_answered(tenant, ticket);
  });
  http::register_survey_routes(api, *p.surveys);

  p.portal = std::make_unique<service::PortalService>(*p.helpdesk);
  // Attachments (issue 17): on every message list, downloads, raw mail, uploads with replies.
  p.attachment_routes = std::make_unique<http::AttachmentRoutes>(mail.attachments(), *p.helpdesk, *p.portal);
  api.set_message_extras(p.attachment_routes.get());
  p.attachment_routes->register_routes(api);
  http::register_phone_routes(api, *p.commitments);  // log a call, call back
  http::PortalOptions portal_options;
  portal_options.message_extras = p.attachment_routes.get();
  portal_options.reply_with_files = [routes = p.attachment_routes.get()](
                                        http::Api::Context& ctx, const service::CustomerPrincipal& who) {
    return routes->portal_reply_with_files(ctx, who);
  };
  portal_options.demo_mode = config.demo;  // sign-in links come back in the answer
  // The portal shows "Rate this answer" once invitations are on (the inviter exists).
  portal_options.survey_url = [&p](const domain::Ticket& ticket) -> std::optional<std::string> {
    if (!p.survey_inviter) return std::nullopt;
    auto link = p.surveys->open_link(ticket);
    if (!link) {
      spdlog::warn("survey link for T-{} unavailable: {}", ticket.id.value, link.error().message);
      return std::nullopt;
    }
    if (!*link) return std::nullopt;
    return p.public_url + (*link)->path;
  };
  portal_options.send_link = [&p](const service::PortalLink& link) {
    auto desk = p.mail->desk_for(link.customer.tenant_id);
    if (!desk) return;  // no e-mail desk: only demo mode shows the link
    auto sent = p.mail->intake().send_portal_link(
        *desk, link.customer, p.public_url + "/portal#token=" + link.token, link.expires_at);
    if (!sent)
      spdlog::warn("sign-in link for customer {} not queued: {}", link.customer.id.value,
                   sent.error().message);
  };
  http::register_portal_routes(api, *p.portal, p.feed, portal_options);
  http::register_stream_routes(api, p.feed);
  http::register_mail_routes(api, mail.outbox());

  p.webhooks = std::make_unique<intake::WebhookIntake>(*p.helpdesk, db);
  p.forms = std::make_unique<intake::FormIntake>(*p.helpdesk);
  p.forms->set_acknowledger([&mail](const domain::Ticket& ticket) -> std::optional<Timestamp> {
    auto desk = mail.desk_for(ticket.tenant_id);
    if (!desk) return std::nullopt;
    auto due = mail.intake().acknowledge_contact(*desk, ticket);
    if (!due) spdlog::warn("web form T-{} not acknowledged: {}", ticket.id.value, due.error().message);
    return due ? *due : std::nullopt;
  });
  http::register_channel_routes(api, *p.webhooks, *p.forms);
  p.outbound_webhooks->set_mail(&mail.outbox(),
                                [&mail](domain::TenantId tenant) -> std::optional<webhooks::NoticeDesk> {
                                  auto desk = mail.desk_for(tenant);
                                  if (!desk) return std::nullopt;
                                  return webhooks::NoticeDesk{desk->address, desk->display_name};
                                });
  http::register_webhook_routes(api, *p.outbound_webhooks);

  if (options.web_pages) {
    auto pages = http::StaticFiles::load(config.web_root);
    if (!pages) return pages.error();
    if (pages->size() == 0) {
      spdlog::warn("no web pages under '{}' (build web/ first): serving the API only", config.web_root);
    }
    api.set_fallback([pages = std::move(*pages)](const http::HttpRequest& r) { return pages.serve(r); });
  }

  p.sla_scheduler = std::make_unique<jobs::SlaScheduler>(*p.sla, p.clock);
  p.report_job = std::make_unique<jobs::ReportJob>(*p.report_schedules, p.clock);
  p.kpi_job = std::make_unique<jobs::KpiJob>(aggregator);
  p.webhook_poster = std::make_unique<webhooks::CurlWebhookPoster>();
  p.webhook_job = std::make_unique<jobs::WebhookJob>(*p.outbound_webhooks, *p.webhook_poster);
  return std::unique_ptr<Application>(new Application(std::move(parts)));
}

Application::Application(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Application::~Application() {
  if (parts_->server) parts_->server->stop();
  stop_background();
}

Result<demo::DemoSummary> Application::seed_demo() {
  Parts& p = *parts_;
  auto seeded = demo::seed_demo(
      *p.store, [&p](std::string_view password) { return p.hasher.hash(password).value(); }, p.clock.now());
  if (!seeded)
    return Error{seeded.error().code, "demo seed failed: " + seeded.error().message, seeded.error().field,
                 seeded.error().kind};
  if (auto policies = demo::seed_demo_sla(*p.store, *p.store, p.clock.now()); !policies) {
    return Error{policies.error().code, "demo SLA seed failed: " + policies.error().message};
  }
  if (auto actions = demo::seed_demo_improvements(*p.store, *p.improvement_store, p.clock.now()); !actions) {
    return Error{actions.error().code, "demo improvement actions not seeded: " + actions.error().message};
  }
  return seeded;
}

Result<void> Application::start_background() {
  Parts& p = *parts_;
  if (p.background_started) return {};
  if (auto started = p.mail->start(); !started) return started.error();
  // Registered after the reply mailer: the other observers see a solved ticket's status
  // change before the closing message with the survey link.
  if (p.options.survey_invitations && !p.survey_inviter) enable_survey_invitations(p.public_url);
  p.sla_scheduler->start();
  p.report_job->start();
  p.kpi_job->start();
  p.webhook_job->start();
  p.commitment_job->start();
  p.qa_sample_job->start();
  p.automation_job->start();
  p.search_backfill->start();
  p.background_started = true;
  return {};
}

void Application::stop_background() {
  Parts& p = *parts_;
  p.sla_scheduler->stop();
  p.report_job->stop();
  p.kpi_job->stop();
  p.webhook_job->stop();
  p.commitment_job->stop();
  p.qa_sample_job->stop();
  p.automation_job->stop();
  p.search_backfill->stop();
  p.mail->stop();  // no polled mail may reach the survey inviter once it is gone
}

void Application::enable_survey_invitations(std::string public_url) {
  Parts& p = *parts_;
  while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
  p.public_url = std::move(public_url);
  p.survey_inviter = std::make_unique<service::SurveyInviter>(*p.helpdesk, *p.surveys, p.public_url);
  p.helpdesk->add_observer(p.survey_inviter.get());
}

Result<std::uint16_t> Application::listen(const http::ServerOptions& server) {
  Parts& p = *parts_;
  http::Api& api = *p.api;
  p.server =
      std::make_unique<http::Server>(server, [&api](const http::HttpRequest& r) { return api.handle(r); });
  p.server->set_on_drain([&api] { api.set_draining(); });
  return p.server->listen();
}

void Application::run(bool handle_signals) {
  parts_->server->run(handle_signals);
}
void Application::stop() {
  if (parts_->server) parts_->server->stop();
}

const Clock& Application::clock() const {
  return parts_->clock;
}
storage::Store& Application::store() {
  return *parts_->store;
}
service::HelpdeskService& Application::helpdesk() {
  return *parts_->helpdesk;
}
service::SlaService& Application::sla() {
  return *parts_->sla;
}
service::ReportService& Application::reports() {
  return *parts_->reports;
}
service::ReportScheduleService& Application::report_schedules() {
  return *parts_->report_schedules;
}
service::KpiAggregator& Application::kpi_aggregator() {
  return *parts_->kpi_aggregator;
}
jobs::SlaScheduler& Application::sla_scheduler() {
  return *parts_->sla_scheduler;
}
webhooks::OutboundWebhookService& Application::outbound_webhooks() {
  return *parts_->outbound_webhooks;
}
jobs::WebhookJob& Application::webhook_job() {
  return *parts_->webhook_job;
}
jobs::CommitmentJob& Application::commitment_job() {
  return *parts_->commitment_job;
}
jobs::QaSampleJob& Application::qa_sample_job() {
  return *parts_->qa_sample_job;
}
jobs::AutomationJob& Application::automation_job() {
  return *parts_->automation_job;
}
MailRuntime& Application::mail() {
  return *parts_->mail;
}
service::AuditService& Application::audit() {
  return *parts_->audit;
}
http::Api& Application::api() {
  return *parts_->api;
}
http::Metrics& Application::metrics() {
  return parts_->metrics;
}

}  // namespace sp::app

// Scheduled report runs are mailed to the tenant's supervisors and admins through the outbox
// (issue 8), driven through the real ReportScheduleService with a controlled clock.
#include "outbound/report_mailer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "channels/mime.hpp"
#include "charter/charter.hpp"
#include "charter/charter_json.hpp"
#include "intake/intake_fixture.hpp"
#include "mail/mail_servers.hpp"
#include "mail/outbox_worker.hpp"
#include "storage/sqlite/sqlite_mail_store.hpp"
#include "service/report_schedule_service.hpp"
#include "service/report_service.hpp"
#include "service/sla_service.hpp"
#include "storage/sqlite/sqlite_report_run_store.hpp"

namespace sp::outbound {

using namespace sp::intake;  // NOLINT
namespace {

TEST(ReportMailSubject, NamesWeeksByIsoWeekAndKeepsOtherLabels) {
  EXPECT_EQ(report_mail_subject("weekly_feedback", "2026-11-16/2026-11-22"),
            "[servicepact] Weekly summary 2026-W47");
  // 1 January 2027 is a Friday: its week is week 53 of 2026.
  EXPECT_EQ(report_mail_subject("weekly_feedback", "2027-01-01/2027-01-07"),
            "[servicepact] Weekly summary 2026-W53");
  EXPECT_EQ(report_mail_subject("weekly_feedback", "2025-12-29/2026-01-04"),
            "[servicepact] Weekly summary 2026-W01");
  EXPECT_EQ(report_mail_subject("monthly_sla", "2026-10"), "[servicepact] Monthly SLA report 2026-10");
  EXPECT_EQ(report_mail_subject("daily_self_check", "2026-11-22"),
            "[servicepact] Daily self-check 2026-11-22");
  EXPECT_EQ(report_mail_subject("weekly_feedback", "garbage"), "[servicepact] Weekly summary garbage");
}

TEST(ReportPdfFilename, IsSafeAndFixed) {
  EXPECT_EQ(report_pdf_filename("weekly_feedback", "2026-11-16/2026-11-22"),
            "report-weekly_feedback-2026-11-16_2026-11-22.pdf");
  EXPECT_EQ(report_pdf_filename("monthly_sla", "2026-10"), "report-monthly_sla-2026-10.pdf");
  EXPECT_EQ(report_pdf_filename("../x", "a\"b\r\n"), "report-___x-a_b__.pdf");
  EXPECT_LE(report_pdf_filename(std::string(300, 'a'), "p").size(), 100u);
}

class ReportMailerTest : public sp::testing::IntakeFixture {
 protected:
  void SetUp() override {
    IntakeFixture::SetUp();
    // Monday 23 November 2026, 09:30 UTC: the weekly summary of week 47 fell due at 09:00.
    clock_.set(*parse_rfc3339("2026-11-23T09:30:00Z"));
    add_agent("sup@acme.test", "Sanne", domain::Role::Supervisor, true);
    add_agent("admin@acme.test", "Ad", domain::Role::Admin, true);
    add_agent("agent@acme.test", "Eva", domain::Role::Agent, true);
    add_agent("gone@acme.test", "Gijs", domain::Role::Supervisor, false);
    // Another tenant's supervisor never receives this tenant's reports.
    domain::Tenant other;
    other.slug = "other";
    other.name = "Other";
    other.created_at = clock_.now();
    other_ = store_->create_tenant(other).value().id;
    add_agent("sup@other.test", "Olga", domain::Role::Supervisor, true, other_);
    auto charter = charter::example_charter();
    charter.time_zone = "UTC";
    ASSERT_TRUE(
        store_->put_setting(charter::charter_setting_key(tenant_), charter::to_json(charter).dump()).ok());
    sla_ = std::make_unique<service::SlaService>(*store_, *store_, clock_);
    reports_ = std::make_unique<service::ReportService>(*store_, *store_, *sla_, nullptr);
    runs_ = std::make_unique<storage::sqlite::SqliteReportRunStore>(*store_);
    outbox_ = std::make_unique<storage::sqlite::SqliteOutboxStore>(*store_);
    schedules_ = std::make_unique<service::ReportScheduleService>(*store_, *runs_, *reports_, clock_);
  }

  void add_agent(const std::string& email, const std::string& name, domain::Role role, bool active,
                 std::optional<domain::TenantId> tenant = std::nullopt) {
    domain::Agent agent;
    agent.tenant_id = tenant.value_or(tenant_);
    agent.email = email;
    agent.name = name;
    agent.role = role;
    agent.active = active;
    agent.created_at = clock_.now();
    ASSERT_TRUE(store_->create_agent(agent, "x").ok());
  }

  std::vector<mail::OutboundMail> queued() { return outbox_->claim_due(clock_.now(), 1000).value(); }

  domain::TenantId other_;
  std::unique_ptr<service::SlaService> sla_;
  std::unique_ptr<service::ReportService> reports_;
  std::unique_ptr<storage::sqlite::SqliteReportRunStore> runs_;
  std::unique_ptr<storage::sqlite::SqliteOutboxStore> outbox_;
  std::unique_ptr<service::ReportScheduleService> schedules_;
};

TEST_F(ReportMailerTest, EachNewRunIsQueuedOncePerSupervisorAndAdminWithThePdfAttached) {
  MailDesk desk;
  desk.tenant = tenant_;
  desk.address = "support@acme.test";
  desk.display_name = "Acme support";
  ReportMailer mailer(
      *store_, *outbox_,
      [&](domain::TenantId tenant) -> std::optional<MailDesk> {
        if (tenant == tenant_) return desk;
        return std::nullopt;
      },
      clock_);
  int observed = 0;
  schedules_->set_run_observer([&](const domain::Tenant& tenant, const storage::ReportRun& run) {
    ++observed;
    mailer.on_run(tenant, run);
  });
  auto produced = schedules_->run_due(clock_.now());
  ASSERT_TRUE(produced.ok()) << produced.error().message;
  ASSERT_GT(*produced, 0);
  EXPECT_EQ(observed, *produced);

  auto rows = queued();
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(2 * *produced));  // supervisor + admin per run
  std::set<std::string> recipients;
  bool weekly_seen = false;
  for (const auto& row : rows) {
    EXPECT_EQ(row.tenant, tenant_);
    EXPECT_FALSE(row.ticket.has_value());
    EXPECT_EQ(row.envelope_from, "support@acme.test");
    ASSERT_EQ(row.recipients.size(), 1u);
    recipients.insert(row.recipients[0]);
    auto parsed = channels::parse_mail(row.raw);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->from.address, "support@acme.test");
    ASSERT_EQ(parsed->to.size(), 1u);
    EXPECT_EQ(parsed->to[0].address, row.recipients[0]);
    EXPECT_EQ(parsed->subject.rfind("[servicepact] ", 0), 0u) << parsed->subject;
    EXPECT_EQ(parsed->auto_signals.auto_submitted, "auto-replied");
    EXPECT_FALSE(parsed->text.empty());
    ASSERT_TRUE(parsed->html.has_value());
    ASSERT_EQ(parsed->attachments.size(), 1u);
    EXPECT_EQ(parsed->attachments[0].content_type, "application/pdf");
    EXPECT_EQ(parsed->attachments[0].bytes.rfind("%PDF-", 0), 0u);
    EXPECT_EQ(parsed->attachments[0].filename.rfind("report-", 0), 0u);
    if (parsed->subject == "[servicepact] Weekly summary 2026-W47") {
      weekly_seen = true;
      EXPECT_EQ(parsed->attachments[0].filename, "report-weekly_feedback-2026-11-16_2026-11-22.pdf");
    }
  }
  EXPECT_TRUE(weekly_seen);
  EXPECT_EQ(recipients, (std::set<std::string>{"sup@acme.test", "admin@acme.test"}));

  // A second pass at the same instant stores nothing new and mails nothing again.
  auto again = schedules_->run_due(clock_.now());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  EXPECT_TRUE(queued().empty());
}

TEST_F(ReportMailerTest, TenantWithoutDeskGetsNoMail) {
  ReportMailer mailer(
      *store_, *outbox_, [](domain::TenantId) { return std::optional<MailDesk>{}; }, clock_);
  schedules_->set_run_observer(
      [&](const domain::Tenant& tenant, const storage::ReportRun& run) { mailer.on_run(tenant, run); });
  auto produced = schedules_->run_due(clock_.now());
  ASSERT_TRUE(produced.ok());
  EXPECT_GT(*produced, 0);
  EXPECT_TRUE(queued().empty());
}

}  // namespace
}  // namespace sp::outbound

// Through the real SMTP sink (scripts/mailtest/): the queued report mail is delivered as
// composed and the PDF survives the trip.
namespace sp::outbound {

using namespace sp::intake;  // NOLINT
namespace {

class ReportMailerSmtpTest : public mail::testing::MailServerTest {};

TEST_F(ReportMailerSmtpTest, QueuedReportIsDeliveredWithItsPdf) {
  sp::testing::TempDir dir("sp-report-mail");
  storage::sqlite::SqliteOptions options;
  options.path = (dir / "servicepact.db").string();
  auto store = storage::sqlite::SqliteStore::open(options).value();
  ASSERT_TRUE(store->migrate().ok());
  sp::testing::FakeClock clock(from_unix_seconds(1'795'000'000));
  domain::Tenant tenant;
  tenant.slug = "acme";
  tenant.name = "Acme";
  tenant.created_at = clock.now();
  tenant = store->create_tenant(tenant).value();
  domain::Agent agent;
  agent.tenant_id = tenant.id;
  agent.email = "sup@acme.test";
  agent.name = "Sanne";
  agent.role = domain::Role::Supervisor;
  agent.created_at = clock.now();
  ASSERT_TRUE(store->create_agent(agent, "x").ok());
  storage::sqlite::SqliteOutboxStore outbox(*store);
  MailDesk desk;
  desk.tenant = tenant.id;
  desk.address = "desk@telnet-nl.test";
  ReportMailer mailer(
      *store, outbox, [&](domain::TenantId) { return std::optional<MailDesk>(desk); }, clock);
  storage::ReportRun run;
  run.tenant_id = tenant.id;
  run.report = "monthly_sla";
  run.period_label = "2026-10";
  run.html = "<html><body><h1>Maandelijks SLA-rapport 2026-10</h1></body></html>";
  static constexpr char kPdf[] = "%PDF-1.4\n\x00\x01\xff binary\n%%EOF\n";
  run.pdf = std::string(kPdf, sizeof kPdf - 1);
  ASSERT_EQ(mailer.mail_run(tenant, run).value(), 1);
  auto queued = outbox.get(1).value();

  mail::SmtpConfig config;
  config.url = servers_->smtp_url();
  config.connect_timeout_ms = 2000;
  auto smtp = mail::SmtpClient::create(config).value();
  mail::OutboxWorker worker(outbox, *smtp, clock);
  auto pass = worker.run_once();
  ASSERT_TRUE(pass.ok()) << pass.error().message;
  EXPECT_EQ(pass->sent, 1);
  auto received = servers_->sink_message(queued.message_id);
  ASSERT_TRUE(received.has_value());
  auto parsed = channels::parse_mail(received->first).value();
  EXPECT_EQ(parsed.subject, "[servicepact] Monthly SLA report 2026-10");
  ASSERT_EQ(parsed.attachments.size(), 1u);
  EXPECT_EQ(parsed.attachments[0].filename, "report-monthly_sla-2026-10.pdf");
  EXPECT_EQ(parsed.attachments[0].bytes, run.pdf);
  ASSERT_TRUE(parsed.html.has_value());
  EXPECT_NE(parsed.html->find("Maandelijks SLA-rapport"), std::string::npos);
  store.reset();
}

}  // namespace
}  // namespace sp::outbound

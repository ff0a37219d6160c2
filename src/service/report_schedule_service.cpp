#include "service/report_schedule_service.hpp"

#include <spdlog/spdlog.h>

#include "charter/charter_json.hpp"
#include "documents/feedback_report.hpp"
#include "documents/pdf.hpp"
#include "documents/report_render.hpp"

namespace sp::service {

namespace {

// What each report of the letter's rhythm groups by.
reporting::Dimension dimension_of(const std::string& report) {
  if (report == "daily_self_check") return reporting::Dimension::Agent;
  if (report == "monthly_sla") return reporting::Dimension::Channel;
  if (report == "semiannual_quality") return reporting::Dimension::Team;
  return reporting::Dimension::All;
}

std::string title_of(const std::string& report, domain::Language language) {
  struct Titles {
    const char* report;
    const char* nl;
    const char* en;
    const char* zh;
  };
  static const Titles kTitles[] = {
      {"daily_self_check", "Dagelijkse zelfcontrole", "Daily self-check", "每日自查"},
      {"weekly_feedback", "Wekelijks feedbackoverzicht", "Weekly feedback summary", "每周反馈汇总"},
      {"monthly_sla", "Maandelijks SLA-rapport", "Monthly SLA report", "月度服务水平报告"},
      {"semiannual_quality", "Halfjaarlijks kwaliteitsrapport", "Semi-annual quality report",
       "半年度质量报告"},
  };
  for (const auto& t : kTitles) {
    if (report == t.report)
      return language == domain::Language::Nl ? t.nl : language == domain::Language::Zh ? t.zh : t.en;
  }
  return report;
}

}  // namespace

Result<void> ReportScheduleService::render_run(const Tenant& tenant, const charter::Charter& c,
                                               const std::string& report, const charter::ScheduledRun& run,
                                               Timestamp now, storage::ReportRun& stored) {
  const auto language = c.languages.front();
  const auto title = title_of(report, language) + " " + run.period_label;
  if (content_ && report == "weekly_feedback") {
    auto overview = content_->feedback_overview(tenant, run.period_from, run.period_to);
    if (!overview) return overview.error();
    const auto summary = weekly_feedback(*overview, tenant.timezone, language);
    stored.html = documents::weekly_feedback_html(summary, title, language);
    stored.csv = documents::weekly_feedback_csv(summary);
    auto pdf = documents::render_pdf(documents::weekly_feedback_document(summary, title, language));
    if (!pdf) return pdf.error();
    stored.pdf.assign(pdf->begin(), pdf->end());
    return {};
  }
  KpiRequest request;
  request.tenant = tenant.id;
  request.dimension = dimension_of(report);
  request.period = reporting::Period::Custom;
  request.from = run.period_from;
  request.to = run.period_to;
  request.breach_rules = charter::to_reporting_rules(c);
  auto kpis = reports_.tenant_kpis(tenant, request);
  if (!kpis) return kpis.error();
  if (content_ && report == "daily_self_check") {
    auto check =
        content_->daily_self_check(tenant, request.breach_rules, run.period_from, run.period_to, now);
    if (!check) return check.error();
    check->kpis = std::move(*kpis);
    stored.html = documents::self_check_html(*check, title, language);
    stored.csv = documents::self_check_csv(*check);
    auto pdf = documents::render_pdf(documents::self_check_document(*check, title, language));
    if (!pdf) return pdf.error();
    stored.pdf.assign(pdf->begin(), pdf->end());
    return {};
  }
  stored.html = documents::report_html(*kpis, title, language);
  stored.csv = documents::report_csv(*kpis);
  auto pdf = documents::report_pdf(*kpis, title, language);
  if (!pdf) return pdf.error();
  stored.pdf.assign(pdf->begin(), pdf->end());
  return {};
}

Result<int> ReportScheduleService::run_tenant(const Tenant& tenant, const charter::Charter& c,
                                              Timestamp now) {
  int produced = 0;
  for (const auto& named : charter::charter_schedules(c)) {
    auto last = runs_.last_report_run(tenant.id, named.report);
    if (!last) return last.error();
    Timestamp since = *last ? **last : now - std::chrono::hours(48);
    auto due = charter::runs_due(named.schedule, tenant.timezone, since, now);
    if (!due) return due.error();
    for (const auto& run : *due) {
      storage::ReportRun stored;
      stored.tenant_id = tenant.id;
      stored.report = named.report;
      stored.period_label = run.period_label;
      stored.period_from = run.period_from;
      stored.period_to = run.period_to;
      stored.run_at = run.run_at;
      stored.created_at = clock_.now();
      if (auto rendered = render_run(tenant, c, named.report, run, now, stored); !rendered) {
        return rendered.error();
      }
      auto inserted = runs_.put_report_run(stored);
      if (!inserted) return inserted.error();
      if (*inserted) {
        ++produced;
        if (run_observer_) run_observer_(tenant, stored);
      }
    }
  }
  return produced;
}

Result<int> ReportScheduleService::run_due(Timestamp now) {
  auto tenants = store_.list_tenants(storage::Scope::platform());
  if (!tenants) return tenants.error();
  int produced = 0;
  for (const auto& tenant : *tenants) {
    auto stored = store_.get_setting(charter::charter_setting_key(tenant.id));
    if (!stored) return stored.error();
    if (!*stored) continue;  // no charter, no promised reports
    auto c = charter::charter_from_json(nlohmann::json::parse(**stored, nullptr, false));
    if (!c) {
      spdlog::warn("tenant {}: stored charter unreadable: {}", tenant.slug, c.error().message);
      continue;
    }
    auto made = run_tenant(tenant, *c, now);
    if (!made) {
      spdlog::warn("tenant {}: scheduled reports failed: {}", tenant.slug, made.error().message);
      continue;
    }
    produced += *made;
  }
  return produced;
}

Result<std::vector<storage::ReportRun>> ReportScheduleService::list(const Principal& p, int limit) {
  if (p.agent.role == Role::Agent) return forbidden("the role agent may not read reports");
  return runs_.list_report_runs(p.scope, std::clamp(limit, 1, 500));
}

Result<storage::ReportRun> ReportScheduleService::get(const Principal& p, std::int64_t id) {
  if (p.agent.role == Role::Agent) return forbidden("the role agent may not read reports");
  return runs_.get_report_run(p.scope, id);
}

Result<TenantId> ReportScheduleService::feedback_tenant(const Principal& p, std::optional<TenantId> tenant) {
  if (p.agent.role != Role::Admin && p.agent.role != Role::Supervisor) {
    return forbidden("feedback topics are for supervisors and administrators");
  }
  if (!content_) return unavailable("feedback topics are not configured on this server");
  std::optional<TenantId> wanted = p.scope.tenant ? p.scope.tenant : tenant;
  if (!wanted) return invalid_input("a platform administrator names the tenant", "tenant_id");
  if (tenant && p.scope.tenant && *tenant != *p.scope.tenant) {
    return not_found("no such tenant");
  }
  auto found = store_.get_tenant(p.scope, *wanted);
  if (!found) return found.error();
  return found->id;
}

Result<FeedbackOverview> ReportScheduleService::feedback_topics(const Principal& p,
                                                                std::optional<TenantId> tenant,
                                                                Timestamp from, Timestamp to) {
  auto id = feedback_tenant(p, tenant);
  if (!id) return id.error();
  auto found = store_.get_tenant(p.scope, *id);
  if (!found) return found.error();
  return content_->feedback_overview(*found, from, to);
}

Result<std::pair<std::vector<feedback::Topic>, bool>> ReportScheduleService::topic_rules(
    const Principal& p, std::optional<TenantId> tenant) {
  auto id = feedback_tenant(p, tenant);
  if (!id) return id.error();
  bool customised = false;
  auto topics = content_->topics_of(*id, &customised);
  if (!topics) return topics.error();
  return std::make_pair(std::move(*topics), customised);
}

Result<std::vector<feedback::Topic>> ReportScheduleService::put_topic_rules(
    const Principal& p, std::optional<TenantId> tenant, std::vector<feedback::Topic> topics) {
  auto id = feedback_tenant(p, tenant);
  if (!id) return id.error();
  if (auto valid = feedback::validate_topics(topics); !valid) return valid.error();
  if (auto stored = content_->put_topics(*id, topics); !stored) return stored.error();
  auto now = content_->topics_of(*id);
  if (!now) return now.error();
  return std::move(*now);
}

}  // namespace sp::service

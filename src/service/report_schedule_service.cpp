#include "service/report_schedule_service.hpp"

#include <spdlog/spdlog.h>

#include "charter/charter_json.hpp"
#include "charter/report_render.hpp"

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
      {"weekly_feedback", "Wekelijks overzicht", "Weekly summary", "每周反馈汇总"},
      {"monthly_sla", "Maandelijks SLA-rapport", "Monthly SLA report", "月度服务水平报告"},
      {"semiannual_quality", "Halfjaarlijks kwaliteitsrapport", "Semi-annual quality report", "半年度质量报告"},
  };
  for (const auto& t : kTitles) {
    if (report == t.report) return language == domain::Language::Nl ? t.nl : language == domain::Language::Zh ? t.zh : t.en;
  }
  return report;
}

}  // namespace

Result<int> ReportScheduleService::run_tenant(const Tenant& tenant, const charter::Charter& c, Timestamp now) {
  int produced = 0;
  for (const auto& named : charter::charter_schedules(c)) {
    auto last = runs_.last_report_run(tenant.id, named.report);
    if (!last) return last.error();
    Timestamp since = *last ? **last : now - std::chrono::hours(48);
    auto due = charter::runs_due(named.schedule, tenant.timezone, since, now);
    if (!due) return due.error();
    for (const auto& run : *due) {
      KpiRequest request;
      request.tenant = tenant.id;
      request.dimension = dimension_of(named.report);
      request.period = reporting::Period::Custom;
      request.from = run.period_from;
      request.to = run.period_to;
      request.breach_rules = charter::to_reporting_rules(c);
      auto report = reports_.tenant_kpis(tenant, request);
      if (!report) return report.error();
      auto language = c.languages.front();
      auto title = title_of(named.report, language) + " " + run.period_label;
      storage::ReportRun stored;
      stored.tenant_id = tenant.id;
      stored.report = named.report;
      stored.period_label = run.period_label;
      stored.period_from = run.period_from;
      stored.period_to = run.period_to;
      stored.run_at = run.run_at;
      stored.created_at = clock_.now();
      stored.html = charter::report_html(*report, title, language);
      stored.csv = charter::report_csv(*report);
      auto pdf = charter::report_pdf(*report, title, language);
      if (!pdf) return pdf.error();
      stored.pdf.assign(pdf->begin(), pdf->end());
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

}  // namespace sp::service

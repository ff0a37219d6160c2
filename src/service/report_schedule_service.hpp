// Scheduled reports (issue 8): the commitment letter's rhythm as reports each tenant with a
// charter receives: a daily self-check (yesterday per agent), a weekly feedback summary, a
// monthly SLA report per channel and a semi-annual quality report per team. Schedules are in
// the tenant's zone; every run that fell due, also while the server was down, is produced
// once (the store keeps one per tenant, report and period), in HTML, CSV and PDF.
//
// With the SLA service and the survey store (report_content.hpp), the daily self-check lists per
// agent and team what was promised and missed yesterday and the open items at risk today, before
// the KPI table; the weekly feedback summary holds the week's grades, comments by topic and
// recurring issues. Without them both fall back to the generic KPI report.
#pragma once

#include <functional>
#include <memory>

#include "charter/schedule.hpp"
#include "service/charter_service.hpp"
#include "service/report_content.hpp"
#include "storage/report_run_store.hpp"

namespace sp::service {

class ReportScheduleService {
 public:
  ReportScheduleService(storage::Store& store, storage::ReportRunStore& runs, ReportService& reports,
                        const Clock& clock, SlaService* sla = nullptr,
                        storage::SurveyStore* surveys = nullptr)
      : store_(store), runs_(runs), reports_(reports), clock_(clock) {
    if (sla != nullptr && surveys != nullptr) {
      content_ = std::make_unique<ReportContent>(store, *sla, *surveys);
    }
  }

  // The daily self-check lists agents' commitments (issue 18) from `commitments`.
  void set_commitments(storage::CommitmentStore* commitments) {
    if (content_) content_->set_commitments(commitments);
  }

  // Produces every run due at `now` for every tenant with a charter; returns how many new.
  // A tenant's first time produces only runs due in the last two days (no backfill of years).
  Result<int> run_due(Timestamp now);

  Result<std::vector<storage::ReportRun>> list(const Principal& p, int limit);
  Result<storage::ReportRun> get(const Principal& p, std::int64_t id);

  // Survey comments of [from, to) by topic and the recurring issues among the tickets created
  // then, for the principal's tenant (supervisors and admins; a platform administrator names the
  // tenant). Fails with Unavailable when the service was built without SLA service and surveys.
  // The tenant's feedback topic rules (supervisors and admins), and whether they are its own
  // rather than the defaults; put_topic_rules replaces them (an empty list restores the
  // defaults). Errors as feedback_topics.
  Result<std::pair<std::vector<feedback::Topic>, bool>> topic_rules(const Principal& p,
                                                                    std::optional<TenantId> tenant);
  Result<std::vector<feedback::Topic>> put_topic_rules(const Principal& p, std::optional<TenantId> tenant,
                                                       std::vector<feedback::Topic> topics);

  Result<FeedbackOverview> feedback_topics(const Principal& p, std::optional<TenantId> tenant, Timestamp from,
                                           Timestamp to);

  // Called once for each run this service newly stores (not for runs another process stored
  // first), after it is durable: the place to mail it. Set before run_due is first called.
  using RunObserver = std::function<void(const Tenant&, const storage::ReportRun&)>;
  void set_run_observer(RunObserver observer) { run_observer_ = std::move(observer); }

 private:
  Result<int> run_tenant(const Tenant& tenant, const charter::Charter& charter, Timestamp now);
  // The HTML, CSV and PDF of one run into `stored`.
  Result<void> render_run(const Tenant& tenant, const charter::Charter& charter, const std::string& report,
                          const charter::ScheduledRun& run, Timestamp now, storage::ReportRun& stored);

  storage::Store& store_;
  storage::ReportRunStore& runs_;
  ReportService& reports_;
  const Clock& clock_;
  RunObserver run_observer_;
  Result<TenantId> feedback_tenant(const Principal& p, std::optional<TenantId> tenant);
  std::unique_ptr<ReportContent> content_;
};

}  // namespace sp::service

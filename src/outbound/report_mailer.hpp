// Mails scheduled report runs (issue 8: reports are "mailed where the e-mail channel has
// landed"). Each newly stored run (service::ReportScheduleService's run observer) becomes one
// e-mail per recipient, queued in the durable outbox like acknowledgements and replies:
// to every active supervisor and admin of the tenant with an e-mail address, from the
// tenant's mail desk, with the report's HTML as the body (plus a plain-text alternative)
// and its PDF attached. Tenants without a desk get nothing (logged at debug).
//
// Thread-safety: mail_run may be called from the report job's thread; the outbox and the
// store are thread-safe. Time: the clock is read once per run, for Date and the queue.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "channels/compose.hpp"
#include "core/clock.hpp"
#include "intake/mail_intake.hpp"
#include "mail/outbox.hpp"
#include "storage/report_run_store.hpp"
#include "storage/directory_store.hpp"

namespace sp::outbound {

using intake::MailDesk;
using namespace sp::domain;  // NOLINT

// "Weekly summary" for "weekly_feedback" and so on; unknown reports keep their name.
std::string report_title(std::string_view report);
// "[servicepact] Weekly summary 2026-W47": weekly periods ("2026-11-16/2026-11-22") are
// named by the ISO week of their first day; other labels are used as they are.
std::string report_mail_subject(std::string_view report, std::string_view period_label);
// "report-<report>-<period>.pdf" with every character outside [A-Za-z0-9_-] of the report
// and the period replaced by '_' (the weekly "/" too), at most 100 characters.
std::string report_pdf_filename(std::string_view report, std::string_view period_label);

// Queues `out` (from, to, subject and body set) to staff from the desk: Date, a fresh
// Message-ID of the desk's domain and Auto-Submitted are added here (shared with
// notification_mailer).
Result<void> queue_staff_mail(mail::Outbox& outbox, TenantId tenant, const std::string& desk_address,
                              channels::OutboundMail out, Timestamp now);

class ReportMailer {
 public:
  // Returns the tenant's desk, if it has one.
  using DeskLookup = std::function<std::optional<MailDesk>(TenantId)>;

  ReportMailer(storage::DirectoryStore& store, mail::Outbox& outbox, DeskLookup desk_for, const Clock& clock)
      : store_(store), outbox_(outbox), desk_for_(std::move(desk_for)), clock_(clock) {}

  // Queues one mail per recipient; returns how many were queued (0 without a desk or
  // recipients). Fails when a mail cannot be composed or queued (the earlier ones of the
  // same run stay queued).
  Result<int> mail_run(const Tenant& tenant, const storage::ReportRun& run);

  // For ReportScheduleService::set_run_observer: mail_run, logging failures.
  void on_run(const Tenant& tenant, const storage::ReportRun& run);

 private:
  storage::DirectoryStore& store_;
  mail::Outbox& outbox_;
  DeskLookup desk_for_;
  const Clock& clock_;
};

}  // namespace sp::outbound

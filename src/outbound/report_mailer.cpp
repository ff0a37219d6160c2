#include "outbound/report_mailer.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "channels/compose.hpp"

namespace sp::outbound {
namespace {

// "YYYY-MM-DD" at the start of `label`, parsed by hand (no date::parse on g++ 12).
std::optional<std::chrono::year_month_day> leading_date(std::string_view label) {
  if (label.size() < 10 || label[4] != '-' || label[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int idx = 0; idx < 3; ++idx) {
    for (std::size_t pos = starts[idx]; pos < starts[idx] + lengths[idx]; ++pos) {
      if (label[pos] < '0' || label[pos] > '9') return std::nullopt;
      parts[idx] = parts[idx] * 10 + (label[pos] - '0');
    }
  }
  std::chrono::year_month_day ymd{std::chrono::year(parts[0]), std::chrono::month(parts[1]),
                                  std::chrono::day(parts[2])};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

// ISO 8601 week "2026-W47" of a date: the week belongs to the year of its Thursday.
std::string iso_week(std::chrono::year_month_day ymd) {
  using namespace std::chrono;
  const sys_days day{ymd};
  const unsigned iso_weekday = weekday(day).iso_encoding();  // 1 = Monday
  const sys_days thursday = day + days(4 - static_cast<int>(iso_weekday));
  const year_month_day thursday_ymd{thursday};
  const sys_days jan1{thursday_ymd.year() / January / 1};
  const int week = static_cast<int>((thursday - jan1).count() / 7) + 1;
  const std::string week_text = std::to_string(week);
  return std::to_string(static_cast<int>(thursday_ymd.year())) + "-W" + (week < 10 ? "0" : "") + week_text;
}

std::string safe_part(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    out.push_back(ok ? c : '_');
  }
  return out;
}

std::string plain_text(const Agent& agent, const std::string& title, const std::string& period,
                       const std::string& tenant_name) {
  switch (agent.language) {
    case Language::Nl:
      return "Beste " + agent.name + ",\n\nHierbij het rapport \"" + title + "\" over " + period + " voor " +
             tenant_name + ". U vindt het als PDF in de bijlage; de HTML-versie staat in dit bericht.\n";
    case Language::Zh:
      return agent.name + "，您好：\n\n附上" + tenant_name + "的报告“" + title + "”（" + period +
             "）。PDF 版本见附件，HTML 版本见本邮件正文。\n";
    case Language::En:
      break;
  }
  return "Dear " + agent.name + ",\n\nHere is the report \"" + title + "\" for " + period + " for " +
         tenant_name + ". The PDF is attached; the HTML version is the body of this message.\n";
}

}  // namespace

std::string report_title(std::string_view report) {
  if (report == "daily_self_check") return "Daily self-check";
  if (report == "weekly_feedback") return "Weekly summary";
  if (report == "monthly_sla") return "Monthly SLA report";
  if (report == "semiannual_quality") return "Semi-annual quality report";
  return std::string(report);
}

std::string report_mail_subject(std::string_view report, std::string_view period_label) {
  std::string period(period_label);
  if (report == "weekly_feedback" || period_label.find('/') != std::string_view::npos) {
    if (auto first = leading_date(period_label)) period = iso_week(*first);
  }
  return "[servicepact] " + report_title(report) + " " + period;
}

std::string report_pdf_filename(std::string_view report, std::string_view period_label) {
  std::string name = "report-" + safe_part(report) + "-" + safe_part(period_label);
  if (name.size() > 96) name.resize(96);
  return name + ".pdf";
}

Result<void> queue_staff_mail(mail::Outbox& outbox, TenantId tenant, const std::string& desk_address,
                              channels::OutboundMail out, Timestamp now) {
  const auto at = desk_address.find('@');
  const std::string domain = at == std::string::npos ? "servicepact.invalid" : desk_address.substr(at + 1);
  out.date = now;
  std::uint8_t random[16];
  randombytes_buf(random, sizeof random);
  out.message_id = channels::make_message_id(random, domain);
  out.auto_submitted = true;  // no out-of-office replies to the desk
  auto raw = channels::compose_mail(out);
  if (!raw) return raw.error();
  std::vector<std::string> recipients;
  for (const auto& to : out.to) recipients.push_back(to.address);
  auto enqueued = outbox.enqueue({tenant, std::nullopt, "<" + out.message_id + ">", desk_address,
                                  std::move(recipients), std::move(*raw)},
                                 now);
  if (!enqueued) return enqueued.error();
  return {};
}

Result<int> ReportMailer::mail_run(const Tenant& tenant, const storage::ReportRun& run) {
  auto desk = desk_for_(tenant.id);
  if (!desk) {
    spdlog::debug("report {} {} of tenant {} not mailed: the tenant has no mail desk", run.report,
                  run.period_label, tenant.slug);
    return 0;
  }
  auto scope = storage::Scope::of(tenant.id);
  auto agents = store_.list_agents(scope);
  if (!agents) return agents.error();
  const auto now = clock_.now();
  const std::string subject = report_mail_subject(run.report, run.period_label);
  const std::string title = report_title(run.report);
  int queued = 0;
  for (const auto& agent : *agents) {
    if (!agent.active || agent.email.empty() || agent.tenant_id != tenant.id) continue;
    if (agent.role != Role::Admin && agent.role != Role::Supervisor) continue;
    channels::OutboundMail out;
    out.from = {desk->address, desk->display_name.empty() ? tenant.name : desk->display_name};
    out.to = {{agent.email, agent.name}};
    out.subject = subject;
    out.text = plain_text(agent, title, run.period_label, tenant.name);
    out.html = run.html;
    if (!run.pdf.empty()) {
      out.attachments.push_back(
          {report_pdf_filename(run.report, run.period_label), "application/pdf", run.pdf});
    }
    SP_TRY(queue_staff_mail(outbox_, tenant.id, desk->address, std::move(out), now));
    ++queued;
  }
  if (queued == 0) {
    spdlog::debug("report {} {} of tenant {}: no supervisor or admin with an e-mail address", run.report,
                  run.period_label, tenant.slug);
  }
  return queued;
}

void ReportMailer::on_run(const Tenant& tenant, const storage::ReportRun& run) {
  auto mailed = mail_run(tenant, run);
  if (!mailed) {
    spdlog::error("report {} {} of tenant {} not mailed: {}", run.report, run.period_label, tenant.slug,
                  mailed.error().message);
  } else if (*mailed > 0) {
    spdlog::info("report {} {} of tenant {} queued for {} recipient(s)", run.report, run.period_label,
                 tenant.slug, *mailed);
  }
}

}  // namespace sp::outbound

#include "app/import_cli.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/attachment_download.hpp"
#include "app/wiring.hpp"
#include "domain/validation.hpp"
#include "importer/importer.hpp"
#include "service/kpi_aggregator.hpp"
#include "service/sla_service.hpp"
#include "storage/store.hpp"

namespace sp::app {

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitFailure = 1;

// Draws progress on a terminal (one line redrawn in place) or writes a plain line per
// phase step at most every two seconds otherwise (logs, CI).
class ProgressPrinter {
 public:
  ProgressPrinter(std::ostream& err, bool terminal) : err_(err), terminal_(terminal) {}

  void operator()(const importer::Progress& progress) {
    const auto now = std::chrono::steady_clock::now();
    if (progress.phase != phase_) {
      if (terminal_ && !phase_.empty()) err_ << "\n";
      phase_ = progress.phase;
      phase_started_ = now;
      last_line_ = {};
    }
    const double seconds = std::chrono::duration<double>(now - phase_started_).count();
    const double rate = seconds > 0 ? static_cast<double>(progress.done) / seconds : 0;
    const bool finished = progress.done >= progress.total;
    const double left = rate > 0 ? static_cast<double>(progress.total - progress.done) / rate : 0;
    char figures[128];
    std::snprintf(
        figures, sizeof figures, "%lld/%lld  %.0f/s  %s", static_cast<long long>(progress.done),
        static_cast<long long>(progress.total), rate,
        finished ? "done" : (std::to_string(static_cast<long long>(left + 0.5)) + " s left").c_str());
    if (terminal_) {
      constexpr int kWidth = 30;
      const int filled =
          progress.total > 0
              ? static_cast<int>(kWidth * progress.done / std::max<std::int64_t>(progress.total, 1))
              : kWidth;
      err_ << "\r" << phase_ << " [" << std::string(static_cast<std::size_t>(filled), '#')
           << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << figures << "\033[K"
           << std::flush;
      return;
    }
    if (finished || now - last_line_ >= std::chrono::seconds(2)) {
      err_ << "import: " << phase_ << " " << figures << "\n";
      last_line_ = now;
    }
  }
  void end() {
    if (terminal_ && !phase_.empty()) err_ << "\n";
  }

 private:
  std::ostream& err_;
  bool terminal_;
  std::string phase_;
  std::chrono::steady_clock::time_point phase_started_{};
  std::chrono::steady_clock::time_point last_line_{};
};

void print_summary(std::ostream& out, const importer::ImportSummary& summary, double seconds,
                   std::int64_t tickets_written) {
  out << "import summary:\n";
  for (auto name : import::kKindNames) {
    const auto it = summary.kinds.find(std::string(name));
    if (it == summary.kinds.end()) continue;
    const auto& counts = it->second;
    out << "  " << name << ": " << counts.imported << " imported, " << counts.updated << " updated, "
        << counts.already_present << " already present, " << counts.skipped << " skipped\n";
  }
  if (auto it = summary.kinds.find("line"); it != summary.kinds.end()) {
    out << "  unreadable lines: " << it->second.skipped << " skipped\n";
  }
  if (summary.deleted_tickets > 0 || summary.merged_tickets > 0) {
    out << "  deleted tickets left out: " << summary.deleted_tickets
        << "; merged tickets imported as solved: " << summary.merged_tickets << "\n";
  }
  if (const auto& advice = summary.sla_preset) {
    out << "  sla preset: " << advice->preset << " (no policy was changed); ";
    if (advice->policies == 0) {
      out << "the tenant has no SLA policy yet: create one with \"preset\": \"" << advice->preset << "\"\n";
    } else if (advice->without_preset.empty()) {
      out << "every policy of the tenant uses it\n";
    } else {
      out << "policies without it:";
      for (const auto& name : advice->without_preset) out << " " << name << ";";
      out << " set \"preset\": \"" << advice->preset
          << "\" on them (PUT /api/v1/sla/policies/ID) to keep the due times seen there\n";
    }
  }
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f s (%.0f tickets/s)", seconds,
                seconds > 0 ? static_cast<double>(tickets_written) / seconds : 0.0);
  out << "  sla: " << summary.sla_refreshed << " open tickets refreshed; kpis: " << summary.kpi_measured
      << " tickets measured; " << rate << "\n";
  if (!summary.skipped.empty()) {
    out << "skipped:\n";
    for (const auto& skipped : summary.skipped) {
      out << "  " << skipped.where << " (" << skipped.kind << "): " << skipped.reason << "\n";
    }
  }
}

}  // namespace

int run_import(const Config& config, const ImportCliOptions& options, std::ostream& out, std::ostream& err) {
  auto slug = domain::validate_slug(options.tenant, "tenant");
  if (!slug) {
    err << "servicepact import: " << slug.error().message << "\n";
    return kExitUsage;
  }
  for (const auto& header : options.fetch_headers) {
    const auto colon = header.find(':');
    if (colon == std::string::npos || colon == 0 || header.find_first_of("\r\n") != std::string::npos) {
      err << "servicepact import: --fetch-header must be \"Name: value\" on one line\n";
      return kExitUsage;
    }
  }
  const std::filesystem::path path(options.path);
  const auto started = std::chrono::steady_clock::now();
  auto records = importer::read_export(options.from, path);
  if (!records) {
    err << "servicepact import: " << records.error().message << "\n";
    return records.error().code == ErrorCode::Internal || records.error().code == ErrorCode::Unavailable
               ? kExitFailure
               : kExitUsage;
  }
  WiringOptions wiring;
  wiring.web_pages = false;
  wiring.log_database = false;
  auto application = Application::open(config, wiring);
  if (!application) {
    err << "servicepact import: " << application.error().message << "\n";
    return kExitFailure;
  }
  Application& app = **application;
  storage::Store& store = app.store();
  auto tenant = store.find_tenant_by_slug(*slug);
  if (!tenant && tenant.error().code == ErrorCode::NotFound) {
    domain::Tenant fresh;
    fresh.slug = *slug;
    fresh.name = *slug;
    fresh.timezone = options.timezone;
    fresh.created_at = app.clock().now();
    tenant = store.create_tenant(fresh);
    if (tenant) err << "servicepact import: created tenant '" << *slug << "' (" << options.timezone << ")\n";
  }
  if (!tenant) {
    err << "servicepact import: " << tenant.error().message << "\n";
    return kExitFailure;
  }
  // The same content-addressed folder the mail intake keeps attachments in.
  intake::AttachmentStore attachments((std::filesystem::path(config.data_dir) / "attachments").string());
  importer::Importer importer(store, app.sla(), app.kpi_aggregator(), &attachments, app.clock());
  if (options.fetch_attachments)
    importer.fetch_attachments_with(curl_attachment_fetcher(options.fetch_headers));
  ProgressPrinter printer(err, ::isatty(STDERR_FILENO) == 1);
  const auto base_dir = std::filesystem::is_directory(path) ? path : path.parent_path();
  auto summary = importer.run(tenant->id, options.from, *records, base_dir,
                              [&printer](const importer::Progress& progress) { printer(progress); });
  printer.end();
  if (!summary) {
    err << "servicepact import: " << summary.error().message << "\n";
    return kExitFailure;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto& tickets = summary->kinds["ticket"];
  print_summary(out, *summary, seconds, tickets.imported + tickets.updated);
  return 0;
}

}  // namespace sp::app

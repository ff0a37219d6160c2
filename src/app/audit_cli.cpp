#include "app/audit_cli.hpp"

#include <filesystem>

#include "app/wiring.hpp"
#include "service/privacy_service.hpp"

namespace sp::app {

int run_audit_verify(const Config& config, const AuditCliOptions& options, std::ostream& out,
                     std::ostream& err) {
  if (options.tenant && *options.tenant <= 0) {
    err << "servicepact audit verify: --tenant is a positive tenant id\n";
    return 2;
  }
  const auto path = std::filesystem::path(config.data_dir) / "servicepact.db";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    err << "servicepact audit verify: no database at " << path.string() << " (set --data)\n";
    return 1;
  }
  WiringOptions wiring;
  wiring.max_readers = 2;
  wiring.web_pages = false;
  wiring.log_database = false;
  auto app = Application::open(config, wiring);
  if (!app) {
    err << "servicepact audit verify: " << app.error().message << "\n";
    return 1;
  }
  std::optional<domain::TenantId> tenant;
  if (options.tenant) tenant = domain::TenantId{*options.tenant};
  auto reports = (*app)->audit().verify(tenant);
  if (!reports) {
    err << "servicepact audit verify: " << reports.error().message << "\n";
    return 1;
  }
  bool intact = true;
  for (const auto& report : *reports) {
    out << "tenant " << report.tenant.value << ": " << report.entries << " entries, ";
    if (report.first_break) {
      intact = false;
      out << "BROKEN at seq " << report.first_break->seq << ": " << report.first_break->problem << "\n";
    } else {
      out << "chain intact\n";
    }
  }
  if (reports->empty()) out << "no audit entries\n";
  return intact ? 0 : 1;
}

}  // namespace sp::app

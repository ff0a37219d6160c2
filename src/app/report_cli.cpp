#include "app/report_cli.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <vector>

#include "app/wiring.hpp"
#include "documents/report_render.hpp"
#include "reporting/kpi_json.hpp"
#include "service/report_service.hpp"
#include "storage/store.hpp"

namespace sp::app {

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitFailure = 1;

// YYYY-MM-DD by hand (date::parse trips a false g++ 12 warning).
std::optional<date::year_month_day> parse_day(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int idx = 0; idx < 3; ++idx) {
    for (int pos = starts[idx]; pos < starts[idx] + lengths[idx]; ++pos) {
      const char c = text[static_cast<std::size_t>(pos)];
      if (c < '0' || c > '9') return std::nullopt;
      parts[idx] = parts[idx] * 10 + (c - '0');
    }
  }
  date::year_month_day day{date::year{parts[0]}, date::month{static_cast<unsigned>(parts[1])},
                           date::day{static_cast<unsigned>(parts[2])}};
  if (!day.ok()) return std::nullopt;
  return day;
}

// Local midnight of `day` in `zone` as a UTC instant (a midnight in a DST gap
// maps to the transition, an ambiguous one to its first occurrence, as
// reporting/period does).
Timestamp local_midnight(const date::time_zone* zone, date::local_days day) {
  return std::chrono::floor<Duration>(zone->to_sys(date::local_seconds{day}, date::choose::earliest));
}

// Display width in terminal columns: one per code point, two for East Asian
// wide ones.
std::size_t width_of(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t idx = 0; idx < text.size();) {
    const auto lead = static_cast<unsigned char>(text[idx]);
    std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (idx + length > text.size()) length = 1;
    char32_t code = length == 1 ? lead : lead & (0xFF >> (length + 1));
    for (std::size_t more = 1; more < length; ++more) {
      code = (code << 6) | (static_cast<unsigned char>(text[idx + more]) & 0x3F);
    }
    const bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
                      (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
                      (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
                      (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x20000 && code <= 0x3FFFD);
    width += wide ? 2 : 1;
    idx += length;
  }
  return width;
}

std::string duration_text(const std::optional<double>& seconds) {
  if (!seconds) return "-";
  auto total = static_cast<long long>(*seconds + 0.5);
  if (total < 60) return std::to_string(total) + "s";
  const long long minutes = total / 60;
  if (minutes < 60) return std::to_string(minutes) + "m";
  const long long hours = minutes / 60;
  if (hours < 48) {
    std::string rest = std::to_string(minutes % 60);
    return std::to_string(hours) + "h" + (rest.size() < 2 ? "0" : "") + rest + "m";
  }
  return std::to_string(hours / 24) + "d" + std::to_string(hours % 24) + "h";
}

std::string fixed(double value, int decimals) {
  std::ostringstream text;
  text.setf(std::ios::fixed);
  text.precision(decimals);
  text << value;
  return text.str();
}

std::string percent_text(const std::optional<double>& fraction) {
  return fraction ? fixed(*fraction * 100.0, 1) + "%" : "-";
}

std::string number_text(const std::optional<double>& value, int decimals) {
  return value ? fixed(*value, decimals) : "-";
}

std::string count_text(std::int64_t value) {
  return std::to_string(value);
}

// Group keys are ids for teams and agents: show "name (#id)".
std::map<std::string, std::string> group_names(storage::Store& store, domain::TenantId tenant,
                                               reporting::Dimension dimension) {
  std::map<std::string, std::string> names;
  const auto scope = storage::Scope::of(tenant);
  if (dimension == reporting::Dimension::Team) {
    if (auto teams = store.list_teams(scope)) {
      for (const auto& team : *teams) {
        names[std::to_string(team.id.value)] = team.name + " (#" + std::to_string(team.id.value) + ")";
      }
    }
  } else if (dimension == reporting::Dimension::Agent) {
    if (auto agents = store.list_agents(scope)) {
      for (const auto& agent : *agents) {
        names[std::to_string(agent.id.value)] = agent.name + " (#" + std::to_string(agent.id.value) + ")";
      }
    }
  }
  return names;
}

void print_table(std::ostream& out, const reporting::KpiReport& report,
                 const std::map<std::string, std::string>& names, const std::string& range) {
  std::vector<std::string> header = {"group",    "received",   "handled", "1st reply p50", "resolution p50",
                                     "resolved", "FCR",        "reopen",  "backlog",       "SLA 1st reply",
                                     "CSAT",     "not helped", "NPS",     "effort"};
  const bool periods = report.period != reporting::Period::Custom;
  if (periods) header.insert(header.begin() + 1, "period");
  std::vector<std::vector<std::string>> rows;
  for (const auto& group : report.groups) {
    const auto& f = group.figures;
    auto name = names.find(group.key);
    std::vector<std::string> row = {
        name == names.end() ? group.key : name->second,
        count_text(f.contacts_received),
        count_text(f.contacts_handled),
        duration_text(f.first_response_seconds.median),
        duration_text(f.resolution_seconds.median),
        percent_text(f.resolution_rate),
        percent_text(f.first_contact_resolution_rate),
        percent_text(f.reopen_rate),
        count_text(f.backlog),
        percent_text(f.sla[static_cast<std::size_t>(sla::SlaTarget::FirstResponse)].compliance),
        number_text(f.csat_mean, 1),
        percent_text(f.not_helped_share),
        number_text(f.nps, 0),
        number_text(f.effort_mean, 1),
    };
    if (periods) row.insert(row.begin() + 1, group.period.label);
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (std::size_t col = 0; col < header.size(); ++col) widths[col] = width_of(header[col]);
  for (const auto& row : rows) {
    for (std::size_t col = 0; col < row.size(); ++col) {
      widths[col] = std::max(widths[col], width_of(row[col]));
    }
  }
  // Text columns (group, period) align left, figures right.
  const std::size_t text_columns = periods ? 2 : 1;
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t col = 0; col < row.size(); ++col) {
      const std::string pad(widths[col] - width_of(row[col]), ' ');
      if (col > 0) line += "  ";
      line += col < text_columns ? row[col] + pad : pad + row[col];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print_row(header);
  std::vector<std::string> rule;
  for (auto width : widths) rule.emplace_back(width, '-');
  print_row(rule);
  for (const auto& row : rows) print_row(row);
  if (rows.empty()) out << "(no contacts in this range)\n";
  out << "\n"
      << range << "; excluded: " << report.excluded_spam << " spam, " << report.excluded_mystery_shopper
      << " mystery-shopper.\n"
      << "Medians of calendar time; CSAT 1-10, NPS -100..100, effort 1 (very "
         "easy) - 5 (very "
         "hard). Every definition: --format json.\n";
}

}  // namespace

int run_report_kpis(const Config& config, const ReportCliOptions& options, std::ostream& out,
                    std::ostream& err) {
  auto usage = [&err](const std::string& message) {
    err << "servicepact report kpis: " << message << "\n";
    return kExitUsage;
  };
  if (options.tenant.empty()) return usage("--tenant SLUG is required");
  if (options.from.empty() || options.to.empty()) {
    return usage("--from DATE and --to DATE (YYYY-MM-DD, both inclusive) are required");
  }
  auto from_day = parse_day(options.from);
  if (!from_day) return usage("--from must be a date YYYY-MM-DD, not '" + options.from + "'");
  auto to_day = parse_day(options.to);
  if (!to_day) return usage("--to must be a date YYYY-MM-DD, not '" + options.to + "'");
  if (date::sys_days{*to_day} < date::sys_days{*from_day}) {
    return usage("--to (" + options.to + ") is before --from (" + options.from + ")");
  }
  auto dimension = reporting::parse_dimension(options.group_by);
  if (!dimension) return usage("--group-by: " + dimension.error().message);
  auto period = reporting::parse_period(options.period);
  if (!period) return usage("--period: " + period.error().message);
  if (options.format != "table" && options.format != "json" && options.format != "csv") {
    return usage("--format must be table, json or csv, not '" + options.format + "'");
  }

  const auto path = std::filesystem::path(config.data_dir) / "servicepact.db";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    err << "servicepact report kpis: no database at " << path.string()
        << " (set --data to the server's data folder)\n";
    return kExitFailure;
  }
  WiringOptions wiring;
  wiring.max_readers = 2;
  wiring.web_pages = false;
  wiring.log_database = false;
  auto app = Application::open(config, wiring);
  if (!app) {
    err << "servicepact report kpis: " << app.error().message << "\n";
    return kExitFailure;
  }
  storage::Store& store = (*app)->store();
  auto tenant = store.find_tenant_by_slug(options.tenant);
  if (!tenant) {
    if (tenant.error().code == ErrorCode::NotFound) {
      return usage("unknown tenant '" + options.tenant + "'");
    }
    err << "servicepact report kpis: " << tenant.error().message << "\n";
    return kExitFailure;
  }
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(tenant->timezone);
  } catch (const std::exception& e) {
    err << "servicepact report kpis: time zone " << tenant->timezone << " of tenant " << tenant->slug << ": "
        << e.what() << "\n";
    return kExitFailure;
  }

  service::KpiRequest request;
  request.dimension = *dimension;
  request.period = *period;
  request.from = local_midnight(zone, date::local_days{*from_day});
  request.to = local_midnight(zone, date::local_days{*to_day} + date::days{1});

  // The server's own wiring, so the terminal report applies the charter's breach classes
  // and costs and reads the aggregates exactly as the API does.
  auto report = (*app)->reports().tenant_kpis(*tenant, request);
  if (!report) {
    if (report.error().code == ErrorCode::InvalidInput) return usage(report.error().message);
    err << "servicepact report kpis: " << report.error().message << "\n";
    return kExitFailure;
  }
  if (options.format == "json") {
    out << reporting::to_json(*report).dump(2) << "\n";
  } else if (options.format == "csv") {
    out << documents::report_csv(*report);
  } else {
    const std::string range = tenant->name + ", " + options.from + " to " + options.to + " inclusive (" +
                              tenant->timezone + "), grouped by " +
                              std::string(reporting::to_string(*dimension));
    print_table(out, *report, group_names(store, tenant->id, *dimension), range);
  }
  out.flush();
  return out ? 0 : kExitFailure;
}

}  // namespace sp::app

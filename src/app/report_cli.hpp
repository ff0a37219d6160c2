// `servicepact report kpis` (issue 8): the KPI report of one tenant for people at a terminal,
// read from the SQLite database in the data folder (also while a server runs on it).
//
//   servicepact report kpis --tenant SLUG --from DATE --to DATE
//       [--group-by all|team|agent|channel|category]
//       [--period custom|day|week|month|half_year]
//       [--format table|json|csv] [--data DIR]
//
// DATE is YYYY-MM-DD in the tenant's time zone. Both ends are inclusive:
// --from 2026-10-01 --to 2026-10-31 is the whole of October, from local midnight of the first
// day to local midnight after the last. Formats: table (aligned columns, one row per group and
// period, the main figures; names of teams and agents), json (the API's JSON, every figure with
// its definition), csv (the API's CSV). Business-time figures use the tenant's first calendar.
// Exit status: 0 done, 2 bad arguments (the message says which; an unknown tenant counts as
// one), 1 any other failure (no database, storage errors).
#pragma once

#include <iostream>
#include <string>

#include "app/config.hpp"

namespace sp::app {

struct ReportCliOptions {
  std::string tenant;  // slug
  std::string from;    // YYYY-MM-DD, inclusive
  std::string to;      // YYYY-MM-DD, inclusive
  std::string group_by = "all";
  std::string period = "custom";
  std::string format = "table";
};

// Runs the command on config.data_dir; writes the report to `out`, messages to
// `err`.
int run_report_kpis(const Config& config, const ReportCliOptions& options, std::ostream& out = std::cout,
                    std::ostream& err = std::cerr);

}  // namespace sp::app

// `servicepact import --tenant SLUG --from zendesk|zammad|rt|jsonl PATH [--data DIR]
// [--timezone ZONE] [--fetch-attachments [--fetch-header "Name: value"]...]` (issue 16 section 2; formats in
// docs/IMPORT.md). Imports another help desk's history into one tenant (created, in ZONE, when it does not
// exist), with a progress bar on stderr when stderr is a terminal (counts, rate, time left; plain lines
// otherwise) and a summary on stdout: per kind imported / updated / already present / skipped, then every
// skipped record with its position and reason.
// Exit status: 0 done (also with skipped records), 2 bad arguments (unknown format, missing
// export), 1 storage failures.
#pragma once

#include <iostream>
#include <string>
#include <vector>

#include "app/config.hpp"

namespace sp::app {

struct ImportCliOptions {
  std::string tenant;  // slug
  std::string from;    // format
  std::string path;    // the export: a file (jsonl) or a folder
  std::string timezone = "UTC";
  // Download attachments the export knows only by URL (app/attachment_download.hpp), with
  // these request headers ("Authorization: ..."), instead of keeping the URL.
  bool fetch_attachments = false;
  std::vector<std::string> fetch_headers;
};

int run_import(const Config& config, const ImportCliOptions& options, std::ostream& out = std::cout,
               std::ostream& err = std::cerr);

}  // namespace sp::app

// Mappers from other help desks' exports onto the neutral records (records.hpp), so the
// importer has one write path for every source. Each reads that peer's documented JSON as its
// API returns it, laid out as an export folder of one JSON file per collection (docs/IMPORT.md
// lists the files and, per peer, how every field maps and what is not carried):
//
// - Zendesk: users.json, organizations.json, groups.json, ticket_fields.json, tickets.json
//   (the Incremental Export / JSON export shape: {"tickets": [...]}, each ticket with its
//   `comments`, and optionally `audits` and `metric_set`).
// - Zammad: users.json, organizations.json, groups.json, tickets.json, ticket_articles.json
//   (REST API arrays; names of states and priorities, or ids with ticket_states.json and
//   ticket_priorities.json).
// - Request Tracker: users.json, queues.json, tickets.json, transactions.json, attachments.json
//   (REST2 objects, a page {"items": [...]} or a bare array).
//
// Attachment bytes come from the JSON (base64) or from a file of the folder
// (attachments/<attachment id>/<file name>); otherwise only the URL is kept. A record that
// cannot be mapped is skipped with its position ("tickets.json: ticket 17") and reason, the
// rest goes on. Deleted tickets are left out and counted; merged ones become solved tickets
// with a note naming the ticket they were merged into.
//
// Pure: no I/O (the importer reads the folder into ExportFolder), no clock, never throws.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "import/records.hpp"

namespace sp::import {

// An export folder as read from disk: the text of each top-level JSON file by name
// ("tickets.json"), and the relative paths of the files below it ("attachments/7/plan.pdf").
struct ExportFolder {
  std::map<std::string, std::string, std::less<>> documents;
  std::set<std::string, std::less<>> files;
};

ParsedRecords map_zendesk(const ExportFolder& folder);
ParsedRecords map_zammad(const ExportFolder& folder);
ParsedRecords map_rt(const ExportFolder& folder);

// The JSON files a peer's mapper reads (the importer reads only these).
std::vector<std::string_view> export_documents(std::string_view peer);

}  // namespace sp::import

// `servicepact import` (issue 16 section 2): brings another help desk's history into one
// tenant. Reads an export (jsonl here; the peers' formats are mapped onto the same neutral
// records by import/), writes teams, agents, customers and tickets with their whole history,
// then computes each imported ticket's SLA state and KPI contribution as for a native ticket.
//
// - Idempotent: every customer, agent, ticket and message remembers its source and external
//   id (migration 14), so importing the same export again adds nothing, and a later export
//   adds only what is new (new tickets, new messages on known tickets). Teams are matched by
//   name; agents and customers that exist already (same e-mail) are linked, not duplicated.
// - All or nothing per ticket: a ticket with its messages and events is written in one
//   savepoint; many tickets share a commit (storage::TicketStore::import_external_tickets).
// - Bad input never stops the run: a malformed record, a ticket whose requester is unknown,
//   an attachment whose file is missing are skipped and listed with their position and reason.
// - SLA: open imported tickets are refreshed like a changed native ticket (timers, and the
//   notices of deadlines that passed, fired once); solved ones need nothing, their clocks are
//   derived from history when read. KPIs: every imported ticket is measured into the
//   aggregates before run() returns.
// - SLA preset: the summary names the preset of the system imported from and the tenant's
//   policies that do not use it (PresetAdvice); no policy is changed.
// - Imported agents get no password (they cannot sign in until one is set).
//
// Not thread-safe: one run at a time per Importer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "import/records.hpp"
#include "intake/mail_intake.hpp"
#include "service/kpi_aggregator.hpp"
#include "service/sla_service.hpp"
#include "storage/store.hpp"

namespace sp::importer {

using domain::AgentId;
using domain::CustomerId;
using domain::TeamId;
using domain::TenantId;
using domain::TicketId;

struct KindCounts {
  std::int64_t imported = 0;
  std::int64_t updated = 0;  // tickets: known before, new messages or status now
  std::int64_t already_present = 0;
  std::int64_t skipped = 0;
};

// The SLA preset of the system imported from (sla::PolicyPreset: Zammad and RT have one,
// Zendesk and jsonl none). The import changes no SLA policy: it names the preset and the
// tenant's policies that do not use it, for an administrator to decide (docs/IMPORT.md).
struct PresetAdvice {
  std::string preset;                       // "zammad", "rt"
  std::int64_t policies = 0;                // the tenant's SLA policies
  std::vector<std::string> without_preset;  // "Standard (id 3)"
};

struct ImportSummary {
  std::map<std::string, KindCounts> kinds;  // by kind name (import::kKindNames)
  std::vector<import::SkippedInput> skipped;
  std::int64_t deleted_tickets = 0;  // deleted in the source: left out
  std::int64_t merged_tickets = 0;   // imported solved, with a note naming the target
  std::int64_t sla_refreshed = 0;
  std::int64_t kpi_measured = 0;
  std::optional<PresetAdvice> sla_preset;
};

// The preset of `source` ("zammad" -> "zammad", "rt" -> "rt"), if it has one.
std::optional<std::string> preset_of(std::string_view source);

// Where a run is: the phase ("customers", "tickets", "sla", "kpis"), done of total.
struct Progress {
  std::string phase;
  std::int64_t done = 0;
  std::int64_t total = 0;
};
using ProgressFn = std::function<void(const Progress&)>;

// The export formats `servicepact import --from` accepts.
inline constexpr std::string_view kFormats[] = {"zendesk", "zammad", "rt", "jsonl"};
inline constexpr std::size_t kMaxAttachmentFiles = 1'000'000;

// Reads the export at `path` as `format` into neutral records: a jsonl file, or for the peers
// an export folder (import/peers.hpp). Fails with InvalidInput for an unknown format or an
// attachments folder of more than kMaxAttachmentFiles files, and NotFound when the file or
// folder is missing; bad records inside are skipped (ParsedRecords::skipped).
Result<import::ParsedRecords> read_export(const std::string& format, const std::filesystem::path& path);

// Downloads an attachment known only by URL (`servicepact import --fetch-attachments`):
// the bytes, or an error that the summary names; at most `max_bytes`.
using AttachmentFetcher = std::function<Result<std::string>(const std::string& url, std::size_t max_bytes)>;
inline constexpr std::size_t kMaxFetchedAttachmentBytes = 25 * 1024 * 1024;

class Importer {
 public:
  // `attachments` may be null (attachments are then listed by name only).
  Importer(storage::Store& store, service::SlaService& sla, service::KpiAggregator& kpis,
           intake::AttachmentStore* attachments, const Clock& clock)
      : store_(store), sla_(sla), kpis_(kpis), attachments_(attachments), clock_(clock) {}

  // Imports `records` (from `source`, e.g. "zendesk") into `tenant`. Files named by
  // attachment records are read relative to `base_dir` (never above it). Fails only on
  // storage errors; everything else is in the summary.
  Result<ImportSummary> run(TenantId tenant, const std::string& source, const import::ParsedRecords& records,
                            const std::filesystem::path& base_dir, const ProgressFn& progress = {});

  // Attachments known only by URL are downloaded with `fetch` (without one, the URL is kept
  // in the message text). A failed download is skipped with its reason and the URL kept.
  void fetch_attachments_with(AttachmentFetcher fetch) { fetch_ = std::move(fetch); }

  // Tickets written per transaction.
  static constexpr std::size_t kTicketsPerBatch = 200;
  static constexpr std::size_t kCustomersPerBatch = 500;

 private:
  struct State;
  Result<void> import_teams(State& state);
  Result<void> import_agents(State& state);
  Result<void> import_customers(State& state);
  void store_attachments(State& state);
  Result<void> import_tickets(State& state);
  Result<void> compute_sla_and_kpis(State& state);
  Result<void> advise_preset(State& state);

  storage::Store& store_;
  service::SlaService& sla_;
  service::KpiAggregator& kpis_;
  intake::AttachmentStore* attachments_;
  const Clock& clock_;
  AttachmentFetcher fetch_;
};

}  // namespace sp::importer

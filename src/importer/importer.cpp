#include "importer/importer.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_set>

#include <spdlog/spdlog.h>

#include "domain/validation.hpp"
#include "import/history.hpp"
#include "import/peers.hpp"

namespace sp::importer {

namespace fs = std::filesystem;
using import::Record;

namespace {

// No argon2id string matches this: imported agents cannot sign in until given a password.
constexpr std::string_view kNoPassword = "!imported";

Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return not_found("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `relative` inside `base` (no absolute paths, no way above it).
std::optional<fs::path> inside(const fs::path& base, const std::string& relative) {
  fs::path candidate(relative);
  if (candidate.is_absolute()) return std::nullopt;
  for (const auto& piece : candidate) {
    if (piece == "..") return std::nullopt;
  }
  return base / candidate;
}

template <typename IdT>
std::unordered_map<std::string, IdT> as_map(storage::ExternalIds<IdT> rows) {
  std::unordered_map<std::string, IdT> out;
  for (auto& [external, id] : rows) out.emplace(std::move(external), id);
  return out;
}

}  // namespace

Result<import::ParsedRecords> read_export(const std::string& format, const fs::path& path) {
  if (std::find(std::begin(kFormats), std::end(kFormats), format) == std::end(kFormats)) {
    return invalid_input("--from must be zendesk, zammad, rt or jsonl", "from");
  }
  if (format == "jsonl") {
    auto text = read_file(path);
    if (!text) return text.error();
    return import::parse_jsonl(*text);
  }
  std::error_code error;
  if (!fs::is_directory(path, error)) {
    return not_found("--from " + format + " reads an export folder (docs/IMPORT.md); " + path.string() +
                     " is not one");
  }
  import::ExportFolder folder;
  for (auto name : import::export_documents(format)) {
    const auto file = path / std::string(name);
    if (!fs::exists(file, error)) continue;
    auto text = read_file(file);
    if (!text) return text.error();
    folder.documents.emplace(std::string(name), std::move(*text));
  }
  if (folder.documents.empty()) {
    return not_found("no " + format + " collection files (tickets.json, users.json, ...) in " +
                     path.string());
  }
  // Attachment files are found by name; listing them is bounded like the rest of the input.
  const auto attachments = path / "attachments";
  if (fs::is_directory(attachments, error)) {
    for (auto it = fs::recursive_directory_iterator(attachments, error); !error && it != fs::end(it);
         it.increment(error)) {
      if (folder.files.size() == kMaxAttachmentFiles) {
        return invalid_input("more than " + std::to_string(kMaxAttachmentFiles) + " files in " +
                             attachments.string());
      }
      if (it->is_regular_file(error))
        folder.files.insert(fs::relative(it->path(), path, error).generic_string());
    }
  }
  if (format == "zendesk") return import::map_zendesk(folder);
  if (format == "zammad") return import::map_zammad(folder);
  return import::map_rt(folder);
}

struct Importer::State {
  TenantId tenant;
  std::string source;
  const import::ParsedRecords& records;
  fs::path base_dir;
  const ProgressFn& progress;
  ImportSummary summary;
  import::ResolvedIds ids;
  import::AttachmentLines attachment_lines;
  // Files kept per message external id: counted as imported only when their message is
  // written, so a second run reports them as already present.
  std::unordered_map<std::string, std::int64_t> attachments_kept;
  std::vector<TicketId> written;

  void skip(std::size_t index, std::string_view kind, std::string reason) {
    summary.kinds[std::string(kind)].skipped++;
    summary.skipped.push_back({records.positions.at(index), std::string(kind), std::move(reason)});
  }
  void report(const char* phase, std::int64_t done, std::int64_t total) const {
    if (progress) progress(Progress{phase, done, total});
  }
};

Result<ImportSummary> Importer::run(TenantId tenant, const std::string& source,
                                    const import::ParsedRecords& records, const fs::path& base_dir,
                                    const ProgressFn& progress) {
  State state{tenant, source, records, base_dir, progress, {}, {}, {}, {}};
  for (auto name : import::kKindNames) state.summary.kinds[std::string(name)];
  for (const auto& skipped : records.skipped) {
    state.summary.kinds[skipped.kind].skipped++;
    state.summary.skipped.push_back(skipped);
  }
  state.summary.deleted_tickets = records.deleted_tickets;
  state.summary.merged_tickets = records.merged_tickets;
  SP_TRY(import_teams(state));
  SP_TRY(import_agents(state));
  SP_TRY(import_customers(state));
  store_attachments(state);
  SP_TRY(import_tickets(state));
  SP_TRY(compute_sla_and_kpis(state));
  SP_TRY(advise_preset(state));
  // Kinds that are not record kinds (a line that was not even JSON) are listed as "line".
  return std::move(state.summary);
}

Result<void> Importer::import_teams(State& state) {
  auto teams = store_.list_teams(storage::Scope::of(state.tenant));
  if (!teams) return teams.error();
  std::unordered_map<std::string, TeamId> by_name;
  for (const auto& team : *teams) by_name.emplace(team.name, team.id);
  auto& counts = state.summary.kinds["team"];
  for (std::size_t idx = 0; idx < state.records.records.size(); ++idx) {
    const auto* record = std::get_if<import::TeamRecord>(&state.records.records[idx]);
    if (record == nullptr) continue;
    auto name = domain::require_text(record->name, "name", domain::kMaxNameBytes);
    if (!name) {
      state.skip(idx, "team", name.error().message);
      continue;
    }
    if (auto it = by_name.find(*name); it != by_name.end()) {
      state.ids.teams[record->external_id] = it->second;
      counts.already_present++;
      continue;
    }
    domain::Team team;
    team.tenant_id = state.tenant;
    team.name = *name;
    team.created_at = record->created_at;
    auto created = store_.create_team(team);
    if (!created) {
      if (created.error().code != ErrorCode::Conflict) return created.error();
      state.skip(idx, "team", created.error().message);
      continue;
    }
    by_name.emplace(created->name, created->id);
    state.ids.teams[record->external_id] = created->id;
    counts.imported++;
  }
  return {};
}

Result<void> Importer::import_agents(State& state) {
  auto known = store_.external_agents(state.tenant, state.source);
  if (!known) return known.error();
  state.ids.agents = as_map(std::move(*known));
  auto& counts = state.summary.kinds["agent"];
  for (std::size_t idx = 0; idx < state.records.records.size(); ++idx) {
    const auto* record = std::get_if<import::AgentRecord>(&state.records.records[idx]);
    if (record == nullptr) continue;
    if (state.ids.agents.count(record->external_id)) {
      counts.already_present++;
      continue;
    }
    auto email = domain::normalise_email(record->email);
    auto name = domain::require_text(record->name, "name", domain::kMaxNameBytes);
    if (!email || !name) {
      state.skip(idx, "agent", (!email ? email.error() : name.error()).message);
      continue;
    }
    const storage::ExternalRef ref{state.source, record->external_id};
    auto existing = store_.find_agent_by_email(*email);
    if (existing) {
      if (existing->agent.tenant_id != std::optional<TenantId>(state.tenant)) {
        state.skip(idx, "agent", "e-mail " + *email + " belongs to an agent outside this tenant");
        continue;
      }
      auto linked = store_.link_external_agent(state.tenant, existing->agent.id, ref);
      if (!linked && linked.error().code != ErrorCode::Conflict) return linked.error();
      state.ids.agents[record->external_id] = existing->agent.id;
      counts.already_present++;
      continue;
    }
    if (existing.error().code != ErrorCode::NotFound) return existing.error();
    domain::Agent agent;
    agent.tenant_id = state.tenant;
    agent.email = *email;
    agent.name = *name;
    agent.role = record->role;
    if (record->team) {
      if (auto team = state.ids.teams.find(*record->team); team != state.ids.teams.end()) {
        agent.team_id = team->second;
      }
    }
    agent.language = record->language;
    agent.active = record->active;
    agent.created_at = record->created_at;
    auto created = store_.create_external_agent(agent, std::string(kNoPassword), ref);
    if (!created) {
      if (created.error().code != ErrorCode::Conflict) return created.error();
      state.skip(idx, "agent", created.error().message);
      continue;
    }
    state.ids.agents[record->external_id] = created->id;
    counts.imported++;
  }
  return {};
}

Result<void> Importer::import_customers(State& state) {
  auto known = store_.external_customers(state.tenant, state.source);
  if (!known) return known.error();
  state.ids.customers = as_map(std::move(*known));
  auto& counts = state.summary.kinds["customer"];
  std::int64_t total = 0, done = 0;
  for (const auto& record : state.records.records)
    total += std::holds_alternative<import::CustomerRecord>(record);
  // Written kCustomersPerBatch to a transaction; the same person (by e-mail) is linked.
  std::vector<std::pair<domain::Customer, storage::ExternalRef>> batch;
  std::vector<std::size_t> batch_records;
  std::unordered_set<std::string> pending;  // external ids in `batch`
  auto flush = [&]() -> Result<void> {
    if (batch.empty()) return {};
    auto results = store_.import_external_customers(state.tenant, std::move(batch));
    if (!results) return results.error();
    for (std::size_t at = 0; at < results->size(); ++at) {
      const auto idx = batch_records[at];
      const auto& record = std::get<import::CustomerRecord>(state.records.records[idx]);
      const auto& result = (*results)[at];
      if (!result) {
        state.skip(idx, "customer", result.error().message);
        continue;
      }
      state.ids.customers[record.external_id] = result->id;
      (result->created ? counts.imported : counts.already_present)++;
    }
    batch.clear();
    batch_records.clear();
    pending.clear();
    return {};
  };
  for (std::size_t idx = 0; idx < state.records.records.size(); ++idx) {
    const auto* record = std::get_if<import::CustomerRecord>(&state.records.records[idx]);
    if (record == nullptr) continue;
    if (++done % 500 == 0) state.report("customers", done, total);
    if (state.ids.customers.count(record->external_id) || pending.count(record->external_id)) {
      counts.already_present++;
      continue;
    }
    auto name = domain::require_text(record->name, "name", domain::kMaxNameBytes);
    if (!name) {
      state.skip(idx, "customer", name.error().message);
      continue;
    }
    domain::Customer customer;
    customer.tenant_id = state.tenant;
    customer.name = *name;
    customer.language = record->language;
    customer.created_at = record->created_at;
    // Addresses servicepact cannot use are left out rather than losing the customer.
    for (const auto& raw : record->emails) {
      auto email = domain::normalise_email(raw);
      if (email &&
          std::find(customer.emails.begin(), customer.emails.end(), *email) == customer.emails.end() &&
          customer.emails.size() < domain::kMaxContactsPerCustomer) {
        customer.emails.push_back(*email);
      }
    }
    for (const auto& raw : record->phones) {
      auto phone = domain::normalise_phone(raw);
      if (phone && customer.phones.size() < domain::kMaxContactsPerCustomer)
        customer.phones.push_back(*phone);
    }
    batch.emplace_back(std::move(customer), storage::ExternalRef{state.source, record->external_id});
    batch_records.push_back(idx);
    pending.insert(record->external_id);
    if (batch.size() == kCustomersPerBatch) SP_TRY(flush());
  }
  SP_TRY(flush());
  state.report("customers", total, total);
  return {};
}

void Importer::store_attachments(State& state) {
  for (std::size_t idx = 0; idx < state.records.records.size(); ++idx) {
    const auto* record = std::get_if<import::AttachmentRecord>(&state.records.records[idx]);
    if (record == nullptr) continue;
    auto& lines = state.attachment_lines[record->message];
    const bool by_url = !record->content && !record->path;
    if (by_url && !fetch_) {
      lines.push_back(import::attachment_url_line(record->filename, record->content_type, *record->url));
      state.attachments_kept[record->message]++;
      continue;
    }
    std::string bytes;
    if (record->content) {
      bytes = *record->content;
    } else if (by_url) {
      auto fetched = fetch_(*record->url, kMaxFetchedAttachmentBytes);
      if (!fetched) {
        state.skip(idx, "attachment", record->filename + ": not downloaded: " + fetched.error().message);
        lines.push_back(import::attachment_url_line(record->filename, record->content_type, *record->url));
        continue;
      }
      bytes = std::move(*fetched);
    } else {
      auto file = inside(state.base_dir, *record->path);
      auto read =
          file ? read_file(*file) : Result<std::string>(invalid_input("path leaves the export folder"));
      if (!read) {
        state.skip(idx, "attachment", record->filename + ": " + read.error().message);
        lines.push_back("[attachment not kept: " + record->filename + " (missing from the export)]");
        continue;
      }
      bytes = std::move(*read);
    }
    std::string digest;
    if (attachments_ != nullptr) {
      auto stored = attachments_->put(bytes);
      if (!stored) {
        state.skip(idx, "attachment", record->filename + ": " + stored.error().message);
        continue;
      }
      digest = *stored;
    }
    lines.push_back(import::attachment_line(record->filename, record->content_type,
                                            static_cast<std::int64_t>(bytes.size()), digest));
    state.attachments_kept[record->message]++;
  }
}

Result<void> Importer::import_tickets(State& state) {
  auto grouped = import::group_by_ticket(state.records.records, state.records.positions);
  for (auto& skipped : grouped.skipped) {
    state.summary.kinds[skipped.kind].skipped++;
    state.summary.skipped.push_back(std::move(skipped));
  }
  auto known = store_.external_tickets(state.tenant, state.source);
  if (!known) return known.error();
  const auto known_tickets = as_map(std::move(*known));
  const auto scope = storage::Scope::of(state.tenant);
  auto& tickets = state.summary.kinds["ticket"];
  auto& messages = state.summary.kinds["message"];
  auto& changes = state.summary.kinds["status_change"];
  auto& attachments = state.summary.kinds["attachment"];
  auto kept_files = [&](const auto& message_ids) {
    std::int64_t files = 0;
    for (const auto& id : message_ids) {
      if (auto it = state.attachments_kept.find(id); it != state.attachments_kept.end()) files += it->second;
    }
    return files;
  };
  const auto total = static_cast<std::int64_t>(grouped.tickets.size());

  std::vector<storage::ExternalTicketWrite> batch;
  std::vector<const import::TicketRecords*> batch_records;
  auto flush = [&]() -> Result<void> {
    if (batch.empty()) return {};
    std::vector<std::size_t> message_counts;
    std::vector<bool> updates;
    std::vector<std::int64_t> file_counts;
    for (const auto& write : batch) {
      message_counts.push_back(write.history.messages.size());
      file_counts.push_back(kept_files(write.message_external_ids));
      updates.push_back(write.existing.has_value());
    }
    auto results = store_.import_external_tickets(state.tenant, std::move(batch));
    if (!results) return results.error();
    for (std::size_t idx = 0; idx < results->size(); ++idx) {
      const auto& result = (*results)[idx];
      const auto* records = batch_records[idx];
      if (!result) {
        tickets.skipped++;
        state.summary.skipped.push_back({records->where, "ticket", result.error().message});
        continue;
      }
      (updates[idx] ? tickets.updated : tickets.imported)++;
      messages.imported += static_cast<std::int64_t>(message_counts[idx]);
      attachments.imported += file_counts[idx];
      if (!updates[idx]) changes.imported += static_cast<std::int64_t>(records->changes.size());
      state.written.push_back(*result);
    }
    batch.clear();
    batch_records.clear();
    return {};
  };

  std::int64_t done = 0;
  for (const auto& records : grouped.tickets) {
    const auto& record = *records.ticket;
    storage::ExternalTicketWrite write;
    write.ref = {state.source, record.external_id};
    write.imported_at = clock_.now();
    if (auto it = known_tickets.find(record.external_id); it != known_tickets.end()) {
      auto history = store_.ticket_history(scope, it->second);
      if (!history) return history.error();
      auto known_ids = store_.external_message_ids(scope, it->second);
      if (!known_ids) return known_ids.error();
      const std::set<std::string> known_messages(known_ids->begin(), known_ids->end());
      const Timestamp last_event_at =
          history->events.empty() ? history->ticket.created_at : history->events.back().at;
      auto extended = import::extend_ticket(history->ticket, last_event_at, records, state.ids,
                                            known_messages, state.attachment_lines);
      messages.already_present += static_cast<std::int64_t>(known_messages.size());
      attachments.already_present += kept_files(known_messages);
      if (!extended) {
        tickets.skipped++;
        state.summary.skipped.push_back({records.where, "ticket", extended.error().message});
        continue;
      }
      if (!*extended) {
        tickets.already_present++;
        continue;
      }
      write.existing = it->second;
      write.expected_version = history->ticket.version;
      auto& built = **extended;
      write.history = {std::move(built.ticket), std::move(built.messages), std::move(built.events)};
      write.message_external_ids = std::move(built.message_external_ids);
    } else {
      auto built = import::build_ticket(records, state.ids, state.tenant, state.attachment_lines);
      if (!built) {
        tickets.skipped++;
        messages.skipped += static_cast<std::int64_t>(records.messages.size());
        state.summary.skipped.push_back({records.where, "ticket", built.error().message});
        continue;
      }
      write.history = {std::move(built->ticket), std::move(built->messages), std::move(built->events)};
      write.message_external_ids = std::move(built->message_external_ids);
    }
    batch.push_back(std::move(write));
    batch_records.push_back(&records);
    if (batch.size() == kTicketsPerBatch) {
      SP_TRY(flush());
      state.report("tickets", done + 1, total);
    }
    ++done;
  }
  SP_TRY(flush());
  state.report("tickets", total, total);
  return {};
}

Result<void> Importer::compute_sla_and_kpis(State& state) {
  const auto total = static_cast<std::int64_t>(state.written.size());
  const Timestamp now = clock_.now();
  std::int64_t done = 0;
  for (TicketId id : state.written) {
    kpis_.mark(state.tenant, id);
    auto ticket = store_.get_ticket(storage::Scope::of(state.tenant), id);
    if (!ticket) return ticket.error();
    // Solved and closed tickets have no running clock: their SLA state is derived from
    // history whenever it is read, as for a native ticket after a restart.
    if (ticket->status != domain::Status::Solved && ticket->status != domain::Status::Closed) {
      auto refreshed = sla_.refresh(state.tenant, id, now);
      if (!refreshed) return refreshed.error();
      state.summary.sla_refreshed++;
    }
    if (++done % 1000 == 0) state.report("sla", done, total);
  }
  state.report("kpis", 0, total);
  auto measured = kpis_.flush();
  if (!measured) return measured.error();
  state.summary.kpi_measured = *measured;
  state.report("kpis", total, total);
  return {};
}

Result<void> Importer::advise_preset(State& state) {
  auto preset = preset_of(state.source);
  if (!preset) return {};
  // The tenant's own view of its policies, as an administrator of it would list them.
  service::Principal admin;
  admin.agent.tenant_id = state.tenant;
  admin.agent.role = domain::Role::Admin;
  admin.scope = storage::Scope::of(state.tenant);
  auto policies = sla_.list_policies(admin);
  if (!policies) return policies.error();
  PresetAdvice advice;
  advice.preset = *preset;
  advice.policies = static_cast<std::int64_t>(policies->size());
  for (const auto& policy : *policies) {
    if (!policy.preset || sla::to_string(*policy.preset) != *preset)
      advice.without_preset.push_back(policy.name + " (id " + std::to_string(policy.id) + ")");
  }
  state.summary.sla_preset = std::move(advice);
  return {};
}

std::optional<std::string> preset_of(std::string_view source) {
  if (source == "zammad" || source == "rt") return std::string(source);
  return std::nullopt;  // Zendesk's SLA semantics are servicepact's defaults; jsonl is anyone's
}

}  // namespace sp::importer

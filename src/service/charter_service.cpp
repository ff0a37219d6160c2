#include "service/charter_service.hpp"

#include <date/tz.h>

#include <cctype>

#include "charter/charter_json.hpp"

namespace sp::service {

namespace {

std::string charter_key(TenantId tenant) {
  return charter::charter_setting_key(tenant);
}
std::string improvements_key(TenantId tenant) {
  return "tenant." + std::to_string(tenant.value) + ".improvements";
}

Error no_charter() {
  Error error = not_found("this tenant has no service charter yet");
  error.kind = kinds::kNoCharter;
  return error;
}

// [from, to) of the previous local month or quarter before `now` in `zone`.
std::pair<Timestamp, Timestamp> previous_period(const date::time_zone& zone, Timestamp now, bool quarter) {
  auto local = date::floor<date::days>(zone.to_local(now));
  date::year_month_day today{local};
  int month = static_cast<int>(static_cast<unsigned>(today.month()));
  int year = static_cast<int>(today.year());
  int months = quarter ? 3 : 1;
  int start_month = quarter ? ((month - 1) / 3) * 3 + 1 : month;  // start of the current period
  int prev_month = start_month - months;
  int prev_year = year;
  if (prev_month < 1) {
    prev_month += 12;
    prev_year -= 1;
  }
  auto local_start =
      date::local_days{date::year{prev_year} / date::month{static_cast<unsigned>(prev_month)} / 1};
  auto local_end = date::local_days{date::year{year} / date::month{static_cast<unsigned>(start_month)} / 1};
  auto from = date::floor<std::chrono::milliseconds>(zone.to_sys(local_start, date::choose::earliest));
  auto to = date::floor<std::chrono::milliseconds>(zone.to_sys(local_end, date::choose::earliest));
  return {from, to};
}

std::string period_label(const date::time_zone& zone, Timestamp from, bool quarter) {
  date::year_month_day ymd{date::floor<date::days>(zone.to_local(from))};
  int month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  if (quarter)
    return std::to_string(static_cast<int>(ymd.year())) + "-Q" + std::to_string((month - 1) / 3 + 1);
  return date::format("%Y-%m", ymd);
}

Result<std::string> bounded_text(const nlohmann::json& item, const char* key, const std::string& field,
                                 bool required) {
  auto found = item.find(key);
  if (found == item.end() || found->is_null()) {
    if (required) return invalid_input(field + " is required", field);
    return std::string();
  }
  if (!found->is_string()) return invalid_input(field + " must be a string", field);
  auto text = found->get<std::string>();
  if (text.size() > 2000) return invalid_input(field + " is at most 2,000 bytes", field);
  return text;
}

}  // namespace

Result<TenantId> CharterService::tenant_of(const Principal& p, std::optional<TenantId> tenant) {
  return resolve_tenant(store_, p, tenant);
}

Result<charter::Charter> CharterService::load(TenantId tenant) {
  auto stored = store_.get_setting(charter_key(tenant));
  if (!stored) return stored.error();
  if (!*stored) return no_charter();
  auto parsed = nlohmann::json::parse(**stored, nullptr, false);
  if (parsed.is_discarded()) return internal_error("stored charter is not JSON");
  return charter::charter_from_json(parsed);
}

void CharterService::set_improvements(ImprovementService* improvements) {
  improvements_ = improvements;
  if (improvements_) improvements_->set_on_change([this](TenantId tenant) { invalidate(tenant); });
}

void CharterService::invalidate(TenantId tenant) {
  std::lock_guard lock(cache_mutex_);
  cache_.erase(tenant.value);
}

Result<std::vector<documents::ImprovementAction>> CharterService::load_improvements(TenantId tenant) {
  std::vector<documents::ImprovementAction> actions;
  if (improvements_) {
    auto rows = improvements_->all_of(tenant);
    if (!rows) return rows.error();
    for (const auto& row : *rows) {
      actions.push_back(
          {row.you_said, row.outcome.empty() ? row.we_did : row.we_did + " " + row.outcome, row.done_on});
    }
    return actions;
  }
  auto stored = store_.get_setting(improvements_key(tenant));
  if (!stored) return stored.error();
  if (!*stored) return actions;
  auto parsed = nlohmann::json::parse(**stored, nullptr, false);
  if (!parsed.is_array()) return internal_error("stored improvements are not a JSON array");
  for (const auto& item : parsed) {
    actions.push_back({item.value("you_said", std::string()), item.value("we_did", std::string()),
                       item.value("done_on", std::string())});
  }
  return actions;
}

Result<charter::Charter> CharterService::get(const Principal& p, std::optional<TenantId> tenant) {
  SP_TRY(require(p, Permission::Read));
  auto id = tenant_of(p, tenant);
  if (!id) return id.error();
  return load(*id);
}

Result<charter::Charter> CharterService::put(const Principal& p, std::optional<TenantId> tenant,
                                             const nlohmann::json& body) {
  SP_TRY(require(p, Permission::ManageAgents));
  auto id = tenant_of(p, tenant);
  if (!id) return id.error();
  auto parsed = charter::charter_from_json(body);
  if (!parsed) return parsed.error();
  SP_TRY(charter::validate(*parsed));
  SP_TRY(store_.put_setting(charter_key(*id), charter::to_json(*parsed).dump()));
  std::lock_guard lock(cache_mutex_);
  cache_.erase(id->value);
  return parsed;
}

Result<std::vector<documents::ImprovementAction>> CharterService::improvements(
    const Principal& p, std::optional<TenantId> tenant) {
  SP_TRY(require(p, Permission::Read));
  auto id = tenant_of(p, tenant);
  if (!id) return id.error();
  return load_improvements(*id);
}

Result<std::vector<documents::ImprovementAction>> CharterService::put_improvements(
    const Principal& p, std::optional<TenantId> tenant, const nlohmann::json& body) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto id = tenant_of(p, tenant);
  if (!id) return id.error();
  auto items = body.find("items");
  if (items == body.end() || !items->is_array()) return invalid_input("items must be an array", "items");
  if (items->size() > 200) return invalid_input("at most 200 improvement actions", "items");
  nlohmann::json stored = nlohmann::json::array();
  std::vector<documents::ImprovementAction> actions;
  std::vector<storage::ImprovementRecord> records;
  for (std::size_t idx = 0; idx < items->size(); ++idx) {
    const auto& item = (*items)[idx];
    std::string prefix = "items[" + std::to_string(idx) + "]";
    if (!item.is_object()) return invalid_input(prefix + " must be an object", prefix);
    auto you_said = bounded_text(item, "you_said", prefix + ".you_said", true);
    if (!you_said) return you_said.error();
    auto we_did = bounded_text(item, "we_did", prefix + ".we_did", true);
    if (!we_did) return we_did.error();
    auto owner = bounded_text(item, "owner", prefix + ".owner", false);
    if (!owner) return owner.error();
    auto outcome = bounded_text(item, "outcome", prefix + ".outcome", false);
    if (!outcome) return outcome.error();
    std::string dates[2];
    const char* date_keys[2] = {"due_on", "done_on"};
    for (int k = 0; k < 2; ++k) {
      auto text = bounded_text(item, date_keys[k], prefix + "." + date_keys[k], false);
      if (!text) return text.error();
      if (!text->empty()) {
        // YYYY-MM-DD checked by hand (date::parse trips a g++ 12 false warning).
        bool shape = text->size() == 10 && (*text)[4] == '-' && (*text)[7] == '-';
        for (int pos : {0, 1, 2, 3, 5, 6, 8, 9})
          shape = shape && std::isdigit(static_cast<unsigned char>((*text)[pos]));
        date::year_month_day ymd{};
        if (shape) {
          ymd = date::year{std::stoi(text->substr(0, 4))} / std::stoi(text->substr(5, 2)) /
                std::stoi(text->substr(8, 2));
        }
        if (!shape || !ymd.ok()) {
          return invalid_input(prefix + "." + date_keys[k] + " must be YYYY-MM-DD",
                               prefix + "." + date_keys[k]);
        }
      }
      dates[k] = *text;
    }
    std::vector<std::int64_t> tickets;
    if (auto found = item.find("feedback_ticket_ids"); found != item.end() && !found->is_null()) {
      if (!found->is_array() || found->size() > 100) {
        return invalid_input(prefix + ".feedback_ticket_ids must be a list of ticket ids",
                             prefix + ".feedback_ticket_ids");
      }
      for (const auto& ticket : *found) {
        if (!ticket.is_number_integer()) {
          return invalid_input(prefix + ".feedback_ticket_ids must hold ticket ids",
                               prefix + ".feedback_ticket_ids");
        }
        // The feedback that prompted the action must be one of this tenant's tickets.
        auto exists = store_.get_ticket(storage::Scope::of(*id), TicketId{ticket.get<std::int64_t>()});
        if (!exists)
          return invalid_input(prefix + ".feedback_ticket_ids: no ticket " + ticket.dump(),
                               prefix + ".feedback_ticket_ids");
        tickets.push_back(ticket.get<std::int64_t>());
      }
    }
    stored.push_back({{"you_said", *you_said},
                      {"we_did", *we_did},
                      {"owner", *owner},
                      {"outcome", *outcome},
                      {"due_on", dates[0]},
                      {"done_on", dates[1]},
                      {"feedback_ticket_ids", tickets}});
    actions.push_back({*you_said, *we_did, dates[1]});
    // The table's form, as migration 11 imports old documents: done when it has a date; the
    // free-text owner (not an agent id) is kept at the end of the outcome.
    storage::ImprovementRecord record;
    record.you_said = *you_said;
    record.we_did = *we_did;
    record.due_on = dates[0];
    record.done_on = dates[1];
    record.status = dates[1].empty() ? "planned" : "done";
    record.outcome = *outcome;
    if (!owner->empty())
      record.outcome += (record.outcome.empty() ? "" : " ") + std::string("(owner: ") + *owner + ")";
    for (auto ticket : tickets) record.ticket_ids.push_back(TicketId{ticket});
    records.push_back(std::move(record));
  }
  if (improvements_) {
    auto replaced = improvements_->replace_all(*id, std::move(records));
    if (!replaced) return replaced.error();
    return actions;
  }
  SP_TRY(store_.put_setting(improvements_key(*id), stored.dump()));
  std::lock_guard lock(cache_mutex_);
  cache_.erase(id->value);
  return actions;
}

Result<charter::Evaluation> CharterService::evaluate_period(const Tenant& tenant, const charter::Charter& c,
                                                            bool quarter,
                                                            std::optional<reporting::KpiFigures>* figures) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(tenant.timezone);
  } catch (const std::exception&) {
    return internal_error("tenant time zone " + tenant.timezone + " is unknown");
  }
  auto [from, to] = previous_period(*zone, clock_.now(), quarter);
  KpiRequest request;
  request.tenant = tenant.id;
  request.period = reporting::Period::Custom;
  request.from = from;
  request.to = to;
  request.breach_rules = charter::to_reporting_rules(c);
  request.dimension = reporting::Dimension::All;
  auto overall = reports_.tenant_kpis(tenant, request);
  if (!overall) return overall.error();
  if (figures != nullptr && !overall->groups.empty()) *figures = overall->groups.front().figures;
  request.dimension = reporting::Dimension::Channel;
  auto by_channel = reports_.tenant_kpis(tenant, request);
  if (!by_channel) return by_channel.error();
  // No privacy incidents are recorded by the platform yet; the figure stays unmeasured.
  auto input = charter::kpi_input_from_reports(period_label(*zone, from, quarter), *overall, &*by_channel);
  if (!input) return input.error();
  return charter::evaluate(c, *input);
}

Result<charter::Evaluation> CharterService::evaluation(const Principal& p, std::optional<TenantId> tenant,
                                                       bool quarter) {
  SP_TRY(require(p, Permission::Read));
  auto id = tenant_of(p, tenant);
  if (!id) return id.error();
  auto row = store_.get_tenant(p.scope, *id);
  if (!row) return row.error();
  auto c = load(*id);
  if (!c) return c.error();
  return evaluate_period(*row, *c, quarter);
}

Result<PublicCharterView> CharterService::public_view(const std::string& slug) {
  if (slug.empty() || slug.size() > 64) return not_found("no such tenant");
  auto tenant = store_.find_tenant_by_slug(slug);
  if (!tenant) return tenant.error();
  auto now = clock_.now();
  {
    std::lock_guard lock(cache_mutex_);
    auto found = cache_.find(tenant->id.value);
    if (found != cache_.end() && now - found->second.first < std::chrono::minutes(10))
      return found->second.second;
  }
  auto c = load(tenant->id);
  if (!c) return c.error();
  std::optional<reporting::KpiFigures> figures;
  auto month = evaluate_period(*tenant, *c, false, &figures);
  if (!month) return month.error();
  auto quarter = evaluate_period(*tenant, *c, true);
  if (!quarter) return quarter.error();
  auto actions = load_improvements(tenant->id);
  if (!actions) return actions.error();
  if (improvements_) {
    // "You said, we did" shows what was done, not what is planned.
    std::erase_if(*actions, [](const documents::ImprovementAction& a) { return a.done_on.empty(); });
  }
  PublicCharterView view{*tenant, std::move(*c), std::move(*month), std::move(*quarter), std::move(*actions)};
  if (figures) {
    view.phone_last_month = figures->calls;
    view.commitments_last_month = figures->commitments;
  }
  std::lock_guard lock(cache_mutex_);
  cache_[tenant->id.value] = {now, view};
  return view;
}

}  // namespace sp::service

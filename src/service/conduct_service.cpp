#include "service/conduct_service.hpp"

#include <spdlog/spdlog.h>

#include "core/text.hpp"

namespace sp::service {

namespace {

using nlohmann::json;

std::string_view to_string(ConductAction action) {
  return action == ConductAction::Block ? "block" : "warn";
}

Result<std::string> string_member(const json& value, const std::string& field) {
  if (!value.is_string()) return invalid_input("must be a string", field);
  return value.get<std::string>();
}

Result<Language> language_member(const json& entry, const std::string& field) {
  if (!entry.contains("language"))
    return invalid_input("language is required (nl, en or zh)", field + ".language");
  auto text = string_member(entry["language"], field + ".language");
  if (!text) return text.error();
  auto language = parse_language(*text);
  if (!language) return invalid_input("language is nl, en or zh", field + ".language");
  return *language;
}

Result<std::vector<std::string>> string_list(const json& document, const std::string& name) {
  std::vector<std::string> out;
  if (!document.contains(name)) return out;
  const json& list = document[name];
  if (!list.is_array()) return invalid_input("must be an array of strings", name);
  for (std::size_t idx = 0; idx < list.size(); ++idx) {
    auto text = string_member(list[idx], name + "[" + std::to_string(idx) + "]");
    if (!text) return text.error();
    out.push_back(std::move(*text));
  }
  return out;
}

json findings_json(const std::vector<conduct::Finding>& findings, bool with_matched) {
  json out = json::array();
  for (const auto& finding : findings) out.push_back(ConductService::to_json(finding, with_matched));
  return out;
}

}  // namespace

ConductService::ConductService(HelpdeskService& helpdesk, storage::ConductStore& store, SlaService& sla,
                               const Clock& clock)
    : helpdesk_(helpdesk), store_(store), sla_(sla), clock_(clock) {}

json ConductService::to_json(const conduct::Finding& finding, bool with_matched) {
  json out = {{"kind", conduct::to_string(finding.kind)},
              {"start", finding.start},
              {"end", finding.end},
              {"explanation", finding.explanation},
              {"severity", conduct::to_string(finding.severity)},
              {"rule", finding.rule},
              {"due_at", finding.due_at ? json(format_rfc3339(*finding.due_at)) : json(nullptr)}};
  // Stored findings leave the matched text out: the message has it, and a copy of someone
  // else's personal data in a second table is one copy too many.
  if (with_matched) out["matched"] = finding.matched;
  return out;
}

json ConductService::to_json(const ConductSettings& settings) {
  json additions = json::array(), exceptions = json::array(), actions = json::object();
  for (const auto& addition : settings.rules.additions) {
    additions.push_back({{"language", domain::to_string(addition.language)},
                         {"kind", conduct::to_string(addition.kind)},
                         {"phrase", addition.phrase}});
  }
  for (const auto& exception : settings.rules.exceptions) {
    exceptions.push_back({{"language", domain::to_string(exception.language)}, {"phrase", exception.phrase}});
  }
  for (conduct::Kind kind : conduct::kAllKinds) {
    auto found = settings.actions.find(kind);
    actions[std::string(conduct::to_string(kind))] =
        to_string(found == settings.actions.end() ? ConductAction::Warn : found->second);
  }
  return {{"additions", std::move(additions)},
          {"exceptions", std::move(exceptions)},
          {"glossary", settings.rules.glossary},
          {"own_contacts", settings.rules.own_contacts},
          {"actions", std::move(actions)}};
}

Result<ConductSettings> ConductService::parse_settings(const json& document) {
  if (!document.is_object()) return invalid_input("the settings are a JSON object");
  static const std::vector<std::string> kMembers = {"additions", "exceptions", "glossary", "own_contacts",
                                                    "actions"};
  for (const auto& [key, value] : document.items()) {
    if (std::find(kMembers.begin(), kMembers.end(), key) == kMembers.end()) {
      Error error = invalid_input("unknown member", key);
      error.kind = "unknown-field";
      return error;
    }
  }
  ConductSettings settings;
  for (const char* list_name : {"additions", "exceptions"}) {
    if (!document.contains(list_name)) continue;
    const json& list = document[list_name];
    std::string name = list_name;
    if (!list.is_array()) return invalid_input("must be an array", name);
    if (list.size() > conduct::kMaxTenantPhrases) return invalid_input("at most 2000 entries", name);
    for (std::size_t idx = 0; idx < list.size(); ++idx) {
      std::string field = name + "[" + std::to_string(idx) + "]";
      const json& entry = list[idx];
      if (!entry.is_object()) return invalid_input("must be an object", field);
      auto language = language_member(entry, field);
      if (!language) return language.error();
      auto phrase = string_member(entry.value("phrase", json()), field + ".phrase");
      if (!phrase) return phrase.error();
      if (name == "exceptions") {
        settings.rules.exceptions.push_back({*language, std::move(*phrase)});
        continue;
      }
      auto kind_text = string_member(entry.value("kind", json()), field + ".kind");
      if (!kind_text) return kind_text.error();
      auto kind = conduct::parse_kind(*kind_text);
      if (!kind || (*kind != conduct::Kind::Offensive && *kind != conduct::Kind::Slang)) {
        return invalid_input("kind is offensive or slang", field + ".kind");
      }
      settings.rules.additions.push_back({*language, *kind, std::move(*phrase)});
    }
  }
  auto glossary = string_list(document, "glossary");
  if (!glossary) return glossary.error();
  settings.rules.glossary = std::move(*glossary);
  auto own = string_list(document, "own_contacts");
  if (!own) return own.error();
  settings.rules.own_contacts = std::move(*own);
  if (document.contains("actions")) {
    const json& actions = document["actions"];
    if (!actions.is_object()) return invalid_input("must be an object of kind: warn|block", "actions");
    for (const auto& [key, value] : actions.items()) {
      auto kind = conduct::parse_kind(key);
      if (!kind) return invalid_input("unknown kind", "actions." + key);
      if (value != "warn" && value != "block") return invalid_input("is warn or block", "actions." + key);
      settings.actions[*kind] = value == "block" ? ConductAction::Block : ConductAction::Warn;
    }
  }
  // Validates phrase sizes and counts as the checker will use them.
  auto checker = conduct::Checker::create(settings.rules);
  if (!checker) return checker.error();
  return settings;
}

Result<std::shared_ptr<const ConductService::Compiled>> ConductService::compiled_for(TenantId tenant) {
  auto record = store_.get_conduct_settings(tenant);
  if (!record) return record.error();
  Timestamp version = *record ? (*record)->updated_at : Timestamp{};
  {
    std::lock_guard lock(cache_mutex_);
    auto found = cache_.find(tenant.value);
    if (found != cache_.end() && found->second.first == version) return found->second.second;
  }
  ConductSettings settings;
  if (*record) {
    auto document = json::parse((*record)->settings_json, nullptr, false);
    auto parsed = parse_settings(document);
    if (!parsed) return internal_error("stored conduct settings are invalid: " + parsed.error().message);
    settings = std::move(*parsed);
  }
  auto checker = conduct::Checker::create(settings.rules);
  if (!checker) return internal_error("conduct rules: " + checker.error().message);
  auto compiled = std::make_shared<const Compiled>(Compiled{std::move(settings), std::move(*checker)});
  std::lock_guard lock(cache_mutex_);
  cache_[tenant.value] = {version, compiled};
  return compiled;
}

Result<std::vector<conduct::Finding>> ConductService::check_reply(const Compiled& compiled, TenantId tenant,
                                                                  const Ticket* ticket, std::string_view text,
                                                                  std::optional<Language> language,
                                                                  Language agent_language) {
  auto scope = storage::Scope::of(tenant);
  auto& store = helpdesk_.store();
  conduct::CheckContext context;
  context.now = clock_.now();
  context.agent_language = agent_language;
  auto calendar = sla_.promise_calendar(tenant, ticket);
  if (!calendar) return calendar.error();
  context.calendar = std::move(*calendar);
  auto tenant_row = store.get_tenant(scope, tenant);
  if (!tenant_row) return tenant_row.error();
  context.customer_zone = context.calendar ? context.calendar->time_zone() : tenant_row->timezone;
  Language reply_language = language.value_or(tenant_row->default_language);
  if (ticket != nullptr) {
    auto customer = store.get_customer(scope, ticket->requester_id);
    if (!customer) return customer.error();
    context.customer_emails = customer->emails;
    context.customer_phones = customer->phones;
    if (!language) reply_language = customer->language;
    // A chat turn needs no letter's greeting and closing.
    context.expect_greeting_and_closing = ticket->channel != Channel::Chat;
  }
  return compiled.checker.check(text, reply_language, context);
}

Result<std::vector<conduct::Finding>> ConductService::check(const Principal& p,
                                                            std::optional<TenantId> tenant,
                                                            const ConductCheckRequest& request) {
  SP_TRY(require(p, Permission::WriteTickets));
  if (request.text.size() > conduct::kMaxCheckedTextBytes) {
    return invalid_input("text is at most 64 KiB", "text");
  }
  if (!text::is_valid_utf8(request.text)) return invalid_input("text must be UTF-8", "text");
  std::optional<Ticket> ticket;
  TenantId tenant_id;
  if (request.ticket_id) {
    auto found = helpdesk_.get_ticket(p, *request.ticket_id);
    if (!found) return found.error();
    ticket = std::move(*found);
    tenant_id = ticket->tenant_id;
  } else {
    auto resolved = resolve_tenant(helpdesk_.store(), p, tenant);
    if (!resolved) return resolved.error();
    tenant_id = *resolved;
  }
  auto compiled = compiled_for(tenant_id);
  if (!compiled) return compiled.error();
  return check_reply(**compiled, tenant_id, ticket ? &*ticket : nullptr, request.text, request.language,
                     p.agent.language);
}

Result<ConductSettings> ConductService::settings(const Principal& p, std::optional<TenantId> tenant) {
  SP_TRY(require(p, Permission::Read));
  auto id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!id) return id.error();
  auto compiled = compiled_for(*id);
  if (!compiled) return compiled.error();
  return (*compiled)->settings;
}

Result<ConductSettings> ConductService::put_settings(const Principal& p, std::optional<TenantId> tenant,
                                                     const json& document) {
  SP_TRY(require(p, Permission::ManageTeams));
  auto id = resolve_tenant(helpdesk_.store(), p, tenant);
  if (!id) return id.error();
  auto parsed = parse_settings(document);
  if (!parsed) return parsed.error();
  auto now = clock_.now();
  // The cache is keyed by updated_at: make each write's stamp differ from the previous one.
  auto previous = store_.get_conduct_settings(*id);
  if (!previous) return previous.error();
  if (*previous && (*previous)->updated_at >= now) now = (*previous)->updated_at + Duration{1};
  SP_TRY(store_.put_conduct_settings({*id, to_json(*parsed).dump(), now}));
  return parsed;
}

Result<json> ConductService::ticket_findings(const Principal& p, TicketId id) {
  auto ticket = helpdesk_.get_ticket(p, id);  // checks Read and the tenant
  if (!ticket) return ticket.error();
  auto records = store_.message_findings(ticket->tenant_id, id);
  if (!records) return records.error();
  json items = json::array();
  for (const auto& record : *records) {
    items.push_back({{"message_id", record.message_id.value},
                     {"checked_at", format_rfc3339(record.checked_at)},
                     {"findings", json::parse(record.findings_json, nullptr, false)}});
  }
  return json{{"items", std::move(items)}};
}

Result<void> ConductService::admit_reply(const Principal& p, TicketId id, const std::string& body) {
  auto ticket = helpdesk_.store().get_ticket(p.scope, id);
  if (!ticket) return ticket.error();
  auto compiled = compiled_for(ticket->tenant_id);
  if (!compiled) return compiled.error();
  const auto& actions = (*compiled)->settings.actions;
  bool blocks_any = std::any_of(actions.begin(), actions.end(),
                                [](const auto& entry) { return entry.second == ConductAction::Block; });
  if (!blocks_any) return {};
  auto findings = check_reply(**compiled, ticket->tenant_id, &*ticket, body, std::nullopt, p.agent.language);
  if (!findings) return findings.error();
  std::vector<conduct::Finding> blocking;
  for (const auto& finding : *findings) {
    auto action = actions.find(finding.kind);
    if (action != actions.end() && action->second == ConductAction::Block) blocking.push_back(finding);
  }
  if (blocking.empty()) return {};
  std::string detail = "the reply was not sent: the conduct check found";
  for (std::size_t idx = 0; idx < blocking.size() && idx < 5; ++idx) {
    detail += std::string(idx == 0 ? " " : "; ") + std::string(conduct::to_string(blocking[idx].kind)) +
              " \"" + blocking[idx].matched.substr(0, 60) + "\"";
  }
  Error error = invalid_input(detail, "body");
  error.kind = std::string(kinds::kConductBlocked);
  error.extensions_json = json{{"findings", findings_json(blocking, true)}}.dump();
  return error;
}

std::string ConductService::reply_findings_json(TenantId tenant, TicketId ticket, MessageId message) {
  auto records = store_.message_findings(tenant, ticket);
  if (!records) return {};
  for (const auto& record : *records) {
    if (record.message_id == message) return record.findings_json;
  }
  return {};
}

void ConductService::message_added(const Ticket& ticket, const Message& message) {
  if (message.kind != MessageKind::Outbound || message.author.type != ActorType::Agent) return;
  auto scope = storage::Scope::of(ticket.tenant_id);
  auto agent = helpdesk_.store().get_agent(scope, AgentId{message.author.id});
  Language agent_language = agent ? agent->language : Language::En;
  auto compiled = compiled_for(ticket.tenant_id);
  if (!compiled) {
    spdlog::warn("conduct: no rules for tenant {}: {}", ticket.tenant_id.value, compiled.error().message);
    return;
  }
  auto findings =
      check_reply(**compiled, ticket.tenant_id, &ticket, message.body, std::nullopt, agent_language);
  if (!findings) {
    spdlog::warn("conduct: check of message {} failed: {}", message.id.value, findings.error().message);
    return;
  }
  storage::MessageConductRecord record{ticket.tenant_id,
                                       ticket.id,
                                       message.id,
                                       findings_json(*findings, false).dump(),
                                       static_cast<int>(findings->size()),
                                       clock_.now()};
  if (auto stored = store_.put_message_findings(record); !stored) {
    spdlog::warn("conduct: findings of message {} not stored: {}", message.id.value, stored.error().message);
  }
}

}  // namespace sp::service

#include "macros/macro.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "domain/validation.hpp"

namespace sp::macros {

namespace {

struct Placeholder {
  std::size_t begin = 0;  // position of "{{"
  std::size_t end = 0;    // one past "}}"
  std::string_view name;  // trimmed
};

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// The next "{{...}}" at or after `from`, or nullopt. An unclosed "{{" is no placeholder.
std::optional<Placeholder> next_placeholder(std::string_view text, std::size_t from) {
  auto open = text.find("{{", from);
  if (open == std::string_view::npos) return std::nullopt;
  auto close = text.find("}}", open + 2);
  if (close == std::string_view::npos) return std::nullopt;
  return Placeholder{open, close + 2, trim_spaces(text.substr(open + 2, close - open - 2))};
}

bool is_known(std::string_view name) {
  return std::find(std::begin(kPlaceholders), std::end(kPlaceholders), name) != std::end(kPlaceholders);
}

const std::string* value_of(std::string_view name, const RenderValues& values) {
  if (name == "customer.name") return &values.customer_name;
  if (name == "ticket.reference") return &values.ticket_reference;
  if (name == "ticket.subject") return &values.ticket_subject;
  if (name == "agent.name") return &values.agent_name;
  if (name == "sla.due_at") return &values.sla_due_at;
  return nullptr;
}

}  // namespace

std::string_view to_string(Scope scope) {
  switch (scope) {
    case Scope::Team:
      return "team";
    case Scope::Personal:
      return "personal";
    case Scope::Tenant:
      break;
  }
  return "tenant";
}

Result<Scope> parse_scope(std::string_view text) {
  if (text == "tenant") return Scope::Tenant;
  if (text == "team") return Scope::Team;
  if (text == "personal") return Scope::Personal;
  return invalid_input("scope is tenant, team or personal", "scope");
}

Result<void> validate_text(std::string_view text, const std::string& field) {
  if (text.size() > kMaxTextBytes) return invalid_input("a text is at most 16 KiB", field);
  if (!text::is_valid_utf8(text)) return invalid_input("a text must be UTF-8", field);
  for (auto found = next_placeholder(text, 0); found; found = next_placeholder(text, found->end)) {
    if (is_known(found->name)) continue;
    Error error = invalid_input("unknown placeholder {{" + std::string(found->name) + "}}", field);
    error.kind = std::string(kUnknownPlaceholder);
    error.extensions_json = nlohmann::json{{"placeholder", std::string(found->name)}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    return error;
  }
  return {};
}

std::string render(std::string_view text, const RenderValues& values) {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (auto found = next_placeholder(text, 0); found; found = next_placeholder(text, found->end)) {
    const std::string* value = value_of(found->name, values);
    if (value == nullptr) continue;
    out.append(text.substr(copied, found->begin - copied));
    out.append(*value);
    copied = found->end;
  }
  out.append(text.substr(copied));
  return out;
}

std::optional<domain::Language> choose_language(const std::map<domain::Language, std::string>& texts,
                                                domain::Language customer, domain::Language tenant_default) {
  if (texts.contains(customer)) return customer;
  if (texts.contains(tenant_default)) return tenant_default;
  for (auto language : {domain::Language::Nl, domain::Language::En, domain::Language::Zh}) {
    if (texts.contains(language)) return language;
  }
  return std::nullopt;
}

Result<domain::TicketPatch> patch_for(const domain::Ticket& ticket, const FieldChanges& changes) {
  domain::TicketPatch patch;
  if (changes.status && *changes.status != ticket.status) patch.status = changes.status;
  if (changes.priority && *changes.priority != ticket.priority) patch.priority = changes.priority;
  if (changes.team_id && *changes.team_id != ticket.team_id) patch.team_id = changes.team_id;
  if (changes.assignee_id && *changes.assignee_id != ticket.assignee_id)
    patch.assignee_id = changes.assignee_id;
  if (changes.category && *changes.category != ticket.category) patch.category = changes.category;
  if (!changes.tags_add.empty() || !changes.tags_remove.empty()) {
    std::vector<std::string> tags = ticket.tags;
    tags.insert(tags.end(), changes.tags_add.begin(), changes.tags_add.end());
    std::erase_if(tags, [&](const std::string& tag) {
      return std::find(changes.tags_remove.begin(), changes.tags_remove.end(), tag) !=
             changes.tags_remove.end();
    });
    auto normalised = domain::normalise_tags(tags);
    if (!normalised) return normalised.error();
    if (*normalised != ticket.tags) patch.tags = std::move(*normalised);
  }
  return patch;
}

}  // namespace sp::macros

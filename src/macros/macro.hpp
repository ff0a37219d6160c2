// Macros (issue 17): canned reply texts in nl/en/zh with placeholders, and the field changes
// they apply. Pure: rendering takes every value (the formatted SLA due time included) as input,
// so the same inputs always give the same text. Thread-safe (no state).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/model.hpp"
#include "domain/ticket_rules.hpp"

namespace sp::macros {

// Limits on what one macro may hold, and how many a tenant keeps.
inline constexpr std::size_t kMaxNameBytes = 120;
inline constexpr std::size_t kMaxTextBytes = 16 * 1024;
inline constexpr std::size_t kMaxMacrosPerTenant = 500;
// A bulk action names at most this many tickets.
inline constexpr std::size_t kMaxBulkTickets = 100;

// The problem kind of a text that names a placeholder not in kPlaceholders.
inline constexpr std::string_view kUnknownPlaceholder = "unknown-placeholder";

// The placeholders a text may use, written {{name}} (spaces inside the braces allowed).
inline constexpr std::string_view kPlaceholders[] = {"customer.name", "ticket.reference", "ticket.subject",
                                                     "agent.name", "sla.due_at"};

// Who sees a macro: everyone of the tenant, the members of one team, or only its owner.
enum class Scope { Tenant, Team, Personal };
std::string_view to_string(Scope scope);  // "tenant", "team", "personal"
Result<Scope> parse_scope(std::string_view text);

// Field changes of a macro or a bulk action; an empty member changes nothing.
struct FieldChanges {
  std::optional<domain::Status> status;
  std::optional<domain::Priority> priority;
  std::vector<std::string> tags_add;                          // normalised (domain::normalise_tags)
  std::vector<std::string> tags_remove;                       // normalised
  std::optional<std::optional<domain::TeamId>> team_id;       // engaged nullopt: no team
  std::optional<std::optional<domain::AgentId>> assignee_id;  // engaged nullopt: unassigned
  std::optional<std::string> category;                        // "" clears it
  bool empty() const {
    return !status && !priority && tags_add.empty() && tags_remove.empty() && !team_id && !assignee_id &&
           !category;
  }
};

struct Macro {
  std::int64_t id = 0;
  domain::TenantId tenant_id;
  Scope scope = Scope::Tenant;
  std::optional<domain::TeamId> team_id;    // set exactly for Scope::Team
  std::optional<domain::AgentId> owner_id;  // set exactly for Scope::Personal
  std::string name;
  std::map<domain::Language, std::string> texts;  // at least one variant
  FieldChanges changes;
  Timestamp created_at;
  Timestamp updated_at;
};

// Checks that `text` is UTF-8, at most kMaxTextBytes, and names only known placeholders. Fails
// with InvalidInput naming `field`; an unknown placeholder has kind kUnknownPlaceholder and the
// extension member "placeholder" (its name as written).
[[nodiscard]] Result<void> validate_text(std::string_view text, const std::string& field);

// The values placeholders stand for; an empty value renders as an empty string.
struct RenderValues {
  std::string customer_name;
  std::string ticket_reference;  // "T-123" (channels::format_ticket_reference)
  std::string ticket_subject;
  std::string agent_name;
  std::string sla_due_at;  // already formatted in the reader's language and zone; empty: no clock runs
};

// Replaces each known placeholder in `text` by its value; anything else is left as written
// (texts are validated on save, so this only matters for texts stored before a rename).
std::string render(std::string_view text, const RenderValues& values);

// The variant to use: the customer's language if the macro has it, else the tenant's default,
// else the first by language order (nl, en, zh). Empty when the macro has no text at all.
std::optional<domain::Language> choose_language(const std::map<domain::Language, std::string>& texts,
                                                domain::Language customer, domain::Language tenant_default);

// The patch that makes `changes` on `ticket`: tags are the ticket's plus tags_add minus
// tags_remove (so a removal wins over an addition of the same tag); members that would not
// change the ticket are left out. Fails with InvalidInput (field "tags") past 20 tags.
[[nodiscard]] Result<domain::TicketPatch> patch_for(const domain::Ticket& ticket,
                                                    const FieldChanges& changes);

}  // namespace sp::macros

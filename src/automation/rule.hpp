// Triggers and automations (issue 17): a rule names an event, conditions on a ticket and the
// actions to take, and evaluation turns (ticket state, event, rules) into the actions to run.
// Pure: no I/O, time is passed in; the service layer loads the facts and runs the plans.
// Thread-safe (no state). The JSON form is in README.md and rule_json.hpp.
//
// Loop prevention is part of evaluation (plan_chain): a rule fires at most once per
// originating change (so never twice on its own change), the changes rules make are seen by
// the other rules as updates in the next round, and there are at most kMaxRounds rounds.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/model.hpp"
#include "macros/macro.hpp"
#include "sla/business_calendar.hpp"

namespace sp::automation {

inline constexpr std::size_t kMaxNameBytes = 120;
inline constexpr std::size_t kMaxConditions = 20;  // all-of and any-of together
inline constexpr std::size_t kMaxActions = 10;
inline constexpr std::size_t kMaxValues = 20;  // values of one "is one of" condition
inline constexpr std::size_t kMaxNoteBytes = 4096;
inline constexpr std::size_t kMaxRulesPerTenant = 200;
inline constexpr int kMaxRounds = 5;
inline constexpr double kMaxHours = 24.0 * 366;

// What makes a rule look at a ticket.
enum class Trigger { OnCreate, OnUpdate, OnTime };
std::string_view to_string(Trigger trigger);  // "on_create", "on_update", "on_time"
Result<Trigger> parse_trigger(std::string_view text);

// The SLA state a condition can ask for: of the ticket's current clocks, any breached, else any
// at risk, else on schedule (also without clocks).
enum class SlaState { OnSchedule, AtRisk, Breached };
std::string_view to_string(SlaState state);  // "on_schedule", "at_risk", "breached"
Result<SlaState> parse_sla_state(std::string_view text);

enum class Field {
  Channel,
  Status,
  Priority,
  Category,
  Tags,
  Language,  // the customer's
  CustomerId,
  Team,
  Assignee,
  SlaState,
  HoursInStatus,  // on_time only: hours since the last status change
};
std::string_view to_string(Field field);
Result<Field> parse_field(std::string_view text);

// is / is_not: the ticket's value is (not) one of `values`; has / has_not: tags; gte: hours.
enum class Op { Is, IsNot, Has, HasNot, Gte };
std::string_view to_string(Op op);
Result<Op> parse_op(std::string_view text);

struct Condition {
  Field field = Field::Status;
  Op op = Op::Is;
  // Text forms of the values: enum names, category, tags, decimal ids; "" stands for none
  // (unassigned, no team, no category).
  std::vector<std::string> values;
  double hours = 0;             // HoursInStatus
  bool business_hours = false;  // HoursInStatus: counted in the ticket's SLA calendar
  friend bool operator==(const Condition&, const Condition&) = default;
};

enum class ActionType {
  SetStatus,
  SetPriority,
  SetCategory,
  SetTeam,
  SetAssignee,
  AddTags,
  RemoveTags,
  ApplyMacro,
  AddNote,
  Notify,
  Webhook,
};
std::string_view to_string(ActionType type);
Result<ActionType> parse_action_type(std::string_view text);

// Who a notify action tells.
enum class NotifyTarget { Assignee, TeamLead, Agent };
std::string_view to_string(NotifyTarget target);  // "assignee", "team_lead", "agent"

struct Action {
  ActionType type = ActionType::AddNote;
  std::optional<domain::Status> status;
  std::optional<domain::Priority> priority;
  std::string text;                // category, note text, notify message
  std::vector<std::string> tags;   // normalised
  std::optional<std::int64_t> id;  // team, assignee, macro, notified agent (none: unassign)
  NotifyTarget target = NotifyTarget::Assignee;
  friend bool operator==(const Action&, const Action&) = default;
};

struct Rule {
  std::int64_t id = 0;
  domain::TenantId tenant_id;
  std::string name;
  Trigger trigger = Trigger::OnCreate;
  bool active = true;
  int position = 0;            // rules run in (position, id) order
  std::vector<Condition> all;  // every one must hold
  std::vector<Condition> any;  // at least one must hold (ignored when empty)
  std::vector<Action> actions;
  Timestamp created_at;
  Timestamp updated_at;
};

// Checks a rule's shape: name, limits, values that fit their field, hours_in_status only (and
// required, in `all`) for on_time rules. Fails with InvalidInput naming the member.
[[nodiscard]] Result<void> validate(const Rule& rule);

// The macro ids, team ids and agent ids the rule's actions name (the service checks they
// exist in the tenant).
std::vector<std::int64_t> macro_ids(const Rule& rule);

// Everything evaluation reads about one ticket.
struct TicketFacts {
  domain::Ticket ticket;
  domain::Language language = domain::Language::En;  // the customer's
  SlaState sla = SlaState::OnSchedule;
  Timestamp status_since;  // the last status change (the creation for a ticket never changed)
  // The ticket's SLA calendar; none: hours in business time are counted as clock hours.
  const sla::BusinessCalendar* calendar = nullptr;
};

// Whether the rule's conditions hold for `facts` at `now` (its trigger is not checked).
bool matches(const Rule& rule, const TicketFacts& facts, Timestamp now);

// One rule run: what it changes on the ticket and what else it does.
struct Plan {
  std::int64_t rule_id = 0;
  std::string rule_name;
  int round = 0;                 // 0 for the originating event; later rounds react to rules
  macros::FieldChanges changes;  // set-field, tag and macro changes, merged in action order
  std::vector<Action> effects;   // apply_macro (its text), add_note, notify, webhook
};

// The plans an event on a ticket sets off, in run order. Round 0 runs the active rules of
// `trigger` (with `only_rule`, only that one: the on_time job fires one rule at a time); each
// later round runs the active on_update rules against the ticket as the previous rounds left
// it, until a round fires nothing or kMaxRounds rounds ran. A rule fires at most once in the
// whole chain, and only when its conditions hold and it would change a field or has an effect.
// `macro_changes` holds the field changes of the macros rules apply (a missing macro changes
// nothing). A rule whose changes are not allowed (a closed ticket, a forbidden transition) is
// skipped. `rules` in any order.
std::vector<Plan> plan_chain(std::span<const Rule> rules, Trigger trigger, TicketFacts facts, Timestamp now,
                             const std::map<std::int64_t, macros::FieldChanges>& macro_changes = {},
                             std::optional<std::int64_t> only_rule = std::nullopt);

// The statuses an on_time rule's conditions allow (from its status "is" conditions in `all`;
// every status but closed when it names none): the job scans tickets in these only.
std::vector<domain::Status> time_rule_statuses(const Rule& rule);
// The hours_in_status threshold of an on_time rule (0 when it has none).
const Condition* time_condition(const Rule& rule);

}  // namespace sp::automation

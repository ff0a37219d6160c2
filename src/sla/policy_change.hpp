// Policy-change modes (issue 16 section 3): what a changed SLA policy does to the clocks that
// already run, decided as data. The caller evaluates the ticket as of the change under the old
// policy and under the new one, and this file says which cycle budgets (sla_clock.hpp) the
// ticket keeps from then on, and which due times move.
//
//  - retroactive (the default, the rule servicepact always had): every cycle is recomputed under
//    the new policy from the ticket's creation; no budget is kept.
//  - prospective: every cycle that started at or before the change keeps the budget it ran on
//    (its target, or the budget an earlier change left it); cycles that start later get the new
//    policy's targets.
//  - keep_promised: a due time already told to the customer never moves later; it may move
//    earlier. "Told" is every due time in force at the change: the time the acknowledgement, the
//    portal and the API show. A running cycle is capped so that, counted in the new policy's
//    calendar, it falls due no later than it did (a pause the ticket enters afterwards still
//    stops it, as it would have before); a paused cycle is capped at the time it had left;
//    finished cycles (met, or breached) keep their budget, so history does not change.
// A target that the new policy drops has no clock left in any mode; one it adds runs as the
// policy says. Pure: no I/O, no clock reads; safe on many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "sla/business_calendar.hpp"
#include "sla/sla_clock.hpp"

namespace sp::sla {

// Stable names: "retroactive", "prospective", "keep_promised".
enum class PolicyChangeMode { Retroactive, Prospective, KeepPromised };
std::string_view to_string(PolicyChangeMode mode);
// Fails with InvalidInput (field "change_mode") listing the accepted names.
Result<PolicyChangeMode> parse_policy_change_mode(std::string_view name);

// The budgets a ticket's cycles keep after its policy changes at `changed_at` in `mode`.
// `before` is its state as of `changed_at` under the old policy (with the budgets it had),
// `after` its state as of `changed_at` under the new policy without budgets, and `calendar` the
// new policy's. Retroactive returns none. Fails with the calendar's error when a business
// time cannot be measured.
[[nodiscard]] Result<std::vector<CycleBudget>> budgets_after_change(PolicyChangeMode mode,
                                                                    const SlaState& before,
                                                                    const SlaState& after,
                                                                    const BusinessCalendar& calendar,
                                                                    Timestamp changed_at);

// A cycle whose due time a change moves.
struct DueMove {
  SlaTarget target = SlaTarget::FirstResponse;
  int cycle = 1;
  std::optional<Timestamp> old_due_at;  // empty: paused, or the cycle had no clock
  std::optional<Timestamp> new_due_at;
  std::optional<std::int64_t> delta_s;  // new - old, when both are set; negative: earlier

  friend bool operator==(const DueMove&, const DueMove&) = default;
};

// The cycles not yet met (running or paused, breached included, in either state) whose due
// time differs between `before` and `after`, in (target, cycle) order.
std::vector<DueMove> due_moves(const SlaState& before, const SlaState& after);

}  // namespace sp::sla

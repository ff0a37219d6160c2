#include "sla/policy_change.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "sla/business_time.hpp"

namespace sp::sla {

namespace {

using CycleKey = std::pair<SlaTarget, int>;

const ClockCycle* find_cycle(const SlaState& state, SlaTarget target, int cycle) {
  for (const ClockCycle& candidate : state.cycles) {
    if (candidate.target == target && candidate.cycle == cycle) return &candidate;
  }
  return nullptr;
}

bool is_open(const ClockCycle& cycle) {
  return cycle.state == ClockState::Running || cycle.state == ClockState::Paused ||
         (cycle.state == ClockState::Breached && !cycle.met_at);
}

std::int64_t budget_of(const ClockCycle& cycle) {
  return cycle.business_seconds_used + cycle.business_seconds_remaining;
}

}  // namespace

std::string_view to_string(PolicyChangeMode mode) {
  switch (mode) {
    case PolicyChangeMode::Retroactive:
      return "retroactive";
    case PolicyChangeMode::Prospective:
      return "prospective";
    case PolicyChangeMode::KeepPromised:
      return "keep_promised";
  }
  return "retroactive";
}

Result<PolicyChangeMode> parse_policy_change_mode(std::string_view name) {
  if (name == "retroactive") return PolicyChangeMode::Retroactive;
  if (name == "prospective") return PolicyChangeMode::Prospective;
  if (name == "keep_promised") return PolicyChangeMode::KeepPromised;
  return invalid_input("change_mode must be retroactive, prospective or keep_promised", "change_mode");
}

Result<std::vector<CycleBudget>> budgets_after_change(PolicyChangeMode mode, const SlaState& before,
                                                      const SlaState& after, const BusinessCalendar& calendar,
                                                      Timestamp changed_at) {
  std::vector<CycleBudget> budgets;
  if (mode == PolicyChangeMode::Retroactive) return budgets;
  for (const ClockCycle& old_cycle : before.cycles) {
    // Only a cycle the new policy also has at the change: a budget for a number it has not
    // reached yet would wrongly go to a cycle that starts later.
    const ClockCycle* new_cycle = find_cycle(after, old_cycle.target, old_cycle.cycle);
    if (new_cycle == nullptr) continue;
    CycleBudget budget{old_cycle.target, old_cycle.cycle, budget_of(old_cycle), CycleBudget::Kind::Exact};
    if (mode == PolicyChangeMode::KeepPromised) {
      if (old_cycle.state == ClockState::Running && old_cycle.due_at && *old_cycle.due_at > changed_at) {
        auto left = business_seconds(calendar, changed_at, *old_cycle.due_at);
        if (!left.ok()) return left.error();
        budget = {old_cycle.target, old_cycle.cycle, new_cycle->business_seconds_used + *left,
                  CycleBudget::Kind::Cap};
      } else if (old_cycle.state == ClockState::Paused) {
        budget = {old_cycle.target, old_cycle.cycle,
                  new_cycle->business_seconds_used + old_cycle.business_seconds_remaining,
                  CycleBudget::Kind::Cap};
      }
    }
    budgets.push_back(budget);
  }
  return budgets;
}

std::vector<DueMove> due_moves(const SlaState& before, const SlaState& after) {
  std::map<CycleKey, std::pair<const ClockCycle*, const ClockCycle*>> pairs;
  for (const ClockCycle& cycle : before.cycles) pairs[{cycle.target, cycle.cycle}].first = &cycle;
  for (const ClockCycle& cycle : after.cycles) pairs[{cycle.target, cycle.cycle}].second = &cycle;
  std::vector<DueMove> moves;
  for (const auto& [key, both] : pairs) {
    const auto [old_cycle, new_cycle] = both;
    const bool open =
        (old_cycle != nullptr && is_open(*old_cycle)) || (new_cycle != nullptr && is_open(*new_cycle));
    if (!open) continue;
    DueMove move{key.first, key.second, old_cycle ? old_cycle->due_at : std::nullopt,
                 new_cycle ? new_cycle->due_at : std::nullopt, std::nullopt};
    if (move.old_due_at == move.new_due_at) continue;
    if (move.old_due_at && move.new_due_at) {
      move.delta_s =
          std::chrono::duration_cast<std::chrono::seconds>(*move.new_due_at - *move.old_due_at).count();
    }
    moves.push_back(move);
  }
  return moves;
}

}  // namespace sp::sla

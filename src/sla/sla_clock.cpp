#include "sla/sla_clock.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "sla/business_time.hpp"

namespace sp::sla {

namespace {

using domain::EventType;
using domain::MessageKind;
using domain::Status;
using domain::TicketEvent;

constexpr std::size_t kNoRun = static_cast<std::size_t>(-1);

bool is_solved(Status status) {
  return status == Status::Solved || status == Status::Closed;
}

std::int64_t threshold_seconds(double fraction, std::int64_t budget_s) {
  const long long raw = std::llround(fraction * static_cast<double>(budget_s));
  return raw < 0 ? 0 : static_cast<std::int64_t>(raw);
}

// One instant a cycle can reach: at risk, due, or escalation step `step`.
struct Threshold {
  enum class Kind : std::uint8_t { AtRisk, Due, Step };

  std::int64_t need_s = 0;  // business seconds used since the cycle started
  Kind kind = Kind::AtRisk;
  std::size_t step = 0;
};

// What the policy asks of one target.
struct TargetPlan {
  bool enabled = false;
  std::int64_t budget_s = 0;
  std::int64_t at_risk_s = 0;
  std::size_t first = 0;  // thresholds [first, last) in Evaluator::thresholds_, sorted by need
  std::size_t last = 0;
};

// One cycle while the history is folded.
struct Run {
  enum class Phase : std::uint8_t { Running, Paused, Met };

  SlaTarget target = SlaTarget::FirstResponse;
  int number = 1;
  Phase phase = Phase::Running;
  Timestamp started_at;
  // While running: the start of the current segment, with `used_s` counted before it. Segments
  // are re-seated at every event that touches the cycle, so `used_s` is always the total up to
  // `segment_start`; `segment_pos` is Evaluator::position(segment_start).
  Timestamp segment_start;
  std::int64_t segment_pos = 0;
  std::int64_t used_s = 0;
  std::size_t plan = 0;     // index into Evaluator::plans_: the target's, or one a budget made
  std::size_t reached = 0;  // thresholds of the plan reached so far (a prefix, sorted by need)
  std::optional<Timestamp> at_risk_reached;
  std::optional<Timestamp> due_reached;   // set: breached
  std::optional<Timestamp> due_when_met;  // the due time in force when met while running
  std::optional<Timestamp> met_at;
};

// Working memory reused by every evaluation on a thread, so a typical evaluation allocates only
// its result. Holds no state between calls (cleared on entry).
struct Scratch {
  std::vector<Threshold> thresholds;
  std::vector<Run> runs;
  std::vector<TargetPlan> plans;
};

Scratch& thread_scratch() {
  thread_local Scratch scratch;
  scratch.thresholds.clear();
  scratch.runs.clear();
  scratch.plans.clear();
  return scratch;
}

class Evaluator {
 public:
  Evaluator(const SlaPolicy& policy, const BusinessCalendar& calendar, std::span<const CycleBudget> budgets,
            SlaState& out)
      : policy_(policy),
        calendar_(calendar),
        budgets_(budgets),
        out_(out),
        scratch_(thread_scratch()),
        thresholds_(scratch_.thresholds),
        runs_(scratch_.runs),
        plans_(scratch_.plans) {
    for (std::size_t target = 0; target < kSlaTargetCount; ++target) {
      for (domain::Status status : policy_.pauses(static_cast<SlaTarget>(target))) {
        pausing_masks_[target] |= 1u << static_cast<unsigned>(status);
      }
    }
    plan_thresholds();
  }

  // Starts the clocks at the ticket's creation, in status `status`.
  [[nodiscard]] bool begin(Timestamp start, Status status) {
    anchor_ = start;
    cached_at_ = start;
    cached_pos_ = 0;
    status_ = status;
    replied_ = is_solved(status);
    const bool periodic_from_creation = policy_.periodic_update_starts == PeriodicUpdateStart::Created;
    for (SlaTarget target : {SlaTarget::FirstResponse, SlaTarget::PeriodicUpdate, SlaTarget::Resolution}) {
      if (target == SlaTarget::PeriodicUpdate && (is_solved(status) || !periodic_from_creation)) continue;
      if (!start_run(target, start)) return false;
    }
    if (is_solved(status)) {
      if (!solve_first_response(start)) return false;
      if (!meet(SlaTarget::Resolution, start)) return false;
    }
    return sync_pauses(start);
  }

  [[nodiscard]] bool apply(const TicketEvent& event, Timestamp at) {
    switch (event.type) {
      case EventType::MessageAdded:
        if (!event.message_kind) return true;
        if (domain::is_automatic_message(event)) return true;  // an out-of-office awaits no answer
        if (*event.message_kind == MessageKind::Inbound) return on_inbound(at);
        if (*event.message_kind == MessageKind::Outbound) return on_outbound(at);
        return true;  // notes never count
      case EventType::StatusChanged: {
        auto next = domain::parse_status(event.to);
        if (!next.ok()) return true;  // as domain::replay: unknown names change nothing
        return on_status(*next, at);
      }
      default:
        return true;
    }
  }

  // Closes every running segment at `now` and writes the result.
  [[nodiscard]] bool finish(Timestamp now) {
    out_.cycles.reserve(runs_.size());
    out_.current.reserve(kSlaTargetCount);
    for (Run& run : runs_) {
      ClockCycle cycle;
      cycle.target = run.target;
      cycle.cycle = run.number;
      cycle.started_at = run.started_at;
      cycle.met_at = run.met_at;
      const TargetPlan& plan = plans_[run.plan];
      if (run.phase == Run::Phase::Running) {
        if (!close_segment(run, now)) return false;
        if (run.at_risk_reached) {
          cycle.at_risk_at = run.at_risk_reached;
        } else {
          auto at_risk = instant_at(run, plan.at_risk_s);
          if (!at_risk.ok()) return fail(at_risk.error());
          cycle.at_risk_at = *at_risk;
        }
        if (run.due_reached) {
          cycle.due_at = run.due_reached;
        } else if (plan.budget_s == plan.at_risk_s) {
          cycle.due_at = cycle.at_risk_at;
        } else {
          auto due = instant_at(run, plan.budget_s);
          if (!due.ok()) return fail(due.error());
          cycle.due_at = *due;
        }
        if (run.reached < plan.last - plan.first) {
          // The earliest unreached threshold; usually the at-risk or due instant just computed.
          const std::int64_t need_s = thresholds_[plan.first + run.reached].need_s;
          std::optional<Timestamp> next;
          if (!run.at_risk_reached && need_s == plan.at_risk_s) {
            next = cycle.at_risk_at;
          } else if (!run.due_reached && need_s == plan.budget_s) {
            next = cycle.due_at;
          } else {
            auto instant = instant_at(run, need_s);
            if (!instant.ok()) return fail(instant.error());
            next = *instant;
          }
          if (!out_.next_deadline || *next < *out_.next_deadline) out_.next_deadline = next;
        }
      } else {
        cycle.due_at = run.due_reached                ? run.due_reached
                       : run.phase == Run::Phase::Met ? run.due_when_met
                                                      : std::nullopt;
        cycle.at_risk_at = run.at_risk_reached;
      }
      cycle.state = run.due_reached                    ? ClockState::Breached
                    : run.phase == Run::Phase::Running ? ClockState::Running
                    : run.phase == Run::Phase::Paused  ? ClockState::Paused
                                                       : ClockState::Met;
      cycle.business_seconds_used = run.used_s;
      cycle.business_seconds_remaining = plan.budget_s - run.used_s;
      out_.cycles.push_back(cycle);
    }
    for (std::size_t target = 0; target < kSlaTargetCount; ++target) {
      if (latest_[target] != kNoRun) out_.current.push_back(out_.cycles[latest_[target]]);
    }
    std::sort(out_.due_notices.begin(), out_.due_notices.end(),
              [](const SlaNotice& lhs, const SlaNotice& rhs) {
                return std::tie(lhs.at, lhs.target, lhs.cycle, lhs.kind) <
                       std::tie(rhs.at, rhs.target, rhs.cycle, rhs.kind);
              });
    std::sort(out_.escalations_due.begin(), out_.escalations_due.end(),
              [](const EscalationDue& lhs, const EscalationDue& rhs) {
                return std::tie(lhs.at, lhs.target, lhs.cycle, lhs.step) <
                       std::tie(rhs.at, rhs.target, rhs.cycle, rhs.step);
              });
    return true;
  }

  const Error& error() const { return error_; }

 private:
  static std::size_t index(SlaTarget target) { return static_cast<std::size_t>(target); }

  bool is_pausing(SlaTarget target, Status status) const {
    return (pausing_masks_[index(target)] & (1u << static_cast<unsigned>(status))) != 0;
  }

  // Whether an unmet cycle of `target` counts time in `status`: not in its pause set, and not a
  // first response on a solved ticket (left unmet when solving does not meet it). A
  // next-response cycle started by a customer message on a solved ticket runs, as it always did.
  bool should_run(SlaTarget target, Status status) const {
    return !is_pausing(target, status) && !(is_solved(status) && target == SlaTarget::FirstResponse);
  }

  // Pauses or resumes every unmet latest cycle as the current status asks.
  [[nodiscard]] bool sync_pauses(Timestamp at) {
    for (std::size_t target = 0; target < kSlaTargetCount; ++target) {
      const auto which = static_cast<SlaTarget>(target);
      const Run* run = latest(which);
      if (run == nullptr || run->phase == Run::Phase::Met) continue;
      const bool runs = should_run(which, status_);
      if (runs && run->phase == Run::Phase::Paused) {
        if (!resume(which, at)) return false;
      } else if (!runs && run->phase == Run::Phase::Running) {
        if (!pause(which, at)) return false;
      }
    }
    return true;
  }

  // Solving meets the first response, or (solve_meets_first_response false) only stops it.
  [[nodiscard]] bool solve_first_response(Timestamp at) {
    if (policy_.solve_meets_first_response) return meet(SlaTarget::FirstResponse, at);
    return pause(SlaTarget::FirstResponse, at);
  }

  // Plans 0..3 are the targets' own (plans_[index(target)]); budgets add more on demand.
  void plan_thresholds() {
    thresholds_.reserve(2 * kSlaTargetCount + policy_.escalation.size());
    plans_.reserve(kSlaTargetCount + budgets_.size());
    for (std::size_t target = 0; target < kSlaTargetCount; ++target) {
      const auto minutes = policy_.target_minutes(static_cast<SlaTarget>(target));
      plans_.push_back(make_plan(target, minutes && *minutes > 0 ? *minutes * 60 : 0));
    }
  }

  // A plan with budget `budget_s` (0: the target has no clock) and its thresholds.
  TargetPlan make_plan(std::size_t target, std::int64_t budget_s) {
    TargetPlan plan;
    plan.first = thresholds_.size();
    if (budget_s > 0) {
      plan.enabled = true;
      plan.budget_s = budget_s;
      plan.at_risk_s = std::min(threshold_seconds(policy_.at_risk_fraction, plan.budget_s), plan.budget_s);
      thresholds_.push_back({plan.at_risk_s, Threshold::Kind::AtRisk, 0});
      thresholds_.push_back({plan.budget_s, Threshold::Kind::Due, 0});
      for (std::size_t step = 0; step < policy_.escalation.size(); ++step) {
        const EscalationStep& rung = policy_.escalation[step];
        if (index(rung.target) != target) continue;
        thresholds_.push_back({threshold_seconds(rung.fraction, plan.budget_s), Threshold::Kind::Step, step});
      }
      std::sort(thresholds_.begin() + static_cast<std::ptrdiff_t>(plan.first), thresholds_.end(),
                [](const Threshold& lhs, const Threshold& rhs) {
                  return std::tie(lhs.need_s, lhs.kind, lhs.step) < std::tie(rhs.need_s, rhs.kind, rhs.step);
                });
    }
    plan.last = thresholds_.size();
    return plan;
  }

  // The plan of cycle `number` of `target`: its own budget if a policy change fixed one.
  std::size_t plan_for(SlaTarget target, int number) {
    const std::size_t own = index(target);
    for (const CycleBudget& budget : budgets_) {
      if (budget.target != target || budget.cycle != number) continue;
      std::int64_t budget_s = budget.kind == CycleBudget::Kind::Exact
                                  ? budget.budget_s
                                  : std::min(budget.budget_s, plans_[own].budget_s);
      // A budget already used up still needs an instant to fall due at: its start.
      budget_s = std::max<std::int64_t>(budget_s, 1);
      if (budget_s == plans_[own].budget_s) return own;
      plans_.push_back(make_plan(own, budget_s));
      return plans_.size() - 1;
    }
    return own;
  }

  Run* latest(SlaTarget target) {
    const std::size_t idx = latest_[index(target)];
    return idx == kNoRun ? nullptr : &runs_[idx];
  }

  // Business seconds from the ticket's creation to `at` (>= creation). Every segment boundary
  // is measured this way, so the clocks touched by one event share one lookup and a segment's
  // business time is a difference (business_seconds is exactly additive).
  [[nodiscard]] bool position(Timestamp at, std::int64_t& pos) {
    if (at != cached_at_) {
      auto counted = business_seconds(calendar_, anchor_, at);
      if (!counted.ok()) return fail(counted.error());
      cached_at_ = at;
      cached_pos_ = *counted;
    }
    pos = cached_pos_;
    return true;
  }

  [[nodiscard]] bool start_run(SlaTarget target, Timestamp at) {
    if (!plans_[index(target)].enabled) return true;
    const Run* previous = latest(target);
    Run run;
    run.target = target;
    run.number = previous == nullptr ? 1 : previous->number + 1;
    run.started_at = at;
    run.segment_start = at;
    run.plan = plan_for(target, run.number);
    if (!position(at, run.segment_pos)) return false;
    latest_[index(target)] = runs_.size();
    runs_.push_back(run);
    // A cycle that starts in one of its pausing statuses waits for the status to change.
    if (is_pausing(target, status_)) return pause(target, at);
    return true;
  }

  // The instant at which `run`, running from its segment start, has used `need_s` in total.
  // REQUIRES: need_s >= run.used_s.
  Result<Timestamp> instant_at(const Run& run, std::int64_t need_s) {
    return add_business_seconds(calendar_, run.segment_start, need_s - run.used_s);
  }

  // Counts the running segment up to `end`, records the thresholds reached in it, and re-seats
  // the segment at `end`.
  [[nodiscard]] bool close_segment(Run& run, Timestamp end) {
    std::int64_t end_pos = 0;
    if (!position(end, end_pos)) return false;
    const std::int64_t total_s = run.used_s + (end_pos - run.segment_pos);
    const TargetPlan& plan = plans_[run.plan];
    std::int64_t last_need_s = -1;
    Timestamp last_instant;
    while (run.reached < plan.last - plan.first) {
      const Threshold& threshold = thresholds_[plan.first + run.reached];
      if (threshold.need_s > total_s) break;
      if (threshold.need_s != last_need_s) {
        auto instant = instant_at(run, threshold.need_s);
        if (!instant.ok()) return fail(instant.error());
        last_need_s = threshold.need_s;
        last_instant = *instant;
      }
      switch (threshold.kind) {
        case Threshold::Kind::AtRisk:
          run.at_risk_reached = last_instant;
          out_.due_notices.push_back({run.target, run.number, SlaNotice::Kind::AtRisk, last_instant});
          break;
        case Threshold::Kind::Due:
          run.due_reached = last_instant;
          out_.due_notices.push_back({run.target, run.number, SlaNotice::Kind::Breached, last_instant});
          break;
        case Threshold::Kind::Step:
          out_.escalations_due.push_back({threshold.step, run.target, run.number, last_instant});
          break;
      }
      ++run.reached;
    }
    run.used_s = total_s;
    run.segment_start = end;
    run.segment_pos = end_pos;
    return true;
  }

  // Meets the latest cycle of `target` at `at` if it is running or paused.
  [[nodiscard]] bool meet(SlaTarget target, Timestamp at) {
    Run* run = latest(target);
    if (run == nullptr || run->phase == Run::Phase::Met) return true;
    if (run->phase == Run::Phase::Running) {
      if (!close_segment(*run, at)) return false;
      if (!run->due_reached) {
        auto due = instant_at(*run, plans_[run->plan].budget_s);
        if (!due.ok()) return fail(due.error());
        run->due_when_met = *due;
      }
    }
    run->phase = Run::Phase::Met;
    run->met_at = at;
    return true;
  }

  [[nodiscard]] bool pause(SlaTarget target, Timestamp at) {
    Run* run = latest(target);
    if (run == nullptr || run->phase != Run::Phase::Running) return true;
    if (!close_segment(*run, at)) return false;
    run->phase = Run::Phase::Paused;
    return true;
  }

  [[nodiscard]] bool resume(SlaTarget target, Timestamp at) {
    Run* run = latest(target);
    if (run == nullptr || run->phase == Run::Phase::Running) return true;
    if (!position(at, run->segment_pos)) return false;
    run->phase = Run::Phase::Running;
    run->segment_start = at;
    run->met_at.reset();
    run->due_when_met.reset();
    return true;
  }

  // A latest cycle that is not met yet (running or paused).
  bool open(SlaTarget target) {
    const Run* run = latest(target);
    return run != nullptr && run->phase != Run::Phase::Met;
  }

  [[nodiscard]] bool on_inbound(Timestamp at) {
    const bool starts = replied_ || policy_.next_response_starts == NextResponseStart::AnyUnansweredInbound;
    if (starts && !open(SlaTarget::NextResponse)) return start_run(SlaTarget::NextResponse, at);
    return true;
  }

  [[nodiscard]] bool on_outbound(Timestamp at) {
    replied_ = true;
    answered_ = true;
    if (!meet(SlaTarget::FirstResponse, at)) return false;
    if (!meet(SlaTarget::NextResponse, at)) return false;
    if (open(SlaTarget::PeriodicUpdate)) {
      if (!meet(SlaTarget::PeriodicUpdate, at)) return false;
      if (!start_run(SlaTarget::PeriodicUpdate, at)) return false;
    } else if (policy_.periodic_update_starts == PeriodicUpdateStart::FirstReply && !is_solved(status_)) {
      if (!start_run(SlaTarget::PeriodicUpdate, at)) return false;
    }
    return true;
  }

  [[nodiscard]] bool on_status(Status next, Timestamp at) {
    const Status previous = status_;
    status_ = next;
    if (is_solved(next)) {
      if (is_solved(previous)) return true;
      replied_ = true;
      if (!solve_first_response(at)) return false;
      for (SlaTarget target : {SlaTarget::NextResponse, SlaTarget::PeriodicUpdate, SlaTarget::Resolution}) {
        if (!meet(target, at)) return false;
      }
      return true;
    }
    if (is_solved(previous)) {  // reopened
      if (policy_.periodic_update_starts == PeriodicUpdateStart::Created || answered_) {
        if (!start_run(SlaTarget::PeriodicUpdate, at)) return false;
      }
      // The resolution cycle 1 resumes with its used time kept and met_at cleared.
      if (latest(SlaTarget::Resolution) != nullptr && !resume(SlaTarget::Resolution, at)) return false;
    }
    return sync_pauses(at);
  }

  // Records the first failure; every step then stops and evaluate() returns it.
  bool fail(const Error& error) {
    error_ = error;
    return false;
  }

  const SlaPolicy& policy_;
  const BusinessCalendar& calendar_;
  std::span<const CycleBudget> budgets_;
  SlaState& out_;
  Scratch& scratch_;
  std::vector<Threshold>& thresholds_;
  std::vector<Run>& runs_;
  std::vector<TargetPlan>& plans_;
  std::array<unsigned, kSlaTargetCount> pausing_masks_{};
  std::array<std::size_t, kSlaTargetCount> latest_{kNoRun, kNoRun, kNoRun, kNoRun};
  Status status_ = Status::New;
  bool replied_ = false;   // the first-response phase is over
  bool answered_ = false;  // an outbound message was sent
  Error error_;
  Timestamp anchor_;     // the ticket's creation: positions count from here
  Timestamp cached_at_;  // the last instant given to position(), and its position
  std::int64_t cached_pos_ = 0;
};

bool by_seq(const TicketEvent* lhs, const TicketEvent* rhs) {
  return lhs->seq < rhs->seq;
}

}  // namespace

std::string_view to_string(ClockState state) {
  switch (state) {
    case ClockState::Running:
      return "running";
    case ClockState::Paused:
      return "paused";
    case ClockState::Met:
      return "met";
    case ClockState::Breached:
      return "breached";
  }
  return "unknown";
}

std::string_view to_string(SlaNotice::Kind kind) {
  return kind == SlaNotice::Kind::AtRisk ? "at_risk" : "breached";
}

std::string_view to_string(CycleBudget::Kind kind) {
  return kind == CycleBudget::Kind::Exact ? "exact" : "cap";
}

Result<CycleBudget::Kind> parse_cycle_budget_kind(std::string_view name) {
  if (name == "exact") return CycleBudget::Kind::Exact;
  if (name == "cap") return CycleBudget::Kind::Cap;
  return invalid_input("cycle budget kind must be exact or cap");
}

Result<SlaState> evaluate(const SlaPolicy& policy, const BusinessCalendar& calendar,
                          const domain::Ticket& created_state, std::span<const domain::TicketEvent> history,
                          Timestamp now, std::span<const CycleBudget> budgets) {
  // Seq order; a copy of pointers only when storage handed them over out of order.
  std::vector<const TicketEvent*> sorted;
  const bool in_order =
      std::is_sorted(history.begin(), history.end(),
                     [](const TicketEvent& lhs, const TicketEvent& rhs) { return lhs.seq < rhs.seq; });
  if (!in_order) {
    sorted.reserve(history.size());
    for (const TicketEvent& event : history) sorted.push_back(&event);
    std::stable_sort(sorted.begin(), sorted.end(), by_seq);
  }
  const std::size_t count = history.size();
  auto event_at = [&](std::size_t idx) -> const TicketEvent& {
    return in_order ? history[idx] : *sorted[idx];
  };

  Timestamp start = created_state.created_at;
  for (std::size_t idx = 0; idx < count; ++idx) {
    if (event_at(idx).type == EventType::Created) {
      start = event_at(idx).at;
      break;
    }
  }

  SlaState state;
  state.policy_id = policy.id;
  if (start > now) return state;

  Evaluator evaluator(policy, calendar, budgets, state);
  if (!evaluator.begin(start, created_state.status)) return evaluator.error();
  Timestamp clock = start;
  for (std::size_t idx = 0; idx < count; ++idx) {
    const TicketEvent& event = event_at(idx);
    if (event.type == EventType::Created || event.type == EventType::SlaAtRisk ||
        event.type == EventType::SlaBreached || event.type == EventType::CommitmentBroken ||
        event.type == EventType::AutomationApplied) {
      continue;
    }
    clock = std::max(clock, event.at);
    if (clock > now) break;
    if (!evaluator.apply(event, clock)) return evaluator.error();
  }
  if (!evaluator.finish(now)) return evaluator.error();
  return state;
}

}  // namespace sp::sla

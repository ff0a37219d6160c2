// The contract feasibility check: a contract that fits, an interval that fails with the right
// shortfall, closed hours that need nobody, shrinkage raising the extra people, an existing
// shortage kept apart from the contract's, FTE figures and mismatched inputs.
#include "workforce/feasibility.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "core/time.hpp"
#include "sla/business_calendar.hpp"
#include "workforce/erlang.hpp"
#include "workforce/staffing.hpp"

namespace sp::workforce {
namespace {

Timestamp at(const char* text) {
  return *parse_rfc3339(text);
}

StaffingTargets sl_targets(double share, double seconds) {
  StaffingTargets targets;
  targets.service_level = share;
  targets.target_seconds = seconds;
  return targets;
}

ChannelPlanSpec phone_spec() {
  ChannelPlanSpec spec;
  spec.channel = "phone";
  spec.targets.service_level = 0.8;
  spec.targets.target_seconds = 20;
  return spec;
}

// Three half hours from Monday 09:00 UTC: 100, 200 and 100 calls an hour at AHT 180 s (5, 10 and 5
// Erlangs); 80% within 20 s needs 14 agents at 10 Erlangs.
ContractSpec three_half_hours() {
  ContractSpec contract;
  contract.name = "Acme";
  contract.demand =
      Demand{at("2026-01-05T09:00:00Z"), 30, 3, {ChannelDemand{"phone", {50, 100, 50}, {180, 180, 180}}}};
  contract.channels = {phone_spec()};
  return contract;
}

StaffAvailability staff_for(const Demand& demand, std::vector<int> scheduled, std::vector<double> existing,
                            double shrinkage) {
  StaffAvailability staff;
  staff.start = demand.start;
  staff.interval_minutes = demand.interval_minutes;
  staff.scheduled_agents = std::move(scheduled);
  staff.existing_required_agents = std::move(existing);
  staff.shrinkage = shrinkage;
  return staff;
}

int agents_for(double rate_per_hour) {
  return required_agents_erlang_c(rate_per_hour, 180, sl_targets(0.8, 20))->agents_required;
}

TEST(CheckFeasibility, ContractFitsInTheSpareCapacity) {
  const ContractSpec contract = three_half_hours();
  // 40 rostered, 25% shrinkage: 30 productive; the current contracts need 10-12.
  auto report = check_feasibility(contract, staff_for(contract.demand, {40, 40, 40}, {10, 12, 10}, 0.25));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_TRUE(report->feasible);
  EXPECT_TRUE(report->shortfalls.empty());
  EXPECT_EQ(report->peak_extra_people, 0);
  EXPECT_EQ(report->extra_agent_hours, 0.0);
  EXPECT_FALSE(report->peak_interval_start);
  EXPECT_EQ(report->contract_plan.intervals[1].agents_required, 14);
}

TEST(CheckFeasibility, NamesTheFailingIntervalWithItsShortfall) {
  const ContractSpec contract = three_half_hours();
  ASSERT_LE(agents_for(100), 10);
  // 20 rostered without shrinkage, 10 busy with current work: 10 spare; 14 needed at 09:30.
  auto report = check_feasibility(contract, staff_for(contract.demand, {20, 20, 20}, {10, 10, 10}, 0));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_FALSE(report->feasible);
  ASSERT_EQ(report->shortfalls.size(), 1u);
  const IntervalShortfall& failing = report->shortfalls[0];
  EXPECT_EQ(failing.interval_idx, 1);
  EXPECT_EQ(failing.start, at("2026-01-05T09:30:00Z"));
  EXPECT_EQ(failing.required_agents, 14);
  EXPECT_DOUBLE_EQ(failing.available_agents, 10);
  EXPECT_DOUBLE_EQ(failing.shortfall_agents, 4);
  EXPECT_EQ(failing.extra_people, 4);
  EXPECT_DOUBLE_EQ(report->peak_shortfall_agents, 4);
  EXPECT_EQ(report->peak_extra_people, 4);
  EXPECT_EQ(report->peak_interval_start, at("2026-01-05T09:30:00Z"));
  EXPECT_DOUBLE_EQ(report->extra_agent_hours, 2.0);  // 4 agents for half an hour
  EXPECT_DOUBLE_EQ(report->extra_paid_hours, 2.0);
}

TEST(CheckFeasibility, ShrinkageRaisesTheExtraPeopleNeeded) {
  const ContractSpec contract = three_half_hours();
  // 25 rostered at 20% shrinkage is again 20 productive, 10 spare: the same shortfall of 4
  // productive agents now takes ceil(4 / 0.8) = 5 people, and 2.5 paid hours.
  auto report = check_feasibility(contract, staff_for(contract.demand, {25, 25, 25}, {10, 10, 10}, 0.2));
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->shortfalls.size(), 1u);
  EXPECT_NEAR(report->shortfalls[0].shortfall_agents, 4, 1e-12);
  EXPECT_EQ(report->shortfalls[0].extra_people, 5);
  EXPECT_EQ(report->peak_extra_people, 5);
  EXPECT_NEAR(report->extra_agent_hours, 2.0, 1e-12);
  EXPECT_NEAR(report->extra_paid_hours, 2.5, 1e-12);
  // 30 rostered at 30% shrinkage with 11 busy: again 10 spare and a shortfall of 4, which now takes
  // ceil(4 / 0.7) = ceil(5.71) = 6 people.
  auto more = check_feasibility(contract, staff_for(contract.demand, {30, 30, 30}, {11, 11, 11}, 0.3));
  ASSERT_TRUE(more.ok()) << more.error().message;
  ASSERT_EQ(more->shortfalls.size(), 1u);
  EXPECT_NEAR(more->shortfalls[0].shortfall_agents, 4, 1e-9);
  EXPECT_EQ(more->shortfalls[0].extra_people, 6);
  EXPECT_NEAR(more->extra_paid_hours, 2.0 / 0.7, 1e-9);
}

TEST(CheckFeasibility, ClosedHoursProduceNoRequirement) {
  // Open weekdays 09:00-17:00 UTC; the contract's hours 07:00-11:00, nobody rostered before 09:00.
  // The 10 calls expected at 07:00 wait for 09:00, when 30 arrive.
  sla::CalendarDefinition definition;
  definition.time_zone = "UTC";
  for (int day = 0; day < 5; ++day) {
    definition.weekly[day] = {sla::LocalInterval{9 * 60, 17 * 60}};
  }
  ContractSpec contract;
  contract.demand = Demand{
      at("2026-01-05T07:00:00Z"), 60, 4, {ChannelDemand{"phone", {10, 0, 20, 20}, {180, 0, 180, 180}}}};
  contract.opening_hours = *sla::BusinessCalendar::create(definition);
  contract.channels = {phone_spec()};
  const int at_nine = agents_for(30);
  const int at_ten = agents_for(20);
  auto report =
      check_feasibility(contract, staff_for(contract.demand, {0, 0, at_nine, at_ten}, {0, 0, 0, 0}, 0));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_TRUE(report->feasible);
  EXPECT_EQ(report->contract_plan.intervals[0].agents_required, 0);
  EXPECT_EQ(report->contract_plan.intervals[1].agents_required, 0);
  EXPECT_DOUBLE_EQ(report->contract_plan.intervals[2].contacts, 30);
  EXPECT_EQ(report->contract_plan.intervals[2].agents_required, at_nine);
  // Around the clock the 07:00 calls need staff nobody has.
  contract.opening_hours.reset();
  auto always =
      check_feasibility(contract, staff_for(contract.demand, {0, 0, at_nine, at_ten}, {0, 0, 0, 0}, 0));
  ASSERT_TRUE(always.ok());
  EXPECT_FALSE(always->feasible);
  EXPECT_EQ(always->shortfalls[0].interval_idx, 0);
}

TEST(CheckFeasibility, AnExistingShortageIsNotChargedToTheContract) {
  const ContractSpec contract = three_half_hours();
  // Interval 0: 8 rostered but 12 already needed. The contract's own need there is its shortfall;
  // the existing gap of 4 is only counted.
  auto report = check_feasibility(contract, staff_for(contract.demand, {8, 40, 40}, {12, 10, 10}, 0));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->already_short_intervals, 1);
  ASSERT_EQ(report->shortfalls.size(), 1u);
  EXPECT_EQ(report->shortfalls[0].interval_idx, 0);
  EXPECT_DOUBLE_EQ(report->shortfalls[0].available_agents, 0);
  EXPECT_DOUBLE_EQ(report->shortfalls[0].shortfall_agents, agents_for(100));
}

TEST(CheckFeasibility, ExpressesExtraHoursAsFullTimeEquivalents) {
  const ContractSpec contract = three_half_hours();
  StaffAvailability staff = staff_for(contract.demand, {20, 20, 20}, {10, 10, 10}, 0);
  staff.paid_hours_per_fte_week = 36;
  auto report = check_feasibility(contract, staff);
  ASSERT_TRUE(report.ok()) << report.error().message;
  // 2 extra hours in a 1.5-hour horizon is 224 hours a week: 6.22 full-time people.
  ASSERT_TRUE(report->extra_fte);
  EXPECT_NEAR(*report->extra_fte, 2.0 / (1.5 / 168) / 36, 1e-9);
}

TEST(CheckFeasibility, RejectsStaffOffTheContractGrid) {
  const ContractSpec contract = three_half_hours();
  auto expect_field = [&](const StaffAvailability& staff, const std::string& field) {
    auto report = check_feasibility(contract, staff);
    ASSERT_FALSE(report.ok()) << field;
    EXPECT_EQ(report.error().kind, kInvalidRequest) << report.error().message;
    EXPECT_EQ(report.error().field, field) << report.error().message;
  };
  StaffAvailability staff = staff_for(contract.demand, {20, 20, 20}, {10, 10, 10}, 0);
  staff.start += std::chrono::minutes{30};
  expect_field(staff, "start");
  staff = staff_for(contract.demand, {20, 20}, {10, 10, 10}, 0);
  expect_field(staff, "scheduled_agents");
  staff = staff_for(contract.demand, {20, 20, 20}, {10, -1, 10}, 0);
  expect_field(staff, "existing_required_agents");
  staff = staff_for(contract.demand, {20, 20, 20}, {10, 10, 10}, 1.0);
  expect_field(staff, "shrinkage");
  staff = staff_for(contract.demand, {20, 20, 20}, {10, 10, 10}, 0);
  staff.interval_minutes = 15;
  expect_field(staff, "interval_minutes");
}

}  // namespace
}  // namespace sp::workforce

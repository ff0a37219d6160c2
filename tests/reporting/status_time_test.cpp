// Time in each status: the first status from the first change's `from`, re-entries counted,
// events at or after as_of ignored, a ticket that never changed in its current status.
#include "reporting/status_time.hpp"

#include <gtest/gtest.h>

namespace sp::reporting {
namespace {

using domain::EventType;
using domain::Status;

Timestamp at(const char* text) {
  return *parse_rfc3339(text);
}

domain::TicketEvent change(const char* when, const char* from, const char* to) {
  domain::TicketEvent e;
  e.type = EventType::StatusChanged;
  e.at = at(when);
  e.field = "status";
  e.from = from;
  e.to = to;
  return e;
}

TEST(StatusTime, AddsUpEachStatusAndCountsReentries) {
  std::vector<domain::TicketEvent> events = {
      change("2026-11-23T09:00:00Z", "new", "open"), change("2026-11-23T10:00:00Z", "open", "pending"),
      change("2026-11-23T12:00:00Z", "pending", "open"), change("2026-11-23T13:00:00Z", "open", "solved"),
      change("2026-11-23T20:00:00Z", "solved", "open")};  // after as_of: ignored
  auto times =
      time_in_status(events, at("2026-11-23T08:30:00Z"), Status::Open, at("2026-11-23T14:00:00Z"), nullptr);
  ASSERT_TRUE(times.ok());
  EXPECT_EQ(times->current, Status::Solved);
  EXPECT_EQ(times->since, at("2026-11-23T13:00:00Z"));
  ASSERT_EQ(times->statuses.size(), 4u);
  EXPECT_EQ(times->statuses[0].status, Status::New);
  EXPECT_EQ(times->statuses[0].seconds, 1800);
  EXPECT_EQ(times->statuses[1].status, Status::Open);
  EXPECT_EQ(times->statuses[1].seconds, 7200);
  EXPECT_EQ(times->statuses[1].entered, 2);
  EXPECT_EQ(times->statuses[2].status, Status::Pending);
  EXPECT_EQ(times->statuses[2].seconds, 7200);
  EXPECT_EQ(times->statuses[3].status, Status::Solved);
  EXPECT_EQ(times->statuses[3].seconds, 3600);
  EXPECT_FALSE(times->statuses[3].business_seconds);
}

TEST(StatusTime, ATicketThatNeverChangedIsInItsCurrentStatusSinceCreation) {
  domain::TicketEvent created;
  created.type = EventType::Created;
  created.at = at("2026-11-23T08:00:00Z");
  std::vector<domain::TicketEvent> events = {created};
  auto times =
      time_in_status(events, at("2026-11-23T08:00:00Z"), Status::New, at("2026-11-23T08:00:42Z"), nullptr);
  ASSERT_TRUE(times.ok());
  ASSERT_EQ(times->statuses.size(), 1u);
  EXPECT_EQ(times->statuses[0].status, Status::New);
  EXPECT_EQ(times->statuses[0].seconds, 42);
  EXPECT_EQ(times->statuses[0].entered, 1);
}

}  // namespace
}  // namespace sp::reporting

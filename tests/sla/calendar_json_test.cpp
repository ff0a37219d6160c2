// The JSON form of calendars: the issue 4 example, every validation error with its field, and
// the canonical round trip.
#include "sla/calendar_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sp::sla {
namespace {

using nlohmann::json;

constexpr std::string_view kIssueExample = R"({"timezone":"Europe/Amsterdam",
  "weekly":{"mon":[["09:00","17:00"]],"tue":[["08:30","12:00"],["13:00","17:30"]],
            "sat":[],"sun":[]},
  "holidays":["2026-12-25"],"overrides":{"2026-12-24":[["09:00","13:00"]]}})";

TEST(CalendarJson, ParsesTheIssueExample) {
  auto calendar = parse_calendar_json(json::parse(kIssueExample));
  ASSERT_TRUE(calendar.ok()) << calendar.error().message;
  const CalendarDefinition& definition = calendar->definition();
  EXPECT_EQ(definition.time_zone, "Europe/Amsterdam");
  EXPECT_EQ(definition.weekly[0], (DayHours{LocalInterval{540, 1020}}));
  EXPECT_EQ(definition.weekly[1], (DayHours{LocalInterval{510, 720}, LocalInterval{780, 1050}}));
  EXPECT_TRUE(definition.weekly[2].empty());  // left out: closed
  EXPECT_EQ(definition.holidays.size(), 1u);
  EXPECT_EQ(definition.overrides.size(), 1u);
}

TEST(CalendarJson, AcceptsMidnightAsClosingTimeAndMinimalCalendars) {
  EXPECT_TRUE(parse_calendar_json(json::parse(R"({"timezone":"UTC"})")).ok());
  auto calendar = parse_calendar_json(
      json::parse(R"({"timezone":"Asia/Kathmandu","weekly":{"sun":[["00:00","24:00"]]}})"));
  ASSERT_TRUE(calendar.ok());
  EXPECT_EQ(calendar->definition().weekly[6], (DayHours{LocalInterval{0, 1440}}));
}

struct InvalidCase {
  const char* json_text;
  const char* field;
};

class CalendarJsonRejects : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(CalendarJsonRejects, NamingTheField) {
  const InvalidCase& invalid = GetParam();
  auto calendar = parse_calendar_json(json::parse(invalid.json_text));
  ASSERT_FALSE(calendar.ok()) << invalid.json_text;
  EXPECT_EQ(calendar.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(calendar.error().field, invalid.field) << calendar.error().message;
  EXPECT_EQ(calendar.error().message.rfind(invalid.field, 0), 0u)
      << "message should start with the field: " << calendar.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    EveryValidationError, CalendarJsonRejects,
    ::testing::Values(
        // The zone.
        InvalidCase{R"({"weekly":{}})", "timezone"},
        InvalidCase{R"({"timezone":"Europe/Atlantis"})", "timezone"},
        InvalidCase{R"({"timezone":42})", "timezone"}, InvalidCase{R"({"timezone":null})", "timezone"},
        // Unknown keys.
        InvalidCase{R"({"timezone":"UTC","moon":[]})", "moon"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"moon":[]}})", "weekly.moon"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"Mon":[]}})", "weekly.Mon"},
        // Wrong JSON types.
        InvalidCase{R"({"timezone":"UTC","weekly":[]})", "weekly"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"mon":"09:00-17:00"}})", "weekly.mon"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"mon":[["09:00"]]}})", "weekly.mon[0]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"mon":[[9,17]]}})", "weekly.mon[0]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"mon":["09:00","17:00"]}})", "weekly.mon[0]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"mon":[["09:00","17:00","18:00"]]}})", "weekly.mon[0]"},
        InvalidCase{R"({"timezone":"UTC","holidays":"2026-12-25"})", "holidays"},
        InvalidCase{R"({"timezone":"UTC","holidays":[20261225]})", "holidays[0]"},
        InvalidCase{R"({"timezone":"UTC","overrides":[]})", "overrides"},
        InvalidCase{R"({"timezone":"UTC","overrides":{"2026-12-24":null}})", "overrides.2026-12-24"},
        // Bad times.
        InvalidCase{R"({"timezone":"UTC","weekly":{"tue":[["08:30","12:00"],["9:00","17:00"]]}})",
                    "weekly.tue[1]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"wed":[["09:00","25:00"]]}})", "weekly.wed[0]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"wed":[["09:60","10:00"]]}})", "weekly.wed[0]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"wed":[["24:00","24:00"]]}})", "weekly.wed[0]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"wed":[["23:00","24:30"]]}})", "weekly.wed[0]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"wed":[["09:00:00","10:00"]]}})", "weekly.wed[0]"},
        // Reversed, empty and overlapping intervals.
        InvalidCase{R"({"timezone":"UTC","weekly":{"thu":[["17:00","09:00"]]}})", "weekly.thu[0]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"thu":[["09:00","09:00"]]}})", "weekly.thu[0]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"tue":[["08:30","12:00"],["11:00","17:30"]]}})",
                    "weekly.tue[1]"},
        InvalidCase{R"({"timezone":"UTC","weekly":{"tue":[["13:00","17:30"],["08:30","12:00"]]}})",
                    "weekly.tue[1]"},
        // Bad dates.
        InvalidCase{R"({"timezone":"UTC","holidays":["2026-12-25","2026-02-30"]})", "holidays[1]"},
        InvalidCase{R"({"timezone":"UTC","holidays":["25-12-2026"]})", "holidays[0]"},
        InvalidCase{R"({"timezone":"UTC","holidays":["2026-12-25T00:00:00Z"]})", "holidays[0]"},
        InvalidCase{R"({"timezone":"UTC","overrides":{"2026-13-01":[]}})", "overrides.2026-13-01"},
        InvalidCase{R"({"timezone":"UTC","overrides":{"tomorrow":[]}})", "overrides.tomorrow"},
        InvalidCase{R"({"timezone":"UTC","overrides":{"2026-12-24":[["13:00","09:00"]]}})",
                    "overrides.2026-12-24[0]"},
        InvalidCase{R"({"timezone":"UTC","overrides":{"2026-12-24":[["09:00","13:00"],
                        ["12:00","14:00"]]}})",
                    "overrides.2026-12-24[1]"},
        // Not an object at all.
        InvalidCase{R"([])", ""}, InvalidCase{R"("Europe/Amsterdam")", ""}));

TEST(CalendarJson, RoundTripsThroughTheCanonicalForm) {
  auto calendar = parse_calendar_json(json::parse(kIssueExample));
  ASSERT_TRUE(calendar.ok());
  const json canonical = to_json(calendar.value());
  EXPECT_EQ(canonical["timezone"], "Europe/Amsterdam");
  EXPECT_EQ(canonical["weekly"].size(), 7u);
  EXPECT_EQ(canonical["weekly"]["tue"], json::parse(R"([["08:30","12:00"],["13:00","17:30"]])"));
  EXPECT_EQ(canonical["weekly"]["wed"], json::array());
  EXPECT_EQ(canonical["holidays"], json::parse(R"(["2026-12-25"])"));
  EXPECT_EQ(canonical["overrides"], json::parse(R"({"2026-12-24":[["09:00","13:00"]]})"));
  auto again = parse_calendar_json(canonical);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), calendar.value());
  EXPECT_EQ(to_json(again.value()), canonical);
}

TEST(CalendarJson, SerializesMidnightAsTwentyFour) {
  auto calendar = BusinessCalendar::always_open("Europe/Amsterdam");
  ASSERT_TRUE(calendar.ok());
  EXPECT_EQ(to_json(calendar.value())["weekly"]["sun"], json::parse(R"([["00:00","24:00"]])"));
}

}  // namespace
}  // namespace sp::sla

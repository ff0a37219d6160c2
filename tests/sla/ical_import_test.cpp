#include <gtest/gtest.h>

#include "sla/ical_import.hpp"

namespace sp::sla {
namespace {

using namespace std::chrono;

constexpr const char* kDutchHolidays =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//servicepact//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:kingsday@test\r\nDTSTART;VALUE=DATE:20140427\r\n"
    "DTEND;VALUE=DATE:20140428\r\nRRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27\r\nSUMMARY:Koningsdag\r\nEND:"
    "VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:xmas@test\r\nDTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261227\r\n"
    "SUMMARY:Kerstmis\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:meeting@test\r\nDTSTART:20270315T100000Z\r\nDTEND:20270315T110000Z\r\n"
    "SUMMARY:Company day\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

TEST(IcalImport, YearlyRecurringHolidaysAreExpandedWithinTheYears) {
  auto days = holidays_from_ical(kDutchHolidays, 2026, 2028);
  ASSERT_TRUE(days.ok()) << days.error().message;
  std::vector<year_month_day> expected{2026y / April / 27, 2026y / December / 25, 2026y / December / 26,
                                       2027y / March / 15, 2027y / April / 27,    2028y / April / 27};
  EXPECT_EQ(*days, expected);
}

TEST(IcalImport, GarbageAndEmptyCalendarsAreRejected) {
  EXPECT_FALSE(holidays_from_ical("this is not ical", 2026, 2027).ok());
  EXPECT_FALSE(holidays_from_ical("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", 2026, 2027).ok());
  auto bad_years = holidays_from_ical(kDutchHolidays, 2030, 2020);
  ASSERT_FALSE(bad_years.ok());
  EXPECT_EQ(bad_years.error().field, "ical");
  EXPECT_FALSE(holidays_from_ical(std::string(kMaxIcalBytes + 1, 'x'), 2026, 2027).ok());
}

}  // namespace
}  // namespace sp::sla

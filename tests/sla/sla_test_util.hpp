// Helpers shared by the sla tests: calendars from JSON text and instants from RFC 3339 text.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/time.hpp"
#include "sla/business_calendar.hpp"
#include "sla/calendar_json.hpp"

namespace sp::sla::testing {

// Parses a calendar that the test knows to be valid; aborts the test otherwise.
inline BusinessCalendar calendar_from(std::string_view json_text) {
  auto parsed = parse_calendar_json(nlohmann::json::parse(json_text));
  if (!parsed.ok()) {
    ADD_FAILURE() << "calendar rejected: " << parsed.error().message;
    std::abort();
  }
  return parsed.value();
}

// Parses an RFC 3339 instant that the test knows to be valid.
inline Timestamp at(std::string_view rfc3339) {
  auto parsed = parse_rfc3339(rfc3339);
  if (!parsed.ok()) {
    ADD_FAILURE() << "bad time in test: " << rfc3339;
    std::abort();
  }
  return parsed.value();
}

constexpr std::int64_t kHour_s = 3600;

}  // namespace sp::sla::testing

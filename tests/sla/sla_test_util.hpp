// Helpers shared by the sla tests: calendars from JSON text, instants from RFC 3339 text,
// histories numbered as storage numbers them, and a policy to start from.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "domain/model.hpp"
#include "sla/business_calendar.hpp"
#include "sla/calendar_json.hpp"
#include "sla/policy.hpp"

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

// Appends `events` to `history` with seq numbers continuing 1..n, as storage assigns them.
inline void append_numbered(std::vector<domain::TicketEvent>& history,
                            std::vector<domain::TicketEvent> events) {
  for (auto& event : events) {
    event.seq = static_cast<std::int64_t>(history.size()) + 1;
    history.push_back(std::move(event));
  }
}

// Policy `id` ("Standard") of tenant 1 on calendar 1, with no target set yet.
inline SlaPolicy standard_policy(std::int64_t id) {
  SlaPolicy policy;
  policy.id = id;
  policy.tenant_id = domain::TenantId{1};
  policy.name = "Standard";
  policy.calendar_id = 1;
  return policy;
}

}  // namespace sp::sla::testing

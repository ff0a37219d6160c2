// Checks shared by the demo tests: that a ticket row is the replay of its event history,
// and what language a text is in.
#pragma once

#include <gtest/gtest.h>

#include <span>
#include <string>
#include <string_view>

#include "domain/model.hpp"
#include "domain/ticket_rules.hpp"
#include "domain/validation.hpp"

namespace sp::demo::testing {

// The ticket as it was created, recovered from the final row and its history: every field
// the history changes gets the "from" value of its first change. Status starts as new.
inline domain::Ticket created_state(const domain::Ticket& final_row,
                                    std::span<const domain::TicketEvent> events) {
  using domain::EventType;
  domain::Ticket created = final_row;
  created.status = domain::Status::New;
  created.solved_at.reset();
  created.updated_at = created.created_at;
  bool priority = false, assignee = false, team = false, tags = false, category = false;
  for (const auto& event : events) {
    if (event.type == EventType::PriorityChanged && !priority) {
      priority = true;
      created.priority = *domain::parse_priority(event.from);
    } else if (event.type == EventType::AssigneeChanged && !assignee) {
      assignee = true;
      created.assignee_id.reset();
      if (!event.from.empty()) {
        created.assignee_id = domain::AgentId{std::stoll(event.from)};
      }
    } else if (event.type == EventType::TeamChanged && !team) {
      team = true;
      created.team_id.reset();
      if (!event.from.empty()) {
        created.team_id = domain::TeamId{std::stoll(event.from)};
      }
    } else if (event.type == EventType::TagsChanged && !tags) {
      tags = true;
      created.tags = domain::split_tags(event.from);
    } else if (event.type == EventType::FieldChanged && event.field == "category" && !category) {
      category = true;
      created.category = event.from;
    }
  }
  return created;
}

// Expects `row` to equal the replay of `events` over its created state, field by field.
inline void expect_row_is_replay(const domain::Ticket& row, std::span<const domain::TicketEvent> events) {
  auto replayed = domain::replay(created_state(row, events), events);
  EXPECT_EQ(replayed.status, row.status) << "ticket " << row.id.value;
  EXPECT_EQ(replayed.priority, row.priority) << "ticket " << row.id.value;
  EXPECT_EQ(replayed.assignee_id, row.assignee_id) << "ticket " << row.id.value;
  EXPECT_EQ(replayed.team_id, row.team_id) << "ticket " << row.id.value;
  EXPECT_EQ(replayed.tags, row.tags) << "ticket " << row.id.value;
  EXPECT_EQ(replayed.category, row.category) << "ticket " << row.id.value;
  EXPECT_EQ(replayed.solved_at, row.solved_at) << "ticket " << row.id.value;
  EXPECT_EQ(replayed.updated_at, row.updated_at) << "ticket " << row.id.value;
}

// True when `text` holds a character of the CJK Unified Ideographs block (U+4E00-U+9FFF),
// whose UTF-8 lead bytes are 0xE4-0xE9.
inline bool has_cjk(std::string_view text) {
  for (std::size_t idx = 0; idx + 2 < text.size(); ++idx) {
    auto lead = static_cast<unsigned char>(text[idx]);
    if (lead >= 0xE4 && lead <= 0xE9 && (static_cast<unsigned char>(text[idx + 1]) & 0xC0) == 0x80) {
      return true;
    }
  }
  return false;
}

// A crude language guess that is enough to tell our three demo languages apart.
inline std::string_view guess_language(std::string_view text) {
  if (has_cjk(text)) {
    return "zh";
  }
  static constexpr std::string_view kDutch[] = {" de ", " het ",  " een ",   " ik ",  " u ",  " uw ",
                                                " is ", " niet ", "Bedankt", "Groet", "Beste"};
  static constexpr std::string_view kEnglish[] = {" the ", " my ",  " you ",  " your ", " and ",
                                                  " is ",  " not ", "Thanks", "Hi ",    "Hello"};
  int dutch = 0, english = 0;
  for (auto word : kDutch) {
    dutch += text.find(word) != std::string_view::npos ? 1 : 0;
  }
  for (auto word : kEnglish) {
    english += text.find(word) != std::string_view::npos ? 1 : 0;
  }
  if (dutch == english) {
    return "?";
  }
  return dutch > english ? "nl" : "en";
}

}  // namespace sp::demo::testing

#include "storage/qa_store.hpp"

#include <array>
#include <utility>

namespace sp::storage {

namespace {

constexpr std::array<std::pair<QaReviewState, std::string_view>, 3> kReviewStates{{
    {QaReviewState::Submitted, "submitted"},
    {QaReviewState::Acknowledged, "acknowledged"},
    {QaReviewState::Disputed, "disputed"},
}};
constexpr std::array<std::pair<QaViolationStatus, std::string_view>, 3> kViolationStatuses{{
    {QaViolationStatus::Open, "open"},
    {QaViolationStatus::Investigating, "investigating"},
    {QaViolationStatus::Closed, "closed"},
}};

}  // namespace

std::string_view to_string(QaReviewState state) {
  for (const auto& [value, name] : kReviewStates) {
    if (value == state) return name;
  }
  return "unknown";
}

Result<QaReviewState> parse_qa_review_state(std::string_view text) {
  for (const auto& [value, name] : kReviewStates) {
    if (name == text) return value;
  }
  return invalid_input("state must be submitted, acknowledged or disputed", "state");
}

std::string_view to_string(QaViolationStatus status) {
  for (const auto& [value, name] : kViolationStatuses) {
    if (value == status) return name;
  }
  return "unknown";
}

Result<QaViolationStatus> parse_qa_violation_status(std::string_view text) {
  for (const auto& [value, name] : kViolationStatuses) {
    if (name == text) return value;
  }
  return invalid_input("status must be open, investigating or closed", "status");
}

}  // namespace sp::storage

// Promises in a reply (code of conduct sections 2-3): a sentence in which we commit to an
// action ("we call you back tomorrow", "wij sturen u binnen 2 werkdagen", "我们明天给您回电"),
// its time expression if any, the due time it resolves to in the customer's zone, and whether
// the business calendar lets the organisation keep it. The rules are in src/conduct/README.md.
// Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "conduct/conduct_check.hpp"
#include "conduct/text_scan.hpp"

namespace sp::conduct {

struct PromiseMatch {
  Span sentence;             // the promise
  std::optional<Span> time;  // its time expression
  std::optional<Timestamp> due_at;
  // "closed-day" or "outside-opening-hours" when the calendar cannot meet it, else empty.
  std::string unkeepable_rule;
  std::string unkeepable_detail;  // the local date or window, for the explanation
};

std::vector<PromiseMatch> find_promises(const ScannedText& text, domain::Language language,
                                        const CheckContext& context);

}  // namespace sp::conduct

// Topic rules as JSON, for a tenant's own configuration:
//   {"topics": [{"id": "waiting_time", "names": {"nl": "...", "en": "...", "zh": "..."},
//                "keywords": {"nl": [...], "en": [...], "zh": [...]}, "categories": [...]}]}
// Reading checks every value (validate_topics too); errors name the JSON path as the field.
#pragma once

#include <nlohmann/json.hpp>

#include "feedback/topics.hpp"

namespace sp::feedback {

nlohmann::json topics_to_json(std::span<const Topic> topics);
[[nodiscard]] Result<std::vector<Topic>> topics_from_json(const nlohmann::json& json);

}  // namespace sp::feedback

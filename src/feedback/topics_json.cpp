#include "feedback/topics_json.hpp"

namespace sp::feedback {

namespace {

using nlohmann::json;

constexpr std::array<const char*, 3> kLanguages = {"nl", "en", "zh"};

Error at(const std::string& field, const std::string& what) {
  return invalid_input(field + " " + what, field);
}

Result<std::vector<std::string>> strings(const json& value, const std::string& field) {
  if (!value.is_array()) return at(field, "must be an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) return at(field + "[" + std::to_string(i) + "]", "must be a string");
    out.push_back(value[i].get<std::string>());
  }
  return out;
}

}  // namespace

json topics_to_json(std::span<const Topic> topics) {
  json list = json::array();
  for (const auto& topic : topics) {
    json names = json::object();
    json keywords = json::object();
    for (std::size_t l = 0; l < kLanguages.size(); ++l) {
      names[kLanguages[l]] = topic.names[l];
      keywords[kLanguages[l]] = topic.keywords[l];
    }
    list.push_back(
        {{"id", topic.id}, {"names", names}, {"keywords", keywords}, {"categories", topic.categories}});
  }
  return {{"topics", list}};
}

Result<std::vector<Topic>> topics_from_json(const json& value) {
  if (!value.is_object() || !value.contains("topics")) return at("topics", "is required");
  const json& list = value["topics"];
  if (!list.is_array()) return at("topics", "must be an array");
  if (list.size() > kMaxTopics)
    return at("topics", "holds more than " + std::to_string(kMaxTopics) + " topics");
  std::vector<Topic> topics;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = "topics[" + std::to_string(i) + "]";
    const json& item = list[i];
    if (!item.is_object()) return at(field, "must be an object");
    for (const auto& [key, unused] : item.items()) {
      if (key != "id" && key != "names" && key != "keywords" && key != "categories") {
        return at(field + "." + key.substr(0, 64), "is not a known key");
      }
    }
    Topic topic;
    if (!item.contains("id") || !item["id"].is_string()) return at(field + ".id", "must be a string");
    topic.id = item["id"].get<std::string>();
    if (!item.contains("names") || !item["names"].is_object()) {
      return at(field + ".names", "must be an object with nl, en and zh");
    }
    for (std::size_t l = 0; l < kLanguages.size(); ++l) {
      const json& names = item["names"];
      if (!names.contains(kLanguages[l]) || !names[kLanguages[l]].is_string()) {
        return at(field + ".names." + kLanguages[l], "must be a string");
      }
      topic.names[l] = names[kLanguages[l]].get<std::string>();
    }
    if (item.contains("keywords")) {
      const json& keywords = item["keywords"];
      if (!keywords.is_object()) return at(field + ".keywords", "must be an object");
      for (std::size_t l = 0; l < kLanguages.size(); ++l) {
        if (!keywords.contains(kLanguages[l])) continue;
        auto words = strings(keywords[kLanguages[l]], field + ".keywords." + kLanguages[l]);
        if (!words) return words.error();
        topic.keywords[l] = std::move(*words);
      }
    }
    if (item.contains("categories")) {
      auto categories = strings(item["categories"], field + ".categories");
      if (!categories) return categories.error();
      topic.categories = std::move(*categories);
    }
    topics.push_back(std::move(topic));
  }
  if (auto valid = validate_topics(topics); !valid) return valid.error();
  return topics;
}

}  // namespace sp::feedback

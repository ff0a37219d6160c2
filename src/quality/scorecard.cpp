#include "quality/scorecard.hpp"

#include <array>
#include <set>

namespace sp::quality {

namespace {

using nlohmann::json;

Error bad(std::string message, std::string field) {
  return invalid_input(std::move(message), std::move(field));
}

bool valid_key(const std::string& key) {
  if (key.empty() || key.size() > kMaxCriterionKeyBytes) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// Reads an optional string member; InvalidInput when present but not a string or too long.
Result<std::string> text_member(const json& object, const char* name, const std::string& field,
                                bool required) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    if (required) return bad(field + " is required", field);
    return std::string();
  }
  if (!it->is_string()) return bad(field + " must be a string", field);
  auto value = it->get<std::string>();
  if (value.size() > kMaxCriterionTextBytes) return bad(field + " is longer than 500 bytes", field);
  return value;
}

}  // namespace

Scorecard default_scorecard() {
  Scorecard card;
  auto add = [&card](int section, const char* key, std::array<const char*, 3> name,
                     std::array<const char*, 3> description, bool critical) {
    Criterion c;
    c.key = key;
    c.name_nl = name[0];
    c.name_en = name[1];
    c.name_zh = name[2];
    c.description_nl = description[0];
    c.description_en = description[1];
    c.description_zh = description[2];
    c.section = section;
    c.weight = critical ? 2 : 1;
    c.critical = critical;
    card.criteria.push_back(std::move(c));
  };
  // The sections of the code of conduct (seeds 002), in its order.
  add(1, "professionalism", {"Professionaliteit", "Professionalism", "专业素养"},
      {"Beleefd en respectvol; geen straattaal, grof taalgebruik of ongepaste humor",
       "Courteous and respectful; no slang, offensive language or inappropriate humour",
       "礼貌、尊重；不使用俚语、冒犯性语言或不当玩笑"},
      false);
  add(2, "integrity", {"Integriteit en eerlijkheid", "Integrity and honesty", "诚信与诚实"},
      {"Eerlijk; geen beloften die niet na te komen zijn; fouten erkend en opgelost of geëscaleerd",
       "Truthful; no promise that cannot be kept; mistakes admitted and solved or escalated",
       "如实沟通；不做无法兑现的承诺；承认错误并解决或升级"},
      true);
  add(3, "responsiveness", {"Reactiesnelheid", "Responsiveness", "响应及时"},
      {"Op tijd beantwoord; klant op de hoogte gehouden; een duidelijke termijn en de beloofde opvolging",
       "Answered in time; customer kept informed; a clear timeline and the promised follow-up",
       "及时答复；让客户了解进展；给出明确时间并按承诺跟进"},
      false);
  add(4, "privacy", {"Privacy en vertrouwelijkheid", "Privacy and confidentiality", "隐私与保密"},
      {"Klantgegevens beschermd; niets gedeeld met wie er geen recht op heeft",
       "Customer data protected; nothing shared with people who are not entitled to it",
       "保护客户信息；不向无权人员透露"},
      true);
  add(5, "fairness", {"Gelijke behandeling", "Fairness and non-discrimination", "公平与不歧视"},
      {"Iedere klant gelijk behandeld; aanpassingen voor bijzondere behoeften",
       "Every customer treated equally; accommodations for special needs", "平等对待每位客户；照顾特殊需求"},
      false);
  add(6, "conflict_resolution", {"Conflicthantering", "Conflict resolution", "冲突处理"},
      {"Kalm, luistert, lost klachten eerlijk op of escaleert",
       "Calm, listens, resolves complaints fairly or escalates",
       "保持冷静、耐心倾听，公正解决投诉或升级处理"},
      false);
  add(7, "knowledge", {"Product- en dienstkennis", "Product and service knowledge", "产品与服务知识"},
      {"Juiste en behulpzame informatie over producten, diensten en beleid",
       "Accurate and helpful information about products, services and policies",
       "提供准确、有用的产品、服务和政策信息"},
      false);
  add(8, "communication", {"Communicatie", "Communication standards", "沟通规范"},
      {"Helder en beknopt, geen onverklaard jargon; begrip gecontroleerd en kernpunten samengevat",
       "Clear, concise, no unexplained jargon; understanding confirmed and key points summarised",
       "清晰简洁，不用未解释的术语；确认理解并总结要点"},
      false);
  add(9, "improvement", {"Continue verbetering", "Continuous improvement", "持续改进"},
      {"Feedback welkom; terugkerende problemen gemeld", "Feedback welcomed; recurring issues reported",
       "欢迎反馈；上报反复出现的问题"},
      false);
  add(10, "accountability", {"Verantwoordelijkheid", "Accountability", "责任担当"},
      {"Vertegenwoordigt het bedrijf en leeft de code na; overtredingen gemeld",
       "Represents the company and upholds the code; violations reported",
       "代表公司、遵守守则；上报违规行为"},
      false);
  return card;
}

Result<void> validate(const Scorecard& card) {
  if (card.scale_max < 1 || card.scale_max > kMaxScale) return bad("scale_max must be 1..10", "scale_max");
  if (card.critical_pass_score < 1 || card.critical_pass_score > card.scale_max) {
    return bad("critical_pass_score must be 1..scale_max", "critical_pass_score");
  }
  if (card.criteria.empty() || card.criteria.size() > kMaxCriteria) {
    return bad("criteria must hold 1 to 30 criteria", "criteria");
  }
  std::set<std::string> keys;
  for (std::size_t idx = 0; idx < card.criteria.size(); ++idx) {
    const auto& c = card.criteria[idx];
    const std::string field = "criteria[" + std::to_string(idx) + "]";
    if (!valid_key(c.key)) return bad(field + ".key must be 1-64 of a-z, 0-9 and _", field + ".key");
    if (!keys.insert(c.key).second) return bad(field + ".key is used twice", field + ".key");
    for (const auto* name : {&c.name_nl, &c.name_en, &c.name_zh}) {
      if (name->empty() || name->size() > kMaxCriterionTextBytes) {
        return bad(field + " needs names in nl, en and zh of at most 500 bytes", field + ".name");
      }
    }
    for (const auto* description : {&c.description_nl, &c.description_en, &c.description_zh}) {
      if (description->size() > kMaxCriterionTextBytes) {
        return bad(field + ".description is longer than 500 bytes", field + ".description");
      }
    }
    if (c.section < 0 || c.section > 10) return bad(field + ".section must be 0..10", field + ".section");
    if (!(c.weight > 0 && c.weight <= 100))
      return bad(field + ".weight must be in (0, 100]", field + ".weight");
  }
  return {};
}

json to_json(const Scorecard& card) {
  json criteria = json::array();
  for (const auto& c : card.criteria) {
    criteria.push_back(
        {{"key", c.key},
         {"name", {{"nl", c.name_nl}, {"en", c.name_en}, {"zh", c.name_zh}}},
         {"description", {{"nl", c.description_nl}, {"en", c.description_en}, {"zh", c.description_zh}}},
         {"section", c.section},
         {"weight", c.weight},
         {"critical", c.critical}});
  }
  return {{"scale_max", card.scale_max},
          {"critical_pass_score", card.critical_pass_score},
          {"criteria", criteria}};
}

Result<Scorecard> scorecard_from_json(const json& body) {
  if (!body.is_object()) return bad("the scorecard must be an object", "scorecard");
  Scorecard card;
  if (auto it = body.find("scale_max"); it != body.end()) {
    if (!it->is_number_integer()) return bad("scale_max must be an integer", "scale_max");
    const auto value = it->get<std::int64_t>();
    if (value < 1 || value > kMaxScale) return bad("scale_max must be 1..10", "scale_max");
    card.scale_max = static_cast<int>(value);
  }
  if (auto it = body.find("critical_pass_score"); it != body.end()) {
    if (!it->is_number_integer()) return bad("critical_pass_score must be an integer", "critical_pass_score");
    const auto value = it->get<std::int64_t>();
    if (value < 1 || value > kMaxScale)
      return bad("critical_pass_score must be 1..scale_max", "critical_pass_score");
    card.critical_pass_score = static_cast<int>(value);
  }
  auto list = body.find("criteria");
  if (list == body.end() || !list->is_array()) return bad("criteria must be an array", "criteria");
  if (list->empty() || list->size() > kMaxCriteria)
    return bad("criteria must hold 1 to 30 criteria", "criteria");
  for (std::size_t idx = 0; idx < list->size(); ++idx) {
    const json& item = (*list)[idx];
    const std::string field = "criteria[" + std::to_string(idx) + "]";
    if (!item.is_object()) return bad(field + " must be an object", field);
    Criterion c;
    auto key = text_member(item, "key", field + ".key", true);
    if (!key) return key.error();
    c.key = *key;
    auto names = item.find("name");
    if (names == item.end() || !names->is_object()) {
      return bad(field + ".name must be an object with nl, en and zh", field + ".name");
    }
    auto nl = text_member(*names, "nl", field + ".name.nl", true);
    if (!nl) return nl.error();
    auto en = text_member(*names, "en", field + ".name.en", true);
    if (!en) return en.error();
    auto zh = text_member(*names, "zh", field + ".name.zh", true);
    if (!zh) return zh.error();
    c.name_nl = *nl;
    c.name_en = *en;
    c.name_zh = *zh;
    // {nl, en, zh}, or one text for all three.
    if (auto it = item.find("description"); it != item.end() && it->is_object()) {
      auto nl_text = text_member(*it, "nl", field + ".description.nl", false);
      if (!nl_text) return nl_text.error();
      auto en_text = text_member(*it, "en", field + ".description.en", false);
      if (!en_text) return en_text.error();
      auto zh_text = text_member(*it, "zh", field + ".description.zh", false);
      if (!zh_text) return zh_text.error();
      c.description_nl = *nl_text;
      c.description_en = *en_text;
      c.description_zh = *zh_text;
    } else {
      auto description = text_member(item, "description", field + ".description", false);
      if (!description) return description.error();
      c.description_nl = c.description_en = c.description_zh = *description;
    }
    if (auto it = item.find("section"); it != item.end() && !it->is_null()) {
      if (!it->is_number_integer()) return bad(field + ".section must be an integer", field + ".section");
      const auto value = it->get<std::int64_t>();
      if (value < 0 || value > 10) return bad(field + ".section must be 0..10", field + ".section");
      c.section = static_cast<int>(value);
    }
    if (auto it = item.find("weight"); it != item.end()) {
      if (!it->is_number()) return bad(field + ".weight must be a number", field + ".weight");
      c.weight = it->get<double>();
    }
    if (auto it = item.find("critical"); it != item.end()) {
      if (!it->is_boolean()) return bad(field + ".critical must be true or false", field + ".critical");
      c.critical = it->get<bool>();
    }
    card.criteria.push_back(std::move(c));
  }
  if (auto valid = validate(card); !valid) return valid.error();
  return card;
}

Result<ReviewOutcome> score_review(const Scorecard& card, std::span<const CriterionScore> scores) {
  std::set<std::string> seen;
  for (std::size_t idx = 0; idx < scores.size(); ++idx) {
    const auto& s = scores[idx];
    const std::string field = "scores[" + std::to_string(idx) + "]";
    bool known = false;
    for (const auto& c : card.criteria) known = known || c.key == s.key;
    if (!known) return bad(field + ".key is not a criterion of the scorecard", field + ".key");
    if (!seen.insert(s.key).second) return bad(field + ".key is scored twice", field + ".key");
    if (s.score && (*s.score < 0 || *s.score > card.scale_max)) {
      return bad(field + ".score must be 0.." + std::to_string(card.scale_max) + " or null",
                 field + ".score");
    }
    if (s.comment.size() > kMaxReviewCommentBytes) {
      return bad(field + ".comment is longer than 4,000 bytes", field + ".comment");
    }
  }
  ReviewOutcome outcome;
  double weighted = 0;
  double weights = 0;
  for (const auto& c : card.criteria) {
    const CriterionScore* given = nullptr;
    for (const auto& s : scores) {
      if (s.key == c.key) given = &s;
    }
    if (!given) return bad("criterion " + c.key + " has no score (send null for not applicable)", "scores");
    if (!given->score) continue;
    weighted += c.weight * static_cast<double>(*given->score) / card.scale_max;
    weights += c.weight;
    if (c.critical && *given->score < card.critical_pass_score) {
      outcome.critical_fail = true;
      outcome.failed_criteria.push_back(c.key);
    }
  }
  if (weights > 0) outcome.score = outcome.critical_fail ? 0.0 : weighted / weights * 100.0;
  return outcome;
}

json to_json(const CriterionScore& s) {
  return {{"key", s.key}, {"score", s.score ? json(*s.score) : json(nullptr)}, {"comment", s.comment}};
}

Result<std::vector<CriterionScore>> scores_from_json(const json& scores) {
  if (!scores.is_array()) return bad("scores must be an array", "scores");
  if (scores.size() > kMaxCriteria) return bad("scores holds more than 30 items", "scores");
  std::vector<CriterionScore> out;
  for (std::size_t idx = 0; idx < scores.size(); ++idx) {
    const json& item = scores[idx];
    const std::string field = "scores[" + std::to_string(idx) + "]";
    if (!item.is_object()) return bad(field + " must be an object", field);
    CriterionScore s;
    auto key = item.find("key");
    if (key == item.end() || !key->is_string()) return bad(field + ".key must be a string", field + ".key");
    s.key = key->get<std::string>();
    if (s.key.size() > kMaxCriterionKeyBytes) return bad(field + ".key is not a criterion", field + ".key");
    auto score = item.find("score");
    if (score == item.end())
      return bad(field + ".score is required (null for not applicable)", field + ".score");
    if (!score->is_null()) {
      if (!score->is_number_integer())
        return bad(field + ".score must be an integer or null", field + ".score");
      const auto value = score->get<std::int64_t>();
      if (value < 0 || value > kMaxScale) return bad(field + ".score is out of range", field + ".score");
      s.score = static_cast<int>(value);
    }
    if (auto comment = item.find("comment"); comment != item.end() && !comment->is_null()) {
      if (!comment->is_string()) return bad(field + ".comment must be a string", field + ".comment");
      s.comment = comment->get<std::string>();
      if (s.comment.size() > kMaxReviewCommentBytes) {
        return bad(field + ".comment is longer than 4,000 bytes", field + ".comment");
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace sp::quality

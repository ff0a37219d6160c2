#include "charter/text.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace sp::charter {
namespace {

using domain::Language;

std::size_t lang_index(Language language) {
  return static_cast<std::size_t>(language);
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

struct KpiNames {
  std::string_view key;
  std::array<std::string_view, 3> label;  // nl, en, zh
};

constexpr std::array<KpiNames, 26> kKpiNames = {{
    {"first_response_time", {"eerste reactietijd", "first response time", "首次响应时间"}},
    {"first_response_business_time",
     {"eerste reactietijd (werktijd)", "first response time (business hours)", "首次响应时间(工作时间)"}},
    {"next_response_time", {"vervolgreactietijd", "next response time", "后续响应时间"}},
    {"next_response_business_time",
     {"vervolgreactietijd (werktijd)", "next response time (business hours)", "后续响应时间(工作时间)"}},
    {"resolution_time", {"oplostijd", "resolution time", "问题解决时间"}},
    {"resolution_business_time",
     {"oplostijd (werktijd)", "resolution time (business hours)", "问题解决时间(工作时间)"}},
    {"resolution_rate", {"oplospercentage", "resolution rate", "客户问题解决率"}},
    {"first_contact_resolution",
     {"opgelost bij eerste contact", "first-contact resolution", "首次接触解决率"}},
    {"reopen_rate", {"heropeningspercentage", "reopen rate", "重开率"}},
    {"not_helped_share",
     {"aandeel niet geholpen klanten", "share of customers not helped", "未获帮助客户比例"}},
    {"csat", {"klanttevredenheid (rapportcijfer)", "customer satisfaction (grade)", "客户满意度调查得分"}},
    {"nps", {"Net Promoter Score", "Net Promoter Score", "净推荐值"}},
    {"cost_per_contact", {"kosten per contact", "cost per contact", "单次接触成本"}},
    {"contacts_received", {"ontvangen contacten", "contacts received", "受理量"}},
    {"contacts_handled", {"behandelde contacten", "contacts handled", "处理量"}},
    {"backlog", {"openstaande zaken", "backlog", "积压工单"}},
    {"major_complaints_late",
     {"te laat beantwoorde ernstige klachten", "major complaints answered late", "超时响应的重大投诉"}},
    {"privacy_incidents", {"privacy-incidenten", "privacy incidents", "客户隐私泄露事件"}},
    {"sla.first_response", {"SLA eerste reactie", "SLA first response", "SLA首次响应"}},
    {"sla.next_response", {"SLA vervolgreactie", "SLA next response", "SLA后续响应"}},
    {"sla.resolution", {"SLA oplossing", "SLA resolution", "SLA问题解决"}},
    {"average_speed_of_answer",
     {"gemiddelde wachttijd aan de telefoon", "average speed of answer", "平均应答速度"}},
    {"call_wait_time", {"wachttijd aan de telefoon", "phone waiting time", "电话等待时间"}},
    {"service_level",
     {"telefonische bereikbaarheid (servicelevel)", "service level (calls answered in time)",
      "服务水平(及时接听率)"}},
    {"abandonment_rate", {"aandeel opgehangen oproepen in de wachtrij", "abandoned call rate", "来电放弃率"}},
    {"commitments_kept", {"nagekomen toezeggingen", "commitments kept", "承诺兑现率"}},
}};

std::string_view lookup_kpi(std::string_view key, Language language) {
  for (const auto& names : kKpiNames) {
    if (names.key == key) return names.label[lang_index(language)];
  }
  return {};
}

}  // namespace

Result<std::string> fill_template(std::string_view tpl, const TemplateValues& values) {
  std::string out;
  out.reserve(tpl.size() * 2);
  std::size_t at = 0;
  while (at < tpl.size()) {
    const std::size_t open = tpl.find("{{", at);
    if (open == std::string_view::npos) {
      out.append(tpl.substr(at));
      break;
    }
    out.append(tpl.substr(at, open - at));
    const std::size_t close = tpl.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return invalid_input("template: unclosed '{{' at offset " + std::to_string(open), "template");
    }
    const std::string_view name = tpl.substr(open + 2, close - open - 2);
    bool well_formed = !name.empty();
    for (const char c : name) well_formed = well_formed && is_name_char(c);
    if (!well_formed) {
      return invalid_input("template: malformed placeholder '{{" + std::string(name.substr(0, 64)) + "}}'",
                           "template");
    }
    const auto it = values.find(name);
    if (it == values.end()) {
      return invalid_input("placeholder {{" + std::string(name) + "}} has no value", std::string(name));
    }
    if (it->second.empty()) {
      return invalid_input("placeholder {{" + std::string(name) + "}} has an empty value", std::string(name));
    }
    out += it->second;
    at = close + 2;
  }
  return out;
}

std::string format_number(double value, Language language, int max_decimals) {
  if (!std::isfinite(value)) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", max_decimals, value);
  std::string out = text;
  if (out.find('.') != std::string::npos) {
    while (!out.empty() && out.back() == '0') out.pop_back();
    if (!out.empty() && out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  if (language == Language::Nl) {
    for (char& c : out) {
      if (c == '.') c = ',';
    }
  }
  return out;
}

std::string format_minutes(std::int64_t minutes, Language language, bool business) {
  std::int64_t amount = minutes;
  int unit = 0;  // 0 minutes, 1 hours, 2 days
  if (minutes >= 60 && minutes % (24 * 60) == 0 && !business) {
    amount = minutes / (24 * 60);
    unit = 2;
  } else if (minutes >= 60 && minutes % 60 == 0) {
    amount = minutes / 60;
    unit = 1;
  }
  const std::string number = std::to_string(amount);
  switch (language) {
    case Language::Nl: {
      static constexpr std::array<std::string_view, 3> kOne = {"minuut", "uur", "dag"};
      static constexpr std::array<std::string_view, 3> kMany = {"minuten", "uur", "dagen"};
      static constexpr std::array<std::string_view, 3> kBusinessOne = {"werkminuut", "werkuur", "werkdag"};
      static constexpr std::array<std::string_view, 3> kBusinessMany = {"werkminuten", "werkuren",
                                                                        "werkdagen"};
      const auto& words =
          business ? (amount == 1 ? kBusinessOne : kBusinessMany) : (amount == 1 ? kOne : kMany);
      return number + " " + std::string(words[unit]);
    }
    case Language::En: {
      static constexpr std::array<std::string_view, 3> kOne = {"minute", "hour", "day"};
      static constexpr std::array<std::string_view, 3> kMany = {"minutes", "hours", "days"};
      const std::string_view word = amount == 1 ? kOne[unit] : kMany[unit];
      return number + (business ? " business " : " ") + std::string(word);
    }
    case Language::Zh: {
      static constexpr std::array<std::string_view, 3> kWord = {"分钟", "小时", "天"};
      return number + (business ? "个工作" : "") + std::string(unit == 0 && business ? "分钟" : kWord[unit]);
    }
  }
  return number;
}

std::string_view channel_label(domain::Channel channel, Language language) {
  static constexpr std::array<std::array<std::string_view, 3>, 6> kNames = {{
      {"e-mail", "e-mail", "电子邮件"},
      {"webformulier", "web form", "网页表单"},
      {"chat", "chat", "在线聊天"},
      {"telefoon", "phone", "电话"},
      {"sociale media", "social media", "社交媒体"},
      {"API", "API", "API"},
  }};
  return kNames[static_cast<std::size_t>(channel)][lang_index(language)];
}

std::string_view priority_label(domain::Priority priority, Language language) {
  static constexpr std::array<std::array<std::string_view, 3>, 4> kNames = {{
      {"laag", "low", "低"},
      {"normaal", "normal", "普通"},
      {"hoog", "high", "高"},
      {"urgent", "urgent", "紧急"},
  }};
  return kNames[static_cast<std::size_t>(priority)][lang_index(language)];
}

std::string kpi_label(std::string_view kpi, Language language) {
  static constexpr std::array<std::pair<std::string_view, std::array<std::string_view, 3>>, 7> kSuffixes = {{
      {".median", {" (mediaan)", " (median)", "(中位数)"}},
      {".mean", {" (gemiddeld)", " (mean)", "(平均值)"}},
      {".p90", {" (90e percentiel)", " (90th percentile)", "(90百分位)"}},
      {".compliance", {" gehaald", " compliance", "达标率"}},
      {".breaches_minor", {": lichte overschrijdingen", ": minor breaches", "轻微违约次数"}},
      {".breaches_major", {": ernstige overschrijdingen", ": major breaches", "重大违约次数"}},
      {"", {"", "", ""}},
  }};
  if (const auto seconds = service_level_key_seconds(kpi)) {
    const std::string n = std::to_string(*seconds);
    if (language == Language::Zh) return n + "秒内接听率";
    return (language == Language::Nl ? "binnen " + n + " seconden opgenomen"
                                     : "answered within " + n + " seconds");
  }
  for (const auto& [suffix, words] : kSuffixes) {
    if (kpi.size() >= suffix.size() && kpi.substr(kpi.size() - suffix.size()) == suffix) {
      const auto base = lookup_kpi(kpi.substr(0, kpi.size() - suffix.size()), language);
      if (!base.empty()) return std::string(base) + std::string(words[lang_index(language)]);
    }
  }
  if (kpi.substr(0, 9) == "external.") return std::string(kpi.substr(9));
  return std::string(kpi);
}

std::string_view comparator_label(Comparator comparator, Language language) {
  static constexpr std::array<std::array<std::string_view, 3>, 2> kWords = {{
      {"minimaal", "at least", "不低于"},
      {"hoogstens", "at most", "不超过"},
  }};
  return kWords[static_cast<std::size_t>(comparator)][lang_index(language)];
}

std::string format_value(double value, Unit unit, Language language) {
  switch (unit) {
    case Unit::Seconds: {
      const std::string number = format_number(value, language, 1);
      if (language == Language::Zh) return number + "秒";
      return number + (language == Language::Nl ? " seconden" : " seconds");
    }
    case Unit::Minutes: {
      if (value == std::floor(value) && value >= 0 && value < 1e9) {
        return format_minutes(static_cast<std::int64_t>(value), language);
      }
      const std::string number = format_number(value, language, 1);
      if (language == Language::Zh) return number + "分钟";
      return number + (language == Language::Nl ? " minuten" : " minutes");
    }
    case Unit::Hours: {
      const std::string number = format_number(value, language, 1);
      if (language == Language::Zh) return number + "小时";
      return number + (language == Language::Nl ? " uur" : " hours");
    }
    case Unit::Percent:
      return format_number(value, language, 1) + "%";
    case Unit::Fraction:
      return format_number(value * 100, language, 1) + "%";
    case Unit::Grade:
      return format_number(value, language, 1) + (language == Language::Zh ? "分" : "");
    case Unit::Points:
      return format_number(value, language, 0);
    case Unit::Count:
      return format_number(value, language, 0);
    case Unit::Currency:
      return format_number(value, language, 2);
  }
  return format_number(value, language);
}

std::string_view outcome_label(int outcome, Language language) {
  static constexpr std::array<std::array<std::string_view, 3>, 3> kWords = {{
      {"nagekomen", "kept", "已兑现"},
      {"niet nagekomen", "missed", "未兑现"},
      {"geen gegevens", "no data", "暂无数据"},
  }};
  return kWords[static_cast<std::size_t>(outcome) % 3][lang_index(language)];
}

std::string_view language_tag(Language language) {
  static constexpr std::array<std::string_view, 3> kTags = {"nl", "en", "zh-CN"};
  return kTags[lang_index(language)];
}

}  // namespace sp::charter

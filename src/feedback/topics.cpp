#include "feedback/topics.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "feedback/text_scan.hpp"

namespace sp::feedback {
namespace {

using detail::is_word_char;
using text::ascii_lower;
using text::decode_utf8;
using text::iequals;
using text::previous_code_point_start;

Topic make_topic(std::string id, std::array<std::string, 3> names, std::vector<std::string> nl,
                 std::vector<std::string> en, std::vector<std::string> zh,
                 std::vector<std::string> categories = {}) {
  Topic topic;
  topic.id = std::move(id);
  topic.names = std::move(names);
  topic.keywords = {std::move(nl), std::move(en), std::move(zh)};
  topic.categories = std::move(categories);
  return topic;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

constexpr std::array<std::string_view, 3> kLanguageKeys = {"nl", "en", "zh"};

}  // namespace

bool contains_word(std::string_view lowered, std::string_view keyword) {
  const bool prefix = !keyword.empty() && keyword.back() == '*';
  if (prefix) keyword.remove_suffix(1);
  if (keyword.empty()) return false;
  for (std::size_t pos = lowered.find(keyword); pos != std::string_view::npos;
       pos = lowered.find(keyword, pos + 1)) {
    if (pos > 0 && is_word_char(decode_utf8(lowered, previous_code_point_start(lowered, pos)).code_point)) {
      continue;
    }
    const std::size_t end = pos + keyword.size();
    if (!prefix && end < lowered.size() && is_word_char(decode_utf8(lowered, end).code_point)) {
      continue;
    }
    return true;
  }
  return false;
}

const std::vector<Topic>& default_topics() {
  // Keywords are what customers of a Dutch/English/Chinese helpdesk write about each theme of
  // the Dutch benchmark (waiting time, reachability, friendliness, expertise) and the usual
  // complaint categories; '*' marks a prefix (see topics.hpp).
  static const std::vector<Topic> kTopics = {
      make_topic("waiting_time", {"Wachttijd", "Waiting time", "等待时间"},
                 {"wachttijd*", "wachten", "wachtte*", "gewacht", "te lang", "duurde lang", "duurt lang",
                  "traag", "snel", "sneller", "vlot"},
                 {"wait", "waited", "waiting", "wait time", "too long", "took long", "slow*", "delay*",
                  "fast", "quick*", "response time"},
                 {"等待", "等了", "太慢", "很慢", "速度", "及时", "迟迟", "效率"}),
      make_topic("reachability", {"Bereikbaarheid", "Reachability", "联系渠道"},
                 {"bereikbaar*", "onbereikbaar*", "in de wacht", "wachtrij", "niet opgenomen",
                  "openingstijden", "opgehangen", "in gesprek"},
                 {"reach", "reached", "reachable", "unreachable", "on hold", "queue", "nobody answered",
                  "no answer", "opening hours", "hung up", "busy line"},
                 {"打不通", "联系不上", "没人接", "占线", "无人接听", "营业时间", "转人工"}),
      make_topic("friendliness", {"Vriendelijkheid", "Friendliness", "服务态度"},
                 {"vriendelijk*", "onvriendelijk*", "beleefd*", "onbeleefd*", "bot", "grof", "behulpzaam",
                  "aardig*", "arrogant*", "respectvol*"},
                 {"friendly", "unfriendly", "polite*", "impolite*", "rude*", "helpful", "arrogant*",
                  "attitude", "courteous", "respectful"},
                 {"态度", "友好", "热情", "礼貌", "不耐烦", "耐心"}),
      make_topic("expertise", {"Deskundigheid", "Expertise", "专业能力"},
                 {"deskundig*", "ondeskundig*", "kundig*", "vakkundig*", "kennis", "verstand", "competent*",
                  "incompetent*", "begreep", "begrijpt"},
                 {"knowledge*", "expert*", "competent", "incompetent", "clueless", "skilled", "understood",
                  "understand", "professional"},
                 {"专业", "不懂", "业务水平", "熟悉", "懂行"}),
      make_topic("resolution", {"Oplossing", "Resolution", "问题解决"},
                 {"opgelost", "oplossing", "niet geholpen", "nog steeds", "weer hetzelfde"},
                 {"solved", "resolved", "fixed", "solution", "not helped", "still not", "still broken"},
                 {"解决", "没解决", "未解决", "问题依旧", "还是没有"}),
      make_topic("billing", {"Facturen en betalingen", "Billing", "账单与费用"},
                 {"factuur", "facturen", "rekening*", "betaling*", "betaald", "terugbetaling*", "geld terug",
                  "incasso", "kosten", "prijs", "abonnement*", "afgeschreven"},
                 {"invoice*", "bill", "bills", "billing", "billed", "charge*", "payment*", "paid", "refund*",
                  "price", "pricing", "subscription*", "money back"},
                 {"账单", "发票", "扣费", "收费", "退款", "付款", "价格", "费用"},
                 {"billing", "invoice", "payment"}),
      make_topic("delivery", {"Bezorging", "Delivery", "配送物流"},
                 {"bezorg*", "levering*", "geleverd", "pakket*", "verzend*", "verzonden", "track*",
                  "bestelling*", "pakketje"},
                 {"deliver*", "shipping", "shipment", "shipped", "parcel*", "package*", "courier", "tracking",
                  "order", "orders"},
                 {"快递", "送货", "配送", "物流", "包裹", "发货", "到货"}, {"delivery", "shipping"}),
      make_topic("product_quality", {"Productkwaliteit", "Product quality", "产品质量"},
                 {"kapot", "defect*", "stuk", "kwaliteit", "werkt niet", "beschadigd*", "storing*"},
                 {"broken", "defect*", "faulty", "quality", "doesn't work", "does not work", "damaged",
                  "malfunction*", "outage*"},
                 {"质量", "坏了", "故障", "损坏", "不能用", "次品"}, {"product", "defect", "outage"}),
      make_topic("website_app", {"Website en app", "Website and app", "网站与应用"},
                 {"website", "site", "app", "inloggen", "wachtwoord", "mijn omgeving", "portaal", "online"},
                 {"website", "site", "app", "login", "log in", "password", "portal", "online", "crash*"},
                 {"网站", "网页", "应用", "登录", "密码", "小程序"}, {"website", "app", "portal"}),
      make_topic("privacy", {"Privacy", "Privacy", "隐私"},
                 {"privacy", "gegevens", "persoonsgegevens", "avg", "datalek", "spam"},
                 {"privacy", "personal data", "gdpr", "data breach", "my data", "spam"},
                 {"隐私", "个人信息", "泄露", "骚扰"}, {"privacy"}),
  };
  return kTopics;
}

Result<void> validate_topics(std::span<const Topic> topics) {
  if (topics.size() > kMaxTopics) {
    return invalid_input("at most " + std::to_string(kMaxTopics) + " topics", "topics");
  }
  std::set<std::string, std::less<>> seen;
  for (std::size_t index = 0; index < topics.size(); ++index) {
    const Topic& topic = topics[index];
    const std::string at = "topics[" + std::to_string(index) + "]";
    if (!valid_id(topic.id) || topic.id == kOtherTopic) {
      return invalid_input("a topic id is 1-40 of a-z, 0-9 and _, and not \"other\"", at + ".id");
    }
    if (!seen.insert(topic.id).second) {
      return invalid_input("topic id " + topic.id + " is used twice", at + ".id");
    }
    for (std::size_t language = 0; language < 3; ++language) {
      const std::string lang(kLanguageKeys[language]);
      if (topic.names[language].empty() || topic.names[language].size() > 200) {
        return invalid_input("a topic name has 1-200 bytes", at + ".names." + lang);
      }
      const auto& words = topic.keywords[language];
      if (words.size() > kMaxKeywordsPerLanguage) {
        return invalid_input("too many keywords", at + ".keywords." + lang);
      }
      for (std::size_t word = 0; word < words.size(); ++word) {
        const std::string& keyword = words[word];
        if (keyword.empty() || keyword == "*" || keyword.size() > kMaxKeywordBytes) {
          return invalid_input("a keyword has 1-" + std::to_string(kMaxKeywordBytes) + " bytes",
                               at + ".keywords." + lang + "[" + std::to_string(word) + "]");
        }
      }
    }
    if (topic.categories.size() > kMaxCategoriesPerTopic) {
      return invalid_input("too many categories", at + ".categories");
    }
  }
  return {};
}

std::vector<std::string> classify(std::span<const Topic> topics, const FeedbackText& text) {
  // One haystack: keywords may sit in the comment or the subject alike. A newline separates the
  // parts, so a phrase never spans two of them.
  std::string raw(text.comment);
  raw += '\n';
  raw += text.subject;
  const std::string lowered = ascii_lower(raw);
  std::vector<std::string> found;
  for (const Topic& topic : topics) {
    bool match =
        std::any_of(topic.categories.begin(), topic.categories.end(), [&](const std::string& category) {
          return !text.category.empty() && iequals(category, text.category);
        });
    for (std::size_t language = 0; language < 2 && !match; ++language) {
      for (const auto& keyword : topic.keywords[language]) {
        if (contains_word(lowered, ascii_lower(keyword))) {
          match = true;
          break;
        }
      }
    }
    if (!match) {
      const auto& chinese = topic.keywords[static_cast<std::size_t>(domain::Language::Zh)];
      match = std::any_of(chinese.begin(), chinese.end(), [&](const std::string& keyword) {
        return !keyword.empty() && raw.find(keyword) != std::string::npos;
      });
    }
    if (match) found.push_back(topic.id);
  }
  if (found.empty()) found.emplace_back(kOtherTopic);
  return found;
}

std::string topic_name(std::span<const Topic> topics, std::string_view id, domain::Language language) {
  const auto index = static_cast<std::size_t>(language);
  for (const Topic& topic : topics) {
    if (topic.id == id) return topic.names[index];
  }
  if (id == kOtherTopic) {
    constexpr std::array<std::string_view, 3> kOther = {"Overig", "Other", "其他"};
    return std::string(kOther[index]);
  }
  return std::string(id);
}

}  // namespace sp::feedback

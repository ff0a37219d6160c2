#include "documents/public_page.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "documents/document.hpp"
#include "documents/letter.hpp"
#include "documents/svg.hpp"
#include "charter/text.hpp"

namespace sp::documents {

using namespace sp::charter;  // the charter model and its labels (charter/text.hpp)
namespace {

using domain::Language;
using nlohmann::json;

std::size_t lang(Language language) {
  return static_cast<std::size_t>(language);
}

struct Words {
  std::array<std::string_view, 3> text;  // nl, en, zh
};

constexpr Words kTitleSuffix = {{"onze servicebeloften", "our service promises", "服务承诺"}};
constexpr Words kIntro = {{"Dit beloven wij onze klanten, en zo goed hielden wij ons eraan.",
                           "This is what we promise our customers, and how well we kept it.",
                           "以下是我们对客户的承诺及其兑现情况。"}};
constexpr Words kLastMonth = {{"vorige maand", "last month", "上月"}};
constexpr Words kLastQuarter = {{"vorig kwartaal", "last quarter", "上季度"}};
constexpr Words kPromise = {{"Belofte", "Promise", "承诺"}};
constexpr Words kHowKept = {{"Hoe wij onze beloften nakwamen", "How we kept our promises", "承诺兑现情况"}};
constexpr Words kPhoneLastMonth = {
    {"Telefonisch bereikbaar vorige maand", "Reaching us by phone last month", "上月电话接通情况"}};
constexpr Words kCallsOffered = {{"oproepen", "calls", "来电量"}};
constexpr Words kCommitmentsLastMonth = {
    {"Onze toezeggingen vorige maand", "Our commitments last month", "上月个人承诺兑现情况"}};
constexpr Words kCommitmentsCount = {{"{{kept}} van {{decided}} op tijd nagekomen",
                                      "{{kept}} of {{decided}} kept on time",
                                      "按时兑现 {{kept}}/{{decided}} 项"}};
constexpr Words kYouSaid = {{"U zei, wij deden", "You said, we did", "您的意见,我们的改进"}};
constexpr Words kYouSaidLabel = {{"U zei", "You said", "您说"}};
constexpr Words kWeDidLabel = {{"Wij deden", "We did", "我们做了"}};
constexpr Words kNoActions = {{"Nog geen verbeteracties gepubliceerd.",
                               "No improvement actions published yet.", "暂无已发布的改进措施。"}};
constexpr Words kContact = {{"Contact", "How to reach us", "联系方式"}};
constexpr Words kMethod = {
    {"Tijdsbeloften meten wij met de {{statistic}} van alle zaken van het kanaal; een belofte "
     "zonder meetgegevens telt niet als nagekomen. Spam en mystery-shoppercontacten tellen niet "
     "mee.",
     "Time promises are measured with the {{statistic}} over all of the channel's cases; a "
     "promise without data never counts as kept. Spam and mystery-shopper contacts do not count.",
     "时限承诺按该渠道全部工单的{{statistic}}衡量;"
     "无数据的承诺不计为已兑现。垃圾信息和神秘客户暗访不计入统计。"}};
constexpr std::array<Words, 3> kStatistic = {{
    {{"mediaan", "median", "中位数"}},
    {{"90e percentiel (9 van de 10 zaken)", "90th percentile (9 out of 10 cases)",
      "90百分位(十分之九的工单)"}},
    {{"gemiddelde", "mean", "平均值"}},
}};
constexpr Words kLetterLink = {{"Lees onze volledige servicebelofte",
                                "Read our full service "
                                "commitment",
                                "阅读完整的服务承诺书"}};
constexpr Words kBadgeLabel = {{"beloften nagekomen", "promises kept", "承诺兑现"}};
constexpr Words kFirstResponse = {{"eerste reactie binnen", "first response within", "首次响应不超过"}};
constexpr Words kResolution = {{"oplossing binnen", "resolution within", "问题解决不超过"}};

std::string_view w(const Words& words, Language language) {
  return words.text[lang(language)];
}

const ItemEvaluation* find_item(const Evaluation& evaluation, const std::string& id) {
  for (const auto& item : evaluation.items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

// Bar length and target line on a scale that suits the unit: shares and grades on their natural
// range, other figures on twice the target (so the target sits in the middle).
std::pair<double, double> scale(const ItemEvaluation& item) {
  const double measured = item.measured.value_or(0);
  switch (item.unit) {
    case Unit::Percent:
      return {measured / 100.0, item.target / 100.0};
    case Unit::Fraction:
      return {measured, item.target};
    case Unit::Grade:
      return {measured / 10.0, item.target / 10.0};
    case Unit::Points:
      return {(measured + 100) / 200.0, (item.target + 100) / 200.0};
    default: {
      const double full = std::max({2 * item.target, measured, 1e-9});
      return {measured / full, item.target / full};
    }
  }
}

std::string outcome_class(Outcome outcome) {
  switch (outcome) {
    case Outcome::Kept:
      return "kept";
    case Outcome::Missed:
      return "missed";
    case Outcome::NoData:
      return "no-data";
  }
  return "no-data";
}

std::string measured_text(const ItemEvaluation* item, Language language) {
  if (item == nullptr || !item->measured) return std::string(outcome_label(2, language));
  return format_value(*item->measured, item->unit, language);
}

std::string cell(const ItemEvaluation* item, Language language) {
  const Outcome outcome = item ? item->outcome : Outcome::NoData;
  std::string html = "<td class=\"" + outcome_class(outcome) + "\">";
  if (item != nullptr && item->measured) {
    html += html_escape(format_value(*item->measured, item->unit, language)) + " ";
  }
  return html + "<span class=\"outcome\">" + html_escape(outcome_label(static_cast<int>(outcome), language)) +
         "</span></td>";
}

// "Last month" for headings: the phrase with its first (ASCII) letter capitalised.
std::string capitalised(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

}  // namespace

json to_json(const Evaluation& evaluation) {
  json items = json::array();
  for (const auto& item : evaluation.items) {
    items.push_back(json{
        {"id", item.id},
        {"kind", std::string(to_string(item.kind))},
        {"channel", item.channel ? json(std::string(domain::to_string(*item.channel))) : json(nullptr)},
        {"kpi", item.kpi},
        {"comparator", std::string(to_string(item.comparator))},
        {"target", item.target},
        {"unit", std::string(to_string(item.unit))},
        {"measured", item.measured ? json(*item.measured) : json(nullptr)},
        {"outcome", std::string(to_string(item.outcome))},
    });
  }
  json summary = json::object();
  for (const auto language : {Language::Nl, Language::En, Language::Zh}) {
    summary[std::string(domain::to_string(language))] = summary_text(evaluation, language);
  }
  return json{{"label", evaluation.period_label},
              {"kept", evaluation.kept},
              {"missed", evaluation.missed},
              {"no_data", evaluation.no_data},
              {"measured", evaluation.measured()},
              {"summary", summary},
              {"items", items}};
}

namespace {

// Rough text width for the badge: CJK glyphs are about twice as wide as latin ones.
int text_width(std::string_view text) {
  int width = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80)
      width += 7;
    else if (byte >= 0xE0)
      width += 12;  // lead byte of a 3/4-byte sequence
  }
  return width;
}

}  // namespace

std::string item_description(const ItemEvaluation& item, Language language) {
  const std::string separator = language == Language::Zh ? ":" : ": ";
  const std::string space = language == Language::Zh ? "" : " ";
  std::string channel = item.channel ? std::string(channel_label(*item.channel, language)) : "";
  switch (item.kind) {
    case ItemKind::FirstResponse:
    case ItemKind::Resolution: {
      const bool business = item.kpi.find("business") != std::string::npos;
      return channel + separator +
             std::string(w(item.kind == ItemKind::FirstResponse ? kFirstResponse : kResolution, language)) +
             space + format_minutes(static_cast<std::int64_t>(item.target), language, business);
    }
    case ItemKind::Threshold: {
      std::string text = kpi_label(item.kpi, language);
      if (!channel.empty()) text = channel + separator + text;
      return text + separator + std::string(comparator_label(item.comparator, language)) + space +
             format_value(item.target, item.unit, language);
    }
  }
  return item.id;
}

Result<std::string> render_public_page(const Charter& charter, const Evaluation& last_month,
                                       const Evaluation& last_quarter,
                                       std::span<const ImprovementAction> actions, Language language,
                                       std::string_view letter_href,
                                       const reporting::CallFigures* phone_last_month,
                                       const reporting::CommitmentFigures* commitments_last_month) {
  SP_TRY(validate(charter));
  const std::string organisation = charter.organisation.in(language);
  const std::string title =
      organisation + (language == Language::Zh ? "" : ": ") + std::string(w(kTitleSuffix, language));
  std::string html;
  html.reserve(16384);
  html += "<!DOCTYPE html>\n<html lang=\"" + std::string(language_tag(language)) +
          "\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
          html_escape(title) + "</title>\n<link rel=\"stylesheet\" href=\"" +
          std::string(kCharterStylesheet) + "\">\n</head>\n<body class=\"public\">\n<main>\n";
  html += "<h1>" + html_escape(title) + "</h1>\n";
  html += "<p class=\"intro\">" + html_escape(w(kIntro, language)) + "</p>\n";
  html += "<ul class=\"summary\">\n";
  html += "<li><strong>" + html_escape(capitalised(w(kLastMonth, language))) + " (" +
          html_escape(last_month.period_label) +
          ")</strong>: " + html_escape(summary_text(last_month, language)) + "</li>\n";
  html += "<li><strong>" + html_escape(capitalised(w(kLastQuarter, language))) + " (" +
          html_escape(last_quarter.period_label) +
          ")</strong>: " + html_escape(summary_text(last_quarter, language)) + "</li>\n";
  html += "</ul>\n";

  // The items come from the month's evaluation (the same charter gives the same ids).
  html += "<section class=\"promises\">\n<h2>" + html_escape(w(kHowKept, language)) + "</h2>\n";
  html += "<table>\n<thead><tr><th scope=\"col\">" + html_escape(w(kPromise, language)) +
          "</th><th scope=\"col\">" + html_escape(capitalised(w(kLastMonth, language))) +
          "</th><th scope=\"col\">" + html_escape(capitalised(w(kLastQuarter, language))) +
          "</th></tr></thead>\n<tbody>\n";
  for (const auto& item : last_month.items) {
    const ItemEvaluation* quarter = find_item(last_quarter, item.id);
    html += "<tr><th scope=\"row\">" + html_escape(item_description(item, language)) + "</th>" +
            cell(&item, language) + cell(quarter, language) + "</tr>\n";
  }
  html += "</tbody>\n</table>\n";
  for (const auto& item : last_month.items) {
    const ItemEvaluation* quarter = find_item(last_quarter, item.id);
    const auto [month_share, target_share] = scale(item);
    std::vector<BarDatum> bars;
    bars.push_back({std::string(w(kLastMonth, language)), month_share, measured_text(&item, language),
                    outcome_class(item.outcome)});
    double quarter_share = 0;
    if (quarter != nullptr) quarter_share = scale(*quarter).first;
    bars.push_back({std::string(w(kLastQuarter, language)), quarter_share, measured_text(quarter, language),
                    outcome_class(quarter ? quarter->outcome : Outcome::NoData)});
    const std::string chart_title = item_description(item, language);
    html += "<figure>\n<figcaption>" + html_escape(chart_title) + "</figcaption>\n";
    html += bar_chart_svg(bars, chart_title, target_share);
    html += "</figure>\n";
  }
  TemplateValues method_values = {
      {"statistic",
       std::string(kStatistic[static_cast<std::size_t>(charter.promise_statistic)].text[lang(language)])}};
  auto method = fill_template(w(kMethod, language), method_values);
  if (!method.ok()) return method.error();
  html += "<p class=\"note\">" + html_escape(*method) + "</p>\n</section>\n";

  if (phone_last_month != nullptr && phone_last_month->offered > 0) {
    const auto& calls = *phone_last_month;
    const std::string separator = language == Language::Zh ? ":" : ": ";
    auto line = [&](const std::string& label, const std::optional<double>& value, Unit unit) {
      if (!value) return;
      html += "<li>" + html_escape(label) + separator + html_escape(format_value(*value, unit, language)) +
              "</li>\n";
    };
    html += "<section class=\"phone\">\n<h2>" + html_escape(w(kPhoneLastMonth, language)) + "</h2>\n<ul>\n";
    line(std::string(w(kCallsOffered, language)), static_cast<double>(calls.offered), Unit::Count);
    std::optional<double> asa_minutes;
    if (calls.wait_seconds.mean) asa_minutes = *calls.wait_seconds.mean / 60.0;
    line(kpi_label("average_speed_of_answer", language), asa_minutes, Unit::Minutes);
    line(kpi_label("service_level." + std::to_string(calls.service_level_seconds), language),
         calls.service_level, Unit::Fraction);
    line(kpi_label("abandonment_rate", language), calls.abandonment_rate, Unit::Fraction);
    html += "</ul>\n</section>\n";
  }

  if (commitments_last_month != nullptr && commitments_last_month->kept_share) {
    const auto& commitments = *commitments_last_month;
    TemplateValues counts = {{"kept", std::to_string(commitments.kept)},
                             {"decided", std::to_string(commitments.kept + commitments.broken)}};
    auto count_text = fill_template(w(kCommitmentsCount, language), counts);
    if (!count_text.ok()) return count_text.error();
    const std::string separator = language == Language::Zh ? ":" : ": ";
    html += "<section class=\"commitments\">\n<h2>" + html_escape(w(kCommitmentsLastMonth, language)) +
            "</h2>\n<p>" + html_escape(kpi_label("commitments_kept", language)) + separator +
            html_escape(format_value(*commitments.kept_share, Unit::Fraction, language)) + " (" +
            html_escape(*count_text) + ")</p>\n</section>\n";
  }

  html += "<section class=\"you-said\">\n<h2>" + html_escape(w(kYouSaid, language)) + "</h2>\n";
  if (actions.empty()) {
    html += "<p>" + html_escape(w(kNoActions, language)) + "</p>\n";
  } else {
    html += "<dl>\n";
    for (const auto& action : actions) {
      html += "<dt>" + html_escape(w(kYouSaidLabel, language)) + ": " + html_escape(action.you_said) +
              "</dt>\n<dd>" + html_escape(w(kWeDidLabel, language)) + ": " + html_escape(action.we_did);
      if (!action.done_on.empty()) {
        html += " <time datetime=\"" + html_escape(action.done_on) + "\">" +
                html_escape(format_local_date(action.done_on, language)) + "</time>";
      }
      html += "</dd>\n";
    }
    html += "</dl>\n";
  }
  html += "</section>\n";

  if (!charter.contacts.empty()) {
    html += "<section class=\"contact\">\n<h2>" + html_escape(w(kContact, language)) + "</h2>\n<ul>\n";
    for (const auto& contact : charter.contacts) {
      html += "<li>" + html_escape(channel_label(contact.channel, language)) + ": " +
              html_escape(contact.address);
      const std::string& hours = contact.hours.in(language);
      if (!hours.empty()) html += " (" + html_escape(hours) + ")";
      html += "</li>\n";
    }
    html += "</ul>\n</section>\n";
  }
  if (!letter_href.empty()) {
    html += "<p class=\"letter-link\"><a href=\"" + html_escape(letter_href) + "\">" +
            html_escape(w(kLetterLink, language)) + "</a></p>\n";
  }
  html += "</main>\n</body>\n</html>\n";
  return html;
}

std::string_view charter_css() {
  return R"css(/* servicepact charter pages: letter, reports, public page. Served at /public/charter.css. */
:root { color-scheme: light; --kept: #1b7f3b; --missed: #b3261e; --none: #8a8f98; --ink: #1d1f23; }
body { margin: 0; font: 16px/1.5 system-ui, "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
p.note { font-size: 0.85rem; color: #555; }
ul.summary { padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
td.kept .outcome { color: var(--kept); font-weight: 600; }
td.missed .outcome { color: var(--missed); font-weight: 600; }
td.no-data .outcome { color: var(--none); }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figcaption { font-size: 0.9rem; margin-bottom: 0.25rem; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; }
svg.chart .track { fill: #eef0f3; }
svg.chart .bar { fill: #2266aa; }
svg.chart .bar.kept { fill: var(--kept); }
svg.chart .bar.missed { fill: var(--missed); }
svg.chart .bar.no-data { fill: var(--none); }
svg.chart .label, svg.chart .value { fill: var(--ink); }
svg.chart .target { stroke: var(--ink); stroke-width: 1.5; }
dl dt { font-weight: 600; margin-top: 0.75rem; }
dl dd { margin: 0.2rem 0 0 1rem; }
body.letter main { font-family: "Noto Serif", "Noto Serif CJK SC", "SimSun", serif; }
footer.signature { margin-top: 3rem; border-top: 1px solid #ccc; padding-top: 1rem; }
footer.report { margin-top: 2rem; font-size: 0.85rem; color: #444; }
footer.report dt { font-weight: 600; }
@media print { main { max-width: none; padding: 0; } a { color: inherit; text-decoration: none; } }
)css";
}

std::string charter_badge_svg(const Evaluation& evaluation, BadgePeriod period, Language language) {
  const std::string label(w(kBadgeLabel, language));
  const std::string counts = evaluation.measured() == 0 ? std::string("\xE2\x80\x93")
                                                        : std::to_string(evaluation.kept) + "/" +
                                                              std::to_string(evaluation.measured());
  const std::string value =
      counts + " \xC2\xB7 " +
      std::string(w(period == BadgePeriod::LastMonth ? kLastMonth : kLastQuarter, language));
  const int label_width = text_width(label) + 12;
  const int value_width = text_width(value) + 12;
  const int width = label_width + value_width;
  const bool all_kept = evaluation.measured() > 0 && evaluation.missed == 0;
  const std::string colour = evaluation.measured() == 0 ? "#8a8f98" : all_kept ? "#1b7f3b" : "#b36b00";
  const std::string text = label + ": " + value;
  std::string svg;
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
         "\" height=\"20\" role=\"img\" aria-label=\"" + html_escape(text) + "\">";
  svg += "<title>" + html_escape(text) + "</title>";
  svg += "<rect width=\"" + std::to_string(label_width) + "\" height=\"20\" fill=\"#555\"/>";
  svg += "<rect x=\"" + std::to_string(label_width) + "\" width=\"" + std::to_string(value_width) +
         "\" height=\"20\" fill=\"" + colour + "\"/>";
  svg +=
      "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,Noto Sans CJK SC,sans-serif\" "
      "font-size=\"11\">";
  svg += "<text x=\"6\" y=\"14\">" + html_escape(label) + "</text>";
  svg += "<text x=\"" + std::to_string(label_width + 6) + "\" y=\"14\">" + html_escape(value) + "</text>";
  svg += "</g></svg>\n";
  return svg;
}

json public_summary_json(const Charter& charter, const Evaluation& last_month, const Evaluation& last_quarter,
                         std::span<const ImprovementAction> actions,
                         const reporting::CallFigures* phone_last_month,
                         const reporting::CommitmentFigures* commitments_last_month) {
  json organisation = json::object();
  organisation["default"] = charter.organisation.text;
  for (const auto language : {Language::Nl, Language::En, Language::Zh}) {
    organisation[std::string(domain::to_string(language))] = charter.organisation.in(language);
  }
  json languages = json::array();
  for (const auto language : charter.languages) {
    languages.push_back(std::string(domain::to_string(language)));
  }
  json said = json::array();
  for (const auto& action : actions) {
    said.push_back(json{{"you_said", action.you_said},
                        {"we_did", action.we_did},
                        {"done_on", action.done_on.empty() ? json(nullptr) : json(action.done_on)}});
  }
  // Invalid UTF-8 in configured text must not make dump() throw later: the caller should dump
  // with error_handler_t::replace; we only build values here.
  json phone = nullptr;
  if (phone_last_month != nullptr && phone_last_month->offered > 0) {
    const auto& calls = *phone_last_month;
    auto value = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    phone = json{{"offered", calls.offered},
                 {"average_speed_of_answer_seconds", value(calls.wait_seconds.mean)},
                 {"service_level", value(calls.service_level)},
                 {"service_level_seconds", calls.service_level_seconds},
                 {"abandonment_rate", value(calls.abandonment_rate)}};
  }
  json commitments = nullptr;
  if (commitments_last_month != nullptr && commitments_last_month->kept_share) {
    commitments = json{{"kept", commitments_last_month->kept},
                       {"broken", commitments_last_month->broken},
                       {"kept_share", *commitments_last_month->kept_share}};
  }
  return json{{"organisation", organisation},
              {"phone_last_month", phone},
              {"commitments_last_month", commitments},
              {"languages", languages},
              {"periods", {{"last_month", to_json(last_month)}, {"last_quarter", to_json(last_quarter)}}},
              {"you_said_we_did", said}};
}

}  // namespace sp::documents

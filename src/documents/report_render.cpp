#include "documents/report_render.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <nlohmann/json.hpp>

#include "documents/pdf.hpp"
#include "documents/svg.hpp"
#include "charter/text.hpp"
#include "reporting/kpi_json.hpp"

namespace sp::documents {

using namespace sp::charter;  // the charter model and its labels (charter/text.hpp)
namespace {

using domain::Language;
using nlohmann::json;

void flatten(const json& value, const std::string& prefix,
             std::vector<std::pair<std::string, const json*>>& out) {
  if (value.is_object()) {
    for (const auto& [key, inner] : value.items()) {
      flatten(inner, prefix + "." + key, out);
    }
    return;
  }
  out.emplace_back(prefix, &value);
}

// The flattened figures of one group, in kpi_definitions() order.
std::vector<std::pair<std::string, const json*>> flat_figures(const json& figures) {
  std::vector<std::pair<std::string, const json*>> out;
  for (const auto& definition : reporting::kpi_definitions()) {
    const std::string name(definition.name);
    const auto it = figures.find(name);
    if (it == figures.end()) continue;
    flatten(*it, name, out);
  }
  return out;
}

std::string cell_text(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// The main figures shown in tables, charts and the PDF, with how to format each.
struct MainFigure {
  std::string_view kpi;  // kpi_label key
  std::function<std::optional<double>(const reporting::KpiFigures&)> value;
  Unit unit;
};

const std::vector<MainFigure>& main_figures() {
  static const std::vector<MainFigure> kFigures = {
      {"contacts_received",
       [](const reporting::KpiFigures& f) { return std::optional<double>(f.contacts_received); },
       Unit::Count},
      {"contacts_handled",
       [](const reporting::KpiFigures& f) { return std::optional<double>(f.contacts_handled); }, Unit::Count},
      {"first_response_time.median",
       [](const reporting::KpiFigures& f) -> std::optional<double> {
         if (!f.first_response_seconds.median) return std::nullopt;
         return *f.first_response_seconds.median / 60.0;
       },
       Unit::Minutes},
      {"resolution_time.median",
       [](const reporting::KpiFigures& f) -> std::optional<double> {
         if (!f.resolution_seconds.median) return std::nullopt;
         return *f.resolution_seconds.median / 3600.0;
       },
       Unit::Hours},
      {"resolution_rate", [](const reporting::KpiFigures& f) { return f.resolution_rate; }, Unit::Fraction},
      {"sla.first_response.compliance", [](const reporting::KpiFigures& f) { return f.sla[0].compliance; },
       Unit::Fraction},
      {"csat", [](const reporting::KpiFigures& f) { return f.csat_mean; }, Unit::Grade},
      {"nps", [](const reporting::KpiFigures& f) { return f.nps; }, Unit::Points},
      {"backlog", [](const reporting::KpiFigures& f) { return std::optional<double>(f.backlog); },
       Unit::Count},
      {"commitments_kept", [](const reporting::KpiFigures& f) { return f.commitments.kept_share; },
       Unit::Fraction},
  };
  return kFigures;
}

std::string shown(const std::optional<double>& value, Unit unit, Language language) {
  if (!value) return "\xE2\x80\x93";  // en dash: no value
  return format_value(*value, unit, language);
}

std::string group_label(const reporting::KpiGroup& group) {
  return group.key + " \xC2\xB7 " + group.period.label;
}

struct Words {
  std::array<std::string_view, 3> text;
};
constexpr Words kRange = {{"Periode", "Range", "统计区间"}};
constexpr Words kZone = {{"tijdzone", "time zone", "时区"}};
constexpr Words kGrouping = {{"Indeling", "Grouped by", "分组"}};
constexpr Words kExcluded = {{"Uitgesloten: {{spam}} spam, {{mystery}} mystery-shopper",
                              "Excluded: {{spam}} spam, {{mystery}} mystery-shopper",
                              "已排除:垃圾信息{{spam}}条,神秘客户暗访{{mystery}}条"}};
constexpr Words kGroup = {{"Groep", "Group", "分组"}};
constexpr Words kDefinitions = {{"Definities", "Definitions", "指标定义"}};
constexpr Words kNoGroups = {
    {"Geen contacten in deze periode.", "No contacts in this range.", "该区间内无联系记录。"}};

std::string_view w(const Words& words, Language language) {
  return words.text[static_cast<std::size_t>(language)];
}

std::string excluded_text(const reporting::KpiReport& report, Language language) {
  auto text =
      fill_template(w(kExcluded, language), {{"spam", std::to_string(report.excluded_spam)},
                                             {"mystery", std::to_string(report.excluded_mystery_shopper)}});
  return text.ok() ? *text : std::string();
}

std::string range_text(const reporting::KpiReport& report, Language language) {
  return std::string(w(kRange, language)) + ": " + format_rfc3339(report.from) + " \xE2\x80\x93 " +
         format_rfc3339(report.to) + " (" + std::string(w(kZone, language)) + " " + report.time_zone + ")";
}

std::string grouping_text(const reporting::KpiReport& report, Language language) {
  return std::string(w(kGrouping, language)) + ": " + std::string(reporting::to_string(report.dimension)) +
         " / " + std::string(reporting::to_string(report.period));
}

// Bars of one figure over all groups, scaled to the largest value (or to 1 for fractions).
std::vector<BarDatum> figure_bars(const reporting::KpiReport& report, const MainFigure& figure,
                                  Language language) {
  double full = figure.unit == Unit::Fraction ? 1.0 : 0.0;
  for (const auto& group : report.groups) {
    if (auto value = figure.value(group.figures)) full = std::max(full, *value);
  }
  std::vector<BarDatum> bars;
  for (const auto& group : report.groups) {
    const auto value = figure.value(group.figures);
    bars.push_back({group_label(group), value && full > 0 ? *value / full : 0,
                    shown(value, figure.unit, language), value ? "" : "no-data"});
  }
  return bars;
}

}  // namespace

std::string csv_field(std::string_view value, bool numeric) {
  std::string text(value);
  if (!numeric && !text.empty() &&
      (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
       text[0] == '\r')) {
    text.insert(text.begin(), '\'');
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string report_csv(const reporting::KpiReport& report, const CsvOptions& options) {
  // The column set comes from a group of default figures, so an empty report has a header too.
  reporting::KpiReport shape;
  shape.groups.push_back({});
  const json shape_json = reporting::to_json(shape);
  const auto columns = flat_figures(shape_json["groups"][0]["figures"]);

  std::string csv;
  if (options.byte_order_mark) csv += "\xEF\xBB\xBF";
  csv += "key,period,start,end";
  for (const auto& [name, value] : columns) csv += "," + csv_field(name);
  csv += "\r\n";
  const json report_json = reporting::to_json(report);
  for (const auto& group : report_json["groups"]) {
    csv += csv_field(group["key"].get<std::string>()) + "," +
           csv_field(group["period"]["label"].get<std::string>()) + "," +
           csv_field(group["period"]["start"].get<std::string>()) + "," +
           csv_field(group["period"]["end"].get<std::string>());
    const auto values = flat_figures(group["figures"]);
    for (const auto& [name, value] : values) {
      csv += "," + csv_field(cell_text(*value), value->is_number());
    }
    csv += "\r\n";
  }
  return csv;
}

std::string report_html(const reporting::KpiReport& report, std::string_view title, Language language) {
  std::string html;
  html.reserve(16384);
  html += "<!DOCTYPE html>\n<html lang=\"" + std::string(language_tag(language)) +
          "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(title) +
          "</title>\n<link rel=\"stylesheet\" href=\"" + std::string(kCharterStylesheet) +
          "\">\n</head>\n<body class=\"report\">\n<main>\n<h1>" + html_escape(title) + "</h1>\n";
  html += report_html_section(report, language);
  html += "</main>\n</body>\n</html>\n";
  return html;
}

std::string report_html_section(const reporting::KpiReport& report, Language language) {
  std::string html;
  html.reserve(16384);
  html += "<p>" + html_escape(range_text(report, language)) + "<br>" +
          html_escape(grouping_text(report, language)) + "<br>" +
          html_escape(excluded_text(report, language)) + "</p>\n";
  if (report.groups.empty()) {
    html += "<p>" + html_escape(w(kNoGroups, language)) + "</p>\n";
  } else {
    html += "<table>\n<thead><tr><th scope=\"col\">" + html_escape(w(kGroup, language)) + "</th>";
    for (const auto& figure : main_figures()) {
      html += "<th scope=\"col\">" + html_escape(kpi_label(figure.kpi, language)) + "</th>";
    }
    html += "</tr></thead>\n<tbody>\n";
    for (const auto& group : report.groups) {
      html += "<tr><th scope=\"row\">" + html_escape(group_label(group)) + "</th>";
      for (const auto& figure : main_figures()) {
        html += "<td class=\"number\">" +
                html_escape(shown(figure.value(group.figures), figure.unit, language)) + "</td>";
      }
      html += "</tr>\n";
    }
    html += "</tbody>\n</table>\n";
    for (const std::size_t index : {std::size_t{0}, std::size_t{2}, std::size_t{4}}) {
      const auto& figure = main_figures()[index];
      const std::string label = kpi_label(figure.kpi, language);
      html += "<figure>\n<figcaption>" + html_escape(label) + "</figcaption>\n" +
              bar_chart_svg(figure_bars(report, figure, language), label) + "</figure>\n";
    }
  }
  html += "<footer class=\"report\">\n<h2>" + html_escape(w(kDefinitions, language)) + "</h2>\n<dl>\n";
  for (const auto& definition : reporting::kpi_definitions()) {
    html += "<dt>" + html_escape(definition.name) + "</dt>\n<dd>" + html_escape(definition.definition) +
            "</dd>\n";
  }
  html += "</dl>\n</footer>\n";
  return html;
}

Document report_document(const reporting::KpiReport& report, std::string_view title, Language language) {
  Document document;
  document.language = language;
  document.title = std::string(title);
  append_report_blocks(document, report, language);
  return document;
}

void append_report_blocks(Document& document, const reporting::KpiReport& report, Language language) {
  using Kind = Block::Kind;
  document.blocks.push_back({Kind::Paragraph, range_text(report, language)});
  document.blocks.push_back({Kind::Paragraph, grouping_text(report, language)});
  document.blocks.push_back({Kind::Paragraph, excluded_text(report, language)});
  if (report.groups.empty()) {
    document.blocks.push_back({Kind::Paragraph, std::string(w(kNoGroups, language))});
  }
  for (const auto& group : report.groups) {
    document.blocks.push_back({Kind::Heading, group_label(group)});
    for (const auto& figure : main_figures()) {
      document.blocks.push_back({Kind::Item, kpi_label(figure.kpi, language) + ": " +
                                                 shown(figure.value(group.figures), figure.unit, language)});
    }
  }
  if (!report.groups.empty()) {
    const auto& figure = main_figures()[0];
    document.blocks.push_back({Kind::Heading, kpi_label(figure.kpi, language)});
    for (auto& bar : figure_bars(report, figure, language)) {
      document.blocks.push_back({Kind::Bar, bar.label, bar.share, bar.value_text});
    }
  }
  document.blocks.push_back({Kind::Heading, std::string(w(kDefinitions, language))});
  for (const auto& definition : reporting::kpi_definitions()) {
    document.blocks.push_back({Kind::Note, std::string(definition.definition)});
  }
}

Result<std::vector<std::uint8_t>> report_pdf(const reporting::KpiReport& report, std::string_view title,
                                             Language language) {
  return render_pdf(report_document(report, title, language));
}

}  // namespace sp::documents

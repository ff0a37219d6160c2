#include "documents/feedback_report.hpp"

#include <array>

#include "documents/report_render.hpp"
#include "documents/svg.hpp"
#include "charter/text.hpp"

namespace sp::documents {

using namespace sp::charter;  // the charter model and its labels (charter/text.hpp)
namespace {

using domain::Language;

struct Words {
  std::array<std::string_view, 3> text;  // nl, en, zh
};
constexpr Words kRange = {{"Periode", "Range", "统计区间"}};
constexpr Words kZone = {{"tijdzone", "time zone", "时区"}};
constexpr Words kMissed = {
    {"Beloofd en gisteren niet nagekomen", "Promised and missed yesterday", "昨日未兑现的承诺"}};
constexpr Words kAtRisk = {
    {"Open zaken met risico vandaag", "Open items at risk today", "今日有超时风险的待办"}};
constexpr Words kPerTeam = {{"Per team", "Per team", "按团队"}};
constexpr Words kAgent = {{"Medewerker", "Agent", "客服人员"}};
constexpr Words kTeam = {{"Team", "Team", "团队"}};
constexpr Words kTicket = {{"Ticket", "Ticket", "工单"}};
constexpr Words kSubject = {{"Onderwerp", "Subject", "主题"}};
constexpr Words kKind = {{"Soort", "Kind", "类型"}};
constexpr Words kTarget = {{"Belofte", "Promise", "承诺"}};
constexpr Words kDue = {{"Uiterlijk", "Due", "到期时间"}};
constexpr Words kLate = {{"Te laat", "Late by", "超时"}};
constexpr Words kStillOpen = {{"nog open", "still open", "仍未完成"}};
constexpr Words kMissedCount = {{"Gemist", "Missed", "未兑现"}};
constexpr Words kAtRiskCount = {{"Met risico", "At risk", "有风险"}};
constexpr Words kNothingMissed = {{"Niets gemist.", "Nothing missed.", "无未兑现的承诺。"}};
constexpr Words kNothingAtRisk = {{"Niets met risico.", "Nothing at risk.", "无有风险的待办。"}};
constexpr Words kUnassigned = {{"Niet toegewezen", "Unassigned", "未分配"}};
constexpr Words kNoTeam = {{"Geen team", "No team", "无团队"}};
constexpr Words kTruncated = {{"Let op: niet alle tickets zijn bekeken (limiet bereikt).",
                               "Note: not every ticket was examined (limit reached).",
                               "注意:工单数量超出上限,未全部检查。"}};
constexpr Words kKpis = {{"Kengetallen van gisteren", "Yesterday's figures", "昨日指标"}};
constexpr Words kAsOf = {{"stand van", "as of", "截至"}};
constexpr Words kGrades = {{"Cijfers", "Grades", "评分"}};
constexpr Words kAnswers = {{"antwoorden", "answers", "份答卷"}};
constexpr Words kEffort = {{"klantinspanning (1-5, lager is beter)", "customer effort (1-5, lower is better)",
                            "客户费力度(1-5,越低越好)"}};
constexpr Words kTopics = {{"Opmerkingen per onderwerp", "Comments by topic", "按主题分类的意见"}};
constexpr Words kNoComments = {{"Geen opmerkingen.", "No comments.", "无文字意见。"}};
constexpr Words kGrade = {{"cijfer", "grade", "评分"}};
constexpr Words kRecurring = {{"Terugkerende problemen", "Recurring issues", "反复出现的问题"}};
constexpr Words kNoRecurring = {
    {"Geen terugkerende problemen.", "No recurring issues.", "无反复出现的问题。"}};
constexpr Words kNoAnswers = {
    {"Geen antwoorden in deze periode.", "No answers in this range.", "该区间内无答卷。"}};
constexpr Words kExample = {{"Voorbeeld", "Example", "示例"}};
constexpr Words kCustomers = {{"klanten", "customers", "位客户"}};
constexpr Words kSeen = {{"Eerst en laatst gezien", "First and last seen", "首次与最近出现"}};
constexpr Words kSignature = {{"Kenmerk", "Signature", "特征"}};
constexpr Words kTopicCounts = {{"Antwoorden per onderwerp", "Answers per topic", "各主题答卷数"}};

std::string_view w(const Words& words, Language language) {
  return words.text[static_cast<std::size_t>(language)];
}
std::string s(const Words& words, Language language) {
  return std::string(w(words, language));
}

constexpr std::string_view kDash = "\xE2\x80\x93";

std::string ticket_ref(std::int64_t id) {
  return "T-" + std::to_string(id);
}

std::string target_label(std::string_view target, Language language) {
  struct Target {
    std::string_view key;
    Words words;
  };
  static constexpr std::array<Target, 6> kTargets = {{
      {"first_response", {{"eerste reactie", "first response", "首次响应"}}},
      {"next_response", {{"vervolgreactie", "next response", "后续响应"}}},
      {"periodic_update", {{"tussentijdse update", "periodic update", "定期进展通报"}}},
      {"resolution", {{"oplossing", "resolution", "问题解决"}}},
      {"major_complaint_response",
       {{"reactie op ernstige klacht", "response to a major complaint", "重大投诉响应"}}},
      {"commitment", {{"toezegging", "commitment", "承诺"}}},
  }};
  for (const auto& t : kTargets) {
    if (t.key == target) return s(t.words, language);
  }
  return std::string(target);
}

std::string kind_label(SelfCheckItem::Kind kind, Language language) {
  static constexpr std::array<Words, 6> kKinds = {{
      {{"SLA overschreden", "SLA breached", "超出服务时限"}},
      {{"ernstige klacht te laat beantwoord", "major complaint answered late", "重大投诉响应超时"}},
      {{"loopt vandaag af", "due today", "今日到期"}},
      {{"over tijd", "overdue", "已超时"}},
      {{"toezegging niet nagekomen", "commitment broken", "承诺未兑现"}},
      {{"toezegging loopt vandaag af", "commitment due today", "承诺今日到期"}},
  }};
  return s(kKinds[static_cast<std::size_t>(kind)], language);
}

std::string agent_label(const SelfCheckAgent& agent, Language language) {
  std::string label = agent.agent.empty() ? s(kUnassigned, language) : agent.agent;
  if (!agent.team.empty()) label += " (" + agent.team + ")";
  return label;
}

std::string range_text(Timestamp from, Timestamp to, const std::string& zone, Language language) {
  return s(kRange, language) + ": " + format_rfc3339(from) + " " + std::string(kDash) + " " +
         format_rfc3339(to) + " (" + s(kZone, language) + " " + zone + ")";
}

std::string target_text(const SelfCheckItem& item, Language language) {
  std::string text = target_label(item.target, language);
  if (!item.what.empty()) text += ": " + item.what;
  if (item.target_minutes > 0) {
    text += ": " + format_minutes(item.target_minutes, language,
                                  item.kind != SelfCheckItem::Kind::MajorComplaintLate);
  }
  return text;
}

std::string late_text(const SelfCheckItem& item, Language language) {
  if (item.late_minutes <= 0) return std::string(kDash);
  // Readable at a glance: whole hours from two hours late, whole days from two days (the CSV
  // keeps the exact minutes).
  std::int64_t late = item.late_minutes;
  if (late >= 48 * 60) {
    late = (late + 12 * 60) / (24 * 60) * (24 * 60);
  } else if (late >= 120) {
    late = (late + 30) / 60 * 60;
  }
  std::string text = format_minutes(late, language);
  if (item.still_open) text += " (" + s(kStillOpen, language) + ")";
  return text;
}

std::string due_text(const SelfCheckItem& item) {
  return item.due_at ? format_rfc3339(*item.due_at) : std::string(kDash);
}

std::string page_start(std::string_view title, Language language) {
  return "<!DOCTYPE html>\n<html lang=\"" + std::string(language_tag(language)) +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(title) +
         "</title>\n<link rel=\"stylesheet\" href=\"" + std::string(kCharterStylesheet) +
         "\">\n</head>\n<body class=\"report\">\n<main>\n<h1>" + html_escape(title) + "</h1>\n";
}

constexpr std::string_view kPageEnd = "</main>\n</body>\n</html>\n";

std::string th(const Words& words, Language language) {
  return "<th scope=\"col\">" + html_escape(w(words, language)) + "</th>";
}

std::string items_table(const std::vector<SelfCheckItem>& items, Language language) {
  std::string html = "<table>\n<thead><tr>" + th(kTicket, language) + th(kSubject, language) +
                     th(kKind, language) + th(kTarget, language) + th(kDue, language) + th(kLate, language) +
                     "</tr></thead>\n<tbody>\n";
  for (const auto& item : items) {
    html += "<tr><th scope=\"row\">" + html_escape(ticket_ref(item.ticket_id)) + "</th><td>" +
            html_escape(item.subject) + "</td><td>" + html_escape(kind_label(item.kind, language)) +
            "</td><td>" + html_escape(target_text(item, language)) + "</td><td>" +
            html_escape(due_text(item)) + "</td><td class=\"number\">" +
            html_escape(late_text(item, language)) + "</td></tr>\n";
  }
  html += "</tbody>\n</table>\n";
  return html;
}

std::string item_line(const SelfCheckItem& item, Language language) {
  std::string line = ticket_ref(item.ticket_id) + " " + item.subject + " " + std::string(kDash) + " " +
                     kind_label(item.kind, language) + "; " + target_text(item, language) + "; " +
                     s(kDue, language) + " " + due_text(item);
  if (item.late_minutes > 0) line += "; " + s(kLate, language) + " " + late_text(item, language);
  return line;
}

std::string optional_value(const std::optional<double>& value, Unit unit, Language language) {
  return value ? format_value(*value, unit, language) : std::string(kDash);
}

std::string effort_value(const std::optional<double>& value, Language language) {
  return value ? format_number(*value, language) : std::string(kDash);
}

std::string tickets_text(const std::vector<std::int64_t>& ids) {
  std::string text;
  for (auto id : ids) {
    if (!text.empty()) text += ' ';
    text += ticket_ref(id);
  }
  return text;
}

std::string grade_line(const WeeklyFeedback& summary, Language language) {
  return std::to_string(summary.answers) + " " + s(kAnswers, language);
}

struct GradeRow {
  std::string key;
  std::string label;
  std::string value;
  std::string raw;  // CSV value
};

std::vector<GradeRow> grade_rows(const WeeklyFeedback& summary, Language language) {
  auto raw = [](const std::optional<double>& value) {
    return value ? format_number(*value, Language::En, 4) : std::string();
  };
  return {
      {"csat", kpi_label("csat", language), optional_value(summary.csat_mean, Unit::Grade, language),
       raw(summary.csat_mean)},
      {"not_helped_share", kpi_label("not_helped_share", language),
       optional_value(summary.not_helped_share, Unit::Fraction, language), raw(summary.not_helped_share)},
      {"nps", kpi_label("nps", language), optional_value(summary.nps, Unit::Points, language),
       raw(summary.nps)},
      {"customer_effort", s(kEffort, language), effort_value(summary.effort_mean, language),
       raw(summary.effort_mean)},
  };
}

std::string seen_text(const RecurringRow& row) {
  return format_rfc3339(row.first_seen) + " " + std::string(kDash) + " " + format_rfc3339(row.last_seen);
}

}  // namespace

std::string_view to_string(SelfCheckItem::Kind kind) {
  switch (kind) {
    case SelfCheckItem::Kind::SlaBreached:
      return "sla_breached";
    case SelfCheckItem::Kind::MajorComplaintLate:
      return "major_complaint_late";
    case SelfCheckItem::Kind::AtRisk:
      return "at_risk";
    case SelfCheckItem::Kind::Overdue:
      return "overdue";
    case SelfCheckItem::Kind::CommitmentBroken:
      return "commitment_broken";
    case SelfCheckItem::Kind::CommitmentDue:
      return "commitment_due";
  }
  return "sla_breached";
}

std::string self_check_html(const DailySelfCheck& check, std::string_view title, Language language) {
  std::string html = page_start(title, language);
  html += "<p>" + html_escape(range_text(check.from, check.to, check.time_zone, language)) + "<br>" +
          html_escape(s(kAtRisk, language)) + ": " + html_escape(format_rfc3339(check.to)) + " " +
          std::string(kDash) + " " + html_escape(format_rfc3339(check.today_end)) + " (" +
          html_escape(w(kAsOf, language)) + " " + html_escape(format_rfc3339(check.as_of)) + ")</p>\n";
  if (check.truncated) html += "<p class=\"note\">" + html_escape(w(kTruncated, language)) + "</p>\n";

  html += "<section>\n<h2>" + html_escape(w(kPerTeam, language)) + "</h2>\n";
  if (check.teams.empty()) {
    html += "<p>" + html_escape(w(kNothingMissed, language)) + " " +
            html_escape(w(kNothingAtRisk, language)) + "</p>\n";
  } else {
    html += "<table>\n<thead><tr>" + th(kTeam, language) + th(kMissedCount, language) +
            th(kAtRiskCount, language) + "</tr></thead>\n<tbody>\n";
    for (const auto& team : check.teams) {
      html += "<tr><th scope=\"row\">" + html_escape(team.team.empty() ? w(kNoTeam, language) : team.team) +
              "</th><td class=\"number\">" + std::to_string(team.missed) + "</td><td class=\"number\">" +
              std::to_string(team.at_risk) + "</td></tr>\n";
    }
    html += "</tbody>\n</table>\n";
  }
  html += "</section>\n";

  for (const auto& agent : check.agents) {
    html += "<section class=\"agent\">\n<h2>" + html_escape(agent_label(agent, language)) + "</h2>\n<h3>" +
            html_escape(w(kMissed, language)) + "</h3>\n";
    html += agent.missed.empty() ? "<p>" + html_escape(w(kNothingMissed, language)) + "</p>\n"
                                 : items_table(agent.missed, language);
    html += "<h3>" + html_escape(w(kAtRisk, language)) + "</h3>\n";
    html += agent.at_risk.empty() ? "<p>" + html_escape(w(kNothingAtRisk, language)) + "</p>\n"
                                  : items_table(agent.at_risk, language);
    html += "</section>\n";
  }
  if (check.agents.empty()) {
    html += "<p>" + html_escape(w(kNothingMissed, language)) + " " +
            html_escape(w(kNothingAtRisk, language)) + "</p>\n";
  }
  if (check.kpis) {
    html += "<section class=\"kpis\">\n<h2>" + html_escape(w(kKpis, language)) + "</h2>\n" +
            report_html_section(*check.kpis, language) + "</section>\n";
  }
  html += kPageEnd;
  return html;
}

std::string self_check_csv(const DailySelfCheck& check) {
  std::string csv = "kind,agent,team,ticket,subject,target,target_minutes,due_at,late_minutes,still_open\r\n";
  for (const auto& agent : check.agents) {
    for (const auto* list : {&agent.missed, &agent.at_risk}) {
      for (const auto& item : *list) {
        csv += csv_field(to_string(item.kind)) + "," + csv_field(agent.agent) + "," + csv_field(agent.team) +
               "," + csv_field(ticket_ref(item.ticket_id)) + "," + csv_field(item.subject) + "," +
               csv_field(item.target) + "," + std::to_string(item.target_minutes) + "," +
               csv_field(item.due_at ? format_rfc3339(*item.due_at) : std::string()) + "," +
               std::to_string(item.late_minutes) + "," + (item.still_open ? "true" : "false") + "\r\n";
      }
    }
  }
  return csv;
}

Document self_check_document(const DailySelfCheck& check, std::string_view title, Language language) {
  using Kind = Block::Kind;
  Document document;
  document.language = language;
  document.title = std::string(title);
  document.blocks.push_back({Kind::Paragraph, range_text(check.from, check.to, check.time_zone, language)});
  if (check.truncated) document.blocks.push_back({Kind::Note, s(kTruncated, language)});
  document.blocks.push_back({Kind::Heading, s(kPerTeam, language)});
  for (const auto& team : check.teams) {
    document.blocks.push_back({Kind::Item, (team.team.empty() ? s(kNoTeam, language) : team.team) + ": " +
                                               s(kMissedCount, language) + " " + std::to_string(team.missed) +
                                               ", " + s(kAtRiskCount, language) + " " +
                                               std::to_string(team.at_risk)});
  }
  for (const auto& agent : check.agents) {
    document.blocks.push_back({Kind::Heading, agent_label(agent, language)});
    document.blocks.push_back({Kind::Paragraph, s(kMissed, language)});
    if (agent.missed.empty()) document.blocks.push_back({Kind::Item, s(kNothingMissed, language)});
    for (const auto& item : agent.missed) {
      document.blocks.push_back({Kind::Item, item_line(item, language)});
    }
    document.blocks.push_back({Kind::Paragraph, s(kAtRisk, language)});
    if (agent.at_risk.empty()) {
      document.blocks.push_back({Kind::Item, s(kNothingAtRisk, language)});
    }
    for (const auto& item : agent.at_risk) {
      document.blocks.push_back({Kind::Item, item_line(item, language)});
    }
  }
  if (check.agents.empty()) {
    document.blocks.push_back(
        {Kind::Paragraph, s(kNothingMissed, language) + " " + s(kNothingAtRisk, language)});
  }
  if (check.kpis) {
    document.blocks.push_back({Kind::Heading, s(kKpis, language)});
    append_report_blocks(document, *check.kpis, language);
  }
  return document;
}

std::string weekly_feedback_html(const WeeklyFeedback& summary, std::string_view title, Language language) {
  std::string html = page_start(title, language);
  html += "<p>" + html_escape(range_text(summary.from, summary.to, summary.time_zone, language)) + "<br>" +
          html_escape(grade_line(summary, language)) + "</p>\n";
  if (summary.truncated) {
    html += "<p class=\"note\">" + html_escape(w(kTruncated, language)) + "</p>\n";
  }
  html += "<section class=\"grades\">\n<h2>" + html_escape(w(kGrades, language)) + "</h2>\n";
  if (summary.answers == 0) {
    html += "<p>" + html_escape(w(kNoAnswers, language)) + "</p>\n";
  } else {
    html += "<table>\n<tbody>\n";
    for (const auto& row : grade_rows(summary, language)) {
      html += "<tr><th scope=\"row\">" + html_escape(row.label) + "</th><td class=\"number\">" +
              html_escape(row.value) + "</td></tr>\n";
    }
    html += "</tbody>\n</table>\n";
  }
  html += "</section>\n<section class=\"topics\">\n<h2>" + html_escape(w(kTopics, language)) + "</h2>\n";
  if (!summary.topics.empty()) {
    std::int64_t most = 1;
    for (const auto& topic : summary.topics) most = std::max(most, topic.answers);
    std::vector<BarDatum> bars;
    for (const auto& topic : summary.topics) {
      bars.push_back({topic.name, static_cast<double>(topic.answers) / static_cast<double>(most),
                      std::to_string(topic.answers), ""});
    }
    html += "<figure>\n<figcaption>" + html_escape(w(kTopicCounts, language)) + "</figcaption>\n" +
            bar_chart_svg(bars, w(kTopicCounts, language)) + "</figure>\n";
  }
  for (const auto& topic : summary.topics) {
    html += "<section class=\"topic\" id=\"topic-" + html_escape(topic.id) + "\">\n<h3>" +
            html_escape(topic.name) + " (" + std::to_string(topic.answers) + ")</h3>\n";
    if (topic.comments.empty()) {
      html += "<p>" + html_escape(w(kNoComments, language)) + "</p>\n";
    } else {
      html += "<ul>\n";
      for (const auto& comment : topic.comments) {
        html += "<li><span class=\"ticket\">" + html_escape(ticket_ref(comment.ticket_id)) + "</span> (" +
                html_escape(w(kGrade, language)) + " " + std::to_string(comment.grade) +
                "): " + html_escape(comment.text) + "</li>\n";
      }
      html += "</ul>\n";
    }
    html += "</section>\n";
  }
  html +=
      "</section>\n<section class=\"recurring\">\n<h2>" + html_escape(w(kRecurring, language)) + "</h2>\n";
  if (summary.recurring.empty()) {
    html += "<p>" + html_escape(w(kNoRecurring, language)) + "</p>\n";
  } else {
    html += "<table>\n<thead><tr>" + th(kExample, language) + th(kSignature, language) +
            th(kTicket, language) + "<th scope=\"col\">" + html_escape(w(kCustomers, language)) + "</th>" +
            th(kSeen, language) + "</tr></thead>\n<tbody>\n";
    for (const auto& row : summary.recurring) {
      html += "<tr><th scope=\"row\">" + html_escape(row.example_subject) + "</th><td>" +
              html_escape(row.signature) + "</td><td>" + html_escape(tickets_text(row.ticket_ids)) +
              "</td><td class=\"number\">" + std::to_string(row.customer_count) + "</td><td>" +
              html_escape(seen_text(row)) + "</td></tr>\n";
    }
    html += "</tbody>\n</table>\n";
  }
  html += "</section>\n";
  html += kPageEnd;
  return html;
}

std::string weekly_feedback_csv(const WeeklyFeedback& summary) {
  std::string csv = "section,key,name,count,value,tickets,text\r\n";
  for (const auto& row : grade_rows(summary, Language::En)) {
    csv += "grade," + csv_field(row.key) + "," + csv_field(row.label) + "," +
           std::to_string(summary.answers) + "," + csv_field(row.raw, true) + ",,\r\n";
  }
  for (const auto& topic : summary.topics) {
    csv += "topic," + csv_field(topic.id) + "," + csv_field(topic.name) + "," +
           std::to_string(topic.answers) + ",,,\r\n";
  }
  for (const auto& topic : summary.topics) {
    for (const auto& comment : topic.comments) {
      csv += "comment," + csv_field(topic.id) + "," + csv_field(topic.name) + ",," +
             std::to_string(comment.grade) + "," + csv_field(ticket_ref(comment.ticket_id)) + "," +
             csv_field(comment.text) + "\r\n";
    }
  }
  for (const auto& row : summary.recurring) {
    csv += "recurring," + csv_field(row.signature) + "," + csv_field(row.example_subject) + "," +
           std::to_string(row.ticket_ids.size()) + "," + std::to_string(row.customer_count) + "," +
           csv_field(tickets_text(row.ticket_ids)) + "," + csv_field(seen_text(row)) + "\r\n";
  }
  return csv;
}

Document weekly_feedback_document(const WeeklyFeedback& summary, std::string_view title, Language language) {
  using Kind = Block::Kind;
  Document document;
  document.language = language;
  document.title = std::string(title);
  document.blocks.push_back(
      {Kind::Paragraph, range_text(summary.from, summary.to, summary.time_zone, language)});
  document.blocks.push_back({Kind::Paragraph, grade_line(summary, language)});
  if (summary.truncated) document.blocks.push_back({Kind::Note, s(kTruncated, language)});
  document.blocks.push_back({Kind::Heading, s(kGrades, language)});
  if (summary.answers == 0) document.blocks.push_back({Kind::Item, s(kNoAnswers, language)});
  if (summary.answers > 0) {
    for (const auto& row : grade_rows(summary, language)) {
      document.blocks.push_back({Kind::Item, row.label + ": " + row.value});
    }
  }
  document.blocks.push_back({Kind::Heading, s(kTopics, language)});
  std::int64_t most = 1;
  for (const auto& topic : summary.topics) most = std::max(most, topic.answers);
  for (const auto& topic : summary.topics) {
    document.blocks.push_back({Kind::Bar, topic.name,
                               static_cast<double>(topic.answers) / static_cast<double>(most),
                               std::to_string(topic.answers)});
  }
  for (const auto& topic : summary.topics) {
    document.blocks.push_back({Kind::Paragraph, topic.name + " (" + std::to_string(topic.answers) + ")"});
    for (const auto& comment : topic.comments) {
      document.blocks.push_back({Kind::Item, ticket_ref(comment.ticket_id) + " (" + s(kGrade, language) +
                                                 " " + std::to_string(comment.grade) + "): " + comment.text});
    }
  }
  document.blocks.push_back({Kind::Heading, s(kRecurring, language)});
  if (summary.recurring.empty()) {
    document.blocks.push_back({Kind::Item, s(kNoRecurring, language)});
  }
  for (const auto& row : summary.recurring) {
    document.blocks.push_back({Kind::Item, row.example_subject + " " + std::string(kDash) + " " +
                                               tickets_text(row.ticket_ids) + "; " +
                                               std::to_string(row.customer_count) + " " +
                                               s(kCustomers, language) + "; " + seen_text(row)});
  }
  return document;
}

}  // namespace sp::documents

#include "documents/feedback_report.hpp"

#include <gtest/gtest.h>

#include "documents/pdf.hpp"

namespace sp::documents {
namespace {

using namespace sp::charter;

using domain::Language;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

DailySelfCheck sample_check() {
  DailySelfCheck check;
  check.from = *parse_rfc3339("2026-11-22T00:00:00Z");
  check.to = *parse_rfc3339("2026-11-23T00:00:00Z");
  check.today_end = *parse_rfc3339("2026-11-24T00:00:00Z");
  check.as_of = *parse_rfc3339("2026-11-23T08:30:00Z");
  check.time_zone = "UTC";
  SelfCheckAgent alice;
  alice.agent = "Alice <script>";
  alice.team = "Eerste lijn";
  SelfCheckItem missed;
  missed.ticket_id = 12;
  missed.subject = "=SUM(A1) \"quoted\", <b>";
  missed.target = "first_response";
  missed.target_minutes = 60;
  missed.due_at = *parse_rfc3339("2026-11-22T11:00:00Z");
  missed.late_minutes = 90;
  alice.missed.push_back(missed);
  SelfCheckItem risk;
  risk.kind = SelfCheckItem::Kind::AtRisk;
  risk.ticket_id = 14;
  risk.subject = "Storing";
  risk.target = "resolution";
  risk.target_minutes = 480;
  risk.due_at = *parse_rfc3339("2026-11-23T16:00:00Z");
  alice.at_risk.push_back(risk);
  check.agents.push_back(alice);
  check.teams.push_back({"Eerste lijn", 1, 1});
  return check;
}

WeeklyFeedback sample_week() {
  WeeklyFeedback week;
  week.from = *parse_rfc3339("2026-11-16T00:00:00Z");
  week.to = *parse_rfc3339("2026-11-23T00:00:00Z");
  week.time_zone = "Asia/Shanghai";
  week.answers = 2;
  week.csat_mean = 7.5;
  week.not_helped_share = 0.5;
  week.nps = 0;
  week.effort_mean = 2;
  week.topics.push_back({"billing", "账单与费用", 2, {{3, 6, "发票<错了>"}}});
  week.recurring.push_back(
      {"subject:invoice wrong", "Invoice wrong", {3, 4, 5}, 2, week.from, week.from + std::chrono::hours(5)});
  return week;
}

TEST(SelfCheckRender, HtmlEscapesEverythingAndListsBothSections) {
  const auto html = self_check_html(sample_check(), "Daily <self-check>", Language::En);
  EXPECT_TRUE(contains(html, "<title>Daily &lt;self-check&gt;</title>"));
  EXPECT_TRUE(contains(html, "Alice &lt;script&gt; (Eerste lijn)"));
  EXPECT_FALSE(contains(html, "<script>"));
  EXPECT_FALSE(contains(html, "<b>"));
  EXPECT_TRUE(contains(html, "Promised and missed yesterday"));
  EXPECT_TRUE(contains(html, "Open items at risk today"));
  EXPECT_TRUE(contains(html, "first response: 1 business hour"));
  EXPECT_TRUE(contains(html, ">T-14<"));
  EXPECT_FALSE(contains(html, "style="));
}

TEST(SelfCheckRender, CsvIsOneRowPerItemWithFormulaGuard) {
  const auto csv = self_check_csv(sample_check());
  EXPECT_EQ(csv,
            "kind,agent,team,ticket,subject,target,target_minutes,due_at,late_minutes,still_open\r\n"
            "sla_breached,Alice <script>,Eerste lijn,T-12,\"'=SUM(A1) \"\"quoted\"\", <b>\","
            "first_response,60,2026-11-22T11:00:00Z,90,false\r\n"
            "at_risk,Alice <script>,Eerste lijn,T-14,Storing,resolution,480,2026-11-23T16:00:00Z,0,"
            "false\r\n");
}

TEST(SelfCheckRender, DutchAndChinesePdfs) {
  for (auto language : {Language::Nl, Language::Zh}) {
    auto pdf = render_pdf(self_check_document(sample_check(), "Zelfcontrole", language));
    ASSERT_TRUE(pdf.ok());
    EXPECT_EQ(std::string(pdf->begin(), pdf->begin() + 5), "%PDF-");
  }
}

TEST(WeeklyFeedbackRender, GradesTopicsAndRecurringInEveryFormat) {
  const auto html = weekly_feedback_html(sample_week(), "每周反馈汇总", Language::Zh);
  EXPECT_TRUE(contains(html, "<html lang=\"zh-CN\">"));
  EXPECT_TRUE(contains(html, "id=\"topic-billing\""));
  EXPECT_TRUE(contains(html, "发票&lt;错了&gt;"));
  EXPECT_TRUE(contains(html, "T-3 T-4 T-5"));
  EXPECT_TRUE(contains(html, "反复出现的问题"));
  const auto csv = weekly_feedback_csv(sample_week());
  EXPECT_TRUE(contains(csv, "grade,csat,customer satisfaction (grade),2,7.5,,\r\n")) << csv;
  EXPECT_TRUE(contains(csv, "topic,billing,账单与费用,2,,,\r\n"));
  EXPECT_TRUE(contains(csv, "comment,billing,账单与费用,,6,T-3,发票<错了>\r\n"));
  EXPECT_TRUE(contains(csv, "recurring,subject:invoice wrong,Invoice wrong,3,2,T-3 T-4 T-5,"));
  auto pdf = render_pdf(weekly_feedback_document(sample_week(), "每周反馈汇总", Language::Zh));
  ASSERT_TRUE(pdf.ok());
  EXPECT_EQ(std::string(pdf->begin(), pdf->begin() + 5), "%PDF-");
}

TEST(WeeklyFeedbackRender, EmptyWeekSaysSo) {
  WeeklyFeedback week;
  week.time_zone = "UTC";
  const auto html = weekly_feedback_html(week, "Week", Language::Nl);
  EXPECT_TRUE(contains(html, "Geen antwoorden in deze periode."));
  EXPECT_TRUE(contains(html, "Geen terugkerende problemen."));
}

}  // namespace
}  // namespace sp::documents

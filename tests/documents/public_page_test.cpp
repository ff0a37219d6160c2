#include "documents/public_page.hpp"

#include <gtest/gtest.h>

namespace sp::documents {
namespace {

using namespace sp::charter;

using domain::Channel;
using domain::Language;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

Evaluation month_evaluation() {
  KpiInput input;
  input.period_label = "2026-10";
  reporting::KpiFigures overall;
  overall.first_response_seconds.count = 3;
  overall.first_response_seconds.median = 40 * 60;
  overall.resolution_rate = 0.9;
  overall.csat_mean = 7.5;
  input.overall = overall;
  input.external["privacy_incidents"] = 0;
  return evaluate(example_charter(), input);
}

Evaluation quarter_evaluation() {
  KpiInput input;
  input.period_label = "2026-Q3";
  reporting::KpiFigures overall;
  overall.first_response_seconds.count = 3;
  overall.first_response_seconds.median = 70 * 60;
  overall.resolution_rate = 0.86;
  overall.csat_mean = 8.2;
  input.overall = overall;
  input.external["privacy_incidents"] = 1;
  return evaluate(example_charter(), input);
}

const std::vector<ImprovementAction> kActions = {
    {"Jullie telefoonwachttijd is te lang <echt>", "Extra bezetting op maandagochtend", "2026-10-12"},
};

TEST(PublicPage, ShowsEveryPromiseWithBothPeriodsInEachLanguage) {
  const auto month = month_evaluation();
  const auto quarter = quarter_evaluation();
  for (const auto language : {Language::Nl, Language::En, Language::Zh}) {
    auto html = render_public_page(example_charter(), month, quarter, kActions, language,
                                   "/public/acme/letter?lang=en&x=1");
    ASSERT_TRUE(html.ok()) << html.error().message;
    EXPECT_TRUE(contains(*html, "<link rel=\"stylesheet\" href=\"/public/charter.css\">"));
    EXPECT_TRUE(contains(*html, summary_text(month, language)));
    EXPECT_TRUE(contains(*html, summary_text(quarter, language)));
    EXPECT_TRUE(contains(*html, "<svg class=\"chart\""));
    EXPECT_TRUE(contains(*html, "Extra bezetting op maandagochtend"));
    EXPECT_TRUE(contains(*html, "&lt;echt&gt;"));
    EXPECT_TRUE(contains(*html, "href=\"/public/acme/letter?lang=en&amp;x=1\""));
    // The Content-Security-Policy forbids scripts and inline styles.
    EXPECT_FALSE(contains(*html, "<script"));
    EXPECT_FALSE(contains(*html, "style="));
    EXPECT_FALSE(contains(*html, "<style"));
    EXPECT_FALSE(contains(*html, "{{"));
  }
  const auto en = *render_public_page(example_charter(), month, quarter, kActions, Language::En);
  EXPECT_TRUE(contains(en, "resolution rate: at least 85%"));
  EXPECT_TRUE(contains(en, "<td class=\"kept\">90% <span class=\"outcome\">kept</span></td>"));
  EXPECT_TRUE(contains(en, "<td class=\"missed\">7.5 <span class=\"outcome\">missed</span></td>"));
  EXPECT_TRUE(contains(en, "e-mail: first response within 8 business hours"));
  EXPECT_FALSE(contains(en, "letter-link"));
}

TEST(PublicPage, EmptyActionsSayNothingWasPublished) {
  auto html =
      render_public_page(example_charter(), month_evaluation(), quarter_evaluation(), {}, Language::Zh);
  ASSERT_TRUE(html.ok());
  EXPECT_TRUE(contains(*html, "暂无已发布的改进措施"));
  EXPECT_TRUE(contains(*html, "<html lang=\"zh-CN\">"));
}

TEST(PublicPage, PublishesLastMonthsPhoneFiguresOnlyWhenCallsWereOffered) {
  reporting::CallCounts counts{3, 0, 1};
  reporting::WaitHistogram waits;
  for (int wait : {12, 30, 216}) waits.add(wait);
  const auto calls = reporting::call_figures(counts, waits, 30);
  const auto month = month_evaluation();
  const auto quarter = quarter_evaluation();
  const auto nl = *render_public_page(example_charter(), month, quarter, kActions, Language::Nl, {}, &calls);
  EXPECT_TRUE(contains(nl, "<h2>Telefonisch bereikbaar vorige maand</h2>"));
  EXPECT_TRUE(contains(nl, "<li>gemiddelde wachttijd aan de telefoon: 1,4 minuten</li>"));  // 86 s
  EXPECT_TRUE(contains(nl, "<li>binnen 30 seconden opgenomen: 50%</li>"));
  EXPECT_TRUE(contains(nl, "<li>aandeel opgehangen oproepen in de wachtrij: 25%</li>"));
  const auto zh = *render_public_page(example_charter(), month, quarter, kActions, Language::Zh, {}, &calls);
  EXPECT_TRUE(contains(zh, "30秒内接听率"));
  const auto summary = public_summary_json(example_charter(), month, quarter, kActions, &calls);
  EXPECT_EQ(summary["phone_last_month"]["offered"], 4);
  EXPECT_EQ(summary["phone_last_month"]["service_level"], 0.5);

  const reporting::CallFigures none;
  const auto quiet =
      *render_public_page(example_charter(), month, quarter, kActions, Language::Nl, {}, &none);
  EXPECT_FALSE(contains(quiet, "class=\"phone\""));
  EXPECT_TRUE(public_summary_json(example_charter(), month, quarter, kActions)["phone_last_month"].is_null());
}

TEST(PublicPage, CssHasTheClassesThePagesUse) {
  const std::string css(charter_css());
  for (const char* selector :
       {".bar.kept", ".bar.missed", ".target", "footer.signature", "td.kept", "footer.report"}) {
    EXPECT_TRUE(contains(css, selector)) << selector;
  }
}

TEST(PublicPage, BadgeCountsMeasuredPromises) {
  const auto month = month_evaluation();
  const std::string badge = charter_badge_svg(month, BadgePeriod::LastMonth, Language::En);
  EXPECT_TRUE(contains(badge, "promises kept"));
  EXPECT_TRUE(contains(
      badge, std::to_string(month.kept) + "/" + std::to_string(month.measured()) + " \xC2\xB7 last month"));
  EXPECT_TRUE(contains(badge, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  const std::string zh = charter_badge_svg(Evaluation{}, BadgePeriod::LastQuarter, Language::Zh);
  EXPECT_TRUE(contains(zh, "承诺兑现"));
  EXPECT_TRUE(contains(zh, "上季度"));
}

TEST(PublicPage, SummaryJsonCarriesBothPeriods) {
  const auto month = month_evaluation();
  const auto json = public_summary_json(example_charter(), month, quarter_evaluation(), kActions);
  EXPECT_EQ(json["periods"]["last_month"]["label"], "2026-10");
  EXPECT_EQ(json["periods"]["last_quarter"]["label"], "2026-Q3");
  EXPECT_EQ(json["periods"]["last_month"]["kept"], month.kept);
  EXPECT_EQ(json["periods"]["last_month"]["items"].size(), month.items.size());
  EXPECT_EQ(json["periods"]["last_month"]["items"][0]["measured"], nullptr);  // no email data
  EXPECT_EQ(json["organisation"]["zh"], "示例客户服务有限公司");
  EXPECT_EQ(json["you_said_we_did"][0]["done_on"], "2026-10-12");
  EXPECT_EQ(json["periods"]["last_month"]["summary"]["en"], summary_text(month, Language::En));
}

}  // namespace
}  // namespace sp::documents

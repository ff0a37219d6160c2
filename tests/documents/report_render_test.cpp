#include "documents/report_render.hpp"

#include <gtest/gtest.h>

#include "documents/pdf.hpp"

namespace sp::documents {
namespace {

using namespace sp::charter;

using domain::Language;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

reporting::KpiReport sample_report() {
  reporting::KpiReport report;
  report.dimension = reporting::Dimension::Channel;
  report.period = reporting::Period::Month;
  report.from = from_unix_seconds(1'790'812'800);  // 2026-10-01T00:00:00Z
  report.to = from_unix_seconds(1'793'491'200);    // 2026-11-01T00:00:00Z
  report.time_zone = "Europe/Amsterdam";
  report.excluded_spam = 3;
  reporting::KpiGroup email;
  email.key = "email";
  email.period = {report.from, report.to, "2026-10"};
  email.figures.contacts_received = 120;
  email.figures.contacts_handled = 110;
  email.figures.first_response_seconds = {110, 1800.0, 1500.0, 7200.0};
  email.figures.resolution_rate = 0.875;
  email.figures.nps = -12.5;
  reporting::KpiGroup phone = email;
  phone.key = "=cmd|' /C calc'!A0, \"phone\"";  // hostile key: formula and quotes
  phone.figures.contacts_received = 40;
  phone.figures.first_response_seconds = {};
  report.groups = {email, phone};
  return report;
}

TEST(ReportRender, CsvQuotesPerRfc4180AndNeutralisesFormulas) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(csv_field("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(csv_field("-12.5", true), "-12.5");
}

TEST(ReportRender, CsvHasOneRowPerGroupWithEmptyCellsForAbsentValues) {
  const std::string csv = report_csv(sample_report(), {.byte_order_mark = true});
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  const auto header_end = csv.find("\r\n");
  const std::string header = csv.substr(3, header_end - 3);
  EXPECT_EQ(header.substr(0, 22), "key,period,start,end,c");
  EXPECT_TRUE(contains(header, "first_response_time.median"));
  EXPECT_TRUE(contains(header, "sla.first_response.compliance"));
  EXPECT_TRUE(contains(csv, "\r\nemail,2026-10,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,120,110,"));
  EXPECT_TRUE(contains(csv, "\"'=cmd|' /C calc'!A0, \"\"phone\"\"\""));
  EXPECT_TRUE(contains(csv, ",-12.5"));
  // Three lines (header + 2 groups), each with the same number of columns.
  std::size_t lines = 0;
  for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) {
    ++lines;
  }
  EXPECT_EQ(lines, 3u);
  EXPECT_EQ(report_csv(reporting::KpiReport{}).find("\r\n") + 2,
            report_csv(reporting::KpiReport{}).size());  // header only
}

TEST(ReportRender, HtmlHasChartsTheFiguresAndEveryDefinition) {
  const std::string html = report_html(sample_report(), "Maandrapport <oktober>", Language::Nl);
  EXPECT_TRUE(contains(html, "<title>Maandrapport &lt;oktober&gt;</title>"));
  EXPECT_TRUE(contains(html, "<svg class=\"chart\""));
  EXPECT_TRUE(contains(html, "87,5%"));
  EXPECT_TRUE(contains(html, "25 minuten"));
  EXPECT_FALSE(contains(html, "style="));
  EXPECT_FALSE(contains(html, "<script"));
  EXPECT_FALSE(contains(html, "=cmd|' /C"));  // the hostile key is escaped
  for (const auto& definition : reporting::kpi_definitions()) {
    EXPECT_TRUE(contains(html, "<dt>" + std::string(definition.name) + "</dt>"));
  }
}

TEST(ReportRender, PdfRendersInEnglishAndChinese) {
  for (const auto language : {Language::En, Language::Zh}) {
    auto pdf =
        report_pdf(sample_report(), language == Language::Zh ? "月度报告" : "Monthly report", language);
    ASSERT_TRUE(pdf.ok()) << pdf.error().message;
    EXPECT_EQ(std::string(pdf->begin(), pdf->begin() + 5), "%PDF-");
  }
}

}  // namespace
}  // namespace sp::documents

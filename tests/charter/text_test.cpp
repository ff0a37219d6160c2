#include "charter/text.hpp"

#include <gtest/gtest.h>

namespace sp::charter {
namespace {

using domain::Language;

TEST(Text, HtmlEscapeEscapesMarkupBracesAndBadUtf8) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(html_escape("{{x}}"), "&#123;&#123;x&#125;&#125;");
  EXPECT_EQ(html_escape("承诺"), "承诺");
  EXPECT_EQ(html_escape(std::string("a\xff"
                                    "b")),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(Text, FillTemplateReplacesEveryPlaceholderOnce) {
  auto text = fill_template("{{a}} en {{b.c}} en {{a}}", {{"a", "{{b.c}}"}, {"b.c", "2"}});
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "{{b.c}} en 2 en {{b.c}}");  // values are not re-scanned
}

TEST(Text, FillTemplateNamesTheMissingOrEmptyPlaceholder) {
  auto missing = fill_template("x {{court}} y", {{"body", "z"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "court");
  auto empty = fill_template("{{court}}", {{"court", ""}});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "court");
  auto unclosed = fill_template("{{court", {});
  ASSERT_FALSE(unclosed.ok());
  EXPECT_EQ(unclosed.error().field, "template");
}

TEST(Text, NumbersAndDurationsFollowTheLanguage) {
  EXPECT_EQ(format_number(8.5, Language::Nl), "8,5");
  EXPECT_EQ(format_number(8.5, Language::En), "8.5");
  EXPECT_EQ(format_number(85.0, Language::En), "85");
  EXPECT_EQ(format_minutes(30, Language::En), "30 minutes");
  EXPECT_EQ(format_minutes(480, Language::En, true), "8 business hours");
  EXPECT_EQ(format_minutes(480, Language::Nl, true), "8 werkuren");
  EXPECT_EQ(format_minutes(4320, Language::Nl), "3 dagen");
  EXPECT_EQ(format_minutes(30, Language::Zh), "30分钟");
  EXPECT_EQ(format_value(85, Unit::Percent, Language::Zh), "85%");
  EXPECT_EQ(format_value(0.9, Unit::Fraction, Language::En), "90%");
  EXPECT_EQ(kpi_label("first_response_time.median", Language::En), "first response time (median)");
  EXPECT_EQ(kpi_label("resolution_rate", Language::Zh), "客户问题解决率");
}

TEST(Text, PhoneFiguresHaveLabelsInEveryLanguage) {
  EXPECT_EQ(kpi_label("service_level.20", Language::Nl), "binnen 20 seconden opgenomen");
  EXPECT_EQ(kpi_label("service_level.20", Language::En), "answered within 20 seconds");
  EXPECT_EQ(kpi_label("service_level.20", Language::Zh), "20秒内接听率");
  EXPECT_EQ(kpi_label("call_wait_time.p90", Language::En), "phone waiting time (90th percentile)");
  for (const char* key :
       {"average_speed_of_answer", "service_level", "abandonment_rate", "call_wait_time.mean"}) {
    for (const auto language : {Language::Nl, Language::En, Language::Zh}) {
      EXPECT_NE(kpi_label(key, language), key) << key;
    }
  }
}

}  // namespace
}  // namespace sp::charter

#include "documents/letter.hpp"

#include <gtest/gtest.h>

namespace sp::documents {
namespace {

using namespace sp::charter;

using domain::Language;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Letter, EveryLanguageRendersWithNoPlaceholderLeftAndTheConfiguredValues) {
  Charter charter = example_charter();
  charter.major_complaint_response_minutes = 45;
  for (const auto language : {Language::Nl, Language::En, Language::Zh}) {
    auto html = render_letter_html(charter, language);
    ASSERT_TRUE(html.ok()) << html.error().message;
    EXPECT_FALSE(contains(*html, "{{")) << domain::to_string(language);
    EXPECT_FALSE(contains(*html, "}}")) << domain::to_string(language);
    EXPECT_FALSE(contains(*html, "style=")) << "CSP forbids inline styles";
    EXPECT_TRUE(contains(*html, "SP-2026-001"));
    EXPECT_TRUE(contains(*html, charter.organisation.in(language)));
    EXPECT_TRUE(contains(*html, charter.signatory.name.in(language)));
    EXPECT_TRUE(contains(*html, charter.signing_place.in(language)));
    EXPECT_TRUE(contains(*html, charter.complaint_route.arbitration_body.in(language)));
    EXPECT_TRUE(contains(*html, charter.complaint_route.court.in(language)));
    EXPECT_TRUE(contains(*html, "service@voorbeeld.nl"));
    EXPECT_TRUE(contains(*html, "08:30"));
  }
  const auto zh = *render_letter_html(charter, Language::Zh);
  EXPECT_TRUE(contains(zh, "<html lang=\"zh-CN\">"));
  EXPECT_TRUE(contains(zh, "服务承诺书"));
  EXPECT_TRUE(contains(zh, "遇重大客户投诉时,45分钟内响应"));
  EXPECT_TRUE(contains(zh, "客户问题解决率不低于85%"));
  EXPECT_TRUE(contains(zh, "提交至荷兰争议委员会进行仲裁"));
  EXPECT_TRUE(contains(zh, "2026年11月23日"));
  const auto en = *render_letter_html(charter, Language::En);
  EXPECT_TRUE(contains(en, "We respond to a major complaint within 45 minutes"));
  EXPECT_TRUE(contains(en,
                       "e-mail: a first response within 8 business hours and a resolution "
                       "within 3 days."));
  EXPECT_TRUE(contains(en, "23 November 2026"));
  const auto nl = *render_letter_html(charter, Language::Nl);
  EXPECT_TRUE(contains(nl, "Servicebelofte"));
  EXPECT_TRUE(contains(nl, "oplospercentage: minimaal 85%"));
}

TEST(Letter, ValuesAreEscaped) {
  Charter charter = example_charter();
  charter.organisation = "<script>alert('x')</script> & {{co}}";
  auto html = render_letter_html(charter, Language::En);
  ASSERT_TRUE(html.ok());
  EXPECT_FALSE(contains(*html, "<script>"));
  EXPECT_TRUE(contains(*html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "));
  EXPECT_FALSE(contains(*html, "{{"));
}

TEST(Letter, MissingValueFailsNamingTheField) {
  Charter charter = example_charter();
  charter.complaint_route.court = LocalText();
  auto html = render_letter_html(charter, Language::Zh);
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().field, "complaint_route.court");
}

TEST(Letter, ZeroCountsLeaveTheirSentenceOut) {
  Charter charter = example_charter();
  charter.rhythm.monthly_mystery_shops = 0;
  auto html = render_letter_html(charter, Language::En);
  ASSERT_TRUE(html.ok());
  EXPECT_FALSE(contains(*html, "mystery"));
  EXPECT_TRUE(contains(*html, "Every day we review 5 service records"));
}

}  // namespace
}  // namespace sp::documents

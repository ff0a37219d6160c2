// Unit tests of the conduct check (issue 18): per language and kind, with the false-positive
// traps next to the cases that must fire.
#include "conduct/conduct_check.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "conduct/text_scan.hpp"

namespace sp::conduct {
namespace {

using domain::Language;

// Monday to Friday 09:00-17:00 in Amsterdam, closed at weekends.
sla::BusinessCalendar office_hours() {
  sla::CalendarDefinition definition;
  definition.time_zone = "Europe/Amsterdam";
  for (int day = 0; day < 5; ++day) definition.weekly[static_cast<std::size_t>(day)] = {{9 * 60, 17 * 60}};
  return *sla::BusinessCalendar::create(definition);
}

// Friday 2026-12-04 at the given local (UTC+1) hour and minute.
CheckContext friday_at(int hour, int minute = 0) {
  CheckContext context;
  context.now =
      *parse_rfc3339("2026-12-04T00:00:00+01:00") + std::chrono::hours(hour) + std::chrono::minutes(minute);
  context.calendar = office_hours();
  context.customer_zone = "Europe/Amsterdam";
  context.expect_greeting_and_closing = false;
  return context;
}

std::vector<Finding> of_kind(const std::vector<Finding>& findings, Kind kind) {
  std::vector<Finding> out;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
               [kind](const Finding& finding) { return finding.kind == kind; });
  return out;
}

std::vector<Finding> run(std::string_view text, Language language,
                         const CheckContext& context = friday_at(10)) {
  return check(text, language, context);
}

bool has_kind(std::string_view text, Language language, Kind kind,
              const CheckContext& context = friday_at(10)) {
  return !of_kind(run(text, language, context), kind).empty();
}

// ---------------------------------------------------------------------------------------
// offensive, slang, humour

TEST(ConductOffensive, EnglishInsultIsFoundWithItsInflectionAndSpan) {
  auto findings = of_kind(run("Only idiots would do that.", Language::En), Kind::Offensive);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].start, 5u);
  EXPECT_EQ(findings[0].end, 11u);
  EXPECT_EQ(findings[0].matched, "idiots");
  EXPECT_EQ(findings[0].severity, Severity::High);
}

TEST(ConductOffensive, ScunthorpeAndAssessDoNotTripTheEnglishList) {
  EXPECT_FALSE(has_kind("Your parcel left our depot in Scunthorpe; we will assess the class of damage.",
                        Language::En, Kind::Offensive));
}

TEST(ConductOffensive, DutchInsultInPluralIsFound) {
  EXPECT_TRUE(
      has_kind("Die klootzakken van de bezorging hebben het verpest.", Language::Nl, Kind::Offensive));
}

TEST(ConductOffensive, DutchWordsThatContainAnInsultDoNotTrip) {
  // "dom" inside "domein" and "domicilie"; "stomen" (to steam) stems to "stom" but the list
  // entry "=stom" matches the word itself only.
  EXPECT_FALSE(has_kind("Uw domein is verhuisd; wij stomen de kleding en het domicilie blijft gelijk.",
                        Language::Nl, Kind::Offensive));
}

TEST(ConductOffensive, ChineseInsultIsFoundOnAWordBoundary) {
  auto findings = of_kind(run("你这个白痴，自己看说明书。", Language::Zh), Kind::Offensive);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].matched, "白痴");
  EXPECT_EQ(findings[0].start, 3u);
}

TEST(ConductOffensive, ChineseWordsContainingAListedCharacterDoNotTrip) {
  // 滚 (get lost) inside 滚动 (scroll), 打击 in 打击犯罪 (fight crime).
  EXPECT_FALSE(has_kind("请向下滚动页面。我们坚决支持打击犯罪。", Language::Zh, Kind::Offensive));
  EXPECT_TRUE(has_kind("滚！", Language::Zh, Kind::Offensive));
}

TEST(ConductOffensive, TenantAdditionsAndExceptionsApply) {
  TenantRules rules;
  rules.additions.push_back({Language::En, Kind::Offensive, "muppet"});
  rules.additions.push_back({Language::Zh, Kind::Offensive, "击犯"});  // straddles 打击|犯罪
  rules.exceptions.push_back({Language::En, "damn fine coffee"});
  auto checker = Checker::create(rules);
  ASSERT_TRUE(checker.ok());
  auto context = friday_at(10);
  auto muppets = of_kind(checker->check("What muppets.", Language::En, context), Kind::Offensive);
  ASSERT_EQ(muppets.size(), 1u);
  EXPECT_EQ(muppets[0].rule, "tenant-word-list");
  EXPECT_TRUE(
      of_kind(checker->check("Enjoy a damn fine coffee on us.", Language::En, context), Kind::Offensive)
          .empty());
  EXPECT_FALSE(
      of_kind(checker->check("That is damn annoying.", Language::En, context), Kind::Offensive).empty());
  EXPECT_TRUE(of_kind(checker->check("打击犯罪。", Language::Zh, context), Kind::Offensive).empty());
}

TEST(ConductOffensive, AdditionWithAnotherKindIsRejected) {
  TenantRules rules;
  rules.additions.push_back({Language::En, Kind::Jargon, "muppet"});
  auto checker = Checker::create(rules);
  ASSERT_FALSE(checker.ok());
  EXPECT_EQ(checker.error().field, "additions[0].kind");
}

TEST(ConductSlang, SlangInEachLanguageIsFound) {
  EXPECT_TRUE(has_kind("We're gonna fix it.", Language::En, Kind::Slang));
  EXPECT_TRUE(has_kind("Ik kijk er effe naar.", Language::Nl, Kind::Slang));
  EXPECT_TRUE(has_kind("亲，已经给您搞定了。", Language::Zh, Kind::Slang));
}

TEST(ConductSlang, ChineseGreetingWithTheSameCharacterIsNotSlang) {
  // 亲 (Taobao "dear") is slang; 亲爱的 is a proper greeting and 亲自 means "in person".
  EXPECT_FALSE(has_kind("亲爱的王女士：我会亲自处理。", Language::Zh, Kind::Slang));
}

TEST(ConductSlang, HumourIsReportedAsOffensive) {
  auto findings = of_kind(run("Your invoice is wrong, haha.", Language::En), Kind::Offensive);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].explanation.find("humour"), std::string::npos);
}

// ---------------------------------------------------------------------------------------
// jargon

Checker with_glossary() {
  TenantRules rules;
  rules.glossary = {"VDSL", "DNS", "port forwarding", "光猫"};
  return *Checker::create(rules);
}

TEST(ConductJargon, UnexplainedTermIsReportedOnce) {
  auto findings = of_kind(
      with_glossary().check("Check the VDSL light. The VDSL sync is low.", Language::En, friday_at(10)),
      Kind::Jargon);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].matched, "VDSL");
}

TEST(ConductJargon, TermInsideAHyphenatedDutchCompoundIsFound) {
  auto findings = of_kind(
      with_glossary().check("Herstart het VDSL-modem en probeer het opnieuw.", Language::Nl, friday_at(10)),
      Kind::Jargon);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].matched, "VDSL");
  EXPECT_EQ(findings[0].start, 13u);
  EXPECT_EQ(findings[0].end, 17u);
}

TEST(ConductJargon, TermExplainedByParenthesisOrMarkerPasses) {
  auto checker = with_glossary();
  auto context = friday_at(10);
  EXPECT_TRUE(
      of_kind(checker.check("The VDSL (your internet line) is fine.", Language::En, context), Kind::Jargon)
          .empty());
  EXPECT_TRUE(
      of_kind(checker.check("Set up port forwarding, that is letting one device be reached from outside.",
                            Language::En, context),
              Kind::Jargon)
          .empty());
  EXPECT_TRUE(of_kind(checker.check("De DNS, dat wil zeggen het adresboek van internet, werkt weer.",
                                    Language::Nl, context),
                      Kind::Jargon)
                  .empty());
  EXPECT_TRUE(
      of_kind(checker.check("请重启光猫，也就是宽带的调制解调器。", Language::Zh, context), Kind::Jargon)
          .empty());
  EXPECT_FALSE(of_kind(checker.check("请重启光猫。", Language::Zh, context), Kind::Jargon).empty());
}

TEST(ConductJargon, ArticleExplainsOnlyAfterAComma) {
  auto checker = with_glossary();
  auto context = friday_at(10);
  EXPECT_TRUE(
      of_kind(checker.check("Your VDSL, a line over the old phone cable, is fine.", Language::En, context),
              Kind::Jargon)
          .empty());
  EXPECT_FALSE(
      of_kind(checker.check("Your VDSL a lot better now.", Language::En, context), Kind::Jargon).empty());
}

// ---------------------------------------------------------------------------------------
// promises

TEST(ConductPromise, TomorrowOnAFridayFallsOnAClosedSaturday) {
  auto findings = run("We will call you back tomorrow.", Language::En);
  auto promises = of_kind(findings, Kind::Promise);
  ASSERT_EQ(promises.size(), 1u);
  ASSERT_TRUE(promises[0].due_at);
  EXPECT_EQ(format_rfc3339(*promises[0].due_at), "2026-12-05T23:00:00Z");  // end of Saturday
  auto unkeepable = of_kind(findings, Kind::UnkeepablePromise);
  ASSERT_EQ(unkeepable.size(), 1u);
  EXPECT_EQ(unkeepable[0].rule, "closed-day");
  EXPECT_EQ(unkeepable[0].matched, "tomorrow");
}

TEST(ConductPromise, TomorrowOnAThursdayCanBeKept) {
  auto context = friday_at(10);
  context.now -= std::chrono::hours(24);
  auto findings = run("We call you back tomorrow.", Language::En, context);
  EXPECT_EQ(of_kind(findings, Kind::Promise).size(), 1u);
  EXPECT_TRUE(of_kind(findings, Kind::UnkeepablePromise).empty());
}

TEST(ConductPromise, WithinTwoHoursJustBeforeClosingIsUnkeepable) {
  auto late = run("Wij bellen u binnen 2 uur terug.", Language::Nl, friday_at(16, 30));
  ASSERT_EQ(of_kind(late, Kind::UnkeepablePromise).size(), 1u);
  EXPECT_EQ(of_kind(late, Kind::UnkeepablePromise)[0].rule, "outside-opening-hours");
  auto morning = run("Wij bellen u binnen 2 uur terug.", Language::Nl, friday_at(10));
  EXPECT_TRUE(of_kind(morning, Kind::UnkeepablePromise).empty());
  ASSERT_EQ(of_kind(morning, Kind::Promise).size(), 1u);
  EXPECT_EQ(format_rfc3339(*of_kind(morning, Kind::Promise)[0].due_at), "2026-12-04T11:00:00Z");
}

TEST(ConductPromise, BeforeFridayResolvesToTheStartOfNextFriday) {
  auto promises = of_kind(run("U ontvangt de nieuwe modem vóór vrijdag.", Language::Nl), Kind::Promise);
  ASSERT_EQ(promises.size(), 1u);
  EXPECT_EQ(format_rfc3339(*promises[0].due_at), "2026-12-10T23:00:00Z");
}

TEST(ConductPromise, WithinThreeBusinessDaysSkipsTheWeekend) {
  auto promises =
      of_kind(run("We will send the refund within 3 business days.", Language::En), Kind::Promise);
  ASSERT_EQ(promises.size(), 1u);
  // Friday + Mon, Tue, Wed: due at the end of Wednesday 2026-12-09.
  EXPECT_EQ(format_rfc3339(*promises[0].due_at), "2026-12-09T23:00:00Z");
}

TEST(ConductPromise, ChineseTomorrowAndNextMonday) {
  auto tomorrow = run("我们明天给您回电。", Language::Zh);
  EXPECT_EQ(of_kind(tomorrow, Kind::Promise).size(), 1u);
  EXPECT_EQ(of_kind(tomorrow, Kind::UnkeepablePromise).size(), 1u);
  auto monday = of_kind(run("我们会在下周一前联系您。", Language::Zh), Kind::Promise);
  ASSERT_EQ(monday.size(), 1u);
  EXPECT_EQ(format_rfc3339(*monday[0].due_at), "2026-12-06T23:00:00Z");  // start of Monday 7 Dec
  auto hours =
      of_kind(run("我们将在两个小时内答复您。", Language::Zh, friday_at(16, 45)), Kind::UnkeepablePromise);
  EXPECT_EQ(hours.size(), 1u);
}

TEST(ConductPromise, ChineseDescriptiveClausesAfterOurStaffPromiseNothing) {
  // "我们技术人员" is the subject of a description; "会" and "更换" belong to later clauses.
  EXPECT_FALSE(
      has_kind("由于调制解调器与我们技术人员安装的线路不一致，所以信号就会中断，办法是更换调制解调器。",
               Language::Zh, Kind::Promise));
  auto sent = of_kind(run("我今天会把更正后的发票发给您。", Language::Zh), Kind::Promise);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].due_at);
}

TEST(ConductPromise, PromiseWithoutADateHasNoDueAndAHigherSeverity) {
  for (auto [text, language] : {std::pair<std::string_view, Language>{"We'll get back to you.", Language::En},
                                {"We komen erop terug.", Language::Nl},
                                {"我们会尽快联系您。", Language::Zh}}) {
    auto promises = of_kind(run(text, language), Kind::Promise);
    ASSERT_EQ(promises.size(), 1u) << text;
    EXPECT_FALSE(promises[0].due_at) << text;
    EXPECT_EQ(promises[0].severity, Severity::Medium) << text;
    EXPECT_EQ(promises[0].rule, "open-promise");
  }
}

TEST(ConductPromise, DatesWithoutACommitmentAreNoPromise) {
  EXPECT_FALSE(has_kind("Our office is closed tomorrow.", Language::En, Kind::Promise));
  EXPECT_FALSE(has_kind("If you call us tomorrow, ask for Anna.", Language::En, Kind::Promise));
  EXPECT_FALSE(has_kind("Shall we call you tomorrow?", Language::En, Kind::Promise));
  EXPECT_FALSE(has_kind("We called you yesterday.", Language::En, Kind::Promise));
  EXPECT_FALSE(has_kind("Wij hebben u gisteren gebeld.", Language::Nl, Kind::Promise));
  EXPECT_FALSE(has_kind("Zoals ik al zei, bel ons gerust.", Language::Nl, Kind::Promise));
  EXPECT_FALSE(has_kind("明天是节假日，如有问题可以随时联系我们。", Language::Zh, Kind::Promise));
  EXPECT_FALSE(has_kind("我们已经为您处理了退款。", Language::Zh, Kind::Promise));
}

// ---------------------------------------------------------------------------------------
// personal data

TEST(ConductPersonalData, SomeoneElsesAddressIsFoundButTheCustomersIsNot) {
  auto context = friday_at(10);
  context.customer_emails = {"anna@example.nl"};
  context.customer_phones = {"+31612345678"};
  auto findings =
      of_kind(run("We mailed anna@example.nl and bob@example.com and called 06-12345678 and 06 2876 5432.",
                  Language::En, context),
              Kind::OthersPersonalData);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "email");
  EXPECT_EQ(findings[0].matched, "bob@example.com");
  EXPECT_EQ(findings[1].rule, "phone");
  EXPECT_EQ(findings[1].matched, "06 2876 5432");
}

TEST(ConductPersonalData, IbanBsnAndResidentIdAreFoundAndOrderNumbersAreNot) {
  auto findings = of_kind(
      run("IBAN NL91 ABNA 0417 1643 00, BSN 111222333, 身份证 11010519491231002X, order 123456789012.",
          Language::En),
      Kind::OthersPersonalData);
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].rule, "iban");
  EXPECT_EQ(findings[1].rule, "bsn");
  EXPECT_EQ(findings[2].rule, "cn_resident_id");
}

TEST(ConductPersonalData, ChineseNumberBetweenIdeographsIsFound) {
  auto context = friday_at(10);
  context.customer_phones = {"13812345678"};
  auto findings =
      of_kind(run("您邻居的电话是13987654321。您的电话13812345678已登记。", Language::Zh, context),
              Kind::OthersPersonalData);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].matched, "13987654321");
}

TEST(ConductPersonalData, OwnContactsOfTheOrganisationPass) {
  TenantRules rules;
  rules.own_contacts = {"@acme.nl", "020-1234567", "NL91ABNA0417164300"};
  auto checker = *Checker::create(rules);
  auto findings = checker.check("Mail support@acme.nl, call 020 123 4567 or pay to NL91ABNA0417164300.",
                                Language::En, friday_at(10));
  EXPECT_TRUE(of_kind(findings, Kind::OthersPersonalData).empty());
}

// ---------------------------------------------------------------------------------------
// clarity

TEST(ConductClarity, LongEnglishSentenceIsReportedWithItsWordCount) {
  std::string sentence = "We";
  for (int word = 0; word < 40; ++word) sentence += " really";
  sentence += " care.";
  auto findings = of_kind(run(sentence, Language::En), Kind::Clarity);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "long-sentence");
  EXPECT_NE(findings[0].explanation.find("42"), std::string::npos);
}

TEST(ConductClarity, LongChineseSentenceCountsCharacters) {
  std::string sentence;
  for (int part = 0; part < 15; ++part) sentence += "我们非常重视";
  sentence += "。";
  EXPECT_TRUE(has_kind(sentence, Language::Zh, Kind::Clarity));
  EXPECT_FALSE(has_kind("我们非常重视您的反馈。", Language::Zh, Kind::Clarity));
}

TEST(ConductClarity, MissingGreetingAndClosingPerLanguage) {
  auto context = friday_at(10);
  context.expect_greeting_and_closing = true;
  EXPECT_TRUE(
      of_kind(run("Dear Ms Smith,\n\nYour order has shipped.\n\nKind regards,\nAnna", Language::En, context),
              Kind::Clarity)
          .empty());
  EXPECT_TRUE(of_kind(run("Beste meneer Jansen,\n\nUw pakket is onderweg.\n\nMet vriendelijke groet,\nEva",
                          Language::Nl, context),
                      Kind::Clarity)
                  .empty());
  EXPECT_TRUE(of_kind(run("王先生，您好！\n\n您的包裹已发出。\n\n祝您生活愉快！", Language::Zh, context),
                      Kind::Clarity)
                  .empty());
  auto bare = of_kind(run("Your order has shipped.", Language::En, context), Kind::Clarity);
  ASSERT_EQ(bare.size(), 2u);
  EXPECT_EQ(bare[0].rule, "missing-greeting");
  EXPECT_EQ(bare[1].rule, "missing-closing");
}

TEST(ConductExplanation, ExplanationsFollowTheAgentsLanguage) {
  auto context = friday_at(10);
  context.agent_language = Language::Nl;
  auto nl = of_kind(run("Only idiots.", Language::En, context), Kind::Offensive);
  ASSERT_EQ(nl.size(), 1u);
  EXPECT_NE(nl[0].explanation.find("kwetsend"), std::string::npos);
  context.agent_language = Language::Zh;
  auto zh = of_kind(run("Only idiots.", Language::En, context), Kind::Offensive);
  EXPECT_NE(zh[0].explanation.find("冒犯"), std::string::npos);
}

TEST(ConductSpans, OffsetsAreCodePointsNotBytes) {
  auto findings = of_kind(run("Café één: idioot!", Language::Nl), Kind::Offensive);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].start, 10u);
  EXPECT_EQ(findings[0].end, 16u);
}

}  // namespace
}  // namespace sp::conduct

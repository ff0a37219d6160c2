// Throughput of the conduct check (issue 18 aims at >= 5,000 replies per second for 1 KB
// replies on one core). Each reply is a realistic letter of about 1 KB (greeting, a few
// paragraphs mixing clean sentences, a promise, slang, a glossary term, someone else's address,
// closing), checked with the built-in lists, and again with a large tenant rule set (1,000
// glossary terms, 2,000 word-list additions) to show the check does not grow with it.
#include <benchmark/benchmark.h>

#include <string>

#include "conduct/conduct_check.hpp"

namespace {

using sp::conduct::CheckContext;
using sp::conduct::Checker;
using sp::conduct::TenantRules;
using sp::domain::Language;

sp::sla::BusinessCalendar office_hours() {
  sp::sla::CalendarDefinition definition;
  definition.time_zone = "Europe/Amsterdam";
  for (int day = 0; day < 5; ++day) definition.weekly[static_cast<std::size_t>(day)] = {{9 * 60, 17 * 60}};
  return *sp::sla::BusinessCalendar::create(definition);
}

CheckContext context() {
  CheckContext out;
  out.now = *sp::parse_rfc3339("2026-12-04T10:00:00+01:00");  // a Friday
  out.calendar = office_hours();
  out.customer_zone = "Europe/Amsterdam";
  out.customer_emails = {"anna@example.nl"};
  out.customer_phones = {"+31 6 12345678"};
  return out;
}

// About 1 KB: the body paragraph repeated until the letter reaches 1,024 bytes.
std::string letter(const std::string& greeting, const std::string& paragraph, const std::string& closing) {
  std::string text = greeting + "\n\n";
  while (text.size() + paragraph.size() + closing.size() < 1024) text += paragraph + "\n\n";
  return text + closing;
}

const std::string& reply(Language language) {
  static const std::string en = letter(
      "Dear Ms Jansen,",
      "Thank you for your message about the invoice. I checked your account and the payment arrived on 12 "
      "November. We will call you back tomorrow. Btw, please restart the VDSL modem. I also forwarded this "
      "to "
      "piet@gmail.com.",
      "Kind regards,\nLisa");
  static const std::string nl = letter(
      "Beste mevrouw Jansen,",
      "Bedankt voor uw bericht over de factuur. Ik heb uw account bekeken en de betaling is op 12 november "
      "binnengekomen. Wij bellen u binnen 2 uur terug. Herstart effe het VDSL-modem. Ik heb dit ook "
      "doorgestuurd naar piet@gmail.com.",
      "Met vriendelijke groet,\nLisa");
  static const std::string zh = letter("尊敬的王女士：",
                                       "关于发票的问题，我们已经收到您的消息。款项已于11月12日到账。我们明天"
                                       "会给您回电。亲，请重启VDSL调制解调器。"
                                       "我们也已转发给zhang@qq.com。",
                                       "祝好！\n客服团队");
  return language == Language::Nl ? nl : language == Language::Zh ? zh : en;
}

TenantRules large_rules() {
  TenantRules rules;
  for (int idx = 0; idx < 1000; ++idx) rules.glossary.push_back("term" + std::to_string(idx));
  for (int idx = 0; idx < 2000; ++idx) {
    rules.additions.push_back({idx % 2 == 0 ? Language::En : Language::Nl, sp::conduct::Kind::Offensive,
                               "badword" + std::to_string(idx)});
  }
  return rules;
}

void run(benchmark::State& state, const Checker& checker, Language language) {
  const std::string& text = reply(language);
  const CheckContext ctx = context();
  std::size_t findings = 0;
  for (auto _ : state) {
    auto found = checker.check(text, language, ctx);
    findings = found.size();
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.counters["bytes"] = static_cast<double>(text.size());
  state.counters["findings"] = static_cast<double>(findings);
}

void BM_Check_BuiltIn(benchmark::State& state, Language language) {
  static const Checker checker = *Checker::create();
  run(state, checker, language);
}
void BM_Check_LargeTenantRules(benchmark::State& state, Language language) {
  static const Checker checker = *Checker::create(large_rules());
  run(state, checker, language);
}

BENCHMARK_CAPTURE(BM_Check_BuiltIn, nl, Language::Nl);
BENCHMARK_CAPTURE(BM_Check_BuiltIn, en, Language::En);
BENCHMARK_CAPTURE(BM_Check_BuiltIn, zh, Language::Zh);
BENCHMARK_CAPTURE(BM_Check_LargeTenantRules, nl, Language::Nl);
BENCHMARK_CAPTURE(BM_Check_LargeTenantRules, en, Language::En);
BENCHMARK_CAPTURE(BM_Check_LargeTenantRules, zh, Language::Zh);

}  // namespace

BENCHMARK_MAIN();

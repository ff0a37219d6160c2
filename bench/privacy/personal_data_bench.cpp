// Throughput of the personal-data scan (issue 19: MB/s on one core). The text is the
// labelled set's kind of helpdesk mail: paragraphs in nl, en or zh with a few personal data
// items and traps (order numbers, dates, amounts) among plain sentences, about 64 KiB per scan
// (the API's limit), and a clean text without any digits as the floor of the cost.
#include <benchmark/benchmark.h>

#include <string>

#include "privacy/personal_data.hpp"

namespace {

std::string repeat_to(const std::string& paragraph, std::size_t size) {
  std::string text;
  while (text.size() + paragraph.size() < size) text += paragraph + "\n\n";
  return text;
}

const std::string& text_of(int language) {
  static const std::string nl = repeat_to(
      "Beste klant, bedankt voor uw bericht over bestelling 24450931 van 14 mei. Het bedrag van EUR 49,95 is "
      "teruggestort op NL91ABNA0417164300. U kunt ons bellen op 020-5551234 of mailen naar "
      "klantenservice@voorbeeld.nl. Uw nieuwe adres Kerkstraat 12, 1234 AB Amsterdam is verwerkt; geboren op "
      "12-03-1985 klopt ook. Na de update naar versie 4.11.2 zou de router weer moeten werken.",
      64 * 1024);
  static const std::string en = repeat_to(
      "Dear customer, thank you for your message about order 4954154099313184 placed on March 3, 2026. We "
      "refunded $1,249.00 to the card 4111 1111 1111 1111. Call us on +44 20 7946 0958 or write to "
      "support@example.com. Date of birth: 1985-03-12 is on file, passport number 533380006 as well. "
      "Firmware "
      "7.29.2 fixes the issue.",
      64 * 1024);
  static const std::string zh = repeat_to(
      "尊敬的客户，您的订单4000000000000002已于2026年3月12日发货，金额¥2,399。请回电13812345678或发邮件到"
      "service@qq.com。新地址北京市朝阳区建国路88号3栋1201室已登记，出生日期1985年3月12日，"
      "身份证号11010519491231002X。升级到10.2.1版本后问题已修复。",
      64 * 1024);
  static const std::string clean = repeat_to(
      "Thank you for your patience. We looked into your question and the answer is below. Kind regards, the "
      "service team.",
      64 * 1024);
  return language == 0 ? nl : language == 1 ? en : language == 2 ? zh : clean;
}

void BM_ScanPersonalData(benchmark::State& state) {
  const std::string& text = text_of(static_cast<int>(state.range(0)));
  sp::privacy::ScanOptions options;
  options.language = state.range(0) == 0 ? "nl" : state.range(0) == 2 ? "zh" : "en";
  std::size_t findings = 0;
  for (auto _ : state) {
    auto found = sp::privacy::find_personal_data(text, options);
    findings = found.size();
    benchmark::DoNotOptimize(found.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["findings"] = static_cast<double>(findings);
}
// 0 nl, 1 en, 2 zh, 3 clean English without data
BENCHMARK(BM_ScanPersonalData)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

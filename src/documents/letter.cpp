#include "documents/letter.hpp"

#include <array>
#include <cstdio>

#include "charter/text.hpp"

namespace sp::documents {

using namespace sp::charter;  // the charter model and its labels (charter/text.hpp)
namespace {

using domain::Language;

// One template sentence in nl, en and zh. The blanks of the seed letter ("每日开展____次",
// "提交至____仲裁委员会", "根据《____》") are the {{placeholders}}.
struct Phrase {
  std::string_view key;
  std::array<std::string_view, 3> text;  // nl, en, zh
};

constexpr std::array<Phrase, 38> kPhrases = {{
    {"title", {"Servicebelofte", "Service commitment", "服务承诺书"}},
    {"number",
     {"Nummer van deze belofte: {{letter_number}}", "Commitment number: {{letter_number}}",
      "承诺书编号:{{letter_number}}"}},
    {"purpose",
     {"Om een goede klantenservice te waarborgen, doet {{organisation}} de volgende beloften aan "
      "al haar klanten. Wij stellen de klant centraal, werken volgens vaste normen en streven "
      "naar snelheid en kwaliteit.",
      "To ensure that its customer service runs well, {{organisation}} makes the following "
      "commitments to all its customers. We put the customer first, work to fixed standards and "
      "aim for speed and quality.",
      "为保证{{organisation}}客户服务工作顺利开展,特作出如下承诺。我们以客户为中心,以服务为根本,"
      "以规范为准绳,以效率为追求,全面提升服务质量与客户满意度。"}},
    {"h_scope", {"1. Reikwijdte", "1. Scope", "一、承诺范围"}},
    {"scope",
     {"Deze belofte geldt voor de klantenservice van {{organisation}} en al haar medewerkers. "
      "De {{signatory_title}} is eindverantwoordelijk voor de naleving. Zij geldt voor alle "
      "klanten: consumenten, bedrijven en andere organisaties.",
      "This commitment binds the customer service of {{organisation}} and all its staff. The "
      "{{signatory_title}} is answerable for keeping it. It applies to all customers: "
      "consumers, businesses and other organisations.",
      "本承诺由{{organisation}}客服部门及其全体客服人员共同遵守,{{signatory_title}}对承诺的执行情况"
      "负总责。本承诺适用于所有接受客服服务的客户,包括个人消费者、企业客户及其他机构。"}},
    {"h_standards", {"2. Servicenormen", "2. Service standards", "二、服务标准"}},
    {"standards_intro",
     {"Wij beloven de volgende normen; hoe goed wij ze nakomen, meten en publiceren wij.",
      "We promise the following standards; we measure and publish how well we keep them.",
      "客服人员应严格按照以下标准提供服务,我们将定期衡量并公布执行情况:"}},
    {"promise",
     {"{{channel}}: een eerste reactie binnen {{first_response}} en een oplossing binnen "
      "{{resolution}}.",
      "{{channel}}: a first response within {{first_response}} and a resolution within "
      "{{resolution}}.",
      "{{channel}}:服务响应时间不超过{{first_response}},问题在{{resolution}}内解决;"}},
    {"threshold",
     {"{{kpi}}: {{comparator}} {{value}}.", "{{kpi}}: {{comparator}} {{value}}.",
      "{{kpi}}{{comparator}}{{value}};"}},
    {"threshold_channel",
     {"{{kpi}} via {{channel}}: {{comparator}} {{value}}.",
      "{{kpi}} by {{channel}}: {{comparator}} {{value}}.", "{{channel}}{{kpi}}{{comparator}}{{value}};"}},
    {"privacy",
     {"Wij gaan zorgvuldig om met klantgegevens en geven nooit persoonsgegevens prijs.",
      "We handle customer data with care and never disclose personal data.",
      "服务过程中不得泄露客户隐私信息。"}},
    {"h_rhythm", {"3. Dagelijkse kwaliteitszorg", "3. Daily service management", "三、日常服务管理"}},
    {"self_check",
     {"Elke dag om {{time}} voeren wij {{count}} keer een zelfcontrole van onze werkwijze uit.",
      "Every day at {{time}} we carry out {{count}} self-check(s) of our service procedures.",
      "每日{{time}}开展{{count}}次服务流程自查,保证操作规范无遗漏;"}},
    {"weekly_feedback",
     {"Elke week stellen wij {{count}} overzicht(en) van klantfeedback op en maken een "
      "verbeterplan voor de zwakke punten.",
      "Every week we compile {{count}} summary(ies) of customer feedback and plan improvements "
      "for the weak points.",
      "每周整理{{count}}份客户意见汇总表,分析服务薄弱环节并制定改进方案;"}},
    {"training",
     {"Elke maand volgen wij {{count}} training(en) in servicevaardigheden.",
      "Every month we take part in {{count}} service-skills training(s).",
      "每月参与{{count}}次服务技能培训,不断优化沟通技巧与问题解决能力;"}},
    {"qa_samples",
     {"Elke dag controleren wij {{count}} servicegesprekken per medewerker op kwaliteit.",
      "Every day we review {{count}} service records per agent for quality.",
      "每日抽查{{count}}通服务记录,核对服务内容与客户需求匹配度;"}},
    {"mystery",
     {"Elke maand laten wij {{count}} mystery-shopper-contact(en) uitvoeren.",
      "Every month we run {{count}} mystery-shopper check(s).",
      "每月参与{{count}}次神秘客户暗访,检验服务规范性并评估改进效果;"}},
    {"semiannual",
     {"Elk half jaar brengen wij {{count}} kwaliteitsrapport(en) uit aan de directie.",
      "Every six months we submit {{count}} service quality report(s) to management.",
      "每半年提交{{count}}份服务质量分析报告,向管理层汇报改进进展。"}},
    {"h_emergency", {"4. Ernstige klachten en calamiteiten", "4. Emergency response", "四、应急响应机制"}},
    {"major_complaint",
     {"Op een ernstige klacht reageren wij binnen {{minutes}} en starten wij een eigen "
      "afhandelingsprocedure.",
      "We respond to a major complaint within {{minutes}} and start a dedicated handling "
      "procedure.",
      "遇重大客户投诉时,{{minutes}}内响应并启动专项处理程序;"}},
    {"drills",
     {"Elk kwartaal oefenen wij {{count}} keer ons calamiteitenplan.",
      "Every quarter we hold {{count}} emergency drill(s).",
      "每季度组织{{count}}次应急演练,提升跨部门协同处置效率。"}},
    {"h_breach", {"5. Niet nagekomen beloften", "5. Breaches", "五、违约认定"}},
    {"breach_minor",
     {"Lichte overschrijding: een norm wordt niet gehaald zonder ernstige gevolgen, bijvoorbeeld "
      "een reactie die iets te laat komt.",
      "Minor breach: a standard is not met without serious consequences, for example a response "
      "that is slightly late.",
      "轻微违约:未达到服务标准但未造成重大后果的情形,如响应时间略超标准等。"}},
    {"breach_major",
     {"Ernstige overschrijding: {{rules}}; en altijd het prijsgeven van persoonsgegevens, "
      "opzettelijke vertraging of onjuiste informatie.",
      "Major breach: {{rules}}; and always a disclosure of personal data, a deliberate delay or "
      "false information.",
      "重大违约:{{rules}};以及泄露客户隐私、故意拖延服务、提供虚假信息等行为。"}},
    {"rule_overrun",
     {"een termijn met meer dan {{percent}} van de norm overschreden",
      "a target exceeded by more than {{percent}} of its time", "超出承诺时限{{percent}}以上"}},
    {"rule_priority",
     {"elke overschrijding bij prioriteit {{priorities}}",
      "any breach on a ticket of priority {{priorities}}", "优先级为{{priorities}}的工单发生的任何违约"}},
    {"rule_category",
     {"elke overschrijding bij een klacht van soort {{categories}}",
      "any breach on a complaint of category {{categories}}", "{{categories}}类投诉发生的任何违约"}},
    {"h_disputes", {"6. Geschillen", "6. Dispute resolution", "六、争议解决"}},
    {"negotiation",
     {"Overleg: bij een geschil zoeken wij eerst samen met u een oplossing; namens ons overlegt "
      "{{contact}}, gedurende ten hoogste {{days}} dagen.",
      "Negotiation: in a dispute we first seek a solution together with you; {{contact}} "
      "negotiates on our behalf, for at most {{days}} days.",
      "协商:双方在发生争议时,应首先通过友好协商解决,由{{contact}}与客户代表共同商讨解决方案,"
      "协商期限为{{days}}天。"}},
    {"arbitration",
     {"Arbitrage: leidt overleg niet tot een oplossing, dan kan het geschil worden voorgelegd aan "
      "{{body}}.",
      "Arbitration: if negotiation fails, the dispute may be submitted to {{body}}.",
      "仲裁:若协商不成,双方可提交至{{body}}进行仲裁,仲裁裁决具有法律效力。"}},
    {"litigation",
     {"Rechtszaak: lost ook arbitrage het geschil niet op, dan kan het worden voorgelegd aan "
      "{{court}}; {{law}} is van toepassing.",
      "Litigation: if arbitration does not settle the dispute, it may be brought before "
      "{{court}}; {{law}} applies.",
      "诉讼:若仲裁仍无法解决争议,双方可向{{court}}提起诉讼,根据《{{law}}》处理。"}},
    {"h_contact", {"7. Contact", "7. How to reach us", "七、联系方式"}},
    {"contact", {"{{channel}}: {{address}}", "{{channel}}: {{address}}", "{{channel}}:{{address}}"}},
    {"contact_hours",
     {"{{channel}}: {{address}} ({{hours}})", "{{channel}}: {{address}} ({{hours}})",
      "{{channel}}:{{address}}({{hours}})"}},
    {"sign_organisation",
     {"Organisatie: {{organisation}}", "Organisation: {{organisation}}", "承诺单位:{{organisation}}"}},
    {"sign_signatory",
     {"Ondertekend door: {{name}}, {{title}}", "Signed by: {{name}}, {{title}}",
      "承诺人:{{name}}({{title}})"}},
    {"sign_place", {"Plaats: {{place}}", "Place: {{place}}", "签订地点:{{place}}"}},
    {"sign_date", {"Datum: {{date}}", "Date: {{date}}", "签订日期:{{date}}"}},
}};

std::string_view phrase(std::string_view key, Language language) {
  for (const auto& p : kPhrases) {
    if (p.key == key) return p.text[static_cast<std::size_t>(language)];
  }
  SP_ASSERT(false && "unknown letter phrase");
  return {};
}

std::string_view list_separator(Language language) {
  return language == Language::Zh ? "、" : ", ";
}

class LetterBuilder {
 public:
  explicit LetterBuilder(Language language) : language_(language) { document_.language = language; }

  Result<void> add(Block::Kind kind, std::string_view key, const TemplateValues& values = {}) {
    auto text = fill_template(phrase(key, language_), values);
    if (!text.ok()) return text.error();
    document_.blocks.push_back({kind, std::move(*text)});
    return {};
  }
  Result<std::string> text(std::string_view key, const TemplateValues& values) const {
    return fill_template(phrase(key, language_), values);
  }
  Document& document() { return document_; }

 private:
  Language language_;
  Document document_;
};

}  // namespace

std::string format_local_date(std::string_view iso_date, Language language) {
  unsigned year = 0, month = 0, day = 0;
  if (iso_date.size() != 10 ||
      std::sscanf(std::string(iso_date).c_str(), "%4u-%2u-%2u", &year, &month, &day) != 3 || month < 1 ||
      month > 12 || day < 1 || day > 31) {
    return std::string(iso_date);
  }
  static constexpr std::array<std::string_view, 12> kNl = {"januari",   "februari", "maart",    "april",
                                                           "mei",       "juni",     "juli",     "augustus",
                                                           "september", "oktober",  "november", "december"};
  static constexpr std::array<std::string_view, 12> kEn = {"January",   "February", "March",    "April",
                                                           "May",       "June",     "July",     "August",
                                                           "September", "October",  "November", "December"};
  switch (language) {
    case Language::Nl:
      return std::to_string(day) + " " + std::string(kNl[month - 1]) + " " + std::to_string(year);
    case Language::En:
      return std::to_string(day) + " " + std::string(kEn[month - 1]) + " " + std::to_string(year);
    case Language::Zh:
      return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
  }
  return std::string(iso_date);
}

Result<Document> letter_document(const Charter& charter, Language language) {
  SP_TRY(validate(charter));
  using Kind = Block::Kind;
  LetterBuilder letter(language);
  const std::string organisation = charter.organisation.in(language);
  letter.document().title = std::string(phrase("title", language));
  SP_TRY(letter.add(Kind::Paragraph, "number", {{"letter_number", charter.letter_number}}));
  SP_TRY(letter.add(Kind::Paragraph, "purpose", {{"organisation", organisation}}));

  SP_TRY(letter.add(Kind::Heading, "h_scope"));
  SP_TRY(letter.add(
      Kind::Paragraph, "scope",
      {{"organisation", organisation}, {"signatory_title", charter.signatory.title.in(language)}}));

  SP_TRY(letter.add(Kind::Heading, "h_standards"));
  SP_TRY(letter.add(Kind::Paragraph, "standards_intro"));
  for (const auto& promise : charter.promises) {
    SP_TRY(
        letter.add(Kind::Item, "promise",
                   {{"channel", std::string(channel_label(promise.channel, language))},
                    {"first_response", format_minutes(promise.first_response.minutes, language,
                                                      promise.first_response.basis == TimeBasis::Business)},
                    {"resolution", format_minutes(promise.resolution.minutes, language,
                                                  promise.resolution.basis == TimeBasis::Business)}}));
  }
  for (const auto& threshold : charter.thresholds) {
    TemplateValues values = {{"kpi", kpi_label(threshold.kpi, language)},
                             {"comparator", std::string(comparator_label(threshold.comparator, language))},
                             {"value", format_value(threshold.value, threshold.unit, language)}};
    if (threshold.channel) {
      values["channel"] = std::string(channel_label(*threshold.channel, language));
    }
    SP_TRY(letter.add(Kind::Item, threshold.channel ? "threshold_channel" : "threshold", values));
  }
  SP_TRY(letter.add(Kind::Item, "privacy"));

  const Rhythm& rhythm = charter.rhythm;
  SP_TRY(letter.add(Kind::Heading, "h_rhythm"));
  auto count_item = [&](std::string_view key, int count, TemplateValues values = {}) -> Result<void> {
    if (count <= 0) return {};  // nothing promised: leave the sentence out
    values["count"] = std::to_string(count);
    return letter.add(Kind::Item, key, values);
  };
  SP_TRY(count_item("self_check", rhythm.self_checks_per_day,
                    {{"time", format_minute_of_day(rhythm.daily_self_check_minute)}}));
  SP_TRY(count_item("weekly_feedback", rhythm.weekly_feedback_summaries));
  SP_TRY(count_item("training", rhythm.monthly_trainings));
  SP_TRY(count_item("qa_samples", rhythm.daily_qa_samples));
  SP_TRY(count_item("mystery", rhythm.monthly_mystery_shops));
  SP_TRY(count_item("semiannual", rhythm.semiannual_quality_reports));

  SP_TRY(letter.add(Kind::Heading, "h_emergency"));
  SP_TRY(letter.add(Kind::Item, "major_complaint",
                    {{"minutes", format_minutes(charter.major_complaint_response_minutes, language)}}));
  SP_TRY(count_item("drills", rhythm.quarterly_drills));

  SP_TRY(letter.add(Kind::Heading, "h_breach"));
  SP_TRY(letter.add(Kind::Item, "breach_minor"));
  {
    std::vector<std::string> rules;
    const auto& breach = charter.breach_rules;
    if (breach.major_overrun_percent) {
      auto rule = letter.text("rule_overrun",
                              {{"percent", format_number(*breach.major_overrun_percent, language, 1) + "%"}});
      if (!rule.ok()) return rule.error();
      rules.push_back(*rule);
    }
    if (!breach.major_priorities.empty()) {
      std::string names;
      for (const auto priority : breach.major_priorities) {
        if (!names.empty()) names += list_separator(language);
        names += priority_label(priority, language);
      }
      auto rule = letter.text("rule_priority", {{"priorities", names}});
      if (!rule.ok()) return rule.error();
      rules.push_back(*rule);
    }
    if (!breach.major_categories.empty()) {
      std::string names;
      for (const auto& category : breach.major_categories) {
        if (!names.empty()) names += list_separator(language);
        names += category;
      }
      auto rule = letter.text("rule_category", {{"categories", names}});
      if (!rule.ok()) return rule.error();
      rules.push_back(*rule);
    }
    std::string joined;
    for (const auto& rule : rules) {
      if (!joined.empty()) joined += language == Language::Zh ? ";" : "; ";
      joined += rule;
    }
    if (joined.empty()) {
      joined = language == Language::Zh   ? "造成客户重大利益受损的违约"
               : language == Language::Nl ? "een overschrijding met ernstige gevolgen voor de klant"
                                          : "a breach that seriously harms the customer";
    }
    SP_TRY(letter.add(Kind::Item, "breach_major", {{"rules", joined}}));
  }

  const ComplaintRoute& route = charter.complaint_route;
  SP_TRY(letter.add(Kind::Heading, "h_disputes"));
  SP_TRY(letter.add(Kind::Item, "negotiation",
                    {{"contact", route.negotiation_contact.in(language)},
                     {"days", std::to_string(route.negotiation_days)}}));
  SP_TRY(letter.add(Kind::Item, "arbitration", {{"body", route.arbitration_body.in(language)}}));
  SP_TRY(letter.add(Kind::Item, "litigation",
                    {{"court", route.court.in(language)}, {"law", route.governing_law.in(language)}}));

  if (!charter.contacts.empty()) {
    SP_TRY(letter.add(Kind::Heading, "h_contact"));
    for (const auto& contact : charter.contacts) {
      const std::string& hours = contact.hours.in(language);
      SP_TRY(letter.add(Kind::Item, hours.empty() ? "contact" : "contact_hours",
                        {{"channel", std::string(channel_label(contact.channel, language))},
                         {"address", contact.address},
                         {"hours", hours}}));
    }
  }

  SP_TRY(letter.add(Kind::Signature, "sign_organisation", {{"organisation", organisation}}));
  SP_TRY(letter.add(
      Kind::Signature, "sign_signatory",
      {{"name", charter.signatory.name.in(language)}, {"title", charter.signatory.title.in(language)}}));
  SP_TRY(letter.add(Kind::Signature, "sign_place", {{"place", charter.signing_place.in(language)}}));
  SP_TRY(letter.add(Kind::Signature, "sign_date",
                    {{"date", format_local_date(charter.signing_date, language)}}));
  return std::move(letter.document());
}

Result<std::string> render_letter_html(const Charter& charter, Language language) {
  auto document = letter_document(charter, language);
  if (!document.ok()) return document.error();
  return document_html(*document, "letter");
}

}  // namespace sp::documents

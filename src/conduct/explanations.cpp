#include "conduct/explanations.hpp"

#include <array>

namespace sp::conduct {

namespace {

struct Explanation {
  std::string_view rule, nl, en, zh;
};

// "{}" is replaced by the detail. Worded after the code of conduct (seed 002): section 1
// (respect), 2-3 (honest promises), 4 (privacy), 8 (clear language).
constexpr std::array<Explanation, 21> kExplanations{{
    {"word-list-offensive", "\"{}\" is kwetsend of onbeleefd; formuleer het respectvol.",
     "\"{}\" is offensive or rude; phrase it respectfully.", "“{}”属于冒犯或不礼貌用语，请礼貌表达。"},
    {"word-list-humour", "\"{}\" is ongepaste humor in een klantantwoord.",
     "\"{}\" is inappropriate humour in a customer reply.", "“{}”是不恰当的玩笑，不适合回复客户。"},
    {"word-list-slang", "\"{}\" is spreektaal of slang; gebruik zakelijke taal.",
     "\"{}\" is slang or too casual; use professional wording.", "“{}”是网络用语或口语，请使用规范用语。"},
    {"glossary", "Vakterm \"{}\" wordt niet uitgelegd; leg hem uit, bijv. tussen haakjes.",
     "The technical term \"{}\" is not explained; explain it, e.g. in parentheses.",
     "专业术语“{}”没有解释，请加以说明（例如用括号）。"},
    {"time-promise", "Belofte met termijn tot {}: die wordt als toezegging gevolgd.",
     "Promise due {}: it will be tracked as a commitment.", "承诺期限为 {}：将作为承诺跟踪。"},
    {"open-promise", "Belofte zonder datum; noem wanneer de klant iets hoort.",
     "Promise without a date; say when the customer will hear from you.",
     "承诺没有具体时间，请说明何时答复客户。"},
    {"closed-day", "Deze belofte valt op een dag waarop we gesloten zijn ({}).",
     "This promise falls on a day we are closed ({}).", "该承诺落在非工作日（{}），无法兑现。"},
    {"outside-opening-hours", "Deze termijn ligt grotendeels buiten de openingstijden ({}).",
     "This deadline lies mostly outside opening hours ({}).", "该期限大部分在营业时间之外（{}），难以兑现。"},
    {"email", "Dit e-mailadres hoort niet bij deze klant.",
     "This e-mail address does not belong to this customer.", "该电子邮箱不属于此客户。"},
    {"phone", "Dit telefoonnummer hoort niet bij deze klant.",
     "This phone number does not belong to this customer.", "该电话号码不属于此客户。"},
    {"iban", "Dit IBAN is niet bekend als van deze klant.", "This IBAN is not known to be this customer's.",
     "该银行账号（IBAN）不属于此客户。"},
    {"bsn", "Dit is een BSN dat niet bekend is als van deze klant.",
     "This is a BSN not known to be this customer's.", "这是一个不属于此客户的荷兰公民服务号（BSN）。"},
    {"cn_resident_id", "Dit is een Chinees identiteitsnummer dat niet van deze klant is.",
     "This is a Chinese resident id number that is not this customer's.", "该居民身份证号码不属于此客户。"},
    {"card", "Dit betaalkaartnummer is niet bekend als van deze klant.",
     "This payment card number is not known to be this customer's.", "该银行卡号不属于此客户。"},
    {"passport", "Dit paspoortnummer is niet bekend als van deze klant.",
     "This passport number is not known to be this customer's.", "该护照号码不属于此客户。"},
    {"long-sentence", "Lange zin ({} woorden); splits hem op.", "Long sentence ({} words); split it up.",
     "句子过长（{} 个字），请拆分。"},
    {"long-sentence-zh", "Lange zin ({} tekens); splits hem op.",
     "Long sentence ({} characters); split it up.", "句子过长（{} 个字），请拆分。"},
    {"long-paragraph", "Lange alinea ({} woorden); maak kortere alinea's.",
     "Long paragraph ({} words); use shorter paragraphs.", "段落过长（{} 个字），请分段。"},
    {"long-paragraph-zh", "Lange alinea ({} tekens); maak kortere alinea's.",
     "Long paragraph ({} characters); use shorter paragraphs.", "段落过长（{} 个字），请分段。"},
    {"missing-greeting", "De aanhef ontbreekt.", "The greeting is missing.", "缺少称呼或问候语。"},
    {"missing-closing", "De afsluiting (groet) ontbreekt.", "The closing is missing.", "缺少结束语。"},
}};

}  // namespace

std::string explain(std::string_view rule, domain::Language language, std::string_view detail) {
  for (const auto& entry : kExplanations) {
    if (entry.rule != rule) continue;
    std::string_view pattern = language == domain::Language::Nl   ? entry.nl
                               : language == domain::Language::Zh ? entry.zh
                                                                  : entry.en;
    std::string out(pattern);
    if (auto at = out.find("{}"); at != std::string::npos) out.replace(at, 2, detail);
    return out;
  }
  return language == domain::Language::Nl   ? "Controleer deze passage."
         : language == domain::Language::Zh ? "请检查这段文字。"
                                            : "Check this passage.";
}

}  // namespace sp::conduct

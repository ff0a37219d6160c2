#include "channels/acknowledgement.hpp"

#include <date/tz.h>

#include <array>
#include <cstdio>

#include "channels/threading.hpp"

namespace sp::channels {
namespace {

constexpr std::array<std::string_view, 7> kWeekdayEn = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                        "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 7> kWeekdayNl = {"zondag",    "maandag", "dinsdag", "woensdag",
                                                        "donderdag", "vrijdag", "zaterdag"};
constexpr std::array<std::string_view, 7> kWeekdayZh = {"星期日", "星期一", "星期二", "星期三",
                                                        "星期四", "星期五", "星期六"};
constexpr std::array<std::string_view, 12> kMonthEn = {"January",   "February", "March",    "April",
                                                       "May",       "June",     "July",     "August",
                                                       "September", "October",  "November", "December"};
constexpr std::array<std::string_view, 12> kMonthNl = {"januari",   "februari", "maart",    "april",
                                                       "mei",       "juni",     "juli",     "augustus",
                                                       "september", "oktober",  "november", "december"};

std::string two_digits(unsigned value) {
  char buffer[8];
  std::snprintf(buffer, sizeof(buffer), "%02u", value % 100);
  return buffer;
}

std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    out.push_back((c == '\r' || c == '\n' || c == '\t') ? ' ' : c);
  }
  return out;
}

}  // namespace

Result<std::string> format_local_time(Timestamp at_utc, const std::string& time_zone,
                                      domain::Language language) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone);
  } catch (const std::exception&) {
    // date/tz reports an unknown zone (and an unreadable tz database) by throwing.
    return invalid_input("unknown time zone \"" + time_zone + "\"", "time_zone");
  }
  const auto rounded = std::chrono::ceil<std::chrono::minutes>(at_utc);
  const auto local = std::chrono::floor<std::chrono::minutes>(zone->to_local(rounded));
  const auto day = std::chrono::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::weekday weekday{day};
  const date::hh_mm_ss<std::chrono::minutes> clock{local - day};
  const unsigned month_idx = static_cast<unsigned>(ymd.month()) - 1;
  const unsigned day_of_month = static_cast<unsigned>(ymd.day());
  const int year = static_cast<int>(ymd.year());
  const std::string hhmm = two_digits(static_cast<unsigned>(clock.hours().count())) + ":" +
                           two_digits(static_cast<unsigned>(clock.minutes().count()));
  switch (language) {
    case domain::Language::Nl:
      return std::string(kWeekdayNl[weekday.c_encoding()]) + " " + std::to_string(day_of_month) + " " +
             std::string(kMonthNl[month_idx]) + " " + std::to_string(year) + " om " + hhmm + " (" +
             time_zone + ")";
    case domain::Language::Zh:
      return std::to_string(year) + "年" + std::to_string(month_idx + 1) + "月" +
             std::to_string(day_of_month) + "日（" + std::string(kWeekdayZh[weekday.c_encoding()]) + "）" +
             hhmm + "（" + time_zone + "）";
    case domain::Language::En:
      break;
  }
  return std::string(kWeekdayEn[weekday.c_encoding()]) + " " + std::to_string(day_of_month) + " " +
         std::string(kMonthEn[month_idx]) + " " + std::to_string(year) + " at " + hhmm + " (" + time_zone +
         ")";
}

Result<Acknowledgement> make_acknowledgement(const AcknowledgementInput& input) {
  if (input.tenant_name.empty()) {
    return invalid_input("the tenant name is empty", "tenant_name");
  }
  auto when = format_local_time(input.answer_due_utc, input.customer_time_zone, input.language);
  if (!when.ok()) {
    return when.error();
  }
  const std::string reference = format_ticket_reference(input.ticket);
  const std::string token = format_ticket_token(input.ticket);
  const std::string tenant = one_line(input.tenant_name);
  const std::string subject = one_line(input.ticket_subject);
  Acknowledgement ack;
  switch (input.language) {
    case domain::Language::Nl:
      ack.subject = token + " Ontvangen" + (subject.empty() ? "" : ": " + subject);
      ack.body =
          "Beste klant,\n\n"
          "Bedankt voor uw bericht aan " +
          tenant +
          ". We hebben het ontvangen en geregistreerd onder "
          "referentie " +
          reference +
          ".\n\n"
          "U krijgt uiterlijk " +
          *when +
          " een antwoord van ons.\n\n"
          "Wilt u nog iets aanvullen? Beantwoord dan deze e-mail en laat " +
          token +
          " in het onderwerp staan.\n\n"
          "Met vriendelijke groet,\n" +
          tenant +
          "\n\n"
          "Dit is een automatisch bericht.\n";
      break;
    case domain::Language::Zh:
      ack.subject = token + " 已收到" + (subject.empty() ? "" : "：" + subject);
      ack.body =
          "尊敬的客户：\n\n"
          "感谢您联系" +
          tenant + "。我们已收到您的来信，工单编号为 " + reference +
          "。\n\n"
          "我们将在 " +
          *when +
          " 之前答复您。\n\n"
          "如需补充信息，请直接回复本邮件，并保留主题中的 " +
          token +
          "。\n\n"
          "此致\n" +
          tenant +
          "\n\n"
          "本邮件由系统自动发送。\n";
      break;
    case domain::Language::En:
      ack.subject = token + " Received" + (subject.empty() ? "" : ": " + subject);
      ack.body =
          "Dear customer,\n\n"
          "Thank you for contacting " +
          tenant +
          ". We have received your message and registered it "
          "under reference " +
          reference +
          ".\n\n"
          "You will have an answer from us by " +
          *when +
          ".\n\n"
          "To add anything, reply to this e-mail and keep " +
          token +
          " in the subject.\n\n"
          "Kind regards,\n" +
          tenant +
          "\n\n"
          "This is an automatic message.\n";
      break;
  }
  return ack;
}

}  // namespace sp::channels

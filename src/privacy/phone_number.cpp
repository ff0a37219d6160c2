// libphonenumber stays in this file: its headers pull in protobuf, and only the phone check
// needs them.
#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <array>
#include <string>

#include "privacy/personal_data.hpp"

namespace sp::privacy {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

const PhoneNumberUtil& util() {
  // The library logs parse failures to stderr by default; text can hold personal data, so
  // nothing it says may reach a log. Set once, before first use (GetInstance is thread-safe).
  static const PhoneNumberUtil* instance = [] {
    PhoneNumberUtil* phones = PhoneNumberUtil::GetInstance();
    phones->SetLogger(new i18n::phonenumbers::NullLogger());
    return phones;
  }();
  return *instance;
}

std::array<const char*, 4> regions_for(std::string_view language) {
  if (language == "nl") return {"NL", "CN", nullptr, nullptr};
  if (language == "zh") return {"CN", "NL", nullptr, nullptr};
  return {"NL", "CN", "GB", "US"};
}

}  // namespace

bool is_valid_phone(std::string_view number, std::string_view language) {
  if (number.empty() || number.size() > 40) return false;
  const auto& phones = util();
  std::string text(number);
  bool international = text.front() == '+' || text.starts_with("00");
  for (const char* region : regions_for(language)) {
    if (region == nullptr) break;
    PhoneNumber parsed;
    if (phones.Parse(text, region, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR) continue;
    if (phones.IsValidNumber(parsed)) return true;
    // "+31 ..." parses to the same number in every region: one try is enough.
    if (international) return false;
  }
  return false;
}

}  // namespace sp::privacy

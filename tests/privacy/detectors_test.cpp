// One test group per detector of issue 19, each with the traps that must not be reported
// (order and tracking numbers, dates that are no birth dates, amounts, version numbers), in
// Dutch, English and Chinese.
#include <gtest/gtest.h>

#include "privacy/personal_data.hpp"

namespace sp::privacy {
namespace {

struct Found {
  std::string type;
  std::size_t start;
  std::size_t end;
  bool operator==(const Found&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Found& found) {
  return out << found.type << "[" << found.start << "," << found.end << ")";
}

std::vector<Found> scan(std::string_view text, std::string_view language = "") {
  ScanOptions options;
  options.language = language;
  std::vector<Found> out;
  for (const auto& match : find_personal_data(text, options)) {
    out.push_back({std::string(to_string(match.type)), match.start, match.end});
  }
  return out;
}

std::vector<std::string> types(std::string_view text, std::string_view language = "") {
  std::vector<std::string> out;
  for (const auto& found : scan(text, language)) out.push_back(found.type);
  return out;
}

using Types = std::vector<std::string>;

TEST(CardDetector, LuhnAndSchemeRangesDecide) {
  EXPECT_TRUE(passes_luhn("4111111111111111"));
  EXPECT_FALSE(passes_luhn("4111111111111112"));
  EXPECT_TRUE(is_valid_card("4111111111111111"));  // Visa 16
  EXPECT_TRUE(is_valid_card("5555555555554444"));  // Mastercard
  EXPECT_TRUE(is_valid_card("2223003122003222"));  // Mastercard 2-series
  EXPECT_TRUE(is_valid_card("378282246310005"));   // Amex 15
  EXPECT_TRUE(is_valid_card("6011111111111117"));  // Discover
  EXPECT_TRUE(is_valid_card("3530111333300000"));  // JCB
  EXPECT_TRUE(is_valid_card("6200000000000005"));  // UnionPay
  // Luhn-valid but no scheme: a 16-digit number starting with 9, an Amex prefix at 16 digits.
  EXPECT_TRUE(passes_luhn("9000000000000001"));
  EXPECT_FALSE(is_valid_card("9000000000000001"));
  EXPECT_TRUE(passes_luhn("3782822463100052"));
  EXPECT_FALSE(is_valid_card("3782822463100052"));
}

TEST(CardDetector, FindsGroupedCardsInEachLanguage) {
  EXPECT_EQ(scan("Mijn kaart: 4111 1111 1111 1111, vervalt 12/28", "nl"),
            (std::vector<Found>{{"card", 12, 31}}));
  EXPECT_EQ(types("card number 5555-5555-5555-4444 please", "en"), Types{"card"});
  EXPECT_EQ(types("我的信用卡号是6200000000000005，谢谢", "zh"), Types{"card"});
  EXPECT_EQ(types("Amex 3782 822463 10005"), Types{"card"});
}

TEST(CardDetector, OrderAndTrackingNumbersThatPassLuhnAreNoCards) {
  // 4000 0000 0000 0002 passes Luhn with a Visa prefix; after "order" it is an order number.
  ASSERT_TRUE(is_valid_card("4000000000000002"));
  EXPECT_TRUE(types("Uw ordernummer is 4000000000000002.", "nl").empty());
  EXPECT_TRUE(types("Tracking: 4000000000000002", "en").empty());
  EXPECT_TRUE(types("订单号：4000000000000002", "zh").empty());
  // A Luhn-valid number without a scheme prefix, an amount, a version number.
  EXPECT_TRUE(types("Referentie 9000000000000001, bedrag EUR 1.234,56, versie 4.11.1", "nl").empty());
}

TEST(PhoneDetector, LibphonenumberValidatesWhatTheShapeFinds) {
  EXPECT_TRUE(is_valid_phone("+31 6 12345678", ""));
  EXPECT_TRUE(is_valid_phone("020-5551234", "nl"));
  EXPECT_TRUE(is_valid_phone("13812345678", "zh"));
  EXPECT_TRUE(is_valid_phone("010-12345678", "zh"));
  EXPECT_TRUE(is_valid_phone("+44 20 7946 0958", "en"));
  // The right shape but no such number: NL numbers have nine digits after the 0, +31 9 is unused.
  EXPECT_FALSE(is_valid_phone("06-1234567890", "nl"));
  EXPECT_FALSE(is_valid_phone("+31 6 1234567", ""));
  EXPECT_FALSE(is_valid_phone("12812345678", "zh"));
}

TEST(PhoneDetector, FindsNlCnAndInternationalNumbers) {
  EXPECT_EQ(scan("Bel me op 06 12 34 56 78.", "nl"), (std::vector<Found>{{"phone", 10, 24}}));
  EXPECT_EQ(types("Call +44 20 7946 0958 or +1 (202) 555-0147", "en"), (Types{"phone", "phone"}));
  EXPECT_EQ(types("座机010-12345678，手机139 1234 5678", "zh"), (Types{"phone", "phone"}));
  // A shape-valid but invalid NL number and a too-long digit run are not phones.
  EXPECT_TRUE(types("bel 06-1234567890 of 0000000000", "nl").empty());
}

TEST(PassportDetector, NeedsAKeywordNearby) {
  EXPECT_EQ(scan("paspoortnummer: NW92BH4K1", "nl"), (std::vector<Found>{{"passport", 16, 25}}));
  EXPECT_EQ(types("My passport no. is 533380006", "en"), Types{"passport"});
  EXPECT_EQ(types("护照号码E12345678，请核对", "zh"), Types{"passport"});
  // The same shapes without a keyword, and a keyword followed only by words or a date.
  EXPECT_TRUE(types("artikel NW92BH4K1, SKU E12345678", "nl").empty());
  EXPECT_TRUE(types("Your passport photo from 12-03-2024 is fine", "en").empty());
}

TEST(PassportDetector, APassportNumberIsNotAlsoABsn) {
  ASSERT_TRUE(is_valid_bsn("111222333"));
  EXPECT_EQ(types("paspoort 111222333", "nl"), Types{"passport"});
}

TEST(DateOfBirthDetector, FindsDatesAfterABirthKeyword) {
  EXPECT_EQ(scan("geboren op 12-03-1985", "nl"), (std::vector<Found>{{"date_of_birth", 11, 21}}));
  EXPECT_EQ(types("Geboortedatum: 3 maart 1985", "nl"), Types{"date_of_birth"});
  EXPECT_EQ(types("Date of birth: March 12, 1985", "en"), Types{"date_of_birth"});
  EXPECT_EQ(types("DOB 1985-03-12", "en"), Types{"date_of_birth"});
  EXPECT_EQ(types("出生日期：1985年3月12日", "zh"), Types{"date_of_birth"});
  EXPECT_EQ(types("我是1990年5月1日出生的", "zh"), Types{"date_of_birth"});
  auto found = find_personal_data("born 31/12/1970");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].normalized, "1970-12-31");
}

TEST(DateOfBirthDetector, OtherDatesAreNoBirthDates) {
  EXPECT_TRUE(types("Uw bestelling van 12-03-2024 is verzonden; levering 14 maart 2024.", "nl").empty());
  EXPECT_TRUE(types("Invoice date: March 12, 2024. Due 2024-04-12.", "en").empty());
  EXPECT_TRUE(types("订单于2024年3月12日发货", "zh").empty());
  // A keyword without a full date, an impossible date.
  EXPECT_TRUE(types("geboren in 1985, born 31-02-1985", "").empty());
}

TEST(AddressDetector, FindsDutchAddressLines) {
  EXPECT_EQ(scan("Adres: Kerkstraat 12, 1234 AB Amsterdam", "nl"), (std::vector<Found>{{"address", 7, 39}}));
  EXPECT_EQ(types("Stuur het naar Prins Hendrikkade 104A, 1011AJ Den Haag", "nl"), Types{"address"});
  EXPECT_EQ(types("postcode 3511 LX 45", "nl"), Types{"address"});
  EXPECT_EQ(types("Ik woon op de Dorpsweg 7 sinds kort", "nl"), Types{"address"});
}

TEST(AddressDetector, FindsChineseAddresses) {
  EXPECT_EQ(scan("地址是广东省深圳市南山区科技园路88号", "zh"), (std::vector<Found>{{"address", 3, 19}}));
  EXPECT_EQ(types("请寄到北京市朝阳区建国路88号3栋1201室，谢谢", "zh"), Types{"address"});
}

TEST(AddressDetector, PostcodeShapesAndNumberedThingsAreNoAddresses) {
  // A bare postcode-like token, a version, an amount, a Chinese order number, metro line 3.
  EXPECT_TRUE(types("Versie 2024 EN is uit; we kwamen in 1990 ZO ver.", "nl").empty());
  EXPECT_TRUE(types("订单号88号已发货，请乘坐地铁3号线", "zh").empty());
  EXPECT_TRUE(types("Room 12, floor 3, 2500 EUR", "en").empty());
}

TEST(ReferenceContext, OrderNumbersThatPassTheBsnTestAreNoBsn) {
  ASSERT_TRUE(is_valid_bsn("123456782"));
  EXPECT_TRUE(types("Bestelnummer 123456782", "nl").empty());
  EXPECT_EQ(types("Mijn BSN is 123456782", "nl"), Types{"bsn"});
  // The nearer keyword decides: "klantnummer 123, BSN 123456782" is a BSN.
  EXPECT_EQ(types("Klantnummer 4417, BSN 123456782", "nl"), Types{"bsn"});
  // Grouped only after a BSN keyword.
  EXPECT_EQ(types("BSN: 123.456.782", "nl"), Types{"bsn"});
  EXPECT_TRUE(types("artikel 123.456.782", "nl").empty());
}

TEST(PersonalDataTypes, NamesRoundTrip) {
  for (auto name :
       {"email", "phone", "iban", "card", "bsn", "cn_resident_id", "passport", "date_of_birth", "address"}) {
    auto type = parse_personal_data_type(name);
    ASSERT_TRUE(type) << name;
    EXPECT_EQ(to_string(*type), name);
  }
  EXPECT_FALSE(parse_personal_data_type("name"));
}

}  // namespace
}  // namespace sp::privacy

#include "privacy/personal_data.hpp"

#include <gtest/gtest.h>

namespace sp::privacy {
namespace {

std::vector<PersonalDataType> types_in(std::string_view text) {
  std::vector<PersonalDataType> out;
  for (const auto& match : find_personal_data(text)) out.push_back(match.type);
  return out;
}

TEST(PersonalData, ChecksumsAcceptValidAndRejectAlteredNumbers) {
  EXPECT_TRUE(is_valid_iban("NL91ABNA0417164300"));
  EXPECT_FALSE(is_valid_iban("NL91ABNA0417164301"));
  EXPECT_TRUE(is_valid_bsn("111222333"));
  EXPECT_FALSE(is_valid_bsn("111222334"));
  EXPECT_FALSE(is_valid_bsn("000000000"));
  EXPECT_TRUE(is_valid_cn_resident_id("11010519491231002X"));
  EXPECT_FALSE(is_valid_cn_resident_id("110105194912310021"));
}

TEST(PersonalData, ResidentIdWithAnImpossibleBirthDateIsRejected) {
  // 1949-02-30 does not exist; the check character is made to fit so only the date is wrong.
  std::string id = "11010519490230002";
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int idx = 0; idx < 17; ++idx) sum += (id[static_cast<std::size_t>(idx)] - '0') * kWeights[idx];
  id.push_back("10X98765432"[sum % 11]);
  EXPECT_FALSE(is_valid_cn_resident_id(id));
}

TEST(PersonalData, FindsEachTypeWithCodePointSpans) {
  auto matches = find_personal_data("é jan@voorbeeld.nl +31 6 1234 5678");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].type, PersonalDataType::Email);
  EXPECT_EQ(matches[0].start, 2u);
  EXPECT_EQ(matches[0].end, 18u);
  EXPECT_EQ(matches[1].type, PersonalDataType::Phone);
  EXPECT_EQ(matches[1].normalized, "+31612345678");
  EXPECT_EQ(to_string(matches[1].type), "phone");
}

TEST(PersonalData, ChineseMobileAndSpacedIbanAreFound) {
  // Chinese has no spaces between words: a number between ideographs is still a number.
  EXPECT_EQ(types_in("请拨打13812345678联系"), std::vector<PersonalDataType>{PersonalDataType::Phone});
  EXPECT_EQ(types_in("订单号A13812345678"), std::vector<PersonalDataType>{});  // glued to a Latin letter
  EXPECT_EQ(types_in("请拨打 138 1234 5678 联系"), std::vector<PersonalDataType>{PersonalDataType::Phone});
  EXPECT_EQ(types_in("rekening NL91 ABNA 0417 1643 00 graag"),
            std::vector<PersonalDataType>{PersonalDataType::Iban});
}

TEST(PersonalData, NumbersThatAreNotPersonalDataAreIgnored) {
  // Order numbers, dates, amounts, a nine-digit number failing the 11-test, digits inside a code.
  EXPECT_TRUE(
      types_in("order 123456789012, 2026-12-04, EUR 1.234,56, ref 123456789, code AB1112223334").empty());
}

TEST(PersonalData, SamePhoneComparesTheLastNineDigits) {
  EXPECT_TRUE(same_phone("+31 6 1234 5678", "06-12345678"));
  EXPECT_FALSE(same_phone("+31 6 1234 5678", "06-12345679"));
  EXPECT_FALSE(same_phone("1234", "1234"));
}

}  // namespace
}  // namespace sp::privacy

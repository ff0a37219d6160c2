// Finds personal data in text: e-mail addresses, phone numbers (shape prefilter, then
// libphonenumber), IBANs, payment card numbers, Dutch BSNs, Chinese resident identity numbers,
// passport numbers and dates of birth near a keyword, and postal address lines (NL postcode,
// Chinese 省/市/区/路/号 addresses), each with the span where it occurs.
//
// Pure and thread-safe: no I/O, no global state, never throws. Text is UTF-8 (invalid bytes
// count as one code point each); spans are code-point offsets [start, end). A number that
// passes a checksum is reported as the most specific type only (a valid resident id is never
// also a phone number; a BSN is a bare run of exactly nine digits). A number that follows an
// order, invoice, tracking or reference keyword ("ordernummer", "tracking", "订单号") is not
// reported as a BSN or card even when its checksum passes by chance. Digit runs that are part of
// a longer run of digits or letters are not reported, so order numbers do not trip it; Chinese
// ideographs are no letters here (Chinese puts no spaces between words and numbers).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sp::privacy {

// The type names are those of issue 19's privacy scan API.
enum class PersonalDataType { Email, Phone, Iban, Bsn, CnResidentId, Card, Passport, DateOfBirth, Address };

// "email", "phone", "iban", "bsn", "cn_resident_id", "card", "passport", "date_of_birth",
// "address".
std::string_view to_string(PersonalDataType type);
// The type named by to_string, or nothing.
std::optional<PersonalDataType> parse_personal_data_type(std::string_view name);

struct PersonalDataMatch {
  PersonalDataType type = PersonalDataType::Email;
  std::size_t start = 0;  // code points
  std::size_t end = 0;    // code points, exclusive
  // The value normalised for comparison: e-mail lower-cased, phone digits only (a leading
  // "+" kept), IBAN upper-case without spaces, id and card numbers as digits (X upper-case),
  // passport numbers upper-case, dates of birth as YYYY-MM-DD, addresses as written.
  std::string normalized;
};

// The code points of UTF-8 `text` as the spans count them (an invalid byte is one U+FFFD).
std::u32string to_code_points(std::string_view text);

struct ScanOptions {
  // "nl", "en", "zh" or empty: which country a national phone number ("06 ...", "010-...")
  // is tried in first (nl: NL then CN, zh: CN then NL, en/empty: NL, CN, GB, US).
  std::string_view language;
  std::size_t max_matches = 1000;  // the rest are dropped
};

// Every match in `text`, ordered by start.
std::vector<PersonalDataMatch> find_personal_data(std::string_view text, const ScanOptions& options);
std::vector<PersonalDataMatch> find_personal_data(std::string_view text, std::size_t max_matches = 1000);

// Checksums, exposed for tests and for issue 19's masking.
// True when `iban` (upper-case letters and digits, no spaces) has a valid length of 15..34 and
// passes ISO 13616 mod-97.
bool is_valid_iban(std::string_view iban);
// True when `digits` is nine digits that pass the Dutch 11-test (and are not all zero).
bool is_valid_bsn(std::string_view digits);
// True when `id` is 17 digits and a check character (digit or X) per GB 11643-1999, with a
// birth date (positions 7..14) that exists and lies between 1900-01-01 and 2099-12-31.
bool is_valid_cn_resident_id(std::string_view id);

// True when `digits` (digits only) passes the Luhn check.
bool passes_luhn(std::string_view digits);
// True when `digits` passes Luhn and has the prefix and length of a major card scheme (Visa,
// Mastercard, American Express, Discover, JCB, UnionPay, Diners Club, Maestro).
bool is_valid_card(std::string_view digits);
// True when libphonenumber accepts `number` (as written, e.g. "+31 6 12345678" or
// "010-12345678") as a valid number, international or national in one of the countries that
// `language` selects (see ScanOptions).
bool is_valid_phone(std::string_view number, std::string_view language);

// The same phone number for comparison purposes: true when both have at least 9 digits and
// their last nine digits agree (so "+31 6 1234 5678" equals "06-12345678").
bool same_phone(std::string_view a, std::string_view b);

}  // namespace sp::privacy

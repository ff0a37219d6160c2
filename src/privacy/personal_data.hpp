// Finds personal data in text: e-mail addresses, phone numbers, IBANs, Dutch BSNs and Chinese
// resident identity numbers, each with the span where it occurs.
//
// Pure and thread-safe: no I/O, no global state, never throws. Text is UTF-8 (invalid bytes
// count as one code point each); spans are code-point offsets [start, end). A number that
// passes a checksum is reported as the most specific type only (a valid resident id is never
// also a phone number; a BSN is a bare run of exactly nine digits). Digit runs that are part of
// a longer run of digits or letters are not reported, so order numbers do not trip it; Chinese
// ideographs are no letters here (Chinese puts no spaces between words and numbers).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sp::privacy {

// The type names are those of issue 19's privacy scan API.
enum class PersonalDataType { Email, Phone, Iban, Bsn, CnResidentId };

// "email", "phone", "iban", "bsn", "cn_resident_id".
std::string_view to_string(PersonalDataType type);

struct PersonalDataMatch {
  PersonalDataType type = PersonalDataType::Email;
  std::size_t start = 0;  // code points
  std::size_t end = 0;    // code points, exclusive
  // The value normalised for comparison: e-mail lower-cased, phone digits only (a leading
  // "+" kept), IBAN upper-case without spaces, id numbers as digits (X upper-case).
  std::string normalized;
};

// The code points of UTF-8 `text` as the spans count them (an invalid byte is one U+FFFD).
std::u32string to_code_points(std::string_view text);

// Every match in `text`, ordered by start. At most `max_matches` (the rest are dropped).
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

// The same phone number for comparison purposes: true when both have at least 9 digits and
// their last nine digits agree (so "+31 6 1234 5678" equals "06-12345678").
bool same_phone(std::string_view a, std::string_view b);

}  // namespace sp::privacy

// The one text toolkit of servicepact: UTF-8 decoding and repair, ASCII case folding and
// trimming, HTML/XML escaping and percent-decoding. Every part uses these instead of its own
// copy, so "valid UTF-8", "whitespace" and "escaped" mean the same thing everywhere.
// Pure and thread-safe: no locale, no global state, never throws. Strings are UTF-8 bytes;
// code points are Unicode scalar values (no surrogates, at most U+10FFFF).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sp::text {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;
inline constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

// ---------------------------------------------------------------------------------------
// UTF-8 (RFC 3629)

// One decoded code point: `length` bytes (1 to 4) starting at the position asked for.
// An invalid sequence decodes as U+FFFD of length 1 with valid == false, so a scan that
// steps by `length` always advances and never reads past the end.
struct DecodedCodePoint {
  char32_t code_point = kReplacementCharacter;
  std::size_t length = 1;
  bool valid = false;
};

// Decodes the code point starting at text[pos]. Rejects stray continuation bytes,
// truncated sequences, overlong encodings, surrogates (U+D800..U+DFFF) and values above
// U+10FFFF. REQUIRES: pos < text.size().
DecodedCodePoint decode_utf8(std::string_view text, std::size_t pos);

// Length of the valid UTF-8 sequence starting at text[pos], or 0 when it is invalid.
// REQUIRES: pos < text.size().
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

// True when all of `text` is well-formed UTF-8 (the empty string is).
bool is_valid_utf8(std::string_view text);

// `text` with each byte that does not start a valid sequence replaced by U+FFFD.
std::string make_valid_utf8(std::string_view text);

// Appends the UTF-8 encoding of `code_point`; surrogates and values above U+10FFFF are
// written as U+FFFD.
void append_utf8(std::string& out, char32_t code_point);

// The start of the code point that ends just before `pos`: at most three continuation bytes
// are stepped over, so malformed text still moves back. REQUIRES: 0 < pos <= text.size().
std::size_t previous_code_point_start(std::string_view text, std::size_t pos);

// The longest prefix of `text` of at most `max_bytes` bytes that does not cut a
// multi-byte sequence in two.
std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

// ---------------------------------------------------------------------------------------
// ASCII

inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// `text` with A-Z lowered; every other byte (including UTF-8) is kept.
std::string ascii_lower(std::string_view text);

// Space, tab, LF, VT, FF and CR: what isspace() accepts in the "C" locale.
inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// `text` without leading and trailing ASCII whitespace (is_ascii_space).
std::string_view trim(std::string_view text);

// Equal, ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);

// `text` starts with `prefix`, ignoring ASCII case.
bool istarts_with(std::string_view text, std::string_view prefix);

// The first position at or after `from` where `needle` occurs ignoring ASCII case, or npos.
std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0);

// 0-15 for a hexadecimal digit (either case), -1 for any other character.
int hex_digit_value(char c);

// ---------------------------------------------------------------------------------------
// HTML and XML

// Escapes `text` for HTML or XML character data and for quoted attribute values alike:
// & < > " ' become &amp; &lt; &gt; &quot; &#39;, and { } become &#123; &#125; so that no
// value can ever read as a "{{placeholder}}" (ours or a client-side template's). Bytes that
// are not valid UTF-8 and control characters other than tab, LF and CR (NUL included; XML
// forbids them and HTML treats them as parse errors) become U+FFFD, so the output is always
// well-formed UTF-8.
std::string html_escape(std::string_view text);

// ---------------------------------------------------------------------------------------
// Percent-encoding (RFC 3986 section 2.1; WHATWG URL "percent-decode")

// What '+' means: itself in a URL path, a space in a query or an
// application/x-www-form-urlencoded body.
enum class PlusSign { Literal, Space };

// Decodes %XX escapes (either case). Strict: nullopt when a '%' is not followed by two
// hexadecimal digits, for callers that refuse a malformed request target.
std::optional<std::string> percent_decode(std::string_view text, PlusSign plus = PlusSign::Literal);

// Decodes %XX escapes like percent_decode, but a malformed escape stays as it is (WHATWG's
// percent-decode, used for form bodies), so it never fails.
std::string percent_decode_lenient(std::string_view text, PlusSign plus = PlusSign::Literal);

// The byte offset of the first '{' or '[' (outside strings) that nests JSON text deeper than
// `max_depth`, or none: checked before a recursive parser sees hostile input.
std::optional<std::size_t> json_nesting_exceeded_at(std::string_view text, int max_depth);

}  // namespace sp::text

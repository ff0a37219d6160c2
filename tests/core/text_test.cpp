#include "core/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sp::text {
namespace {

using namespace std::string_literals;

TEST(DecodeUtf8, DecodesOneToFourByteSequences) {
  EXPECT_EQ(decode_utf8("a", 0).code_point, U'a');
  const auto two = decode_utf8("\xC3\xA9", 0);  // é
  EXPECT_TRUE(two.valid);
  EXPECT_EQ(two.code_point, U'\u00E9');
  EXPECT_EQ(two.length, 2u);
  const auto three = decode_utf8("x\xE6\x89\xBF", 1);  // 承
  EXPECT_EQ(three.code_point, U'\u627F');
  EXPECT_EQ(three.length, 3u);
  const auto four = decode_utf8("\xF0\x9F\x98\x80", 0);  // 😀
  EXPECT_EQ(four.code_point, U'\U0001F600');
  EXPECT_EQ(four.length, 4u);
  EXPECT_EQ(decode_utf8("\xF4\x8F\xBF\xBF", 0).code_point, U'\U0010FFFF');
}

TEST(DecodeUtf8, InvalidSequencesDecodeAsOneReplacementByte) {
  for (const std::string& bad :
       {"\x80"s, "\xBF"s, "\xFF"s, "\xFE"s, "\xF5\x80\x80\x80"s, "\xC3\x28"s, "\xE6\x89\x28"s}) {
    const auto decoded = decode_utf8(bad, 0);
    EXPECT_FALSE(decoded.valid) << bad;
    EXPECT_EQ(decoded.code_point, kReplacementCharacter);
    EXPECT_EQ(decoded.length, 1u);
  }
}

TEST(DecodeUtf8, RejectsOverlongEncodings) {
  EXPECT_FALSE(decode_utf8("\xC0\xAF", 0).valid);  // '/' in two bytes
  EXPECT_FALSE(decode_utf8("\xC1\xBF", 0).valid);
  EXPECT_FALSE(decode_utf8("\xE0\x80\xAF", 0).valid);      // '/' in three bytes
  EXPECT_FALSE(decode_utf8("\xE0\x9F\xBF", 0).valid);      // U+07FF in three bytes
  EXPECT_FALSE(decode_utf8("\xF0\x80\x80\xAF", 0).valid);  // '/' in four bytes
  EXPECT_FALSE(decode_utf8("\xF0\x8F\xBF\xBF", 0).valid);  // U+FFFF in four bytes
  EXPECT_TRUE(decode_utf8("\xE0\xA0\x80", 0).valid);       // U+0800, the first three-byte one
}

TEST(DecodeUtf8, RejectsSurrogatesAndValuesBeyondTheLastCodePoint) {
  EXPECT_FALSE(decode_utf8("\xED\xA0\x80", 0).valid);      // U+D800
  EXPECT_FALSE(decode_utf8("\xED\xBF\xBF", 0).valid);      // U+DFFF
  EXPECT_TRUE(decode_utf8("\xED\x9F\xBF", 0).valid);       // U+D7FF
  EXPECT_FALSE(decode_utf8("\xF4\x90\x80\x80", 0).valid);  // U+110000
}

TEST(DecodeUtf8, RejectsTruncatedSequencesWithoutReadingPastTheEnd) {
  const std::string text = "ab\xE6\x89\xBF";
  EXPECT_FALSE(decode_utf8(std::string_view(text).substr(0, 4), 2).valid);
  EXPECT_FALSE(decode_utf8("\xF0\x9F\x98", 0).valid);
  EXPECT_FALSE(decode_utf8("\xC3", 0).valid);
}

TEST(Utf8, ValidityAndRepairAgree) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("承诺 café 😀"));
  EXPECT_FALSE(is_valid_utf8("a\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("ok\xE6\x89"));
  EXPECT_EQ(make_valid_utf8("a\xFF"
                            "b"),
            "a\xEF\xBF\xBD"
            "b");
  // Each byte of a bad sequence is replaced on its own, the next valid one is kept.
  EXPECT_EQ(make_valid_utf8("\xE6\x89"
                            "x"),
            "\xEF\xBF\xBD\xEF\xBF\xBD"
            "x");
  EXPECT_EQ(make_valid_utf8("承诺"), "承诺");
  EXPECT_EQ(utf8_sequence_length("\xE6\x89\xBF", 0), 3u);
  EXPECT_EQ(utf8_sequence_length("\xE6\x89", 0), 0u);
}

TEST(Utf8, AppendEncodesAndReplacesSurrogates) {
  std::string out;
  append_utf8(out, U'a');
  append_utf8(out, U'\u00E9');
  append_utf8(out, U'\u627F');
  append_utf8(out, U'\U0001F600');
  EXPECT_EQ(out, "a\xC3\xA9\xE6\x89\xBF\xF0\x9F\x98\x80");
  out.clear();
  append_utf8(out, 0xD800);
  append_utf8(out, 0x110000);
  EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8, StepsBackAndTruncatesAtCodePointBoundaries) {
  const std::string text = "a承b";  // a, 3 bytes, b
  EXPECT_EQ(previous_code_point_start(text, 4), 1u);
  EXPECT_EQ(previous_code_point_start(text, 5), 4u);
  EXPECT_EQ(previous_code_point_start(text, 1), 0u);
  EXPECT_EQ(truncate_utf8(text, 3), "a");
  EXPECT_EQ(truncate_utf8(text, 4), "a承");
  EXPECT_EQ(truncate_utf8(text, 10), text);
  EXPECT_EQ(truncate_utf8(text, 0), "");
}

TEST(Ascii, LowersOnlyAsciiLetters) {
  EXPECT_EQ(ascii_lower("Hello WORLD 123 ÉÀ"), "hello world 123 ÉÀ");
  EXPECT_EQ(ascii_lower('Q'), 'q');
  EXPECT_EQ(ascii_lower('['), '[');
}

TEST(Ascii, TrimRemovesAsciiWhitespaceAtBothEnds) {
  EXPECT_EQ(trim("  \t\r\n\v\fx y\n "), "x y");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("\xC2\xA0x"), "\xC2\xA0x");  // no-break space is not ASCII whitespace
}

TEST(Ascii, CaseInsensitiveComparisonAndSearch) {
  EXPECT_TRUE(iequals("Content-Type", "content-TYPE"));
  EXPECT_FALSE(iequals("abc", "abcd"));
  EXPECT_TRUE(istarts_with("Re: hello", "RE:"));
  EXPECT_FALSE(istarts_with("R", "RE:"));
  EXPECT_EQ(ifind("a <BODY> b", "<body>"), 2u);
  EXPECT_EQ(ifind("abc", "x"), std::string_view::npos);
  EXPECT_EQ(ifind("abc", "", 1), 1u);
  EXPECT_EQ(hex_digit_value('7'), 7);
  EXPECT_EQ(hex_digit_value('b'), 11);
  EXPECT_EQ(hex_digit_value('F'), 15);
  EXPECT_EQ(hex_digit_value('g'), -1);
}

TEST(HtmlEscape, EscapesAllFiveMarkupCharactersAndBraces) {
  EXPECT_EQ(html_escape("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;");
  EXPECT_EQ(html_escape("<a title='x'>\"&\"</a>"), "&lt;a title=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
  EXPECT_EQ(html_escape("{{x}}"), "&#123;&#123;x&#125;&#125;");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");  // escaping is not idempotent, by design
}

TEST(HtmlEscape, KeepsTextAndWhitespaceButReplacesControlsAndBadUtf8) {
  EXPECT_EQ(html_escape("承诺 café"), "承诺 café");
  EXPECT_EQ(html_escape("a\tb\r\nc"), "a\tb\r\nc");
  EXPECT_EQ(html_escape("a"s + '\0' + "b\x01"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(html_escape("a\xFF"
                        "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(html_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(PercentDecode, DecodesEscapesOfEitherCase) {
  EXPECT_EQ(percent_decode("/a%20b%2Fc%2f"), "/a b/c/");
  EXPECT_EQ(percent_decode("%E6%89%BF"), "承");
  EXPECT_EQ(percent_decode(""), "");
}

TEST(PercentDecode, PlusIsASpaceOnlyWhenAsked) {
  EXPECT_EQ(percent_decode("a+b%2B"), "a+b+");
  EXPECT_EQ(percent_decode("a+b%2B", PlusSign::Space), "a b+");
  EXPECT_EQ(percent_decode_lenient("a+b", PlusSign::Space), "a b");
}

TEST(PercentDecode, StrictDecodingRefusesBadEscapes) {
  EXPECT_FALSE(percent_decode("%"));
  EXPECT_FALSE(percent_decode("a%2"));
  EXPECT_FALSE(percent_decode("%zz"));
  EXPECT_FALSE(percent_decode("%2g"));
  EXPECT_FALSE(percent_decode("ok%20then%"));
}

TEST(PercentDecode, LenientDecodingKeepsBadEscapesAsTheyAre) {
  EXPECT_EQ(percent_decode_lenient("100%"), "100%");
  EXPECT_EQ(percent_decode_lenient("a%2"), "a%2");
  EXPECT_EQ(percent_decode_lenient("%zz%41"), "%zzA");
  EXPECT_EQ(percent_decode_lenient("%%41"), "%A");
}

}  // namespace
TEST(JsonNesting, DepthIsCountedOutsideStringsAndTheFirstTooDeepBracketIsNamed) {
  EXPECT_FALSE(json_nesting_exceeded_at(R"({"a":[1,{"b":2}]})", 3));
  EXPECT_EQ(json_nesting_exceeded_at(R"({"a":[1,{"b":2}]})", 2), 8u);
  // Brackets inside strings, also after an escaped quote, do not count.
  EXPECT_FALSE(json_nesting_exceeded_at(R"({"a":"[[[{\"[[["})", 1));
  EXPECT_EQ(json_nesting_exceeded_at("[[[]]][[[[", 3), 9u);
}

}  // namespace sp::text

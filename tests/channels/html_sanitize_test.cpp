#include "channels/html_sanitize.hpp"

#include <gtest/gtest.h>

namespace sp::channels {
namespace {

struct SanitizeCase {
  const char* name;
  std::string input;
  std::string expected;
};

void PrintTo(const SanitizeCase& c, std::ostream* os) {
  *os << c.name;
}

class HtmlSanitize : public ::testing::TestWithParam<SanitizeCase> {};

TEST_P(HtmlSanitize, ProducesTheExpectedFragment) {
  EXPECT_EQ(sanitize_html(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HtmlSanitize,
    ::testing::Values(
        SanitizeCase{"plain_text_is_escaped", "a < b & \"c\"", "a &lt; b &amp; &quot;c&quot;"},
        SanitizeCase{"allowed_tags_kept", "<p>Hi <b>there</b><br/><i>x</i></p>",
                     "<p>Hi <b>there</b><br><i>x</i></p>"},
        SanitizeCase{"script_dropped_with_content", "a<script>alert(1)</script>b", "ab"},
        SanitizeCase{"script_case_and_spaces", "a<ScRiPt type=x>alert('</p>')</SCRIPT >b", "ab"},
        SanitizeCase{"style_dropped", "<style>p{}</style><p>x</p>", "<p>x</p>"},
        SanitizeCase{"iframe_object_embed_form",
                     "<iframe src=x>i</iframe><object>o</object><embed src=y>"
                     "<form action=z><input name=q>f</form>ok",
                     "ok"},
        SanitizeCase{"event_handlers_removed", "<p onclick=\"evil()\" onmouseover=x>t</p>", "<p>t</p>"},
        SanitizeCase{"style_attribute_removed", "<div style=\"background:url(javascript:x)\">d</div>",
                     "<div>d</div>"},
        SanitizeCase{"javascript_link_loses_href", "<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"},
        SanitizeCase{"obfuscated_javascript_link", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>"},
        SanitizeCase{"entity_encoded_scheme", "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"},
        SanitizeCase{"data_link_rejected", "<a href=\"data:text/html,<script>\">x</a>", "<a>x</a>"},
        SanitizeCase{"https_link_gets_rel", "<a href='https://example.nl/?a=1&amp;b=2' target=_blank>x</a>",
                     "<a href=\"https://example.nl/?a=1&amp;b=2\" rel=\"noopener noreferrer "
                     "nofollow\">x</a>"},
        SanitizeCase{"mailto_link", "<a href=\"mailto:a@b.c\">mail</a>",
                     "<a href=\"mailto:a@b.c\" rel=\"noopener noreferrer nofollow\">mail</a>"},
        SanitizeCase{"img_cid_kept", "<img src=\"cid:logo@x\" alt=\"Logo\" onerror=x>",
                     "<img src=\"cid:logo@x\" alt=\"Logo\">"},
        SanitizeCase{"img_data_png_kept", "<img src=\"data:image/png;base64,iVBOR+/=\">",
                     "<img src=\"data:image/png;base64,iVBOR+/=\">"},
        SanitizeCase{"img_remote_dropped", "<img src=\"https://tracker.example/p.gif\">x", "x"},
        SanitizeCase{"img_svg_data_dropped", "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">x", "x"},
        SanitizeCase{"unknown_tags_unwrapped", "<html><body><font color=red>hi</font></body></html>", "hi"},
        SanitizeCase{"unclosed_tags_closed", "<p><b>bold", "<p><b>bold</b></p>"},
        SanitizeCase{"misnested_closed_in_order", "<b><i>x</b>y</i>", "<b><i>x</i></b>y"},
        SanitizeCase{"stray_close_ignored", "</div>x</p>", "x"},
        SanitizeCase{"comments_removed", "a<!-- <script>alert(1)</script> -->b", "ab"},
        SanitizeCase{"attribute_breakout",
                     "<a href=\"https://x/\" title='\"><script>alert(1)</script>'>t</a>",
                     "<a href=\"https://x/\" title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" "
                     "rel=\"noopener noreferrer nofollow\">t</a>"},
        SanitizeCase{"table_kept", "<table><tr><td colspan=2 width=9>c</td></tr></table>",
                     "<table><tr><td colspan=\"2\">c</td></tr></table>"},
        SanitizeCase{"svg_dropped", "<svg><script>alert(1)</script></svg>ok", "ok"},
        SanitizeCase{"lone_lt", "1 < 2 <3", "1 &lt; 2 &lt;3"},
        SanitizeCase{"entities_normalised", "&amp;&lt;&euro;&#x4F60;&bogus;", "&amp;&lt;€你&amp;bogus;"},
        SanitizeCase{"unterminated_tag", "ok<p title=\"x", "ok"},
        SanitizeCase{"headings", "<h1>T</h1><h6>t</h6>", "<h1>T</h1><h6>t</h6>"}),
    [](const ::testing::TestParamInfo<SanitizeCase>& info) { return std::string(info.param.name); });

TEST(HtmlSanitize, DeepNestingIsBounded) {
  std::string html;
  for (int idx = 0; idx < 10000; ++idx) {
    html += "<div>";
  }
  const std::string out = sanitize_html(html);
  EXPECT_LT(out.size(), 10000u * 5);
  EXPECT_EQ(out.substr(0, 5), "<div>");
}

TEST(HtmlSanitize, InvalidUtf8IsReplaced) {
  EXPECT_EQ(sanitize_html("a\xff"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(HtmlToText, BlocksListsLinksAndEntities) {
  EXPECT_EQ(html_to_text("<p>Hello&nbsp;<b>world</b></p><p>Second   paragraph\nwrapped</p>"
                         "<ul><li>one</li><li>two</li></ul><a href=\"https://x.example/\">site</a>"),
            "Hello\xC2\xA0world\n\nSecond paragraph wrapped\n\n- one\n- two\n\nsite "
            "<https://x.example/>");
}

TEST(HtmlToText, DropsInvisibleContentAndKeepsPre) {
  EXPECT_EQ(html_to_text("<html><head><title>T</title><style>x{}</style></head><body>"
                         "<script>var a;</script>A<br>B<pre>  x\n  y</pre></body></html>"),
            "A\nB\n\n  x\n  y");
}

TEST(HtmlToText, LinkWhoseTextIsTheUrlIsNotRepeated) {
  EXPECT_EQ(html_to_text("<a href=\"https://x.example/\">https://x.example/</a>"), "https://x.example/");
  EXPECT_EQ(html_to_text("<a href=\"mailto:a@b.c\">a@b.c</a>"), "a@b.c");
  EXPECT_EQ(html_to_text("<a href=\"javascript:x\">click</a>"), "click");
}

}  // namespace
}  // namespace sp::channels

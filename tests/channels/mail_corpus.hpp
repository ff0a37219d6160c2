// The test corpus of inbound messages, built in code so the bytes are exact (charset samples
// were encoded with iconv when the tests were written and are kept here as escapes). Each
// function returns one raw RFC 5322 message; all_corpus() lists them for the "never crashes"
// sweep and can seed a fuzzer or an IMAP integration test.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sp::channels::corpus {

inline std::string crlf(std::string lf_text) {
  std::string out;
  for (char c : lf_text) {
    if (c == '\n') {
      out += "\r\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

inline std::string headers(const std::string& subject_header, const std::string& extra = {}) {
  return "From: Jan de Vries <Jan.deVries@Example.NL >\n"
         "To: support@desk.example\n"
         "Subject: " +
         subject_header +
         "\n"
         "Date: Mon, 23 Nov 2026 10:15:00 +0100\n"
         "Message-ID: <m1@example.nl>\n" +
         extra;
}

// A single text/plain part in `charset` with the given (already encoded) body bytes.
inline std::string single_part(const std::string& charset, const std::string& body_bytes,
                               const std::string& transfer_encoding = "8bit") {
  return headers("Charset test") +
         "MIME-Version: 1.0\n"
         "Content-Type: text/plain; charset=" +
         charset +
         "\n"
         "Content-Transfer-Encoding: " +
         transfer_encoding + "\n\n" + body_bytes + "\n";
}

// "Grüße aus Köln, naïve café"
inline const std::string kLatin1Bytes =
    "\x47\x72\xfc\xdf\x65\x20\x61\x75\x73\x20\x4b\xf6\x6c\x6e\x2c\x20\x6e\x61\xef\x76\x65\x20\x63"
    "\x61\x66\xe9";
// "Prijs: 5 € Œuvre"
inline const std::string kLatin9Bytes = "\x50\x72\x69\x6a\x73\x3a\x20\x35\x20\xa4\x20\xbc\x75\x76\x72\x65";
// "“Quoted” – 5 € … Œuvre"
inline const std::string kCp1252Bytes =
    "\x93\x51\x75\x6f\x74\x65\x64\x94\x20\x96\x20\x35\x20\x80\x20\x85\x20\x8c\x75\x76\x72\x65";
// "你好，世界"
inline const std::string kGb2312Bytes = "\xc4\xe3\xba\xc3\xa3\xac\xca\xc0\xbd\xe7";
// "你好，世界，镕" (镕 is in GBK but not GB2312)
inline const std::string kGbkBytes = "\xc4\xe3\xba\xc3\xa3\xac\xca\xc0\xbd\xe7\xa3\xac\xe9\x46";
// "你好𠀀€" (𠀀 needs a four-byte GB18030 sequence)
inline const std::string kGb18030Bytes = "\xc4\xe3\xba\xc3\x95\x32\x82\x36\xa2\xe3";
// "您好，世界"
inline const std::string kBig5Bytes = "\xb1\x7a\xa6\x6e\xa1\x41\xa5\x40\xac\xc9";

inline std::string multipart_alternative() {
  return crlf(headers("Order 1234") +
              "MIME-Version: 1.0\n"
              "Content-Type: multipart/alternative; boundary=\"alt-1\"\n"
              "\n"
              "This is a multi-part message in MIME format.\n"
              "--alt-1\n"
              "Content-Type: text/plain; charset=UTF-8\n"
              "Content-Transfer-Encoding: quoted-printable\n"
              "\n"
              "Hello,=0AMy order has not arrived. =E2=82=AC 25 paid.\n"
              "--alt-1\n"
              "Content-Type: text/html; charset=UTF-8\n"
              "\n"
              "<html><head><style>p{color:red}</style></head><body><p onclick=\"x()\">Hello,</p>"
              "<p>My order has <b>not</b> arrived. &euro; 25 "
              "paid.</p><script>alert(1)</script></body></html>\n"
              "--alt-1--\n");
}

inline std::string html_only() {
  return headers("HTML only") +
         "MIME-Version: 1.0\n"
         "Content-Type: text/html; charset=ISO-8859-1\n"
         "Content-Transfer-Encoding: 8bit\n"
         "\n"
         "<div>Dear team,<br>Gr\xfc\xdf"
         "e from <a href=\"https://example.nl/order\">my order page</a>.</div>"
         "<ul><li>one</li><li>two</li></ul>"
         "<img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">click</a>\n";
}

// mixed( related( alternative(text, html with cid image), inline png ), pdf attachment )
inline std::string with_attachments() {
  return headers("Invoice attached") +
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/mixed; boundary=\"mix\"\n"
         "\n"
         "--mix\n"
         "Content-Type: multipart/related; boundary=\"rel\"\n"
         "\n"
         "--rel\n"
         "Content-Type: multipart/alternative; boundary=\"alt\"\n"
         "\n"
         "--alt\n"
         "Content-Type: text/plain; charset=us-ascii\n"
         "\n"
         "See the logo and the invoice.\n"
         "--alt\n"
         "Content-Type: text/html; charset=us-ascii\n"
         "\n"
         "<p>See the logo <img src=\"cid:logo@example.nl\" alt=\"logo\"> and the invoice.</p>\n"
         "--alt--\n"
         "--rel\n"
         "Content-Type: image/png\n"
         "Content-Transfer-Encoding: base64\n"
         "Content-ID: <logo@example.nl>\n"
         "Content-Disposition: inline\n"
         "\n"
         "iVBORw0KGgo=\n"
         "--rel--\n"
         "--mix\n"
         "Content-Type: application/pdf; name=\"..\\\\..\\\\evil\\x01name.pdf\"\n"
         "Content-Transfer-Encoding: base64\n"
         "Content-Disposition: attachment; filename=\"../../etc/invoice\x01 2026.pdf\"\n"
         "\n"
         "JVBERi0xLjQKJcfsj6IK\n"
         "--mix--\n";
}

inline std::string forwarded() {
  return headers("Fwd: Complaint") +
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/mixed; boundary=\"fwd\"\n"
         "\n"
         "--fwd\n"
         "Content-Type: text/plain; charset=utf-8\n"
         "\n"
         "See below, my neighbour has the same problem.\n"
         "--fwd\n"
         "Content-Type: message/rfc822\n"
         "Content-Disposition: inline\n"
         "\n"
         "From: Piet <piet@example.nl>\n"
         "To: jan.devries@example.nl\n"
         "Subject: =?UTF-8?Q?Storing_in_Utrecht?=\n"
         "Message-ID: <inner-1@example.nl>\n"
         "Content-Type: text/plain; charset=utf-8\n"
         "\n"
         "No internet since Monday.\n"
         "Second line.\n"
         "--fwd--\n";
}

inline std::string auto_submitted() {
  return headers("Out of office", "Auto-Submitted: auto-replied\n") + "\nI am away until Monday.\n";
}
inline std::string auto_submitted_no() {
  return headers("Regular", "Auto-Submitted: no\n") + "\nHello.\n";
}
inline std::string precedence_bulk() {
  return headers("Newsletter", "Precedence: bulk\n") + "\nNews.\n";
}
inline std::string precedence_list() {
  return headers("List mail", "Precedence: List\n") + "\nList.\n";
}
inline std::string precedence_junk() {
  return headers("Junk", "Precedence: junk\n") + "\nJunk.\n";
}
inline std::string suppress_header() {
  return headers("Automatic reply: Order", "X-Auto-Response-Suppress: All\n") + "\nAway.\n";
}
inline std::string list_id() {
  return headers("[users] digest", "List-Id: Users <users.lists.example.org>\n") + "\nDigest.\n";
}
inline std::string mailer_daemon() {
  return "From: MAILER-DAEMON@mx.example.nl\nTo: support@desk.example\nSubject: Undeliverable\n"
         "Message-ID: <md@mx.example.nl>\n\nCould not deliver.\n";
}
inline std::string noreply_sender() {
  return "From: Shop <no-reply@shop.example>\nTo: support@desk.example\nSubject: Your receipt\n"
         "Message-ID: <nr@shop.example>\n\nReceipt.\n";
}

inline std::string dsn_bounce() {
  return crlf(
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.nl>\n"
      "To: support@desk.example\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "Message-ID: <bounce-1@mx.example.nl>\n"
      "Auto-Submitted: auto-replied\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"dsn\"\n"
      "\n"
      "--dsn\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "This is the mail system at host mx.example.nl.\n"
      "I'm sorry to have to inform you that your message could not be delivered.\n"
      "--dsn\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mx.example.nl\n"
      "Arrival-Date: Mon, 23 Nov 2026 10:15:00 +0100\n"
      "\n"
      "Final-Recipient: rfc822; Nobody@Example.NL\n"
      "Original-Recipient: rfc822;nobody@example.nl\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "Remote-MTA: dns; mail.example.nl\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.nl>:\n"
      "    Recipient address rejected: User unknown\n"
      "--dsn\n"
      "Content-Type: text/rfc822-headers\n"
      "\n"
      "From: support@desk.example\n"
      "To: nobody@example.nl\n"
      "Subject: [#T-1234] Your question\n"
      "Message-ID: <out-42@desk.example>\n"
      "--dsn--\n");
}

inline std::string missing_end_boundary() {
  return headers("Truncated") +
         "MIME-Version: 1.0\n"
         "Content-Type: multipart/mixed; boundary=\"b1\"\n"
         "\n"
         "--b1\n"
         "Content-Type: text/plain\n"
         "\n"
         "The text survives.\n"
         "--b1\n"
         "Content-Type: application/octet-stream\n"
         "Content-Disposition: attachment; filename=data.bin\n"
         "Content-Transfer-Encoding: base64\n"
         "\n"
         "AAEC\n";
}

inline std::string bad_base64() {
  return headers("Bad base64") +
         "MIME-Version: 1.0\n"
         "Content-Type: text/plain; charset=utf-8\n"
         "Content-Transfer-Encoding: base64\n"
         "\n"
         "SGVsbG8g!!!***%%%d29y\xff\xfe bGQ=====\n";
}

inline std::string garbage_headers() {
  return std::string(
      "From: <<<@@@>>>\n"
      "Subject: =?UTF-8?B?!!!?= =?unknown-charset?Q?abc?= \xff\xfe\n"
      "Date: not a date at all\n"
      "Content-Type: multipart/mixed\n"  // no boundary
      "Message-ID: <<>>\n"
      "References: <<<a> <b>\n"
      "::::\n"
      " \t folded nothing\n"
      "\n"
      "--x\nbody\n");
}

inline std::string binary_junk() {
  std::string junk;
  unsigned state = 12345;
  for (int idx = 0; idx < 4096; ++idx) {
    state = state * 1103515245u + 12345u;
    junk.push_back(static_cast<char>((state >> 16) & 0xFF));
  }
  return junk;
}

// RFC 2047 subject: Q in ISO-8859-1, B in GB2312, B in Big5, separated by whitespace that
// must disappear between adjacent encoded words (RFC 2047 section 6.2).
inline std::string rfc2047_subject() {
  return headers("=?ISO-8859-1?Q?Gr=FC=DFe?= =?GB2312?B?xOO6ww==?=\n =?Big5?B?sXqmbg==?= [#T-77]") +
         "\nBody.\n";
}

// Found trying real mail (issue 16): a NUL in an 8bit body, from a sender's broken software.
inline std::string nul_in_8bit_body() {
  std::string body = "Mijn modem is stuk.";
  body.push_back('\0');
  body += "Na de NUL: nog steeds stuk.";
  return single_part("utf-8", body);
}

// A text part at the top, then multiparts nested `depth` levels (beyond the cap of 16).
inline std::string nested_beyond_cap(int depth = 20) {
  std::string raw = headers("Diep genest") +
                    "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"top\"\n\n--top\n"
                    "Content-Type: text/plain; charset=utf-8\n\nBovenste tekst.\n--top\n";
  for (int level = 0; level < depth; ++level) {
    raw += "Content-Type: multipart/mixed; boundary=\"n" + std::to_string(level) + "\"\n\n--n" +
           std::to_string(level) + "\n";
  }
  raw += "Content-Type: text/plain\n\nonderin\n";
  for (int level = depth - 1; level >= 0; --level) {
    raw += "--n" + std::to_string(level) + "--\n";
  }
  return raw + "--top--\n";
}

inline std::vector<std::pair<std::string, std::string>> all_corpus() {
  return {
      {"latin1", single_part("ISO-8859-1", kLatin1Bytes)},
      {"latin9", single_part("ISO-8859-15", kLatin9Bytes)},
      {"cp1252", single_part("windows-1252", kCp1252Bytes)},
      {"gb2312", single_part("GB2312", kGb2312Bytes)},
      {"gbk", single_part("GBK", kGbkBytes)},
      {"gb18030", single_part("GB18030", kGb18030Bytes)},
      {"big5", single_part("Big5", kBig5Bytes)},
      {"unknown_charset", single_part("x-klingon", kLatin1Bytes)},
      {"multipart_alternative", multipart_alternative()},
      {"html_only", html_only()},
      {"attachments", with_attachments()},
      {"forwarded", forwarded()},
      {"auto_submitted", auto_submitted()},
      {"precedence_bulk", precedence_bulk()},
      {"suppress", suppress_header()},
      {"list_id", list_id()},
      {"mailer_daemon", mailer_daemon()},
      {"dsn", dsn_bounce()},
      {"missing_end_boundary", missing_end_boundary()},
      {"bad_base64", bad_base64()},
      {"garbage_headers", garbage_headers()},
      {"binary_junk", binary_junk()},
      {"rfc2047", rfc2047_subject()},
      {"nul_in_8bit_body", nul_in_8bit_body()},
      {"nested_beyond_cap", nested_beyond_cap()},
  };
}

}  // namespace sp::channels::corpus

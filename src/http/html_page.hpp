// Server-rendered pages that work without JavaScript (/contact, /survey): one page shell
// with a policy that allows nothing but posting the form back, output encoding, and the
// application/x-www-form-urlencoded bodies those forms post.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "http/http_types.hpp"

namespace sp::http {

// The page loads nothing and runs nothing; it may only post to itself.
inline constexpr const char* kFormPagePolicy =
    "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

// Text and (double-quoted) attribute values, encoded for HTML (core/text.hpp).
using text::html_escape;

// A complete page: `content` is trusted markup, `title` is escaped here. The page carries
// a token (form or survey link), so it is never cached and never leaks in a Referer.
HttpResponse html_page(int status, std::string_view lang, const std::string& title,
                       const std::string& content);

// WHATWG form decoding: '&'-separated name=value pairs, '+' for space, percent escapes
// (malformed ones stay as they are). The first value of each name wins.
std::map<std::string, std::string> parse_form_urlencoded(std::string_view body);

}  // namespace sp::http

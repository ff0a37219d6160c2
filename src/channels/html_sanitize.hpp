// Allowlist HTML sanitiser and HTML-to-text conversion for inbound mail and web-form input.
// Pure functions over strings; thread-safe; never throw. The input need not be well formed:
// the tokenizer is forgiving and the output is always balanced, escaped HTML.
//
// Kept: p br div span b i strong em u ul ol li blockquote pre code a img table thead tbody tr
// td th h1-h6. Attributes kept: a[href] (http, https, mailto only; rel="noopener noreferrer
// nofollow" is added), img[src] (cid: or data:image/png|gif|jpeg;base64 only) and img[alt],
// td/th[colspan|rowspan] (digits only). Removed with their content: script style iframe
// object embed form and other active or invisible containers (head title noscript template
// svg math applet frameset textarea select). Every other tag is removed but its text kept;
// all text and attribute values are re-escaped after entity decoding, so no markup survives
// unless it is on the list.
#pragma once

#include <string>
#include <string_view>

namespace sp::channels {

// Returns the sanitised HTML (a fragment: no html/head/body elements).
std::string sanitize_html(std::string_view html);

// Returns readable plain text (UTF-8, LF line endings): block elements and <br> become line
// breaks, list items start with "- ", links keep their target as "text <url>", entities are
// decoded, invisible containers (script, style, head, ...) are dropped.
std::string html_to_text(std::string_view html);

}  // namespace sp::channels

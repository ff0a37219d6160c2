// How a stored attachment is handed out: the Content-Disposition that makes every browser
// save it under its name (RFC 6266 with an RFC 5987/8187 filename*), and the Content-Type
// it is served with (never one a browser would run as a page). Pure and thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sp::channels {

// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded UTF-8>`.
// The fallback replaces non-ASCII, quotes, backslashes and control characters with "_";
// the filename* carries the exact name (attr-chars kept, everything else %XX). An empty
// name becomes "attachment".
std::string attachment_disposition(std::string_view filename);

// The type to serve: `sniffed` (lower case, parameters dropped) when it is a plain
// "type/subtype", application/octet-stream when it is empty, malformed, or could render as
// an active document (HTML, XHTML, SVG, XML, JavaScript).
std::string served_content_type(std::string_view sniffed);

// Sanitised mail HTML (html_sanitize.hpp) with each `src="cid:<id>"` pointed at `url_of(id)`
// (the inline image's download URL); a cid without a URL loses its src, so the page never
// loads anything but our own downloads and data: images the sanitiser kept.
std::string rewrite_cid_sources(std::string_view sanitised_html,
                                const std::function<std::optional<std::string>(std::string_view)>& url_of);

}  // namespace sp::channels

#include "channels/attachment_rules.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"

namespace sp::channels {

using namespace sp::text;  // NOLINT

namespace {

// RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
bool is_attr_char(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

std::string attachment_disposition(std::string_view filename) {
  std::string name = filename.empty() ? std::string("attachment") : make_valid_utf8(filename);
  std::string fallback;
  std::string extended;
  constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    bool printable_ascii = u >= 0x20 && u < 0x7F;
    fallback += (printable_ascii && c != '"' && c != '\\') ? c : '_';
    if (is_attr_char(u)) {
      extended += c;
    } else {
      extended += '%';
      extended += kHex[u >> 4];
      extended += kHex[u & 0x0F];
    }
  }
  // One "_" per byte of a multi-byte character would be noisy: squeeze runs of them.
  fallback.erase(
      std::unique(fallback.begin(), fallback.end(), [](char a, char b) { return a == '_' && b == '_'; }),
      fallback.end());
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + extended;
}

std::string served_content_type(std::string_view sniffed) {
  constexpr std::string_view kOctetStream = "application/octet-stream";
  auto type = ascii_lower(trim(sniffed.substr(0, sniffed.find(';'))));
  auto slash = type.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == type.size() ||
      type.find('/', slash + 1) != std::string::npos) {
    return std::string(kOctetStream);
  }
  for (char c : type) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '.' || c == '+' ||
                   c == '-' || c == '_';
    if (!allowed) return std::string(kOctetStream);
  }
  // Whatever a browser might render as a document with scripts is only ever downloaded.
  constexpr std::array<std::string_view, 5> kActive{"html", "svg", "xml", "javascript", "ecmascript"};
  for (auto active : kActive) {
    if (type.find(active) != std::string::npos) return std::string(kOctetStream);
  }
  return type;
}

std::string rewrite_cid_sources(std::string_view sanitised_html,
                                const std::function<std::optional<std::string>(std::string_view)>& url_of) {
  // The sanitiser writes every kept image source as ` src="<escaped>"`; text content has its
  // quotes escaped, so this pattern only ever starts an attribute.
  constexpr std::string_view kSource = " src=\"cid:";
  std::string out;
  std::size_t pos = 0;
  while (true) {
    auto found = sanitised_html.find(kSource, pos);
    if (found == std::string_view::npos) break;
    auto value_start = found + kSource.size();
    auto value_end = sanitised_html.find('"', value_start);
    if (value_end == std::string_view::npos) break;
    out.append(sanitised_html.substr(pos, found - pos));
    // Content-IDs are ASCII without '&' in practice; undo the one escape the sanitiser adds.
    std::string id(sanitised_html.substr(value_start, value_end - value_start));
    for (auto amp = id.find("&amp;"); amp != std::string::npos; amp = id.find("&amp;", amp + 1)) {
      id.replace(amp, 5, "&");
    }
    if (auto url = url_of(id)) out += " src=\"" + html_escape(*url) + "\"";
    pos = value_end + 1;
  }
  out.append(sanitised_html.substr(pos));
  return out;
}

}  // namespace sp::channels

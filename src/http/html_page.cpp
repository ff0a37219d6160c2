#include "http/html_page.hpp"

#include "channels/html_sanitize.hpp"

namespace sp::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t idx = 0; idx < text.size(); ++idx) {
    char c = text[idx];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && idx + 2 < text.size() && hex_value(text[idx + 1]) >= 0 &&
               hex_value(text[idx + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[idx + 1]) * 16 + hex_value(text[idx + 2]));
      idx += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string escape_html(std::string_view text) { return channels::escape_html(text); }

HttpResponse html_page(int status, std::string_view lang, const std::string& title,
                       const std::string& content) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = "<!DOCTYPE html>\n<html lang=\"" + escape_html(lang) +
                  "\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"robots\" content=\"noindex\">\n<title>" +
                  escape_html(title) + "</title>\n</head>\n<body>\n<main>\n" + content +
                  "</main>\n</body>\n</html>\n";
  response.header("Content-Security-Policy", kFormPagePolicy);
  // Api::handle adds no-store to errors itself.
  if (status < 400) response.header("Cache-Control", "no-store");
  response.header("Referrer-Policy", "no-referrer");
  return response;
}

std::map<std::string, std::string> parse_form_urlencoded(std::string_view body) {
  std::map<std::string, std::string> fields;
  while (!body.empty()) {
    auto end = body.find('&');
    auto pair = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto name = form_decode(pair.substr(0, eq));
    auto value = eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
    fields.emplace(std::move(name), std::move(value));
  }
  return fields;
}

}  // namespace sp::http

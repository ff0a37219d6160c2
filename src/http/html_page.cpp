#include "http/html_page.hpp"

namespace sp::http {

HttpResponse html_page(int status, std::string_view lang, const std::string& title,
                       const std::string& content) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = "<!DOCTYPE html>\n<html lang=\"" + html_escape(lang) +
                  "\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"robots\" content=\"noindex\">\n<title>" +
                  html_escape(title) + "</title>\n</head>\n<body>\n<main>\n" + content +
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
    auto name = text::percent_decode_lenient(pair.substr(0, eq), text::PlusSign::Space);
    auto value = eq == std::string_view::npos
                     ? std::string()
                     : text::percent_decode_lenient(pair.substr(eq + 1), text::PlusSign::Space);
    fields.emplace(std::move(name), std::move(value));
  }
  return fields;
}

}  // namespace sp::http

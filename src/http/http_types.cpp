#include "http/http_types.hpp"

#include "core/text.hpp"

namespace sp::http {

std::optional<std::string> HttpRequest::header(const std::string& lower_name) const {
  auto found = headers.find(lower_name);
  if (found == headers.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> HttpRequest::query_param(const std::string& name) const {
  auto found = query.find(name);
  if (found == query.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> HttpRequest::cookie(std::string_view name) const {
  auto header_value = header("cookie");
  if (!header_value) return std::nullopt;
  std::string_view rest = *header_value;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    auto part = rest.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

bool parse_target(std::string_view target, std::string& path,
                  std::multimap<std::string, std::string>& query) {
  if (target.empty() || target.front() != '/') return false;
  auto question = target.find('?');
  auto decoded_path = text::percent_decode(target.substr(0, question));
  if (!decoded_path) return false;
  path = std::move(*decoded_path);
  if (path.find('\0') != std::string::npos) return false;
  if (question == std::string_view::npos) return true;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    auto pair = rest.substr(0, amp);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      auto key = text::percent_decode(pair.substr(0, eq), text::PlusSign::Space);
      if (!key) return false;
      std::optional<std::string> value = std::string();
      if (eq != std::string_view::npos) {
        value = text::percent_decode(pair.substr(eq + 1), text::PlusSign::Space);
        if (!value) return false;
      }
      query.emplace(std::move(*key), std::move(*value));
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return true;
}

}  // namespace sp::http

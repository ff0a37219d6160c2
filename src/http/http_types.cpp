#include "http/http_types.hpp"

namespace sp::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t idx = 0; idx < in.size(); ++idx) {
    char c = in[idx];
    if (c == '%') {
      if (idx + 2 >= in.size()) return false;
      int hi = hex_value(in[idx + 1]);
      int lo = hex_value(in[idx + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      idx += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

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
  if (!percent_decode(target.substr(0, question), path, false)) return false;
  if (path.find('\0') != std::string::npos) return false;
  if (question == std::string_view::npos) return true;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    auto pair = rest.substr(0, amp);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      std::string key, value;
      if (!percent_decode(pair.substr(0, eq), key, true)) return false;
      if (eq != std::string_view::npos && !percent_decode(pair.substr(eq + 1), value, true)) {
        return false;
      }
      query.emplace(std::move(key), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return true;
}

}  // namespace sp::http

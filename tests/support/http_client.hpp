// A minimal blocking HTTP/1.1 client for integration tests: one connection per request
// ("Connection: close"), reads until the server closes. Loopback only.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sp::testing {

// `text` percent-encoded for a query string or form body (space as +).
inline std::string url_encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

// The body as JSON; a discarded value when it is not JSON (never throws).
inline nlohmann::json body_of(const ClientResponse& response) {
  return nlohmann::json::parse(response.body, nullptr, false);
}

// Sends raw bytes and returns the raw reply (for malformed-request tests).
inline std::string send_raw(std::uint16_t port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return {};
  }
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string reply;
  char buf[65536];
  for (;;) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    reply.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return reply;
}

inline ClientResponse parse_reply(const std::string& reply) {
  ClientResponse response;
  auto head_end = reply.find("\r\n\r\n");
  if (head_end == std::string::npos || reply.size() < 12) return response;
  response.status = std::stoi(reply.substr(9, 3));
  std::size_t pos = reply.find("\r\n") + 2;
  while (pos < head_end) {
    auto end = reply.find("\r\n", pos);
    auto line = reply.substr(pos, end - pos);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (response.headers.count(name)) {
        response.headers[name] += "\n" + value;
      } else {
        response.headers[name] = value;
      }
    }
    pos = end + 2;
  }
  response.body = reply.substr(head_end + 4);
  return response;
}

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}

  // Extra headers are sent as given; session cookie and CSRF token are added when set.
  ClientResponse request(const std::string& method, const std::string& target, const std::string& body = {},
                         std::vector<std::pair<std::string, std::string>> headers = {}) const {
    std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    bool has_type = false;
    for (const auto& [name, value] : headers) {
      out += name + ": " + value + "\r\n";
      if (name == "Content-Type") has_type = true;
    }
    if (!body.empty() && !has_type) out += "Content-Type: application/json\r\n";
    if (!bearer.empty()) out += "Authorization: Bearer " + bearer + "\r\n";
    if (!cookie.empty()) out += "Cookie: " + cookie + "\r\n";
    if (!csrf.empty() && method != "GET") out += "X-CSRF-Token: " + csrf + "\r\n";
    if (!body.empty() || method == "POST" || method == "PATCH") {
      out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    out += "\r\n" + body;
    return parse_reply(send_raw(port_, out));
  }
  ClientResponse get(const std::string& target) const { return request("GET", target); }
  ClientResponse post(const std::string& target, const std::string& body) const {
    return request("POST", target, body);
  }

  std::string bearer;  // API token
  std::string cookie;  // "sp_session=..."
  std::string csrf;

 private:
  std::uint16_t port_;
};

}  // namespace sp::testing

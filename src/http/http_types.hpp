// Request and response as plain values, so routing, handlers and their tests never see
// Beast. server.cpp converts between these and Beast's message types.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp::http {

struct HttpRequest {
  std::string method;                             // "GET", "POST", ...
  std::string target;                             // path and query as sent
  std::string path;                               // percent-decoded path without the query
  std::multimap<std::string, std::string> query;  // decoded
  std::map<std::string, std::string> headers;     // names lower-cased
  std::string body;
  std::string remote_address;

  std::optional<std::string> header(const std::string& lower_name) const;
  std::optional<std::string> query_param(const std::string& name) const;
  std::optional<std::string> cookie(std::string_view name) const;
};

// A response that goes on: server-sent events. The server writes the headers, then
// calls poll() every few hundred milliseconds on its I/O thread and writes what it returns
// (which must not block), until the client leaves, the server drains or finished() says so.
class EventSource {
 public:
  virtual ~EventSource() = default;
  virtual std::string poll() = 0;
  virtual bool finished() const = 0;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<EventSource> stream;  // set: body is the stream's first text

  HttpResponse& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// Splits a request target into path and query, percent-decoding both. Fails (nullopt)
// on malformed escapes or a path not starting with '/'.
bool parse_target(std::string_view target, std::string& path, std::multimap<std::string, std::string>& query);

}  // namespace sp::http

// The built web pages (web/dist) served by the binary itself: the agent console at /,
// the customer portal at /portal, hashed assets under /assets/ cached for a year. Files
// are read once at start (the build is a few hundred KB); HTML carries a strict
// Content-Security-Policy (no inline script or style).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "http/http_types.hpp"

namespace sp::http {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

class StaticFiles {
 public:
  // Loads every file under `root`; a missing root gives an empty set (API-only server).
  static Result<StaticFiles> load(const std::string& root);
  // The response for a GET/HEAD of `path`, or nullopt when no file is there.
  std::optional<HttpResponse> serve(const HttpRequest& request) const;
  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content;
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  std::map<std::string, File> files_;  // by URL path
};

std::string content_type_for(const std::string& path);

}  // namespace sp::http

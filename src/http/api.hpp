// The REST API under /api/v1 plus /healthz, /readyz and /metrics: a route table and one
// handler per route, on plain HttpRequest/HttpResponse values (no Beast here). Handlers
// translate JSON to service calls and errors to problem+json. Thread-safe: handle() is
// called concurrently from the server's worker threads.
#pragma once

#include <atomic>
#include <map>
#include <optional>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/clock.hpp"
#include "http/http_types.hpp"
#include "http/metrics.hpp"
#include "service/helpdesk.hpp"

namespace sp::http {

class MessageExtras;
class AuditHook;

struct ApiOptions {
  bool secure_cookies = false;  // add "Secure" to cookies (set when served over TLS)
  std::size_t max_body_bytes = 1024 * 1024;
  // Attachments and authors on messages, uploads with replies (attachment_routes); unset:
  // messages are served as they are and multipart posts are refused.
  MessageExtras* message_extras = nullptr;
};

struct RouteInfo {
  std::string method;
  std::string pattern;  // "/api/v1/tickets/{id}"
};

class Api {
 public:
  Api(service::HelpdeskService& service, Metrics& metrics, ApiOptions options = {});

  HttpResponse handle(const HttpRequest& request);
  std::vector<RouteInfo> routes() const;
  // /readyz answers 503 once draining starts, so a load balancer stops sending traffic.
  void set_draining() { draining_ = true; }

  struct Context;
  using Handler = std::function<HttpResponse(Context&)>;
  enum class Access { Public, Authenticated };
  // Registers a route; used by the part-specific route files (sla_routes.cpp).
  void add(const std::string& method, const std::string& pattern, Access access, Handler handler);
  // Answers GET/HEAD requests no route matched (the web pages); nullopt means 404.
  using Fallback = std::function<std::optional<HttpResponse>(const HttpRequest&)>;
  void set_fallback(Fallback fallback) { fallback_ = std::move(fallback); }
  // Set while wiring, before requests are served.
  void set_message_extras(MessageExtras* extras) { options_.message_extras = extras; }
  // Set while wiring: sees every successful authenticated request (privacy_routes.cpp).
  void set_audit_hook(AuditHook* hook) { audit_hook_ = hook; }

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Access access;
    Handler handler;
    std::size_t metrics_index;
  };
  void register_routes();
  HttpResponse dispatch(const HttpRequest& request, std::size_t& metrics_index);

  service::HelpdeskService& service_;
  Metrics& metrics_;
  ApiOptions options_;
  std::vector<Route> routes_;
  std::size_t unmatched_metrics_index_ = 0;
  std::atomic<bool> draining_{false};
  Fallback fallback_;
  AuditHook* audit_hook_ = nullptr;
};

struct Api::Context {
  const HttpRequest& request;
  std::map<std::string, std::int64_t> params;
  std::optional<service::Principal> principal;
  service::HelpdeskService& service;
  const ApiOptions& options;

  const service::Principal& who() const { return *principal; }
  std::int64_t param(const std::string& name) const { return params.at(name); }
};

// What the attachment routes add to the ticket message routes of this file.
class MessageExtras {
 public:
  virtual ~MessageExtras() = default;
  // Adds "from", "attachments" (and for agents "raw_url") to `items`, the serialised
  // `messages` of one ticket (same order), whose access the caller has checked already.
  virtual Result<void> decorate(const std::vector<domain::Message>& messages, bool for_agent,
                                nlohmann::json& items) = 0;
  // POST /api/v1/tickets/{id}/messages as multipart/form-data: fields kind and body, files.
  virtual HttpResponse add_message_with_files(Api::Context& ctx) = 0;
};

// The one place where reads and changes through the API are audited (issue 19): called after
// a handler answered 2xx to an authenticated request. A non-empty result replaces the
// response (the audit entry could not be written: the read is refused rather than unaudited).
class AuditHook {
 public:
  virtual ~AuditHook() = default;
  virtual std::optional<HttpResponse> after(const Api::Context& ctx, const std::string& method,
                                            const std::string& pattern, const HttpResponse& response) = 0;
};

// The OpenAPI 3.1 document served at /api/v1/openapi.json.
const std::string& openapi_document();

}  // namespace sp::http

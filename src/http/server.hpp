// The HTTP/1.1 server (Boost.Beast with C++20 coroutines). This header hides Beast: only
// server.cpp includes it. Each connection is a coroutine on the I/O threads; each request
// is handed to a worker pool, because handlers block on storage (a durable write waits
// for its group commit) and must not stall other connections.
//
// Limits: header block and body sizes, idle/read/write timeouts, a cap on connections.
// Shutdown (stop()) is graceful: stop accepting, let in-flight requests finish and be
// written, close idle keep-alive connections, then return from run().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "http/http_types.hpp"

namespace sp::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 2;
  int worker_threads = 16;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // multipart/form-data bodies (replies with files): the tenants' attachment limits apply
  // inside; this caps what is read at all (intake::Attachments' hard cap plus the fields).
  std::size_t max_upload_body_bytes = 51 * 1024 * 1024;
  int idle_timeout_seconds = 60;
  int request_timeout_seconds = 30;
  std::size_t max_connections = 10'000;
};

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port. Fails with Unavailable when the address is
  // taken or invalid.
  Result<std::uint16_t> listen();
  // Serves until stop() or SIGINT/SIGTERM (when handle_signals) and drains.
  void run(bool handle_signals);
  // Starts graceful shutdown; safe from any thread. `on_drain` runs first (readyz -> 503).
  void stop();
  void set_on_drain(std::function<void()> on_drain);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sp::http

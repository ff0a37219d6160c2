// The only translation unit that includes Boost.Beast (it takes ~15 s to compile).
#include <utility>  // before Asio: awaitable.hpp uses std::exchange (Boost 1.74 + g++ 12)

#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "http/problem.hpp"

namespace sp::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

// Runs `fn` on `pool` and resumes the awaiting coroutine on its own executor with the
// result. A handler exception is turned into a 500 response by the caller's try block.
asio::awaitable<HttpResponse> run_on_pool(asio::thread_pool& pool, std::function<HttpResponse()> fn) {
  auto executor = co_await asio::this_coro::executor;
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable),
                                          void(std::exception_ptr, HttpResponse)>(
      [&pool, executor, fn = std::move(fn)](auto handler) mutable {
        asio::post(pool, [handler = std::move(handler), fn = std::move(fn), executor]() mutable {
          std::exception_ptr error;
          HttpResponse response;
          try {
            response = fn();
          } catch (...) {
            error = std::current_exception();
          }
          asio::post(executor,
                     [handler = std::move(handler), error, response = std::move(response)]() mutable {
                       std::move(handler)(error, std::move(response));
                     });
        });
      },
      asio::use_awaitable);
}

HttpRequest to_request(const bhttp::request<bhttp::string_body>& message, const std::string& remote,
                       bool& target_ok) {
  HttpRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  target_ok = parse_target(request.target, request.path, request.query);
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = request.headers.emplace(std::move(name), std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  request.body = message.body();
  request.remote_address = remote;
  return request;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  RequestHandler handler;
  asio::io_context io{std::max(1, options.io_threads)};
  asio::thread_pool workers;
  tcp::acceptor acceptor{io};
  asio::signal_set signals{io};
  std::atomic<bool> stopping{false};
  std::function<void()> on_drain;
  // begin_shutdown cancels idle connections from another io thread: a session closes its
  // socket and leaves the set under connections_mutex, so a cancel never races the close
  // (which frees the reactor's state for the descriptor).
  struct Connection {
    beast::tcp_stream* stream;
    bool busy = false;
  };
  std::mutex connections_mutex;
  std::set<std::shared_ptr<Connection>> connections;

  Impl(ServerOptions opts, RequestHandler h)
      : options(std::move(opts)),
        handler(std::move(h)),
        workers(static_cast<std::size_t>(std::max(1, options.worker_threads))) {}

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(tcp::socket socket);
  asio::awaitable<void> write_event_stream(beast::tcp_stream& stream, HttpResponse& response);
  void begin_shutdown();
  HttpResponse respond(const HttpRequest& request) { return handler(request); }
};

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      continue;
    }
    bool over_limit;
    {
      std::lock_guard lock(connections_mutex);
      over_limit = connections.size() >= options.max_connections;
    }
    if (over_limit) {
      socket.close(ec);
      continue;
    }
    auto executor = socket.get_executor();
    asio::co_spawn(executor, session(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::session(tcp::socket socket) {
  boost::system::error_code ec;
  std::string remote;
  {
    auto endpoint = socket.remote_endpoint(ec);
    if (!ec) remote = endpoint.address().to_string();
  }
  beast::tcp_stream stream(std::move(socket));
  auto self = std::make_shared<Connection>(Connection{&stream, false});
  {
    std::lock_guard lock(connections_mutex);
    connections.insert(self);
  }
  beast::flat_buffer buffer;
  try {
    for (;;) {
      if (stopping) break;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      // Beast checks a Content-Length against the limit while parsing the header, so the
      // header is read under the upload cap and other bodies are held to theirs below.
      const std::size_t upload_limit = std::max(options.max_upload_body_bytes, options.max_body_bytes);
      parser.body_limit(upload_limit);
      stream.expires_after(std::chrono::seconds(options.idle_timeout_seconds));
      co_await bhttp::async_read_header(stream, buffer, parser,
                                        asio::redirect_error(asio::use_awaitable, ec));
      std::size_t body_limit = upload_limit;
      if (!ec) {
        {
          std::lock_guard lock(connections_mutex);
          self->busy = true;
        }
        auto type = parser.get()[bhttp::field::content_type];
        if (type.size() < 19 || !beast::iequals(type.substr(0, 19), "multipart/form-data")) {
          body_limit = options.max_body_bytes;
          auto length = parser.content_length();
          if (length && *length > body_limit) {
            ec = bhttp::error::body_limit;
          } else {
            parser.body_limit(body_limit);
          }
        }
      }
      if (!ec) {
        stream.expires_after(std::chrono::seconds(options.request_timeout_seconds));
        co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      }
      HttpResponse response;
      bool keep_alive = false;
      unsigned version = 11;
      if (ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout ||
          ec == asio::error::operation_aborted || ec == asio::error::connection_reset) {
        break;
      } else if (ec == bhttp::error::body_limit) {
        response = problem(413, "payload-too-large", "Request body too large",
                           "the body exceeds " + std::to_string(body_limit) + " bytes");
      } else if (ec == bhttp::error::header_limit) {
        response = problem(431, "headers-too-large", "Request header fields too large",
                           "the header block exceeds " + std::to_string(options.max_header_bytes) + " bytes");
      } else if (ec) {
        response = problem(400, "malformed-request", "Malformed HTTP request", ec.message());
      } else {
        auto& message = parser.get();
        version = message.version();
        keep_alive = message.keep_alive() && !stopping;
        bool target_ok = true;
        HttpRequest request = to_request(message, remote, target_ok);
        if (!target_ok) {
          response = problem(400, "malformed-request", "Malformed request target",
                             "the path or query has a bad percent-escape");
        } else {
          try {
            response = co_await run_on_pool(workers, [this, &request] { return respond(request); });
          } catch (const std::exception& e) {
            spdlog::error("request {} {} failed: {}", request.method, request.path, e.what());
            response = problem_from(internal_error(e.what()));
          }
        }
        if (stopping) keep_alive = false;
      }
      if (response.stream) {
        co_await write_event_stream(stream, response);
        break;
      }
      bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
      out.set(bhttp::field::server, "servicepact");
      if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
      for (auto& [name, value] : response.headers) out.insert(name, value);
      out.body() = std::move(response.body);
      out.keep_alive(keep_alive);
      out.prepare_payload();
      stream.expires_after(std::chrono::seconds(options.request_timeout_seconds));
      co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
      {
        std::lock_guard lock(connections_mutex);
        self->busy = false;
      }
      if (ec || !keep_alive) break;
    }
  } catch (const std::exception& e) {
    spdlog::warn("session error: {}", e.what());
  }
  std::lock_guard lock(connections_mutex);
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
  connections.erase(self);
}

// Server-sent events: headers, then whatever the source has every 250 ms and a comment
// line every 15 s (so proxies and the client see the connection alive). The body ends when
// the connection closes, so no chunking is needed.
asio::awaitable<void> Server::Impl::write_event_stream(beast::tcp_stream& stream, HttpResponse& response) {
  boost::system::error_code ec;
  std::string head =
      "HTTP/1.1 200 OK\r\nServer: servicepact\r\nContent-Type: text/event-stream\r\n"
      "Cache-Control: no-store\r\nConnection: close\r\nX-Accel-Buffering: no\r\n";
  for (auto& [name, value] : response.headers) {
    if (name == "Cache-Control") continue;
    head += name + ": " + value + "\r\n";
  }
  head += "\r\n" + response.body;
  stream.expires_after(std::chrono::seconds(options.request_timeout_seconds));
  co_await asio::async_write(stream, asio::buffer(head), asio::redirect_error(asio::use_awaitable, ec));
  {
    std::lock_guard lock(connections_mutex);
    for (const auto& connection : connections) {
      if (connection->stream == &stream) connection->busy = false;  // drain may cancel it
    }
  }
  asio::steady_timer timer(stream.get_executor());
  auto last_write = std::chrono::steady_clock::now();
  while (!ec && !stopping && !response.stream->finished()) {
    timer.expires_after(std::chrono::milliseconds(250));
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec || stopping) break;
    std::string text = response.stream->poll();
    auto now = std::chrono::steady_clock::now();
    if (text.empty() && now - last_write >= std::chrono::seconds(15)) text = ": keep-alive\n\n";
    if (text.empty()) continue;
    stream.expires_after(std::chrono::seconds(options.request_timeout_seconds));
    co_await asio::async_write(stream, asio::buffer(text), asio::redirect_error(asio::use_awaitable, ec));
    last_write = now;
  }
}

void Server::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  if (on_drain) on_drain();
  boost::system::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  // Idle keep-alive connections are waiting for a request that may never come: cancel
  // them. Busy ones finish their request, write the response and then close.
  std::lock_guard lock(connections_mutex);
  for (const auto& connection : connections) {
    if (!connection->busy) connection->stream->socket().cancel(ec);
  }
}

Server::Server(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() {
  impl_->workers.join();
}

void Server::set_on_drain(std::function<void()> on_drain) {
  impl_->on_drain = std::move(on_drain);
}

Result<std::uint16_t> Server::listen() {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return invalid_input("cannot listen on '" + impl_->options.host + "': " + ec.message(), "listen");
  tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return unavailable("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                       ": " + ec.message());
  }
  return acceptor.local_endpoint().port();
}

void Server::run(bool handle_signals) {
  auto& impl = *impl_;
  if (handle_signals) {
    impl.signals.add(SIGINT);
    impl.signals.add(SIGTERM);
    impl.signals.async_wait([&impl](const boost::system::error_code& ec, int signal_number) {
      if (ec) return;
      spdlog::info("signal {} received: draining", signal_number);
      impl.begin_shutdown();
    });
  }
  asio::co_spawn(impl.io, impl.accept_loop(), asio::detached);
  std::vector<std::thread> extra;
  for (int idx = 1; idx < impl.options.io_threads; ++idx) {
    extra.emplace_back([&impl] { impl.io.run(); });
  }
  impl.io.run();
  for (auto& thread : extra) thread.join();
}

void Server::stop() {
  asio::post(impl_->io, [impl = impl_.get()] { impl->begin_shutdown(); });
}

}  // namespace sp::http

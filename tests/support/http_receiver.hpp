// A real HTTP receiver on 127.0.0.1 for outbound webhook tests: a plain-socket server on its
// own thread that reads each request (headers and Content-Length body), records it and then
// behaves as told: answer 200 (or any status), sleep before answering (a receiver that times
// out), or close the connection without a word. Each connection (one request) is served on
// a thread of its own, so a sleeping answer does not hold up the next delivery.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sp::testing {

struct ReceivedRequest {
  std::string method, target;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

class HttpReceiver {
 public:
  enum class Behaviour { Answer, Sleep, Close };

  explicit HttpReceiver(int status = 200) : status_(status) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listen_fd_, 16);
    socklen_t length = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &length);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~HttpReceiver() {
    stopping_ = true;
    thread_.join();
    for (auto& connection : connections_) connection.join();
    ::close(listen_fd_);
  }

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void answer(int status) {
    std::lock_guard lock(mutex_);
    behaviour_ = Behaviour::Answer;
    status_ = status;
  }
  void sleep_before_answer(std::chrono::milliseconds delay) {
    std::lock_guard lock(mutex_);
    behaviour_ = Behaviour::Sleep;
    delay_ = delay;
  }
  void close_without_answer() {
    std::lock_guard lock(mutex_);
    behaviour_ = Behaviour::Close;
  }
  std::vector<ReceivedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  void serve() {
    while (!stopping_) {
      pollfd ready{listen_fd_, POLLIN, 0};
      if (::poll(&ready, 1, 50) <= 0) continue;
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      connections_.emplace_back([this, fd] {
        handle(fd);
        ::close(fd);
      });
    }
  }

  void handle(int fd) {
    std::string data;
    char buffer[8192];
    std::size_t head_end = std::string::npos;
    std::size_t wanted = 0;
    for (;;) {
      pollfd ready{fd, POLLIN, 0};
      if (::poll(&ready, 1, 2000) <= 0) return;
      const auto n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      data.append(buffer, static_cast<std::size_t>(n));
      if (head_end == std::string::npos) {
        head_end = data.find("\r\n\r\n");
        if (head_end == std::string::npos) continue;
        wanted = head_end + 4 + content_length(data.substr(0, head_end));
      }
      if (data.size() >= wanted) break;
    }
    ReceivedRequest request = parse(data, head_end);
    Behaviour behaviour;
    int status;
    std::chrono::milliseconds delay;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      behaviour = behaviour_;
      status = status_;
      delay = delay_;
    }
    if (behaviour == Behaviour::Close) return;
    if (behaviour == Behaviour::Sleep) {
      const auto until = std::chrono::steady_clock::now() + delay;
      while (!stopping_ && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      status = 200;
    }
    const std::string reply = "HTTP/1.1 " + std::to_string(status) +
                              " Whatever\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: "
                              "close\r\n\r\nok";
    ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
  }

  static std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  static std::size_t content_length(const std::string& head) {
    const auto at = lower(head).find("\r\ncontent-length:");
    if (at == std::string::npos) return 0;
    return static_cast<std::size_t>(std::stoul(head.substr(at + 17)));
  }

  static ReceivedRequest parse(const std::string& data, std::size_t head_end) {
    ReceivedRequest request;
    const std::string head = data.substr(0, head_end);
    std::size_t line_end = head.find("\r\n");
    const std::string first = head.substr(0, line_end);
    const auto space = first.find(' ');
    request.method = first.substr(0, space);
    request.target = first.substr(space + 1, first.find(' ', space + 1) - space - 1);
    while (line_end != std::string::npos && line_end < head.size()) {
      const std::size_t start = line_end + 2;
      line_end = head.find("\r\n", start);
      const std::string line =
          head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      request.headers[lower(line.substr(0, colon))] = value;
    }
    request.body = data.substr(head_end + 4);
    return request;
  }

  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  Behaviour behaviour_ = Behaviour::Answer;
  int status_ = 200;
  std::chrono::milliseconds delay_{0};
  std::vector<ReceivedRequest> requests_;
  std::vector<std::thread> connections_;  // only the accepting thread adds to it
  std::thread thread_;
};

}  // namespace sp::testing

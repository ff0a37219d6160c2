// Real mail servers for tests: scripts/mailtest/start.sh runs Dovecot (IMAP) and an SMTP
// sink on free loopback ports in a temporary folder; stop.sh ends them. One pair per test
// suite; tests keep apart by using their own mailbox names and Message-IDs.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"

namespace sp::mail::testing {

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

class MailServers {
 public:
  static constexpr const char* kUser = "desk@telnet-nl.test";
  static constexpr const char* kPassword = "secret";

  // Starts both servers; returns an explanation when they cannot run here.
  std::optional<std::string> start() {
    temp_.emplace("sp-mailtest");
    dir_ = temp_->path();
    std::string log = (dir_ / "start.log").string();
    std::string command = shell_quote(script("start.sh")) + " " + shell_quote(dir_.string()) + " >" +
                          shell_quote(log) + " 2>&1";
    int rc = std::system(command.c_str());
    if (rc != 0) {
      const int status = WIFEXITED(rc) ? WEXITSTATUS(rc) : rc;
      return "scripts/mailtest/start.sh failed (exit " + std::to_string(status) +
             "); is Dovecot/aiosmtpd installed (scripts/install-deps.sh)?\n" + read_file(log);
    }
    std::ifstream env(dir_ / "ports.env");
    std::string line;
    while (std::getline(env, line)) {
      auto eq = line.find('=');
      if (eq != std::string::npos) vars_[line.substr(0, eq)] = line.substr(eq + 1);
    }
    if (imap_url().empty() || smtp_url().empty()) return "ports.env incomplete in " + dir_.string();
    started_ = true;
    return std::nullopt;
  }

  void stop() {
    if (dir_.empty()) return;
    std::string command =
        shell_quote(script("stop.sh")) + " " + shell_quote(dir_.string()) + " >/dev/null 2>&1";
    (void)std::system(command.c_str());
    temp_.reset();
    dir_.clear();
    started_ = false;
  }

  bool started() const { return started_; }
  std::string imap_url() const { return var("IMAP_URL"); }
  std::string smtp_url() const { return var("SMTP_URL"); }
  std::filesystem::path sink_dir() const { return var("SINK_DIR"); }
  std::filesystem::path dir() const { return dir_; }

  // Runs a doveadm command against this Dovecot; returns its exit status.
  int doveadm(const std::string& arguments) const {
    std::string command =
        "doveadm -c " + shell_quote(var("DOVECOT_CONF")) + " " + arguments + " >/dev/null 2>&1";
    return std::system(command.c_str());
  }

  bool create_mailbox(const std::string& mailbox, const std::string& user = kUser) const {
    return doveadm("mailbox create -u " + shell_quote(user) + " " + shell_quote(mailbox)) == 0;
  }

  // Stores `raw` in `mailbox` with scripts/mailtest/deliver.sh.
  bool deliver(const std::string& mailbox, const std::string& raw, const std::string& user = kUser) const {
    std::string command = shell_quote(script("deliver.sh")) + " " + shell_quote(dir_.string()) + " " +
                          shell_quote(user) + " " + shell_quote(mailbox);
    FILE* pipe = popen(command.c_str(), "w");
    if (pipe == nullptr) return false;
    bool written = std::fwrite(raw.data(), 1, raw.size(), pipe) == raw.size();
    return pclose(pipe) == 0 && written;
  }

  // The message the sink received whose bytes contain `marker`, with its envelope JSON;
  // waits up to `timeout` for it.
  std::optional<std::pair<std::string, std::string>> sink_message(
      const std::string& marker, std::chrono::milliseconds timeout = std::chrono::seconds{5}) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
      std::error_code ec;
      for (const auto& entry : std::filesystem::directory_iterator(sink_dir(), ec)) {
        if (entry.path().extension() != ".eml") continue;
        std::string bytes = read_file(entry.path());
        if (bytes.find(marker) == std::string::npos) continue;
        auto meta = entry.path();
        meta.replace_extension(".json");
        return std::make_pair(bytes, read_file(meta));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds{20});
    } while (std::chrono::steady_clock::now() < deadline);
    return std::nullopt;
  }

 private:
  static std::string script(const std::string& name) {
    return std::string(SP_SOURCE_DIR) + "/scripts/mailtest/" + name;
  }
  std::string var(const std::string& key) const {
    auto found = vars_.find(key);
    return found == vars_.end() ? std::string() : found->second;
  }

  std::optional<sp::testing::TempDir> temp_;  // removed with everything in it on stop
  std::filesystem::path dir_;
  std::map<std::string, std::string> vars_;
  bool started_ = false;
};

// A TCP listener on 127.0.0.1 that never accepts or answers: connections complete in the
// kernel's backlog and then hear nothing, which is how a hung server looks to a client.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(fd_, 16) != 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ADD_FAILURE() << "cannot open a listening socket";
      return;
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() {
    if (fd_ >= 0) ::close(fd_);
  }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Base fixture: the suite's servers, started once; every test fails clearly when they
// could not start.
class MailServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    servers_ = new MailServers();
    problem_ = new std::optional<std::string>(servers_->start());
  }
  static void TearDownTestSuite() {
    servers_->stop();
    delete servers_;
    delete problem_;
    servers_ = nullptr;
    problem_ = nullptr;
  }
  void SetUp() override {
    ASSERT_FALSE(problem_->has_value()) << "mail test servers unavailable: " << **problem_;
  }
  // A mailbox name of this test's own, created empty.
  std::string fresh_mailbox() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->name()) + "-" + std::to_string(++mailbox_counter_);
    EXPECT_TRUE(servers_->create_mailbox(name)) << name;
    return name;
  }
  static std::string message(const std::string& message_id, const std::string& body,
                             const std::string& subject = "Test") {
    return "From: Klant <klant@example.nl>\r\nTo: desk@telnet-nl.test\r\nSubject: " + subject +
           "\r\nMessage-ID: " + message_id +
           "\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n" +
           body + "\r\n";
  }

  static inline MailServers* servers_ = nullptr;
  static inline std::optional<std::string>* problem_ = nullptr;
  static inline int mailbox_counter_ = 0;
};

}  // namespace sp::mail::testing

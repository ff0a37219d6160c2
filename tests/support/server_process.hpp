// The real `servicepact` binary as a child process for tests (SP_BINARY_PATH): started
// on a free port, its port read from the "listening on" line, stopped with a signal.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sp::testing {

class ServerProcess {
 public:
  // Runs `serve --listen 127.0.0.1:0 --data DIR` plus `extra` arguments (before "serve",
  // e.g. "--config FILE").
  explicit ServerProcess(const std::filesystem::path& data_dir, std::vector<std::string> before_serve = {}) {
    int out[2];
    EXPECT_EQ(pipe(out), 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::string data = data_dir.string();
      std::vector<std::string> args = {SP_BINARY_PATH};
      for (auto& arg : before_serve) args.push_back(arg);
      for (const char* arg : {"serve", "--listen", "127.0.0.1:0", "--data"}) args.emplace_back(arg);
      args.push_back(data);
      std::vector<char*> argv;
      for (auto& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(SP_BINARY_PATH, argv.data());
      _exit(127);
    }
    close(out[1]);
    // Read stdout until the "listening on http://127.0.0.1:PORT/" line.
    std::string text;
    char buf[256];
    while (text.find("listening on") == std::string::npos ||
           text.find('\n', text.find("listening on")) == std::string::npos) {
      auto n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      text.append(buf, static_cast<std::size_t>(n));
    }
    stdout_fd_ = out[0];
    auto at = text.find("http://127.0.0.1:");
    if (at != std::string::npos) port_ = static_cast<std::uint16_t>(std::stoi(text.substr(at + 17)));
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(stdout_fd_);
  }
  std::uint16_t port() const { return port_; }
  // Sends `signal` and returns the exit status (or 128 + signal).
  int stop(int signal) {
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace sp::testing

// A temporary folder for one test: created empty under the system's temp directory with a
// name no other test (or parallel ctest process) uses, removed with everything in it when
// the object goes. TempDir::keep(path) wraps a folder that outlives the object (a server
// "restarted" on the database a previous one left).
#pragma once

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

#include <unistd.h>

namespace sp::testing {

class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "sp-test") {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            (std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + "-" +
             std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  static TempDir keep(std::filesystem::path existing) {
    TempDir dir(existing, true);
    std::filesystem::create_directories(dir.path_);
    return dir;
  }
  ~TempDir() {
    if (path_.empty() || kept_) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)), kept_(other.kept_) {
    other.path_.clear();
  }
  TempDir& operator=(TempDir&&) = delete;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // Keeps the folder after the object goes (to reopen it in a second object).
  void release() { kept_ = true; }

 private:
  TempDir(std::filesystem::path path, bool kept) : path_(std::move(path)), kept_(kept) {}
  std::filesystem::path path_;
  bool kept_ = false;
};

}  // namespace sp::testing

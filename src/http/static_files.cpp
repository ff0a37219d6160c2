#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace sp::http {

namespace fs = std::filesystem;

std::string content_type_for(const std::string& path) {
  auto ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

Result<StaticFiles> StaticFiles::load(const std::string& root) {
  StaticFiles files;
  std::error_code ec;
  if (root.empty() || !fs::is_directory(root, ec)) return files;
  constexpr std::size_t kMaxTotal = 64 * 1024 * 1024;
  std::size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    auto relative = fs::relative(it->path(), root, ec).generic_string();
    if (ec) break;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    File file;
    file.content = content.str();
    total += file.content.size();
    if (total > kMaxTotal) return invalid_input("web root holds more than 64 MiB", "web_root");
    file.content_type = content_type_for(relative);
    file.etag = "\"" + std::to_string(std::hash<std::string>{}(file.content)) + "\"";
    file.immutable = relative.starts_with("assets/");
    files.files_["/" + relative] = std::move(file);
  }
  if (ec) return internal_error("cannot read web root " + root + ": " + ec.message());
  // Clean page addresses for the two applications.
  if (auto it = files.files_.find("/index.html"); it != files.files_.end()) files.files_["/"] = it->second;
  if (auto it = files.files_.find("/portal.html"); it != files.files_.end()) {
    files.files_["/portal"] = it->second;
    files.files_["/portal/"] = it->second;
  }
  return files;
}

std::optional<HttpResponse> StaticFiles::serve(const HttpRequest& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  auto it = files_.find(request.path);
  if (it == files_.end()) return std::nullopt;
  const File& file = it->second;
  HttpResponse response;
  response.content_type = file.content_type;
  response.header("ETag", file.etag);
  response.header("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (file.content_type.starts_with("text/html")) {
    response.header("Content-Security-Policy", kContentSecurityPolicy);
    response.header("X-Frame-Options", "DENY");
    response.header("Referrer-Policy", "same-origin");
  }
  if (auto match = request.header("if-none-match"); match && *match == file.etag) {
    response.status = 304;
    return response;
  }
  if (request.method == "GET") response.body = file.content;
  return response;
}

}  // namespace sp::http

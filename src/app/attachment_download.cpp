#include "app/attachment_download.hpp"

#include <curl/curl.h>

#include "mail/curl_support.hpp"

namespace sp::app {

namespace {

struct Download {
  std::string bytes;
  std::size_t limit = 0;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* download = static_cast<Download*>(user);
  const std::size_t chunk = size * count;
  if (download->bytes.size() + chunk > download->limit) {
    download->too_large = true;
    return 0;  // CURLE_WRITE_ERROR ends the transfer
  }
  download->bytes.append(data, chunk);
  return chunk;
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
};

}  // namespace

importer::AttachmentFetcher curl_attachment_fetcher(std::vector<std::string> headers) {
  return
      [headers = std::move(headers)](const std::string& url, std::size_t max_bytes) -> Result<std::string> {
        mail::detail::ensure_curl_initialised();
        auto handle = mail::detail::make_curl_handle();
        if (!handle) return handle.error();
        CURL* curl = handle->get();
        HeaderList list;
        for (const auto& header : headers) list.list = curl_slist_append(list.list, header.c_str());
        list.list = curl_slist_append(list.list, "User-Agent: servicepact-import/1");
        Download download{{}, max_bytes};
        char error_buffer[CURL_ERROR_SIZE] = {0};
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list.list);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10'000L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 120'000L);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &download);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
        const CURLcode code = curl_easy_perform(curl);
        if (download.too_large) {
          return invalid_input("larger than " + std::to_string(max_bytes / (1024 * 1024)) + " MiB");
        }
        if (code != CURLE_OK) return mail::detail::curl_error(code, "download", error_buffer);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        if (status < 200 || status >= 300)
          return Error{ErrorCode::Unavailable, "HTTP " + std::to_string(status)};
        return std::move(download.bytes);
      };
}

}  // namespace sp::app

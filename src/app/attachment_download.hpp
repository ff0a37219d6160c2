// Downloads for `servicepact import --fetch-attachments`: the bytes behind an attachment URL
// of a peer's export (Zendesk's content_url, Zammad's and RT's attachment routes), through
// libcurl: http and https only, redirects followed (at most 5, http/https only; Zendesk
// answers its content URLs with a redirect to its file store), 10 s to connect and 120 s in
// all, at most `max_bytes`. `headers` ("Authorization: Token token=...") are sent with every
// request and never printed. A non-2xx answer, a timeout or a larger file is an error whose
// message names it (the importer lists it in the summary and keeps the URL).
#pragma once

#include <string>
#include <vector>

#include "importer/importer.hpp"

namespace sp::app {

importer::AttachmentFetcher curl_attachment_fetcher(std::vector<std::string> headers);

}  // namespace sp::app

// multipart/form-data request bodies (RFC 7578 on RFC 2046): the boundary from the
// Content-Type, then the parts, parsed strictly. Pure, thread-safe, never throws.
//
// Contract: every limit is enforced while parsing, before a part is copied, so a body can
// never make us hold more than the limits allow. Errors are InvalidInput with a stable kind:
//   kinds::kMultipartMalformed   not a well-formed body (no boundary, a part without
//                                Content-Disposition: form-data; name=..., no closing delimiter)
//   kinds::kAttachmentTooLarge   one file over MultipartLimits::max_file_bytes
//   kinds::kAttachmentsTooLarge  the files together over max_total_file_bytes
//   kinds::kTooManyAttachments   more files than max_files (or parts than max_parts)
// The message names the limit and its value. Filenames come back made safe
// (channels::safe_filename); filename* (RFC 5987/8187, UTF-8 only) wins over filename.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sp::kinds {
inline constexpr std::string_view kMultipartMalformed = "multipart-malformed";
inline constexpr std::string_view kAttachmentTooLarge = "attachment-too-large";
inline constexpr std::string_view kAttachmentsTooLarge = "attachments-too-large";
inline constexpr std::string_view kTooManyAttachments = "too-many-attachments";
}  // namespace sp::kinds

namespace sp::channels {

struct MultipartLimits {
  std::size_t max_file_bytes = 10 * 1024 * 1024;
  std::size_t max_files = 10;
  std::size_t max_total_file_bytes = 25 * 1024 * 1024;
  std::size_t max_field_bytes = 256 * 1024;  // a part without filename (the JSON fields)
  std::size_t max_parts = 40;
  std::size_t max_part_header_bytes = 8 * 1024;
};

struct FormPart {
  std::string name;                     // the form field name (UTF-8)
  std::optional<std::string> filename;  // present for files; safe to show and store
  std::string content_type;             // as declared, lower case, parameters dropped; default text/plain
  std::string bytes;
};

struct FormData {
  std::vector<FormPart> fields;  // parts without a filename, in order
  std::vector<FormPart> files;   // parts with a filename, in order
  // The first field named `name`, if any.
  const FormPart* field(std::string_view name) const;
};

// The boundary parameter of a multipart/form-data Content-Type (RFC 2046: 1-70 of its
// bchars, not ending in a space). Fails with kMultipartMalformed for other types.
[[nodiscard]] Result<std::string> form_data_boundary(std::string_view content_type);

// Parses `body` delimited by `boundary`. See the header comment for errors.
[[nodiscard]] Result<FormData> parse_form_data(std::string_view body, std::string_view boundary,
                                               const MultipartLimits& limits = {});

}  // namespace sp::channels

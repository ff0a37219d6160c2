#include "channels/multipart.hpp"

#include <algorithm>

#include "channels/mime.hpp"
#include "core/text.hpp"

namespace sp::channels {

using namespace sp::text;  // NOLINT

namespace {

Error malformed(std::string message) {
  Error error = invalid_input(std::move(message), "body");
  error.kind = kinds::kMultipartMalformed;
  return error;
}

Error limit_error(std::string_view kind, std::string message) {
  Error error = invalid_input(std::move(message), "files");
  error.kind = std::string(kind);
  return error;
}

// RFC 2046 section 5.1.1: bchars := bcharsnospace / " ".
bool is_bchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

bool is_token_char(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7F) return false;
  return std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

struct Parameter {
  std::string name;  // lower case
  std::string value;
};

// `value; a=b; c="d \" e"` after the first item: the parameters, or nullopt when malformed.
std::optional<std::vector<Parameter>> parse_parameters(std::string_view text) {
  std::vector<Parameter> out;
  std::size_t pos = 0;
  auto skip_space = [&] {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
  };
  while (true) {
    skip_space();
    if (pos == text.size()) return out;
    if (text[pos] != ';') return std::nullopt;
    ++pos;
    skip_space();
    if (pos == text.size()) return out;  // a trailing ";" is common and harmless
    std::size_t start = pos;
    while (pos < text.size() && is_token_char(text[pos])) ++pos;
    if (pos == start) return std::nullopt;
    Parameter parameter{ascii_lower(text.substr(start, pos - start)), {}};
    skip_space();
    if (pos == text.size() || text[pos] != '=') return std::nullopt;
    ++pos;
    skip_space();
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        char c = text[pos++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\') {
          if (pos == text.size()) return std::nullopt;
          c = text[pos++];
        }
        parameter.value += c;
      }
      if (!closed) return std::nullopt;
    } else {
      start = pos;
      while (pos < text.size() && is_token_char(text[pos])) ++pos;
      if (pos == start) return std::nullopt;
      parameter.value = std::string(text.substr(start, pos - start));
    }
    out.push_back(std::move(parameter));
  }
}

const Parameter* find_parameter(const std::vector<Parameter>& parameters, std::string_view name) {
  for (const auto& parameter : parameters) {
    if (parameter.name == name) return &parameter;
  }
  return nullptr;
}

// RFC 8187 ext-value: charset'language'pct-encoded; only UTF-8 is accepted.
std::optional<std::string> decode_ext_value(std::string_view value) {
  auto first = value.find('\'');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = value.find('\'', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  if (!iequals(value.substr(0, first), "utf-8")) return std::nullopt;
  auto decoded = percent_decode(value.substr(second + 1));
  if (!decoded || !is_valid_utf8(*decoded)) return std::nullopt;
  return decoded;
}

struct PartHeaders {
  std::string name;
  std::optional<std::string> filename;
  std::string content_type = "text/plain";
};

Result<PartHeaders> parse_part_headers(std::string_view block) {
  PartHeaders out;
  bool disposition_seen = false;
  while (!block.empty()) {
    auto end = block.find("\r\n");
    std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view() : block.substr(end + 2);
    // Folded header lines are obsolete (RFC 7578 section 4.8 forbids nothing else here).
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      return malformed("folded part header lines are not accepted");
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return malformed("a part header line has no name");
    auto name = ascii_lower(line.substr(0, colon));
    auto value = trim(line.substr(colon + 1));
    for (char c : value) {
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t')
        return malformed("control character in a part header");
    }
    if (name == "content-disposition") {
      if (disposition_seen) return malformed("a part has two Content-Disposition fields");
      disposition_seen = true;
      auto semicolon = value.find(';');
      auto type = trim(value.substr(0, semicolon));
      if (!iequals(type, "form-data")) return malformed("a part's Content-Disposition is not form-data");
      auto parameters = parse_parameters(semicolon == std::string_view::npos ? std::string_view()
                                                                             : value.substr(semicolon));
      if (!parameters) return malformed("a part's Content-Disposition parameters are malformed");
      const auto* field_name = find_parameter(*parameters, "name");
      if (field_name == nullptr || field_name->value.empty()) return malformed("a part has no field name");
      if (!is_valid_utf8(field_name->value)) return malformed("a field name is not UTF-8");
      out.name = field_name->value;
      if (const auto* extended = find_parameter(*parameters, "filename*")) {
        auto decoded = decode_ext_value(extended->value);
        if (!decoded) return malformed("filename* must be UTF-8''<percent-encoded>");
        out.filename = safe_filename(*decoded);
      } else if (const auto* plain = find_parameter(*parameters, "filename")) {
        // Browsers send UTF-8 here (RFC 7578 section 4.2); anything else is made valid.
        out.filename = safe_filename(make_valid_utf8(plain->value));
      }
    } else if (name == "content-type") {
      auto semicolon = value.find(';');
      auto type = ascii_lower(trim(value.substr(0, semicolon)));
      auto slash = type.find('/');
      if (slash == std::string::npos || slash == 0 || slash + 1 == type.size() ||
          !std::all_of(type.begin(), type.end(), [](char c) { return c == '/' || is_token_char(c); })) {
        return malformed("a part's Content-Type is not type/subtype");
      }
      out.content_type = type;
    }
    // Other fields (Content-Transfer-Encoding is deprecated by RFC 7578) are ignored.
  }
  if (!disposition_seen) return malformed("a part has no Content-Disposition");
  return out;
}

}  // namespace

const FormPart* FormData::field(std::string_view name) const {
  for (const auto& part : fields) {
    if (part.name == name) return &part;
  }
  return nullptr;
}

Result<std::string> form_data_boundary(std::string_view content_type) {
  auto semicolon = content_type.find(';');
  if (!iequals(trim(content_type.substr(0, semicolon)), "multipart/form-data")) {
    return malformed("the body is not multipart/form-data");
  }
  auto parameters = parse_parameters(semicolon == std::string_view::npos ? std::string_view()
                                                                         : content_type.substr(semicolon));
  if (!parameters) return malformed("the Content-Type parameters are malformed");
  const auto* boundary = find_parameter(*parameters, "boundary");
  if (boundary == nullptr) return malformed("multipart/form-data without a boundary");
  const auto& value = boundary->value;
  if (value.empty() || value.size() > 70 || value.back() == ' ' ||
      !std::all_of(value.begin(), value.end(), is_bchar)) {
    return malformed("the boundary must be 1-70 characters of RFC 2046 bchars, not ending in a space");
  }
  return value;
}

Result<FormData> parse_form_data(std::string_view body, std::string_view boundary,
                                 const MultipartLimits& limits) {
  if (boundary.empty()) return malformed("empty boundary");
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = "\r\n" + delimiter;
  // No preamble: a form body starts with its first delimiter.
  if (!body.starts_with(delimiter)) return malformed("the body does not start with the boundary delimiter");
  std::size_t pos = delimiter.size();
  FormData out;
  std::size_t parts = 0;
  std::size_t file_bytes = 0;
  while (true) {
    if (body.substr(pos).starts_with("--")) return out;  // close delimiter; the epilogue is ignored
    // Transport padding (RFC 2046) then CRLF after each delimiter.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (!body.substr(pos).starts_with("\r\n"))
      return malformed("a boundary delimiter is not followed by CRLF");
    pos += 2;
    if (++parts > limits.max_parts) {
      return limit_error(kinds::kTooManyAttachments,
                         "more than " + std::to_string(limits.max_parts) + " parts in one form");
    }
    std::size_t headers_end;
    if (body.substr(pos).starts_with("\r\n")) {
      headers_end = pos;  // no header fields at all: reported below
    } else {
      headers_end = body.find("\r\n\r\n", pos);
      if (headers_end == std::string_view::npos) return malformed("a part's header block does not end");
    }
    if (headers_end - pos > limits.max_part_header_bytes) {
      return malformed("a part's header block exceeds " + std::to_string(limits.max_part_header_bytes) +
                       " bytes");
    }
    auto headers = parse_part_headers(body.substr(pos, headers_end - pos));
    if (!headers) return headers.error();
    pos = headers_end + (headers_end == pos ? 2 : 4);
    auto content_end = body.find(next_delimiter, pos);
    if (content_end == std::string_view::npos) return malformed("the body has no closing boundary delimiter");
    std::size_t size = content_end - pos;
    bool is_file = headers->filename.has_value();
    if (is_file) {
      if (out.files.size() + 1 > limits.max_files) {
        return limit_error(kinds::kTooManyAttachments,
                           "at most " + std::to_string(limits.max_files) + " files per message");
      }
      if (size > limits.max_file_bytes) {
        return limit_error(kinds::kAttachmentTooLarge, "\"" + *headers->filename + "\" is larger than " +
                                                           std::to_string(limits.max_file_bytes) +
                                                           " bytes (the limit per file)");
      }
      if (file_bytes + size > limits.max_total_file_bytes) {
        return limit_error(kinds::kAttachmentsTooLarge, "the files together exceed " +
                                                            std::to_string(limits.max_total_file_bytes) +
                                                            " bytes (the limit per message)");
      }
      file_bytes += size;
    } else if (size > limits.max_field_bytes) {
      return malformed("field \"" + headers->name + "\" exceeds " + std::to_string(limits.max_field_bytes) +
                       " bytes");
    }
    FormPart part{std::move(headers->name), std::move(headers->filename), std::move(headers->content_type),
                  std::string(body.substr(pos, size))};
    (is_file ? out.files : out.fields).push_back(std::move(part));
    pos = content_end + next_delimiter.size();
  }
}

}  // namespace sp::channels

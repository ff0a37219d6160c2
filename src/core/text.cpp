#include "core/text.hpp"

namespace sp::text {
namespace {

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

}  // namespace

DecodedCodePoint decode_utf8(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t offset) { return static_cast<unsigned char>(text[pos + offset]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1, true};
  // RFC 3629 section 4: the lead byte fixes the length, and the ranges of the second byte
  // exclude overlong forms (E0, F0), surrogates (ED) and values above U+10FFFF (F4).
  std::size_t length = 0;
  char32_t code_point = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return {};  // a continuation byte, C0/C1 (always overlong) or F5..FF
  }
  if (pos + length > text.size()) return {};
  if (byte(1) < second_min || byte(1) > second_max) return {};
  for (std::size_t offset = 1; offset < length; ++offset) {
    if (!is_continuation(byte(offset))) return {};
    code_point = (code_point << 6) | (byte(offset) & 0x3F);
  }
  return {code_point, length, true};
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  const DecodedCodePoint decoded = decode_utf8(text, pos);
  return decoded.valid ? decoded.length : 0;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const DecodedCodePoint decoded = decode_utf8(text, pos);
    if (!decoded.valid) return false;
    pos += decoded.length;
  }
  return true;
}

std::string make_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const DecodedCodePoint decoded = decode_utf8(text, pos);
    if (decoded.valid) {
      out.append(text.substr(pos, decoded.length));
    } else {
      out += kReplacementUtf8;
    }
    pos += decoded.length;
  }
  return out;
}

void append_utf8(std::string& out, char32_t code_point) {
  if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    code_point = kReplacementCharacter;
  }
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

std::size_t previous_code_point_start(std::string_view text, std::size_t pos) {
  std::size_t start = pos - 1;
  for (int steps = 0; start > 0 && steps < 3 && is_continuation(text[start]); ++steps) --start;
  return start;
}

std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && is_continuation(text[end])) --end;
  return text.substr(0, end);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t idx = 0; idx < a.size(); ++idx) {
    if (ascii_lower(a[idx]) != ascii_lower(b[idx])) return false;
  }
  return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  for (std::size_t pos = from; pos + needle.size() <= haystack.size(); ++pos) {
    if (iequals(haystack.substr(pos, needle.size()), needle)) return pos;
  }
  return std::string_view::npos;
}

int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t pos = 0; pos < text.size();) {
    const DecodedCodePoint decoded = decode_utf8(text, pos);
    if (!decoded.valid) {
      out += kReplacementUtf8;
    } else if (decoded.length > 1) {
      out.append(text.substr(pos, decoded.length));
    } else {
      const char c = text[pos];
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        case '{':
          out += "&#123;";
          break;
        case '}':
          out += "&#125;";
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out += kReplacementUtf8;
          } else {
            out.push_back(c);
          }
      }
    }
    pos += decoded.length;
  }
  return out;
}

namespace {

// The one decoding loop; `strict` refuses a malformed escape instead of keeping it.
bool decode_percent(std::string_view text, PlusSign plus, bool strict, std::string& out) {
  out.reserve(text.size());
  for (std::size_t idx = 0; idx < text.size(); ++idx) {
    const char c = text[idx];
    if (c == '%') {
      const int high = idx + 2 < text.size() ? hex_digit_value(text[idx + 1]) : -1;
      const int low = idx + 2 < text.size() ? hex_digit_value(text[idx + 2]) : -1;
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        idx += 2;
        continue;
      }
      if (strict) return false;
      out.push_back(c);
    } else if (c == '+' && plus == PlusSign::Space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, PlusSign plus) {
  std::string out;
  if (!decode_percent(text, plus, /*strict=*/true, out)) return std::nullopt;
  return out;
}

std::string percent_decode_lenient(std::string_view text, PlusSign plus) {
  std::string out;
  (void)decode_percent(text, plus, /*strict=*/false, out);
  return out;
}

std::optional<std::size_t> json_nesting_exceeded_at(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return pos;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace sp::text

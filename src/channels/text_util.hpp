// Small string helpers of the channels sources: the core text toolkit (core/text.hpp) under
// the names channels code uses, and hex. Internal to src/channels/: not part of the public API.
// Pure, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/text.hpp"

namespace sp::channels::detail {

using text::append_utf8;
using text::ascii_lower;
using text::iequals;
using text::ifind;
using text::is_valid_utf8;
using text::istarts_with;
using text::make_valid_utf8;
using text::trim;
using text::utf8_sequence_length;

inline std::string to_lower(std::string_view s) {
  return text::ascii_lower(s);
}
inline bool is_space(char c) {
  return text::is_ascii_space(c);
}

inline std::string to_hex(std::span<const unsigned char> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0F]);
  }
  return out;
}

}  // namespace sp::channels::detail

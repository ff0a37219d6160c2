// The compact integer encoding of the stored KPI aggregates (rollup.hpp, calls.hpp): unsigned
// LEB128 varints, zigzag for signed values. Decoding fails with the one "unreadable aggregate"
// error. Also the sparse (key, count) lists both histograms keep. Internal to reporting/.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace sp::reporting::varint {

inline Error corrupt() {
  return invalid_input("a stored KPI aggregate is unreadable", "aggregate");
}

inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

inline void put_signed(std::string& out, std::int64_t v) {
  put_varint(out, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
}

inline Result<std::uint64_t> get_varint(std::string_view& in) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return corrupt();
    const auto byte = static_cast<std::uint8_t>(in.front());
    in.remove_prefix(1);
    v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return v;
  }
  return corrupt();
}

inline Result<std::int64_t> get_signed(std::string_view& in) {
  auto u = get_varint(in);
  if (!u.ok()) return u.error();
  return static_cast<std::int64_t>((*u >> 1) ^ (~(*u & 1) + 1));
}

// Adds `n` (may be negative) to the count of `key` in `counts` (sorted by key, no zero counts).
inline void add_sparse_count(std::vector<std::pair<std::int32_t, std::int64_t>>& counts, std::int32_t key,
                             std::int64_t n) {
  auto it = std::lower_bound(counts.begin(), counts.end(), key,
                             [](const auto& entry, std::int32_t k) { return entry.first < k; });
  if (it != counts.end() && it->first == key) {
    it->second += n;
    if (it->second == 0) counts.erase(it);
  } else if (n != 0) {
    counts.insert(it, {key, n});
  }
}

}  // namespace sp::reporting::varint

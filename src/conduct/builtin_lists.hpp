// The built-in word lists (data/nl.txt, data/en.txt, data/zh.txt), compiled into the binary at
// build time (builtin_lists.cpp.in), so the pure check reads no files.
#pragma once

#include <string_view>

#include "domain/model.hpp"

namespace sp::conduct {

// The text of data/<language>.txt.
std::string_view builtin_list(domain::Language language);

}  // namespace sp::conduct

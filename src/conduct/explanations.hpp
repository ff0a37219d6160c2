// The short explanations of conduct findings, in the agent's language (nl, en, zh).
// Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace sp::conduct {

// The explanation of `rule` (see Finding::rule) with `detail` (the matched word, a number)
// put in its place. An unknown rule gives a generic sentence.
std::string explain(std::string_view rule, domain::Language language, std::string_view detail = {});

}  // namespace sp::conduct

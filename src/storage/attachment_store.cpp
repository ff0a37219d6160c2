#include "storage/attachment_store.hpp"

#include <array>
#include <utility>

namespace sp::storage {

namespace {
constexpr std::array<std::pair<AttachmentRole, std::string_view>, 4> kRoles{{
    {AttachmentRole::File, "file"},
    {AttachmentRole::Inline, "inline"},
    {AttachmentRole::Html, "html"},
    {AttachmentRole::Raw, "raw"},
}};
}  // namespace

std::string_view to_string(AttachmentRole role) {
  for (const auto& [value, name] : kRoles) {
    if (value == role) return name;
  }
  return "file";
}

Result<AttachmentRole> parse_attachment_role(std::string_view text) {
  for (const auto& [value, name] : kRoles) {
    if (name == text) return value;
  }
  return invalid_input("attachment role must be file, inline, html or raw", "role");
}

}  // namespace sp::storage

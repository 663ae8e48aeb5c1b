// The check every free-text field of the domain shares: trimmed, valid UTF-8, present when
// required, and at most a number of characters.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "common/text.h"

namespace lz::domain {

// Trims `value` in place; InvalidArgument naming `field` ("<what> is required", "… is not valid
// text", "… is too long (max N characters)") when it fails.
inline Status CheckText(std::string& value, size_t max, const std::string& field, std::string_view what,
                        bool required) {
  value = text::Trim(value);
  if (!text::IsValidUtf8(value)) return InvalidArgument(std::string(what) + " is not valid text", field);
  const size_t len = text::Utf8Length(value);
  if (required && len == 0) return InvalidArgument(std::string(what) + " is required", field);
  if (len > max) {
    return InvalidArgument(std::string(what) + " is too long (max " + std::to_string(max) + " characters)", field);
  }
  return Status::Ok();
}

}  // namespace lz::domain

// Text helpers for user input: UTF-8 validity and length in code points, trimming, masking.
#pragma once

#include <string>
#include <string_view>

namespace lz::text {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, no NUL).
bool IsValidUtf8(std::string_view s);
// Number of Unicode code points in a valid UTF-8 string.
size_t Utf8Length(std::string_view s);
// Without leading and trailing ASCII whitespace and U+3000 ideographic space.
std::string Trim(std::string_view s);
// "13812341234" → "138****1234"; shorter strings keep their first and last character only.
std::string MaskPhone(std::string_view phone);
// Escapes % _ and \ for a LIKE pattern used with ESCAPE '\'.
std::string EscapeLike(std::string_view s);

}  // namespace lz::text

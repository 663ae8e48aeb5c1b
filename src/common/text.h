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
// "13812341234" → "138****1234" (11 characters or more); shorter strings keep their first and
// last character only.
std::string MaskPhone(std::string_view phone);
// Valid UTF-8 of at most `max_bytes` bytes: invalid bytes become U+FFFD and the cut falls between
// whole characters. For untrusted text such as the User-Agent header.
std::string SanitiseUtf8(std::string_view s, size_t max_bytes);
// Full-width ASCII forms (U+FF01–U+FF5E, as Chinese input methods type digits, letters and
// brackets) become ASCII, and U+3000 a space; everything else is kept.
std::string ToHalfWidth(std::string_view s);
// Escapes % _ and \ for a LIKE pattern used with ESCAPE '\'.
std::string EscapeLike(std::string_view s);

}  // namespace lz::text

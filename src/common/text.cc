// Implementation of common/text.h.
#include "common/text.h"

#include <algorithm>
#include <cstdint>

namespace lz::text {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c == 0) return false;
    if (c < 0x80) { ++i; continue; }
    int n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= s.size()) return false;  // truncated sequence
    for (int k = 1; k <= n; ++k) {
      auto cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char ch : s) if ((static_cast<uint8_t>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

std::string ToHalfWidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c == 0xEF || c == 0xE3) && i + 2 < s.size()) {
      unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                    (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out.push_back(static_cast<char>(cp - 0xFEE0));
        i += 2;
        continue;
      }
      if (cp == 0x3000) {
        out.push_back(' ');
        i += 2;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string Trim(std::string_view s) {
  auto starts_ideographic = [](std::string_view v) { return v.substr(0, 3) == "\xE3\x80\x80"; };
  auto ends_ideographic = [](std::string_view v) { return v.size() >= 3 && v.substr(v.size() - 3) == "\xE3\x80\x80"; };
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    if (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r') { s.remove_prefix(1); changed = true; }
    else if (starts_ideographic(s)) { s.remove_prefix(3); changed = true; }
    if (s.empty()) break;
    if (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r') { s.remove_suffix(1); changed = true; }
    else if (ends_ideographic(s)) { s.remove_suffix(3); changed = true; }
  }
  return std::string(s);
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() >= 11) return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(phone.size() - 4));
  if (phone.size() <= 2) return std::string(phone.size(), '*');
  return std::string(1, phone.front()) + std::string(phone.size() - 2, '*') + std::string(1, phone.back());
}

std::string SanitiseUtf8(std::string_view s, size_t max_bytes) {
  std::string out;
  out.reserve(std::min(s.size(), max_bytes));
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<uint8_t>(s[i]);
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    std::string_view piece = n && i + n <= s.size() ? s.substr(i, n) : std::string_view();
    if (piece.empty() || !IsValidUtf8(piece)) {
      piece = "\xEF\xBF\xBD";  // U+FFFD for one invalid byte
      n = 1;
    }
    if (out.size() + piece.size() > max_bytes) break;
    out.append(piece);
    i += n;
  }
  return out;
}

std::string EscapeLike(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace lz::text

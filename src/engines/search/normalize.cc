// Implementation of normalize.h over the engine's folding (internal/unicode_fold.h).
#include "engines/search/normalize.h"

#include "engines/search/internal/unicode_fold.h"

namespace lz::engines::search {
namespace {

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string NormalizeForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_separator = false;
  internal::ForEachUnit(text, [&](internal::UnitKind kind, char32_t cp) {
    if (kind == internal::UnitKind::kSeparator) {
      pending_separator = !out.empty();
      return;
    }
    if (pending_separator) {
      out.push_back(' ');
      pending_separator = false;
    }
    AppendUtf8(cp, &out);
  });
  return out;
}

}  // namespace lz::engines::search

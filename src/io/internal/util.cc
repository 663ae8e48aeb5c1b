// Implementation of io/internal/util.h and io/sheet.h's cell names.
#include "io/internal/util.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <charconv>
#include <cmath>

#include "common/text.h"
#include "io/sheet.h"

namespace lz::io {

std::string ColumnName(uint32_t column) {
  std::string out;
  uint64_t n = uint64_t{column} + 1;
  while (n > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return out;
}

std::string CellName(uint32_t row, uint32_t column) { return ColumnName(column) + std::to_string(row); }

namespace internal {

std::string Bilingual(std::string_view zh, std::string_view en) {
  std::string out(zh);
  out += " / ";
  out += en;
  return out;
}

Status InvalidFile(std::string_view zh, std::string_view en) { return InvalidArgument(Bilingual(zh, en), "file"); }
Status LimitExceeded(std::string_view zh, std::string_view en) { return ResourceExhausted(Bilingual(zh, en)); }

std::string SizeText(uint64_t bytes) {
  return bytes % (1 << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

std::string Excerpt(std::string_view s, size_t max_chars) {
  size_t i = 0, chars = 0;
  while (i < s.size() && chars < max_chars) {
    ++i;
    while (i < s.size() && (static_cast<uint8_t>(s[i]) & 0xC0) == 0x80) ++i;
    ++chars;
  }
  if (i >= s.size()) return std::string(s);
  return std::string(s.substr(0, i)) + "…";
}

namespace {

std::string Normalise(const icu::Normalizer2* n, std::string_view s) {
  if (n == nullptr || !text::IsValidUtf8(s)) return std::string(s);
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = n->normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace

std::string Nfkc(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<uint8_t>(c) < 0x80;
  if (ascii) return std::string(s);
  UErrorCode err = U_ZERO_ERROR;
  return Normalise(icu::Normalizer2::getNFKCInstance(err), s);
}

std::string MatchKey(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<uint8_t>(c) < 0x80;
  UErrorCode err = U_ZERO_ERROR;
  std::string folded = ascii ? std::string(s) : Normalise(icu::Normalizer2::getNFKCCasefoldInstance(err), s);
  if (ascii) {
    for (char& c : folded) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*') continue;
    out.push_back(c);
  }
  return out;
}

size_t DisplayWidth(std::string_view s) {
  size_t width = 0;
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) { ++width; continue; }
    int eaw = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

std::string ShortestNumber(double v) {
  char buf[64];
  double a = std::fabs(v);
  auto fmt = (a == 0 || (a >= 1e-7 && a < 1e21)) ? std::chars_format::fixed : std::chars_format::general;
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, fmt);
  if (ec != std::errc()) return std::to_string(v);
  std::string out(buf, end);
  if (out == "-0") out = "0";
  return out;
}

std::optional<CellRef> ParseCellRef(std::string_view ref) {
  size_t i = 0;
  uint64_t col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) col = col * 26 + static_cast<uint64_t>(ref[i++] - 'A' + 1);
  if (i == 0 || col > 16384) return std::nullopt;
  uint64_t row = 0;
  size_t digits_at = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - digits_at < 8) row = row * 10 + static_cast<uint64_t>(ref[i++] - '0');
  if (i == digits_at || i != ref.size() || row == 0 || row > 1'048'576) return std::nullopt;
  return CellRef{static_cast<uint32_t>(row), static_cast<uint32_t>(col - 1)};
}

}  // namespace internal
}  // namespace lz::io

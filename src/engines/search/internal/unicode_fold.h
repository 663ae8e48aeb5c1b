// Folding and classification of text for the search engine, without ICU (the engines layer links
// only common and domain). Text is decoded as UTF-8 and turned into a stream of units:
//
//   kAscii      an ASCII letter or digit after folding: full-width forms (U+FF01–U+FF5E, as
//               Chinese input methods type them) become ASCII, letters become lower case;
//               circled, parenthesised and full-stop numbers (①⑴⒈ … ⑳⒇⒛) become their digits and
//               Roman numerals (Ⅰ–Ⅿ, ⅰ–ⅿ) their letters, as NFKC does.
//   kWide       any other word character, one unit per code point: Han ideographs (all
//               extensions), 〇 々 〆, kana, Hangul, and letters of other scripts. Not folded: no
//               traditional/simplified mapping, no compatibility-ideograph or Kangxi-radical mapping,
//               no case folding beyond ASCII.
//   kSeparator  whitespace, ASCII and CJK punctuation, symbols, emoji, private-use characters,
//               controls, and each byte of invalid UTF-8 (a search index does not refuse text).
//
// Invisible characters (zero-width space/joiners, soft hyphen, BOM, variation selectors, tags)
// produce no unit, so "葛" followed by a variation selector still reads as "葛".
// The functions are inline: they run once per character of every indexed text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lz::engines::search::internal {

enum class UnitKind : uint8_t { kSeparator, kAscii, kWide };

// Code point of the UTF-8 sequence at text[*i], advancing *i past it; an invalid or truncated
// sequence yields kInvalidCodePoint and advances by one byte.
inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

inline char32_t DecodeUtf8(std::string_view text, size_t* i) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  const size_t at = *i;
  const uint8_t c = s[at];
  if (c < 0x80) {
    *i = at + 1;
    return c;
  }
  int extra;
  char32_t cp;
  char32_t min;
  if ((c & 0xE0) == 0xC0) {
    extra = 1, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3, cp = c & 0x07, min = 0x10000;
  } else {
    *i = at + 1;
    return kInvalidCodePoint;
  }
  if (at + extra >= n) {  // truncated sequence
    *i = at + 1;
    return kInvalidCodePoint;
  }
  for (int k = 1; k <= extra; ++k) {
    const uint8_t cc = s[at + k];
    if ((cc & 0xC0) != 0x80) {
      *i = at + 1;
      return kInvalidCodePoint;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *i = at + 1;
    return kInvalidCodePoint;
  }
  *i = at + 1 + extra;
  return cp;
}

// What a non-ASCII code point is, after the full-width fold (see the file comment). kIgnored
// code points produce no unit.
enum class WideClass : uint8_t { kWord, kSeparator, kIgnored, kFold };

inline WideClass ClassifyNonAscii(char32_t cp) {
  if (cp - 0x4E00u < 0x5200u) return WideClass::kWord;  // CJK unified ideographs: most of the text
  if (cp < 0x2000) {
    if (cp == 0xAD) return WideClass::kIgnored;                  // soft hyphen
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return WideClass::kSeparator;  // C1, Latin-1 punctuation
    return WideClass::kWord;
  }
  if (cp < 0x3000) {
    if ((cp >= 0x200B && cp <= 0x200D) || cp == 0x2060) return WideClass::kIgnored;
    if ((cp >= 0x2160 && cp <= 0x217F) || (cp >= 0x2460 && cp <= 0x249B)) return WideClass::kFold;
    if (cp < 0x2C00) return WideClass::kSeparator;   // punctuation, symbols, arrows, math, shapes
    if (cp < 0x2E00) return WideClass::kWord;        // Glagolitic, Coptic, Georgian, Ethiopic …
    if (cp < 0x2E80) return WideClass::kSeparator;   // supplemental punctuation
    if (cp >= 0x2FF0) return WideClass::kSeparator;  // ideographic description characters
    return WideClass::kWord;                         // CJK and Kangxi radicals
  }
  if (cp < 0x3040) {  // CJK symbols and punctuation: 々 〆 〇, Hangzhou numerals and 〻 are word characters
    if ((cp >= 0x3005 && cp <= 0x3007) || (cp >= 0x3021 && cp <= 0x3029) || (cp >= 0x3038 && cp <= 0x303B)) {
      return WideClass::kWord;
    }
    return WideClass::kSeparator;
  }
  if (cp < 0x3200) return cp == 0x30FB ? WideClass::kSeparator : WideClass::kWord;  // kana (・ separates)
  if (cp < 0x3400) return WideClass::kSeparator;  // enclosed CJK letters, CJK compatibility (㎡ ㈠)
  if (cp < 0xD800) return (cp >= 0x4DC0 && cp <= 0x4DFF) ? WideClass::kSeparator : WideClass::kWord;
  if (cp < 0xF900) return WideClass::kSeparator;  // surrogates (never decoded), private use
  if (cp < 0xFE00) return WideClass::kWord;       // compatibility ideographs, presentation forms
  if (cp < 0xFE10) return WideClass::kIgnored;    // variation selectors
  if (cp < 0xFE20) return WideClass::kSeparator;  // vertical forms
  if (cp < 0xFE30) return WideClass::kIgnored;    // combining half marks
  if (cp < 0xFE70) return WideClass::kSeparator;  // CJK compatibility and small forms
  if (cp < 0xFF00) return cp == 0xFEFF ? WideClass::kIgnored : WideClass::kWord;
  if (cp < 0xFF5F) return cp == 0xFF00 ? WideClass::kSeparator : WideClass::kFold;  // full-width ASCII
  if (cp < 0xFF66) return WideClass::kSeparator;  // full-width brackets, half-width 。「」、・
  if (cp < 0xFFE0) return WideClass::kWord;       // half-width katakana and Hangul
  if (cp < 0x10000) return WideClass::kSeparator;  // full-width signs (￥), specials (U+FFFD)
  if (cp >= 0x1F000 && cp < 0x1FC00) return WideClass::kSeparator;  // emoji, cards, enclosed supplements
  if (cp >= 0xE0000 && cp < 0xE0080) return WideClass::kIgnored;   // tags
  if (cp >= 0xE0100 && cp < 0xE01F0) return WideClass::kIgnored;   // variation selectors supplement
  if (cp >= 0xF0000) return WideClass::kSeparator;                 // private use planes
  return WideClass::kWord;                                         // CJK extensions B–H, other scripts
}

// ASCII byte → unit kind, with letters lowered by the caller.
inline bool IsAsciiWord(uint8_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

namespace fold_detail {

// Emits the ASCII spelling of `v` (1–20) as kAscii units.
template <typename Sink>
void EmitNumber(int v, Sink& sink) {
  if (v >= 10) sink(UnitKind::kAscii, static_cast<char32_t>('0' + v / 10));
  sink(UnitKind::kAscii, static_cast<char32_t>('0' + v % 10));
}

// The folds of WideClass::kFold other than the full-width block.
template <typename Sink>
void EmitFolded(char32_t cp, Sink& sink) {
  static constexpr const char* kRoman[16] = {"i",  "ii", "iii", "iv", "v", "vi", "vii", "viii",
                                             "ix", "x",  "xi",  "xii", "l", "c", "d", "m"};
  if (cp >= 0x2160 && cp <= 0x217F) {  // Ⅰ–Ⅿ, ⅰ–ⅿ
    for (const char* p = kRoman[(cp - 0x2160) & 15]; *p; ++p) sink(UnitKind::kAscii, static_cast<char32_t>(*p));
  } else if (cp >= 0x2460 && cp <= 0x2473) {  // ①–⑳ → "1"–"20"
    EmitNumber(static_cast<int>(cp - 0x2460 + 1), sink);
  } else if (cp >= 0x2474 && cp <= 0x2487) {  // ⑴–⒇ → "(1)"–"(20)"
    sink(UnitKind::kSeparator, U' ');
    EmitNumber(static_cast<int>(cp - 0x2474 + 1), sink);
    sink(UnitKind::kSeparator, U' ');
  } else {  // ⒈–⒛ → "1."–"20."
    EmitNumber(static_cast<int>(cp - 0x2488 + 1), sink);
    sink(UnitKind::kSeparator, U' ');
  }
}

}  // namespace fold_detail

// Calls sink(UnitKind, char32_t) for every unit of `text` in order (see the file comment). ASCII
// units carry the lower-case character; separator units carry an unspecified code point and are
// not collapsed here.
template <typename Sink>
void ForEachUnit(std::string_view text, Sink&& sink) {
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const auto c = static_cast<uint8_t>(text[i]);
    if (c < 0x80) {
      ++i;
      if (IsAsciiWord(c)) {
        sink(UnitKind::kAscii, static_cast<char32_t>(LowerAscii(static_cast<char>(c))));
      } else {
        sink(UnitKind::kSeparator, static_cast<char32_t>(c));
      }
      continue;
    }
    const char32_t cp = DecodeUtf8(text, &i);
    if (cp == kInvalidCodePoint) {
      sink(UnitKind::kSeparator, U' ');
      continue;
    }
    switch (ClassifyNonAscii(cp)) {
      case WideClass::kWord:
        sink(UnitKind::kWide, cp);
        break;
      case WideClass::kSeparator:
        sink(UnitKind::kSeparator, cp);
        break;
      case WideClass::kIgnored:
        break;
      case WideClass::kFold:
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
          const auto a = static_cast<uint8_t>(cp - 0xFEE0);
          if (IsAsciiWord(a)) {
            sink(UnitKind::kAscii, static_cast<char32_t>(LowerAscii(static_cast<char>(a))));
          } else {
            sink(UnitKind::kSeparator, static_cast<char32_t>(a));
          }
        } else {
          fold_detail::EmitFolded(cp, sink);
        }
        break;
    }
  }
}

}  // namespace lz::engines::search::internal

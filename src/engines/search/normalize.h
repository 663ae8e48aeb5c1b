// The text normalisation the search engine matches on (text_index.h), as readable UTF-8: for
// showing users what a query was read as, for highlighting, and for tests. The engine itself
// stores the same form in a compact byte code (internal/char_codes.h).
#pragma once

#include <string>
#include <string_view>

namespace lz::engines::search {

// `text` folded and reduced to word characters: full-width forms become ASCII, ASCII letters
// lower case, ①⑴⒈ and Roman numerals their ASCII spelling; every run of separators (whitespace,
// punctuation, symbols, emoji, invalid UTF-8 bytes) becomes one space, none at either end;
// invisible characters (zero-width, variation selectors) are dropped. Example:
// "市民来电：ＬＥＤ路灯  不亮！" → "市民来电 led路灯 不亮".
std::string NormalizeForSearch(std::string_view text);

}  // namespace lz::engines::search

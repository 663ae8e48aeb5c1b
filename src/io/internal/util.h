// Helpers shared by the io readers and writers; not part of the io interface.
#pragma once

#include <cstdint>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/status.h"

namespace lz::io::internal {

// One user-facing message in zh-CN first and English second, as every io Status carries it.
std::string Bilingual(std::string_view zh, std::string_view en);
Status InvalidFile(std::string_view zh, std::string_view en);    // InvalidArgument, field "file"
Status LimitExceeded(std::string_view zh, std::string_view en);  // ResourceExhausted

// "64 MiB" for whole mebibytes, else "1234 bytes".
std::string SizeText(uint64_t bytes);

// `s` for quoting in a message: at most `max_chars` characters, then "…".
std::string Excerpt(std::string_view s, size_t max_chars = 40);

// Unicode NFKC (full-width digits and letters to ASCII, ideographic space to space), via ICU.
// Invalid UTF-8 is returned unchanged.
std::string Nfkc(std::string_view s);
// Key for comparing headers and labels: NFKC with case folding, without any whitespace and
// without the '*' that marks required columns in templates.
std::string MatchKey(std::string_view s);

// Width of `s` in a spreadsheet column: East Asian wide and full-width characters count 2.
size_t DisplayWidth(std::string_view s);

// Shortest text that reads back as `v`: fixed notation for ordinary magnitudes ("12", "0.1",
// "45413.5"), scientific beyond ("1e+21").
std::string ShortestNumber(double v);

// "B3" → {row 3, column 1}; nullopt when malformed or out of Excel's range.
struct CellRef {
  uint32_t row = 0;     // 1-based
  uint32_t column = 0;  // 0-based
};
std::optional<CellRef> ParseCellRef(std::string_view ref);

// File signatures: a zip container (xlsx) and an OLE2 compound file (.xls, or an xlsx saved with
// a password, which Excel wraps in OLE2).
bool LooksLikeZip(std::string_view bytes);
bool LooksLikeOle2(std::string_view bytes);
Status Ole2Refused();  // InvalidArgument explaining how to save the file as .xlsx

// Runs `f` (returning Status or Result<T>) and turns an escaping exception into a Status, so
// that no exception leaves the io interface.
template <typename F>
auto NoThrow(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    return ResourceExhausted("内存不足 / out of memory");
  } catch (const std::exception& e) {
    return Internal(std::string("io: ") + e.what());
  } catch (...) {
    return Internal("io: unknown exception");
  }
}

}  // namespace lz::io::internal

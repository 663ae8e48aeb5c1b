// Spreadsheet formats, the language of headers and labels, and the limits every reader enforces
// on an uploaded file (which is untrusted: a zip bomb, a million rows or a renamed binary must
// each be refused with a clear message before it costs much memory or time).
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace lz::io {

enum class Format { kXlsx, kCsv };

// Language of headers, enum labels and booleans in what we write. Reading accepts both.
enum class Language { kZh, kEn };

// Limits on one uploaded file. Every one is checked while reading (bytes are counted as they are
// inflated; sizes in zip headers are only used to refuse earlier, never to allow). Exceeding one
// gives ResourceExhausted whose message names the limit, in zh-CN then English.
struct ReadLimits {
  uint64_t max_input_bytes = 64ull << 20;     // the uploaded file itself (xlsx or CSV)
  uint64_t max_zip_entries = 1000;            // entries in the xlsx container
  uint64_t max_entry_bytes = 200ull << 20;    // inflated size of any one entry we read
  uint64_t max_total_bytes = 400ull << 20;    // inflated size of all entries we read together
  uint64_t max_compression_ratio = 200;       // inflated : compressed, per entry, once past 1 MiB
  uint32_t max_data_rows = 100'000;           // rows after the header row (row numbers, not count)
  uint32_t max_columns = 200;                 // columns A.. of cells that hold a value
  uint32_t max_cell_chars = 32'767;           // characters in one cell (Excel's own limit)
};

// The format of `bytes` by content: a zip container is xlsx, anything else is taken as CSV text
// (whose encoding ReadCsv checks). Errors, InvalidArgument with field "file": empty input, an
// Excel 97-2003 .xls or a password-protected workbook (both OLE2 compound files).
// Thread-safe; `bytes` is only read during the call.
Result<Format> DetectFormat(std::string_view bytes);

}  // namespace lz::io

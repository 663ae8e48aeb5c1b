// Spreadsheets over HTTP, shared by the routes that hand out templates and exports and take
// imports: the download answer, and the query parameters every sheet route reads.
#pragma once

#include <string>

#include "http/app.h"
#include "io/table.h"
#include "services/sheets.h"

namespace lz::http::views {

// The file as a download (200, its content type, Content-Disposition: attachment with the file
// name in RFC 6266 form — `fallback_stem` plus the file's extension as the ASCII name, the UTF-8
// name percent-encoded), or the error mapped as any error.
Response SheetDownload(const Result<services::SheetFile>& file, const std::string& fallback_stem = "download");

// ?format=csv → CSV; anything else (or nothing) → xlsx.
io::Format SheetFormatOf(const Request& r);

// ?mode=skip_bad_rows → skip-bad-rows; anything else (or nothing) → all-or-nothing.
io::ImportMode ImportModeOf(const Request& r);

}  // namespace lz::http::views

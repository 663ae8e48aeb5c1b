// Implementation of sheet_views.h.
#include "http/routes/sheet_views.h"

#include <cctype>

#include "http/routes/views.h"

namespace lz::http::views {

Response SheetDownload(const Result<services::SheetFile>& file, const std::string& fallback_stem) {
  if (!file.ok()) return Response::Error(file.status());
  Response r;
  r.content_type = file->content_type;
  r.body = file->bytes;
  std::string encoded;
  for (unsigned char c : file->file_name) {
    static const char* kHex = "0123456789ABCDEF";
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  const size_t dot = file->file_name.rfind('.');
  const std::string ext = dot == std::string::npos ? std::string() : file->file_name.substr(dot);
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + fallback_stem + ext + "\"; filename*=UTF-8''" + encoded);
  return r;
}

io::Format SheetFormatOf(const Request& r) {
  return QueryText(r, "format") == "csv" ? io::Format::kCsv : io::Format::kXlsx;
}

io::ImportMode ImportModeOf(const Request& r) {
  return io::ParseImportModeName(QueryText(r, "mode")).value_or(io::ImportMode::kAllOrNothing);
}

}  // namespace lz::http::views

// Format detection by content (io/format.h).
#include "io/format.h"

#include "io/internal/util.h"

namespace lz::io {

namespace internal {

bool LooksLikeZip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' &&
         ((bytes[2] == '\x03' && bytes[3] == '\x04') || (bytes[2] == '\x05' && bytes[3] == '\x06') ||
          (bytes[2] == '\x07' && bytes[3] == '\x08'));
}

bool LooksLikeOle2(std::string_view bytes) {
  return bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

Status Ole2Refused() {
  return InvalidFile("这是 Excel 97-2003 (.xls) 文件或设置了密码的工作簿，请在 Excel 中去掉密码并“另存为” .xlsx 后再导入",
                     "this is an Excel 97-2003 (.xls) file or a password-protected workbook; remove the password "
                     "and save it as .xlsx in Excel, then import that");
}

}  // namespace internal

Result<Format> DetectFormat(std::string_view bytes) {
  if (bytes.empty()) return internal::InvalidFile("文件是空的", "the file is empty");
  if (internal::LooksLikeZip(bytes)) return Format::kXlsx;
  if (internal::LooksLikeOle2(bytes)) return internal::Ole2Refused();
  return Format::kCsv;
}

}  // namespace lz::io

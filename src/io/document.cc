// SniffDocument: magic bytes, then the container's entries; the extension only for OLE files.
#include "io/document.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "io/internal/util.h"
#include "io/internal/zip_archive.h"

namespace lz::io {
namespace {

struct Format {
  std::string_view extension;
  std::string_view media_type;
};

// Office Open XML by its main part, at the name every producer (Office, WPS, LibreOffice) gives it.
struct OoxmlFormat {
  std::string_view main_part;
  Format format;
};
constexpr std::array kOoxml = {
    OoxmlFormat{"word/document.xml",
                {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}},
    OoxmlFormat{"xl/workbook.xml", {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}},
    OoxmlFormat{"ppt/presentation.xml",
                {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"}},
};
constexpr std::array kOle = {
    Format{"doc", "application/msword"},        Format{"xls", "application/vnd.ms-excel"},
    Format{"ppt", "application/vnd.ms-powerpoint"}, Format{"wps", "application/wps-office.wps"},
    Format{"et", "application/wps-office.et"},
};

constexpr std::string_view kPdfMagic = "%PDF-";
constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// InvalidArgument naming "file": what the file is, then what is accepted (zh-CN, then English).
Status Unsupported(std::string_view zh, std::string_view en) {
  return internal::InvalidFile(std::string(zh) + "；请上传 PDF、Word、Excel、PowerPoint、WPS 或 OFD 文档，或 JPEG、PNG、WebP 图片",
                               std::string(en) +
                                   "; upload a PDF, Word, Excel, PowerPoint, WPS or OFD document or a JPEG, PNG or WebP image");
}

DocumentKind KindOf(const Format& f) { return {std::string(f.media_type), std::string(f.extension)}; }

// The OLE format the extension names.
Result<DocumentKind> OleFormat(const std::string& ext) {
  for (const Format& f : kOle) {
    if (f.extension == ext) return KindOf(f);
  }
  std::string names;
  for (const Format& f : kOle) names += (names.empty() ? "." : ", .") + std::string(f.extension);
  return Unsupported("该文件为 Office 97–2003 或 WPS 格式，文件名须以 " + names + " 结尾",
                     "the file is an Office 97–2003 or WPS file, so its name must end in " + names);
}

}  // namespace

std::string LowerExtension(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

Result<DocumentKind> SniffDocument(std::string_view name, std::string_view bytes) {
  if (bytes.starts_with(kPdfMagic)) return DocumentKind{"application/pdf", "pdf"};
  if (bytes.starts_with(kOleMagic)) return OleFormat(LowerExtension(name));
  if (bytes.starts_with(kZipMagic)) {
    ReadLimits limits;
    limits.max_zip_entries = 100'000;  // a deck with many slides and pictures; only names are read
    auto archive = internal::ZipArchive::Open(bytes, limits);
    if (!archive.ok()) return Unsupported("文件是已损坏的 zip 压缩包", "the file is a damaged zip archive");
    const internal::ZipArchive& zip = **archive;
    if (zip.Has("[Content_Types].xml")) {
      for (const OoxmlFormat& f : kOoxml) {
        if (zip.Has(f.main_part)) return KindOf(f.format);
      }
      return Unsupported("文件是其他类型的 Office Open XML 文件", "the file is an Office Open XML package of another kind");
    }
    if (zip.Has("OFD.xml")) return DocumentKind{"application/ofd", "ofd"};
    return Unsupported("文件是 zip 压缩包，不是文档", "the file is a zip archive, not a document");
  }
  return Unsupported("无法识别的文件类型", "the file is not a document of a known kind");
}

}  // namespace lz::io

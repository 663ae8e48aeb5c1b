// Files of documents people upload (a policy's signed PDF, its Word original, annex tables): the
// type is recognised by the first bytes and, for zip containers, by the parts inside — never by
// the declared type. Only an OLE compound file (.doc, .xls, .ppt, .wps or .et, which share one
// container) is told apart by its name's extension. A renamed HTML page, script or executable is
// refused, so nothing stored here can run in a browser. Photos go through io/image.h instead
// (cleaned of metadata). Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace lz::io {

struct DocumentKind {
  std::string media_type;  // e.g. "application/pdf"
  std::string extension;   // the canonical one, lower case, without the dot: "pdf", "docx", …
};

// The extension of a file name after its last dot, in lower case ("" when it has none).
std::string LowerExtension(std::string_view name);

// The kind of document `bytes` holds, given the uploader's file `name`:
//   PDF (%PDF-); OOXML (a zip with [Content_Types].xml and the main part word/document.xml,
//   xl/workbook.xml or ppt/presentation.xml: docx, xlsx, pptx); OFD (a zip with OFD.xml, the
//   Chinese fixed-layout standard GB/T 33190); OLE compound files (doc, xls, ppt, and WPS
//   Office's wps and et, by the name's extension).
// InvalidArgument naming "file" when the bytes are none of these, or an OLE file's name does not
// end in one of its extensions (an .msi installer is an OLE file too).
Result<DocumentKind> SniffDocument(std::string_view name, std::string_view bytes);

}  // namespace lz::io

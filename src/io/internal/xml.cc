// Implementation of io/internal/xml.h over expat.
#include "io/internal/xml.h"

#include <expat.h>

#include <cstring>
#include <memory>
#include <string>

#include "io/internal/util.h"
#include "io/internal/zip_archive.h"

namespace lz::io::internal {
namespace {

constexpr char kNsSeparator = '|';

std::string_view LocalName(const char* name) {
  const char* sep = std::strrchr(name, kNsSeparator);
  return sep ? std::string_view(sep + 1) : std::string_view(name);
}

}  // namespace

class XmlParser {
 public:
  static void XMLCALL OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
    auto* h = static_cast<XmlHandler*>(data);
    if (h->failed()) return;
    try {
      h->Start(LocalName(name), attrs);
    } catch (...) {
      h->Fail(ResourceExhausted("内存不足 / out of memory"));
    }
  }
  static void XMLCALL OnEnd(void* data, const XML_Char* name) {
    auto* h = static_cast<XmlHandler*>(data);
    if (h->failed()) return;
    try {
      h->End(LocalName(name));
    } catch (...) {
      h->Fail(ResourceExhausted("内存不足 / out of memory"));
    }
  }
  static void XMLCALL OnText(void* data, const XML_Char* s, int len) {
    auto* h = static_cast<XmlHandler*>(data);
    if (h->failed()) return;
    try {
      h->Text(std::string_view(s, static_cast<size_t>(len)));
    } catch (...) {
      h->Fail(ResourceExhausted("内存不足 / out of memory"));
    }
  }
  static void XMLCALL OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    static_cast<XmlHandler*>(data)->Fail(
        InvalidFile("xlsx 文件含有 DTD 声明，已拒绝", "the xlsx file contains a document type declaration; refused"));
  }
};

void XmlHandler::Fail(Status status) {
  if (!status_.ok()) return;
  status_ = std::move(status);
  if (parser_) XML_StopParser(static_cast<XML_Parser>(parser_), XML_FALSE);
}

const char* XmlHandler::Attr(const char** attrs, std::string_view local) {
  for (size_t i = 0; attrs[i] != nullptr; i += 2) {
    if (LocalName(attrs[i]) == local) return attrs[i + 1];
  }
  return nullptr;
}

Status ParseXmlEntry(ZipArchive& zip, std::string_view entry, XmlHandler& handler) {
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreateNS(nullptr, kNsSeparator),
                                                                 XML_ParserFree);
  if (!parser) return ResourceExhausted("内存不足 / out of memory");
  XML_Parser p = parser.get();
  XML_SetUserData(p, &handler);
  XML_SetElementHandler(p, XmlParser::OnStart, XmlParser::OnEnd);
  XML_SetCharacterDataHandler(p, XmlParser::OnText);
  XML_SetStartDoctypeDeclHandler(p, XmlParser::OnDoctype);
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
  handler.parser_ = p;
  auto malformed = [&]() {
    std::string detail = XML_ErrorString(XML_GetErrorCode(p));
    std::string line = std::to_string(XML_GetCurrentLineNumber(p));
    return InvalidFile("xlsx 文件中的“" + std::string(entry) + "”不是有效的 XML（第 " + line + " 行：" + detail + "）",
                       "'" + std::string(entry) + "' in the xlsx file is not valid XML (line " + line + ": " + detail + ")");
  };
  Status streamed = zip.Stream(entry, [&](std::string_view chunk) -> Status {
    if (XML_Parse(p, chunk.data(), static_cast<int>(chunk.size()), XML_FALSE) != XML_STATUS_OK) {
      return handler.failed() ? handler.status() : malformed();
    }
    return Status::Ok();
  });
  if (!streamed.ok()) {
    handler.parser_ = nullptr;
    return streamed;
  }
  if (XML_Parse(p, "", 0, XML_TRUE) != XML_STATUS_OK) {
    handler.parser_ = nullptr;
    return handler.failed() ? handler.status() : malformed();
  }
  handler.parser_ = nullptr;
  return handler.status();
}

}  // namespace lz::io::internal

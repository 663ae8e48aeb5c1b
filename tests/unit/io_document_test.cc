// Tests of document sniffing: each accepted format by its bytes (PDF; docx/xlsx/pptx by their main
// part and OFD by OFD.xml inside a zip, whatever the name; doc/xls/ppt/wps/et as OLE compound
// files told apart by the extension); renamed HTML, an executable, a plain zip, an OOXML package
// of another kind, an OLE file with a foreign extension and damaged zips refused naming "file".
#include "io/document.h"

#include <zip.h>

#include <gtest/gtest.h>

#include <map>

namespace lz::io {
namespace {

// A zip archive (written by libzip in memory) holding `entries`.
std::string ZipOf(const std::map<std::string, std::string>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : entries) {
    zip_source_t* data = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8);
  }
  zip_close(archive);
  std::string out;
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  out.resize(static_cast<size_t>(zip_source_tell(buffer)));
  zip_source_seek(buffer, 0, SEEK_SET);
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

const std::string kOle = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0');

std::string MediaTypeOf(std::string_view name, const std::string& bytes) {
  auto kind = SniffDocument(name, bytes);
  return kind.ok() ? kind->media_type : "refused: " + std::string(kind.status().field());
}

TEST(SniffDocument, PdfIsKnownByItsBytesWhateverItsName) {
  const std::string pdf = "%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n";
  EXPECT_EQ(MediaTypeOf("吉府发〔2022〕3号.pdf", pdf), "application/pdf");
  EXPECT_EQ(MediaTypeOf("no extension", pdf), "application/pdf");
  auto kind = SniffDocument("x.PDF", pdf);
  ASSERT_TRUE(kind.ok());
  EXPECT_EQ(kind->extension, "pdf");
}

// An Office Open XML package whose main part is `main_part`.
std::string Ooxml(const std::string& main_part) {
  return ZipOf({{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", "<Relationships/>"}, {main_part, "<x/>"}});
}

TEST(SniffDocument, OfficeOpenXmlIsKnownByItsMainPartWhateverItsName) {
  const std::string docx = Ooxml("word/document.xml");
  EXPECT_EQ(MediaTypeOf("实施细则.docx", docx),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(MediaTypeOf("附表.XLSX", Ooxml("xl/workbook.xml")),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(MediaTypeOf("解读.pptx", Ooxml("ppt/presentation.xml")),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation");
  auto renamed = SniffDocument("renamed.pdf", docx);
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(renamed->extension, "docx") << "the parts decide, not the name";
  EXPECT_EQ(MediaTypeOf("drawing.vsdx", Ooxml("visio/document.xml")), "refused: file")
      << "an OOXML package of a kind not accepted";
}

TEST(SniffDocument, OfdIsAZipWithOfdXml) {
  const std::string ofd = ZipOf({{"OFD.xml", "<ofd:OFD/>"}, {"Doc_0/Document.xml", "<ofd:Document/>"}});
  EXPECT_EQ(MediaTypeOf("电子公文.ofd", ofd), "application/ofd");
  EXPECT_EQ(MediaTypeOf("电子公文", ofd), "application/ofd");
}

TEST(SniffDocument, OleCompoundFilesAreTheOldOfficeAndWpsFormats) {
  EXPECT_EQ(MediaTypeOf("通知.doc", kOle), "application/msword");
  EXPECT_EQ(MediaTypeOf("汇总.xls", kOle), "application/vnd.ms-excel");
  EXPECT_EQ(MediaTypeOf("汇报.ppt", kOle), "application/vnd.ms-powerpoint");
  EXPECT_EQ(MediaTypeOf("文件.wps", kOle), "application/wps-office.wps");
  EXPECT_EQ(MediaTypeOf("表格.et", kOle), "application/wps-office.et");
  EXPECT_EQ(MediaTypeOf("setup.msi", kOle), "refused: file") << "an installer is an OLE file too";
}

TEST(SniffDocument, AnythingElseIsRefusedNamingTheFile) {
  EXPECT_EQ(MediaTypeOf("evil.pdf", "<html><script>alert(1)</script></html>"), "refused: file");
  EXPECT_EQ(MediaTypeOf("a.docx", "MZ\x90\x00 executable"), "refused: file");
  EXPECT_EQ(MediaTypeOf("a.docx", ""), "refused: file");
  EXPECT_EQ(MediaTypeOf("archive.docx", ZipOf({{"readme.txt", "hello"}})), "refused: file")
      << "a zip without a document's marker entry";
  EXPECT_EQ(MediaTypeOf("broken.docx", std::string("PK\x03\x04", 4) + "garbage"), "refused: file");
  auto refused = SniffDocument("evil.pdf", "<html>");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("PDF"), std::string::npos) << "the message says what is accepted";
}

}  // namespace
}  // namespace lz::io

// Streaming XML over expat for the parts of an xlsx: handlers see local names (namespace prefixes
// dropped, so transitional and strict OOXML read alike). Document type declarations are refused,
// which rules out entity expansion attacks.
#pragma once

#include <string_view>

#include "common/status.h"

namespace lz::io::internal {

class ZipArchive;

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // `attrs` is expat's null-terminated array of (qualified name, value) pairs; use Attr().
  virtual void Start(std::string_view local_name, const char** attrs) = 0;
  virtual void End(std::string_view local_name) = 0;
  virtual void Text(std::string_view text) = 0;

  // Stops parsing; Parse returns `status`.
  void Fail(Status status);
  const Status& status() const { return status_; }
  bool failed() const { return !status_.ok(); }

  // Value of the attribute with local name `local`, or nullptr.
  static const char* Attr(const char** attrs, std::string_view local);

 private:
  friend class XmlParser;
  friend Status ParseXmlEntry(ZipArchive& zip, std::string_view entry, XmlHandler& handler);
  void* parser_ = nullptr;
  Status status_;
};

// Parses entry `entry` of `zip` as XML into `handler`, inflating and parsing chunk by chunk.
// Errors: the handler's Status, the archive's limits, or InvalidArgument for malformed XML.
Status ParseXmlEntry(ZipArchive& zip, std::string_view entry, XmlHandler& handler);

}  // namespace lz::io::internal

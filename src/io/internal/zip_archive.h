// A read-only zip archive over an in-memory buffer (libzip) that inflates entries under
// ReadLimits, counting the bytes as they come out rather than believing the headers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "io/format.h"

struct zip;

namespace lz::io::internal {

class ZipArchive {
 public:
  // Opens `bytes` (which must outlive the archive). Errors: InvalidArgument when it is not a zip
  // or is damaged; ResourceExhausted when it has more than limits.max_zip_entries entries.
  static Result<std::unique_ptr<ZipArchive>> Open(std::string_view bytes, const ReadLimits& limits);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool Has(std::string_view name) const;

  // Inflates entry `name` and hands it to `sink` in chunks; stops at the first non-OK Status of
  // `sink`, or with ResourceExhausted as soon as the entry, the running total or the entry's
  // compression ratio passes its limit. NotFound when there is no such entry.
  Status Stream(std::string_view name, const std::function<Status(std::string_view)>& sink);

  // The whole entry as a string, under the same limits.
  Result<std::string> Read(std::string_view name);

 private:
  ZipArchive(zip* archive, std::string_view bytes, const ReadLimits& limits)
      : archive_(archive), bytes_(bytes), limits_(limits) {}

  zip* archive_;
  std::string_view bytes_;
  ReadLimits limits_;
  uint64_t total_inflated_ = 0;
};

}  // namespace lz::io::internal

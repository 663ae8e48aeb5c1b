// Implementation of io/internal/zip_archive.h over libzip.
#include "io/internal/zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <vector>

#include "io/internal/util.h"

namespace lz::io::internal {
namespace {

// Below this many inflated bytes the compression ratio is not judged: small XML parts of a
// workbook routinely compress far better than 200:1 and cost nothing.
constexpr uint64_t kRatioFloorBytes = 1ull << 20;
constexpr size_t kChunk = 64 * 1024;

std::string Mib(uint64_t bytes) { return SizeText(bytes); }

Status EntryTooLarge(std::string_view name, uint64_t limit) {
  return LimitExceeded("xlsx 文件中的“" + std::string(name) + "”解压后超过 " + Mib(limit) + " 的上限",
                       "entry '" + std::string(name) + "' of the xlsx inflates to more than the limit of " + Mib(limit));
}

Status RatioTooHigh(std::string_view name, uint64_t ratio) {
  return LimitExceeded("xlsx 文件中的“" + std::string(name) + "”压缩比超过 " + std::to_string(ratio) +
                           ":1，疑似压缩炸弹，已拒绝",
                       "entry '" + std::string(name) + "' of the xlsx has a compression ratio above " +
                           std::to_string(ratio) + ":1 (a decompression bomb?); refused");
}

}  // namespace

Result<std::unique_ptr<ZipArchive>> ZipArchive::Open(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() > limits.max_input_bytes) {
    return LimitExceeded("文件超过 " + Mib(limits.max_input_bytes) + " 的大小上限",
                         "the file is larger than the limit of " + Mib(limits.max_input_bytes));
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return Internal("io: cannot create a zip source");
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) {
    int code = zip_error_code_zip(&error);
    std::string detail = zip_error_strerror(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    if (code == ZIP_ER_NOZIP) {
      return InvalidFile("文件不是 xlsx 工作簿（不是 zip 格式）", "the file is not an xlsx workbook (not a zip container)");
    }
    return InvalidFile("xlsx 文件已损坏，无法打开（" + detail + "）", "the xlsx file is damaged and cannot be opened (" + detail + ")");
  }
  zip_error_fini(&error);
  std::unique_ptr<ZipArchive> out(new ZipArchive(archive, bytes, limits));
  zip_int64_t entries = zip_get_num_entries(archive, 0);
  if (entries < 0 || static_cast<uint64_t>(entries) > limits.max_zip_entries) {
    return LimitExceeded("xlsx 文件包含 " + std::to_string(entries) + " 个条目，超过 " +
                             std::to_string(limits.max_zip_entries) + " 的上限",
                         "the xlsx container holds " + std::to_string(entries) + " entries, more than the limit of " +
                             std::to_string(limits.max_zip_entries));
  }
  return out;
}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

bool ZipArchive::Has(std::string_view name) const {
  return zip_name_locate(archive_, std::string(name).c_str(), 0) >= 0;
}

Status ZipArchive::Stream(std::string_view name, const std::function<Status(std::string_view)>& sink) {
  const std::string entry(name);
  zip_int64_t index = zip_name_locate(archive_, entry.c_str(), 0);
  if (index < 0) return NotFound("io: no entry " + entry);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return InvalidFile("xlsx 文件已损坏（" + entry + "）", "the xlsx file is damaged (" + entry + ")");
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    return InvalidFile("xlsx 文件已加密，请去掉密码后再导入", "the xlsx file is encrypted; remove the password and try again");
  }
  // The compressed size can be no larger than the file; the headers may claim anything.
  uint64_t compressed = bytes_.size();
  if (st.valid & ZIP_STAT_COMP_SIZE) compressed = std::min<uint64_t>(st.comp_size, compressed);
  compressed = std::max<uint64_t>(compressed, 1);
  const uint64_t ratio = limits_.max_compression_ratio;
  // Headers may let us refuse early, never accept: the counting below is what holds the limit.
  if (st.valid & ZIP_STAT_SIZE) {
    if (st.size > limits_.max_entry_bytes) return EntryTooLarge(entry, limits_.max_entry_bytes);
    if (st.size > kRatioFloorBytes && st.size / compressed > ratio) return RatioTooHigh(entry, ratio);
  }
  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    std::string detail = zip_strerror(archive_);
    return InvalidFile("无法读取 xlsx 文件中的“" + entry + "”（" + detail + "）",
                       "cannot read '" + entry + "' in the xlsx file (" + detail + ")");
  }
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> closer(file, zip_fclose);
  std::vector<char> buf(kChunk);
  uint64_t inflated = 0;
  for (;;) {
    zip_int64_t n = zip_fread(file, buf.data(), buf.size());
    if (n < 0) {
      std::string detail = zip_file_strerror(file);
      return InvalidFile("xlsx 文件中的“" + entry + "”已损坏（" + detail + "）",
                         "entry '" + entry + "' of the xlsx file is damaged (" + detail + ")");
    }
    if (n == 0) break;
    inflated += static_cast<uint64_t>(n);
    total_inflated_ += static_cast<uint64_t>(n);
    if (inflated > limits_.max_entry_bytes) return EntryTooLarge(entry, limits_.max_entry_bytes);
    if (inflated > kRatioFloorBytes && inflated / compressed > ratio) return RatioTooHigh(entry, ratio);
    if (total_inflated_ > limits_.max_total_bytes) {
      return LimitExceeded("xlsx 文件解压后总大小超过 " + Mib(limits_.max_total_bytes) + " 的上限",
                           "the xlsx file inflates to more than the limit of " + Mib(limits_.max_total_bytes) + " in total");
    }
    RETURN_IF_ERROR(sink(std::string_view(buf.data(), static_cast<size_t>(n))));
  }
  return Status::Ok();
}

Result<std::string> ZipArchive::Read(std::string_view name) {
  std::string out;
  RETURN_IF_ERROR(Stream(name, [&](std::string_view chunk) {
    out.append(chunk);
    return Status::Ok();
  }));
  return out;
}

}  // namespace lz::io::internal

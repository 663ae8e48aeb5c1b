// The spreadsheet services' shared parts: files, columns, and the import contract's steps.
#include "services/sheets.h"

#include <algorithm>

namespace lz::services {
namespace {

// Rows between two progress reports while checking and while writing.
constexpr size_t kProgressEvery = 100;

}  // namespace

SheetFile SheetFileOf(const std::string& stem, io::Format format, std::string bytes) {
  bool xlsx = format == io::Format::kXlsx;
  return SheetFile{stem + (xlsx ? ".xlsx" : ".csv"), std::string(xlsx ? kXlsxContentType : kCsvContentType),
                   std::move(bytes)};
}

io::ColumnSpec SheetColumn(std::string key, std::string zh, std::string en, io::ColumnType type,
                           io::Presence presence) {
  io::ColumnSpec c;
  c.key = std::move(key);
  c.zh = std::move(zh);
  c.en = std::move(en);
  c.type = type;
  c.presence = presence;
  return c;
}

std::string ImportDetail(const ImportReport& report) {
  return std::string(io::ImportModeName(report.mode)) + ": " + std::to_string(report.imported) + " of " +
         std::to_string(report.data_rows) + " rows imported";
}

Result<ImportReport> RunImport(storage::Store& store, std::string_view bytes, const io::TableSpec& spec,
                               io::ImportMode mode, const ProgressFn& progress, const ImportSteps& steps) {
  auto report_progress = [&](JobPhase phase, size_t done, size_t total) {
    if (progress) progress(JobProgress{phase, static_cast<int64_t>(done), static_cast<int64_t>(total)});
  };
  report_progress(JobPhase::kReading, 0, 0);
  io::ParseOptions options;
  options.progress = [&](size_t done, size_t total) { report_progress(JobPhase::kChecking, done, total); };
  options.progress_every = kProgressEvery;
  ASSIGN_OR_RETURN(auto parsed, io::Parse(bytes, spec, options));
  if (steps.order) steps.order(parsed.rows);
  ImportReport report;
  report.mode = mode;
  report.format = parsed.format;
  report.data_rows = static_cast<int64_t>(parsed.data_rows);
  report.errors_truncated = parsed.errors_truncated;
  for (const auto& e : parsed.errors) report.errors.push_back({e.row, e.column, e.header, e.message_zh});

  // A sentinel that rolls the transaction back when all-or-nothing meets a bad row.
  const Status kRollBack = FailedPrecondition("the import has bad rows; nothing was written");
  int64_t imported = 0;
  const size_t cell_errors = report.errors.size();
  Status st = store.Write([&](storage::Repositories& repos) -> Status {
    imported = 0;  // as if for the first time, should the store run this again
    report.errors.resize(cell_errors);
    if (steps.prepare) RETURN_IF_ERROR(steps.prepare(repos));
    const size_t total = parsed.rows.size();
    size_t done = 0;
    report_progress(JobPhase::kWriting, 0, total);
    for (const auto& row : parsed.rows) {
      if (done > 0 && done % kProgressEvery == 0) report_progress(JobPhase::kWriting, done, total);
      ++done;
      Status written = steps.write(repos, row);
      if (!written.ok()) {
        if (written.code() != StatusCode::kInvalidArgument && written.code() != StatusCode::kAlreadyExists) {
          return written;
        }
        report.errors.push_back(RowErrorOf(parsed, spec, row.row, written));
        continue;
      }
      ++imported;
    }
    report_progress(JobPhase::kWriting, total, total);
    if (mode == io::ImportMode::kAllOrNothing && !report.errors.empty()) return kRollBack;
    report.imported = imported;
    return steps.record(repos, report);
  });
  if (!st.ok() && !(st.code() == kRollBack.code() && st.message() == kRollBack.message())) return st;
  report.committed = st.ok();
  report.imported = st.ok() ? imported : 0;
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const ImportRowError& a, const ImportRowError& b) { return a.row < b.row; });
  return report;
}

}  // namespace lz::services

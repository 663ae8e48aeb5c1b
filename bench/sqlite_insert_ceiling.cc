// sqlite_insert_ceiling: the raw SQLite write ceiling for `make bench`. Opens (creating) a database
// file with the pragmas of the server's writer connection (src/storage/sqlite/sqlite_database.cc:
// foreign_keys=ON, journal_mode=WAL, synchronous=FULL or NORMAL), creates a table shaped like
// `units` (same columns, indexes and foreign keys), then runs one prepared INSERT per transaction
// (BEGIN IMMEDIATE … COMMIT) in one thread for the given number of seconds.
//
// Usage: sqlite_insert_ceiling PATH SECONDS [FULL|NORMAL]
// Prints one line: "<inserts per second> <p99 commit latency in ms> <inserts>". Exits non-zero with
// a message on stderr when any SQLite call fails. Links against libsqlite3 only.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO regions VALUES ('36', '江西省'), ('3608', '吉安市');
CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  parent_id   BIGINT REFERENCES units(id),
  code        TEXT UNIQUE,
  path        TEXT NOT NULL,
  created_by  BIGINT NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_region ON units(region_code);
CREATE INDEX units_path ON units(path);
CREATE INDEX units_name ON units(name);
)sql";

constexpr std::string_view kInsert =
    "INSERT INTO units (name, kind, region_code, parent_id, code, path, created_by, created_at, updated_at) "
    "VALUES (?, 'department', '3608', NULL, NULL, ?, 1, ?, ?)";

[[noreturn]] void Fail(sqlite3* db, std::string_view what) {
  std::fprintf(stderr, "sqlite_insert_ceiling: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               db ? sqlite3_errmsg(db) : "out of memory");
  std::exit(1);
}

void Exec(sqlite3* db, std::string_view script) {
  std::string s(script);
  if (sqlite3_exec(db, s.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) Fail(db, s);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: %s PATH SECONDS [FULL|NORMAL]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const double seconds = std::atof(argv[2]);
  const std::string synchronous = argc == 4 ? argv[3] : "FULL";
  if (seconds <= 0 || (synchronous != "FULL" && synchronous != "NORMAL")) {
    std::fprintf(stderr, "usage: %s PATH SECONDS [FULL|NORMAL]\n", argv[0]);
    return 2;
  }

  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    Fail(db, "open " + path);
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  Exec(db, "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=" + synchronous + ";");
  Exec(db, kSchema);

  sqlite3_stmt* begin = nullptr;
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* commit = nullptr;
  if (sqlite3_prepare_v3(db, "BEGIN IMMEDIATE", -1, SQLITE_PREPARE_PERSISTENT, &begin, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v3(db, kInsert.data(), static_cast<int>(kInsert.size()), SQLITE_PREPARE_PERSISTENT, &insert,
                         nullptr) != SQLITE_OK ||
      sqlite3_prepare_v3(db, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT, &commit, nullptr) != SQLITE_OK) {
    Fail(db, "prepare");
  }

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<double> latencies_ms;
  latencies_ms.reserve(1 << 16);
  std::string name;
  std::string unit_path;
  auto now = start;
  for (int64_t i = 1; now < deadline; ++i) {
    const auto t0 = now;
    name = "ceiling-" + std::to_string(i);
    unit_path = "/" + std::to_string(i) + "/";
    const int64_t at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    if (sqlite3_step(begin) != SQLITE_DONE) Fail(db, "BEGIN IMMEDIATE");
    sqlite3_reset(begin);
    sqlite3_bind_text(insert, 1, name.data(), static_cast<int>(name.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 2, unit_path.data(), static_cast<int>(unit_path.size()), SQLITE_STATIC);
    sqlite3_bind_int64(insert, 3, at_ms);
    sqlite3_bind_int64(insert, 4, at_ms);
    if (sqlite3_step(insert) != SQLITE_DONE) Fail(db, "INSERT");
    sqlite3_reset(insert);
    if (sqlite3_step(commit) != SQLITE_DONE) Fail(db, "COMMIT");
    sqlite3_reset(commit);
    now = Clock::now();
    latencies_ms.push_back(std::chrono::duration<double, std::milli>(now - t0).count());
  }
  const double elapsed = std::chrono::duration<double>(now - start).count();

  sqlite3_finalize(begin);
  sqlite3_finalize(insert);
  sqlite3_finalize(commit);
  sqlite3_close_v2(db);

  const size_t n = latencies_ms.size();
  auto p99 = latencies_ms.begin() + static_cast<std::ptrdiff_t>(std::min(n - 1, n * 99 / 100));
  std::nth_element(latencies_ms.begin(), p99, latencies_ms.end());
  std::printf("%.1f %.3f %zu\n", static_cast<double>(n) / elapsed, *p99, n);
  return 0;
}

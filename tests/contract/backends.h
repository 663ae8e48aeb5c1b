// Storage backends under test. Every contract test is parameterised over StorageBackends(), so a
// new backend (PostgreSQL) is added by appending one factory in backends.cc; integration tests can
// reuse StorageFixture to get a fresh, migrated Store on each backend.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <ostream>
#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "storage/repositories.h"
#include "storage/sql/sql.h"

namespace lz::testing {

// A scratch directory removed (with its contents) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct StorageBackend {
  std::string name;  // test-name suffix: letters, digits and '_' only
  // Opens a fresh, empty (not yet migrated) database whose files live under `dir`.
  std::function<Result<std::shared_ptr<storage::sql::Database>>(const std::filesystem::path& dir)> open;
  // Opens a second, independent handle on the database `open` created under `dir` (as another
  // server or process would).
  std::function<Result<std::shared_ptr<storage::sql::Database>>(const std::filesystem::path& dir)> reopen;
};

// Every backend available in this build and environment. Today: SQLite in a temp file.
// A PostgreSQL factory would create a throw-away schema per call from LZ_TEST_POSTGRES_URL.
const std::vector<StorageBackend>& StorageBackends();

// Prints the backend's name in test failure messages.
void PrintTo(const StorageBackend& backend, std::ostream* os);

// gtest name generator: "SQLite", ...
std::string BackendName(const ::testing::TestParamInfo<StorageBackend>& info);

// Fixture: a fresh database per test, migrated with a simulated clock, behind a Store.
class StorageFixture : public ::testing::TestWithParam<StorageBackend> {
 protected:
  static constexpr TimeMs kStart = 1767225600000;  // 2026-01-01T00:00:00Z

  void SetUp() override;
  void TearDown() override;

  // Runs fn in a write / read transaction and fails the test on a non-OK status.
  void MustWrite(const std::function<Status(storage::Repositories&)>& fn);
  void MustRead(const std::function<Status(storage::Repositories&)>& fn);
  // Stores, in its own transaction, a case as a channel registers it: the facts given (title and
  // text made from the number), `state`, version 1, created (and updated) at `created`, registered
  // by `intake`. Returns its id. The channel, category and region must exist.
  int64_t InsertCase(const std::string& number, const std::string& channel, const std::string& category_code,
                     const std::string& region_code, casework::CaseState state, TimeMs created,
                     std::optional<int64_t> intake);

  SimulatedClock clock_{kStart};
  std::unique_ptr<TempDir> dir_;
  std::shared_ptr<storage::sql::Database> db_;
  std::unique_ptr<storage::Store> store_;
  std::vector<int> first_migration_;  // versions the SetUp migration applied
};

}  // namespace lz::testing

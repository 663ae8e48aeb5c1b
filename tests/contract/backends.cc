// Storage backend factories and the shared contract fixture.
#include "backends.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

#include <spdlog/spdlog.h>

#include "common/crypto.h"
#include "storage/migrate.h"
#include "storage/sql_store.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace lz::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::filesystem::path base = std::filesystem::temp_directory_path();
  for (int attempt = 0;; ++attempt) {
    path_ = base / ("lz-storage-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::error_code ec;
    if (std::filesystem::create_directory(path_, ec)) break;
    if (attempt > 100) throw std::runtime_error("cannot create temp dir under " + base.string());
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {

// The URL of the schema OpenPostgresBackend created for `dir` is kept in this file.
std::filesystem::path PostgresUrlFile(const std::filesystem::path& dir) { return dir / "postgres.url"; }

Result<std::shared_ptr<storage::sql::Database>> ConnectPostgres(const std::string& url) {
  ASSIGN_OR_RETURN(auto db, storage::OpenPostgres(storage::PostgresOptions{url, 4}));
  return std::shared_ptr<storage::sql::Database>(std::move(db));
}

// A fresh schema on the test server for every call, selected through the connection's
// search_path, so each test starts from an empty database without the cost of CREATE DATABASE.
Result<std::shared_ptr<storage::sql::Database>> OpenPostgresBackend(const std::filesystem::path& dir) {
  static std::atomic<int> counter{0};
  std::string base = std::getenv("LZ_TEST_POSTGRES_URL");
  std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  {
    storage::PostgresOptions admin{base, 1};
    ASSIGN_OR_RETURN(auto db, storage::OpenPostgres(admin));
    RETURN_IF_ERROR(db->Run(storage::sql::TxMode::kWrite, [&](storage::sql::Connection& c) {
      return c.ExecScript("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
    }));
  }
  std::string url = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
  std::ofstream(PostgresUrlFile(dir)) << url;
  return ConnectPostgres(url);
}

Result<std::shared_ptr<storage::sql::Database>> ReopenPostgresBackend(const std::filesystem::path& dir) {
  std::string url;
  std::ifstream(PostgresUrlFile(dir)) >> url;
  if (url.empty()) return FailedPrecondition("no PostgreSQL test schema was created under " + dir.string());
  return ConnectPostgres(url);
}

Result<std::shared_ptr<storage::sql::Database>> OpenSqliteBackend(const std::filesystem::path& dir) {
  storage::SqliteOptions o;
  o.path = (dir / "contract.db").string();
  // NORMAL keeps WAL commits cheap; durability on power loss is not under test here.
  o.synchronous = "NORMAL";
  o.readers = 4;
  auto db = storage::OpenSqlite(o);
  if (!db.ok()) return db.status();
  return std::shared_ptr<storage::sql::Database>(std::move(db).value());
}

}  // namespace

const std::vector<StorageBackend>& StorageBackends() {
  static const std::vector<StorageBackend> kBackends = [] {
    std::vector<StorageBackend> v = {{"SQLite", &OpenSqliteBackend, &OpenSqliteBackend}};
    // make test runs CTest inside scripts/test-postgres.sh, which sets LZ_TEST_POSTGRES_URL.
    if (std::getenv("LZ_TEST_POSTGRES_URL")) v.push_back({"PostgreSQL", &OpenPostgresBackend, &ReopenPostgresBackend});
    return v;
  }();
  return kBackends;
}

void PrintTo(const StorageBackend& backend, std::ostream* os) { *os << backend.name; }

std::string BackendName(const ::testing::TestParamInfo<StorageBackend>& info) { return info.param.name; }

void StorageFixture::SetUp() {
  spdlog::set_level(spdlog::level::warn);  // keep "applied migration" lines out of test output
  ASSERT_TRUE(crypto::Init().ok());
  dir_ = std::make_unique<TempDir>();
  auto db = GetParam().open(dir_->path());
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  db_ = std::move(db).value();
  auto versions = storage::Migrate(*db_, clock_);
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  first_migration_ = *versions;
  store_ = storage::MakeSqlStore(db_);
}

void StorageFixture::TearDown() {
  store_.reset();
  db_.reset();
  dir_.reset();
}

void StorageFixture::MustWrite(const std::function<Status(storage::Repositories&)>& fn) {
  Status st = store_->Write(fn);
  ASSERT_TRUE(st.ok()) << st.ToString();
}

void StorageFixture::MustRead(const std::function<Status(storage::Repositories&)>& fn) {
  Status st = store_->Read(fn);
  ASSERT_TRUE(st.ok()) << st.ToString();
}

int64_t StorageFixture::InsertCase(const std::string& number, const std::string& channel,
                                   const std::string& category_code, const std::string& region_code,
                                   casework::CaseState state, TimeMs created, std::optional<int64_t> intake) {
  casework::Case c;
  c.number = number;
  c.facts.channel = channel;
  c.facts.category_code = category_code;
  c.facts.title = "标题 " + number;
  c.facts.text = "反映 " + number;
  c.facts.region_code = region_code;
  c.state = state;
  c.version = 1;
  c.created_at = c.updated_at = created;
  int64_t id = 0;
  MustWrite([&](storage::Repositories& r) -> Status {
    ASSIGN_OR_RETURN(id, r.cases().Insert(c, intake));
    return Status::Ok();
  });
  return id;
}

}  // namespace lz::testing

// The storage contract: what services may rely on from Store, Repositories and every repository
// (storage/repositories.h). One value-parameterised suite runs on every backend in
// StorageBackends(); a new backend passes when this file passes on it unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "backends.h"
#include "common/crypto.h"
#include "domain/audit/audit_chain.h"
#include "storage/migrate.h"

namespace lz::testing {
namespace {

using audit::LogKind;
using auth::ScopeFilter;
using auth::ScopeKind;
using org::RegionLevel;
using org::UnitKind;
using storage::Repositories;

// A query that sees every row (the default ScopeFilter is "self" of user 0, i.e. nothing).
template <typename Query>
Query Everything() {
  Query q;
  q.scope = ScopeFilter::All();
  q.page.page_size = 100;
  return q;
}


std::vector<int64_t> Ids(const std::vector<org::Unit>& units) {
  std::vector<int64_t> out;
  for (const auto& u : units) out.push_back(u.id);
  std::sort(out.begin(), out.end());
  return out;
}

template <typename T>
std::vector<int64_t> IdsOf(const std::vector<T>& items) {
  std::vector<int64_t> out;
  for (const auto& i : items) out.push_back(i.id);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<int64_t> Sorted(std::vector<int64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

class StorageContract : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([](Repositories& r) -> Status {
      const org::Region regions[] = {
          {"35", "福建省", RegionLevel::kProvince, "", 0},  {"36", "江西省", RegionLevel::kProvince, "", 0},
          {"3501", "福州市", RegionLevel::kCity, "35", 0},   {"3608", "吉安市", RegionLevel::kCity, "36", 0},
          {"3609", "宜春市", RegionLevel::kCity, "36", 0},   {"360802", "吉州区", RegionLevel::kCounty, "3608", 0},
          {"360803", "青原区", RegionLevel::kCounty, "3608", 0},
          {"360902", "袁州区", RegionLevel::kCounty, "3609", 0},
          {"360802001", "古南街道", RegionLevel::kTownship, "360802", 0},
      };
      for (const auto& region : regions) RETURN_IF_ERROR(r.regions().Insert(region, "test"));
      return Status::Ok();
    });
  }

  // A unit with the fields services fill; inserted in its own transaction.
  org::Unit NewUnit(const std::string& name, std::optional<int64_t> parent, const std::string& region = "3608",
                    UnitKind kind = UnitKind::kDepartment, int64_t created_by = 1) {
    org::Unit u;
    u.name = name;
    u.kind = kind;
    u.region_code = region;
    u.parent_id = parent;
    u.created_by = created_by;
    u.created_at = clock_.NowMs();
    u.updated_at = clock_.NowMs();
    return u;
  }

  org::Unit AddUnit(const std::string& name, std::optional<int64_t> parent, const std::string& region = "3608",
                    UnitKind kind = UnitKind::kDepartment, int64_t created_by = 1) {
    org::Unit u = NewUnit(name, parent, region, kind, created_by);
    Status st = store_->Write([&](Repositories& r) { return r.units().Insert(u).status(); });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return u;
  }

  auth::Role AddRole(const std::string& key, std::set<std::string> permissions) {
    auth::Role role{0, key, "角色 " + key, std::move(permissions), false};
    Status st = store_->Write([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(role.id, r.roles().Insert(role));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return role;
  }

  auth::User NewUser(const std::string& login, const std::string& name, int64_t unit_id) {
    auth::User u;
    u.login = login;
    u.name = name;
    u.unit_id = unit_id;
    u.scope.kind = ScopeKind::kOwnUnit;
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    u.password_changed_at = clock_.NowMs();
    u.created_by = 1;
    u.created_at = clock_.NowMs();
    u.updated_at = clock_.NowMs();
    return u;
  }

  auth::User AddUser(auth::User u) {
    Status st = store_->Write([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(u.id, r.users().Insert(u));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return u;
  }

  std::optional<org::Unit> GetUnit(int64_t id) {
    std::optional<org::Unit> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.units().Get(id));
      return Status::Ok();
    });
    return out;
  }

  storage::PageOf<org::Unit> ListUnits(storage::UnitQuery q) {
    storage::PageOf<org::Unit> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.units().List(q));
      return Status::Ok();
    });
    return out;
  }

  std::vector<int64_t> UnitIdsInScope(ScopeFilter scope) {
    storage::UnitQuery q;
    q.scope = std::move(scope);
    q.page.page_size = 100;
    auto page = ListUnits(q);
    EXPECT_EQ(page.total, static_cast<int64_t>(page.items.size()));
    return Ids(page.items);
  }

  audit::OperationRecord Op(const std::string& login, const std::string& action, const std::string& result = "ok") {
    audit::OperationRecord r;
    r.at = clock_.NowMs();
    r.user_id = 1;
    r.login = login;
    r.action = action;
    r.object_type = action.substr(0, action.find('.'));
    r.object_id = "7";
    r.result = audit::ParseOperationResult(result).value_or(audit::OperationResult::kOk);
    r.detail = "明细 " + action;
    r.client_address = "10.1.2.3";
    return r;
  }
};

// ---------------------------------------------------------------------------------------------
// Migrations and transactions

TEST_P(StorageContract, MigrationsApplyOnceAndAreIdempotent) {
  auto embedded = storage::EmbeddedMigrations(db_->dialect());
  ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
  std::vector<int> versions;
  for (const auto& m : *embedded) versions.push_back(m.version);
  ASSERT_FALSE(versions.empty());
  EXPECT_EQ(first_migration_, versions);

  clock_.Advance(kHourMs);
  auto again = storage::Migrate(*db_, clock_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->empty());

  // One row per version, stamped with the clock of the first run.
  Status st = db_->Run(storage::sql::TxMode::kRead, [&](storage::sql::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto rows, c.Query("SELECT version, applied_at FROM schema_migrations ORDER BY version"));
    EXPECT_EQ(rows.size(), versions.size());
    for (size_t i = 0; i < rows.size() && i < versions.size(); ++i) {
      EXPECT_EQ(rows[i].Int(0), versions[i]);
      EXPECT_EQ(rows[i].Int(1), kStart);
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
}

TEST_P(StorageContract, MigrateRefusesADatabaseNewerThanTheProgram) {
  Status st = db_->Run(storage::sql::TxMode::kWrite, [](storage::sql::Connection& c) {
    return c.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                  {int64_t{9999}, std::string("9999_future"), int64_t{0}})
        .status();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto r = storage::Migrate(*db_, clock_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

TEST_P(StorageContract, CheckSchemaTellsCurrentBehindNewerAndMissingWithoutChangingAnything) {
  auto versions = storage::ReadSchemaVersions(*db_);
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  ASSERT_FALSE(first_migration_.empty());
  EXPECT_EQ(versions->program, first_migration_.back());
  EXPECT_EQ(versions->database, versions->program);
  EXPECT_TRUE(storage::CheckSchema(*db_).ok());

  auto set_newest = [&](const std::string& sql) {
    Status st = db_->Run(storage::sql::TxMode::kWrite, [&](storage::sql::Connection& c) {
      return c.Exec(sql, {int64_t{versions->program}}).status();
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
  };
  set_newest("DELETE FROM schema_migrations WHERE version = ?");
  Status behind = storage::CheckSchema(*db_);
  EXPECT_EQ(behind.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(behind.message().find("lianzhang migrate"), std::string::npos) << behind.ToString();
  set_newest("INSERT INTO schema_migrations (version, name, applied_at) VALUES (? + 1, 'future', 0)");
  Status newer = storage::CheckSchema(*db_);
  EXPECT_EQ(newer.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(newer.message().find("newer than this program"), std::string::npos) << newer.ToString();

  // An empty database: missing, and still empty afterwards (no DDL).
  std::filesystem::create_directory(dir_->path() / "empty");
  auto empty = GetParam().open(dir_->path() / "empty");
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  auto none = storage::ReadSchemaVersions(**empty);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->database, 0);
  Status missing = storage::CheckSchema(**empty);
  EXPECT_EQ(missing.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(missing.message().find("no lianzhang schema"), std::string::npos) << missing.ToString();
  Status st = (*empty)->Run(storage::sql::TxMode::kRead, [](storage::sql::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto tables, c.QueryInt(c.dialect() == storage::sql::Dialect::kSqlite
                                                 ? "SELECT COUNT(*) FROM sqlite_master"
                                                 : "SELECT COUNT(*) FROM pg_catalog.pg_tables "
                                                   "WHERE schemaname = ANY (current_schemas(false))"));
    EXPECT_EQ(tables.value_or(-1), 0);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
}

TEST_P(StorageContract, FreshStoreHasEmptyChainsAndNoSettings) {
  MustRead([](Repositories& r) -> Status {
    for (LogKind kind : {LogKind::kLogin, LogKind::kOperation}) {
      ASSIGN_OR_RETURN(auto head, r.audit().Head(kind));
      EXPECT_EQ(head.last_id, 0);
      EXPECT_EQ(head.last_hash, audit::kGenesisHash);
    }
    ASSIGN_OR_RETURN(auto roles, r.roles().List());
    EXPECT_TRUE(roles.empty());
    ASSIGN_OR_RETURN(auto setting, r.settings().Get("admin_created"));
    EXPECT_FALSE(setting.has_value());
    return Status::Ok();
  });
}

TEST_P(StorageContract, WriteCommitsAndReadSeesIt) {
  MustWrite([](Repositories& r) { return r.settings().Put("greeting", "你好"); });
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto v, r.settings().Get("greeting"));
    EXPECT_EQ(v, std::optional<std::string>("你好"));
    return Status::Ok();
  });
}

TEST_P(StorageContract, FailedWriteRollsBackEverythingAndReturnsTheStatus) {
  int64_t unit_id = 0;
  Status st = store_->Write([&](Repositories& r) -> Status {
    org::Unit u = NewUnit("临时单位", std::nullopt);
    ASSIGN_OR_RETURN(unit_id, r.units().Insert(u));
    auto op = Op("admin", "unit.create");
    RETURN_IF_ERROR(r.audit().Append(op));
    RETURN_IF_ERROR(r.settings().Put("k", "v"));
    ASSIGN_OR_RETURN(auto inside, r.units().Get(unit_id));  // visible inside the transaction
    EXPECT_TRUE(inside.has_value());
    return InvalidArgument("stop here", "name");
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "stop here");
  EXPECT_EQ(st.field(), "name");
  ASSERT_GT(unit_id, 0);

  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto u, r.units().Get(unit_id));
    EXPECT_FALSE(u.has_value());
    ASSIGN_OR_RETURN(auto page, r.units().List(Everything<storage::UnitQuery>()));
    EXPECT_EQ(page.total, 0);
    ASSIGN_OR_RETURN(auto head, r.audit().Head(LogKind::kOperation));
    EXPECT_EQ(head.last_id, 0);
    ASSIGN_OR_RETURN(auto ops, r.audit().ListOperations({}));
    EXPECT_EQ(ops.total, 0);
    ASSIGN_OR_RETURN(auto k, r.settings().Get("k"));
    EXPECT_FALSE(k.has_value());
    return Status::Ok();
  });

  // The store is usable afterwards and the chain starts at 1.
  MustWrite([&](Repositories& r) -> Status {
    auto op = Op("admin", "unit.create");
    RETURN_IF_ERROR(r.audit().Append(op));
    EXPECT_EQ(op.id, 1);
    EXPECT_EQ(op.prev_hash, audit::kGenesisHash);
    return Status::Ok();
  });
}

TEST_P(StorageContract, ExceptionInsideWriteRollsBack) {
  bool threw_out = false;
  Status st;
  try {
    st = store_->Write([&](Repositories& r) -> Status {
      RETURN_IF_ERROR(r.settings().Put("half", "done"));
      throw std::runtime_error("boom");
    });
  } catch (const std::runtime_error&) {
    threw_out = true;
  }
  // Either rethrown or reported; never committed.
  EXPECT_TRUE(threw_out || !st.ok());
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto v, r.settings().Get("half"));
    EXPECT_FALSE(v.has_value());
    return Status::Ok();
  });
  MustWrite([](Repositories& r) { return r.settings().Put("after", "ok"); });
}

TEST_P(StorageContract, ReadTransactionsCannotWrite) {
  Status st = store_->Read([](Repositories& r) { return r.settings().Put("sneaky", "write"); });
  EXPECT_FALSE(st.ok());
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto v, r.settings().Get("sneaky"));
    EXPECT_FALSE(v.has_value());
    return Status::Ok();
  });
}

TEST_P(StorageContract, BackupWritesAFile) {
  AddUnit("备份单位", std::nullopt);
  std::filesystem::path target = dir_->path() / "backup.db";
  Status st = store_->BackupTo(target.string());
  if (db_->dialect() == storage::sql::Dialect::kPostgres) {
    // PostgreSQL is backed up by its own tools (pg_basebackup, WAL archiving); the store says so.
    EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(st.message().find("pg_basebackup"), std::string::npos);
    return;
  }
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(std::filesystem::exists(target));
  EXPECT_GT(std::filesystem::file_size(target), 0u);
}

// ---------------------------------------------------------------------------------------------
// Regions

TEST_P(StorageContract, RegionsGetWithLevelParentAndChildCount) {
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto city, r.regions().Get("3608"));
    EXPECT_TRUE(city.has_value());
    if (!city) return Status::Ok();
    EXPECT_EQ(city->name, "吉安市");
    EXPECT_EQ(city->level, RegionLevel::kCity);
    EXPECT_EQ(city->parent_code, "36");
    EXPECT_EQ(city->child_count, 2);
    ASSIGN_OR_RETURN(auto province, r.regions().Get("36"));
    EXPECT_TRUE(province.has_value());
    if (province) {
      EXPECT_EQ(province->parent_code, "");
      EXPECT_EQ(province->level, RegionLevel::kProvince);
    }
    ASSIGN_OR_RETURN(auto town, r.regions().Get("360802001"));
    EXPECT_TRUE(town && town->level == RegionLevel::kTownship && town->child_count == 0);
    ASSIGN_OR_RETURN(auto missing, r.regions().Get("3699"));
    EXPECT_FALSE(missing.has_value());
    ASSIGN_OR_RETURN(auto count, r.regions().Count());
    EXPECT_EQ(count, 9);
    return Status::Ok();
  });
}

TEST_P(StorageContract, RegionChildrenOrderedByCodeWithChildCounts) {
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto top, r.regions().Children(""));
    EXPECT_EQ(top.size(), 2u);
    if (top.size() == 2) {
      EXPECT_EQ(top[0].code, "35");
      EXPECT_EQ(top[0].child_count, 1);
      EXPECT_EQ(top[1].code, "36");
      EXPECT_EQ(top[1].child_count, 2);
    }
    ASSIGN_OR_RETURN(auto counties, r.regions().Children("3608"));
    EXPECT_EQ(counties.size(), 2u);
    if (counties.size() == 2) {
      EXPECT_EQ(counties[0].code, "360802");
      EXPECT_EQ(counties[0].name, "吉州区");
      EXPECT_EQ(counties[0].child_count, 1);
      EXPECT_EQ(counties[0].parent_code, "3608");
      EXPECT_EQ(counties[1].code, "360803");
      EXPECT_EQ(counties[1].child_count, 0);
    }
    ASSIGN_OR_RETURN(auto none, r.regions().Children("360803"));
    EXPECT_TRUE(none.empty());
    ASSIGN_OR_RETURN(auto unknown, r.regions().Children("99"));
    EXPECT_TRUE(unknown.empty());
    return Status::Ok();
  });
}

TEST_P(StorageContract, RegionSearchByNameWithLimitAndLiteralWildcards) {
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto zhou, r.regions().Search("州", 10));
    std::vector<std::string> codes;
    for (const auto& x : zhou) codes.push_back(x.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"3501", "360802", "360902"}));
    ASSIGN_OR_RETURN(auto limited, r.regions().Search("州", 2));
    EXPECT_EQ(limited.size(), 2u);
    ASSIGN_OR_RETURN(auto percent, r.regions().Search("%", 10));
    EXPECT_TRUE(percent.empty());
    ASSIGN_OR_RETURN(auto underscore, r.regions().Search("_", 10));
    EXPECT_TRUE(underscore.empty());
    ASSIGN_OR_RETURN(auto exact, r.regions().Search("古南街道", 10));
    EXPECT_EQ(exact.size(), 1u);
    return Status::Ok();
  });
}

TEST_P(StorageContract, RegionCountAtLevelByPrefix) {
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto a, r.regions().CountAtLevel(RegionLevel::kCounty, "3608"));
    EXPECT_EQ(a, 2);
    ASSIGN_OR_RETURN(auto b, r.regions().CountAtLevel(RegionLevel::kCounty, "36"));
    EXPECT_EQ(b, 3);
    ASSIGN_OR_RETURN(auto c, r.regions().CountAtLevel(RegionLevel::kCity, ""));
    EXPECT_EQ(c, 3);
    ASSIGN_OR_RETURN(auto d, r.regions().CountAtLevel(RegionLevel::kProvince, "36"));
    EXPECT_EQ(d, 1);
    ASSIGN_OR_RETURN(auto e, r.regions().CountAtLevel(RegionLevel::kCommunity, "36"));
    EXPECT_EQ(e, 0);
    return Status::Ok();
  });
}

TEST_P(StorageContract, RegionInsertDuplicateIsAlreadyExists) {
  Status st = store_->Write([](Repositories& r) {
    return r.regions().Insert({"3608", "重复", RegionLevel::kCity, "36", 0}, "test");
  });
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists) << st.ToString();
}

TEST_P(StorageContract, RegionInsertManyIgnoresExistingCodes) {
  MustWrite([](Repositories& r) {
    return r.regions().InsertMany({{"3608", "改过的名字", RegionLevel::kCity, "36", 0},
                                   {"360821", "吉安县", RegionLevel::kCounty, "3608", 0},
                                   {"360822", "吉水县", RegionLevel::kCounty, "3608", 0}},
                                  "gbt2260");
  });
  // Loading the same batch twice is harmless.
  MustWrite([](Repositories& r) {
    return r.regions().InsertMany({{"360821", "吉安县", RegionLevel::kCounty, "3608", 0}}, "gbt2260");
  });
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto city, r.regions().Get("3608"));
    EXPECT_TRUE(city && city->name == "吉安市");
    EXPECT_TRUE(city && city->child_count == 4);
    ASSIGN_OR_RETURN(auto county, r.regions().Get("360821"));
    EXPECT_TRUE(county && county->name == "吉安县" && county->parent_code == "3608");
    ASSIGN_OR_RETURN(auto count, r.regions().Count());
    EXPECT_EQ(count, 11);
    return Status::Ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Units

TEST_P(StorageContract, UnitInsertAssignsIdAndPath) {
  org::Unit root = AddUnit("吉安市人民政府", std::nullopt, "3608", UnitKind::kGovernment);
  ASSERT_GT(root.id, 0);
  EXPECT_EQ(root.path, "/" + std::to_string(root.id) + "/");
  clock_.Advance(1000);
  org::Unit child = AddUnit("吉州区发改委", root.id, "360802", UnitKind::kDepartment, 42);
  ASSERT_GT(child.id, 0);
  EXPECT_NE(child.id, root.id);
  EXPECT_EQ(child.path, root.path + std::to_string(child.id) + "/");
  org::Unit grandchild = AddUnit("科室", child.id);
  EXPECT_EQ(grandchild.path, child.path + std::to_string(grandchild.id) + "/");

  auto got = GetUnit(child.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, child.id);
  EXPECT_EQ(got->name, "吉州区发改委");
  EXPECT_EQ(got->kind, UnitKind::kDepartment);
  EXPECT_EQ(got->region_code, "360802");
  EXPECT_EQ(got->region_name, "吉州区");
  EXPECT_EQ(got->parent_id, std::optional<int64_t>(root.id));
  EXPECT_EQ(got->parent_name, "吉安市人民政府");
  EXPECT_EQ(got->path, child.path);
  EXPECT_FALSE(got->code.has_value());
  EXPECT_EQ(got->created_by, 42);
  EXPECT_EQ(got->created_at, kStart + 1000);
  EXPECT_EQ(got->updated_at, kStart + 1000);

  auto top = GetUnit(root.id);
  ASSERT_TRUE(top.has_value());
  EXPECT_FALSE(top->parent_id.has_value());
  EXPECT_EQ(top->parent_name, "");
  EXPECT_EQ(top->region_name, "吉安市");
  EXPECT_EQ(top->kind, UnitKind::kGovernment);
  EXPECT_FALSE(GetUnit(grandchild.id + 100).has_value());
}

TEST_P(StorageContract, UnitInsertRefusesMissingParentOrRegion) {
  org::Unit orphan = NewUnit("孤儿", 12345);
  Status st = store_->Write([&](Repositories& r) { return r.units().Insert(orphan).status(); });
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition) << st.ToString();
  EXPECT_EQ(st.field(), "parent_id");
  org::Unit nowhere = NewUnit("无地区", std::nullopt, "999999");
  st = store_->Write([&](Repositories& r) { return r.units().Insert(nowhere).status(); });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(ListUnits(Everything<storage::UnitQuery>()).total, 0);
}

TEST_P(StorageContract, UnitCodeIsUniqueButMayBeAbsent) {
  org::Unit a = NewUnit("甲", std::nullopt);
  a.code = "11360800014543839X";
  org::Unit b = NewUnit("乙", std::nullopt);
  b.code = "11360800014543839X";
  MustWrite([&](Repositories& r) { return r.units().Insert(a).status(); });
  Status st = store_->Write([&](Repositories& r) { return r.units().Insert(b).status(); });
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists) << st.ToString();
  AddUnit("丙", std::nullopt);
  AddUnit("丁", std::nullopt);  // two units without a code
  EXPECT_EQ(ListUnits(Everything<storage::UnitQuery>()).total, 3);
  auto got = GetUnit(a.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->code, std::optional<std::string>("11360800014543839X"));
}

TEST_P(StorageContract, UnitListByNameMatchesLikeSpecialsLiterally) {
  org::Unit p1 = AddUnit("达标率100%单位", std::nullopt);
  org::Unit p2 = AddUnit("达标率100x单位", std::nullopt);
  org::Unit u1 = AddUnit("a_b组", std::nullopt);
  org::Unit u2 = AddUnit("axb组", std::nullopt);
  org::Unit bs = AddUnit("反斜杠\\组", std::nullopt);
  auto q = [&](const std::string& text) {
    storage::UnitQuery query = Everything<storage::UnitQuery>();
    query.q = text;
    return Ids(ListUnits(query).items);
  };
  EXPECT_EQ(q("100%"), std::vector<int64_t>{p1.id});
  EXPECT_EQ(q("%"), std::vector<int64_t>{p1.id});
  EXPECT_EQ(q("_"), std::vector<int64_t>{u1.id});
  EXPECT_EQ(q("a_b"), std::vector<int64_t>{u1.id});
  EXPECT_EQ(q("\\"), std::vector<int64_t>{bs.id});
  EXPECT_EQ(q("达标率"), Sorted({p1.id, p2.id}));
  EXPECT_EQ(q("组"), Sorted({u1.id, u2.id, bs.id}));
  EXPECT_TRUE(q("不存在").empty());
}

TEST_P(StorageContract, NameSearchIgnoresAsciiCaseOnEveryBackend) {
  org::Unit mini = AddUnit("Mini LED产业链专班", std::nullopt);
  org::Unit it = AddUnit("IT服务中心", std::nullopt);
  auto q = [&](const std::string& text) {
    storage::UnitQuery query = Everything<storage::UnitQuery>();
    query.q = text;
    return Ids(ListUnits(query).items);
  };
  EXPECT_EQ(q("mini led"), std::vector<int64_t>{mini.id});
  EXPECT_EQ(q("MINI"), std::vector<int64_t>{mini.id});
  EXPECT_EQ(q("it服务"), std::vector<int64_t>{it.id});
  EXPECT_EQ(q("Mini LED产业链专班"), std::vector<int64_t>{mini.id});
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto found, r.regions().Search("吉安", 5));
    EXPECT_FALSE(found.empty()) << "Chinese text is matched as it is";
    return Status::Ok();
  });
}

TEST_P(StorageContract, UnitListByKindRegionPrefixAndParent) {
  org::Unit gov = AddUnit("市政府", std::nullopt, "3608", UnitKind::kGovernment);
  org::Unit dept = AddUnit("吉州区民政局", gov.id, "360802", UnitKind::kDepartment);
  org::Unit street = AddUnit("古南街道办事处", dept.id, "360802001", UnitKind::kStreetOffice);
  org::Unit other = AddUnit("宜春市政府", std::nullopt, "3609", UnitKind::kGovernment);
  org::Unit qingyuan = AddUnit("青原区民政局", gov.id, "360803", UnitKind::kDepartment);

  storage::UnitQuery q = Everything<storage::UnitQuery>();
  q.kind = UnitKind::kGovernment;
  EXPECT_EQ(Ids(ListUnits(q).items), Sorted({gov.id, other.id}));
  q = Everything<storage::UnitQuery>();
  q.kind = UnitKind::kSocialWorkStation;
  EXPECT_EQ(ListUnits(q).total, 0);

  q = Everything<storage::UnitQuery>();
  q.region_code = "3608";
  EXPECT_EQ(Ids(ListUnits(q).items), Sorted({gov.id, dept.id, street.id, qingyuan.id}));
  q.region_code = "360802";
  EXPECT_EQ(Ids(ListUnits(q).items), Sorted({dept.id, street.id}));
  q.region_code = "36";
  EXPECT_EQ(ListUnits(q).total, 5);
  q.region_code = "3609";
  EXPECT_EQ(Ids(ListUnits(q).items), std::vector<int64_t>{other.id});

  q = Everything<storage::UnitQuery>();
  q.parent_id = gov.id;
  EXPECT_EQ(Ids(ListUnits(q).items), Sorted({dept.id, qingyuan.id}));
  q.parent_id = street.id;
  EXPECT_EQ(ListUnits(q).total, 0);

  // Filters combine.
  q = Everything<storage::UnitQuery>();
  q.region_code = "3608";
  q.kind = UnitKind::kDepartment;
  q.q = "吉州";
  EXPECT_EQ(Ids(ListUnits(q).items), std::vector<int64_t>{dept.id});
}

TEST_P(StorageContract, UnitRegionPrefixIsLiteral) {
  AddUnit("吉安单位", std::nullopt, "3608");
  storage::UnitQuery q = Everything<storage::UnitQuery>();
  q.region_code = "3_08";
  EXPECT_EQ(ListUnits(q).total, 0);
  q.region_code = "%";
  EXPECT_EQ(ListUnits(q).total, 0);
}

TEST_P(StorageContract, DefaultQueriesSeeNothing) {
  // A query whose scope was never set must fail closed, on every list.
  org::Unit u = AddUnit("单位", std::nullopt);
  AddUser(NewUser("alice", "张三", u.id));
  EXPECT_EQ(ListUnits({}).total, 0);
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto users, r.users().List({}));
    EXPECT_EQ(users.total, 0);
    ASSIGN_OR_RETURN(auto positions, r.positions().List({}));
    EXPECT_EQ(positions.total, 0);
    return Status::Ok();
  });
  EXPECT_EQ(ListUnits(Everything<storage::UnitQuery>()).total, 1);
}

TEST_P(StorageContract, UnitListPagesWithTotal) {
  org::Unit root = AddUnit("根", std::nullopt);
  for (int i = 0; i < 6; ++i) AddUnit("子" + std::to_string(i), root.id);
  storage::UnitQuery q = Everything<storage::UnitQuery>();
  q.parent_id = root.id;
  q.page = {1, 4};
  auto p1 = ListUnits(q);
  q.page = {2, 4};
  auto p2 = ListUnits(q);
  q.page = {3, 4};
  auto p3 = ListUnits(q);
  EXPECT_EQ(p1.total, 6);
  EXPECT_EQ(p2.total, 6);
  EXPECT_EQ(p3.total, 6);
  EXPECT_EQ(p1.items.size(), 4u);
  EXPECT_EQ(p2.items.size(), 2u);
  EXPECT_TRUE(p3.items.empty());
  std::set<int64_t> seen;
  for (const auto& u : p1.items) seen.insert(u.id);
  for (const auto& u : p2.items) seen.insert(u.id);
  EXPECT_EQ(seen.size(), 6u);  // pages are disjoint and cover everything

  // ForEach ignores paging and yields the same order as the pages.
  std::vector<int64_t> all;
  MustRead([&](Repositories& r) {
    storage::UnitQuery fq = q;
    fq.page = {1, 1};
    return r.units().ForEach(fq, [&](const org::Unit& u) {
      all.push_back(u.id);
      return Status::Ok();
    });
  });
  std::vector<int64_t> paged;
  for (const auto& u : p1.items) paged.push_back(u.id);
  for (const auto& u : p2.items) paged.push_back(u.id);
  EXPECT_EQ(all, paged);
}

TEST_P(StorageContract, UnitForEachStopsOnSinkError) {
  for (int i = 0; i < 3; ++i) AddUnit("单位" + std::to_string(i), std::nullopt);
  int calls = 0;
  Status st = store_->Read([&](Repositories& r) {
    return r.units().ForEach(Everything<storage::UnitQuery>(), [&](const org::Unit&) {
      ++calls;
      return ResourceExhausted("export limit");
    });
  });
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(calls, 1);
}

// Tree for scope tests: ids 1..12 in a fresh database.
//   1 A (root, by 100) ─ 2 (by 200) ─ 12 (by 300)
//                      ─ 3..9 (by 300)
//   10 B (root, by 100) ─ 11 (by 200)
// "/1/" must not match "/10/" (prefix collision on the id digits).
class UnitScopeTest : public StorageContract {
 protected:
  void SetUp() override {
    StorageContract::SetUp();
    if (HasFatalFailure()) return;
    a_ = AddUnit("A", std::nullopt, "3608", UnitKind::kGovernment, 100);
    ASSERT_EQ(a_.id, 1) << "the scope tree assumes ids start at 1 in a fresh database";
    a2_ = AddUnit("A2", a_.id, "3608", UnitKind::kDepartment, 200);
    for (int i = 3; i <= 9; ++i) AddUnit("A" + std::to_string(i), a_.id, "3608", UnitKind::kDepartment, 300);
    b_ = AddUnit("B", std::nullopt, "3609", UnitKind::kGovernment, 100);
    ASSERT_EQ(b_.id, 10);
    b11_ = AddUnit("B11", b_.id, "3609", UnitKind::kDepartment, 200);
    a2x_ = AddUnit("A2x", a2_.id, "3608", UnitKind::kStreetOffice, 300);
    ASSERT_EQ(a2x_.path, "/1/2/12/");
  }
  org::Unit a_, a2_, b_, b11_, a2x_;
};

TEST_P(UnitScopeTest, All) {
  EXPECT_EQ(UnitIdsInScope(ScopeFilter::All()).size(), 12u);
}

TEST_P(UnitScopeTest, ListedUnits) {
  EXPECT_EQ(UnitIdsInScope({ScopeKind::kUnits, {2, 11}, "", 0}), (std::vector<int64_t>{2, 11}));
  EXPECT_TRUE(UnitIdsInScope({ScopeKind::kUnits, {}, "", 0}).empty());
  EXPECT_TRUE(UnitIdsInScope({ScopeKind::kUnits, {999}, "", 0}).empty());
}

TEST_P(UnitScopeTest, OwnUnit) {
  EXPECT_EQ(UnitIdsInScope({ScopeKind::kOwnUnit, {10}, "", 0}), (std::vector<int64_t>{10}));
  EXPECT_TRUE(UnitIdsInScope({ScopeKind::kOwnUnit, {}, "", 0}).empty());
}

TEST_P(UnitScopeTest, OwnUnitAndBelowUsesWholePathSegments) {
  EXPECT_EQ(UnitIdsInScope({ScopeKind::kOwnUnitAndBelow, {}, "/1/", 0}),
            (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 12}));
  EXPECT_EQ(UnitIdsInScope({ScopeKind::kOwnUnitAndBelow, {}, "/1/2/", 0}), (std::vector<int64_t>{2, 12}));
  EXPECT_EQ(UnitIdsInScope({ScopeKind::kOwnUnitAndBelow, {}, "/10/", 0}), (std::vector<int64_t>{10, 11}));
  EXPECT_EQ(UnitIdsInScope({ScopeKind::kOwnUnitAndBelow, {}, "/1/2/12/", 0}), (std::vector<int64_t>{12}));
}

TEST_P(UnitScopeTest, OwnUnitAndBelowWithoutPathAllowsNothing) {
  EXPECT_TRUE(UnitIdsInScope({ScopeKind::kOwnUnitAndBelow, {}, "", 0}).empty());
}

TEST_P(UnitScopeTest, Self) {
  EXPECT_EQ(UnitIdsInScope({ScopeKind::kSelf, {}, "", 200}), (std::vector<int64_t>{2, 11}));
  EXPECT_EQ(UnitIdsInScope({ScopeKind::kSelf, {}, "", 100}), (std::vector<int64_t>{1, 10}));
  EXPECT_TRUE(UnitIdsInScope({ScopeKind::kSelf, {}, "", 999}).empty());
}

TEST_P(UnitScopeTest, ScopeAgreesWithScopeFilterAllows) {
  // The SQL filter and the in-memory ScopeFilter::Allows must select the same rows.
  const ScopeFilter filters[] = {
      ScopeFilter::All(),
      {ScopeKind::kUnits, {2, 11, 12}, "", 0},
      {ScopeKind::kOwnUnit, {1}, "", 0},
      {ScopeKind::kOwnUnitAndBelow, {}, "/1/", 0},
      {ScopeKind::kOwnUnitAndBelow, {}, "/10/", 0},
      {ScopeKind::kSelf, {}, "", 300},
  };
  auto all = ListUnits(Everything<storage::UnitQuery>());
  ASSERT_EQ(all.items.size(), 12u);
  for (const auto& f : filters) {
    std::vector<int64_t> expect;
    for (const auto& u : all.items) {
      if (f.Allows(u.id, u.path, u.created_by)) expect.push_back(u.id);
    }
    std::sort(expect.begin(), expect.end());
    EXPECT_EQ(UnitIdsInScope(f), expect) << auth::ScopeKindName(f.kind) << " " << f.unit_path;
  }
}

TEST_P(UnitScopeTest, ScopeCombinesWithOtherFilters) {
  storage::UnitQuery q;
  q.scope = {ScopeKind::kOwnUnitAndBelow, {}, "/1/", 0};
  q.kind = UnitKind::kStreetOffice;
  EXPECT_EQ(Ids(ListUnits(q).items), std::vector<int64_t>{12});
  q.kind.reset();
  q.region_code = "3609";
  EXPECT_EQ(ListUnits(q).total, 0);
}

TEST_P(StorageContract, UnitUpdateMovesTheSubtree) {
  // ids: 1 A, 2 B (under A), 3 C (under B), 4..19 fillers (under A), 20 X (under A), 21 X1, 22 D (root)
  org::Unit a = AddUnit("A", std::nullopt);
  org::Unit b = AddUnit("B", a.id);
  org::Unit c = AddUnit("C", b.id);
  for (int i = 4; i <= 19; ++i) AddUnit("F" + std::to_string(i), a.id);
  org::Unit x = AddUnit("X", a.id);
  org::Unit x1 = AddUnit("X1", x.id);
  org::Unit d = AddUnit("D", std::nullopt, "3609");
  ASSERT_EQ(b.id, 2);
  ASSERT_EQ(x.id, 20);  // "/1/20/" shares the text "/1/2" with B's old path
  ASSERT_EQ(d.id, 22);

  clock_.Advance(kMinuteMs);
  org::Unit moved = *GetUnit(b.id);
  std::string old_path = moved.path;
  moved.parent_id = d.id;
  moved.path = org::UnitPath(d.path, moved.id);
  moved.name = "B（已迁移）";
  moved.kind = UnitKind::kCommunityCommittee;
  moved.region_code = "360902";
  moved.code = "MOVED-2";
  moved.updated_at = clock_.NowMs();
  MustWrite([&](Repositories& r) { return r.units().Update(moved, old_path); });

  auto nb = GetUnit(b.id);
  ASSERT_TRUE(nb.has_value());
  EXPECT_EQ(nb->path, "/22/2/");
  EXPECT_EQ(nb->parent_id, std::optional<int64_t>(d.id));
  EXPECT_EQ(nb->parent_name, "D");
  EXPECT_EQ(nb->name, "B（已迁移）");
  EXPECT_EQ(nb->kind, UnitKind::kCommunityCommittee);
  EXPECT_EQ(nb->region_code, "360902");
  EXPECT_EQ(nb->region_name, "袁州区");
  EXPECT_EQ(nb->code, std::optional<std::string>("MOVED-2"));
  EXPECT_EQ(nb->updated_at, kStart + kMinuteMs);
  EXPECT_EQ(nb->created_at, kStart);
  EXPECT_EQ(GetUnit(c.id)->path, "/22/2/3/");
  EXPECT_EQ(GetUnit(x.id)->path, "/1/20/");
  EXPECT_EQ(GetUnit(x1.id)->path, "/1/20/21/");
  EXPECT_EQ(GetUnit(a.id)->path, "/1/");
  EXPECT_EQ(GetUnit(d.id)->path, "/22/");

  EXPECT_EQ(UnitIdsInScope({ScopeKind::kOwnUnitAndBelow, {}, "/22/", 0}), (std::vector<int64_t>{2, 3, 22}));
  EXPECT_EQ(UnitIdsInScope({ScopeKind::kOwnUnitAndBelow, {}, "/1/", 0}).size(), 19u);  // 22 - 3 moved/other
}

TEST_P(StorageContract, UnitUpdateWithoutMoveKeepsChildren) {
  org::Unit a = AddUnit("A", std::nullopt);
  org::Unit b = AddUnit("B", a.id);
  org::Unit edited = *GetUnit(a.id);
  edited.name = "A2";
  edited.code = std::nullopt;
  MustWrite([&](Repositories& r) { return r.units().Update(edited, edited.path); });
  EXPECT_EQ(GetUnit(a.id)->name, "A2");
  EXPECT_EQ(GetUnit(b.id)->path, b.path);
  EXPECT_EQ(GetUnit(b.id)->parent_name, "A2");
}

TEST_P(StorageContract, UnitUpdateOfMissingUnitIsNotFound) {
  org::Unit ghost = NewUnit("幽灵", std::nullopt);
  ghost.id = 4242;
  ghost.path = "/4242/";
  Status st = store_->Write([&](Repositories& r) { return r.units().Update(ghost, ghost.path); });
  EXPECT_EQ(st.code(), StatusCode::kNotFound) << st.ToString();
}

TEST_P(StorageContract, UnitDelete) {
  org::Unit a = AddUnit("A", std::nullopt);
  org::Unit b = AddUnit("B", a.id);
  // A unit with children cannot be deleted.
  Status st = store_->Write([&](Repositories& r) { return r.units().Delete(a.id); });
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(GetUnit(a.id).has_value());
  MustWrite([&](Repositories& r) { return r.units().Delete(b.id); });
  EXPECT_FALSE(GetUnit(b.id).has_value());
  st = store_->Write([&](Repositories& r) { return r.units().Delete(b.id); });
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  MustWrite([&](Repositories& r) { return r.units().Delete(a.id); });
  EXPECT_EQ(ListUnits(Everything<storage::UnitQuery>()).total, 0);
}

TEST_P(StorageContract, UnitNameTakenUnderParent) {
  org::Unit city = AddUnit("市政府", std::nullopt);
  org::Unit county = AddUnit("县政府", std::nullopt);
  org::Unit dept = AddUnit("发改委", city.id);
  MustRead([&](Repositories& r) -> Status {
    auto taken = [&](const std::string& name, std::optional<int64_t> parent, int64_t except) {
      auto t = r.units().NameTakenUnderParent(name, parent, except);
      EXPECT_TRUE(t.ok()) << t.status().ToString();
      return t.ok() && *t;
    };
    EXPECT_TRUE(taken("发改委", city.id, 0));
    EXPECT_FALSE(taken("发改委", county.id, 0));
    EXPECT_FALSE(taken("发改委", city.id, dept.id));  // the unit itself does not count
    EXPECT_FALSE(taken("发改", city.id, 0));           // exact name, not a prefix
    EXPECT_TRUE(taken("市政府", std::nullopt, 0));      // top level: parent IS NULL
    EXPECT_FALSE(taken("市政府", std::nullopt, city.id));
    EXPECT_FALSE(taken("发改委", std::nullopt, 0));     // a child name is not taken at the top
    EXPECT_FALSE(taken("市政府", city.id, 0));
    return Status::Ok();
  });
}

TEST_P(StorageContract, UnitCountChildrenAndFindByName) {
  org::Unit a = AddUnit("A", std::nullopt);
  AddUnit("B", a.id);
  org::Unit c = AddUnit("C", a.id);
  AddUnit("C", std::nullopt);  // same name elsewhere: FindByName returns the first by id
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto n, r.units().CountChildren(a.id));
    EXPECT_EQ(n, 2);
    ASSIGN_OR_RETURN(auto none, r.units().CountChildren(c.id));
    EXPECT_EQ(none, 0);
    ASSIGN_OR_RETURN(auto found, r.units().FindByName("C"));
    EXPECT_EQ(found, std::optional<int64_t>(c.id));
    ASSIGN_OR_RETURN(auto missing, r.units().FindByName("不存在"));
    EXPECT_FALSE(missing.has_value());
    return Status::Ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Users, roles, sessions

class AccountsTest : public StorageContract {
 protected:
  void SetUp() override {
    StorageContract::SetUp();
    if (HasFatalFailure()) return;
    u1_ = AddUnit("市政府", std::nullopt);
    u2_ = AddUnit("民政局", u1_.id, "360802");
    u3_ = AddUnit("宜春市政府", std::nullopt, "3609");
    admin_ = AddRole("admin", {"org:unit:read", "org:unit:write", "sys:user:write"});
    staff_ = AddRole("staff", {"org:unit:read"});
  }
  org::Unit u1_, u2_, u3_;
  auth::Role admin_, staff_;

  std::optional<auth::User> GetUser(int64_t id) {
    std::optional<auth::User> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.users().Get(id));
      return Status::Ok();
    });
    return out;
  }
  storage::PageOf<auth::User> ListUsers(storage::UserQuery q) {
    storage::PageOf<auth::User> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.users().List(q));
      return Status::Ok();
    });
    return out;
  }
};

TEST_P(AccountsTest, UserInsertAndGetRoundTripEveryField) {
  auth::User u = NewUser("alice", "张三", u2_.id);
  u.phone = "13812341234";
  u.role_ids = {staff_.id, admin_.id};
  u.scope = {ScopeKind::kUnits, {u3_.id, u1_.id}};
  u.status = auth::UserStatus::kDisabled;
  u.failed_logins = 3;
  u.locked_until = kStart + 10 * kMinuteMs;
  u.created_by = 77;
  u = AddUser(u);
  ASSERT_GT(u.id, 0);

  auto got = GetUser(u.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, u.id);
  EXPECT_EQ(got->login, "alice");
  EXPECT_EQ(got->name, "张三");
  EXPECT_EQ(got->phone, std::optional<std::string>("13812341234"));
  EXPECT_EQ(got->unit_id, u2_.id);
  EXPECT_EQ(got->unit_name, "民政局");
  EXPECT_EQ(got->unit_path, u2_.path);
  EXPECT_EQ(Sorted(got->role_ids), Sorted({staff_.id, admin_.id}));
  EXPECT_EQ(got->scope.kind, ScopeKind::kUnits);
  EXPECT_EQ(Sorted(got->scope.unit_ids), Sorted({u3_.id, u1_.id}));
  EXPECT_EQ(got->status, auth::UserStatus::kDisabled);
  EXPECT_EQ(got->password_hash, u.password_hash);
  EXPECT_EQ(got->password_changed_at, kStart);
  EXPECT_EQ(got->failed_logins, 3);
  EXPECT_EQ(got->locked_until, std::optional<TimeMs>(kStart + 10 * kMinuteMs));
  EXPECT_EQ(got->created_by, 77);
  EXPECT_EQ(got->created_at, kStart);
  EXPECT_EQ(got->updated_at, kStart);

  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto by_login, r.users().GetByLogin("alice"));
    EXPECT_TRUE(by_login.has_value());
    if (by_login) {
      EXPECT_EQ(by_login->id, u.id);
      EXPECT_EQ(Sorted(by_login->role_ids), Sorted({staff_.id, admin_.id}));
      EXPECT_EQ(by_login->scope.unit_ids.size(), 2u);
    }
    ASSIGN_OR_RETURN(auto nobody, r.users().GetByLogin("nobody"));
    EXPECT_FALSE(nobody.has_value());
    ASSIGN_OR_RETURN(auto missing, r.users().Get(u.id + 1000));
    EXPECT_FALSE(missing.has_value());
    return Status::Ok();
  });
}

TEST_P(AccountsTest, UserWithoutPhoneRolesOrLock) {
  auth::User u = AddUser(NewUser("bob", "李四", u1_.id));
  auto got = GetUser(u.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_FALSE(got->phone.has_value());
  EXPECT_TRUE(got->role_ids.empty());
  EXPECT_TRUE(got->scope.unit_ids.empty());
  EXPECT_EQ(got->scope.kind, ScopeKind::kOwnUnit);
  EXPECT_FALSE(got->locked_until.has_value());
  EXPECT_EQ(got->status, auth::UserStatus::kActive);
}

TEST_P(AccountsTest, DuplicateLoginIsAlreadyExists) {
  AddUser(NewUser("alice", "张三", u1_.id));
  auth::User dup = NewUser("alice", "另一个张三", u2_.id);
  Status st = store_->Write([&](Repositories& r) { return r.users().Insert(dup).status(); });
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists) << st.ToString();
  EXPECT_EQ(ListUsers(Everything<storage::UserQuery>()).total, 1);
}

TEST_P(AccountsTest, UserUpdateReplacesRolesAndScopeButNotLogin) {
  auth::User u = NewUser("alice", "张三", u2_.id);
  u.phone = "13812341234";
  u.role_ids = {admin_.id, staff_.id};
  u.scope = {ScopeKind::kUnits, {u1_.id, u2_.id}};
  u.locked_until = kStart + 1;
  u = AddUser(u);

  auth::User edited = *GetUser(u.id);
  edited.login = "mallory";  // ignored: logins never change
  edited.name = "张三丰";
  edited.phone.reset();
  edited.unit_id = u3_.id;
  edited.role_ids = {staff_.id};
  edited.scope = {ScopeKind::kUnits, {u3_.id}};
  edited.status = auth::UserStatus::kDisabled;
  edited.password_hash = "$argon2id$new";
  edited.password_changed_at = kStart + 5;
  edited.failed_logins = 0;
  edited.locked_until.reset();
  edited.updated_at = kStart + 9;
  edited.created_at = 1;  // ignored
  MustWrite([&](Repositories& r) { return r.users().Update(edited); });

  auto got = GetUser(u.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->login, "alice");
  EXPECT_EQ(got->name, "张三丰");
  EXPECT_FALSE(got->phone.has_value());
  EXPECT_EQ(got->unit_id, u3_.id);
  EXPECT_EQ(got->unit_name, "宜春市政府");
  EXPECT_EQ(got->role_ids, std::vector<int64_t>{staff_.id});
  EXPECT_EQ(got->scope.unit_ids, std::vector<int64_t>{u3_.id});
  EXPECT_EQ(got->status, auth::UserStatus::kDisabled);
  EXPECT_EQ(got->password_hash, "$argon2id$new");
  EXPECT_EQ(got->password_changed_at, kStart + 5);
  EXPECT_FALSE(got->locked_until.has_value());
  EXPECT_EQ(got->updated_at, kStart + 9);
  EXPECT_EQ(got->created_at, kStart);

  // Emptying roles and changing the scope kind.
  edited.role_ids.clear();
  edited.scope = {ScopeKind::kOwnUnitAndBelow, {}};
  MustWrite([&](Repositories& r) { return r.users().Update(edited); });
  got = GetUser(u.id);
  EXPECT_TRUE(got->role_ids.empty());
  EXPECT_EQ(got->scope.kind, ScopeKind::kOwnUnitAndBelow);
  EXPECT_TRUE(got->scope.unit_ids.empty());

  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto by_new_login, r.users().GetByLogin("mallory"));
    EXPECT_FALSE(by_new_login.has_value());
    return Status::Ok();
  });
}

TEST_P(AccountsTest, UserUpdateOfMissingUserIsNotFound) {
  auth::User ghost = NewUser("ghost", "幽灵", u1_.id);
  ghost.id = 9999;
  Status st = store_->Write([&](Repositories& r) { return r.users().Update(ghost); });
  EXPECT_EQ(st.code(), StatusCode::kNotFound) << st.ToString();
}

TEST_P(AccountsTest, UserListFiltersScopeAndPaging) {
  auth::User bob = AddUser(NewUser("bob", "李四", u1_.id));
  auth::User alice = AddUser(NewUser("alice", "张三", u2_.id));
  auth::User carol = AddUser(NewUser("carol", "王五", u3_.id));
  auth::User dave = AddUser(NewUser("dave_100%", "赵六", u2_.id));

  auto ids = [&](storage::UserQuery q) {
    q.page.page_size = 100;
    auto page = ListUsers(q);
    EXPECT_EQ(page.total, static_cast<int64_t>(page.items.size()));
    return IdsOf(page.items);
  };
  storage::UserQuery q = Everything<storage::UserQuery>();
  EXPECT_EQ(ids(q).size(), 4u);
  q.q = "ali";
  EXPECT_EQ(ids(q), std::vector<int64_t>{alice.id});
  q.q = "王";  // by name
  EXPECT_EQ(ids(q), std::vector<int64_t>{carol.id});
  q.q = "%";
  EXPECT_EQ(ids(q), std::vector<int64_t>{dave.id});
  q.q = "_";
  EXPECT_EQ(ids(q), std::vector<int64_t>{dave.id});
  q = Everything<storage::UserQuery>();
  q.unit_id = u2_.id;
  EXPECT_EQ(ids(q), Sorted({alice.id, dave.id}));

  q = Everything<storage::UserQuery>();
  q.scope = {ScopeKind::kOwnUnitAndBelow, {}, u1_.path, 0};
  EXPECT_EQ(ids(q), Sorted({bob.id, alice.id, dave.id}));
  q.scope = {ScopeKind::kOwnUnitAndBelow, {}, u2_.path, 0};
  EXPECT_EQ(ids(q), Sorted({alice.id, dave.id}));
  q.scope = {ScopeKind::kUnits, {u3_.id, u1_.id}, "", 0};
  EXPECT_EQ(ids(q), Sorted({bob.id, carol.id}));
  q.scope = {ScopeKind::kOwnUnit, {u1_.id}, "", 0};
  EXPECT_EQ(ids(q), std::vector<int64_t>{bob.id});
  q.scope = {ScopeKind::kSelf, {}, "", carol.id};  // "self" sees the own account
  EXPECT_EQ(ids(q), std::vector<int64_t>{carol.id});
  q.scope = ScopeFilter::All();
  q.unit_id = u2_.id;
  q.q = "张";
  EXPECT_EQ(ids(q), std::vector<int64_t>{alice.id});

  storage::UserQuery paged = Everything<storage::UserQuery>();
  paged.page = {1, 3};
  auto p1 = ListUsers(paged);
  paged.page = {2, 3};
  auto p2 = ListUsers(paged);
  EXPECT_EQ(p1.total, 4);
  EXPECT_EQ(p2.total, 4);
  EXPECT_EQ(p1.items.size(), 3u);
  ASSERT_EQ(p2.items.size(), 1u);
  std::set<int64_t> seen;
  for (const auto& u : p1.items) seen.insert(u.id);
  seen.insert(p2.items[0].id);
  EXPECT_EQ(seen.size(), 4u);
}

TEST_P(AccountsTest, UserCounts) {
  auth::User a = NewUser("alice", "张三", u2_.id);
  a.role_ids = {admin_.id, staff_.id};
  AddUser(a);
  auth::User b = NewUser("bob", "李四", u2_.id);
  b.role_ids = {staff_.id};
  AddUser(b);
  AddUser(NewUser("carol", "王五", u1_.id));
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto in_u2, r.users().CountInUnit(u2_.id));
    EXPECT_EQ(in_u2, 2);
    ASSIGN_OR_RETURN(auto in_u1, r.users().CountInUnit(u1_.id));  // not counting below
    EXPECT_EQ(in_u1, 1);
    ASSIGN_OR_RETURN(auto in_u3, r.users().CountInUnit(u3_.id));
    EXPECT_EQ(in_u3, 0);
    ASSIGN_OR_RETURN(auto staff, r.users().CountWithRole(staff_.id));
    EXPECT_EQ(staff, 2);
    ASSIGN_OR_RETURN(auto admin, r.users().CountWithRole(admin_.id));
    EXPECT_EQ(admin, 1);
    return Status::Ok();
  });
}

TEST_P(AccountsTest, RolesCrudWithPermissions) {
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.roles().Get(admin_.id));
    EXPECT_TRUE(got.has_value());
    if (got) {
      EXPECT_EQ(got->key, "admin");
      EXPECT_EQ(got->name, "角色 admin");
      EXPECT_EQ(got->permissions, (std::set<std::string>{"org:unit:read", "org:unit:write", "sys:user:write"}));
      EXPECT_FALSE(got->builtin);
    }
    ASSIGN_OR_RETURN(auto by_key, r.roles().GetByKey("staff"));
    EXPECT_TRUE(by_key && by_key->id == staff_.id && by_key->permissions.size() == 1);
    ASSIGN_OR_RETURN(auto none, r.roles().GetByKey("nobody"));
    EXPECT_FALSE(none.has_value());
    ASSIGN_OR_RETURN(auto list, r.roles().List());
    EXPECT_EQ(list.size(), 2u);
    return Status::Ok();
  });

  auth::Role builtin{0, "auditor", "安全审计员", {}, true};
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(builtin.id, r.roles().Insert(builtin));
    return Status::Ok();
  });

  auth::Role edited = admin_;
  edited.key = "renamed";  // keys never change
  edited.name = "管理员";
  edited.permissions = {"audit:log:read"};
  MustWrite([&](Repositories& r) { return r.roles().Update(edited); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.roles().Get(admin_.id));
    EXPECT_TRUE(got && got->key == "admin" && got->name == "管理员");
    EXPECT_TRUE(got && got->permissions == std::set<std::string>{"audit:log:read"});
    ASSIGN_OR_RETURN(auto b, r.roles().Get(builtin.id));
    EXPECT_TRUE(b && b->builtin && b->permissions.empty());
    return Status::Ok();
  });

  MustWrite([&](Repositories& r) { return r.roles().Delete(staff_.id); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto gone, r.roles().Get(staff_.id));
    EXPECT_FALSE(gone.has_value());
    ASSIGN_OR_RETURN(auto list, r.roles().List());
    EXPECT_EQ(list.size(), 2u);
    return Status::Ok();
  });
  Status st = store_->Write([&](Repositories& r) { return r.roles().Delete(staff_.id); });
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  auth::Role ghost = staff_;
  st = store_->Write([&](Repositories& r) { return r.roles().Update(ghost); });
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  auth::Role dup{0, "admin", "重复", {}, false};
  st = store_->Write([&](Repositories& r) { return r.roles().Insert(dup).status(); });
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists) << st.ToString();
}

TEST_P(AccountsTest, SessionsInsertGetTouchDelete) {
  auth::User alice = AddUser(NewUser("alice", "张三", u1_.id));
  auth::User bob = AddUser(NewUser("bob", "李四", u1_.id));
  auto session = [&](const std::string& token, int64_t user, TimeMs created, TimeMs seen) {
    return auth::Session{crypto::Sha256Hex(token), user, "csrf-" + token, created, seen, "10.0.0.1", "Mozilla/5.0 中文"};
  };
  auth::Session s1 = session("t1", alice.id, kStart, kStart);
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.sessions().Insert(s1));
    RETURN_IF_ERROR(r.sessions().Insert(session("t2", alice.id, kStart, kStart)));
    return r.sessions().Insert(session("t3", bob.id, kStart, kStart));
  });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.sessions().Get(s1.token_hash));
    EXPECT_TRUE(got.has_value());
    if (got) {
      EXPECT_EQ(got->token_hash, s1.token_hash);
      EXPECT_EQ(got->user_id, alice.id);
      EXPECT_EQ(got->csrf_token, "csrf-t1");
      EXPECT_EQ(got->created_at, kStart);
      EXPECT_EQ(got->last_seen_at, kStart);
      EXPECT_EQ(got->client_address, "10.0.0.1");
      EXPECT_EQ(got->user_agent, "Mozilla/5.0 中文");
    }
    ASSIGN_OR_RETURN(auto missing, r.sessions().Get(crypto::Sha256Hex("nope")));
    EXPECT_FALSE(missing.has_value());
    return Status::Ok();
  });

  Status dup = store_->Write([&](Repositories& r) { return r.sessions().Insert(s1); });
  EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists) << dup.ToString();

  MustWrite([&](Repositories& r) { return r.sessions().Touch(s1.token_hash, kStart + kMinuteMs); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.sessions().Get(s1.token_hash));
    EXPECT_TRUE(got && got->last_seen_at == kStart + kMinuteMs && got->created_at == kStart);
    return Status::Ok();
  });

  MustWrite([&](Repositories& r) { return r.sessions().Delete(s1.token_hash); });
  MustWrite([&](Repositories& r) { return r.sessions().DeleteForUser(alice.id); });
  MustRead([&](Repositories& r) -> Status {
    for (const char* t : {"t1", "t2"}) {
      ASSIGN_OR_RETURN(auto got, r.sessions().Get(crypto::Sha256Hex(t)));
      EXPECT_FALSE(got.has_value()) << t;
    }
    ASSIGN_OR_RETURN(auto bobs, r.sessions().Get(crypto::Sha256Hex("t3")));
    EXPECT_TRUE(bobs.has_value());  // another user's session survives
    return Status::Ok();
  });
}

TEST_P(AccountsTest, SessionsDeleteExpiredByIdleOrAge) {
  auth::User alice = AddUser(NewUser("alice", "张三", u1_.id));
  const TimeMs now = kStart + 24 * kHourMs;
  const TimeMs idle_before = now - 30 * kMinuteMs;
  const TimeMs created_before = now - 12 * kHourMs;
  struct S { const char* token; TimeMs created; TimeMs seen; bool expired; };
  const S sessions[] = {
      {"fresh", now - kHourMs, now - kMinuteMs, false},
      {"idle", now - kHourMs, idle_before - 1, true},
      {"idle_boundary", now - kHourMs, idle_before, false},  // strictly before
      {"old", created_before - 1, now - kMinuteMs, true},
      {"old_boundary", created_before, now - kMinuteMs, false},
      {"both", created_before - 5, idle_before - 5, true},
  };
  MustWrite([&](Repositories& r) -> Status {
    for (const auto& s : sessions) {
      RETURN_IF_ERROR(r.sessions().Insert(
          {crypto::Sha256Hex(s.token), alice.id, "csrf", s.created, s.seen, "127.0.0.1", "test"}));
    }
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto n, r.sessions().DeleteExpired(idle_before, created_before));
    EXPECT_EQ(n, 3);
    return Status::Ok();
  });
  MustRead([&](Repositories& r) -> Status {
    for (const auto& s : sessions) {
      ASSIGN_OR_RETURN(auto got, r.sessions().Get(crypto::Sha256Hex(s.token)));
      EXPECT_EQ(got.has_value(), !s.expired) << s.token;
    }
    return Status::Ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Positions

class PositionsTest : public AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    if (HasFatalFailure()) return;
    bob_ = AddUser(NewUser("bob", "李四", u1_.id));
    alice_ = AddUser(NewUser("alice", "张三", u2_.id));
    carol_ = AddUser(NewUser("carol", "王五", u3_.id));
    leader_alice_ = AddPosition(alice_.id, org::PositionKind::kChainLeader, org::ContextType::kChain, "electronics",
                                "电子信息产业链", bob_.id);
    commissioner_alice_ = AddPosition(alice_.id, org::PositionKind::kCommissioner, org::ContextType::kEnterprise,
                                      "91360800MA35ABCD1X", "江西某电子有限公司", bob_.id);
    leader_bob_ = AddPosition(bob_.id, org::PositionKind::kChainLeader, org::ContextType::kChain, "lithium",
                              "锂电新能源产业链", carol_.id);
    grid_carol_ = AddPosition(carol_.id, org::PositionKind::kGridWorker, org::ContextType::kRegion, "360902",
                              "袁州区", carol_.id);
  }

  org::Position AddPosition(int64_t user, org::PositionKind kind, org::ContextType type, const std::string& ref,
                            const std::string& name, int64_t created_by) {
    org::Position p;
    p.user_id = user;
    p.kind = kind;
    p.context_type = type;
    p.context_ref = ref;
    p.context_name = name;
    p.created_by = created_by;
    p.created_at = clock_.NowMs();
    Status st = store_->Write([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(p.id, r.positions().Insert(p));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return p;
  }

  std::vector<int64_t> PositionIds(storage::PositionQuery q) {
    storage::PageOf<org::Position> page;
    q.page.page_size = 100;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(page, r.positions().List(q));
      return Status::Ok();
    });
    EXPECT_EQ(page.total, static_cast<int64_t>(page.items.size()));
    return IdsOf(page.items);
  }

  auth::User bob_, alice_, carol_;
  org::Position leader_alice_, commissioner_alice_, leader_bob_, grid_carol_;
};

TEST_P(PositionsTest, InsertAndGet) {
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto got, r.positions().Get(commissioner_alice_.id));
    EXPECT_TRUE(got.has_value());
    if (!got) return Status::Ok();
    EXPECT_EQ(got->user_id, alice_.id);
    EXPECT_EQ(got->user_name, "张三");
    EXPECT_EQ(got->kind, org::PositionKind::kCommissioner);
    EXPECT_EQ(got->context_type, org::ContextType::kEnterprise);
    EXPECT_EQ(got->context_ref, "91360800MA35ABCD1X");
    EXPECT_EQ(got->context_name, "江西某电子有限公司");
    EXPECT_EQ(got->created_by, bob_.id);
    EXPECT_EQ(got->created_at, kStart);
    ASSIGN_OR_RETURN(auto missing, r.positions().Get(grid_carol_.id + 100));
    EXPECT_FALSE(missing.has_value());
    return Status::Ok();
  });
}

TEST_P(PositionsTest, ListByUserAndKind) {
  storage::PositionQuery q = Everything<storage::PositionQuery>();
  EXPECT_EQ(PositionIds(q).size(), 4u);
  q.user_id = alice_.id;
  EXPECT_EQ(PositionIds(q), Sorted({leader_alice_.id, commissioner_alice_.id}));
  q.kind = org::PositionKind::kChainLeader;
  EXPECT_EQ(PositionIds(q), std::vector<int64_t>{leader_alice_.id});
  q.user_id.reset();
  EXPECT_EQ(PositionIds(q), Sorted({leader_alice_.id, leader_bob_.id}));
  q.kind = org::PositionKind::kSupervisor;
  EXPECT_TRUE(PositionIds(q).empty());
}

TEST_P(PositionsTest, ListByContext) {
  storage::PositionQuery q = Everything<storage::PositionQuery>();
  q.context_type = org::ContextType::kChain;
  q.context_ref = "electronics";
  EXPECT_EQ(PositionIds(q), std::vector<int64_t>{leader_alice_.id});
  q.context_ref = "lithium";
  EXPECT_EQ(PositionIds(q), std::vector<int64_t>{leader_bob_.id});
  q.context_type = org::ContextType::kRegion;  // the same reference in another kind of context
  EXPECT_TRUE(PositionIds(q).empty());
  q.context_ref = "360902";
  q.kind = org::PositionKind::kGridWorker;
  EXPECT_EQ(PositionIds(q), std::vector<int64_t>{grid_carol_.id});
}

TEST_P(PositionsTest, ListByScopeOfTheHoldersUnit) {
  storage::PositionQuery q;
  q.scope = {ScopeKind::kOwnUnitAndBelow, {}, u1_.path, 0};
  EXPECT_EQ(PositionIds(q), Sorted({leader_alice_.id, commissioner_alice_.id, leader_bob_.id}));
  q.scope = {ScopeKind::kOwnUnit, {u3_.id}, "", 0};
  EXPECT_EQ(PositionIds(q), std::vector<int64_t>{grid_carol_.id});
  q.scope = {ScopeKind::kUnits, {u2_.id}, "", 0};
  EXPECT_EQ(PositionIds(q), Sorted({leader_alice_.id, commissioner_alice_.id}));
  q.scope = {ScopeKind::kSelf, {}, "", carol_.id};  // positions carol created
  EXPECT_EQ(PositionIds(q), Sorted({leader_bob_.id, grid_carol_.id}));
  q.scope = ScopeFilter::All();
  EXPECT_EQ(PositionIds(q).size(), 4u);
}

TEST_P(PositionsTest, ListPagesWithTotal) {
  storage::PositionQuery q = Everything<storage::PositionQuery>();
  q.page = {2, 3};
  storage::PageOf<org::Position> page;
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(page, r.positions().List(q));
    return Status::Ok();
  });
  EXPECT_EQ(page.total, 4);
  EXPECT_EQ(page.items.size(), 1u);
}

TEST_P(PositionsTest, DuplicateUserKindContextIsAlreadyExists) {
  org::Position dup = leader_alice_;
  dup.id = 0;
  dup.context_name = "另一个名字";
  Status st = store_->Write([&](Repositories& r) { return r.positions().Insert(dup).status(); });
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists) << st.ToString();
  // The same office in another context, or another office in the same context, is fine.
  AddPosition(alice_.id, org::PositionKind::kChainLeader, org::ContextType::kChain, "lithium", "锂电", bob_.id);
  AddPosition(alice_.id, org::PositionKind::kDeputyChainLeader, org::ContextType::kChain, "electronics", "电子",
              bob_.id);
  AddPosition(bob_.id, org::PositionKind::kChainLeader, org::ContextType::kChain, "electronics", "电子", bob_.id);
  EXPECT_EQ(PositionIds(Everything<storage::PositionQuery>()).size(), 7u);
}

TEST_P(PositionsTest, DeleteAndCountByKind) {
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto leaders, r.positions().CountByKind(org::PositionKind::kChainLeader));
    EXPECT_EQ(leaders, 2);
    ASSIGN_OR_RETURN(auto workers, r.positions().CountByKind(org::PositionKind::kSocialWorker));
    EXPECT_EQ(workers, 0);
    return Status::Ok();
  });
  MustWrite([&](Repositories& r) { return r.positions().Delete(leader_bob_.id); });
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto gone, r.positions().Get(leader_bob_.id));
    EXPECT_FALSE(gone.has_value());
    ASSIGN_OR_RETURN(auto leaders, r.positions().CountByKind(org::PositionKind::kChainLeader));
    EXPECT_EQ(leaders, 1);
    return Status::Ok();
  });
  Status st = store_->Write([&](Repositories& r) { return r.positions().Delete(leader_bob_.id); });
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
}

// ---------------------------------------------------------------------------------------------
// Audit logs

TEST_P(StorageContract, AuditAppendAssignsIdsLinksHashesAndMovesHead) {
  std::vector<audit::LoginRecord> logins;
  MustWrite([&](Repositories& r) -> Status {
    for (int i = 0; i < 3; ++i) {
      audit::LoginRecord rec;
      rec.at = kStart + i;
      rec.login = i == 1 ? "bob" : "alice";
      rec.user_id = i == 2 ? std::nullopt : std::optional<int64_t>(5);
      rec.result = i == 1 ? audit::LoginResult::kFailure : audit::LoginResult::kSuccess;
      rec.reason = i == 1 ? "密码错误" : "";
      rec.client_address = "10.0.0." + std::to_string(i);
      rec.user_agent = "UA " + std::to_string(i);
      RETURN_IF_ERROR(r.audit().Append(rec));
      logins.push_back(rec);
    }
    return Status::Ok();
  });
  ASSERT_EQ(logins.size(), 3u);
  for (size_t i = 0; i < logins.size(); ++i) {
    EXPECT_EQ(logins[i].id, static_cast<int64_t>(i + 1));
    EXPECT_EQ(logins[i].prev_hash, i == 0 ? std::string(audit::kGenesisHash) : logins[i - 1].hash);
    auto expect = audit::ChainHash(logins[i].prev_hash, audit::CanonicalContent(logins[i]));
    ASSERT_TRUE(expect.ok());
    EXPECT_EQ(logins[i].hash, *expect);
  }

  // A later transaction continues the chain; the operation log has its own chain.
  audit::OperationRecord op = Op("alice", "unit.create");
  MustWrite([&](Repositories& r) -> Status {
    audit::LoginRecord rec;
    rec.at = kStart + 10;
    rec.login = "alice";
    rec.result = audit::LoginResult::kLogout;
    RETURN_IF_ERROR(r.audit().Append(rec));
    EXPECT_EQ(rec.id, 4);
    EXPECT_EQ(rec.prev_hash, logins[2].hash);
    logins.push_back(rec);
    return r.audit().Append(op);
  });
  EXPECT_EQ(op.id, 1);
  EXPECT_EQ(op.prev_hash, audit::kGenesisHash);

  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto head, r.audit().Head(LogKind::kLogin));
    EXPECT_EQ(head.last_id, 4);
    EXPECT_EQ(head.last_hash, logins[3].hash);
    ASSIGN_OR_RETURN(auto ophead, r.audit().Head(LogKind::kOperation));
    EXPECT_EQ(ophead.last_id, 1);
    EXPECT_EQ(ophead.last_hash, op.hash);

    // Stored rows read back field for field, in id order, and verify.
    std::vector<audit::LoginRecord> stored;
    RETURN_IF_ERROR(r.audit().ForEachLogin([&](const audit::LoginRecord& rec) { stored.push_back(rec); }));
    EXPECT_EQ(stored.size(), logins.size());
    audit::ChainVerifier v(LogKind::kLogin);
    for (size_t i = 0; i < stored.size() && i < logins.size(); ++i) {
      const auto& a = stored[i];
      const auto& b = logins[i];
      EXPECT_EQ(a.id, b.id);
      EXPECT_EQ(a.at, b.at);
      EXPECT_EQ(a.login, b.login);
      EXPECT_EQ(a.user_id, b.user_id);
      EXPECT_EQ(a.result, b.result);
      EXPECT_EQ(a.reason, b.reason);
      EXPECT_EQ(a.client_address, b.client_address);
      EXPECT_EQ(a.user_agent, b.user_agent);
      EXPECT_EQ(a.prev_hash, b.prev_hash);
      EXPECT_EQ(a.hash, b.hash);
      v.Add(a);
    }
    v.Finish(head);
    EXPECT_FALSE(v.finding().has_value()) << v.finding()->reason;

    std::vector<audit::OperationRecord> ops;
    RETURN_IF_ERROR(r.audit().ForEachOperation([&](const audit::OperationRecord& rec) { ops.push_back(rec); }));
    EXPECT_EQ(ops.size(), 1u);
    if (!ops.empty()) {
      EXPECT_EQ(ops[0].detail, "明细 unit.create");
      EXPECT_EQ(ops[0].object_type, "unit");
      EXPECT_EQ(ops[0].user_id, std::optional<int64_t>(1));
      EXPECT_EQ(ops[0].hash, op.hash);
    }
    return Status::Ok();
  });
}

TEST_P(StorageContract, AuditAppendRolledBackWithItsTransaction) {
  MustWrite([&](Repositories& r) {
    auto op = Op("a", "unit.create");
    return r.audit().Append(op);
  });
  audit::OperationRecord lost = Op("a", "unit.update");
  Status st = store_->Write([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.audit().Append(lost));
    return Internal("fail after append");
  });
  ASSERT_FALSE(st.ok());
  audit::OperationRecord next = Op("a", "unit.delete");
  MustWrite([&](Repositories& r) { return r.audit().Append(next); });
  EXPECT_EQ(next.id, 2);                // the rolled-back id is reused
  EXPECT_NE(next.prev_hash, lost.hash);  // and the chain links to row 1, not the lost row
  MustRead([&](Repositories& r) -> Status {
    audit::ChainVerifier v(LogKind::kOperation);
    RETURN_IF_ERROR(r.audit().ForEachOperation([&](const audit::OperationRecord& rec) { v.Add(rec); }));
    ASSIGN_OR_RETURN(auto head, r.audit().Head(LogKind::kOperation));
    v.Finish(head);
    EXPECT_FALSE(v.finding().has_value());
    EXPECT_EQ(v.checked(), 2);
    return Status::Ok();
  });
}

TEST_P(StorageContract, AuditListsNewestFirstWithFiltersAndPaging) {
  MustWrite([&](Repositories& r) -> Status {
    const char* rows[][3] = {{"alice", "unit.create", "ok"},   {"bob", "unit.update", "denied"},
                             {"alice", "user.create", "ok"},   {"alice", "unit.delete", "error"},
                             {"carol", "role.update", "ok"},   {"bob", "user.unlock", "ok"}};
    for (auto& row : rows) {
      auto op = Op(row[0], row[1], row[2]);
      RETURN_IF_ERROR(r.audit().Append(op));
      audit::LoginRecord login;
      login.at = clock_.NowMs();
      login.login = row[0];
      login.result = std::string(row[2]) == "ok" ? audit::LoginResult::kSuccess : audit::LoginResult::kFailure;
      RETURN_IF_ERROR(r.audit().Append(login));
    }
    return Status::Ok();
  });
  auto ops = [&](storage::LogQuery q) {
    storage::PageOf<audit::OperationRecord> page;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(page, r.audit().ListOperations(q));
      return Status::Ok();
    });
    return page;
  };
  auto ids = [](const auto& page) {
    std::vector<int64_t> out;
    for (const auto& i : page.items) out.push_back(i.id);
    return out;
  };

  storage::LogQuery q;
  auto all = ops(q);
  EXPECT_EQ(all.total, 6);
  EXPECT_EQ(ids(all), (std::vector<int64_t>{6, 5, 4, 3, 2, 1}));
  q.login = "alice";
  EXPECT_EQ(ids(ops(q)), (std::vector<int64_t>{4, 3, 1}));
  q.login = "ali";  // exact login, not a substring
  EXPECT_EQ(ops(q).total, 0);
  q = {};
  q.result = "ok";
  EXPECT_EQ(ids(ops(q)), (std::vector<int64_t>{6, 5, 3, 1}));
  q.login = "bob";
  EXPECT_EQ(ids(ops(q)), std::vector<int64_t>{6});
  q = {};
  q.action = "unit.";
  EXPECT_EQ(ids(ops(q)), (std::vector<int64_t>{4, 2, 1}));
  q.action = "user";
  EXPECT_EQ(ids(ops(q)), (std::vector<int64_t>{6, 3}));
  q.action = "unit_";  // '_' is literal
  EXPECT_EQ(ops(q).total, 0);
  q = {};
  q.page = {2, 4};
  auto p2 = ops(q);
  EXPECT_EQ(p2.total, 6);
  EXPECT_EQ(ids(p2), (std::vector<int64_t>{2, 1}));

  storage::PageOf<audit::LoginRecord> logins;
  storage::LogQuery lq;
  lq.login = "bob";
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(logins, r.audit().ListLogins(lq));
    return Status::Ok();
  });
  EXPECT_EQ(logins.total, 2);
  EXPECT_EQ(ids(logins), (std::vector<int64_t>{6, 2}));
  lq = {};
  lq.result = "failure";
  lq.page = {1, 1};
  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(logins, r.audit().ListLogins(lq));
    return Status::Ok();
  });
  EXPECT_EQ(logins.total, 2);
  EXPECT_EQ(ids(logins), std::vector<int64_t>{4});
}

TEST_P(StorageContract, AuditActionFilterMatchesTextInsideTheAction) {
  MustWrite([&](Repositories& r) -> Status {
    for (const char* action : {"user.list", "unit.list", "audit.list_logins", "list.x", "unit.create"}) {
      auto op = Op("a", action);
      RETURN_IF_ERROR(r.audit().Append(op));
    }
    return Status::Ok();
  });
  auto count = [&](const std::string& action) {
    storage::LogQuery q;
    q.action = action;
    int64_t total = -1;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(auto page, r.audit().ListOperations(q));
      total = page.total;
      return Status::Ok();
    });
    return total;
  };
  EXPECT_EQ(count("list"), 4);
  EXPECT_EQ(count("unit."), 2);
  EXPECT_EQ(count("_"), 1) << "LIKE wildcards are matched literally";
  EXPECT_EQ(count("%"), 0);
}

// ---------------------------------------------------------------------------------------------
// Settings

TEST_P(StorageContract, SettingsGetPutOverwrite) {
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto v, r.settings().Get("admin_created"));
    EXPECT_FALSE(v.has_value());
    return Status::Ok();
  });
  MustWrite([](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.settings().Put("admin_created", "1"));
    RETURN_IF_ERROR(r.settings().Put("empty", ""));
    return r.settings().Put("title", "吉安市产业链链长制");
  });
  MustWrite([](Repositories& r) { return r.settings().Put("admin_created", "2026-01-01"); });
  MustRead([](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto a, r.settings().Get("admin_created"));
    EXPECT_EQ(a, std::optional<std::string>("2026-01-01"));
    ASSIGN_OR_RETURN(auto e, r.settings().Get("empty"));
    EXPECT_EQ(e, std::optional<std::string>(""));  // empty is not absent
    ASSIGN_OR_RETURN(auto t, r.settings().Get("title"));
    EXPECT_EQ(t, std::optional<std::string>("吉安市产业链链长制"));
    ASSIGN_OR_RETURN(auto other, r.settings().Get("Admin_created"));
    EXPECT_FALSE(other.has_value());
    return Status::Ok();
  });
}

// ---------------------------------------------------------------------------------------------
// Concurrency

TEST_P(StorageContract, ConcurrentWritesKeepTheChainAndReadsSeeConsistentSnapshots) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  std::atomic<bool> done{false};
  std::atomic<int> write_failures{0};
  std::atomic<int> read_failures{0};
  std::atomic<int> inconsistent{0};
  std::atomic<int> reads{0};

  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      int64_t last_seen = 0;
      while (!done.load()) {
        Status st = store_->Read([&](Repositories& r) -> Status {
          ASSIGN_OR_RETURN(auto head, r.audit().Head(LogKind::kOperation));
          storage::LogQuery q;
          q.page = {1, 1};
          ASSIGN_OR_RETURN(auto page, r.audit().ListOperations(q));
          ASSIGN_OR_RETURN(auto counter, r.settings().Get("counter"));
          int64_t c = counter ? std::stoll(*counter) : 0;
          // Head, rows and the counter are written in the same transactions: one snapshot sees
          // all of them or none.
          if (page.total != head.last_id || c != head.last_id) ++inconsistent;
          if (!page.items.empty() && page.items[0].id != head.last_id) ++inconsistent;
          if (head.last_id < last_seen) ++inconsistent;  // never goes back in time
          last_seen = head.last_id;
          return Status::Ok();
        });
        if (!st.ok()) ++read_failures;
        ++reads;
      }
    });
  }

  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Status st = store_->Write([&](Repositories& r) -> Status {
          audit::OperationRecord op;
          op.at = kStart + i;
          op.login = "writer" + std::to_string(t);
          op.action = "test.write";
          op.object_type = "test";
          op.object_id = std::to_string(i);
          RETURN_IF_ERROR(r.audit().Append(op));
          // Read-modify-write: lost updates would show as a final counter below 200.
          ASSIGN_OR_RETURN(auto counter, r.settings().Get("counter"));
          int64_t c = counter ? std::stoll(*counter) : 0;
          return r.settings().Put("counter", std::to_string(c + 1));
        });
        if (!st.ok()) ++write_failures;
      }
    });
  }
  for (auto& w : writers) w.join();
  done = true;
  for (auto& r : readers) r.join();

  EXPECT_EQ(write_failures.load(), 0);
  EXPECT_EQ(read_failures.load(), 0);
  EXPECT_EQ(inconsistent.load(), 0);
  EXPECT_GT(reads.load(), 0);

  MustRead([&](Repositories& r) -> Status {
    std::vector<int64_t> ids;
    std::vector<int> per_writer(kThreads, 0);
    audit::ChainVerifier v(LogKind::kOperation);
    RETURN_IF_ERROR(r.audit().ForEachOperation([&](const audit::OperationRecord& rec) {
      ids.push_back(rec.id);
      v.Add(rec);
      int w = rec.login.back() - '0';
      if (w >= 0 && w < kThreads) ++per_writer[w];
    }));
    ASSIGN_OR_RETURN(auto head, r.audit().Head(LogKind::kOperation));
    v.Finish(head);
    EXPECT_FALSE(v.finding().has_value()) << v.finding()->reason << " at " << v.finding()->row_id;
    EXPECT_EQ(head.last_id, kThreads * kPerThread);
    std::vector<int64_t> expect(kThreads * kPerThread);
    for (size_t i = 0; i < expect.size(); ++i) expect[i] = static_cast<int64_t>(i + 1);
    EXPECT_EQ(ids, expect);
    for (int w = 0; w < kThreads; ++w) EXPECT_EQ(per_writer[w], kPerThread) << w;
    ASSIGN_OR_RETURN(auto counter, r.settings().Get("counter"));
    EXPECT_EQ(counter, std::optional<std::string>(std::to_string(kThreads * kPerThread)));
    return Status::Ok();
  });
}

INSTANTIATE_TEST_SUITE_P(AllBackends, StorageContract, ::testing::ValuesIn(StorageBackends()), BackendName);
INSTANTIATE_TEST_SUITE_P(AllBackends, UnitScopeTest, ::testing::ValuesIn(StorageBackends()), BackendName);
INSTANTIATE_TEST_SUITE_P(AllBackends, AccountsTest, ::testing::ValuesIn(StorageBackends()), BackendName);
INSTANTIATE_TEST_SUITE_P(AllBackends, PositionsTest, ::testing::ValuesIn(StorageBackends()), BackendName);

// ---------------------------------------------------------------------------------------------
// Plain value types of the interface

TEST(PageRequest, OffsetAndClamping) {
  EXPECT_EQ((storage::PageRequest{1, 20}.Offset()), 0);
  EXPECT_EQ((storage::PageRequest{3, 20}.Offset()), 40);
  auto c = storage::PageRequest{0, 0}.Clamped();
  EXPECT_EQ(c.page, 1);
  EXPECT_EQ(c.page_size, 1);
  c = storage::PageRequest{-5, 1000}.Clamped();
  EXPECT_EQ(c.page, 1);
  EXPECT_EQ(c.page_size, storage::PageRequest::kMaxPageSize);
  c = storage::PageRequest{7, 50}.Clamped();
  EXPECT_EQ(c.page, 7);
  EXPECT_EQ(c.page_size, 50);
}

}  // namespace
}  // namespace lz::testing

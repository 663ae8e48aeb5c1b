// The Open311 storage on every backend (issue 6): API keys (round trip, lookup by hash, the
// newest-first list with unit names, unique hashes, revoke once, touch) and the Open311 rows of
// cases (round trip with and without coordinates, one row per case, every Open311Query filter with
// its boundaries, the order and the limit), and the copy of both to another database.
#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "backends.h"
#include "storage/copy.h"
#include "storage/migrate.h"
#include "storage/sql_store.h"

// Readable failure messages (gtest finds these by argument-dependent lookup; static so that no
// other test file's printers can clash with them).
namespace lz::auth {
[[maybe_unused]] static void PrintTo(const ApiKey& k, std::ostream* os) {
  auto opt = [](const std::optional<TimeMs>& t) { return t ? std::to_string(*t) : std::string("-"); };
  *os << "{id=" << k.id << " name=" << k.name << " hash=" << k.key_hash << " prefix=" << k.key_prefix
      << " unit=" << k.unit_id << "/" << k.unit_name << " by=" << k.created_by << " at=" << k.created_at
      << " revoked=" << opt(k.revoked_at) << " used=" << opt(k.last_used_at) << "}";
}
}  // namespace lz::auth

namespace lz::storage {
[[maybe_unused]] static void PrintTo(const Open311Request& o, std::ostream* os) {
  auto opt = [](const std::optional<double>& v) {
    if (!v) return std::string("-");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *v);
    return std::string(buf);
  };
  *os << "{case=" << o.case_id << " key=" << o.api_key_id << " lat=" << opt(o.lat) << " lon=" << opt(o.lon)
      << " address_id=" << o.address_id << " email=" << o.email << " device=" << o.device_id
      << " account=" << o.account_id << " media=" << o.media_url << "}";
}
}  // namespace lz::storage

namespace lz::testing {
namespace {

using auth::ApiKey;
using casework::Case;
using casework::CaseState;
using casework::Category;
using storage::Open311Query;
using storage::Open311Request;
using storage::Repositories;

constexpr int64_t kHourMs = 3600000;

// Units, the open311 and hotline channels and a small category tree (01 with 0101 and 0102), as
// the services would have set them up before a client files anything.
class Open311Storage : public StorageFixture {
 protected:
  void SetUp() override {
    StorageFixture::SetUp();
    if (HasFatalFailure()) return;
    MustWrite([&](Repositories& r) -> Status {
      for (const org::Region& region : std::vector<org::Region>{{"36", "江西省", org::RegionLevel::kProvince, "", 0},
                                                                {"3608", "吉安市", org::RegionLevel::kCity, "36", 0},
                                                                {"360802", "吉州区", org::RegionLevel::kCounty, "3608", 0}}) {
        RETURN_IF_ERROR(r.regions().Insert(region, "test"));
      }
      ASSIGN_OR_RETURN(hotline_unit_, AddUnit(r, "12345热线中心"));
      ASSIGN_OR_RETURN(city_unit_, AddUnit(r, "吉州区城管局"));
      casework::Channel open311;
      open311.code = "open311";
      open311.name = "随手拍";
      RETURN_IF_ERROR(r.catalogue().PutChannel(open311));
      casework::Channel hotline;
      hotline.code = "hotline";
      hotline.name = "12345热线";
      RETURN_IF_ERROR(r.catalogue().PutChannel(hotline));
      ASSIGN_OR_RETURN(int64_t parent, r.catalogue().InsertCategory(NewCategory("01", "城乡建设", std::nullopt)));
      RETURN_IF_ERROR(r.catalogue().InsertCategory(NewCategory("0101", "道路破损", parent)).status());
      return r.catalogue().InsertCategory(NewCategory("0102", "路灯故障", parent)).status();
    });
  }

  static Result<int64_t> AddUnit(Repositories& r, const std::string& name) {
    org::Unit u;
    u.name = name;
    u.kind = org::UnitKind::kDepartment;
    u.region_code = "3608";
    u.created_at = u.updated_at = kStart;
    return r.units().Insert(u);
  }

  static Category NewCategory(const std::string& code, const std::string& name, std::optional<int64_t> parent) {
    Category c;
    c.code = code;
    c.name = name;
    c.parent_id = parent;
    c.sign_days = 1;
    c.handle_days = 5;
    c.max_extension_days = 4;
    return c;
  }

  // A key as the service issues it, not yet stored; the hash stands in for a real SHA-256.
  static ApiKey NewKey(const std::string& name, const std::string& hash, int64_t unit_id, TimeMs created_at) {
    ApiKey k;
    k.name = name;
    k.key_hash = hash;
    k.key_prefix = "lz_" + hash.substr(0, 7);
    k.unit_id = unit_id;
    k.created_by = 1;
    k.created_at = created_at;
    return k;
  }

  // Inserts the key in its own transaction and returns it as reads return it (id and unit name).
  ApiKey InsertKey(ApiKey k, const std::string& unit_name) {
    MustWrite([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(k.id, r.api_keys().Insert(k));
      return Status::Ok();
    });
    k.unit_name = unit_name;
    return k;
  }

  std::optional<ApiKey> GetKey(int64_t id) {
    std::optional<ApiKey> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.api_keys().Get(id));
      return Status::Ok();
    });
    return out;
  }

  std::vector<ApiKey> ListKeys() {
    std::vector<ApiKey> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.api_keys().List());
      return Status::Ok();
    });
    return out;
  }

  // Stores a case (filed through the open311 channel unless told) and returns its id.
  int64_t InsertCase(const std::string& number, TimeMs created, const std::string& category, CaseState state,
                     const std::string& channel = "open311") {
    return StorageFixture::InsertCase(number, channel, category, "360802", state, created, hotline_unit_);
  }

  static Open311Request NewRequest(int64_t case_id, int64_t key_id) {
    Open311Request o;
    o.case_id = case_id;
    o.api_key_id = key_id;
    return o;
  }

  void InsertRequest(const Open311Request& o) {
    MustWrite([&](Repositories& r) { return r.open311().Insert(o); });
  }

  std::optional<Open311Request> GetRequest(int64_t case_id) {
    std::optional<Open311Request> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.open311().Get(case_id));
      return Status::Ok();
    });
    return out;
  }

  std::vector<Open311Request> ListRequests(const Open311Query& q) {
    std::vector<Open311Request> out;
    MustRead([&](Repositories& r) -> Status {
      ASSIGN_OR_RETURN(out, r.open311().List(q));
      return Status::Ok();
    });
    return out;
  }

  // The case ids a query lists, in the list's order.
  std::vector<int64_t> Listed(const Open311Query& q) {
    std::vector<int64_t> ids;
    for (const Open311Request& o : ListRequests(q)) ids.push_back(o.case_id);
    return ids;
  }

  int64_t hotline_unit_ = 0, city_unit_ = 0;
};

class ApiKeyContract : public Open311Storage {};
class Open311Contract : public Open311Storage {};

// ---- API keys ---------------------------------------------------------------------------------

TEST_P(ApiKeyContract, InsertGetByHashAndListNewestFirstWithUnitNames) {
  ApiKey first = InsertKey(NewKey("随手拍 App", "aaaa1111", hotline_unit_, kStart), "12345热线中心");
  ApiKey second = InsertKey(NewKey("城管通", "bbbb2222", city_unit_, kStart + kHourMs), "吉州区城管局");
  // Issued in the same millisecond as `second`: the higher id comes first. Stored revoked and used,
  // so every optional column makes the round trip set.
  ApiKey third = NewKey("测试客户端", "cccc3333", hotline_unit_, kStart + kHourMs);
  third.revoked_at = kStart + 2 * kHourMs;
  third.last_used_at = kStart + 90 * 60000;
  third = InsertKey(third, "12345热线中心");
  EXPECT_LT(first.id, second.id);
  EXPECT_LT(second.id, third.id);

  std::optional<ApiKey> got = GetKey(first.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, first);
  EXPECT_EQ(got->unit_name, "12345热线中心");
  EXPECT_EQ(got->key_prefix, "lz_aaaa111");
  EXPECT_FALSE(got->revoked_at.has_value());
  EXPECT_FALSE(got->last_used_at.has_value());
  got = GetKey(third.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, third);
  EXPECT_EQ(got->revoked_at, std::optional<TimeMs>(kStart + 2 * kHourMs));
  EXPECT_EQ(got->last_used_at, std::optional<TimeMs>(kStart + 90 * 60000));
  EXPECT_FALSE(GetKey(third.id + 100).has_value());

  MustRead([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto by_hash, r.api_keys().GetByHash("bbbb2222"));
    EXPECT_TRUE(by_hash.has_value());
    if (by_hash) {
      EXPECT_EQ(*by_hash, second);
      EXPECT_EQ(by_hash->unit_name, "吉州区城管局");
    }
    ASSIGN_OR_RETURN(auto unknown, r.api_keys().GetByHash("dddd4444"));
    EXPECT_FALSE(unknown.has_value());
    // The hash is matched exactly, not as a prefix or pattern.
    ASSIGN_OR_RETURN(auto prefix, r.api_keys().GetByHash("bbbb"));
    EXPECT_FALSE(prefix.has_value());
    return Status::Ok();
  });

  EXPECT_EQ(ListKeys(), (std::vector<ApiKey>{third, second, first}));
}

TEST_P(ApiKeyContract, DuplicateHashIsAlreadyExistsAndTheTransactionGoesOn) {
  ApiKey original = InsertKey(NewKey("随手拍 App", "aaaa1111", hotline_unit_, kStart), "12345热线中心");
  ApiKey other = NewKey("城管通", "bbbb2222", city_unit_, kStart + 1);
  MustWrite([&](Repositories& r) -> Status {
    Result<int64_t> dup = r.api_keys().Insert(NewKey("冒名", "aaaa1111", city_unit_, kStart + 1));
    EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists) << dup.status().ToString();
    // No poisoned PostgreSQL transaction: the next statement in it runs and commits.
    ASSIGN_OR_RETURN(other.id, r.api_keys().Insert(other));
    return Status::Ok();
  });
  other.unit_name = "吉州区城管局";
  EXPECT_EQ(ListKeys(), (std::vector<ApiKey>{other, original}));
  std::optional<ApiKey> kept = GetKey(original.id);
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->name, "随手拍 App");
  EXPECT_EQ(kept->unit_id, hotline_unit_);
}

TEST_P(ApiKeyContract, RevokeSetsTheTimeOnceAndUnknownIdsAreNotFound) {
  ApiKey key = InsertKey(NewKey("随手拍 App", "aaaa1111", hotline_unit_, kStart), "12345热线中心");
  ApiKey bystander = InsertKey(NewKey("城管通", "bbbb2222", city_unit_, kStart), "吉州区城管局");
  MustWrite([&](Repositories& r) { return r.api_keys().Revoke(key.id, kStart + kHourMs); });
  // A second revocation succeeds and keeps the first time.
  MustWrite([&](Repositories& r) { return r.api_keys().Revoke(key.id, kStart + 5 * kHourMs); });
  key.revoked_at = kStart + kHourMs;
  std::optional<ApiKey> got = GetKey(key.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, key);  // nothing else changed
  EXPECT_EQ(GetKey(bystander.id), std::optional<ApiKey>(bystander));

  Status unknown = store_->Write([&](Repositories& r) { return r.api_keys().Revoke(bystander.id + 100, kStart); });
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound) << unknown.ToString();
}

TEST_P(ApiKeyContract, TouchRecordsTheLastUse) {
  ApiKey key = InsertKey(NewKey("随手拍 App", "aaaa1111", hotline_unit_, kStart), "12345热线中心");
  ApiKey bystander = InsertKey(NewKey("城管通", "bbbb2222", city_unit_, kStart), "吉州区城管局");
  MustWrite([&](Repositories& r) { return r.api_keys().Touch(key.id, kStart + kHourMs); });
  std::optional<ApiKey> got = GetKey(key.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->last_used_at, std::optional<TimeMs>(kStart + kHourMs));
  MustWrite([&](Repositories& r) { return r.api_keys().Touch(key.id, kStart + 3 * kHourMs); });
  key.last_used_at = kStart + 3 * kHourMs;
  EXPECT_EQ(GetKey(key.id), std::optional<ApiKey>(key));
  EXPECT_EQ(GetKey(bystander.id), std::optional<ApiKey>(bystander));
  // A revoked key can still be touched (the service decides whether it may be used), and touching
  // leaves the revocation alone.
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.api_keys().Revoke(key.id, kStart + 4 * kHourMs));
    return r.api_keys().Touch(key.id, kStart + 5 * kHourMs);
  });
  got = GetKey(key.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->revoked_at, std::optional<TimeMs>(kStart + 4 * kHourMs));
  EXPECT_EQ(got->last_used_at, std::optional<TimeMs>(kStart + 5 * kHourMs));

  Status unknown = store_->Write([&](Repositories& r) { return r.api_keys().Touch(bystander.id + 100, kStart); });
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound) << unknown.ToString();
}

// ---- Open311 requests -------------------------------------------------------------------------

TEST_P(Open311Contract, RequestsRoundTripWithAndWithoutCoordinates) {
  ApiKey key = InsertKey(NewKey("随手拍 App", "aaaa1111", hotline_unit_, kStart), "12345热线中心");
  int64_t located = InsertCase("360802-20260101-0001", kStart, "0101", CaseState::kReceived);
  int64_t bare = InsertCase("360802-20260101-0002", kStart, "0101", CaseState::kReceived);
  int64_t half = InsertCase("360802-20260101-0003", kStart, "0101", CaseState::kReceived);

  Open311Request full = NewRequest(located, key.id);
  full.lat = 27.113847215396;
  full.lon = 114.97952630001;
  full.address_id = "JZ-0042";
  full.email = "citizen@example.cn";
  full.device_id = "iPhone-7F3A";
  full.account_id = "wx_o6_abc";
  full.media_url = "https://img.example.cn/p/1.jpg?s=中";
  InsertRequest(full);
  Open311Request without = NewRequest(bare, key.id);
  InsertRequest(without);
  // One coordinate without the other, negative, and a value with no short decimal form (0.1 + 0.2
  // is 0.30000000000000004): every bit must come back.
  Open311Request one_sided = NewRequest(half, key.id);
  one_sided.lat = 0.1 + 0.2;
  one_sided.lon = std::nullopt;
  InsertRequest(one_sided);
  Open311Request negative = one_sided;
  negative.case_id = InsertCase("360802-20260101-0004", kStart, "0101", CaseState::kReceived);
  negative.lat = std::nullopt;
  negative.lon = -122.41941550000001;
  InsertRequest(negative);

  std::optional<Open311Request> got = GetRequest(located);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, full);
  ASSERT_TRUE(got->lat.has_value() && got->lon.has_value());
  EXPECT_EQ(*got->lat, 27.113847215396);
  EXPECT_EQ(*got->lon, 114.97952630001);

  got = GetRequest(bare);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, without);
  EXPECT_FALSE(got->lat.has_value());
  EXPECT_FALSE(got->lon.has_value());
  EXPECT_EQ(got->email, "");
  EXPECT_EQ(got->media_url, "");

  got = GetRequest(half);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, one_sided);
  EXPECT_EQ(got->lat, std::optional<double>(0.1 + 0.2));
  EXPECT_FALSE(got->lon.has_value());

  EXPECT_EQ(GetRequest(negative.case_id), std::optional<Open311Request>(negative));

  // A case filed through another channel has no row.
  int64_t hotline = InsertCase("360802-20260101-0005", kStart, "0101", CaseState::kReceived, "hotline");
  EXPECT_FALSE(GetRequest(hotline).has_value());
  EXPECT_FALSE(GetRequest(hotline + 100).has_value());
}

TEST_P(Open311Contract, OneRowPerCaseAndTheTransactionGoesOn) {
  ApiKey key = InsertKey(NewKey("随手拍 App", "aaaa1111", hotline_unit_, kStart), "12345热线中心");
  ApiKey other_key = InsertKey(NewKey("城管通", "bbbb2222", city_unit_, kStart), "吉州区城管局");
  int64_t first = InsertCase("360802-20260101-0001", kStart, "0101", CaseState::kReceived);
  int64_t second = InsertCase("360802-20260101-0002", kStart, "0101", CaseState::kReceived);
  Open311Request original = NewRequest(first, key.id);
  original.email = "first@example.cn";
  InsertRequest(original);

  Open311Request next = NewRequest(second, key.id);
  MustWrite([&](Repositories& r) -> Status {
    Open311Request again = NewRequest(first, other_key.id);
    again.email = "second@example.cn";
    Status dup = r.open311().Insert(again);
    EXPECT_EQ(dup.code(), StatusCode::kAlreadyExists) << dup.ToString();
    // No poisoned PostgreSQL transaction: the next insert in it commits.
    return r.open311().Insert(next);
  });
  EXPECT_EQ(GetRequest(first), std::optional<Open311Request>(original));
  EXPECT_EQ(GetRequest(second), std::optional<Open311Request>(next));
}

TEST_P(Open311Contract, RowsNeedTheirCaseAndKeyAndFiniteCoordinates) {
  ApiKey key = InsertKey(NewKey("随手拍 App", "aaaa1111", hotline_unit_, kStart), "12345热线中心");
  int64_t id = InsertCase("360802-20260101-0001", kStart, "0101", CaseState::kReceived);
  EXPECT_FALSE(store_->Write([&](Repositories& r) { return r.open311().Insert(NewRequest(id + 100, key.id)); }).ok())
      << "a case that does not exist";
  EXPECT_FALSE(store_->Write([&](Repositories& r) { return r.open311().Insert(NewRequest(id, key.id + 100)); }).ok())
      << "a key that does not exist";
  for (double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    Open311Request o = NewRequest(id, key.id);
    o.lon = bad;
    Status st = store_->Write([&](Repositories& r) { return r.open311().Insert(o); });
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  }
  EXPECT_FALSE(GetRequest(id).has_value());
}

// Cases filed by two keys and one filed by phone, at hourly steps from kStart:
//   key 1: a 0101 received +0h, b 0102 handling +1h, c 0101 closed +2h, d 0101 handling +2h
//          (same time as c, inserted after it), e 01 received +3h
//   key 2: f 0101 received +1h;  hotline: g 0101 received +1h (no Open311 row)
class Open311ListContract : public Open311Storage {
 protected:
  void SetUp() override {
    Open311Storage::SetUp();
    if (HasFatalFailure()) return;
    key1_ = InsertKey(NewKey("随手拍 App", "aaaa1111", hotline_unit_, kStart), "12345热线中心").id;
    key2_ = InsertKey(NewKey("城管通", "bbbb2222", city_unit_, kStart), "吉州区城管局").id;
    a_ = File(key1_, "360802-20260101-0001", 0, "0101", CaseState::kReceived);
    b_ = File(key1_, "360802-20260101-0002", 1, "0102", CaseState::kHandling);
    c_ = File(key1_, "360802-20260101-0003", 2, "0101", CaseState::kClosed);
    d_ = File(key1_, "360802-20260101-0004", 2, "0101", CaseState::kHandling);
    e_ = File(key1_, "360802-20260101-0005", 3, "01", CaseState::kReceived);
    f_ = File(key2_, "360802-20260101-0006", 1, "0101", CaseState::kReceived);
    g_ = InsertCase("360802-20260101-0007", kStart + kHourMs, "0101", CaseState::kReceived, "hotline");
  }

  int64_t File(int64_t key_id, const std::string& number, int hours, const std::string& category, CaseState state) {
    int64_t id = InsertCase(number, kStart + hours * kHourMs, category, state);
    Open311Request o = NewRequest(id, key_id);
    o.device_id = "device-" + number;
    o.lat = 27.0 + hours / 100.0;
    if (hours % 2 == 0) o.lon = 114.5;
    InsertRequest(o);
    return id;
  }

  Open311Query ByKey1() const {
    Open311Query q;
    q.api_key_id = key1_;
    return q;
  }

  int64_t key1_ = 0, key2_ = 0;
  int64_t a_ = 0, b_ = 0, c_ = 0, d_ = 0, e_ = 0, f_ = 0, g_ = 0;
};

TEST_P(Open311ListContract, ListsOnlyTheKeysRowsNewestFirstWithEveryField) {
  EXPECT_EQ(Listed(ByKey1()), (std::vector<int64_t>{e_, d_, c_, b_, a_}));
  Open311Query q2;
  q2.api_key_id = key2_;
  std::vector<Open311Request> of_key2 = ListRequests(q2);
  ASSERT_EQ(of_key2.size(), 1u);
  EXPECT_EQ(of_key2[0], GetRequest(f_));
  EXPECT_EQ(of_key2[0].device_id, "device-360802-20260101-0006");
  EXPECT_EQ(of_key2[0].lat, std::optional<double>(27.0 + 1 / 100.0));
  EXPECT_FALSE(of_key2[0].lon.has_value());
  Open311Query nobody;
  nobody.api_key_id = key2_ + 100;
  EXPECT_TRUE(Listed(nobody).empty());

  // The rows come back whole, as Get returns them.
  for (const Open311Request& o : ListRequests(ByKey1())) {
    EXPECT_EQ(std::optional<Open311Request>(o), GetRequest(o.case_id)) << o.case_id;
    EXPECT_EQ(o.api_key_id, key1_);
  }
}

TEST_P(Open311ListContract, FiltersByNumbersCategoryAndState) {
  Open311Query q = ByKey1();
  // Another key's case and an unknown number are not found; three numbers also exercise the
  // padded IN list.
  q.numbers = {"360802-20260101-0001", "360802-20260101-0003", "360802-20260101-0006", "360802-20260101-9999"};
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{c_, a_}));
  q.numbers = {"360802-20260101-0002"};
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{b_}));
  q.numbers = {"360802-20260101-0007"};  // filed by phone
  EXPECT_TRUE(Listed(q).empty());

  // The category is matched exactly: neither its parent nor its children.
  q = ByKey1();
  q.category_code = "0101";
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{d_, c_, a_}));
  q.category_code = "01";
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{e_}));
  q.category_code = "0102";
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{b_}));
  q.category_code = "99";
  EXPECT_TRUE(Listed(q).empty());

  q = ByKey1();
  q.states = {CaseState::kHandling};
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{d_, b_}));
  q.states = {CaseState::kReceived, CaseState::kClosed};
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{e_, c_, a_}));
  q.states = {CaseState::kArchived};
  EXPECT_TRUE(Listed(q).empty());

  // Every filter set must hold.
  q = ByKey1();
  q.category_code = "0101";
  q.states = {CaseState::kHandling, CaseState::kReceived};
  q.numbers = {"360802-20260101-0001", "360802-20260101-0002", "360802-20260101-0004"};
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{d_, a_}));
  q.created_from = kStart + kHourMs;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{d_}));
}

TEST_P(Open311ListContract, CreatedRangeIncludesFromAndExcludesTo) {
  Open311Query q = ByKey1();
  q.created_from = kStart + kHourMs;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{e_, d_, c_, b_}));
  q.created_from = kStart + kHourMs + 1;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{e_, d_, c_}));

  q = ByKey1();
  q.created_to = kStart + 2 * kHourMs;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{b_, a_}));
  q.created_to = kStart + 2 * kHourMs + 1;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{d_, c_, b_, a_}));

  q.created_from = kStart + kHourMs;
  q.created_to = kStart + 2 * kHourMs;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{b_}));
  q.created_to = kStart + kHourMs;  // an empty range
  EXPECT_TRUE(Listed(q).empty());
}

TEST_P(Open311ListContract, LimitKeepsTheNewest) {
  Open311Query q = ByKey1();
  q.limit = 2;
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{e_, d_}));
  q.limit = 3;  // cuts between the two cases of the same millisecond: the higher id stays
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{e_, d_, c_}));
  q.limit = 1;
  q.states = {CaseState::kReceived};
  EXPECT_EQ(Listed(q), (std::vector<int64_t>{e_}));
  q.limit = 0;
  EXPECT_TRUE(Listed(q).empty());
  q.limit = -1;
  EXPECT_TRUE(Listed(q).empty());
}

// ---- Copy -------------------------------------------------------------------------------------

TEST_P(Open311ListContract, CopyCarriesKeysAndRequestsWithEveryBit) {
  ApiKey revoked = InsertKey(NewKey("旧客户端", "cccc3333", city_unit_, kStart + kHourMs), "吉州区城管局");
  MustWrite([&](Repositories& r) -> Status {
    RETURN_IF_ERROR(r.api_keys().Revoke(revoked.id, kStart + 2 * kHourMs));
    return r.api_keys().Touch(key1_, kStart + 3 * kHourMs);
  });
  Open311Request precise = NewRequest(g_, key2_);
  precise.lat = 0.1 + 0.2;
  precise.lon = -122.41941550000001;
  precise.media_url = "https://img.example.cn/g.jpg";
  InsertRequest(precise);
  std::vector<ApiKey> source_keys = ListKeys();
  Open311Query all1 = ByKey1(), all2;
  all2.api_key_id = key2_;
  std::vector<Open311Request> source1 = ListRequests(all1), source2 = ListRequests(all2);
  ASSERT_EQ(source2.size(), 2u);

  TempDir other;
  auto target = GetParam().open(other.path());
  ASSERT_TRUE(target.ok()) << target.status().ToString();
  ASSERT_TRUE(storage::Migrate(**target, clock_).ok());
  auto copied = storage::CopyDatabase(*db_, **target);
  ASSERT_TRUE(copied.ok()) << copied.status().ToString();
  std::set<std::string> tables;
  for (const auto& t : *copied) tables.insert(t.table);
  EXPECT_TRUE(tables.count("api_keys"));
  EXPECT_TRUE(tables.count("open311_requests"));

  auto copy = storage::MakeSqlStore(*target);
  Status st = copy->Write([&](Repositories& r) -> Status {
    ASSIGN_OR_RETURN(auto keys, r.api_keys().List());
    EXPECT_EQ(keys, source_keys);
    ASSIGN_OR_RETURN(auto rows1, r.open311().List(all1));
    EXPECT_EQ(rows1, source1);
    ASSIGN_OR_RETURN(auto rows2, r.open311().List(all2));
    EXPECT_EQ(rows2, source2);
    ASSIGN_OR_RETURN(auto got, r.open311().Get(g_));
    EXPECT_EQ(got, std::optional<Open311Request>(precise));
    // The key identity continues where the source stopped.
    ASSIGN_OR_RETURN(int64_t fresh, r.api_keys().Insert(NewKey("新客户端", "dddd4444", city_unit_, kStart)));
    EXPECT_GT(fresh, revoked.id);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  copy.reset();
}

INSTANTIATE_TEST_SUITE_P(AllBackends, ApiKeyContract, ::testing::ValuesIn(StorageBackends()), BackendName);
INSTANTIATE_TEST_SUITE_P(AllBackends, Open311Contract, ::testing::ValuesIn(StorageBackends()), BackendName);
INSTANTIATE_TEST_SUITE_P(AllBackends, Open311ListContract, ::testing::ValuesIn(StorageBackends()), BackendName);

}  // namespace
}  // namespace lz::testing

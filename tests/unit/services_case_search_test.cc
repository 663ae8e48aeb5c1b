// The case index's scope mapping (services/case_search.h): dense keys for distinct sets of
// involved units, and the allowed-key sets per user scope — checked against a brute force, also
// while new sets appear after a set was cached, and end to end through the search engine.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "services/case_search.h"

namespace lz::services {
namespace {

namespace es = engines::search;

bool Meets(const std::vector<int64_t>& set, const std::vector<int64_t>& allowed) {
  for (int64_t u : set) {
    if (std::find(allowed.begin(), allowed.end(), u) != allowed.end()) return true;
  }
  return false;
}

TEST(CaseSearchScopes, DistinctSetsGetDenseKeys) {
  UnitSetScopes scopes;
  EXPECT_EQ(scopes.KeyOf({3, 1}), 0u);
  EXPECT_EQ(scopes.KeyOf({1, 3, 3}), 0u) << "order and duplicates do not matter";
  EXPECT_EQ(scopes.KeyOf({1}), 1u);
  EXPECT_EQ(scopes.KeyOf({}), 2u);
  EXPECT_EQ(scopes.KeyOf({1, 3, 7}), 3u);
  EXPECT_EQ(scopes.KeyOf({3}), 4u);
  EXPECT_EQ(scopes.KeyOf({1}), 1u);
  EXPECT_EQ(scopes.size(), 5u);
  EXPECT_EQ(scopes.UnitsOf(3), (std::vector<int64_t>{1, 3, 7}));
  EXPECT_TRUE(scopes.UnitsOf(99).empty());
}

TEST(CaseSearchScopes, AllowedKeysAreTheSetsWithAnAllowedUnit) {
  UnitSetScopes scopes;
  const uint32_t a = scopes.KeyOf({10});
  const uint32_t ab = scopes.KeyOf({10, 20});
  const uint32_t b = scopes.KeyOf({20});
  const uint32_t none = scopes.KeyOf({});
  const uint32_t c = scopes.KeyOf({30, 40});
  auto only_a = scopes.SetFor({10});
  EXPECT_TRUE(only_a->Contains(a));
  EXPECT_TRUE(only_a->Contains(ab));
  EXPECT_FALSE(only_a->Contains(b));
  EXPECT_FALSE(only_a->Contains(none)) << "a case no unit took part in is no unit's";
  EXPECT_FALSE(only_a->Contains(c));
  auto b_or_c = scopes.SetFor({40, 20, 40});
  EXPECT_FALSE(b_or_c->Contains(a));
  EXPECT_TRUE(b_or_c->Contains(ab));
  EXPECT_TRUE(b_or_c->Contains(b));
  EXPECT_TRUE(b_or_c->Contains(c));
  auto nothing = scopes.SetFor({});
  for (uint32_t k : {a, ab, b, none, c}) {
    EXPECT_FALSE(nothing->Contains(k));
  }
  auto unknown = scopes.SetFor({99});
  EXPECT_FALSE(unknown->Contains(a));
}

TEST(CaseSearchScopes, ACachedSetLearnsKeysAddedLater) {
  UnitSetScopes scopes;
  scopes.KeyOf({1});
  auto before = scopes.SetFor({2});
  EXPECT_EQ(scopes.SetFor({2}), before) << "cached while no key was added";
  const uint32_t reassigned = scopes.KeyOf({1, 2});  // a case of unit 1 reassigned to unit 2
  const uint32_t elsewhere = scopes.KeyOf({3});
  auto after = scopes.SetFor({2});
  EXPECT_TRUE(after->Contains(reassigned));
  EXPECT_FALSE(after->Contains(elsewhere));
  EXPECT_FALSE(before->Contains(reassigned)) << "a set handed out is never changed";
  EXPECT_EQ(scopes.cached_count(), 1u);
}

// Random sets, scopes and interleaved additions against a brute force; past the cache's size.
TEST(CaseSearchScopes, MatchesABruteForce) {
  std::mt19937 rng(5);
  UnitSetScopes scopes;
  std::vector<std::vector<int64_t>> sets;  // by key
  auto random_units = [&](int max_size) {
    std::vector<int64_t> units;
    const int n = std::uniform_int_distribution<int>(0, max_size)(rng);
    for (int i = 0; i < n; ++i) units.push_back(std::uniform_int_distribution<int64_t>(1, 40)(rng));
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());
    return units;
  };
  std::vector<std::vector<int64_t>> scopes_seen;
  for (int round = 0; round < 2000; ++round) {
    std::vector<int64_t> units = random_units(4);
    const uint32_t key = scopes.KeyOf(units);
    auto it = std::find(sets.begin(), sets.end(), units);
    if (it == sets.end()) {
      ASSERT_EQ(key, sets.size());
      sets.push_back(units);
    } else {
      ASSERT_EQ(key, static_cast<uint32_t>(it - sets.begin()));
    }
    if (round % 3 == 0) {
      // Reuse earlier scopes often (cached) and make new ones (past kMaxCached in total).
      std::vector<int64_t> allowed = (!scopes_seen.empty() && round % 2 == 0)
                                         ? scopes_seen[std::uniform_int_distribution<size_t>(0, scopes_seen.size() - 1)(rng)]
                                         : random_units(6);
      scopes_seen.push_back(allowed);
      auto set = scopes.SetFor(allowed);
      for (uint32_t k = 0; k < sets.size(); ++k) {
        ASSERT_EQ(set->Contains(k), Meets(sets[k], allowed)) << "round " << round << " key " << k;
      }
      ASSERT_FALSE(set->Contains(static_cast<uint32_t>(sets.size())));
    }
  }
  EXPECT_LE(scopes.cached_count(), UnitSetScopes::kMaxCached);
}

// Through the engine: a unit's search returns exactly the cases one of its units took part in.
TEST(CaseSearchScopes, SearchesSeeExactlyTheCasesOfTheirUnits) {
  UnitSetScopes scopes;
  struct Doc {
    int64_t id;
    std::vector<int64_t> units;
    std::string text;
  };
  std::vector<Doc> docs = {{1, {1}, "小区停电三天"},        {2, {1, 2}, "路口停电，信号灯不亮"},
                           {3, {2}, "停电后电梯困人"},        {4, {3}, "夜间施工噪音"},
                           {5, {}, "停电（未派单）"},         {6, {2, 3}, "商铺停电"}};
  std::vector<es::Document> in;
  for (const Doc& d : docs) in.push_back(es::Document{d.id, scopes.KeyOf(d.units), d.text});
  auto index = es::TextIndex::Build(in);
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  for (const std::vector<int64_t>& allowed : std::vector<std::vector<int64_t>>{{1}, {2}, {3}, {1, 3}, {4}, {}}) {
    auto set = scopes.SetFor(allowed);
    es::SearchRequest request;
    request.query = "停电";
    request.scope = set.get();
    request.limit = 100;
    auto result = (*index)->Search(request);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    std::vector<int64_t> expected;
    for (auto it = docs.rbegin(); it != docs.rend(); ++it) {
      if (it->text.find("停电") != std::string::npos && Meets(it->units, allowed)) expected.push_back(it->id);
    }
    EXPECT_EQ(result->ids, expected);
    EXPECT_EQ(result->total, static_cast<int64_t>(expected.size()));
  }
  // A reassignment moves a case to a larger set; the cached scope of the new unit learns it.
  auto before = scopes.SetFor({3});
  ASSERT_TRUE((*index)->Upsert(es::Document{1, scopes.KeyOf({1, 3}), "小区停电三天"}).ok());
  es::SearchRequest request;
  request.query = "停电";
  request.limit = 100;
  auto after = scopes.SetFor({3});
  request.scope = after.get();
  auto result = (*index)->Search(request);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->ids, (std::vector<int64_t>{6, 1}));
  request.scope = before.get();
  EXPECT_EQ((*index)->Search(request)->ids, std::vector<int64_t>{6}) << "the old set does not have the new key";
}

TEST(CaseSearchScopes, TextQueriesAreThoseThatAreNotNumbers) {
  EXPECT_FALSE(IsTextQuery("360802-20261129-0001"));
  EXPECT_FALSE(IsTextQuery("1234"));
  EXPECT_FALSE(IsTextQuery(" 139 0796 "));
  EXPECT_FALSE(IsTextQuery(""));
  EXPECT_TRUE(IsTextQuery("停电"));
  EXPECT_TRUE(IsTextQuery("3栋"));
  EXPECT_TRUE(IsTextQuery("LED"));
  EXPECT_TRUE(IsTextQuery("电"));
}

}  // namespace
}  // namespace lz::services

// The engines' shared building blocks: PackedHashMap against std::unordered_map under random
// puts, inserts and erases (long probe runs forced by a small key range, so backward-shift
// deletion is exercised across the table's wrap-around), and BigVector across the huge-page
// threshold.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <unordered_map>

#include "engines/shared/huge_pages.h"
#include "engines/shared/packed_hash_map.h"

namespace lz::engines::shared {
namespace {

// The map holds exactly the model's entries; keys are probed over [first, last).
template <typename Map, typename Key>
void ExpectSame(const Map& map, const std::unordered_map<Key, uint32_t>& model, Key first, Key last) {
  ASSERT_EQ(map.size(), model.size());
  for (Key k = first; k < last; ++k) {
    auto it = model.find(k);
    ASSERT_EQ(map.Find(k), it == model.end() ? Map::kNone : it->second) << "key " << k;
  }
  size_t seen = 0;
  map.ForEach([&](Key k, uint32_t v) {
    ++seen;
    auto it = model.find(k);
    ASSERT_TRUE(it != model.end() && it->second == v) << "key " << k;
  });
  EXPECT_EQ(seen, model.size());
}

TEST(PackedHashMap, MatchesAModelUnderRandomPutsInsertsAndErases) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    std::mt19937_64 rng(seed);
    PackedHashMap<int64_t> map;
    std::unordered_map<int64_t, uint32_t> model;
    constexpr int64_t kRange = 3000;
    for (int step = 0; step < 60000; ++step) {
      const auto key = static_cast<int64_t>(rng() % kRange) - 1000;  // negative ids and 0 included
      const auto value = static_cast<uint32_t>(rng() % 1000000);
      switch (rng() % 4) {
        case 0:
        case 1:
          map.Put(key, value);
          model[key] = value;
          break;
        case 2: {
          bool inserted = false;
          const uint32_t got = map.FindOrInsert(key, value, &inserted);
          auto [it, fresh] = model.emplace(key, value);
          ASSERT_EQ(inserted, fresh);
          ASSERT_EQ(got, it->second);
          break;
        }
        default:
          ASSERT_EQ(map.Erase(key), model.erase(key) == 1) << "key " << key;
      }
      if (step % 5000 == 4999) ExpectSame(map, model, int64_t{-1000}, kRange - 1000);
    }
    ExpectSame(map, model, int64_t{-1000}, kRange - 1000);
  }
}

TEST(PackedHashMap, ReserveKeepsContentAndLoadBelowTheLimit) {
  PackedHashMap<uint64_t, 60> map;
  std::unordered_map<uint64_t, uint32_t> model;
  for (uint64_t k = 0; k < 5000; ++k) {
    map.Put(k * 7919, static_cast<uint32_t>(k));
    model[k * 7919] = static_cast<uint32_t>(k);
  }
  const size_t before = map.MemoryBytes();
  map.Reserve(100000);
  EXPECT_GE(map.MemoryBytes() * 60, size_t{100000} * 12 * 100);  // slots × load ≥ keys
  EXPECT_GT(map.MemoryBytes(), before);
  for (auto [k, v] : model) ASSERT_EQ(map.Find(k), v);
  EXPECT_EQ(map.Find(1), (PackedHashMap<uint64_t, 60>::kNone));
  EXPECT_FALSE(map.Erase(1));
  EXPECT_EQ(PackedHashMap<uint64_t>().Find(0), PackedHashMap<uint64_t>::kNone);
}

TEST(BigVector, HoldsItsContentAcrossTheHugePageThreshold) {
  BigVector<uint32_t> v;
  const size_t n = kHugeThreshold / sizeof(uint32_t) * 3;  // grows through small and huge buffers
  for (size_t i = 0; i < n; ++i) v.push_back(static_cast<uint32_t>(i * 2654435761u));
  for (size_t i = 0; i < n; i += 4099) ASSERT_EQ(v[i], static_cast<uint32_t>(i * 2654435761u));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(v.data()) % kHugePage, 0u);  // the large buffer is aligned
  v.clear();
  v.shrink_to_fit();
  EXPECT_EQ(v.capacity(), 0u);
}

}  // namespace
}  // namespace lz::engines::shared

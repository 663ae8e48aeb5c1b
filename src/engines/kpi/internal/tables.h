// The KPI engine's compact tables: the 16-byte per-case record, positions in the day buckets,
// value interning (ids and codes to dense indices), the case-id index and the mask table.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engines/kpi/kpi.h"

namespace lz::engines::kpi::internal {

// One counted case in its day bucket: the dense indices of its cell and its counts' mask id.
struct Record {
  uint32_t unit = 0;      // unit index; 0 = no lead unit
  uint32_t region = 0;    // region code index
  uint16_t category = 0;  // category code index
  uint16_t chain = 0;     // chain index; 0 = no chain
  uint8_t channel = 0;    // channel code index
  uint8_t live = 0;       // 0: a tombstone (the case left this day or the engine)
  uint16_t mask = 0;      // mask id (MaskTable)
};
static_assert(sizeof(Record) == 16);

// Where a record is: its day and its index in that day's bucket.
struct Loc {
  int32_t day = 0;
  uint32_t idx = 0;
  bool operator==(const Loc&) const = default;
  auto operator<=>(const Loc&) const = default;
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Codes (channels, categories, regions) to dense indices, in order of first sight.
class CodeInterner {
 public:
  // The index of `code`, added when new.
  uint32_t Intern(std::string_view code);
  std::optional<uint32_t> Find(std::string_view code) const;
  const std::string& Value(uint32_t index) const { return values_[index]; }
  size_t size() const { return values_.size(); }
  size_t MemoryBytes() const;

 private:
  std::vector<std::string> values_;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> index_;
};

// Database ids (units, chains) to dense indices; id 0 ("none") is always index 0.
class IdInterner {
 public:
  IdInterner() { Intern(0); }
  uint32_t Intern(int64_t id);
  std::optional<uint32_t> Find(int64_t id) const;
  int64_t Value(uint32_t index) const { return values_[index]; }
  size_t size() const { return values_.size(); }
  size_t MemoryBytes() const { return values_.capacity() * sizeof(int64_t) + index_.size() * 32; }

 private:
  std::vector<int64_t> values_;
  std::unordered_map<int64_t, uint32_t> index_;
};

// Case id → Loc, in pages of 4,096 ids allocated on first use (ids are mostly dense).
class LocIndex {
 public:
  std::optional<Loc> Find(int64_t id) const;
  void Set(int64_t id, Loc loc);
  void Erase(int64_t id);
  int64_t size() const { return count_; }
  size_t MemoryBytes() const { return pages_.size() * (sizeof(Page) + 48); }

 private:
  static constexpr int kPageBits = 12;
  static constexpr int32_t kAbsent = INT32_MIN;
  using Page = std::array<Loc, size_t{1} << kPageBits>;
  std::unordered_map<int64_t, std::unique_ptr<Page>> pages_;
  int64_t count_ = 0;
};

// Distinct masks to small ids (records and scan accumulators use the id). Id 0 is mask 0.
class MaskTable {
 public:
  MaskTable();
  uint16_t Intern(Mask mask);
  Mask Value(uint16_t id) const { return masks_[id]; }
  size_t size() const { return masks_.size(); }

 private:
  static constexpr uint16_t kNone = 0xFFFF;
  std::vector<Mask> masks_;
  std::vector<uint16_t> ids_;  // by mask (15 bits)
};

}  // namespace lz::engines::kpi::internal

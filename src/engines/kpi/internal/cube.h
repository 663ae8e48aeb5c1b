// A month cube of the KPI engine: for each key (the tuple of one or two dimension values of a
// record) the counts cumulated over months, so the counts of any run of whole months [a, b) are
// rows[b] − rows[a] per key. Rows are indexed by month from first_month(); row i holds the sums
// of months before first_month() + i (row 0 is zero). A row may be shorter than the key count:
// missing cells are zero.
//
// Updating month m touches every row after it (at most the months spanned, 72 over six years);
// the bulk path fills months then accumulates once (FinishBulk).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engines/kpi/internal/tables.h"
#include "engines/kpi/kpi_engine.h"

namespace lz::engines::kpi::internal {

using Cell = std::array<int32_t, kCounterCount>;

// The value of dimension `d` in a record.
inline uint32_t ValueOf(const Record& r, Dim d) {
  switch (d) {
    case Dim::kUnit: return r.unit;
    case Dim::kChannel: return r.channel;
    case Dim::kCategory: return r.category;
    case Dim::kRegion: return r.region;
    case Dim::kChain: return r.chain;
  }
  return 0;
}

class Cube {
 public:
  static constexpr uint32_t kNoKey = UINT32_MAX;

  explicit Cube(std::vector<Dim> dims);

  const std::vector<Dim>& dims() const { return dims_; }
  uint8_t dim_mask() const { return dim_mask_; }
  size_t key_count() const { return key_values_.size(); }
  // The dimension values of key k, in dims() order.
  const std::array<uint32_t, 2>& key_values(uint32_t k) const { return key_values_[k]; }

  // Two dimensions: the keys whose first value is v0, by second value (kNoKey where none).
  const std::vector<uint32_t>& KeysWithFirst(uint32_t v0) const;
  // The record's key, added when new.
  uint32_t KeyOf(const Record& r);
  // Adds `sign` × the mask's counts to month `month` of key `key` (incremental path).
  void Add(int64_t month, uint32_t key, Mask mask, int sign);

  // Bulk path: BeginBulk sizes the rows for months [first, last]; AddBulk adds a record's counts
  // to its month (not cumulated); FinishBulk cumulates.
  void BeginBulk(int64_t first_month, int64_t last_month);
  void AddBulk(int64_t month, uint32_t key, Mask mask);
  void FinishBulk();

  // Row index of month `month` for a window bound (clamped to the rows there are).
  size_t RowOf(int64_t month) const;
  // Pointer to the cell of key k in row i, or nullptr when zero.
  const Cell* CellAt(size_t row, uint32_t k) const {
    if (row >= rows_.size() || k >= rows_[row].size()) return nullptr;
    return &rows_[row][k];
  }
  int64_t months() const { return rows_.empty() ? 0 : static_cast<int64_t>(rows_.size()) - 1; }
  size_t MemoryBytes() const;

 private:
  void EnsureMonth(int64_t month);

  std::vector<Dim> dims_;
  uint8_t dim_mask_ = 0;
  // Single dimension: the key is the value. Two: key_of_[first value][second value] (kNoKey when
  // unseen), a small dense table since one of the two is the channel in the default cubes.
  std::vector<std::vector<uint32_t>> key_of_;
  std::vector<std::array<uint32_t, 2>> key_values_;
  int64_t first_month_ = 0;
  std::vector<std::vector<Cell>> rows_;
};

}  // namespace lz::engines::kpi::internal

// Month cubes.
#include "engines/kpi/internal/cube.h"

#include <algorithm>
#include <cassert>

namespace lz::engines::kpi::internal {
namespace {

void AddMask(Cell& cell, Mask mask, int sign) {
  while (mask != 0) {
    const int bit = __builtin_ctz(mask);
    cell[static_cast<size_t>(bit)] += sign;
    mask = static_cast<Mask>(mask & (mask - 1));
  }
}

}  // namespace

Cube::Cube(std::vector<Dim> dims) : dims_(std::move(dims)) {
  assert(!dims_.empty() && dims_.size() <= 2);
  for (Dim d : dims_) dim_mask_ |= static_cast<uint8_t>(1u << static_cast<unsigned>(d));
}

uint32_t Cube::KeyOf(const Record& r) {
  const uint32_t v0 = ValueOf(r, dims_[0]);
  if (dims_.size() == 1) {
    while (key_values_.size() <= v0) key_values_.push_back({static_cast<uint32_t>(key_values_.size()), 0u});
    return v0;
  }
  const uint32_t v1 = ValueOf(r, dims_[1]);
  if (key_of_.size() <= v0) key_of_.resize(v0 + 1);
  auto& inner = key_of_[v0];
  if (inner.size() <= v1) inner.resize(v1 + 1, kNoKey);
  if (inner[v1] == kNoKey) {
    inner[v1] = static_cast<uint32_t>(key_values_.size());
    key_values_.push_back({v0, v1});
  }
  return inner[v1];
}

const std::vector<uint32_t>& Cube::KeysWithFirst(uint32_t v0) const {
  static const std::vector<uint32_t> kNone;
  return v0 < key_of_.size() ? key_of_[v0] : kNone;
}

void Cube::EnsureMonth(int64_t month) {
  if (rows_.empty()) {
    first_month_ = month;
    rows_.resize(2);
    return;
  }
  if (month < first_month_) {
    // Months before the first hold nothing yet: zero rows in front keep every sum as it is.
    rows_.insert(rows_.begin(), static_cast<size_t>(first_month_ - month), std::vector<Cell>());
    first_month_ = month;
  }
  while (month >= first_month_ + static_cast<int64_t>(rows_.size()) - 1) rows_.push_back(rows_.back());
}

void Cube::Add(int64_t month, uint32_t key, Mask mask, int sign) {
  EnsureMonth(month);
  for (size_t i = static_cast<size_t>(month - first_month_) + 1; i < rows_.size(); ++i) {
    auto& row = rows_[i];
    if (row.size() <= key) {
      // Grow geometrically: new keys (a new unit, a new channel × region pair) then cost amortised
      // O(1) per row instead of a copy of the row each.
      if (row.capacity() <= key) row.reserve(std::max<size_t>(key_values_.size(), row.capacity() + row.capacity() / 8 + 16));
      row.resize(key_values_.size(), Cell{});
    }
    AddMask(row[key], mask, sign);
  }
}

void Cube::BeginBulk(int64_t first_month, int64_t last_month) {
  rows_.clear();
  first_month_ = first_month;
  rows_.resize(static_cast<size_t>(last_month - first_month + 2));
}

void Cube::AddBulk(int64_t month, uint32_t key, Mask mask) {
  auto& row = rows_[static_cast<size_t>(month - first_month_) + 1];
  if (row.size() <= key) row.resize(std::max<size_t>(key + 1, row.size() * 3 / 2 + 16), Cell{});
  AddMask(row[key], mask, 1);
}

void Cube::FinishBulk() {
  const size_t keys = key_values_.size();
  for (auto& row : rows_) {
    // Exact size plus 1/16 for keys that appear later (see Add).
    std::vector<Cell> sized;
    sized.reserve(keys + keys / 16 + 16);
    sized.assign(row.begin(), row.begin() + static_cast<ptrdiff_t>(std::min(row.size(), keys)));
    sized.resize(keys, Cell{});
    row = std::move(sized);
  }
  for (size_t i = 1; i < rows_.size(); ++i) {
    for (size_t k = 0; k < keys; ++k) {
      for (size_t c = 0; c < static_cast<size_t>(kCounterCount); ++c) rows_[i][k][c] += rows_[i - 1][k][c];
    }
  }
  if (rows_.size() == 1) rows_.clear();
}

size_t Cube::RowOf(int64_t month) const {
  if (rows_.empty()) return 0;
  const int64_t i = std::clamp<int64_t>(month - first_month_, 0, static_cast<int64_t>(rows_.size()) - 1);
  return static_cast<size_t>(i);
}

size_t Cube::MemoryBytes() const {
  size_t bytes = key_values_.capacity() * sizeof(key_values_[0]) + rows_.capacity() * sizeof(rows_[0]);
  for (const auto& inner : key_of_) bytes += inner.capacity() * sizeof(uint32_t) + sizeof(inner);
  for (const auto& row : rows_) bytes += row.capacity() * sizeof(Cell);
  return bytes;
}

}  // namespace lz::engines::kpi::internal

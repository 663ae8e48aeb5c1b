// The KPI engine's compact tables.
#include "engines/kpi/internal/tables.h"

namespace lz::engines::kpi::internal {

uint32_t CodeInterner::Intern(std::string_view code) {
  if (auto it = index_.find(code); it != index_.end()) return it->second;
  const auto index = static_cast<uint32_t>(values_.size());
  values_.emplace_back(code);
  index_.emplace(std::string(code), index);
  return index;
}

std::optional<uint32_t> CodeInterner::Find(std::string_view code) const {
  if (auto it = index_.find(code); it != index_.end()) return it->second;
  return std::nullopt;
}

size_t CodeInterner::MemoryBytes() const {
  size_t bytes = values_.capacity() * sizeof(std::string) + index_.size() * (sizeof(std::string) + 32);
  for (const auto& v : values_) bytes += v.capacity() > 15 ? v.capacity() : 0;
  return bytes;
}

uint32_t IdInterner::Intern(int64_t id) {
  if (auto it = index_.find(id); it != index_.end()) return it->second;
  const auto index = static_cast<uint32_t>(values_.size());
  values_.push_back(id);
  index_.emplace(id, index);
  return index;
}

std::optional<uint32_t> IdInterner::Find(int64_t id) const {
  if (auto it = index_.find(id); it != index_.end()) return it->second;
  return std::nullopt;
}

std::optional<Loc> LocIndex::Find(int64_t id) const {
  auto it = pages_.find(id >> kPageBits);
  if (it == pages_.end()) return std::nullopt;
  const Loc& loc = (*it->second)[static_cast<size_t>(id & ((1 << kPageBits) - 1))];
  if (loc.day == kAbsent) return std::nullopt;
  return loc;
}

void LocIndex::Set(int64_t id, Loc loc) {
  auto& page = pages_[id >> kPageBits];
  if (!page) {
    page = std::make_unique<Page>();
    page->fill(Loc{kAbsent, 0});
  }
  Loc& slot = (*page)[static_cast<size_t>(id & ((1 << kPageBits) - 1))];
  if (slot.day == kAbsent) ++count_;
  slot = loc;
}

void LocIndex::Erase(int64_t id) {
  auto it = pages_.find(id >> kPageBits);
  if (it == pages_.end()) return;
  Loc& slot = (*it->second)[static_cast<size_t>(id & ((1 << kPageBits) - 1))];
  if (slot.day != kAbsent) --count_;
  slot.day = kAbsent;
}

MaskTable::MaskTable() : ids_(size_t{1} << kCounterCount, kNone) { Intern(0); }

uint16_t MaskTable::Intern(Mask mask) {
  mask &= kAllCounters;
  uint16_t& id = ids_[mask];
  if (id == kNone) {
    id = static_cast<uint16_t>(masks_.size());
    masks_.push_back(mask);
  }
  return id;
}

}  // namespace lz::engines::kpi::internal

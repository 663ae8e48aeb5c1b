// IdMap: an open-addressing hash map from database ids (int64) to dense engine indices (uint32).
// Linear probing with backward-shift deletion (no tombstones), load factor at most 0.7. A slot
// packs the key and the value in 12 bytes, so a lookup touches one cache line (rarely two) and
// 2 million ids take 48 MiB; Prefetch lets a batch of lookups overlap their cache misses. Not
// thread-safe: the engine's lock guards it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engines/graph/internal/big_vector.h"

namespace lz::engines::graph::internal {

class IdMap {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Index of `id`, or kNone when absent.
  uint32_t Find(int64_t id) const {
    if (size_ == 0) return kNone;
    for (size_t slot = Slot(id);; slot = (slot + 1) & mask_) {
      const Entry e = slots_[slot];
      if (e.value == kNone) return kNone;
      if (e.key == id) return e.value;
    }
  }

  // Starts loading the slot of `id` into the cache (for a Find shortly after).
  void Prefetch(int64_t id) const {
    if (size_ != 0) __builtin_prefetch(&slots_[Slot(id)]);
  }

  // Inserts or overwrites `id` → `index` (index must not be kNone).
  void Put(int64_t id, uint32_t index) {
    if ((size_ + 1) * 10 > slots_.size() * 7) Grow();
    for (size_t slot = Slot(id);; slot = (slot + 1) & mask_) {
      if (slots_[slot].value == kNone) {
        slots_[slot] = Entry{id, index};
        ++size_;
        return;
      }
      if (slots_[slot].key == id) {
        slots_[slot].value = index;
        return;
      }
    }
  }

  // Removes `id`; returns false when it was absent.
  bool Erase(int64_t id) {
    if (size_ == 0) return false;
    size_t slot = Slot(id);
    while (true) {
      if (slots_[slot].value == kNone) return false;
      if (slots_[slot].key == id) break;
      slot = (slot + 1) & mask_;
    }
    // Backward shift: pull later entries of the probe run into the hole.
    size_t hole = slot;
    for (size_t next = (hole + 1) & mask_; slots_[next].value != kNone; next = (next + 1) & mask_) {
      size_t home = Slot(slots_[next].key);
      // `next` may move into `hole` unless its home lies cyclically in (hole, next].
      bool stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
      if (!stays) {
        slots_[hole] = slots_[next];
        hole = next;
      }
    }
    slots_[hole].value = kNone;
    --size_;
    return true;
  }

  void Reserve(size_t n) {
    size_t want = 16;
    while (want * 7 < n * 10) want *= 2;
    if (want > slots_.size()) Rehash(want);
  }

  size_t size() const { return size_; }
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Entry); }

 private:
#pragma pack(push, 4)
  struct Entry {
    int64_t key = 0;
    uint32_t value = kNone;
  };
#pragma pack(pop)
  static_assert(sizeof(Entry) == 12);

  size_t Slot(int64_t id) const {
    uint64_t x = static_cast<uint64_t>(id) + 0x9e3779b97f4a7c15ULL;  // splitmix64 finaliser
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<size_t>(x ^ (x >> 31)) & mask_;
  }
  void Grow() { Rehash(slots_.empty() ? 16 : slots_.size() * 2); }
  void Rehash(size_t capacity) {
    BigVector<Entry> old = std::move(slots_);
    slots_.assign(capacity, Entry{});
    mask_ = capacity - 1;
    size_ = 0;
    for (const Entry& e : old) {
      if (e.value != kNone) Put(e.key, e.value);
    }
  }

  BigVector<Entry> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace lz::engines::graph::internal

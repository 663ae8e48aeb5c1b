// PackedHashMap: an open-addressing hash map from 64-bit keys (database ids, search term keys) to
// dense engine numbers (uint32). Linear probing with backward-shift deletion (no tombstones), load
// factor at most kMaxLoadPercent. A slot packs key and value in 12 bytes, so a lookup touches one
// cache line (rarely two) and 2 million keys take 48 MiB; Prefetch lets a batch of lookups overlap
// their cache misses. Every key is allowed; kNone is not a value. Not thread-safe: the engine's
// lock guards it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engines/shared/huge_pages.h"

namespace lz::engines::shared {

template <typename Key, int kMaxLoadPercent = 70>
class PackedHashMap {
  static_assert(sizeof(Key) == 8, "keys are 64-bit");
  static_assert(kMaxLoadPercent > 0 && kMaxLoadPercent < 100);

 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Value of `key`, or kNone when absent.
  uint32_t Find(Key key) const {
    if (size_ == 0) return kNone;
    for (size_t slot = Slot(key);; slot = (slot + 1) & mask_) {
      const Entry& e = slots_[slot];
      if (e.value == kNone) return kNone;
      if (e.key == key) return e.value;
    }
  }

  // Starts loading the slot of `key` into the cache (for a Find shortly after). Inlined always:
  // a call would cost as much as the miss it hides in the search engine's hot loops.
  [[gnu::always_inline]] void Prefetch(Key key) const {
    if (size_ != 0) __builtin_prefetch(&slots_[Slot(key)]);
  }

  // Inserts or overwrites `key` → `value` (value must not be kNone).
  void Put(Key key, uint32_t value) {
    bool inserted = false;
    uint32_t& slot_value = Locate(key, value, &inserted);
    slot_value = value;
  }

  // Value of `key`; when absent inserts `value` (not kNone) and returns it. *inserted tells which.
  uint32_t FindOrInsert(Key key, uint32_t value, bool* inserted) { return Locate(key, value, inserted); }

  // Removes `key`; returns false when it was absent.
  bool Erase(Key key) {
    if (size_ == 0) return false;
    size_t slot = Slot(key);
    while (true) {
      if (slots_[slot].value == kNone) return false;
      if (slots_[slot].key == key) break;
      slot = (slot + 1) & mask_;
    }
    // Backward shift: pull later entries of the probe run into the hole.
    size_t hole = slot;
    for (size_t next = (hole + 1) & mask_; slots_[next].value != kNone; next = (next + 1) & mask_) {
      const size_t home = Slot(slots_[next].key);
      // `next` may move into `hole` unless its home lies cyclically in (hole, next].
      const bool stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
      if (!stays) {
        slots_[hole] = slots_[next];
        hole = next;
      }
    }
    slots_[hole].value = kNone;
    --size_;
    return true;
  }

  // Room for `n` keys without a rehash.
  void Reserve(size_t n) {
    size_t want = 16;
    while (want * kMaxLoadPercent < n * 100) want *= 2;
    if (want > slots_.size()) Rehash(want);
  }

  // Calls f(key, value) for every entry, in slot order.
  template <typename F>
  void ForEach(F&& f) const {
    for (const Entry& e : slots_) {
      if (e.value != kNone) f(e.key, e.value);
    }
  }

  size_t size() const { return size_; }
  size_t MemoryBytes() const { return slots_.capacity() * sizeof(Entry); }

 private:
#pragma pack(push, 4)
  struct Entry {
    Key key = 0;
    uint32_t value = kNone;
  };
#pragma pack(pop)
  static_assert(sizeof(Entry) == 12);

  // The value slot of `key`, inserted with `value` when absent.
  uint32_t& Locate(Key key, uint32_t value, bool* inserted) {
    if ((size_ + 1) * 100 > slots_.size() * kMaxLoadPercent) Rehash(slots_.empty() ? 16 : slots_.size() * 2);
    for (size_t slot = Slot(key);; slot = (slot + 1) & mask_) {
      Entry& e = slots_[slot];
      if (e.value == kNone) {
        e.key = key;
        e.value = value;
        ++size_;
        *inserted = true;
        return e.value;
      }
      if (e.key == key) {
        *inserted = false;
        return e.value;
      }
    }
  }

  size_t Slot(Key key) const {
    uint64_t x = static_cast<uint64_t>(key) + 0x9e3779b97f4a7c15ULL;  // splitmix64 finaliser
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<size_t>(x ^ (x >> 31)) & mask_;
  }

  void Rehash(size_t capacity) {
    BigVector<Entry> old = std::move(slots_);
    slots_.assign(capacity, Entry{});
    mask_ = capacity - 1;
    for (const Entry& e : old) {
      if (e.value == kNone) continue;
      size_t slot = Slot(e.key);
      while (slots_[slot].value != kNone) slot = (slot + 1) & mask_;
      slots_[slot] = e;
    }
  }

  BigVector<Entry> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace lz::engines::shared

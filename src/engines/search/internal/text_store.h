// TextStore: the stored (normalised, rank-coded) texts the engine verifies candidates against.
// Texts are appended to chunks (64 KiB doubling up to 64 MiB, a larger text gets a chunk of its
// own), each behind a varint of its length; a location is chunk number << 32 | offset. Nothing is
// ever moved or freed in place: a replaced or removed text becomes garbage that the engine counts
// and reclaims by copying the live texts into a new store at a compaction. Appending never
// invalidates a location or a view of an earlier text. Not thread-safe: the engine's lock guards it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "engines/shared/huge_pages.h"

namespace lz::engines::search::internal {

using shared::AllocateBytes;
using shared::BigVector;
using shared::FreeBytes;

// Frees a buffer of AllocateBytes.
struct ReleaseBytes {
  size_t bytes = 0;
  void operator()(uint8_t* p) const { FreeBytes(p, bytes); }
};

class TextStore {
 public:
  // Appends `text` and returns its location.
  uint64_t Append(std::string_view text);

  std::string_view Get(uint64_t location) const {
    const uint8_t* p = chunks_[location >> 32].data.get() + (location & 0xFFFFFFFFu);
    uint64_t length = 0;
    int shift = 0;
    while (*p & 0x80) {
      length |= uint64_t{*p++ & 0x7Fu} << shift;
      shift += 7;
    }
    length |= uint64_t{*p++} << shift;
    return {reinterpret_cast<const char*>(p), static_cast<size_t>(length)};
  }

  // Starts loading the first 256 bytes of the text at `location` into the cache. Always inlined:
  // GCC 12 judges a separate function made of loads and prefetches "pure" and deletes its calls.
  [[gnu::always_inline]] void Prefetch(uint64_t location) const {
    const uint8_t* p = chunks_[location >> 32].data.get() + (location & 0xFFFFFFFFu);
    __builtin_prefetch(p);
    __builtin_prefetch(p + 64);
    __builtin_prefetch(p + 128);
    __builtin_prefetch(p + 192);
  }
  // Starts loading the length and the 64 bytes around offset `at` of the text at `location`.
  [[gnu::always_inline]] void PrefetchAt(uint64_t location, size_t at) const {
    const uint8_t* p = chunks_[location >> 32].data.get() + (location & 0xFFFFFFFFu);
    __builtin_prefetch(p);
    __builtin_prefetch(p + at + 2);
    __builtin_prefetch(p + at + 64);
  }

  // Moves the chunks of `other` behind this store's; a location L of `other` becomes L + the
  // returned value.
  uint64_t Absorb(TextStore&& other);

  uint64_t used_bytes() const { return used_; }
  size_t MemoryBytes() const;

 private:
  struct Chunk {
    std::unique_ptr<uint8_t[], ReleaseBytes> data;
    size_t size = 0;
    size_t capacity = 0;
  };
  std::vector<Chunk> chunks_;
  uint64_t used_ = 0;
};

}  // namespace lz::engines::search::internal

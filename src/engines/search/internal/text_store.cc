// Chunked append-only storage of text_store.h.
#include "engines/search/internal/text_store.h"

#include <algorithm>
#include <cstring>

namespace lz::engines::search::internal {
namespace {
constexpr size_t kFirstChunk = size_t{64} << 10;
constexpr size_t kLargestChunk = size_t{64} << 20;
}  // namespace

uint64_t TextStore::Append(std::string_view text) {
  uint8_t prefix[10];
  int prefix_size = 0;
  for (uint64_t v = text.size();; v >>= 7) {
    if (v < 0x80) {
      prefix[prefix_size++] = static_cast<uint8_t>(v);
      break;
    }
    prefix[prefix_size++] = static_cast<uint8_t>(0x80 | (v & 0x7F));
  }
  const size_t need = static_cast<size_t>(prefix_size) + text.size();
  if (chunks_.empty() || chunks_.back().capacity - chunks_.back().size < need) {
    const size_t growing = std::min(kLargestChunk, kFirstChunk << std::min<size_t>(chunks_.size(), 10));
    Chunk chunk;
    chunk.capacity = std::max(growing, need);
    chunk.data = std::unique_ptr<uint8_t[], ReleaseBytes>(static_cast<uint8_t*>(AllocateBytes(chunk.capacity)),
                                                          ReleaseBytes{chunk.capacity});
    chunks_.push_back(std::move(chunk));
  }
  Chunk& chunk = chunks_.back();
  const uint64_t location = (uint64_t{chunks_.size() - 1} << 32) | chunk.size;
  std::memcpy(chunk.data.get() + chunk.size, prefix, static_cast<size_t>(prefix_size));
  if (!text.empty()) std::memcpy(chunk.data.get() + chunk.size + prefix_size, text.data(), text.size());
  chunk.size += need;
  used_ += need;
  return location;
}

uint64_t TextStore::Absorb(TextStore&& other) {
  const uint64_t shift = uint64_t{chunks_.size()} << 32;
  for (Chunk& chunk : other.chunks_) chunks_.push_back(std::move(chunk));
  used_ += other.used_;
  other.chunks_.clear();
  other.used_ = 0;
  return shift;
}

size_t TextStore::MemoryBytes() const {
  size_t bytes = chunks_.capacity() * sizeof(Chunk);
  for (const Chunk& chunk : chunks_) bytes += chunk.capacity;
  return bytes;
}

}  // namespace lz::engines::search::internal

// Block coding, the list writer and the list cursor of postings.h.
#include "engines/search/internal/postings.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstring>
#include <utility>

namespace lz::engines::search::internal {
namespace {

inline uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// Unpacks n − 1 gaps of constant width W and turns them into documents (out[0] = first).
template <int W>
void UnpackFixed(const uint8_t* data, int n, uint32_t first, uint32_t* out) {
  constexpr uint64_t kMask = (uint64_t{1} << W) - 1;
  uint32_t doc = first;
  out[0] = doc;
  uint64_t bit = 0;
  for (int i = 1; i < n; ++i, bit += W) {
    doc += static_cast<uint32_t>((Load64(data + (bit >> 3)) >> (bit & 7)) & kMask) + 1;
    out[i] = doc;
  }
}

using Unpacker = void (*)(const uint8_t*, int, uint32_t, uint32_t*);

template <int... W>
constexpr std::array<Unpacker, sizeof...(W)> MakeUnpackers(std::integer_sequence<int, W...>) {
  return {&UnpackFixed<W + 1>...};
}
constexpr auto kUnpackers = MakeUnpackers(std::make_integer_sequence<int, 32>());

// Decodes documents [from, to) (from ≥ 1) of a block from its gaps, given out[from − 1].
template <int W>
void UnpackRange(const uint8_t* data, int from, int to, uint32_t* out) {
  constexpr uint64_t kMask = (uint64_t{1} << W) - 1;
  uint32_t doc = out[from - 1];
  uint64_t bit = uint64_t{static_cast<uint32_t>(from - 1)} * W;
  for (int i = from; i < to; ++i, bit += W) {
    doc += static_cast<uint32_t>((Load64(data + (bit >> 3)) >> (bit & 7)) & kMask) + 1;
    out[i] = doc;
  }
}

using RangeUnpacker = void (*)(const uint8_t*, int, int, uint32_t*);

template <int... W>
constexpr std::array<RangeUnpacker, sizeof...(W)> MakeRangeUnpackers(std::integer_sequence<int, W...>) {
  return {&UnpackRange<W + 1>...};
}
constexpr auto kRangeUnpackers = MakeRangeUnpackers(std::make_integer_sequence<int, 32>());
constexpr int kLazyStep = 16;

// Appends `n` values of `width` bits, least significant first.
template <typename T>
void PackBits(const T* values, int n, int width, BigVector<uint8_t>* out) {
  uint64_t acc = 0;
  int bits = 0;
  for (int i = 0; i < n; ++i) {
    acc |= uint64_t{values[i]} << bits;
    bits += width;
    while (bits >= 8) {
      out->push_back(static_cast<uint8_t>(acc));
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) out->push_back(static_cast<uint8_t>(acc));
}

inline const uint8_t* HintsOf(const uint8_t* p) { return p + 2 + (size_t{p[0]} * p[1] + 7) / 8; }

}  // namespace

void AppendBlock(const uint32_t* docs, const uint16_t* hints, int n, BigVector<uint8_t>* out) {
  assert(n >= 1 && n <= kBlockSize);
  uint32_t gaps[kBlockSize];
  uint32_t all_gaps = 0;
  for (int i = 1; i < n; ++i) {
    gaps[i - 1] = docs[i] - docs[i - 1] - 1;
    all_gaps |= gaps[i - 1];
  }
  const int width = std::bit_width(all_gaps);
  out->push_back(static_cast<uint8_t>(n - 1));
  out->push_back(static_cast<uint8_t>(width));
  if (width > 0) PackBits(gaps, n - 1, width, out);
  PackBits(hints, n, kHintBits, out);
}

int DecodeBlock(const uint8_t* p, uint32_t first_doc, uint32_t* out) {
  const int n = p[0] + 1;
  const int width = p[1];
  if (width == 0) {
    for (int i = 0; i < n; ++i) out[i] = first_doc + static_cast<uint32_t>(i);
  } else {
    kUnpackers[width - 1](p + 2, n, first_doc, out);
  }
  return n;
}

uint16_t ReadHint(const uint8_t* p, int i) {
  const uint64_t bit = uint64_t{static_cast<uint32_t>(i)} * kHintBits;
  return static_cast<uint16_t>((Load64(HintsOf(p) + (bit >> 3)) >> (bit & 7)) & ((1u << kHintBits) - 1));
}

int DecodeHints(const uint8_t* p, uint16_t* out) {
  const int n = p[0] + 1;
  const uint8_t* data = HintsOf(p);
  uint64_t bit = 0;
  for (int i = 0; i < n; ++i, bit += kHintBits) {
    out[i] = static_cast<uint16_t>((Load64(data + (bit >> 3)) >> (bit & 7)) & ((1u << kHintBits) - 1));
  }
  return n;
}

// ---- PostingsWriter ---------------------------------------------------------------------------

PostingsWriter::PostingsWriter(PostingsStore* store) : store_(store) {
  pending_docs_.reserve(kBlockSize);
  pending_hints_.reserve(kBlockSize);
}

void PostingsWriter::Open() {
  if (open_) return;
  current_ = ListEntry{store_->bytes.size(), store_->skips.size(), 0, 0};
  open_ = true;
}

void PostingsWriter::FlushPending() {
  if (pending_docs_.empty()) return;
  store_->skips.push_back({pending_docs_.front(), static_cast<uint32_t>(store_->bytes.size() - current_.data)});
  AppendBlock(pending_docs_.data(), pending_hints_.data(), static_cast<int>(pending_docs_.size()), &store_->bytes);
  ++current_.block_count;
  current_.doc_count += static_cast<uint32_t>(pending_docs_.size());
  pending_docs_.clear();
  pending_hints_.clear();
}

void PostingsWriter::AddDocs(const uint32_t* docs, const uint16_t* hints, size_t n) {
  Open();
  for (size_t i = 0; i < n; ++i) {
    pending_docs_.push_back(docs[i]);
    pending_hints_.push_back(hints[i]);
    if (pending_docs_.size() == kBlockSize) FlushPending();
  }
}

void PostingsWriter::AddEncodedBlock(const uint8_t* block, uint32_t first_doc) {
  Open();
  FlushPending();
  store_->skips.push_back({first_doc, static_cast<uint32_t>(store_->bytes.size() - current_.data)});
  const size_t size = BlockBytes(block);
  store_->bytes.insert(store_->bytes.end(), block, block + size);
  ++current_.block_count;
  current_.doc_count += block[0] + 1u;
}

uint32_t PostingsWriter::AddCopiedList(const PostingsStore& from, const ListEntry& list) {
  assert(!open_ && list.block_count > 0);
  const SkipEntry* skips = from.skips.data() + list.skip_begin;
  const uint8_t* data = from.bytes.data() + list.data;
  const SkipEntry& last = skips[list.block_count - 1];
  const size_t size = last.offset + BlockBytes(data + last.offset);
  ListEntry copy = list;
  copy.data = store_->bytes.size();
  copy.skip_begin = store_->skips.size();
  store_->bytes.insert(store_->bytes.end(), data, data + size);
  store_->skips.insert(store_->skips.end(), skips, skips + list.block_count);  // offsets are list-relative
  store_->posting_count += copy.doc_count;
  store_->lists.push_back(copy);
  return static_cast<uint32_t>(store_->lists.size() - 1);
}

uint32_t PostingsWriter::EndList() {
  if (!open_) return kNoList;
  FlushPending();
  open_ = false;
  if (current_.doc_count == 0) return kNoList;
  store_->posting_count += current_.doc_count;
  store_->lists.push_back(current_);
  return static_cast<uint32_t>(store_->lists.size() - 1);
}

void PostingsWriter::Finish() {
  assert(!open_);
  store_->bytes.resize(store_->bytes.size() + kBytePadding, 0);
  store_->bytes.shrink_to_fit();
  store_->skips.shrink_to_fit();
  store_->lists.shrink_to_fit();
}

// ---- ListCursor -------------------------------------------------------------------------------

ListCursor::ListCursor(const PostingsStore& store, const ListEntry& list)
    : data_(store.bytes.data() + list.data), skips_(store.skips.data() + list.skip_begin), list_(list) {}

int ListCursor::Next(uint32_t* out) {
  if (block_ >= list_.block_count) return 0;
  const SkipEntry& skip = skips_[block_++];
  return DecodeBlock(data_ + skip.offset, skip.first_doc, out);
}

void ListCursor::BlockHints(uint16_t* out) const {
  assert(block_ > 0);
  DecodeHints(data_ + skips_[block_ - 1].offset, out);
}

uint16_t ListCursor::BlockHint(int i) const {
  assert(block_ > 0);
  return ReadHint(data_ + skips_[block_ - 1].offset, i);
}

bool ListCursor::Contains(uint32_t doc) {
  const uint32_t blocks = list_.block_count;
  if (block_ + 1 < blocks && skips_[block_ + 1].first_doc <= doc) {
    // Gallop to a block whose successor starts after `doc`, then binary-search the last step.
    uint32_t low = block_ + 1;  // skips_[low].first_doc <= doc
    uint32_t step = 1;
    while (low + step < blocks && skips_[low + step].first_doc <= doc) {
      low += step;
      step <<= 1;
    }
    uint32_t high = std::min(low + step, blocks);  // skips_[high].first_doc > doc, or high == blocks
    while (high - low > 1) {
      const uint32_t mid = low + (high - low) / 2;
      if (skips_[mid].first_doc <= doc) {
        low = mid;
      } else {
        high = mid;
      }
    }
    block_ = low;
  }
  if (blocks == 0 || doc < skips_[block_].first_doc) return false;
  const uint8_t* block = data_ + skips_[block_].offset;
  if (decoded_ != block_) {
    decoded_ = block_;
    count_ = block[0] + 1;
    buffer_[0] = skips_[block_].first_doc;
    ready_ = 1;
    position_ = 0;
  }
  const int width = block[1];
  if (width == 0) {  // consecutive documents: no decoding
    const uint32_t index = doc - buffer_[0];
    if (index >= static_cast<uint32_t>(count_)) return false;
    position_ = static_cast<int>(index);
    return true;
  }
  while (true) {
    while (position_ < ready_ && buffer_[position_] < doc) ++position_;
    if (position_ < ready_ || ready_ == count_) break;
    const int to = std::min(count_, ready_ + kLazyStep);
    kRangeUnpackers[width - 1](block + 2, ready_, to, buffer_);
    ready_ = to;
  }
  return position_ < ready_ && buffer_[position_] == doc;
}

uint16_t ListCursor::Hint() {
  assert(decoded_ == block_ && position_ < count_);
  return ReadHint(data_ + skips_[block_].offset, position_);
}

}  // namespace lz::engines::search::internal

// Postings of the compacted base: for every term the ascending list of document numbers (uint32)
// that contain it, each with an 11-bit occurrence hint, all lists in one byte array.
//
// Hint: where the term first occurs in the document, as a byte offset in its stored form (0–1022,
// or 1023 when later), and whether it occurs more than once (bit 10). A phrase whose terms' first
// offsets line up is in the document; one with two single-occurrence terms that do not line up is
// not; one with a single-occurrence term can only start at one offset, so one comparison there
// decides it; only the rest need a scan of their text (query.h). Hints cost 11 bits a posting.
//
// A list is a run of blocks of up to 128 documents. A skip entry per block (8 bytes, in a
// separate array) holds the block's first document and its offset; the block holds its count − 1
// and a bit width w (1 byte each), the count − 1 gaps (d[i] − d[i−1] − 1) bit-packed in w bits,
// then the count hints in 11 bits each, least significant bits first. Consecutive documents cost 0
// bits, a 5% term about 5 bits, a rare term 15–20. Blocks are self-contained (the first document
// is absolute), so lists built in parallel over document ranges are joined by copying blocks.
// A reader decodes a block at a time (sequential scan of the driving list) or probes membership
// for ascending documents (galloping over the skip entries, decoding only the blocks it lands in),
// which is how intersections run; hints are decoded only when asked for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engines/shared/huge_pages.h"

namespace lz::engines::search::internal {

using shared::BigVector;

inline constexpr int kBlockSize = 128;
inline constexpr size_t kBytePadding = 16;  // bytes readable past a byte array's end (word loads)

inline constexpr int kHintBits = 11;
inline constexpr uint16_t kHintPositionMask = 1023;
inline constexpr uint16_t kHintUnknownPosition = 1023;  // first occurrence at byte 1023 or later
inline constexpr uint16_t kHintRepeated = 1024;         // the term occurs more than once
inline uint16_t MakeHint(uint32_t first_position, bool repeated) {
  return static_cast<uint16_t>((first_position < kHintUnknownPosition ? first_position : kHintUnknownPosition) |
                               (repeated ? kHintRepeated : 0));
}

struct SkipEntry {
  uint32_t first_doc;
  uint32_t offset;  // from the list's data offset
};

struct ListEntry {
  uint64_t data = 0;        // offset of the list in PostingsStore::bytes
  uint64_t skip_begin = 0;  // index of its first skip entry
  uint32_t block_count = 0;
  uint32_t doc_count = 0;
};

struct PostingsStore {
  BigVector<uint8_t> bytes;  // blocks, then kBytePadding zero bytes
  BigVector<SkipEntry> skips;
  BigVector<ListEntry> lists;  // by term number
  uint64_t posting_count = 0;

  size_t MemoryBytes() const {
    return bytes.capacity() + skips.capacity() * sizeof(SkipEntry) + lists.capacity() * sizeof(ListEntry);
  }
};

// Appends a block of `n` (1–128) strictly ascending documents and their hints to *out; its first
// document goes in the caller's skip entry.
void AppendBlock(const uint32_t* docs, const uint16_t* hints, int n, BigVector<uint8_t>* out);
// Size in bytes of the block at `p`.
inline size_t BlockBytes(const uint8_t* p) {
  const size_t count = size_t{p[0]} + 1;
  return 2 + (size_t{p[0]} * p[1] + 7) / 8 + (count * kHintBits + 7) / 8;
}
// Decodes the documents of the block at `p` (readable kBytePadding bytes past its end) whose first
// document is `first_doc` into out[0..127]; returns the count.
int DecodeBlock(const uint8_t* p, uint32_t first_doc, uint32_t* out);
// Decodes the hints of the block at `p` into out[0..127]; returns the count.
int DecodeHints(const uint8_t* p, uint16_t* out);
// The hint of the i-th document of the block at `p` (hints are fixed-width: one load).
uint16_t ReadHint(const uint8_t* p, int i);

// Appends whole lists to a store. A list is given as documents with hints (AddDocs), encoded
// blocks (AddEncodedBlock: when joining lists built in parallel, or copying what a merge does not
// change) or both, in ascending document order across calls; a block added while documents are
// pending first closes them into a shorter block.
class PostingsWriter {
 public:
  // `store` must be empty.
  explicit PostingsWriter(PostingsStore* store);
  void AddDocs(const uint32_t* docs, const uint16_t* hints, size_t n);
  void AddEncodedBlock(const uint8_t* block, uint32_t first_doc);
  // Appends a copy of a whole list of another store (no list may be open) and returns its number.
  uint32_t AddCopiedList(const PostingsStore& from, const ListEntry& list);
  // Ends the current list and returns its term number, or kNoList when it got no document.
  static constexpr uint32_t kNoList = UINT32_MAX;
  uint32_t EndList();
  // Pads the byte array; the store is complete.
  void Finish();

 private:
  void Open();
  void FlushPending();
  PostingsStore* store_;
  ListEntry current_;
  bool open_ = false;
  std::vector<uint32_t> pending_docs_;
  std::vector<uint16_t> pending_hints_;
};

// Reads one list: sequentially a block at a time (Next, then BlockHint for a document of the block
// just read), or by membership probes in ascending order (Contains, then Hint for the document just
// found); not both on one cursor. A probe decodes the block it lands in lazily, 16 gaps at a time
// (an unrolled loop per bit width) up to the document it looks for, so a sparse probe pays for part
// of a block; hints are read one at a time, only for documents that survive. Cheap to construct,
// no allocation.
class ListCursor {
 public:
  ListCursor(const PostingsStore& store, const ListEntry& list);
  uint32_t doc_count() const { return list_.doc_count; }
  // Writes the next documents (at most 128) to out; returns how many, 0 at the end.
  int Next(uint32_t* out);
  // The hints of the block the last Next returned, in the same order; or the i-th of them.
  void BlockHints(uint16_t* out) const;
  uint16_t BlockHint(int i) const;
  // True when `doc` is in the list; successive calls must not decrease `doc`.
  bool Contains(uint32_t doc);
  // The hint of the document the last Contains found.
  uint16_t Hint();

 private:
  const uint8_t* data_;
  const SkipEntry* skips_;
  ListEntry list_;
  uint32_t block_ = 0;             // Contains: current block; Next: next block
  uint32_t decoded_ = UINT32_MAX;  // block whose documents buffer_ holds
  int count_ = 0;                  // documents in that block
  int ready_ = 0;                  // of which decoded into buffer_
  int position_ = 0;
  uint32_t buffer_[kBlockSize];
};

}  // namespace lz::engines::search::internal

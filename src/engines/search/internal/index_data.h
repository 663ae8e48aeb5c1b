// IndexData: the whole state behind a TextIndex, and the operations on it that the public class
// runs under its locks (text_index.h has the scheme):
//
//   base      postings of the last bulk build or merge (postings.h) with its term dictionary;
//             documents [0, base_doc_count) are numbered in ascending id order
//   documents per number: caller id, DocState (scope key, version, text location)
//   texts     the stored forms (text_store.h)
//   overlay   everything indexed since: per term an ascending vector of overlay *slots* with their
//             hints; a slot is one indexed version of one document (slot_doc). Documents added since the base get
//             numbers from base_doc_count on, in arrival order (not id order), found by id in
//             `appended`.
//
// A document's version says where its current text is indexed: 0 removed, 1 the base, s + 2
// overlay slot s. A merge keeps the numbering when it can (documents appended in id order, few
// removed: removed ones stay as holes of version 0, and only the lists the changed documents
// touched are rewritten, the others copied); otherwise it renumbers the live documents in id order
// and rewrites every list. A base posting counts only while its document's version is 1, an overlay posting
// only while the version names its slot, so replacing or removing a document never edits a list.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "engines/search/internal/char_codes.h"
#include "engines/search/internal/postings.h"
#include "engines/search/internal/text_store.h"
#include "engines/search/text_index.h"
#include "engines/shared/packed_hash_map.h"

namespace lz::engines::search::internal {

// Term key (analyzer.h) → term number. A lower load than the default: every query word looks up
// each of its terms, and probe runs stay short.
using TermMap = shared::PackedHashMap<uint64_t, 60>;

inline constexpr uint32_t kNoDoc = UINT32_MAX;
inline constexpr uint32_t kRemovedVersion = 0;
inline constexpr uint32_t kBaseVersion = 1;
inline constexpr uint32_t kFirstSlotVersion = 2;
inline constexpr uint64_t kMaxDocuments = UINT32_MAX - 1;

// What a search reads of each candidate, in one 16-byte record: is it current, is it in scope,
// where is its text.
struct DocState {
  uint32_t scope_key;
  uint32_t version;
  uint64_t text_location;
};

struct OverlayList {
  std::vector<uint32_t> slots;  // ascending
  std::vector<uint16_t> hints;  // of each slot's occurrence (postings.h)
};

struct Overlay {
  TermMap terms;                   // key → list number
  std::vector<OverlayList> lists;
  std::vector<uint32_t> slot_doc;            // slot → document number
  std::unordered_map<int64_t, uint32_t> appended;  // id → number, for documents added since the base
  // Base documents replaced or removed since the base, with the location of their base text: its
  // terms are the lists a merge must filter (the others it copies).
  std::vector<std::pair<uint32_t, uint64_t>> dead_base;
  uint64_t posting_count = 0;

  size_t MemoryBytes() const;
};

class IndexData {
 public:
  // Builds from documents (see TextIndex::Build for the errors).
  static Result<std::unique_ptr<IndexData>> Build(std::span<const Document> documents, int threads);

  // Number of the document with `id` (live or removed), or kNoDoc when it was never numbered.
  uint32_t FindDoc(int64_t id) const;

  // The updates of TextIndex (caller holds the exclusive lock).
  Status Upsert(const Document& document);
  Status UpdateScope(int64_t id, uint32_t scope_key);
  Status Remove(int64_t id);

  // True when the overlay or the dead part of the base is large enough to merge.
  bool MergeDue() const;

  // The merged base, built from this state without changing it (the caller holds the writer
  // mutex, so nothing changes meanwhile), then installed by Install under the exclusive lock.
  // Install swaps: *merged is left holding the old structures, to be freed after the lock.
  struct Merged;
  std::unique_ptr<Merged> PrepareMerge() const;
  void Install(Merged* merged);

  IndexStats Stats() const;

  CharCodes codes;
  TermMap base_terms;
  PostingsStore base;
  uint32_t base_doc_count = 0;
  BigVector<int64_t> ids;
  BigVector<DocState> docs;
  TextStore texts;
  uint64_t garbage_text_bytes = 0;
  Overlay overlay;
  uint64_t live_count = 0;
  uint64_t dead_base_count = 0;  // base documents whose version is no longer kBaseVersion
};

struct IndexData::Merged {
  TermMap base_terms;
  PostingsStore base;
  BigVector<int64_t> ids;
  BigVector<DocState> docs;
  std::unique_ptr<TextStore> texts;  // null: the texts stay where they are
  uint64_t garbage_text_bytes = 0;
  uint64_t live_count = 0;
  Overlay old_overlay;  // empty until Install swaps the old overlay in
};

}  // namespace lz::engines::search::internal

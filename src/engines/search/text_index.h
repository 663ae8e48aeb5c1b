// TextIndex: Chinese full-text search over short texts — case texts first, policies and
// enterprises with the same engine (issue 5, point 8). SQLite's trigram tokenizer cannot find a
// two-character word, and most Chinese words have two characters; this index can, with exact
// results (every document that contains the words, no other) filtered by data scope, counted and
// paged newest first.
//
// What matches (the normalisation of normalize.h, applied to documents and queries alike):
//   * Text is folded (full-width forms to ASCII, ASCII to lower case, a few NFKC number forms) and
//     read as word characters and separators (whitespace, punctuation, symbols, emoji).
//   * A query is split at separators into words; a document matches when it contains every word
//     (AND). A word matches where the document has the same characters in a row with no separator
//     between them: "服务中心" does not match "服务，中心". Runs of ASCII letters and digits are
//     whole words: "12345" matches "拨打12345热线" but "2345" does not, "led灯" matches "LED灯".
//   * A word must contain two adjacent Chinese (wide) characters or an ASCII word to be looked up;
//     a single Chinese character is accepted only beside such a word ("水 停电": documents with 停电
//     that also contain 水). A query of single characters only is InvalidArgument.
//
// How (details in internal/): each document is numbered densely (uint32) in the order of the
// caller's ids. Terms are the bigrams of adjacent wide characters and the ASCII words; each term
// has the sorted list of documents containing it, bit-packed in blocks of 128 with a skip entry per
// block, and per posting an 11-bit hint: the term's first byte offset in the document's stored
// form and whether it repeats (internal/postings.h). The engine also keeps each document's
// normalised text, its stored form, in a compact frequency-ranked byte code (~1.3–1.6 bytes a
// Chinese character, internal/char_codes.h).
// A word of k ≥ 2 characters is the intersection of its k−1 bigrams' lists (two bigrams in a
// document do not make the phrase); each survivor in scope is decided by the hints when they can
// (first offsets in a row: present; two single occurrences out of line: absent), else by one
// comparison in its stored text where a single-occurrence term pins the word, else by a scan of
// the text. A word whose one term proves it (a two-character word, a short ASCII word) needs none
// of this. Counting is exact.
//
// Updates are log-structured: an added or changed document is indexed into an overlay (plain
// vectors of overlay slots and hints per term); a changed or removed document's base postings are
// masked by its per-document version. When the overlay holds a sixteenth of the base's postings
// (at least 2²⁰) or an eighth of the base is dead, the writer merges base and overlay into a new
// base, renumbering documents in id order (so ids added out of order find their place), and swaps
// it in; Compact() does it on demand. Between merges, results are still in exact id order.
//
// Concurrency: many readers, one writer. Search takes a std::shared_mutex shared for its whole run
// and sees each update entirely or not at all; updates are serialised by a second mutex and apply
// under the exclusive lock (tens of microseconds: one document's ~120–170 terms). A merge or a Reset builds the
// new structures without the exclusive lock while searches go on, then swaps them in under it (the
// writer call that triggers a merge takes seconds at ten million documents).
//
// Scope: each document carries a uint32 scope key chosen by the caller (e.g. a dense number of
// the unit that handles it); a search passes the set of keys the user may see as a ScopeSet
// bitset, tested per candidate before any text is read, so a narrow scope also saves verification.
//
// The engine is pure: no I/O, no clock; errors are Status values. Build may run worker threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace lz::engines::search {

// One text to index. `text` is UTF-8 (invalid bytes read as separators); the index keeps its own
// normalised copy, so the caller's buffer need only live for the call.
struct Document {
  int64_t id = 0;          // the caller's id (case id, policy id, enterprise id)
  uint32_t scope_key = 0;  // the data-scope bucket a search filters on
  std::string_view text;
};

// A set of allowed scope keys (a bitset over 0 … max key). An empty set allows nothing.
class ScopeSet {
 public:
  ScopeSet() = default;
  static ScopeSet Of(std::span<const uint32_t> keys);
  void Allow(uint32_t key);
  bool Contains(uint32_t key) const {
    const size_t word = key >> 6;
    return word < bits_.size() && ((bits_[word] >> (key & 63)) & 1) != 0;
  }

 private:
  std::vector<uint64_t> bits_;
};

enum class Order {
  kNewestFirst,  // highest document id first
  kOldestFirst,  // lowest document id first
};

inline constexpr size_t kMaxLimit = 1000;          // ids per page
inline constexpr size_t kMaxWindow = 100'000;      // offset + limit
inline constexpr size_t kMaxQueryBytes = 1024;
inline constexpr size_t kMaxQueryWords = 16;

struct SearchRequest {
  std::string_view query;
  const ScopeSet* scope = nullptr;  // nullptr: all documents; else only documents whose key it has
  size_t offset = 0;
  size_t limit = 20;                // 0 counts only
  Order order = Order::kNewestFirst;
};

struct SearchResult {
  int64_t total = 0;          // documents that match within the scope
  std::vector<int64_t> ids;   // the page: ids in `order`, at most `limit`
  int64_t texts_read = 0;     // candidates the hints could not decide (a diagnostic for benchmarks)
};

struct BuildOptions {
  int threads = 1;  // worker threads for a bulk build (1–64); the result does not depend on it
};

// Sizes and the bytes the engine occupies (capacities of its arrays). For the benchmark and the
// operations page; a snapshot taken under the shared lock.
struct IndexStats {
  int64_t document_count = 0;          // live documents
  int64_t base_document_count = 0;     // document numbers covered by the compacted base
  int64_t overlay_document_count = 0;  // overlay slots (document versions) since the last merge
  int64_t dead_base_document_count = 0;  // base documents removed or replaced since the merge
  int64_t term_count = 0;              // base terms
  int64_t posting_count = 0;           // base postings, dead ones included
  int64_t character_count = 0;         // distinct wide characters seen
  int64_t postings_bytes = 0;          // base blocks (documents and hints), skip entries, list entries
  int64_t dictionary_bytes = 0;        // term and character dictionaries
  int64_t text_bytes = 0;              // stored normalised texts (allocated chunks)
  int64_t text_used_bytes = 0;         // of which written, garbage included
  int64_t text_garbage_bytes = 0;      // replaced and removed texts awaiting a merge
  int64_t document_table_bytes = 0;    // per-document ids, scope keys, versions, text locations
  int64_t overlay_bytes = 0;           // overlay lists, slots, dictionary
  int64_t memory_bytes = 0;            // all of the above
};

namespace internal {
class IndexData;
}  // namespace internal

// Thread safety: every method may be called from any thread (see the file comment).
class TextIndex {
 public:
  // An empty index.
  TextIndex();
  ~TextIndex();
  TextIndex(const TextIndex&) = delete;
  TextIndex& operator=(const TextIndex&) = delete;

  // Builds an index of `documents` (any order; not retained). Duplicate ids → AlreadyExists naming
  // "documents[i].id"; more than 2³² − 2 documents → ResourceExhausted. O(total text) time,
  // parallel over `options.threads` contiguous ranges of documents.
  static Result<std::unique_ptr<TextIndex>> Build(std::span<const Document> documents,
                                                  const BuildOptions& options = {});

  // Replaces the whole content with a build of `documents` (same checks as Build). Searches see
  // the old content until the new one is complete; on error the old content stays.
  Status Reset(std::span<const Document> documents, const BuildOptions& options = {});

  // Adds the document or replaces the text and scope key of the one with its id (an unchanged text
  // only moves the scope key). ResourceExhausted past 2³² − 2 documents. May merge (see above).
  Status Upsert(const Document& document);
  // Moves a document to another scope key without touching its text. NotFound when absent.
  Status UpdateScope(int64_t id, uint32_t scope_key);
  // Removes a document. NotFound when absent.
  Status Remove(int64_t id);

  // Counts the documents matching `request.query` within `request.scope` and returns the page
  // [offset, offset + limit) in `request.order`. InvalidArgument ("query") when the query has no
  // word, more than kMaxQueryWords words or kMaxQueryBytes bytes, or no word that can be looked up
  // (see the file comment); ("limit") past kMaxLimit, ("offset") when offset + limit passes
  // kMaxWindow. A word with a character no document has ever contained matches nothing.
  Result<SearchResult> Search(const SearchRequest& request) const;

  // Merges the overlay into the base now (also reclaims removed documents and garbage texts).
  void Compact();

  IndexStats Stats() const;

 private:
  // Applies `mutate` under the exclusive lock (writer_mu_ held), then merges when due.
  template <typename Mutate>
  Status Apply(Mutate&& mutate);
  void CompactLocked();  // caller holds writer_mu_

  mutable std::shared_mutex mu_;  // searches shared; applying an update or swapping exclusive
  std::mutex writer_mu_;          // serialises writers across validate, apply and merge
  std::unique_ptr<internal::IndexData> data_;
};

}  // namespace lz::engines::search

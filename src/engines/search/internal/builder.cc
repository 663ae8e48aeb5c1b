// The bulk build of IndexData (index_data.h):
//
//   1. order     documents are numbered in ascending id order (a stable sort unless already
//                sorted); duplicate ids are refused.
//   2. ranks     one pass counts the wide characters (per thread, 1.1M counters each) and ranks
//                them by frequency, which fixes the byte code of the stored texts.
//   3. partials  each thread takes a contiguous range of document numbers and analyses its
//                documents: stored form into its own TextStore, terms into its own dictionary, a
//                document's repeated terms found by a per-term "last document" stamp (the first
//                position stays, the hint is marked repeated), and each term's documents gathered
//                128 at a time into encoded blocks appended to one log.
//   4. join      the partial dictionaries are united; for every term its blocks are copied from
//                the logs, partial after partial (blocks are self-contained, so no re-encoding).
//                The text stores are chained.
// The result is the same for any number of threads, except for where texts sit in memory.
#include <algorithm>
#include <numeric>
#include <string>
#include <thread>

#include "engines/search/internal/analyzer.h"
#include "engines/search/internal/index_data.h"

namespace lz::engines::search::internal {
namespace {

constexpr size_t kCodePointLimit = 0x110000;

struct BlockRecord {
  uint32_t term;  // local term number
  uint32_t first_doc;
  uint64_t offset;  // in the partial's log
};

struct Partial {
  TermMap terms;                   // key → local term
  std::vector<uint64_t> keys;      // local term → key
  std::vector<uint32_t> last_doc;  // local term → last document added
  std::vector<std::vector<uint64_t>> pending;  // local term → (doc << 16 | hint) not yet in a block
  BigVector<uint8_t> log;
  std::vector<BlockRecord> records;
  TextStore texts;
  std::vector<uint64_t> locations;  // of documents [begin, end)
};

// Runs `work(t, begin, end)` for `threads` contiguous slices of [0, n), in parallel.
template <typename Work>
void ForSlices(size_t n, int threads, Work&& work) {
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) {
    workers.emplace_back([&, t] { work(t, n * t / threads, n * (t + 1) / threads); });
  }
  work(0, size_t{0}, n / threads);
  for (std::thread& w : workers) w.join();
}

void EmitBlock(Partial* p, uint32_t term) {
  std::vector<uint64_t>& pending = p->pending[term];
  uint32_t docs[kBlockSize];
  uint16_t hints[kBlockSize];
  const int n = static_cast<int>(pending.size());
  for (int i = 0; i < n; ++i) {
    docs[i] = static_cast<uint32_t>(pending[i] >> 16);
    hints[i] = static_cast<uint16_t>(pending[i] & 0xFFFF);
  }
  p->records.push_back({term, docs[0], p->log.size()});
  AppendBlock(docs, hints, n, &p->log);
  pending.clear();
}

void BuildPartial(std::span<const Document> documents, std::span<const uint32_t> order, uint32_t begin,
                  uint32_t end, const CharCodes& codes, Partial* p) {
  std::string encoded;
  std::vector<TermHit> hits;
  p->locations.reserve(end - begin);
  auto rank_of = [&](char32_t cp) { return codes.Find(cp); };
  for (uint32_t doc = begin; doc < end; ++doc) {
    AnalyzeText(documents[order[doc]].text, rank_of, &encoded, &hits);
    p->locations.push_back(p->texts.Append(encoded));
    for (size_t i = 0; i < hits.size(); ++i) {
      if (i + 4 < hits.size()) p->terms.Prefetch(hits[i + 4].key);
      bool inserted = false;
      const uint32_t term = p->terms.FindOrInsert(hits[i].key, static_cast<uint32_t>(p->keys.size()), &inserted);
      if (inserted) {
        p->keys.push_back(hits[i].key);
        p->last_doc.push_back(kNoDoc);
        p->pending.emplace_back();
      }
      std::vector<uint64_t>& pending = p->pending[term];
      if (p->last_doc[term] == doc) {  // a repeat: the entry of this document is the last one
        pending.back() |= kHintRepeated;
        continue;
      }
      p->last_doc[term] = doc;
      if (pending.size() == kBlockSize) EmitBlock(p, term);  // full, and no longer this document's
      pending.push_back(uint64_t{doc} << 16 | MakeHint(hits[i].position, false));
    }
  }
  for (uint32_t term = 0; term < p->pending.size(); ++term) {
    if (!p->pending[term].empty()) EmitBlock(p, term);
  }
  p->pending = {};
  p->last_doc = {};
  p->log.resize(p->log.size() + kBytePadding, 0);
}

}  // namespace

Result<std::unique_ptr<IndexData>> IndexData::Build(std::span<const Document> documents, int threads) {
  const size_t n = documents.size();
  if (n > kMaxDocuments) return ResourceExhausted("too many documents for one index");
  threads = std::clamp(threads, 1, 64);
  threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), std::max<size_t>(1, n / 1024)));

  // 1. Numbering in id order.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  auto by_id = [&](uint32_t a, uint32_t b) { return documents[a].id < documents[b].id; };
  if (!std::is_sorted(order.begin(), order.end(), by_id)) std::stable_sort(order.begin(), order.end(), by_id);
  for (size_t i = 1; i < n; ++i) {
    if (documents[order[i]].id == documents[order[i - 1]].id) {
      const uint32_t later = std::max(order[i], order[i - 1]);
      return AlreadyExists("duplicate document id " + std::to_string(documents[later].id),
                           "documents[" + std::to_string(later) + "].id");
    }
  }

  auto data = std::make_unique<IndexData>();

  // 2. Character ranks by frequency (ties by code point, so the build is deterministic). Every
  // non-ASCII code point is counted as decoded; only the distinct ones are classified after.
  std::vector<std::vector<uint64_t>> counts(static_cast<size_t>(threads));
  ForSlices(n, threads, [&](int t, size_t begin, size_t end) {
    std::vector<uint64_t>& c = counts[static_cast<size_t>(t)];
    c.assign(kCodePointLimit, 0);
    for (size_t i = begin; i < end; ++i) {
      const std::string_view text = documents[i].text;
      for (size_t at = 0; at < text.size();) {
        if (static_cast<uint8_t>(text[at]) < 0x80) {
          ++at;
          continue;
        }
        const char32_t cp = DecodeUtf8(text, &at);
        if (cp != kInvalidCodePoint) ++c[cp];
      }
    }
  });
  std::vector<std::pair<uint64_t, char32_t>> ranked;
  for (char32_t cp = 0x80; cp < kCodePointLimit; ++cp) {
    uint64_t total = 0;
    for (const auto& c : counts) total += c[cp];
    if (total > 0 && ClassifyNonAscii(cp) == WideClass::kWord) ranked.emplace_back(total, cp);
  }
  counts = {};
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (const auto& [count, cp] : ranked) data->codes.FindOrAdd(cp);

  // 3. Partial indexes over contiguous ranges of document numbers.
  std::vector<Partial> partials(static_cast<size_t>(threads));
  ForSlices(n, threads, [&](int t, size_t begin, size_t end) {
    BuildPartial(documents, order, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), data->codes,
                 &partials[static_cast<size_t>(t)]);
  });

  // 4. Join: one dictionary, each term's blocks in document order.
  std::vector<std::vector<uint32_t>> global_of(partials.size());
  std::vector<uint64_t> keys;
  for (size_t p = 0; p < partials.size(); ++p) {
    global_of[p].resize(partials[p].keys.size());
    for (uint32_t local = 0; local < partials[p].keys.size(); ++local) {
      bool inserted = false;
      const uint32_t global = data->base_terms.FindOrInsert(partials[p].keys[local],
                                                            static_cast<uint32_t>(keys.size()), &inserted);
      if (inserted) keys.push_back(partials[p].keys[local]);
      global_of[p][local] = global;
    }
    partials[p].terms = TermMap{};
  }
  const size_t term_count = keys.size();
  // Per partial, its block records grouped by global term (counting sort; stable, so in order).
  std::vector<std::vector<uint64_t>> group_start(partials.size());
  std::vector<std::vector<uint32_t>> grouped(partials.size());
  for (size_t p = 0; p < partials.size(); ++p) {
    std::vector<uint64_t>& start = group_start[p];
    start.assign(term_count + 1, 0);
    for (const BlockRecord& r : partials[p].records) ++start[global_of[p][r.term] + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<uint64_t> next(start.begin(), start.end() - 1);
    grouped[p].resize(partials[p].records.size());
    for (uint32_t i = 0; i < partials[p].records.size(); ++i) {
      grouped[p][next[global_of[p][partials[p].records[i].term]]++] = i;
    }
  }
  {
    PostingsWriter writer(&data->base);
    uint64_t log_bytes = 0;
    for (const Partial& p : partials) log_bytes += p.log.size();
    data->base.bytes.reserve(log_bytes);
    for (uint32_t term = 0; term < term_count; ++term) {
      for (size_t p = 0; p < partials.size(); ++p) {
        for (uint64_t g = group_start[p][term]; g < group_start[p][term + 1]; ++g) {
          const BlockRecord& r = partials[p].records[grouped[p][g]];
          writer.AddEncodedBlock(partials[p].log.data() + r.offset, r.first_doc);
        }
      }
      writer.EndList();
    }
    writer.Finish();
  }
  for (Partial& p : partials) {
    p.log = {};
    p.records = {};
  }

  // Documents and texts.
  data->base_doc_count = static_cast<uint32_t>(n);
  data->live_count = n;
  data->ids.resize(n);
  data->docs.resize(n);
  for (size_t doc = 0; doc < n; ++doc) {
    data->ids[doc] = documents[order[doc]].id;
    data->docs[doc] = DocState{documents[order[doc]].scope_key, kBaseVersion, 0};
  }
  size_t doc = 0;
  for (Partial& p : partials) {
    const uint64_t shift = data->texts.Absorb(std::move(p.texts));
    for (uint64_t location : p.locations) data->docs[doc++].text_location = location + shift;
    p.locations = {};
  }
  return data;
}

}  // namespace lz::engines::search::internal

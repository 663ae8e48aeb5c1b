// Updates, merging and statistics of IndexData (index_data.h); the bulk build is in builder.cc.
#include "engines/search/internal/index_data.h"

#include <algorithm>
#include <string>

#include "engines/search/internal/analyzer.h"

namespace lz::engines::search::internal {
namespace {

// A merge is due when the overlay holds this share of the base's postings (at least
// kMinOverlayPostings), or when this share of the base's documents is dead.
constexpr uint64_t kOverlayShareDivisor = 16;
constexpr uint64_t kMinOverlayPostings = uint64_t{1} << 20;
constexpr uint64_t kDeadShareDivisor = 8;
constexpr uint64_t kMinDeadDocuments = 1 << 14;

std::string IdText(int64_t id) { return std::to_string(id); }

// Bytes a text of `size` bytes takes in a TextStore (varint length prefix included).
uint64_t StoredBytes(size_t size) {
  uint64_t prefix = 1;
  for (uint64_t v = size; v >= 0x80; v >>= 7) ++prefix;
  return prefix + size;
}

}  // namespace

size_t Overlay::MemoryBytes() const {
  size_t bytes = terms.MemoryBytes() + lists.capacity() * sizeof(OverlayList) + slot_doc.capacity() * sizeof(uint32_t);
  for (const auto& list : lists) bytes += list.slots.capacity() * sizeof(uint32_t) + list.hints.capacity() * sizeof(uint16_t);
  // unordered_map: a node (key, value, next pointer, cached hash) plus a bucket pointer each.
  bytes += appended.size() * (sizeof(std::pair<const int64_t, uint32_t>) + 2 * sizeof(void*)) +
           appended.bucket_count() * sizeof(void*) + dead_base.capacity() * sizeof(dead_base[0]);
  return bytes;
}

uint32_t IndexData::FindDoc(int64_t id) const {
  const auto base_end = ids.begin() + base_doc_count;
  const auto it = std::lower_bound(ids.begin(), base_end, id);
  if (it != base_end && *it == id) return static_cast<uint32_t>(it - ids.begin());
  const auto appended = overlay.appended.find(id);
  return appended == overlay.appended.end() ? kNoDoc : appended->second;
}

Status IndexData::Upsert(const Document& document) {
  std::string encoded;
  std::vector<TermHit> hits;
  AnalyzeText(document.text, [&](char32_t cp) { return codes.FindOrAdd(cp); }, &encoded, &hits);

  uint32_t doc = FindDoc(document.id);
  if (doc == kNoDoc) {
    if (ids.size() >= kMaxDocuments) return ResourceExhausted("too many documents for one index");
    doc = static_cast<uint32_t>(ids.size());
    ids.push_back(document.id);
    docs.push_back(DocState{document.scope_key, kRemovedVersion, 0});
    overlay.appended.emplace(document.id, doc);
  }
  DocState& state = docs[doc];
  if (state.version != kRemovedVersion) {
    const std::string_view old_text = texts.Get(state.text_location);
    if (old_text == encoded) {
      state.scope_key = document.scope_key;
      return Status::Ok();
    }
    garbage_text_bytes += StoredBytes(old_text.size());
    if (state.version == kBaseVersion) {
      ++dead_base_count;
      overlay.dead_base.emplace_back(doc, state.text_location);
    }
  } else {
    ++live_count;
  }

  const auto slot = static_cast<uint32_t>(overlay.slot_doc.size());
  overlay.slot_doc.push_back(doc);
  std::sort(hits.begin(), hits.end(), [](const TermHit& a, const TermHit& b) {
    return a.key != b.key ? a.key < b.key : a.position < b.position;
  });
  for (size_t i = 0; i < hits.size();) {
    size_t j = i + 1;
    while (j < hits.size() && hits[j].key == hits[i].key) ++j;
    bool inserted = false;
    const uint32_t list = overlay.terms.FindOrInsert(hits[i].key, static_cast<uint32_t>(overlay.lists.size()), &inserted);
    if (inserted) overlay.lists.emplace_back();
    overlay.lists[list].slots.push_back(slot);
    overlay.lists[list].hints.push_back(MakeHint(hits[i].position, j - i > 1));
    ++overlay.posting_count;
    i = j;
  }
  state = DocState{document.scope_key, slot + kFirstSlotVersion, texts.Append(encoded)};
  return Status::Ok();
}

Status IndexData::UpdateScope(int64_t id, uint32_t scope_key) {
  const uint32_t doc = FindDoc(id);
  if (doc == kNoDoc || docs[doc].version == kRemovedVersion) return NotFound("no document " + IdText(id));
  docs[doc].scope_key = scope_key;
  return Status::Ok();
}

Status IndexData::Remove(int64_t id) {
  const uint32_t doc = FindDoc(id);
  if (doc == kNoDoc || docs[doc].version == kRemovedVersion) return NotFound("no document " + IdText(id));
  if (docs[doc].version == kBaseVersion) {
    ++dead_base_count;
    overlay.dead_base.emplace_back(doc, docs[doc].text_location);
  }
  garbage_text_bytes += StoredBytes(texts.Get(docs[doc].text_location).size());
  docs[doc].version = kRemovedVersion;
  --live_count;
  return Status::Ok();
}

bool IndexData::MergeDue() const {
  const uint64_t overlay_limit = std::max(kMinOverlayPostings, base.posting_count / kOverlayShareDivisor);
  const uint64_t dead_limit = std::max(kMinDeadDocuments, uint64_t{base_doc_count} / kDeadShareDivisor);
  return overlay.posting_count > overlay_limit || dead_base_count > dead_limit;
}

std::unique_ptr<IndexData::Merged> IndexData::PrepareMerge() const {
  auto merged = std::make_unique<Merged>();
  const size_t n = ids.size();

  // Keep the numbering when the documents added since the base came in id order and few are
  // removed (they stay as holes); otherwise renumber the live documents in id order.
  size_t holes = 0;
  for (const DocState& state : docs) holes += state.version == kRemovedVersion ? 1 : 0;
  bool keep_numbers = holes * kDeadShareDivisor <= n;
  for (size_t doc = base_doc_count; doc < n && keep_numbers; ++doc) {
    keep_numbers = doc == 0 || ids[doc] > ids[doc - 1];
  }
  std::vector<uint32_t> order;  // old numbers in new order
  order.reserve(keep_numbers ? n : live_count);
  if (keep_numbers) {
    for (uint32_t doc = 0; doc < n; ++doc) order.push_back(doc);
  } else {
    // Base documents are in id order already and keep their relative order; the appended ones
    // are sorted and merged in.
    std::vector<uint32_t> base_live;
    base_live.reserve(live_count);
    for (uint32_t doc = 0; doc < base_doc_count; ++doc) {
      if (docs[doc].version != kRemovedVersion) base_live.push_back(doc);
    }
    std::vector<uint32_t> appended_live;
    for (uint32_t doc = base_doc_count; doc < n; ++doc) {
      if (docs[doc].version != kRemovedVersion) appended_live.push_back(doc);
    }
    auto by_id = [&](uint32_t a, uint32_t b) { return ids[a] < ids[b]; };
    std::sort(appended_live.begin(), appended_live.end(), by_id);
    std::merge(base_live.begin(), base_live.end(), appended_live.begin(), appended_live.end(),
               std::back_inserter(order), by_id);
  }
  std::vector<uint32_t> new_number(n, kNoDoc);
  for (uint32_t i = 0; i < order.size(); ++i) new_number[order[i]] = i;
  // Which documents' base postings still count, one bit each: a rewritten block tests every posting,
  // and the bitmap (1.25 MB for ten million documents) stays in the cache where DocStates would not.
  std::vector<uint64_t> base_live((n + 63) / 64, 0);
  for (uint32_t doc = 0; doc < base_doc_count; ++doc) {
    if (docs[doc].version == kBaseVersion) base_live[doc >> 6] |= uint64_t{1} << (doc & 63);
  }
  auto is_base_live = [&](uint32_t doc) { return (base_live[doc >> 6] >> (doc & 63) & 1) != 0; };
  const auto new_count = static_cast<uint32_t>(order.size());

  merged->ids.resize(new_count);
  merged->docs.resize(new_count);
  const bool rewrite_texts = garbage_text_bytes * 4 > texts.used_bytes();
  if (rewrite_texts) merged->texts = std::make_unique<TextStore>();
  for (uint32_t i = 0; i < new_count; ++i) {
    const uint32_t old = order[i];
    const DocState& state = docs[old];
    merged->ids[i] = ids[old];
    if (state.version == kRemovedVersion) {  // a hole (numbering kept): no text
      merged->docs[i] = DocState{state.scope_key, kRemovedVersion, 0};
      continue;
    }
    ++merged->live_count;
    merged->docs[i] = DocState{state.scope_key, kBaseVersion,
                               rewrite_texts ? merged->texts->Append(texts.Get(state.text_location)) : state.text_location};
  }
  merged->garbage_text_bytes = rewrite_texts ? 0 : garbage_text_bytes;

  // The lists a replaced or removed base document was in (from its base text): with the
  // numbering kept, only these and the overlay's lists change; the others are copied as they are.
  TermMap dirty;
  if (keep_numbers) {
    std::vector<uint64_t> keys;
    for (const auto& [doc, location] : overlay.dead_base) {
      StoredTerms(texts.Get(location), &keys);
      for (uint64_t key : keys) {
        bool inserted = false;
        dirty.FindOrInsert(key, 0, &inserted);
      }
    }
  }

  // Rewritten lists, term by term: the base list without its dead documents, renumbered
  // (monotonic on base documents), united with the overlay's live slots, renumbered and sorted.
  // A posting is (new number << 16 | hint), so sorting and merging order by document.
  PostingsWriter writer(&merged->base);
  // Room for the copied lists and the overlay's postings up front: growing a buffer of hundreds of
  // MiB by doubling would copy it and fault in fresh pages several times.
  merged->base.bytes.reserve(base.bytes.size() + overlay.posting_count * 4 + kBytePadding);
  merged->base.skips.reserve(base.skips.size() + overlay.posting_count / 32 + overlay.terms.size() + 16);
  merged->base.lists.reserve(base.lists.size() + overlay.terms.size());
  std::vector<uint64_t> from_base;
  std::vector<uint64_t> from_overlay;
  std::vector<uint64_t> united;
  std::vector<uint32_t> united_docs;
  std::vector<uint16_t> united_hints;
  uint32_t block[kBlockSize];
  uint16_t hints[kBlockSize];
  auto overlay_docs = [&](uint32_t list) {
    from_overlay.clear();
    if (list == TermMap::kNone) return;
    const OverlayList& entries = overlay.lists[list];
    for (size_t i = 0; i < entries.slots.size(); ++i) {
      const uint32_t slot = entries.slots[i];
      const uint32_t doc = overlay.slot_doc[slot];
      if (docs[doc].version == slot + kFirstSlotVersion) {
        from_overlay.push_back(uint64_t{new_number[doc]} << 16 | entries.hints[i]);
      }
    }
    std::sort(from_overlay.begin(), from_overlay.end());
  };
  auto emit = [&](uint64_t key) {
    united.clear();
    std::merge(from_base.begin(), from_base.end(), from_overlay.begin(), from_overlay.end(),
               std::back_inserter(united));
    if (united.empty()) return;
    united_docs.clear();
    united_hints.clear();
    for (uint64_t posting : united) {
      united_docs.push_back(static_cast<uint32_t>(posting >> 16));
      united_hints.push_back(static_cast<uint16_t>(posting & 0xFFFF));
    }
    writer.AddDocs(united_docs.data(), united_hints.data(), united_docs.size());
    bool inserted = false;
    merged->base_terms.FindOrInsert(key, writer.EndList(), &inserted);
  };
  // (emit is for the renumbering path and overlay-only terms; lists are never empty there.)
  merged->base_terms.Reserve(base_terms.size() + overlay.terms.size());
  // With the numbering kept, a list is rewritten block by block: a block whose range holds no dead
  // document and no overlay posting is copied as it is, the others are decoded, filtered and
  // merged; overlay postings past the base come last, as new blocks.
  std::vector<uint32_t> dead;
  for (const auto& [doc, location] : overlay.dead_base) dead.push_back(doc);
  std::sort(dead.begin(), dead.end());
  auto merge_blockwise = [&](uint64_t key, const ListEntry& entry, bool dirty_term) {
    const SkipEntry* skips = base.skips.data() + entry.skip_begin;
    const uint8_t* data = base.bytes.data() + entry.data;
    const auto tail = static_cast<size_t>(
        std::lower_bound(from_overlay.begin(), from_overlay.end(), uint64_t{base_doc_count} << 16) - from_overlay.begin());
    size_t middle = 0;  // next overlay posting inside the base's range
    for (uint32_t b = 0; b < entry.block_count; ++b) {
      const uint32_t range_begin = b == 0 ? 0 : skips[b].first_doc;
      const uint32_t range_end = b + 1 < entry.block_count ? skips[b + 1].first_doc : base_doc_count;
      const bool has_dead = dirty_term && std::lower_bound(dead.begin(), dead.end(), range_begin) !=
                                              std::lower_bound(dead.begin(), dead.end(), range_end);
      const bool has_middle = middle < tail && (from_overlay[middle] >> 16) < range_end;
      if (!has_dead && !has_middle) {
        writer.AddEncodedBlock(data + skips[b].offset, skips[b].first_doc);
        continue;
      }
      from_base.clear();
      const int count = DecodeBlock(data + skips[b].offset, skips[b].first_doc, block);
      DecodeHints(data + skips[b].offset, hints);
      for (int i = 0; i < count; ++i) {
        if (is_base_live(block[i])) from_base.push_back(uint64_t{block[i]} << 16 | hints[i]);
      }
      size_t middle_end = middle;
      while (middle_end < tail && (from_overlay[middle_end] >> 16) < range_end) ++middle_end;
      united.clear();
      std::merge(from_base.begin(), from_base.end(), from_overlay.begin() + static_cast<ptrdiff_t>(middle),
                 from_overlay.begin() + static_cast<ptrdiff_t>(middle_end), std::back_inserter(united));
      middle = middle_end;
      united_docs.clear();
      united_hints.clear();
      for (uint64_t posting : united) {
        united_docs.push_back(static_cast<uint32_t>(posting >> 16));
        united_hints.push_back(static_cast<uint16_t>(posting & 0xFFFF));
      }
      writer.AddDocs(united_docs.data(), united_hints.data(), united_docs.size());
    }
    united_docs.clear();
    united_hints.clear();
    for (size_t i = tail; i < from_overlay.size(); ++i) {
      united_docs.push_back(static_cast<uint32_t>(from_overlay[i] >> 16));
      united_hints.push_back(static_cast<uint16_t>(from_overlay[i] & 0xFFFF));
    }
    writer.AddDocs(united_docs.data(), united_hints.data(), united_docs.size());
    const uint32_t number = writer.EndList();
    bool inserted = false;
    if (number != PostingsWriter::kNoList) merged->base_terms.FindOrInsert(key, number, &inserted);
  };

  base_terms.ForEach([&](uint64_t key, uint32_t list) {
    const uint32_t overlay_list = overlay.terms.Find(key);
    if (keep_numbers) {
      const bool dirty_term = dirty.Find(key) != TermMap::kNone;
      if (!dirty_term && overlay_list == TermMap::kNone) {
        bool inserted = false;
        merged->base_terms.FindOrInsert(key, writer.AddCopiedList(base, base.lists[list]), &inserted);
        return;
      }
      overlay_docs(overlay_list);
      merge_blockwise(key, base.lists[list], dirty_term);
      return;
    }
    from_base.clear();
    ListCursor cursor(base, base.lists[list]);
    for (int count; (count = cursor.Next(block)) > 0;) {
      cursor.BlockHints(hints);
      for (int i = 0; i < count; ++i) {
        if (is_base_live(block[i])) from_base.push_back(uint64_t{new_number[block[i]]} << 16 | hints[i]);
      }
    }
    overlay_docs(overlay_list);
    emit(key);
  });
  from_base.clear();
  overlay.terms.ForEach([&](uint64_t key, uint32_t list) {
    if (base_terms.Find(key) != TermMap::kNone) return;
    overlay_docs(list);
    emit(key);
  });
  writer.Finish();
  return merged;
}

void IndexData::Install(Merged* merged) {
  std::swap(base_terms, merged->base_terms);
  std::swap(base, merged->base);
  base_doc_count = static_cast<uint32_t>(merged->ids.size());
  std::swap(ids, merged->ids);
  std::swap(docs, merged->docs);
  if (merged->texts) std::swap(texts, *merged->texts);
  garbage_text_bytes = merged->garbage_text_bytes;
  std::swap(overlay, merged->old_overlay);
  live_count = merged->live_count;
  dead_base_count = 0;
}

IndexStats IndexData::Stats() const {
  IndexStats s;
  s.document_count = static_cast<int64_t>(live_count);
  s.base_document_count = base_doc_count;
  s.overlay_document_count = static_cast<int64_t>(overlay.slot_doc.size());
  s.dead_base_document_count = static_cast<int64_t>(dead_base_count);
  s.term_count = static_cast<int64_t>(base.lists.size());
  s.posting_count = static_cast<int64_t>(base.posting_count);
  s.character_count = static_cast<int64_t>(codes.size());
  s.postings_bytes = static_cast<int64_t>(base.MemoryBytes());
  s.dictionary_bytes = static_cast<int64_t>(base_terms.MemoryBytes() + codes.MemoryBytes());
  s.text_bytes = static_cast<int64_t>(texts.MemoryBytes());
  s.text_used_bytes = static_cast<int64_t>(texts.used_bytes());
  s.text_garbage_bytes = static_cast<int64_t>(garbage_text_bytes);
  s.document_table_bytes = static_cast<int64_t>(ids.capacity() * sizeof(int64_t) + docs.capacity() * sizeof(DocState));
  s.overlay_bytes = static_cast<int64_t>(overlay.MemoryBytes());
  s.memory_bytes = s.postings_bytes + s.dictionary_bytes + s.text_bytes + s.document_table_bytes + s.overlay_bytes;
  return s;
}

}  // namespace lz::engines::search::internal

// Query execution of query.h.
#include "engines/search/internal/query.h"

#include <algorithm>
#include <string>
#include <vector>

#include "engines/search/internal/analyzer.h"

namespace lz::engines::search::internal {
namespace {

// Prefetch distances, in candidates: a candidate costs tens of nanoseconds of work, a miss to
// memory a few hundred on a busy virtual machine.
constexpr size_t kStateAhead = 16;
constexpr size_t kTextAhead = 8;
// Candidates are decided in batches of about this many, so the prefetch windows span driver blocks.
constexpr size_t kBatch = 1024;

// Keeps the count of base matches (given in ascending document number, i.e. id order) and the
// first or the last `window` of them.
class PageCollector {
 public:
  PageCollector(Order order, size_t window) : order_(order), window_(window) {}

  void Add(uint32_t doc) {
    ++count_;
    if (kept_.size() < window_) {
      kept_.push_back(doc);
    } else if (order_ == Order::kNewestFirst && window_ > 0) {
      kept_[next_] = doc;
      next_ = next_ + 1 == window_ ? 0 : next_ + 1;
    }
  }

  int64_t count() const { return count_; }

  // The kept documents in ascending order.
  std::vector<uint32_t> Ascending() const {
    std::vector<uint32_t> out(kept_.begin() + static_cast<ptrdiff_t>(next_), kept_.end());
    out.insert(out.end(), kept_.begin(), kept_.begin() + static_cast<ptrdiff_t>(next_));
    return out;
  }

 private:
  Order order_;
  size_t window_;
  int64_t count_ = 0;
  std::vector<uint32_t> kept_;
  size_t next_ = 0;  // ring position of the oldest kept document (newest first, once full)
};

// A word that its postings do not prove, with its terms as (index in Plan::keys, offset in word).
struct Check {
  const QueryWord* word;
  std::vector<std::pair<uint32_t, uint32_t>> terms;
};

struct Plan {
  std::vector<uint64_t> keys;  // distinct terms of all words
  std::vector<Check> checks;
  bool use_hints = false;      // some check can be decided by hints
  const ScopeSet* scope = nullptr;
};

enum class Verdict : uint8_t { kAbsent, kPresent, kUnknown };

// What the hints (by key index) say about a word in one document (see postings.h). For kUnknown,
// *start is where the word must start (a term that occurs once pins it; *pinned is true) or the
// earliest byte it can start at (first occurrences bound it from below).
Verdict Decide(const Check& check, const uint16_t* hints, int64_t* start, bool* pinned) {
  const QueryWord& word = *check.word;
  *start = 0;
  *pinned = false;
  if (!word.hints_usable) return Verdict::kUnknown;
  // Present: every term's first occurrence at the same start, and the terms cover the word.
  bool aligned = word.covered;
  int64_t common = INT64_MIN;
  for (const auto& [key, offset] : check.terms) {
    const uint16_t position = hints[key] & kHintPositionMask;
    if (position == kHintUnknownPosition) {
      aligned = false;
      break;
    }
    const int64_t at = int64_t{position} - offset;
    if (common == INT64_MIN) common = at;
    if (at != common) {
      aligned = false;
      break;
    }
  }
  if (aligned) return Verdict::kPresent;
  // Absent: two terms that occur once each, not where the word would put them. A single
  // occurrence pins the start; any first occurrence bounds it from below.
  int64_t single = INT64_MIN;
  int64_t lower = 0;
  for (const auto& [key, offset] : check.terms) {
    const uint16_t hint = hints[key];
    const uint16_t position = hint & kHintPositionMask;
    if (position == kHintUnknownPosition) continue;
    const int64_t at = int64_t{position} - offset;
    lower = std::max(lower, at);
    if ((hint & kHintRepeated) != 0) continue;
    if (single == INT64_MIN) single = at;
    if (at != single) return Verdict::kAbsent;
  }
  if (single != INT64_MIN) {
    if (single < lower) return Verdict::kAbsent;  // a repeated term's first occurrence comes later
    *start = single;
    *pinned = true;
  } else {
    *start = lower;
  }
  return Verdict::kUnknown;
}

// A word the hints left open, for one candidate: where to look in its text.
struct Open {
  uint32_t word;
  bool pinned;
  int64_t start;
};

// Decides a batch of candidates (ascending documents; hints[i * K + key] when plan.use_hints) that
// passed the lists: state and scope, then hints, then texts. Calls emit(doc) for each match, in
// order. `current(i, state)` tells whether candidate i's DocState makes it current; with
// `all_current` (base postings while no base document is dead) every candidate is, and without a
// scope the DocStates are then read only for the texts to verify — a cache miss saved per
// candidate, most of the cost of a common word.
template <typename Current, typename Emit>
void DecideBatch(const IndexData& data, const Plan& plan, const uint32_t* docs, const uint16_t* hints, size_t n,
                 bool all_current, Current&& current, Emit&& emit, int64_t* texts_read) {
  const size_t key_count = plan.keys.size();
  const DocState* states = data.docs.data();
  const bool filter_states = !all_current || plan.scope != nullptr;
  std::vector<uint8_t> accepted(n, 0);
  std::vector<uint32_t> to_verify;     // candidates with open words
  std::vector<uint32_t> open_begin;    // their open words: opens[open_begin[j] .. open_begin[j + 1])
  std::vector<Open> opens;
  for (size_t i = 0; filter_states && i < n && i < kStateAhead; ++i) __builtin_prefetch(&states[docs[i]]);
  for (size_t i = 0; i < n; ++i) {
    if (filter_states) {
      if (i + kStateAhead < n) __builtin_prefetch(&states[docs[i + kStateAhead]]);
      const DocState& state = states[docs[i]];
      if (!current(i, state)) continue;
      if (plan.scope != nullptr && !plan.scope->Contains(state.scope_key)) continue;
    }
    const size_t opens_before = opens.size();
    bool absent = false;
    for (size_t w = 0; w < plan.checks.size() && !absent; ++w) {
      int64_t start = 0;
      bool pinned = false;
      const Verdict v = plan.use_hints ? Decide(plan.checks[w], hints + i * key_count, &start, &pinned)
                                       : Verdict::kUnknown;
      absent = v == Verdict::kAbsent;
      if (v == Verdict::kUnknown) opens.push_back({static_cast<uint32_t>(w), pinned, start});
    }
    if (absent) {
      opens.resize(opens_before);
    } else if (opens.size() == opens_before) {
      accepted[i] = 1;
    } else {
      to_verify.push_back(static_cast<uint32_t>(i));
      open_begin.push_back(static_cast<uint32_t>(opens_before));
    }
  }
  open_begin.push_back(static_cast<uint32_t>(opens.size()));
  *texts_read += static_cast<int64_t>(to_verify.size());
  // The texts: one comparison where a word is pinned, a scan from its lower bound otherwise. Their
  // DocStates come first when the filter above did not read them.
  auto prefetch_state = [&](size_t j) {
    if (!filter_states && j < to_verify.size()) __builtin_prefetch(&states[docs[to_verify[j]]]);
  };
  for (size_t j = 0; j < kStateAhead; ++j) prefetch_state(j);
  auto prefetch = [&](size_t j) {
    const size_t i = to_verify[j];
    const Open& first = opens[open_begin[j]];
    if (first.pinned) {
      data.texts.PrefetchAt(states[docs[i]].text_location, static_cast<size_t>(first.start));
    } else {
      data.texts.Prefetch(states[docs[i]].text_location);
    }
  };
  for (size_t j = 0; j < to_verify.size() && j < kTextAhead; ++j) prefetch(j);
  for (size_t j = 0; j < to_verify.size(); ++j) {
    prefetch_state(j + kStateAhead);
    if (j + kTextAhead < to_verify.size()) prefetch(j + kTextAhead);
    const uint32_t i = to_verify[j];
    const std::string_view text = data.texts.Get(states[docs[i]].text_location);
    bool all = true;
    for (uint32_t o = open_begin[j]; o < open_begin[j + 1] && all; ++o) {
      const Open& open = opens[o];
      const QueryWord& word = *plan.checks[open.word].word;
      all = open.pinned ? ContainsWordAt(text, word, static_cast<size_t>(open.start))
                        : ContainsWordFrom(text, word, static_cast<size_t>(open.start));
    }
    accepted[i] = all ? 1 : 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (accepted[i] != 0) emit(docs[i]);
  }
}

void SearchBase(const IndexData& data, const Plan& plan, PageCollector* out, int64_t* texts_read) {
  const size_t key_count = plan.keys.size();
  std::vector<const ListEntry*> lists;
  for (uint64_t key : plan.keys) {
    const uint32_t list = data.base_terms.Find(key);
    if (list == TermMap::kNone) return;
    lists.push_back(&data.base.lists[list]);
  }
  std::vector<uint32_t> order(key_count);  // cursor → key index, shortest list first
  for (uint32_t k = 0; k < key_count; ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return lists[a]->doc_count < lists[b]->doc_count; });
  std::vector<ListCursor> cursors;
  cursors.reserve(key_count);
  for (uint32_t k : order) cursors.emplace_back(data.base, *lists[k]);

  std::vector<uint32_t> batch(kBatch + kBlockSize);
  std::vector<uint16_t> batch_hints(plan.use_hints ? (kBatch + kBlockSize) * key_count : 0);
  size_t batched = 0;
  uint32_t block[kBlockSize];
  auto flush = [&] {
    DecideBatch(
        data, plan, batch.data(), batch_hints.data(), batched, data.dead_base_count == 0,
        [](size_t, const DocState& state) { return state.version == kBaseVersion; },
        [&](uint32_t doc) { out->Add(doc); }, texts_read);
    batched = 0;
  };
  for (int n; (n = cursors[0].Next(block)) > 0;) {
    for (int i = 0; i < n; ++i) {
      bool in_all = true;
      for (size_t c = 1; c < cursors.size() && in_all; ++c) in_all = cursors[c].Contains(block[i]);
      if (!in_all) continue;
      if (plan.use_hints) {
        uint16_t* row = &batch_hints[batched * key_count];
        row[order[0]] = cursors[0].BlockHint(i);
        for (size_t c = 1; c < cursors.size(); ++c) row[order[c]] = cursors[c].Hint();
      }
      batch[batched++] = block[i];
    }
    if (batched >= kBatch) flush();
  }
  flush();
}

// Documents whose current (overlay) version matches, in no particular order.
std::vector<uint32_t> SearchOverlay(const IndexData& data, const Plan& plan, int64_t* texts_read) {
  const size_t key_count = plan.keys.size();
  std::vector<const OverlayList*> lists;
  for (uint64_t key : plan.keys) {
    const uint32_t list = data.overlay.terms.Find(key);
    if (list == TermMap::kNone) return {};
    lists.push_back(&data.overlay.lists[list]);
  }
  std::vector<uint32_t> order(key_count);
  for (uint32_t k = 0; k < key_count; ++k) order[k] = k;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return lists[a]->slots.size() < lists[b]->slots.size(); });
  std::vector<size_t> position(key_count, 0);
  std::vector<uint32_t> slots;
  std::vector<uint32_t> docs;
  std::vector<uint16_t> hints;
  const OverlayList& driver = *lists[order[0]];
  for (size_t d = 0; d < driver.slots.size(); ++d) {
    const uint32_t slot = driver.slots[d];
    bool in_all = true;
    for (size_t c = 1; c < key_count && in_all; ++c) {
      const std::vector<uint32_t>& list = lists[order[c]]->slots;
      position[c] = static_cast<size_t>(
          std::lower_bound(list.begin() + static_cast<ptrdiff_t>(position[c]), list.end(), slot) - list.begin());
      in_all = position[c] < list.size() && list[position[c]] == slot;
    }
    if (!in_all) continue;
    slots.push_back(slot);
    docs.push_back(data.overlay.slot_doc[slot]);
    if (plan.use_hints) {
      const size_t row = hints.size();
      hints.resize(row + key_count);
      hints[row + order[0]] = driver.hints[d];
      for (size_t c = 1; c < key_count; ++c) hints[row + order[c]] = lists[order[c]]->hints[position[c]];
    }
  }
  std::vector<uint32_t> matches;
  DecideBatch(
      data, plan, docs.data(), hints.data(), docs.size(), /*all_current=*/false,
      [&](size_t i, const DocState& state) { return state.version == slots[i] + kFirstSlotVersion; },
      [&](uint32_t doc) { matches.push_back(doc); }, texts_read);
  return matches;
}

}  // namespace

Result<SearchResult> RunSearch(const IndexData& data, const SearchRequest& request) {
  if (request.limit > kMaxLimit) {
    return InvalidArgument("limit must be at most " + std::to_string(kMaxLimit), "limit");
  }
  if (request.offset > kMaxWindow - request.limit) {
    return InvalidArgument("offset + limit must be at most " + std::to_string(kMaxWindow), "offset");
  }
  if (request.query.size() > kMaxQueryBytes) {
    return InvalidArgument("the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes", "query");
  }
  const std::vector<QueryWord> words = AnalyzeQuery(request.query, data.codes);
  if (words.empty()) return InvalidArgument("the query has no word to search for", "query");
  if (words.size() > kMaxQueryWords) {
    return InvalidArgument("the query has more than " + std::to_string(kMaxQueryWords) + " words", "query");
  }
  Plan plan;
  plan.scope = request.scope;
  bool impossible = false;
  bool indexable = false;
  for (const QueryWord& word : words) {
    plan.keys.insert(plan.keys.end(), word.keys.begin(), word.keys.end());
    impossible |= word.unknown;
    indexable |= word.indexable;
  }
  std::sort(plan.keys.begin(), plan.keys.end());
  plan.keys.erase(std::unique(plan.keys.begin(), plan.keys.end()), plan.keys.end());
  if (!indexable) {
    return InvalidArgument(
        "the query needs a word of two or more Chinese characters or a word of Latin letters or digits; "
        "single characters are searched only beside such a word",
        "query");
  }
  SearchResult result;
  if (impossible || plan.keys.empty()) return result;
  for (const QueryWord& word : words) {
    if (word.exact) continue;
    Check check{&word, {}};
    for (size_t t = 0; t < word.keys.size(); ++t) {
      const auto key = static_cast<uint32_t>(
          std::lower_bound(plan.keys.begin(), plan.keys.end(), word.keys[t]) - plan.keys.begin());
      check.terms.emplace_back(key, word.offsets[t]);
    }
    plan.use_hints |= word.hints_usable;
    plan.checks.push_back(std::move(check));
  }

  const size_t window = request.limit == 0 ? 0 : request.offset + request.limit;
  PageCollector base_page(request.order, window);
  SearchBase(data, plan, &base_page, &result.texts_read);
  const std::vector<uint32_t> overlay_docs = SearchOverlay(data, plan, &result.texts_read);
  result.total = base_page.count() + static_cast<int64_t>(overlay_docs.size());
  if (request.limit == 0 || static_cast<size_t>(result.total) <= request.offset) return result;

  // Both sources in ascending id order, merged; the page is taken from the right end.
  std::vector<int64_t> base_ids;
  for (uint32_t doc : base_page.Ascending()) base_ids.push_back(data.ids[doc]);
  std::vector<int64_t> overlay_ids;
  overlay_ids.reserve(overlay_docs.size());
  for (uint32_t doc : overlay_docs) overlay_ids.push_back(data.ids[doc]);
  std::sort(overlay_ids.begin(), overlay_ids.end());
  std::vector<int64_t> all;
  all.reserve(base_ids.size() + overlay_ids.size());
  std::merge(base_ids.begin(), base_ids.end(), overlay_ids.begin(), overlay_ids.end(), std::back_inserter(all));
  if (request.order == Order::kNewestFirst) std::reverse(all.begin(), all.end());
  for (size_t i = request.offset; i < all.size() && result.ids.size() < request.limit; ++i) {
    result.ids.push_back(all[i]);
  }
  return result;
}

}  // namespace lz::engines::search::internal

// Deterministic generator of 12345-style case texts for search_bench (issue 5, point 8): each
// text is 50–300 Chinese characters of complaint-like sentences — an opening ("市民来电反映："), a
// place (county, street office, residential compound or road, building and unit numbers), a
// facility and its problem, how long it has lasted, what it causes, what the caller asks for, and
// sometimes a history, an enterprise or free narrative — built from hand-written vocabularies
// drawn with Zipf weights (s = 1), so a few words are in most texts and most words are rare, as in
// real casework. Place names are composed from roots (compounds, roads, villages from ~150 name
// characters), so there are tens of thousands of them; the narrative sentences string ~300 common
// words of daily and government life together, for a long tail of bigrams. The same seed gives the
// same corpus on every machine (own RNG, no std:: distributions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lz::bench {

struct CorpusOptions {
  int64_t documents = 10'000'000;
  uint64_t seed = 20240601;
  uint32_t scope_keys = 2000;  // units a case can belong to (Zipf: a few busy ones)
};

// Texts in one arena: text i is arena[offsets[i], offsets[i + 1]). Document i has id
// kFirstId + i (so ascending ids are creation order) and scope key scope_keys[i].
struct Corpus {
  static constexpr int64_t kFirstId = 1'000'000;
  std::string arena;
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> scope_keys;

  size_t size() const { return scope_keys.size(); }
  std::string_view Text(size_t i) const {
    return std::string_view(arena).substr(offsets[i], offsets[i + 1] - offsets[i]);
  }
  int64_t Id(size_t i) const { return kFirstId + static_cast<int64_t>(i); }
};

// Generates the corpus, in parallel over `threads` ranges (the result does not depend on it).
Corpus GenerateCorpus(const CorpusOptions& options, int threads);

// Every word of the generator's vocabularies and their two-, three- and four-character pieces:
// the candidates the bench measures the frequency of to pick query words.
std::vector<std::string> CandidateWords();

}  // namespace lz::bench

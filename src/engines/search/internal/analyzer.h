// The analyzer: turns a text into what the index stores and looks up (see text_index.h for the
// matching rules these implement).
//
// Terms and their 64-bit keys (never 0; the top two bits tell the kind):
//   01 bigram        two adjacent wide characters: rank₁ << 21 | rank₂ (ranks < 2²¹)
//   10 ASCII word    a maximal run of ASCII letters and digits of at most 11 characters, spelled
//                    in base 37 (exact: 37¹¹ < 2⁶²)
//   11 long ASCII    a longer run, by a 62-bit hash of its spelling (not exact: verified)
// A bigram never spans a separator or an ASCII word, so "服务，中心" has the bigrams 服务 and 中心
// but not 务中. Single wide characters are not terms.
//
// A term's position is the byte offset in the stored form where it starts (a bigram at its first
// character). Because the stored form is a deterministic code of the token sequence, terms of a
// word sit at the same relative byte offsets in any text that contains the word.
//
// A document's stored form is its normalised text in the rank code of char_codes.h, separators
// collapsed to one ' ' and trimmed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engines/search/internal/char_codes.h"
#include "engines/search/internal/unicode_fold.h"

namespace lz::engines::search::internal {

inline constexpr uint64_t kBigramTag = uint64_t{1} << 62;
inline constexpr uint64_t kAsciiTag = uint64_t{2} << 62;
inline constexpr uint64_t kLongAsciiTag = uint64_t{3} << 62;
inline constexpr size_t kMaxExactAsciiLength = 11;

inline uint64_t BigramKey(uint32_t first_rank, uint32_t second_rank) {
  return kBigramTag | (uint64_t{first_rank} << 21) | second_rank;
}

// Accumulates an ASCII word character by character and yields its key.
class AsciiKeyBuilder {
 public:
  void Add(char c) {  // c in [0-9a-z]
    const uint64_t digit = c <= '9' ? static_cast<uint64_t>(c - '0' + 1) : static_cast<uint64_t>(c - 'a' + 11);
    if (length_ < kMaxExactAsciiLength) value_ = value_ * 37 + digit;
    hash_ = (hash_ ^ static_cast<uint8_t>(c)) * 0x100000001b3ULL;  // FNV-1a
    ++length_;
  }
  bool empty() const { return length_ == 0; }
  size_t length() const { return length_; }
  bool exact() const { return length_ <= kMaxExactAsciiLength; }
  uint64_t Key() const {
    return exact() ? (kAsciiTag | value_) : (kLongAsciiTag | (hash_ & ((uint64_t{1} << 62) - 1)));
  }
  void Reset() {
    length_ = 0;
    value_ = 0;
    hash_ = 0xcbf29ce484222325ULL;
  }

 private:
  size_t length_ = 0;
  uint64_t value_ = 0;
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

struct TermHit {
  uint64_t key;
  uint32_t position;
};

// Analyses a document: *encoded receives its stored form, *hits its terms in text order (with
// repeats) and their positions. `rank_of(cp)` returns the rank of a wide code point; it must know
// every wide character of the text. Both outputs are cleared first.
template <typename RankOf>
void AnalyzeText(std::string_view text, RankOf&& rank_of, std::string* encoded, std::vector<TermHit>* hits) {
  encoded->clear();
  hits->clear();
  AsciiKeyBuilder ascii;
  uint32_t ascii_position = 0;
  uint32_t previous_rank = CharCodes::kNone;
  uint32_t previous_position = 0;  // of the previous wide character
  bool pending_separator = false;
  auto flush_ascii = [&] {
    if (!ascii.empty()) {
      hits->push_back({ascii.Key(), ascii_position});
      ascii.Reset();
    }
  };
  ForEachUnit(text, [&](UnitKind kind, char32_t cp) {
    if (kind == UnitKind::kSeparator) {
      flush_ascii();
      previous_rank = CharCodes::kNone;
      pending_separator = !encoded->empty();
      return;
    }
    if (pending_separator) {
      encoded->push_back(static_cast<char>(kSeparatorByte));
      pending_separator = false;
    }
    if (kind == UnitKind::kAscii) {
      if (ascii.empty()) ascii_position = static_cast<uint32_t>(encoded->size());
      encoded->push_back(static_cast<char>(cp));
      ascii.Add(static_cast<char>(cp));
      previous_rank = CharCodes::kNone;
      return;
    }
    flush_ascii();
    const uint32_t rank = rank_of(cp);
    const auto position = static_cast<uint32_t>(encoded->size());
    uint8_t bytes[4];
    encoded->append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(EncodeRank(rank, bytes)));
    if (previous_rank != CharCodes::kNone) hits->push_back({BigramKey(previous_rank, rank), previous_position});
    previous_rank = rank;
    previous_position = position;
  });
  flush_ascii();
}

// The keys of the terms of a stored form (with repeats): the same terms AnalyzeText found in the
// text it was made from. Used by merges to tell which lists a replaced document touched.
void StoredTerms(std::string_view stored, std::vector<uint64_t>* keys);

// One word of a query: a maximal run of word characters between separators.
struct QueryWord {
  std::string pattern;          // the word in the stored form's code
  std::vector<uint64_t> keys;   // its terms' keys, without repeats, ascending
  std::vector<uint32_t> offsets;  // keys[i]'s byte offset in `pattern`
  bool ascii_start = false;     // begins with an ASCII word: the match must not follow [0-9a-z]
  bool ascii_end = false;       // ends with an ASCII word: the match must not precede [0-9a-z]
  bool exact = false;           // its one key's postings are exactly the documents containing it
  bool unknown = false;         // has a character the index has never seen: matches nothing
  bool indexable = false;       // has two adjacent wide characters or an ASCII word (known or not)
  // Hints can decide the word: no term repeats within it. `covered`: every token of the word is
  // in a term whose hint proves it (a bigram or an exact ASCII word), so aligned hints prove the
  // whole word.
  bool hints_usable = false;
  bool covered = false;
};

// Splits and analyses a query with the index's character dictionary (not changed).
std::vector<QueryWord> AnalyzeQuery(std::string_view query, const CharCodes& codes);

// True when `text` (a stored form) contains `word` under the matching rules: a byte match of the
// pattern whose ASCII edges are whole-word edges. ContainsWordFrom looks only at matches starting
// at `from` or later; ContainsWordAt only at the one starting at `at`.
bool ContainsWord(std::string_view text, const QueryWord& word);
bool ContainsWordFrom(std::string_view text, const QueryWord& word, size_t from);
bool ContainsWordAt(std::string_view text, const QueryWord& word, size_t at);

// Position of the first occurrence of `needle` (non-empty) in `haystack` at or after `from`, or
// std::string_view::npos. SSE2 when available.
size_t FindBytes(std::string_view haystack, std::string_view needle, size_t from);

}  // namespace lz::engines::search::internal

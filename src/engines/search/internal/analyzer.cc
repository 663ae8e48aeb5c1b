// Query analysis and word verification of analyzer.h.
#include "engines/search/internal/analyzer.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lz::engines::search::internal {

std::vector<QueryWord> AnalyzeQuery(std::string_view query, const CharCodes& codes) {
  std::vector<QueryWord> words;
  QueryWord word;
  std::vector<std::pair<uint64_t, uint32_t>> terms;  // (key, byte offset in the pattern) in word order
  std::vector<bool> covered;                          // per token of the word
  size_t wide_count = 0;
  size_t ascii_count = 0;
  bool has_long_ascii = false;
  bool last_was_ascii = false;
  bool word_open = false;
  bool previous_wide = false;  // the previous unit of the word was a wide character
  uint32_t previous_rank = CharCodes::kNone;
  uint32_t ascii_offset = 0;   // byte offset of the pending ASCII word in the pattern
  uint32_t ascii_token = 0;    // its token index
  uint32_t previous_offset = 0;  // byte offset of the previous wide character
  AsciiKeyBuilder ascii;

  auto flush_ascii = [&] {
    if (ascii.empty()) return;
    terms.emplace_back(ascii.Key(), ascii_offset);
    covered.resize(ascii_token + 1, ascii.exact());
    word.indexable = true;
    has_long_ascii |= !ascii.exact();
    ++ascii_count;
    ascii.Reset();
  };
  auto finish_word = [&] {
    flush_ascii();
    if (word_open) {
      word.ascii_end = last_was_ascii;
      word.exact = !word.unknown && !has_long_ascii &&
                   ((wide_count == 2 && ascii_count == 0) || (wide_count == 0 && ascii_count == 1));
      std::sort(terms.begin(), terms.end());
      bool repeats = false;
      for (size_t i = 0; i < terms.size(); ++i) {
        if (i > 0 && terms[i].first == terms[i - 1].first) {
          repeats = true;
          continue;
        }
        word.keys.push_back(terms[i].first);
        word.offsets.push_back(terms[i].second);
      }
      word.hints_usable = !repeats && !word.unknown && !word.keys.empty();
      word.covered = std::all_of(covered.begin(), covered.end(), [](bool c) { return c; });
      words.push_back(std::move(word));
    }
    word = QueryWord{};
    terms.clear();
    covered.clear();
    wide_count = ascii_count = 0;
    has_long_ascii = last_was_ascii = word_open = previous_wide = false;
    previous_rank = CharCodes::kNone;
  };

  ForEachUnit(query, [&](UnitKind kind, char32_t cp) {
    if (kind == UnitKind::kSeparator) {
      finish_word();
      return;
    }
    if (!word_open) {
      word_open = true;
      word.ascii_start = kind == UnitKind::kAscii;
    }
    if (kind == UnitKind::kAscii) {
      if (ascii.empty()) {
        ascii_offset = static_cast<uint32_t>(word.pattern.size());
        ascii_token = static_cast<uint32_t>(covered.size());
      }
      word.pattern.push_back(static_cast<char>(cp));
      ascii.Add(static_cast<char>(cp));
      previous_rank = CharCodes::kNone;
      previous_wide = false;
      last_was_ascii = true;
      return;
    }
    flush_ascii();
    word.indexable |= previous_wide;  // a bigram position, whether or not its characters are known
    last_was_ascii = false;
    ++wide_count;
    const auto token = static_cast<uint32_t>(covered.size());
    covered.push_back(false);
    const auto offset = static_cast<uint32_t>(word.pattern.size());
    const uint32_t rank = codes.Find(cp);
    if (rank == CharCodes::kNone) {
      word.unknown = true;
    } else {
      uint8_t bytes[4];
      word.pattern.append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(EncodeRank(rank, bytes)));
      if (previous_wide && previous_rank != CharCodes::kNone) {
        terms.emplace_back(BigramKey(previous_rank, rank), previous_offset);
        covered[token - 1] = covered[token] = true;
      }
    }
    previous_rank = rank;
    previous_offset = offset;
    previous_wide = true;
  });
  finish_word();
  return words;
}

void StoredTerms(std::string_view stored, std::vector<uint64_t>* keys) {
  keys->clear();
  const auto* p = reinterpret_cast<const uint8_t*>(stored.data());
  const size_t n = stored.size();
  AsciiKeyBuilder ascii;
  uint32_t previous_rank = CharCodes::kNone;
  auto flush_ascii = [&] {
    if (!ascii.empty()) {
      keys->push_back(ascii.Key());
      ascii.Reset();
    }
  };
  for (size_t i = 0; i < n;) {
    const uint8_t b = p[i];
    if (b == kSeparatorByte || IsAsciiWordByte(b)) {
      if (b == kSeparatorByte) {
        flush_ascii();
      } else {
        ascii.Add(static_cast<char>(b));
      }
      previous_rank = CharCodes::kNone;
      ++i;
      continue;
    }
    flush_ascii();
    int length = 1;
    const uint32_t rank = DecodeRank(p + i, &length);
    if (previous_rank != CharCodes::kNone) keys->push_back(BigramKey(previous_rank, rank));
    previous_rank = rank;
    i += static_cast<size_t>(length);
  }
  flush_ascii();
}

size_t FindBytes(std::string_view haystack, std::string_view needle, size_t from) {
  const size_t n = haystack.size();
  const size_t m = needle.size();
  if (m == 0 || from > n || n - from < m) return std::string_view::npos;
  const char* s = haystack.data();
  if (m == 1) {
    const void* hit = std::memchr(s + from, needle[0], n - from);
    return hit ? static_cast<size_t>(static_cast<const char*>(hit) - s) : std::string_view::npos;
  }
  size_t i = from;
#if defined(__SSE2__)
  // Compare the first and the last byte of the needle at 16 positions at once; check the middle of
  // the candidates only (W. Muła, "SIMD-friendly algorithms for substring searching").
  const __m128i first = _mm_set1_epi8(needle[0]);
  const __m128i last = _mm_set1_epi8(needle[m - 1]);
  for (; i + m - 1 + 16 <= n; i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + m - 1));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
    while (mask != 0) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
      if (std::memcmp(s + i + bit + 1, needle.data() + 1, m - 2) == 0) return i + bit;
      mask &= mask - 1;
    }
  }
#endif
  for (; i + m <= n; ++i) {
    if (s[i] == needle[0] && s[i + m - 1] == needle[m - 1] && std::memcmp(s + i, needle.data(), m) == 0) return i;
  }
  return std::string_view::npos;
}

namespace {

// Whether a match of the pattern at `at` has whole-word ASCII edges.
bool CleanEdges(std::string_view text, const QueryWord& word, size_t at) {
  const size_t end = at + word.pattern.size();
  const bool starts_clean = !word.ascii_start || at == 0 || !IsAsciiWordByte(static_cast<uint8_t>(text[at - 1]));
  const bool ends_clean = !word.ascii_end || end == text.size() || !IsAsciiWordByte(static_cast<uint8_t>(text[end]));
  return starts_clean && ends_clean;
}

}  // namespace

bool ContainsWordFrom(std::string_view text, const QueryWord& word, size_t from) {
  if (word.unknown || word.pattern.empty()) return false;
  while (true) {
    const size_t at = FindBytes(text, word.pattern, from);
    if (at == std::string_view::npos) return false;
    if (CleanEdges(text, word, at)) return true;
    from = at + 1;
  }
}

bool ContainsWord(std::string_view text, const QueryWord& word) { return ContainsWordFrom(text, word, 0); }

bool ContainsWordAt(std::string_view text, const QueryWord& word, size_t at) {
  if (word.unknown || word.pattern.empty() || at > text.size() || text.size() - at < word.pattern.size()) return false;
  return text.compare(at, word.pattern.size(), word.pattern) == 0 && CleanEdges(text, word, at);
}

}  // namespace lz::engines::search::internal

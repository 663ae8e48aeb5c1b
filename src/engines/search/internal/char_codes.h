// CharCodes: the engine's dictionary of wide characters (see unicode_fold.h) and the byte code its
// stored texts use.
//
// Each wide code point gets a dense code, its *rank*: at a bulk build the ranks follow the
// characters' frequency in the corpus (most frequent first); characters first seen later are
// appended. Ranks name the characters in term keys (a bigram key is two ranks) and encode the
// stored normalised texts in a self-synchronising byte code shaped like UTF-8 but assigned by
// frequency, so common Chinese text takes about 1.6 bytes a character instead of UTF-8's 3:
//
//   ' '            the separator (runs of separators are stored as one)
//   '0'–'9' 'a'–'z' ASCII word characters, as themselves
//   ranks 0–90     the other 91 one-byte values (0x00–0x7F minus the 37 above)
//   ranks 91–2010  two bytes, 110xxxxx 10xxxxxx
//   ranks 2011–…   three bytes 1110xxxx 10xxxxxx 10xxxxxx, then four (11110xxx …)
//
// Because a character starts with a byte that is never a continuation byte (10xxxxxx), a byte-wise
// match of an encoded word in an encoded text always starts and ends on character boundaries, so
// verification is a plain substring search. Not thread-safe: the engine's lock guards it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace lz::engines::search::internal {

inline constexpr uint8_t kSeparatorByte = ' ';
inline constexpr uint32_t kOneByteRanks = 91;
inline constexpr uint32_t kTwoByteRanks = 1920;
inline constexpr uint32_t kThreeByteRanks = 0x10000 - 0x800;
inline constexpr uint32_t kMaxRank = kOneByteRanks + kTwoByteRanks + kThreeByteRanks + (0x200000 - 0x10000) - 1;

inline constexpr bool IsAsciiWordByte(uint8_t b) { return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z'); }

// The one-byte values left for ranks 0–90, in order.
inline constexpr std::array<uint8_t, kOneByteRanks> kOneByteCodes = [] {
  std::array<uint8_t, kOneByteRanks> codes{};
  size_t k = 0;
  for (int b = 0; b < 0x80; ++b) {
    if (b == kSeparatorByte || IsAsciiWordByte(static_cast<uint8_t>(b))) continue;
    codes[k++] = static_cast<uint8_t>(b);
  }
  return codes;
}();

// Writes the code of `rank` (≤ kMaxRank) to out[0..3]; returns its length in bytes.
inline int EncodeRank(uint32_t rank, uint8_t* out) {
  if (rank < kOneByteRanks) {
    out[0] = kOneByteCodes[rank];
    return 1;
  }
  uint32_t v = rank - kOneByteRanks + 0x80;
  if (v < 0x800) {
    out[0] = static_cast<uint8_t>(0xC0 | (v >> 6));
    out[1] = static_cast<uint8_t>(0x80 | (v & 0x3F));
    return 2;
  }
  if (v < 0x10000) {
    out[0] = static_cast<uint8_t>(0xE0 | (v >> 12));
    out[1] = static_cast<uint8_t>(0x80 | ((v >> 6) & 0x3F));
    out[2] = static_cast<uint8_t>(0x80 | (v & 0x3F));
    return 3;
  }
  out[0] = static_cast<uint8_t>(0xF0 | (v >> 18));
  out[1] = static_cast<uint8_t>(0x80 | ((v >> 12) & 0x3F));
  out[2] = static_cast<uint8_t>(0x80 | ((v >> 6) & 0x3F));
  out[3] = static_cast<uint8_t>(0x80 | (v & 0x3F));
  return 4;
}

// Rank of the wide character whose code starts at p[0] (a byte that is neither ' ' nor [0-9a-z]);
// *length receives the code's length. The inverse of EncodeRank.
inline constexpr std::array<uint8_t, 128> kRankOfOneByte = [] {
  std::array<uint8_t, 128> ranks{};
  for (auto& r : ranks) r = 0xFF;
  for (size_t k = 0; k < kOneByteRanks; ++k) ranks[kOneByteCodes[k]] = static_cast<uint8_t>(k);
  return ranks;
}();
inline uint32_t DecodeRank(const uint8_t* p, int* length) {
  const uint8_t b = p[0];
  if (b < 0x80) {
    *length = 1;
    return kRankOfOneByte[b];
  }
  if (b < 0xE0) {
    *length = 2;
    return (((b & 0x1Fu) << 6) | (p[1] & 0x3Fu)) - 0x80 + kOneByteRanks;
  }
  if (b < 0xF0) {
    *length = 3;
    return (((b & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu)) - 0x80 + kOneByteRanks;
  }
  *length = 4;
  return (((b & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu)) - 0x80 + kOneByteRanks;
}

class CharCodes {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Rank of `cp`, or kNone when the dictionary has never seen it.
  uint32_t Find(char32_t cp) const {
    const size_t page = cp >> 8;
    if (page >= page_of_.size()) return kNone;
    const uint32_t p = page_of_[page];
    return p == kNone ? kNone : pages_[size_t{p} * 256 + (cp & 255)];
  }

  // Rank of `cp`, appending it when new. `cp` ≤ U+10FFFF.
  uint32_t FindOrAdd(char32_t cp) {
    const size_t page = cp >> 8;
    if (page >= page_of_.size()) page_of_.resize(page + 1, kNone);
    if (page_of_[page] == kNone) {
      page_of_[page] = static_cast<uint32_t>(pages_.size() / 256);
      pages_.resize(pages_.size() + 256, kNone);
    }
    uint32_t& rank = pages_[size_t{page_of_[page]} * 256 + (cp & 255)];
    if (rank == kNone) rank = count_++;
    return rank;
  }

  size_t size() const { return count_; }
  size_t MemoryBytes() const { return (page_of_.capacity() + pages_.capacity()) * sizeof(uint32_t); }

 private:
  std::vector<uint32_t> page_of_;  // code point >> 8 → page number, kNone when absent
  std::vector<uint32_t> pages_;    // 256 ranks per page
  uint32_t count_ = 0;
};

}  // namespace lz::engines::search::internal

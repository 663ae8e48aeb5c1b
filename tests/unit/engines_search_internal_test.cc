// Tests of the internals of engines/search that the end-to-end tests reach only by chance: the
// block coding at every bit width with its hints, list cursors (sequential reads, membership probes
// that gallop over many blocks and land exactly on block starts), the rank byte code, the
// analyzer's terms and positions, and the SSE2 substring search at every alignment and length.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engines/search/internal/analyzer.h"
#include "engines/search/internal/char_codes.h"
#include "engines/search/internal/postings.h"

namespace lz::engines::search::internal {
namespace {

TEST(SearchBlocks, HintsKeepPositionAndRepetition) {
  EXPECT_EQ(MakeHint(0, false), 0);
  EXPECT_EQ(MakeHint(1022, true), 1022 | kHintRepeated);
  EXPECT_EQ(MakeHint(1023, false), kHintUnknownPosition);
  EXPECT_EQ(MakeHint(100000, true), kHintUnknownPosition | kHintRepeated);
}

TEST(SearchBlocks, RoundTripAtEveryWidth) {
  std::mt19937_64 rng(7);
  for (int width = 0; width <= 32; ++width) {
    for (int n : {1, 2, 3, 64, 127, 128}) {
      std::vector<uint32_t> docs;
      uint64_t doc = rng() % 1000;
      for (int i = 0; i < n; ++i) {
        docs.push_back(static_cast<uint32_t>(doc));
        // The largest gap − 1 needs exactly `width` bits (the first gap), the others fewer.
        const uint64_t gap = width == 0 ? 0 : (i == 0 ? (uint64_t{1} << (width - 1)) : rng() % (uint64_t{1} << (width - 1)));
        doc += gap + 1;
      }
      if (doc > UINT32_MAX) continue;
      std::vector<uint16_t> hints;
      for (int i = 0; i < n; ++i) hints.push_back(static_cast<uint16_t>(rng() % 2048));
      BigVector<uint8_t> bytes;
      AppendBlock(docs.data(), hints.data(), n, &bytes);
      EXPECT_EQ(BlockBytes(bytes.data()), bytes.size());
      if (n > 1) {
        EXPECT_EQ(bytes[1], width) << "n " << n;
      }
      bytes.resize(bytes.size() + kBytePadding, 0);
      uint32_t out[kBlockSize];
      ASSERT_EQ(DecodeBlock(bytes.data(), docs[0], out), n);
      EXPECT_EQ(std::vector<uint32_t>(out, out + n), docs) << "width " << width << " n " << n;
      uint16_t out_hints[kBlockSize];
      ASSERT_EQ(DecodeHints(bytes.data(), out_hints), n);
      EXPECT_EQ(std::vector<uint16_t>(out_hints, out_hints + n), hints) << "width " << width << " n " << n;
    }
  }
}

// A store with one list per density; each list's cursor must give back the list and its hints and
// answer membership probes like a binary search, with the hint of the document found.
TEST(SearchCursors, SequentialReadsAndProbesMatchTheList) {
  std::mt19937_64 rng(11);
  const uint32_t universe = 200'000;
  auto hint_of = [](uint32_t doc) { return static_cast<uint16_t>((doc * 7919u) % 2048u); };
  PostingsStore store;
  PostingsWriter writer(&store);
  std::vector<std::vector<uint32_t>> lists;
  for (double density : {0.00002, 0.0005, 0.01, 0.1, 0.3, 0.9, 1.0}) {
    std::vector<uint32_t> list;
    for (uint32_t d = 0; d < universe; ++d) {
      if (static_cast<double>(rng() % 1'000'000) < density * 1e6) list.push_back(d);
    }
    if (list.empty()) list.push_back(universe - 1);
    std::vector<uint16_t> hints;
    for (uint32_t d : list) hints.push_back(hint_of(d));
    // Written in two pieces.
    writer.AddDocs(list.data(), hints.data(), list.size() / 2);
    writer.AddDocs(list.data() + list.size() / 2, hints.data() + list.size() / 2, list.size() - list.size() / 2);
    EXPECT_EQ(writer.EndList(), lists.size());
    lists.push_back(list);
  }
  writer.Finish();
  EXPECT_GT(store.lists[3].block_count, 100u);  // 10%: many blocks to gallop over

  for (size_t l = 0; l < lists.size(); ++l) {
    const std::vector<uint32_t>& list = lists[l];
    SCOPED_TRACE("list " + std::to_string(l));
    ListCursor reader(store, store.lists[l]);
    EXPECT_EQ(reader.doc_count(), list.size());
    std::vector<uint32_t> read;
    uint32_t buffer[kBlockSize];
    uint16_t hints[kBlockSize];
    for (int n; (n = reader.Next(buffer)) > 0;) {
      reader.BlockHints(hints);
      for (int i = 0; i < n; ++i) {
        ASSERT_EQ(hints[i], hint_of(buffer[i]));
      }
      read.insert(read.end(), buffer, buffer + n);
    }
    EXPECT_EQ(read, list);

    // Probes: every block start after a long jump, and random ascending probes.
    for (int round = 0; round < 20; ++round) {
      ListCursor probe(store, store.lists[l]);
      std::vector<uint32_t> probes;
      for (size_t i = round; i < list.size(); i += 128 * (1 + rng() % 9)) probes.push_back(list[i - i % 128]);
      for (int k = 0; k < 50; ++k) probes.push_back(static_cast<uint32_t>(rng() % (universe + 10)));
      std::sort(probes.begin(), probes.end());
      for (uint32_t p : probes) {
        const bool found = probe.Contains(p);
        ASSERT_EQ(found, std::binary_search(list.begin(), list.end(), p)) << "probe " << p;
        if (found) {
          ASSERT_EQ(probe.Hint(), hint_of(p));
        }
      }
    }
  }
}

TEST(SearchRankCode, LengthsAndSelfSynchronisation) {
  struct Case {
    uint32_t rank;
    int length;
  };
  for (Case c : {Case{0, 1}, Case{90, 1}, Case{91, 2}, Case{2010, 2}, Case{2011, 3}, Case{65498, 3},
                 Case{65499, 4}, Case{kMaxRank, 4}}) {
    uint8_t bytes[4];
    ASSERT_EQ(EncodeRank(c.rank, bytes), c.length) << c.rank;
    EXPECT_NE(bytes[0] & 0xC0, 0x80) << "a code must not start with a continuation byte";
    EXPECT_NE(bytes[0], kSeparatorByte);
    EXPECT_FALSE(IsAsciiWordByte(bytes[0]));
    for (int k = 1; k < c.length; ++k) EXPECT_EQ(bytes[k] & 0xC0, 0x80);
  }
  // Distinct ranks, distinct codes.
  std::set<std::string> codes;
  for (uint32_t r = 0; r < 70000; ++r) {
    uint8_t bytes[4];
    codes.insert(std::string(reinterpret_cast<char*>(bytes), static_cast<size_t>(EncodeRank(r, bytes))));
  }
  EXPECT_EQ(codes.size(), 70000u);
}

TEST(SearchRankCode, DecodeInvertsEncode) {
  for (uint32_t rank : {0u, 1u, 90u, 91u, 500u, 2010u, 2011u, 30000u, 65498u, 65499u, 200000u, kMaxRank}) {
    uint8_t bytes[4] = {0, 0, 0, 0};
    const int length = EncodeRank(rank, bytes);
    int decoded_length = 0;
    EXPECT_EQ(DecodeRank(bytes, &decoded_length), rank);
    EXPECT_EQ(decoded_length, length);
  }
}

// A merge learns which lists a replaced document was in from its stored form alone.
TEST(SearchAnalyzer, StoredFormGivesBackTheTerms) {
  std::mt19937_64 rng(3);
  CharCodes codes;
  auto rank_of = [&](char32_t cp) { return codes.FindOrAdd(cp); };
  const std::vector<std::string> pieces = {"路", "灯", "小", "区", "，", " ", "LED", "12345", "ａｂｃ", "abcdefghijklmnop",
                                           "𠀀", "①", "〇"};
  // Enough distinct characters for two- and three-byte codes.
  std::string many;
  for (char32_t cp = 0x4E00; cp < 0x4E00 + 3000; ++cp) {
    many += static_cast<char>(0xE0 | (cp >> 12));
    many += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    many += static_cast<char>(0x80 | (cp & 0x3F));
  }
  std::string encoded;
  std::vector<TermHit> hits;
  AnalyzeText(many, rank_of, &encoded, &hits);
  for (int trial = 0; trial < 500; ++trial) {
    std::string text;
    for (int k = 0; k < 30; ++k) {
      if (rng() % 3 == 0) {
        const size_t at = 3 * (rng() % 3000);
        text += many.substr(at, 3);
      } else {
        text += pieces[rng() % pieces.size()];
      }
    }
    AnalyzeText(text, rank_of, &encoded, &hits);
    std::vector<uint64_t> expected;
    for (const TermHit& hit : hits) expected.push_back(hit.key);
    std::vector<uint64_t> keys;
    StoredTerms(encoded, &keys);
    ASSERT_EQ(keys, expected) << text;
  }
}

TEST(SearchAnalyzer, TermsOfAText) {
  CharCodes codes;
  std::string encoded;
  std::vector<TermHit> hits;
  auto rank_of = [&](char32_t cp) { return codes.FindOrAdd(cp); };
  // Stored form "服务 中心 5g基站", every character a one-byte code: 服务 at byte 0, 中心 at 3,
  // 5g at 6, 基站 at 8.
  AnalyzeText("服务，。中心 5G基站", rank_of, &encoded, &hits);
  auto r = [&](char32_t cp) { return codes.Find(cp); };
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(hits[0].key, BigramKey(r(U'服'), r(U'务')));
  EXPECT_EQ(hits[0].position, 0u);
  EXPECT_EQ(hits[1].key, BigramKey(r(U'中'), r(U'心')));  // no 务中 across the separators
  EXPECT_EQ(hits[1].position, 3u);
  EXPECT_EQ(hits[2].key >> 62, 2u);  // the ASCII word 5g
  EXPECT_EQ(hits[2].position, 6u);
  EXPECT_EQ(hits[3].key, BigramKey(r(U'基'), r(U'站')));
  EXPECT_EQ(hits[3].position, 8u);
  AnalyzeText("LED灯 abcdefghijk abcdefghijkl", rank_of, &encoded, &hits);
  ASSERT_EQ(hits.size(), 3u);  // led, the 11-letter word (exact), the 12-letter word (hashed)
  EXPECT_EQ(hits[0].key >> 62, 2u);
  EXPECT_EQ(hits[1].key >> 62, 2u);
  EXPECT_EQ(hits[2].key >> 62, 3u);
  EXPECT_EQ(encoded.substr(0, 3), "led");
  EXPECT_EQ(std::count(encoded.begin(), encoded.end(), ' '), 2);

  const std::vector<QueryWord> words = AnalyzeQuery("led灯 小区 水 abcdefghijkl 5g基站 服务服务", codes);
  ASSERT_EQ(words.size(), 6u);
  EXPECT_TRUE(words[0].ascii_start);
  EXPECT_FALSE(words[0].ascii_end);
  EXPECT_FALSE(words[0].exact);
  EXPECT_FALSE(words[0].covered);  // 灯 is in no term
  EXPECT_TRUE(words[1].unknown);  // 小 and 区 were never seen
  EXPECT_TRUE(words[1].indexable);
  EXPECT_FALSE(words[2].indexable);
  EXPECT_TRUE(words[2].unknown);
  EXPECT_FALSE(words[3].exact);  // hashed: verified
  EXPECT_TRUE(words[3].indexable);
  EXPECT_FALSE(words[3].covered);
  // 5g基站: the ASCII word at byte 0, 基站 at byte 2, everything covered.
  ASSERT_EQ(words[4].keys.size(), 2u);
  EXPECT_TRUE(words[4].covered);
  EXPECT_TRUE(words[4].hints_usable);
  for (size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(words[4].offsets[k], words[4].keys[k] >> 62 == 2 ? 0u : 2u);
  }
  // 服务服务 repeats 服务: hints cannot place it.
  EXPECT_FALSE(words[5].hints_usable);
}

TEST(SearchFindBytes, AgreesWithStringFind) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 20000; ++trial) {
    const size_t n = rng() % 70;
    const size_t m = 1 + rng() % 12;
    const char alphabet = static_cast<char>(2 + rng() % 3);  // few letters: many partial matches
    std::string hay(n, 'a'), needle(m, 'a');
    for (char& c : hay) c = static_cast<char>('a' + rng() % static_cast<uint64_t>(alphabet));
    for (char& c : needle) c = static_cast<char>('a' + rng() % static_cast<uint64_t>(alphabet));
    if (n >= m && rng() % 2 == 0) hay.replace(rng() % (n - m + 1), m, needle);  // plant one
    const size_t from = rng() % (n + 2);
    ASSERT_EQ(FindBytes(hay, needle, from), std::string_view(hay).find(needle, from))
        << "hay " << hay << " needle " << needle << " from " << from;
  }
}

}  // namespace
}  // namespace lz::engines::search::internal

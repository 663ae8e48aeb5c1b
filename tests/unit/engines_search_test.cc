// Tests of engines/search: normalisation, the matching rules (two-, three- and four-character
// words, words across punctuation, ASCII words, single characters), updates and removals, data
// scope, paging and order, merging, build errors, and a smoke test of readers beside a writer.
// The property tests against a naive scan are in engines_search_property_test.cc.
#include "engines/search/normalize.h"
#include "engines/search/text_index.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace lz::engines::search {
namespace {

std::unique_ptr<TextIndex> BuildOrDie(const std::vector<Document>& docs, int threads = 1) {
  auto index = TextIndex::Build(docs, BuildOptions{threads});
  EXPECT_TRUE(index.ok()) << index.status().ToString();
  return std::move(index).value();
}

// Ids matching `query`, newest first, all of them (up to kMaxLimit).
std::vector<int64_t> Find(const TextIndex& index, std::string_view query, const ScopeSet* scope = nullptr) {
  auto r = index.Search({.query = query, .scope = scope, .offset = 0, .limit = kMaxLimit});
  EXPECT_TRUE(r.ok()) << query << ": " << r.status().ToString();
  if (!r.ok()) return {};
  EXPECT_EQ(r->total, static_cast<int64_t>(r->ids.size())) << query;
  return r->ids;
}

using Ids = std::vector<int64_t>;

// ---- Normalisation ------------------------------------------------------------------------------

TEST(SearchNormalize, FoldsWidthCaseAndPunctuation) {
  EXPECT_EQ(NormalizeForSearch("市民来电：ＬＥＤ路灯  不亮！"), "市民来电 led路灯 不亮");
  EXPECT_EQ(NormalizeForSearch("  ，拨打１２３４５热线。"), "拨打12345热线");
  EXPECT_EQ(NormalizeForSearch("Mini-LED／5G"), "mini led 5g");
  EXPECT_EQ(NormalizeForSearch("“你好”——《条例》【第三条】"), "你好 条例 第三条");
  EXPECT_EQ(NormalizeForSearch("小区\u3000门口"), "小区 门口");  // ideographic space
  EXPECT_EQ(NormalizeForSearch("路灯😀坏了"), "路灯 坏了");       // emoji separate
  EXPECT_EQ(NormalizeForSearch(""), "");
  EXPECT_EQ(NormalizeForSearch("，。！"), "");
}

TEST(SearchNormalize, NumberFormsAndInvisibleCharacters) {
  EXPECT_EQ(NormalizeForSearch("①号楼⑵单元⒊"), "1号楼 2 单元3");
  EXPECT_EQ(NormalizeForSearch("第Ⅻ条ⅳ"), "第xii条iv");
  EXPECT_EQ(NormalizeForSearch("葛\xE2\x80\x8B城"), "葛城");        // zero-width space dropped
  EXPECT_EQ(NormalizeForSearch("葛\xEF\xB8\x80城"), "葛城");        // variation selector dropped
  EXPECT_EQ(NormalizeForSearch("〇七年々"), "〇七年々");            // ideographic zero, iteration mark
  EXPECT_EQ(NormalizeForSearch("ab\xFF\xFE" "cd"), "ab cd");          // invalid bytes separate
  EXPECT_EQ(NormalizeForSearch("\xE4\xB8"), "");                      // truncated sequence
  EXPECT_EQ(NormalizeForSearch("\xC0\xAF"), "");                      // overlong '/'
  EXPECT_EQ(NormalizeForSearch("𠀀𪚥"), "𠀀𪚥");                      // extension B stays a word character
}

// ---- Matching ---------------------------------------------------------------------------------

std::vector<Document> Corpus() {
  return {
      {1, 0, "市民来电反映：小区门口的路灯坏了，晚上出行不便。"},
      {2, 0, "路灯杆倒在人行道上，存在安全隐患。"},
      {3, 1, "小区物业公司不作为，垃圾长期无人清运。"},
      {4, 1, "物业公司收费不合理。"},
      {5, 2, "服务，中心。务中心"},          // 服务 中心 务中 present, 服务中心 not as a word
      {6, 2, "小区，区门口有积水。"},         // 小区 + 区门 but not 小区门
      {7, 3, "拨打12345热线无人接听，LED屏幕不亮。"},
      {8, 3, "ledx灯不亮，5G基站辐射。第3单元和13单元"},
      {9, 4, "服务中心"},
      {10, 4, "ＬＥＤ灯　坏了，ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐ编号"},
  };
}

TEST(SearchMatching, TwoThreeAndFourCharacterWords) {
  auto index = BuildOrDie(Corpus());
  EXPECT_EQ(Find(*index, "路灯"), (Ids{2, 1}));
  EXPECT_EQ(Find(*index, "小区"), (Ids{6, 3, 1}));
  EXPECT_EQ(Find(*index, "物业公司"), (Ids{4, 3}));
  EXPECT_EQ(Find(*index, "人行道"), (Ids{2}));
  EXPECT_EQ(Find(*index, "安全隐患"), (Ids{2}));
  EXPECT_EQ(Find(*index, "不亮"), (Ids{8, 7}));
  EXPECT_EQ(Find(*index, "无人"), (Ids{7, 3}));
  EXPECT_EQ(Find(*index, "城管"), Ids{});  // both characters unknown to the index
  EXPECT_EQ(Find(*index, "路门"), Ids{});  // known characters, no such bigram
}

TEST(SearchMatching, WordsDoNotSpanPunctuation) {
  auto index = BuildOrDie(Corpus());
  // Document 5 has the bigrams 服务, 务中 and 中心, but never 服务中心 without a separator.
  EXPECT_EQ(Find(*index, "服务中心"), (Ids{9}));
  // Document 6 has 小区 and 区门 (in 区门口) but not 小区门: only verification can tell.
  EXPECT_EQ(Find(*index, "小区门"), (Ids{1}));
  EXPECT_EQ(Find(*index, "小区门口"), (Ids{1}));
  // Two-character words are answered from the postings alone, so no bigram may span a separator:
  // 5 has 心。务 and 6 has 区，区.
  EXPECT_EQ(Find(*index, "心务"), Ids{});
  EXPECT_EQ(Find(*index, "区区"), Ids{});
  // Punctuation in a query splits it into words that are ANDed.
  EXPECT_EQ(Find(*index, "服务，中心"), (Ids{9, 5}));
}

TEST(SearchMatching, AsciiWordsAreWholeWords) {
  auto index = BuildOrDie(Corpus());
  EXPECT_EQ(Find(*index, "12345"), (Ids{7}));
  EXPECT_EQ(Find(*index, "2345"), Ids{});
  EXPECT_EQ(Find(*index, "led"), (Ids{10, 7}));       // "LED屏幕", "ＬＥＤ灯"; not "ledx灯"
  EXPECT_EQ(Find(*index, "ＬＥＤ"), (Ids{10, 7}));
  EXPECT_EQ(Find(*index, "le"), Ids{});
  EXPECT_EQ(Find(*index, "led灯"), (Ids{10}));        // "ledx灯" must not match
  EXPECT_EQ(Find(*index, "ledx灯"), (Ids{8}));
  EXPECT_EQ(Find(*index, "5G基站"), (Ids{8}));
  EXPECT_EQ(Find(*index, "3单元"), (Ids{8}));         // "第3单元", beside "13单元"
  EXPECT_EQ(Find(*index, "热线12345"), Ids{});        // wrong order
  EXPECT_EQ(Find(*index, "12345热线"), (Ids{7}));
  // More than 11 characters: looked up by hash, then verified.
  EXPECT_EQ(Find(*index, "abcdefghijklmnop"), (Ids{10}));
  EXPECT_EQ(Find(*index, "abcdefghijklmnoq"), Ids{});
  EXPECT_EQ(Find(*index, "abcdefghijklmno"), Ids{});
  EXPECT_EQ(Find(*index, "abcdefghijklmnop编号"), (Ids{10}));
}

TEST(SearchMatching, DigitWordInsideLongerNumberDoesNotMatch) {
  // 4 and 5 have the terms 3 and 单元 (and 5 also 漏水), so only verification rejects them; in 6
  // the word 3 repeats and 漏水 occurs once, so 漏水3 can only start at 漏水, where "漏水34" is.
  auto index = BuildOrDie({{1, 0, "13单元漏水"},
                           {2, 0, "3单元漏水"},
                           {3, 0, "3 单元漏水"},
                           {4, 0, "13单元漏水，3号楼"},
                           {5, 0, "3号楼，单元门漏水34"},
                           {6, 0, "3号楼3层，单元门漏水34"}});
  EXPECT_EQ(Find(*index, "3单元"), (Ids{2}));
  EXPECT_EQ(Find(*index, "13单元"), (Ids{4, 1}));
  EXPECT_EQ(Find(*index, "3"), (Ids{6, 5, 4, 3, 2}));
  EXPECT_EQ(Find(*index, "单元漏水"), (Ids{4, 3, 2, 1}));
  EXPECT_EQ(Find(*index, "漏水3"), Ids{});  // "漏水34": the word 3 ends inside 34
  EXPECT_EQ(Find(*index, "漏水34"), (Ids{6, 5}));
}

TEST(SearchMatching, LongTextsBeyondHintPositions) {
  // Hints record first byte offsets up to 1022 only. Every character here has a one-byte code, so
  // "甲，" takes two bytes: in document 1 小区 is at 1022 and 区门 at 1113 (capped at 1023, a naive
  // reading of the cap would line them up); document 2 has 小区门 itself far beyond the cap.
  std::string filler;
  for (int i = 0; i < 511; ++i) filler += "甲，";
  std::string gap;
  for (int i = 0; i < 44; ++i) gap += "乙，";
  auto index = BuildOrDie({{1, 0, filler + "小区，" + gap + "区门"}, {2, 0, filler + filler + "小区门口"}});
  EXPECT_EQ(Find(*index, "小区门"), (Ids{2}));
  EXPECT_EQ(Find(*index, "小区门口"), (Ids{2}));
  EXPECT_EQ(Find(*index, "区门"), (Ids{2, 1}));
}

TEST(SearchMatching, SeveralWordsAreAnded) {
  auto index = BuildOrDie(Corpus());
  EXPECT_EQ(Find(*index, "小区 路灯"), (Ids{1}));
  EXPECT_EQ(Find(*index, "物业公司 垃圾"), (Ids{3}));
  EXPECT_EQ(Find(*index, "物业公司 路灯"), Ids{});
  EXPECT_EQ(Find(*index, "路灯 路灯"), (Ids{2, 1}));
}

TEST(SearchMatching, SingleCharactersOnlyBesideAnIndexedWord) {
  auto index = BuildOrDie(Corpus());
  auto alone = index->Search({.query = "灯"});
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(alone.status().field(), "query");
  auto singles = index->Search({.query = "灯 水"});
  EXPECT_EQ(singles.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Find(*index, "水 小区"), (Ids{6}));  // 小区 in 1, 3, 6; 水 only in 6 (积水)
  EXPECT_EQ(Find(*index, "小区 运"), (Ids{3}));  // 清运
  EXPECT_EQ(Find(*index, "小区 城"), Ids{});     // 城 was never seen
}

TEST(SearchMatching, EmptyAndOversizedQueriesAreRefused) {
  auto index = BuildOrDie(Corpus());
  for (std::string_view q : {"", "  ，。", "😀"}) {
    auto r = index->Search({.query = q});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << q;
  }
  std::string many;
  for (int i = 0; i < 17; ++i) many += "路灯 ";
  EXPECT_EQ(index->Search({.query = many}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(index->Search({.query = std::string(1025, 'a')}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(index->Search({.query = "路灯", .limit = kMaxLimit + 1}).status().field(), "limit");
  EXPECT_EQ(index->Search({.query = "路灯", .offset = kMaxWindow, .limit = 1}).status().field(), "offset");
}

// ---- Scope, paging, order ---------------------------------------------------------------------

TEST(SearchScope, OnlyAllowedKeysCount) {
  auto index = BuildOrDie(Corpus());
  const ScopeSet units_0_and_3 = ScopeSet::Of(std::vector<uint32_t>{0, 3});
  EXPECT_EQ(Find(*index, "不亮", &units_0_and_3), (Ids{8, 7}));
  EXPECT_EQ(Find(*index, "小区", &units_0_and_3), (Ids{1}));
  const ScopeSet none;
  EXPECT_EQ(Find(*index, "小区", &none), Ids{});
  const ScopeSet far = ScopeSet::Of(std::vector<uint32_t>{1000000});
  EXPECT_EQ(Find(*index, "小区", &far), Ids{});
  EXPECT_TRUE(far.Contains(1000000));
  EXPECT_FALSE(far.Contains(999999));
}

TEST(SearchPaging, NewestAndOldestFirstWithOffsets) {
  std::vector<std::string> texts;
  std::vector<Document> docs;
  for (int i = 0; i < 300; ++i) texts.push_back(i % 3 == 0 ? "路灯不亮" : "井盖缺失");
  for (int i = 0; i < 300; ++i) docs.push_back({1000 - 3 * i, static_cast<uint32_t>(i % 2), texts[i]});  // ids descending
  auto index = BuildOrDie(docs);
  // Matching ids: 1000 − 3i for i ≡ 0 (mod 3): 1000, 991, …, 109 (100 documents).
  auto first = index->Search({.query = "路灯", .offset = 0, .limit = 3});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->total, 100);
  EXPECT_EQ(first->ids, (Ids{1000, 991, 982}));
  auto second = index->Search({.query = "路灯", .offset = 3, .limit = 2});
  EXPECT_EQ(second->ids, (Ids{973, 964}));
  auto oldest = index->Search({.query = "路灯", .offset = 1, .limit = 2, .order = Order::kOldestFirst});
  EXPECT_EQ(oldest->total, 100);
  EXPECT_EQ(oldest->ids, (Ids{118, 127}));
  auto last = index->Search({.query = "路灯", .offset = 98, .limit = 10});
  EXPECT_EQ(last->ids, (Ids{118, 109}));
  auto beyond = index->Search({.query = "路灯", .offset = 100, .limit = 10});
  EXPECT_EQ(beyond->total, 100);
  EXPECT_TRUE(beyond->ids.empty());
  auto count_only = index->Search({.query = "路灯", .limit = 0});
  EXPECT_EQ(count_only->total, 100);
  EXPECT_TRUE(count_only->ids.empty());
  const ScopeSet even = ScopeSet::Of(std::vector<uint32_t>{0});
  auto scoped = index->Search({.query = "路灯", .scope = &even, .limit = 2});
  EXPECT_EQ(scoped->total, 50);  // i ≡ 0 (mod 6)
  EXPECT_EQ(scoped->ids, (Ids{1000, 982}));
}

// ---- Updates ----------------------------------------------------------------------------------

TEST(SearchUpdates, AddReplaceRemoveAndReAdd) {
  auto index = BuildOrDie(Corpus());
  ASSERT_TRUE(index->Upsert({20, 0, "路灯闪烁，物业公司推诿"}).ok());
  EXPECT_EQ(Find(*index, "路灯"), (Ids{20, 2, 1}));
  EXPECT_EQ(Find(*index, "物业公司"), (Ids{20, 4, 3}));

  // Replace a base document: its old words disappear, the new ones appear.
  ASSERT_TRUE(index->Upsert({2, 0, "井盖缺失，路面塌陷"}).ok());
  EXPECT_EQ(Find(*index, "路灯"), (Ids{20, 1}));
  EXPECT_EQ(Find(*index, "井盖"), (Ids{2}));
  EXPECT_EQ(Find(*index, "人行道"), Ids{});
  // Replace an overlay document again: only its latest version counts.
  ASSERT_TRUE(index->Upsert({20, 0, "噪音扰民"}).ok());
  EXPECT_EQ(Find(*index, "路灯"), (Ids{1}));
  EXPECT_EQ(Find(*index, "噪音扰民"), (Ids{20}));
  ASSERT_TRUE(index->Upsert({20, 0, "路灯闪烁"}).ok());
  EXPECT_EQ(Find(*index, "路灯"), (Ids{20, 1}));
  EXPECT_EQ(Find(*index, "噪音"), Ids{});

  // Remove from the base and from the overlay.
  ASSERT_TRUE(index->Remove(1).ok());
  ASSERT_TRUE(index->Remove(20).ok());
  EXPECT_EQ(Find(*index, "路灯"), Ids{});
  EXPECT_EQ(index->Remove(1).code(), StatusCode::kNotFound);
  EXPECT_EQ(index->Remove(999).code(), StatusCode::kNotFound);
  EXPECT_EQ(index->UpdateScope(1, 5).code(), StatusCode::kNotFound);
  // Re-add a removed id: it keeps its place in id order.
  ASSERT_TRUE(index->Upsert({1, 0, "路灯又坏了"}).ok());
  ASSERT_TRUE(index->Upsert({0, 0, "路灯"}).ok());  // an id lower than every other
  EXPECT_EQ(Find(*index, "路灯"), (Ids{1, 0}));
  auto oldest = index->Search({.query = "路灯", .order = Order::kOldestFirst});
  EXPECT_EQ(oldest->ids, (Ids{0, 1}));
  EXPECT_EQ(index->Stats().document_count, 11);
}

TEST(SearchUpdates, ScopeChangesWithAndWithoutText) {
  auto index = BuildOrDie(Corpus());
  const ScopeSet unit_9 = ScopeSet::Of(std::vector<uint32_t>{9});
  EXPECT_EQ(Find(*index, "物业公司", &unit_9), Ids{});
  ASSERT_TRUE(index->UpdateScope(4, 9).ok());
  EXPECT_EQ(Find(*index, "物业公司", &unit_9), (Ids{4}));
  const auto before = index->Stats();
  // Same text, new key: no new overlay version.
  ASSERT_TRUE(index->Upsert({3, 9, "小区物业公司不作为，垃圾长期无人清运。"}).ok());
  EXPECT_EQ(index->Stats().overlay_document_count, before.overlay_document_count);
  EXPECT_EQ(Find(*index, "物业公司", &unit_9), (Ids{4, 3}));
  // Equal after normalisation counts as the same text.
  ASSERT_TRUE(index->Upsert({3, 1, "小区物业公司不作为,垃圾长期无人清运"}).ok());
  EXPECT_EQ(index->Stats().overlay_document_count, before.overlay_document_count);
  EXPECT_EQ(Find(*index, "物业公司", &unit_9), (Ids{4}));
}

TEST(SearchUpdates, CompactKeepsResultsAndClearsTheOverlay) {
  auto index = BuildOrDie(Corpus());
  ASSERT_TRUE(index->Upsert({20, 2, "路灯闪烁，物业公司推诿"}).ok());
  ASSERT_TRUE(index->Upsert({0, 2, "小区门口积水"}).ok());
  ASSERT_TRUE(index->Upsert({2, 2, "井盖缺失"}).ok());
  ASSERT_TRUE(index->Remove(9).ok());
  const std::vector<std::string> queries = {"路灯", "物业公司", "小区门", "井盖", "服务中心", "led", "积水"};
  std::vector<Ids> before;
  for (const auto& q : queries) before.push_back(Find(*index, q));
  EXPECT_GT(index->Stats().overlay_document_count, 0);
  index->Compact();
  const IndexStats stats = index->Stats();
  EXPECT_EQ(stats.overlay_document_count, 0);
  EXPECT_EQ(stats.dead_base_document_count, 0);
  EXPECT_EQ(stats.base_document_count, 11);
  EXPECT_EQ(stats.document_count, 11);
  for (size_t i = 0; i < queries.size(); ++i) EXPECT_EQ(Find(*index, queries[i]), before[i]) << queries[i];
  EXPECT_EQ(Find(*index, "小区门"), (Ids{1, 0}));
  // Updates keep working on the merged base.
  ASSERT_TRUE(index->Remove(20).ok());
  EXPECT_EQ(Find(*index, "路灯"), (Ids{1}));
  ASSERT_TRUE(index->Upsert({9, 4, "服务中心"}).ok());
  EXPECT_EQ(Find(*index, "服务中心"), (Ids{9}));
}

TEST(SearchUpdates, MergeKeepsTheNumberingWhenIdsAscend) {
  // New ids above all others (as a sequence gives them) and few removals: the merge keeps the
  // document numbers, leaves the removed one as a hole and rewrites only the touched lists.
  auto index = BuildOrDie(Corpus());
  ASSERT_TRUE(index->Upsert({11, 0, "路灯闪烁，井盖缺失"}).ok());
  ASSERT_TRUE(index->Upsert({12, 0, "物业公司不作为"}).ok());
  ASSERT_TRUE(index->Upsert({3, 1, "垃圾长期无人清运"}).ok());  // was 小区物业公司不作为…
  ASSERT_TRUE(index->Remove(2).ok());                          // 路灯杆倒在人行道上…
  index->Compact();
  IndexStats stats = index->Stats();
  EXPECT_EQ(stats.base_document_count, 12);  // the hole of 2 stays numbered
  EXPECT_EQ(stats.document_count, 11);
  EXPECT_EQ(stats.overlay_document_count, 0);
  EXPECT_EQ(Find(*index, "路灯"), (Ids{11, 1}));
  EXPECT_EQ(Find(*index, "物业公司"), (Ids{12, 4}));  // 3's old text is gone from the lists
  EXPECT_EQ(Find(*index, "小区"), (Ids{6, 1}));
  EXPECT_EQ(Find(*index, "人行道"), Ids{});
  EXPECT_EQ(Find(*index, "无人清运"), (Ids{3}));
  EXPECT_EQ(Find(*index, "井盖缺失"), (Ids{11}));
  EXPECT_EQ(index->Remove(2).code(), StatusCode::kNotFound);  // a hole is not a document
  EXPECT_EQ(index->UpdateScope(2, 1).code(), StatusCode::kNotFound);
  // The hole takes its id back; a second merge must not bring back its old postings (安全隐患).
  ASSERT_TRUE(index->Upsert({2, 0, "人行道积水"}).ok());
  EXPECT_EQ(Find(*index, "人行道"), (Ids{2}));
  index->Compact();
  EXPECT_EQ(index->Stats().document_count, 12);
  EXPECT_EQ(Find(*index, "人行道"), (Ids{2}));
  EXPECT_EQ(Find(*index, "积水"), (Ids{6, 2}));
  EXPECT_EQ(Find(*index, "路灯"), (Ids{11, 1}));
  EXPECT_EQ(Find(*index, "安全隐患"), Ids{});
  EXPECT_EQ(Find(*index, "隐患"), Ids{});
}

TEST(SearchUpdates, EmptyIndexAcceptsDocuments) {
  TextIndex index;
  EXPECT_EQ(Find(index, "路灯"), Ids{});
  ASSERT_TRUE(index.Upsert({5, 0, "路灯不亮"}).ok());
  ASSERT_TRUE(index.Upsert({3, 0, "路灯闪烁"}).ok());
  EXPECT_EQ(Find(index, "路灯"), (Ids{5, 3}));
  index.Compact();
  EXPECT_EQ(Find(index, "路灯"), (Ids{5, 3}));
  EXPECT_EQ(Find(index, "闪烁"), (Ids{3}));
}

TEST(SearchBuild, DuplicateIdsAreRefused) {
  auto r = TextIndex::Build(std::vector<Document>{{1, 0, "a"}, {2, 0, "b"}, {1, 0, "c"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(r.status().field(), "documents[2].id");
}

TEST(SearchBuild, ResetReplacesEverything) {
  auto index = BuildOrDie(Corpus());
  ASSERT_TRUE(index->Reset(std::vector<Document>{{7, 0, "新的路灯"}}).ok());
  EXPECT_EQ(Find(*index, "路灯"), (Ids{7}));
  EXPECT_EQ(Find(*index, "物业公司"), Ids{});
  EXPECT_FALSE(index->Reset(std::vector<Document>{{1, 0, "x"}, {1, 0, "y"}}).ok());
  EXPECT_EQ(Find(*index, "路灯"), (Ids{7}));  // unchanged after the failed reset
}

TEST(SearchStats, CountsBytes) {
  auto index = BuildOrDie(Corpus());
  const IndexStats s = index->Stats();
  EXPECT_EQ(s.document_count, 10);
  EXPECT_GT(s.term_count, 50);
  EXPECT_GT(s.posting_count, s.term_count);
  EXPECT_GT(s.postings_bytes, 0);
  EXPECT_GT(s.text_used_bytes, 100);
  EXPECT_EQ(s.memory_bytes, s.postings_bytes + s.dictionary_bytes + s.text_bytes + s.document_table_bytes +
                                s.overlay_bytes);
}

// ---- Concurrency --------------------------------------------------------------------------------

TEST(SearchConcurrency, ReadersSeeWholeUpdates) {
  // Document 1 flips between 路灯 and 井盖 while two readers search 路灯 (with merges in between):
  // they must always find document 2, and document 1 or not, with a count equal to the page.
  std::vector<Document> docs = {{1, 0, "路灯不亮"}, {2, 0, "路灯闪烁"}};
  for (int i = 3; i < 2000; ++i) docs.push_back({i, 0, "井盖缺失，积水严重"});
  auto index = BuildOrDie(docs);
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::atomic<int> searches{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        auto result = index->Search({.query = "路灯", .limit = 10});
        if (!result.ok() || result->total < 1 || result->total > 2 ||
            result->total != static_cast<int64_t>(result->ids.size()) || result->ids.front() != 2) {
          ++bad;  // ids are newest first, so document 2 always comes first
        }
        ++searches;
      }
    });
  }
  while (searches.load() < 2) std::this_thread::yield();  // the readers are running
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE(index->Upsert({1, 0, i % 2 == 0 ? "井盖缺失" : "路灯不亮"}).ok());
    if (i % 100 == 99) index->Compact();
  }
  const int during = searches.load();
  while (searches.load() < during + 2) std::this_thread::yield();
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace lz::engines::search

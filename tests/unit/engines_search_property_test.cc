// Property tests of engines/search: random corpora (fixed seeds) over a small alphabet of Chinese
// characters with Zipf-like weights, separators and ASCII words, so that most bigrams of a query
// occur in most documents and three- and four-character words often have all their bigrams in a
// document without the word (the case only verification gets right). Every query's full result
// must equal a naive scan of the raw texts — recall 100%, no false positive, the same count — in
// both orders and under random scopes, after a bulk build with 1 or 3 threads, after random
// upserts, scope moves and removals, and after merges.
//
// The naive scan does not share the engine's normalisation: a word of Chinese characters matches
// where the raw UTF-8 text contains it byte for byte (the corpus uses only characters that
// normalise to themselves, and every separator is punctuation or an ASCII word); an ASCII word
// matches where the raw text, with the one full-width word the corpus uses spelled in ASCII, has it
// as a whole run of letters and digits, ignoring case.
#include "engines/search/text_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace lz::engines::search {
namespace {

// xorshift64*: deterministic on every platform (std:: distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  uint64_t Next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1DULL;
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  bool Chance(int percent) { return Below(100) < static_cast<size_t>(percent); }

 private:
  uint64_t state_;
};

struct Config {
  uint64_t seed;
  size_t alphabet;  // how many of kChars
  size_t documents;
  bool ascending_new_ids = false;  // new documents get ids above all others (merges keep numbers)
  int removal_percent = 20;        // of the updates
};

const std::vector<std::string> kChars = {"路", "灯", "小", "区", "物", "业", "公", "司", "水", "电",
                                         "井", "盖", "噪", "音", "扰", "民", "垃", "圾", "清", "运",
                                         "投", "诉", "维", "修", "停", "车", "收", "费", "漏", "管"};
const std::vector<std::string> kSeparators = {"，", "。", " ", "！", "、", "\n"};
const std::vector<std::string> kAsciiWords = {"led", "LED", "5g", "12345", "ａｂｃ", "abc1", "Mini"};

std::string PickChar(Rng& rng, size_t alphabet) {
  // Zipf-like: character k with weight ∝ 1 / (k + 1).
  double total = 0;
  for (size_t k = 0; k < alphabet; ++k) total += 1.0 / static_cast<double>(k + 1);
  double x = static_cast<double>(rng.Below(1'000'000)) / 1e6 * total;
  for (size_t k = 0; k < alphabet; ++k) {
    x -= 1.0 / static_cast<double>(k + 1);
    if (x <= 0) return kChars[k];
  }
  return kChars[alphabet - 1];
}

std::string RandomText(Rng& rng, size_t alphabet) {
  std::string text;
  const size_t units = 4 + rng.Below(40);
  for (size_t i = 0; i < units; ++i) {
    const size_t r = rng.Below(100);
    if (r < 78) {
      text += PickChar(rng, alphabet);
    } else if (r < 92) {
      text += kSeparators[rng.Below(kSeparators.size())];
    } else {
      text += kAsciiWords[rng.Below(kAsciiWords.size())];
    }
  }
  return text;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::set<std::string> AsciiRuns(std::string text) {
  for (size_t at; (at = text.find("ａｂｃ")) != std::string::npos;) text.replace(at, std::string("ａｂｃ").size(), "abc");
  std::set<std::string> runs;
  std::string run;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      run += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!run.empty()) {
      runs.insert(run);
      run.clear();
    }
  }
  return runs;
}

struct Query {
  std::vector<std::string> words;  // each all-Chinese or all-ASCII (lower case)
  std::string Text() const {
    std::string q;
    for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
    return q;
  }
};

enum class WordKind { kAscii, kChinese, kMixed };
WordKind KindOf(const std::string& word) {
  bool ascii = false, wide = false;
  for (char c : word) (static_cast<unsigned char>(c) < 0x80 ? ascii : wide) = true;
  return ascii && wide ? WordKind::kMixed : ascii ? WordKind::kAscii : WordKind::kChinese;
}

// The raw text with the corpus's full-width word in ASCII, ASCII in lower case and every
// separator of the corpus as one space: enough to look for a mixed word.
std::string Folded(std::string text) {
  for (size_t at; (at = text.find("ａｂｃ")) != std::string::npos;) text.replace(at, std::string("ａｂｃ").size(), "abc");
  for (const std::string& sep : kSeparators) {
    for (size_t at; (at = text.find(sep)) != std::string::npos;) text.replace(at, sep.size(), "\x01");
  }
  return Lower(text);
}

// A word mixing ASCII and Chinese matches where the folded text has it and its ASCII ends are not
// continued by another ASCII letter or digit.
bool MixedMatch(const std::string& text, const std::string& word) {
  const std::string folded = Folded(text);
  const bool ascii_start = static_cast<unsigned char>(word.front()) < 0x80;
  const bool ascii_end = static_cast<unsigned char>(word.back()) < 0x80;
  for (size_t at = folded.find(word); at != std::string::npos; at = folded.find(word, at + 1)) {
    const size_t end = at + word.size();
    const bool clean_start = !ascii_start || at == 0 || std::isalnum(static_cast<unsigned char>(folded[at - 1])) == 0;
    const bool clean_end = !ascii_end || end == folded.size() || std::isalnum(static_cast<unsigned char>(folded[end])) == 0;
    if (clean_start && clean_end) return true;
  }
  return false;
}

// The naive scan's verdict for one document.
bool NaiveMatch(const std::string& text, const Query& query) {
  for (const std::string& word : query.words) {
    switch (KindOf(word)) {
      case WordKind::kAscii:
        if (AsciiRuns(text).count(word) == 0) return false;
        break;
      case WordKind::kChinese:
        if (text.find(word) == std::string::npos) return false;
        break;
      case WordKind::kMixed:
        if (!MixedMatch(text, word)) return false;
        break;
    }
  }
  return true;
}

// Whether every bigram of every Chinese word occurs somewhere in the text (what the postings
// alone would say): used to check that the corpus does exercise verification.
bool BigramsMatch(const std::string& text, const Query& query) {
  for (const std::string& word : query.words) {
    if (KindOf(word) != WordKind::kChinese) continue;
    for (size_t i = 0; i + 6 <= word.size(); i += 3) {
      if (text.find(word.substr(i, 6)) == std::string::npos) return false;
    }
  }
  return true;
}

struct Model {
  std::map<int64_t, std::pair<uint32_t, std::string>> docs;  // id → (scope key, text)

  std::vector<Document> Documents() const {
    std::vector<Document> out;
    for (const auto& [id, doc] : docs) out.push_back({id, doc.first, doc.second});
    return out;
  }
  // Matching ids, ascending.
  std::vector<int64_t> Expected(const Query& q, const ScopeSet* scope) const {
    std::vector<int64_t> ids;
    for (const auto& [id, doc] : docs) {
      if (scope != nullptr && !scope->Contains(doc.first)) continue;
      if (NaiveMatch(doc.second, q)) ids.push_back(id);
    }
    return ids;
  }
};

Query RandomQuery(Rng& rng, const Model& model, size_t alphabet) {
  Query q;
  const size_t words = rng.Chance(80) ? 1 : 2;
  for (size_t w = 0; w < words; ++w) {
    if (rng.Chance(10)) {
      q.words.push_back(Lower(kAsciiWords[rng.Below(kAsciiWords.size())]));
      if (q.words.back() == "ａｂｃ") q.words.back() = "abc";
      continue;
    }
    if (rng.Chance(12)) {  // ASCII and Chinese in one word, in either order
      std::string ascii = Lower(kAsciiWords[rng.Below(kAsciiWords.size())]);
      if (ascii == "ａｂｃ") ascii = "abc";
      if (rng.Chance(30)) ascii = ascii.substr(0, 1 + rng.Below(ascii.size()));  // maybe a prefix
      const std::string wide = PickChar(rng, alphabet) + (rng.Chance(50) ? PickChar(rng, alphabet) : "");
      q.words.push_back(rng.Chance(50) ? ascii + wide : wide + ascii);
      continue;
    }
    const size_t length = 2 + rng.Below(3);  // 2, 3 or 4 characters
    std::string word;
    if (rng.Chance(50) && !model.docs.empty()) {
      // A run of Chinese characters taken from a document (so many queries do match).
      auto it = model.docs.begin();
      std::advance(it, static_cast<ptrdiff_t>(rng.Below(model.docs.size())));
      const std::string& text = it->second.second;
      const size_t start = rng.Below(text.size());
      for (size_t i = start; i < text.size() && word.size() < 3 * length;) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::string ch = text.substr(i, c >= 0xE0 ? 3 : 1);
        if (std::find(kChars.begin(), kChars.end(), ch) == kChars.end()) {
          word.clear();
        } else {
          word += ch;
        }
        i += ch.size();
      }
    }
    if (word.size() < 6) {
      word.clear();
      for (size_t i = 0; i < length; ++i) word += PickChar(rng, alphabet);
    }
    q.words.push_back(word);
  }
  return q;
}

ScopeSet RandomScope(Rng& rng) {
  std::vector<uint32_t> keys;
  for (uint32_t k = 0; k < 8; ++k) {
    if (rng.Chance(50)) keys.push_back(k);
  }
  return ScopeSet::Of(keys);
}

struct Tally {
  int queries = 0;
  int with_matches = 0;
  int verification_needed = 0;  // queries where bigrams alone would over-count
};

// Runs `count` random queries against the index and the model.
void CheckQueries(const TextIndex& index, const Model& model, Rng& rng, size_t alphabet, int count, Tally* tally,
                  const std::string& context) {
  for (int i = 0; i < count; ++i) {
    const Query q = RandomQuery(rng, model, alphabet);
    const bool scoped = rng.Chance(30);
    const ScopeSet scope = RandomScope(rng);
    const ScopeSet* scope_ptr = scoped ? &scope : nullptr;
    const std::vector<int64_t> expected = model.Expected(q, scope_ptr);
    const Order order = rng.Chance(50) ? Order::kNewestFirst : Order::kOldestFirst;

    // Page through the whole result.
    std::vector<int64_t> got;
    int64_t total = -1;
    for (size_t offset = 0;; offset += kMaxLimit) {
      auto r = index.Search({.query = q.Text(), .scope = scope_ptr, .offset = offset, .limit = kMaxLimit, .order = order});
      ASSERT_TRUE(r.ok()) << context << " query " << q.Text() << ": " << r.status().ToString();
      total = r->total;
      got.insert(got.end(), r->ids.begin(), r->ids.end());
      if (r->ids.size() < kMaxLimit) break;
    }
    std::vector<int64_t> want = expected;
    if (order == Order::kNewestFirst) std::reverse(want.begin(), want.end());
    ASSERT_EQ(total, static_cast<int64_t>(expected.size())) << context << " query \"" << q.Text() << "\"";
    ASSERT_EQ(got, want) << context << " query \"" << q.Text() << "\"";

    ++tally->queries;
    tally->with_matches += expected.empty() ? 0 : 1;
    int over = 0;
    for (const auto& [id, doc] : model.docs) {
      if (BigramsMatch(doc.second, q) && !NaiveMatch(doc.second, q)) ++over;
    }
    tally->verification_needed += over > 0 ? 1 : 0;
  }
}

class SearchProperty : public ::testing::TestWithParam<Config> {};

TEST_P(SearchProperty, MatchesNaiveScanThroughUpdatesAndMerges) {
  const Config config = GetParam();
  Rng rng(config.seed);
  Model model;
  std::vector<std::pair<int64_t, int>> id_pool;  // removed ids and the round they were removed in
  for (size_t i = 0; i < config.documents; ++i) {
    int64_t id;
    do {
      id = static_cast<int64_t>(rng.Below(40'000'000)) - 10'000'000;  // negative ids too
    } while (model.docs.count(id) != 0);
    model.docs[id] = {static_cast<uint32_t>(rng.Below(8)), RandomText(rng, config.alphabet)};
  }
  // Build from documents in a shuffled order, with 1 and 3 threads.
  std::vector<Document> docs = model.Documents();
  for (size_t i = docs.size(); i > 1; --i) std::swap(docs[i - 1], docs[rng.Below(i)]);
  auto built = TextIndex::Build(docs, BuildOptions{1});
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  std::unique_ptr<TextIndex> index = std::move(built).value();
  auto built3 = TextIndex::Build(docs, BuildOptions{3});
  ASSERT_TRUE(built3.ok());
  const IndexStats stats = index->Stats();
  EXPECT_EQ(stats.document_count, static_cast<int64_t>(config.documents));
  EXPECT_EQ(built3.value()->Stats().posting_count, stats.posting_count);

  Tally tally;
  CheckQueries(*index, model, rng, config.alphabet, 150, &tally, "after build");
  CheckQueries(*built3.value(), model, rng, config.alphabet, 50, &tally, "after a 3-thread build");
  if (HasFatalFailure()) return;

  for (int round = 0; round < 6; ++round) {
    for (int u = 0; u < 150; ++u) {
      const size_t r = rng.Below(100);
      auto it = model.docs.begin();
      std::advance(it, static_cast<ptrdiff_t>(rng.Below(model.docs.size())));
      if (r < 35) {  // replace a text
        it->second = {static_cast<uint32_t>(rng.Below(8)), RandomText(rng, config.alphabet)};
        ASSERT_TRUE(index->Upsert({it->first, it->second.first, it->second.second}).ok());
      } else if (r < 60) {  // a new document, sometimes with an id below all others
        int64_t id;
        do {
          id = config.ascending_new_ids ? model.docs.rbegin()->first + 1 + static_cast<int64_t>(rng.Below(3))
                                        : static_cast<int64_t>(rng.Below(50'000'000)) - 20'000'000;
        } while (model.docs.count(id) != 0);
        model.docs[id] = {static_cast<uint32_t>(rng.Below(8)), RandomText(rng, config.alphabet)};
        ASSERT_TRUE(index->Upsert({id, model.docs[id].first, model.docs[id].second}).ok());
      } else if (r < 75) {  // a scope move
        it->second.first = static_cast<uint32_t>(rng.Below(8));
        ASSERT_TRUE(index->UpdateScope(it->first, it->second.first).ok());
      } else if (r < 75 + static_cast<size_t>(config.removal_percent)) {  // a removal
        ASSERT_TRUE(index->Remove(it->first).ok());
        id_pool.emplace_back(it->first, round);
        model.docs.erase(it);
      } else if (!id_pool.empty() && id_pool.front().second < round) {
        // An id removed in an earlier round (so usually across a merge) comes back.
        const int64_t id = id_pool.front().first;
        id_pool.erase(id_pool.begin());
        if (model.docs.count(id) == 0) {
          model.docs[id] = {static_cast<uint32_t>(rng.Below(8)), RandomText(rng, config.alphabet)};
          ASSERT_TRUE(index->Upsert({id, model.docs[id].first, model.docs[id].second}).ok());
        }
      }
    }
    EXPECT_GT(index->Stats().overlay_document_count, 0);
    CheckQueries(*index, model, rng, config.alphabet, 60, &tally, "round " + std::to_string(round));
    if (HasFatalFailure()) return;
    if (round % 2 == 1) {
      index->Compact();
      EXPECT_EQ(index->Stats().overlay_document_count, 0);
      EXPECT_EQ(index->Stats().document_count, static_cast<int64_t>(model.docs.size()));
      CheckQueries(*index, model, rng, config.alphabet, 60, &tally, "after merge " + std::to_string(round));
      if (HasFatalFailure()) return;
    }
  }
  // The corpus must have exercised what the test is about.
  EXPECT_GT(tally.with_matches, tally.queries / 3);
  EXPECT_GT(tally.verification_needed, tally.queries / 10);
}

INSTANTIATE_TEST_SUITE_P(Corpora, SearchProperty,
                         ::testing::Values(Config{1, 10, 3000},    // dense: many candidates, repeated terms
                                           Config{2, 30, 4000},    // sparser lists, several blocks
                                           Config{3, 6, 600},      // tiny alphabet, short lists
                                           // new ids ascend and few removals: merges keep numbers
                                           Config{4, 12, 3000, true, 3},
                                           Config{5, 30, 3000, true, 1}));

}  // namespace
}  // namespace lz::engines::search

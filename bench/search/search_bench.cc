// search_bench: the Chinese full-text engine (src/engines/search) beside SQLite FTS5 with the
// trigram tokenizer on the same generated 12345-style case texts, in one run, one measurement at a
// time (issue 5, point 8). Figures are printed beside FTS5's with the ratio ours / FTS5.
//
//   corpus   GenerateCorpus (generator.h): --docs texts of 50–300 characters, Zipf vocabularies
//   build    TextIndex::Build from the in-memory texts, with 1 thread (the figure compared with
//            FTS5, which is single-threaded) and with --threads; the index's own byte count
//            (IndexStats) and the RSS growth after malloc_trim. FTS5: CREATE VIRTUAL TABLE … USING
//            fts5(body, tokenize='trigram') in a temporary file, every row inserted in one
//            transaction (journal_mode=OFF, synchronous=OFF), its size by table from dbstat: the
//            index is %_data + %_idx (+ %_docsize), the content table holds the texts.
//   words    every vocabulary word and its 2–4-character pieces is counted with the engine; the
//            query words are picked per length (2, 3, 4 characters) and document frequency:
//            rare (0.1–1% of documents), ~5% (4–6%), very common (≥ 20%), --words of each.
//   queries  "counted and first page returned": Search with limit 20, newest first, over all
//            documents and within a scope of 10% of the units; each word --reps times; p50 and
//            p99 of wall time and the thread's CPU time (the machine is shared). FTS5: SELECT
//            count(*) … MATCH '"word"' plus SELECT rowid … MATCH … ORDER BY rowid DESC LIMIT 20,
//            and its recall = its count / ours (0 for two-character words: trigrams cannot find
//            them). LIKE '%word%' (forced to scan with +body) for one ~5% word of each length:
//            its time and count, which must equal ours.
//   check    a naive memmem scan of the raw texts counts --check words of each bucket; every
//            count must equal the engine's (recall 100%, no false positives), and its newest 20
//            ids must be the engine's first page. The run fails otherwise.
//   updates  --updates upserts of new texts (latency p50/p99) then a merge (Compact) of the
//            overlay into the base; then as many replacements of random documents' texts and a
//            second merge.
//
// Usage: search_bench [--docs N] [--threads T] [--words W] [--reps R] [--check K] [--updates U]
//                     [--seed S] [--no-fts] [--db-dir DIR]
#include <malloc.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engines/search/text_index.h"
#include "../common.h"
#include "generator.h"

namespace {

namespace s = lz::engines::search;
using namespace lz::bench;  // NOLINT: Clock, Ms, Die, Rss, Percentile …
using lz::bench::Corpus;

constexpr double kGiB = kMiB * 1024.0;
constexpr size_t kPage = 20;

struct Options {
  int64_t docs = 10'000'000;
  int threads = 2;
  size_t words = 8;
  int reps = 5;
  size_t check = 2;
  int updates = 20'000;
  uint64_t seed = 20240601;
  bool fts = true;
  std::string db_dir = "/tmp";
};

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--docs") {
      o.docs = std::stoll(next());
    } else if (a == "--threads") {
      o.threads = std::stoi(next());
    } else if (a == "--words") {
      o.words = std::stoul(next());
    } else if (a == "--reps") {
      o.reps = std::stoi(next());
    } else if (a == "--check") {
      o.check = std::stoul(next());
    } else if (a == "--updates") {
      o.updates = std::stoi(next());
    } else if (a == "--seed") {
      o.seed = std::stoull(next());
    } else if (a == "--no-fts") {
      o.fts = false;
    } else if (a == "--db-dir") {
      o.db_dir = next();
    } else {
      Die("unknown option " + a + " (see the header of search_bench.cc)");
    }
  }
  if (o.docs < 1000) Die("--docs must be at least 1000");
  return o;
}

std::vector<s::Document> Documents(const Corpus& corpus) {
  std::vector<s::Document> docs(corpus.size());
  for (size_t i = 0; i < corpus.size(); ++i) docs[i] = {corpus.Id(i), corpus.scope_keys[i], corpus.Text(i)};
  return docs;
}

// ---- SQLite FTS5 ------------------------------------------------------------------------------

class Fts {
 public:
  explicit Fts(const std::string& path) : path_(path) {
    std::remove(path_.c_str());
    if (sqlite3_open(path_.c_str(), &db_) != SQLITE_OK) Die("sqlite3_open " + path_);
    Exec("PRAGMA journal_mode=OFF");
    Exec("PRAGMA synchronous=OFF");
    Exec("PRAGMA cache_size=-1048576");  // 1 GiB page cache
    Exec("CREATE VIRTUAL TABLE fts USING fts5(body, tokenize='trigram')");
  }
  ~Fts() {
    sqlite3_close(db_);
    std::remove(path_.c_str());
  }

  void Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      Die("sqlite: " + sql + ": " + (error ? error : "?"));
    }
  }

  void Load(const Corpus& corpus) {
    Exec("BEGIN");
    sqlite3_stmt* insert = Prepare("INSERT INTO fts(rowid, body) VALUES (?, ?)");
    for (size_t i = 0; i < corpus.size(); ++i) {
      const std::string_view text = corpus.Text(i);
      sqlite3_bind_int64(insert, 1, corpus.Id(i));
      sqlite3_bind_text(insert, 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
      if (sqlite3_step(insert) != SQLITE_DONE) Die(std::string("insert: ") + sqlite3_errmsg(db_));
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    Exec("COMMIT");
  }

  // Bytes per table (dbstat), and the file size.
  std::map<std::string, int64_t> TableBytes() {
    std::map<std::string, int64_t> out;
    sqlite3_stmt* st = Prepare("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name");
    while (sqlite3_step(st) == SQLITE_ROW) {
      out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return out;
  }
  int64_t FileBytes() {
    std::ifstream f(path_, std::ios::binary | std::ios::ate);
    return static_cast<int64_t>(f.tellg());
  }

  // count(*) and the newest kPage rowids for a MATCH of the phrase.
  int64_t Match(const std::string& word, std::vector<int64_t>* page) {
    const std::string phrase = "\"" + word + "\"";
    if (!count_) count_ = Prepare("SELECT count(*) FROM fts WHERE fts MATCH ?");
    if (!page_) page_ = Prepare("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT 20");
    sqlite3_bind_text(count_, 1, phrase.data(), static_cast<int>(phrase.size()), SQLITE_TRANSIENT);
    int64_t count = sqlite3_step(count_) == SQLITE_ROW ? sqlite3_column_int64(count_, 0) : -1;
    sqlite3_reset(count_);
    page->clear();
    sqlite3_bind_text(page_, 1, phrase.data(), static_cast<int>(phrase.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(page_) == SQLITE_ROW) page->push_back(sqlite3_column_int64(page_, 0));
    sqlite3_reset(page_);
    return count;
  }

  int64_t LikeCount(const std::string& word) {
    sqlite3_stmt* st = Prepare("SELECT count(*) FROM fts WHERE +body LIKE ?");
    const std::string pattern = "%" + word + "%";
    sqlite3_bind_text(st, 1, pattern.data(), static_cast<int>(pattern.size()), SQLITE_TRANSIENT);
    const int64_t count = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return count;
  }

 private:
  sqlite3_stmt* Prepare(const char* sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) Die(std::string("prepare: ") + sqlite3_errmsg(db_));
    return st;
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* count_ = nullptr;
  sqlite3_stmt* page_ = nullptr;
};

// ---- Words --------------------------------------------------------------------------------------

struct Bucket {
  std::string name;
  double low;   // share of documents, inclusive
  double high;  // exclusive
};
const std::vector<Bucket> kBuckets = {{"<1%", 0.001, 0.01}, {"~5%", 0.04, 0.06}, {">=20%", 0.20, 1.01}};

struct Word {
  std::string text;
  size_t length;  // characters
  int64_t count;  // documents containing it
};

// Up to `want` words of `length` characters whose share lies in the bucket, spread over it.
std::vector<Word> PickWords(const std::vector<Word>& all, size_t length, const Bucket& bucket, int64_t docs,
                            size_t want) {
  std::vector<Word> in;
  for (const Word& w : all) {
    const double share = static_cast<double>(w.count) / static_cast<double>(docs);
    if (w.length == length && share >= bucket.low && share < bucket.high) in.push_back(w);
  }
  std::sort(in.begin(), in.end(), [](const Word& a, const Word& b) { return a.count < b.count; });
  if (in.size() <= want) return in;
  std::vector<Word> out;
  for (size_t k = 0; k < want; ++k) out.push_back(in[k * (in.size() - 1) / (want - 1 == 0 ? 1 : want - 1)]);
  return out;
}

struct Timing {
  std::vector<double> wall_ms;
  std::vector<double> cpu_ms;
};

// Naive scan of the raw texts: count and the newest kPage ids containing `word`.
int64_t NaiveScan(const Corpus& corpus, const std::string& word, std::vector<int64_t>* newest) {
  int64_t count = 0;
  newest->clear();
  for (size_t i = corpus.size(); i-- > 0;) {
    const std::string_view text = corpus.Text(i);
    if (memmem(text.data(), text.size(), word.data(), word.size()) != nullptr) {
      ++count;
      if (newest->size() < kPage) newest->push_back(corpus.Id(i));
    }
  }
  return count;
}

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  const unsigned cores = std::thread::hardware_concurrency();
  std::printf("search_bench — %lld documents, %u cores, load average %s\n", static_cast<long long>(options.docs), cores,
              LoadAverage().c_str());

  // ---- Corpus ----
  auto t0 = Clock::now();
  const Corpus corpus = lz::bench::GenerateCorpus({options.docs, options.seed, 2000}, static_cast<int>(cores));
  const double generate_s = Seconds(Clock::now() - t0);
  const double chars_per_doc = static_cast<double>(
      [&] { size_t n = 0; for (size_t i = 0; i < corpus.size(); i += 97) n += CodePoints(std::string(corpus.Text(i))); return n; }()) /
      static_cast<double>((corpus.size() + 96) / 97);
  std::printf("corpus: %.2f GiB of UTF-8 (%.0f characters per text on average), generated in %.1f s\n",
              static_cast<double>(corpus.arena.size()) / kGiB, chars_per_doc, generate_s);
  std::printf("sample: %.*s\n", static_cast<int>(corpus.Text(1).size()), corpus.Text(1).data());
  std::fflush(stdout);

  // ---- Our build ----
  std::vector<s::Document> docs = Documents(corpus);
  double build_parallel_s = 0;
  if (options.threads > 1) {
    t0 = Clock::now();
    auto parallel = s::TextIndex::Build(docs, s::BuildOptions{options.threads});
    build_parallel_s = Seconds(Clock::now() - t0);
    if (!parallel.ok()) Die(parallel.status().ToString());
  }
  const int64_t rss_before = SettledRss();
  t0 = Clock::now();
  auto built = s::TextIndex::Build(docs, s::BuildOptions{1});
  const double build_s = Seconds(Clock::now() - t0);
  if (!built.ok()) Die(built.status().ToString());
  std::unique_ptr<s::TextIndex> index = std::move(built).value();
  const int64_t rss_growth = SettledRss() - rss_before;
  const s::IndexStats stats = index->Stats();
  std::printf("lianzhang build: %.1f s with 1 thread", build_s);
  if (options.threads > 1) std::printf(", %.1f s with %d threads", build_parallel_s, options.threads);
  std::printf("; %lld terms, %.2f postings per document, %lld characters\n", static_cast<long long>(stats.term_count),
              static_cast<double>(stats.posting_count) / static_cast<double>(options.docs),
              static_cast<long long>(stats.character_count));
  std::printf("  bytes: postings %.2f GiB (%.2f bits per posting), dictionaries %.1f MiB, texts %.2f GiB "
              "(%.2f bytes per character), document table %.1f MiB; total %.2f GiB; RSS growth %.2f GiB\n",
              static_cast<double>(stats.postings_bytes) / kGiB,
              8.0 * static_cast<double>(stats.postings_bytes) / static_cast<double>(stats.posting_count),
              static_cast<double>(stats.dictionary_bytes) / kMiB, static_cast<double>(stats.text_bytes) / kGiB,
              static_cast<double>(stats.text_used_bytes) / (chars_per_doc * static_cast<double>(options.docs)),
              static_cast<double>(stats.document_table_bytes) / kMiB, static_cast<double>(stats.memory_bytes) / kGiB,
              static_cast<double>(rss_growth) / kGiB);
  std::fflush(stdout);

  // ---- Words ----
  t0 = Clock::now();
  std::vector<Word> all_words;
  for (const std::string& w : lz::bench::CandidateWords()) {
    auto r = index->Search({.query = w, .limit = 0});
    if (!r.ok()) Die("count " + w + ": " + r.status().ToString());
    if (r->total > 0) all_words.push_back({w, CodePoints(w), r->total});
  }
  std::printf("words: %zu candidate words counted in %.1f s\n", all_words.size(), Seconds(Clock::now() - t0));
  struct Group {
    const Bucket* bucket;
    size_t length;
    std::vector<Word> words;
  };
  std::vector<Group> groups;
  for (const Bucket& bucket : kBuckets) {
    for (size_t length = 2; length <= 4; ++length) {
      Group g{&bucket, length, PickWords(all_words, length, bucket, options.docs, options.words)};
      if (!g.words.empty()) groups.push_back(std::move(g));
    }
  }
  for (const Group& g : groups) {
    std::printf("  %zu chars %-6s", g.length, g.bucket->name.c_str());
    for (const Word& w : g.words) {
      std::printf(" %s(%.2f%%)", w.text.c_str(), 100.0 * static_cast<double>(w.count) / static_cast<double>(options.docs));
    }
    std::printf("\n");
  }
  std::fflush(stdout);

  // ---- Naive check ----
  t0 = Clock::now();
  int checked = 0;
  for (const Group& g : groups) {
    for (size_t k = 0; k < std::min(options.check, g.words.size()); ++k) {
      const Word& w = g.words[k * g.words.size() / std::min(options.check, g.words.size())];
      std::vector<int64_t> newest;
      const int64_t naive = NaiveScan(corpus, w.text, &newest);
      auto r = index->Search({.query = w.text, .limit = kPage});
      if (!r.ok() || r->total != naive || r->ids != newest) {
        Die("check failed for " + w.text + ": naive " + std::to_string(naive) + ", engine " +
            (r.ok() ? std::to_string(r->total) : r.status().ToString()));
      }
      ++checked;
    }
  }
  std::printf("check: %d words, engine count and first page equal to a naive scan of the raw texts (%.1f s)\n",
              checked, Seconds(Clock::now() - t0));
  std::fflush(stdout);

  // ---- Our queries ----
  std::vector<uint32_t> scope_keys;
  for (uint32_t k = 0; k < 2000; k += 10) scope_keys.push_back(k + 3);  // 10% of the units, not the busiest
  const s::ScopeSet scope = s::ScopeSet::Of(scope_keys);
  std::vector<Timing> ours(groups.size()), ours_scoped(groups.size());
  std::vector<double> texts_read(groups.size(), 0);  // per query, all documents
  for (int rep = 0; rep < options.reps; ++rep) {
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      for (const Word& w : groups[gi].words) {
        for (int scoped = 0; scoped < 2; ++scoped) {
          const double cpu0 = ThreadCpuMs();
          const auto wall0 = Clock::now();
          auto r = index->Search({.query = w.text, .scope = scoped ? &scope : nullptr, .limit = kPage});
          const double wall = Ms(Clock::now() - wall0);
          const double cpu = ThreadCpuMs() - cpu0;
          if (!r.ok() || (scoped == 0 && r->total != w.count)) Die("search " + w.text);
          if (scoped == 0 && rep == 0) {
            texts_read[gi] += static_cast<double>(r->texts_read) / static_cast<double>(groups[gi].words.size());
          }
          Timing& t = scoped ? ours_scoped[gi] : ours[gi];
          t.wall_ms.push_back(wall);
          t.cpu_ms.push_back(cpu);
        }
      }
    }
  }

  // ---- FTS5 ----
  std::unique_ptr<Fts> fts;
  double fts_build_s = 0;
  std::map<std::string, int64_t> fts_tables;
  int64_t fts_file = 0;
  std::vector<Timing> theirs(groups.size());
  std::vector<double> recall(groups.size(), 0);
  if (options.fts) {
    const std::string path = options.db_dir + "/search_bench_" + std::to_string(getpid()) + ".db";
    std::printf("FTS5: building %s …\n", path.c_str());
    std::fflush(stdout);
    fts = std::make_unique<Fts>(path);
    t0 = Clock::now();
    fts->Load(corpus);
    fts_build_s = Seconds(Clock::now() - t0);
    fts_tables = fts->TableBytes();
    fts_file = fts->FileBytes();
    for (int rep = 0; rep < options.reps; ++rep) {
      for (size_t gi = 0; gi < groups.size(); ++gi) {
        int64_t found = 0, total = 0;
        for (const Word& w : groups[gi].words) {
          std::vector<int64_t> page;
          const double cpu0 = ThreadCpuMs();
          const auto wall0 = Clock::now();
          const int64_t count = fts->Match(w.text, &page);
          theirs[gi].wall_ms.push_back(Ms(Clock::now() - wall0));
          theirs[gi].cpu_ms.push_back(ThreadCpuMs() - cpu0);
          if (count > w.count) Die("FTS5 found more than the engine for " + w.text);
          found += count;
          total += w.count;
        }
        recall[gi] = static_cast<double>(found) / static_cast<double>(total);
      }
    }
  }

  // ---- Report ----
  const int64_t fts_index = fts_tables["fts_data"] + fts_tables["fts_idx"] + fts_tables["fts_docsize"] +
                            fts_tables["fts_config"];
  const int64_t fts_content = fts_tables["fts_content"];
  const int64_t our_index = stats.postings_bytes + stats.dictionary_bytes + stats.document_table_bytes;
  auto ratio = [](double a, double b) { return b > 0 ? Fmt("%.2f", a / b) : std::string("-"); };
  std::printf("\n%-44s %18s %18s %8s\n", "", "lianzhang", "FTS5 trigram", "ratio");
  std::printf("%-44s %18s %18s %8s\n", "build time, 1 thread (s)", Fmt("%.1f", build_s).c_str(),
              options.fts ? Fmt("%.1f", fts_build_s).c_str() : "-", ratio(build_s, fts_build_s).c_str());
  std::printf("%-44s %18s %18s %8s\n", "index (GiB): postings+dicts+doc table | FTS5 index",
              Fmt("%.2f", static_cast<double>(our_index) / kGiB).c_str(),
              Fmt("%.2f", static_cast<double>(fts_index) / kGiB).c_str(),
              ratio(static_cast<double>(our_index), static_cast<double>(fts_index)).c_str());
  std::printf("%-44s %18s %18s %8s\n", "texts (GiB): stored normalised | FTS5 content",
              Fmt("%.2f", static_cast<double>(stats.text_bytes) / kGiB).c_str(),
              Fmt("%.2f", static_cast<double>(fts_content) / kGiB).c_str(),
              ratio(static_cast<double>(stats.text_bytes), static_cast<double>(fts_content)).c_str());
  std::printf("%-44s %18s %18s %8s\n", "total (GiB): engine memory | database file",
              Fmt("%.2f", static_cast<double>(stats.memory_bytes) / kGiB).c_str(),
              Fmt("%.2f", static_cast<double>(fts_file) / kGiB).c_str(),
              ratio(static_cast<double>(stats.memory_bytes), static_cast<double>(fts_file)).c_str());
  std::printf("\ncount + first %zu ids, p50 / p99 wall ms (p50 / p99 of the thread's CPU ms); matches and texts read:"
              " mean per word\n", kPage);
  std::printf("%-14s %3s %30s %30s %30s %6s %7s %8s %8s\n", "words", "n", "lianzhang", "lianzhang, 10% scope",
              "FTS5 MATCH", "p50 x", "recall", "matches", "texts rd");
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    const Group& g = groups[gi];
    auto cell = [](const Timing& t) {
      if (t.wall_ms.empty()) return std::string("-");
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.2f / %.2f (%.2f / %.2f)", Percentile(t.wall_ms, 0.5),
                    Percentile(t.wall_ms, 0.99), Percentile(t.cpu_ms, 0.5), Percentile(t.cpu_ms, 0.99));
      return std::string(buf);
    };
    char name[32];
    std::snprintf(name, sizeof name, "%zu chars %s", g.length, g.bucket->name.c_str());
    const double ours_p50 = Percentile(ours[gi].wall_ms, 0.5);
    const double theirs_p50 = Percentile(theirs[gi].wall_ms, 0.5);
    double matches = 0;
    for (const Word& w : g.words) matches += static_cast<double>(w.count) / static_cast<double>(g.words.size());
    std::printf("%-14s %3zu %30s %30s %30s %6s %6.0f%% %8.0f %8.0f\n", name, g.words.size(), cell(ours[gi]).c_str(),
                cell(ours_scoped[gi]).c_str(), options.fts ? cell(theirs[gi]).c_str() : "-",
                options.fts ? ratio(ours_p50, theirs_p50).c_str() : "-", 100.0 * recall[gi], matches, texts_read[gi]);
  }

  // The targets, each figure over its ceiling: p50 wall time ≤ 5 ms for a word in fewer
  // than 1% of the cases, ≤ 50 ms for one in ~5%; the index built at least as fast as FTS5's and
  // no larger.
  std::printf("\n%-30s %10s %13s %6s\n", "targets (issue 5)", "figure", "ceiling", "ratio");
  auto target = [](const std::string& what, double figure, double ceiling, const char* unit) {
    std::printf("%-30s %10.2f %9.2f %s %6.2f  %s\n", what.c_str(), figure, ceiling, unit, figure / ceiling,
                figure <= ceiling ? "met" : "NOT MET");
  };
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    const Group& g = groups[gi];
    const double ceiling = g.bucket->name == "<1%" ? 5 : g.bucket->name == "~5%" ? 50 : 0;
    if (ceiling > 0) {
      target("p50, " + std::to_string(g.length) + " chars " + g.bucket->name, Percentile(ours[gi].wall_ms, 0.5),
             ceiling, "ms");
    }
  }
  if (options.fts) {
    target("build time vs FTS5", build_s, fts_build_s, "s ");
    target("index size vs FTS5", static_cast<double>(our_index) / kGiB, static_cast<double>(fts_index) / kGiB, "GiB");
  }
  std::fflush(stdout);

  // ---- LIKE scans ----
  if (options.fts) {
    std::printf("\nLIKE '%%word%%' (a full scan of the FTS5 content table) vs the engine, one ~5%% word per length\n");
    for (const Group& g : groups) {
      if (g.bucket->name != "~5%") continue;
      const Word& w = g.words[g.words.size() / 2];
      t0 = Clock::now();
      const int64_t like = fts->LikeCount(w.text);
      const double like_ms = Ms(Clock::now() - t0);
      t0 = Clock::now();
      auto r = index->Search({.query = w.text, .limit = kPage});
      const double ours_ms = Ms(Clock::now() - t0);
      std::printf("  %-10s LIKE %9lld documents in %9.1f ms; engine %9lld in %6.2f ms (%s)\n", w.text.c_str(),
                  static_cast<long long>(like), like_ms, static_cast<long long>(r->total), ours_ms,
                  like == r->total ? "same count" : "DIFFERENT COUNT");
      if (like != r->total) Die("LIKE and the engine disagree on " + w.text);
    }
    fts.reset();
  }

  // ---- Updates ----
  // Two rounds, each followed by a merge: new documents only (new cases: the usual traffic), then
  // replacements of random documents' texts (edits, rarer in casework).
  if (options.updates > 0) {
    const Corpus extra = lz::bench::GenerateCorpus({options.updates, options.seed + 1, 2000}, 1);
    std::vector<double> add_us, replace_us;
    for (int i = 0; i < options.updates; ++i) {
      const s::Document added{corpus.Id(corpus.size() - 1) + 1 + i, extra.scope_keys[static_cast<size_t>(i)],
                              extra.Text(static_cast<size_t>(i))};
      const auto w0 = Clock::now();
      if (!index->Upsert(added).ok()) Die("upsert");
      add_us.push_back(Ms(Clock::now() - w0) * 1000);
    }
    const s::IndexStats after_adds = index->Stats();
    t0 = Clock::now();
    index->Compact();
    const double merge_adds_s = Seconds(Clock::now() - t0);
    uint64_t pick = 12345;
    for (int i = 0; i < options.updates; ++i) {
      pick = pick * 6364136223846793005ULL + 1442695040888963407ULL;
      const size_t victim = (pick >> 33) % corpus.size();
      const s::Document replaced{corpus.Id(victim), corpus.scope_keys[victim],
                                 extra.Text(static_cast<size_t>(options.updates - 1 - i))};
      const auto w0 = Clock::now();
      if (!index->Upsert(replaced).ok()) Die("replace");
      replace_us.push_back(Ms(Clock::now() - w0) * 1000);
    }
    const s::IndexStats after_replaces = index->Stats();
    t0 = Clock::now();
    index->Compact();
    const double merge_replaces_s = Seconds(Clock::now() - t0);
    std::printf("\nupdates: %d additions p50 %.0f µs p99 %.0f µs (overlay %.1f MiB), merge %.1f s; "
                "%d replacements p50 %.0f µs p99 %.0f µs (overlay %.1f MiB), merge %.1f s\n",
                options.updates, Percentile(add_us, 0.5), Percentile(add_us, 0.99),
                static_cast<double>(after_adds.overlay_bytes) / kMiB, merge_adds_s, options.updates,
                Percentile(replace_us, 0.5), Percentile(replace_us, 0.99),
                static_cast<double>(after_replaces.overlay_bytes) / kMiB, merge_replaces_s);
    auto check = index->Search({.query = groups.front().words.front().text, .limit = 0});
    if (!check.ok()) Die("search after the merges");
  }
  std::printf("\nload average after the run: %s\n", LoadAverage().c_str());
  return 0;
}

// kpi_bench: the casework KPI engine (src/engines/kpi) beside SQLite with covering indexes on the
// same cases, in one run, one measurement at a time (issue 5, "Speed").
//
//   generate   10,000,000 cases (bench/kpi/generator.h): 2,000 units, 8 channels, 300 categories,
//              2,925 communities, 20 chains, six years
//   engine     KpiEngine::Builder::Add for every generated Case, then Finish (time inside the
//              engine only); memory as the RSS growth across the build after malloc_trim, and the
//              engine's own count of its arrays (EngineStats::memory_bytes)
//   SQLite     a table of the same cases' contributions (day, unit, channel, category, region,
//              chain, the counts' bit mask, the running due time), loaded with one prepared INSERT
//              per row, 200,000 rows per transaction, into a temporary file; then covering indexes
//              (day, …), (unit, day, …) and (channel, day, …) holding every column the queries read;
//              mmap and a large cache so that reads come from memory as the engine's do
//   queries    each shape with fresh windows per repetition (the same windows on both sides): the
//              engine's Run (grouping, names of groups excluded) and the SQL statement (SUM of each
//              count bit, GROUP BY the same key), p50/p99 wall time; the first repetition of each
//              shape compares every group's figures and aborts on a difference
//
// Usage: kpi_bench [--cases N] [--reps R] [--sqlite-reps R] [--sqlite-budget SECONDS] [--seed S]
//                  [--no-sqlite] [--db-dir DIR]
#include <malloc.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/china_time.h"
#include "domain/calendar/work_calendar.h"
#include "engines/kpi/kpi_engine.h"
#include "../common.h"
#include "generator.h"

namespace {

namespace kpi = lz::engines::kpi;
using namespace lz::bench;  // NOLINT: Clock, Ms, Die, Rss, Summarise …
constexpr double kTargetMs = 5.0;

std::string Day(int64_t day) { return lz::calendar::FormatDate(lz::DateOfDayNumber(day)); }

// The first day of the month `months_after` months after the month of `first_day`.
int64_t MonthStart(int64_t first_day, int months_after) {
  const auto ymd = lz::DateOfDayNumber(first_day);
  return lz::calendar::MonthDays(static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())) + months_after)
      .first;
}

// ---- SQLite ----------------------------------------------------------------------------------

struct Sqlite {
  sqlite3* db = nullptr;
  ~Sqlite() {
    if (db) sqlite3_close(db);
  }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "?";
      sqlite3_free(err);
      Die("sqlite: " + msg + " in " + sql);
    }
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) Die(std::string("sqlite: ") + sqlite3_errmsg(db) + " in " + sql);
    return st;
  }
};

constexpr const char* kIndexColumns = "channel, category, region, chain, mask, due";

// ---- Query shapes ----------------------------------------------------------------------------

using Groups = std::map<std::string, kpi::Figures>;

struct Shape {
  std::string name;
  kpi::GroupBy by = kpi::GroupBy::kNone;
  int months = 12;     // window length in months (0: see days)
  int days = 0;        // window length in days when months == 0
  bool one_unit = false;
  int unit_set = 0;    // a scope of this many units
  std::string channel;
  std::string category_prefix;
  std::string region_prefix;
  kpi::Bucket bucket = kpi::Bucket::kNone;
  bool whole_range = false;
};

std::string KeyString(kpi::GroupBy by, const kpi::GroupKey& k) {
  return by == kpi::GroupBy::kUnit || by == kpi::GroupBy::kChain ? std::to_string(k.id) : k.code;
}

std::string GroupSql(kpi::GroupBy by) {
  switch (by) {
    case kpi::GroupBy::kNone: return "''";
    case kpi::GroupBy::kUnit: return "unit";
    case kpi::GroupBy::kChannel: return "channel";
    case kpi::GroupBy::kCategory: return "substr(category, 1, 2)";
    case kpi::GroupBy::kRegion: return "substr(region, 1, 6)";
    case kpi::GroupBy::kChain: return "chain";
  }
  return "''";
}

std::string NextPrefix(std::string p) {
  p.back() = static_cast<char>(p.back() + 1);
  return p;
}

struct Window {
  int64_t from = 0, to = 0;
  std::vector<int64_t> units;
};

int main_impl(int argc, char** argv) {
  lz::bench::KpiGeneratorOptions gen_options;
  int reps = 200, sqlite_reps = 20;
  double sqlite_budget_s = 4;
  bool with_sqlite = true;
  std::string db_dir = std::filesystem::temp_directory_path().string();
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--cases") gen_options.cases = std::atoll(next().c_str());
    else if (a == "--reps") reps = std::atoi(next().c_str());
    else if (a == "--sqlite-reps") sqlite_reps = std::atoi(next().c_str());
    else if (a == "--sqlite-budget") sqlite_budget_s = std::atof(next().c_str());
    else if (a == "--seed") gen_options.seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--no-sqlite") with_sqlite = false;
    else if (a == "--db-dir") db_dir = next();
    else Die("unknown option " + a + " (see the header of bench/kpi/kpi_bench.cc)");
  }
  lz::bench::CaseGenerator gen(gen_options);
  const kpi::OnTheSpotChannels on_the_spot = {"patrol"};
  const lz::TimeMs now = gen.now();
  std::printf("kpi_bench — %lld cases, %lld units, %zu channels, %zu categories, %zu communities, %d chains, %s … %s\n",
              static_cast<long long>(gen_options.cases), static_cast<long long>(gen.unit_count()), gen.channels().size(),
              gen.categories().size(), gen.communities().size(), gen.chain_count(), Day(gen.first_day()).c_str(),
              Day(gen.last_day()).c_str());
  std::printf("machine: %ld cores; load average (1, 5, 15 min) at start %s\n", sysconf(_SC_NPROCESSORS_ONLN), LoadAverage().c_str());
  std::fflush(stdout);

  // ---- Engine build.
  const int64_t rss_before = SettledRss();
  kpi::KpiEngine::Builder builder(on_the_spot);
  Clock::duration in_engine{};
  const auto gen_start = Clock::now();
  gen.Generate([&](const lz::casework::Case& c) {
    const auto t = Clock::now();
    if (!builder.Add(c).ok()) Die("engine refused case " + std::to_string(c.id));
    in_engine += Clock::now() - t;
  });
  const auto finish_start = Clock::now();
  std::unique_ptr<kpi::KpiEngine> engine = builder.Finish();
  const auto finish = Clock::now() - finish_start;
  const double total_build_s = Ms(Clock::now() - gen_start) / 1000;
  const int64_t rss_after = SettledRss();
  const kpi::EngineStats es = engine->Stats();
  std::printf("engine build: %.1f s in the engine (Add %.1f s + Finish %.1f s; %.1f s with generation)\n",
              (Ms(in_engine) + Ms(finish)) / 1000, Ms(in_engine) / 1000, Ms(finish) / 1000, total_build_s);
  std::printf("engine memory: %.0f MiB RSS growth, %.0f MiB by its own count (%lld cases, %lld days, %lld months, "
              "%lld cube keys, %lld masks, %lld running)\n",
              static_cast<double>(rss_after - rss_before) / kMiB, static_cast<double>(es.memory_bytes) / kMiB,
              static_cast<long long>(es.cases), static_cast<long long>(es.days), static_cast<long long>(es.months),
              static_cast<long long>(es.cube_keys), static_cast<long long>(es.masks), static_cast<long long>(es.running));
  std::fflush(stdout);

  // ---- SQLite load.
  Sqlite sql;
  std::string db_path = db_dir + "/kpi_bench_" + std::to_string(getpid()) + ".db";
  if (with_sqlite) {
    if (sqlite3_open(db_path.c_str(), &sql.db) != SQLITE_OK) Die("cannot open " + db_path);
    sql.Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
    sql.Exec("CREATE TABLE cases(id INTEGER PRIMARY KEY, day INTEGER NOT NULL, unit INTEGER NOT NULL, channel TEXT NOT NULL, "
             "category TEXT NOT NULL, region TEXT NOT NULL, chain INTEGER NOT NULL, mask INTEGER NOT NULL, due INTEGER)");
    sqlite3_stmt* ins = sql.Prepare("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const auto load_start = Clock::now();
    int64_t rows = 0;
    sql.Exec("BEGIN");
    gen.Generate([&](const lz::casework::Case& c) {
      auto contribution = kpi::ContributionOf(c, on_the_spot);
      if (!contribution) return;
      sqlite3_bind_int64(ins, 1, c.id);
      sqlite3_bind_int64(ins, 2, contribution->day);
      sqlite3_bind_int64(ins, 3, contribution->unit_id);
      sqlite3_bind_text(ins, 4, contribution->channel.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 5, contribution->category_code.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 6, contribution->region_code.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins, 7, contribution->chain_id);
      sqlite3_bind_int64(ins, 8, contribution->mask);
      if (contribution->running_due) sqlite3_bind_int64(ins, 9, *contribution->running_due);
      else sqlite3_bind_null(ins, 9);
      if (sqlite3_step(ins) != SQLITE_DONE) Die(std::string("insert: ") + sqlite3_errmsg(sql.db));
      sqlite3_reset(ins);
      if (++rows % 200000 == 0) sql.Exec("COMMIT; BEGIN");
    });
    sql.Exec("COMMIT");
    sqlite3_finalize(ins);
    const double load_s = Ms(Clock::now() - load_start) / 1000;
    const auto index_start = Clock::now();
    sql.Exec(std::string("CREATE INDEX cases_day ON cases(day, unit, ") + kIndexColumns + ")");
    sql.Exec(std::string("CREATE INDEX cases_unit ON cases(unit, day, ") + kIndexColumns + ")");
    sql.Exec("CREATE INDEX cases_channel ON cases(channel, day, unit, category, region, chain, mask, due)");
    sql.Exec("ANALYZE");
    const double index_s = Ms(Clock::now() - index_start) / 1000;
    sql.Exec("PRAGMA mmap_size=17179869184");
    std::printf("sqlite %s: load %.1f s (%lld rows, prepared INSERT, 200,000 per transaction, generation included) + "
                "covering indexes and ANALYZE %.1f s; file %.0f MiB\n",
                sqlite3_libversion(), load_s, static_cast<long long>(rows), index_s,
                static_cast<double>(std::filesystem::file_size(db_path)) / kMiB);
    std::fflush(stdout);
  }

  // ---- Queries.
  const int64_t first_day = gen.first_day(), last_day = gen.last_day();
  const int total_months = static_cast<int>((last_day - first_day + 1) / 365.25 * 12 + 0.5);
  std::vector<Shape> shapes;
  // A shape: name, grouping, then what differs from "all units × 12 months".
  auto add = [&](std::string name, kpi::GroupBy by, const std::function<void(Shape&)>& tweak = {}) {
    Shape s;
    s.name = std::move(name);
    s.by = by;
    if (tweak) tweak(s);
    shapes.push_back(std::move(s));
  };
  using G = kpi::GroupBy;
  add("one unit × 12 months", G::kNone, [](Shape& s) { s.one_unit = true; });
  add("one unit × 12 months by channel", G::kChannel, [](Shape& s) { s.one_unit = true; });
  add("one unit × 12 months, monthly series", G::kNone, [](Shape& s) {
    s.one_unit = true;
    s.bucket = kpi::Bucket::kMonth;
  });
  add("all units × one month by unit", G::kUnit, [](Shape& s) { s.months = 1; });
  add("all units × 12 months by unit", G::kUnit);
  add("all units × 12 months by channel", G::kChannel);
  add("all units × 12 months by category", G::kCategory);
  add("all units × 12 months by region", G::kRegion);
  add("all units × 12 months by chain", G::kChain);
  add("all units × 12 months, monthly series", G::kNone, [](Shape& s) { s.bucket = kpi::Bucket::kMonth; });
  add("all units × a day by unit", G::kUnit, [](Shape& s) {
    s.months = 0;
    s.days = 1;
  });
  add("all units × custom window (299 d) by category", G::kCategory, [](Shape& s) {
    s.months = 0;
    s.days = 299;
  });
  add("all units × six years by unit", G::kUnit, [](Shape& s) { s.whole_range = true; });
  add("patrol × 12 months by unit", G::kUnit, [](Shape& s) { s.channel = "patrol"; });
  add("category 03 × 12 months by region", G::kRegion, [](Shape& s) { s.category_prefix = "03"; });
  add("county 360802 × 12 months by channel", G::kChannel, [](Shape& s) { s.region_prefix = "360802"; });
  add("50 units (a scope) × 12 months by channel", G::kChannel, [](Shape& s) { s.unit_set = 50; });

  uint64_t rng = 7;
  auto rand_below = [&](int64_t n) {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<int64_t>((rng >> 33) % static_cast<uint64_t>(n));
  };
  auto window = [&](const Shape& s) {
    Window w;
    if (s.whole_range) {
      w.from = first_day;
      w.to = last_day;
    } else if (s.months > 0) {
      const int start = static_cast<int>(rand_below(total_months - s.months + 1));
      w.from = MonthStart(first_day, start);
      w.to = MonthStart(first_day, start + s.months) - 1;
    } else {
      w.from = first_day + rand_below(last_day - first_day + 1 - s.days + 1);
      w.to = w.from + s.days - 1;
    }
    if (s.one_unit) w.units = {1 + rand_below(gen.unit_count())};
    for (int i = 0; i < s.unit_set; ++i) w.units.push_back(1 + rand_below(gen.unit_count()));
    return w;
  };
  auto engine_query = [&](const Shape& s, const Window& w) {
    kpi::Query q;
    q.from_day = w.from;
    q.to_day = w.to;
    q.by = s.by;
    q.now = now;
    q.bucket = s.bucket;
    q.region_level = lz::org::RegionLevel::kCounty;
    if (!w.units.empty()) q.filter.unit_ids = w.units;
    q.filter.channel = s.channel;
    q.filter.category_prefix = s.category_prefix;
    q.filter.region_prefix = s.region_prefix;
    return q;
  };
  auto run_engine = [&](const Shape& s, const Window& w, Groups* out) {
    auto report = engine->Run(engine_query(s, w));
    if (!report.ok()) Die("engine: " + report.status().ToString());
    if (out) {
      if (s.bucket != kpi::Bucket::kNone) {
        for (const auto& p : report->series) {
          if (!p.figures.Empty()) (*out)[p.label.substr(0, 7)] = p.figures;
        }
      } else if (s.by == kpi::GroupBy::kNone) {
        if (!report->total.Empty()) (*out)[""] = report->total;
      } else {
        for (const auto& row : report->rows) (*out)[KeyString(s.by, row.key)] = row.figures;
      }
    }
  };
  auto sql_statement = [&](const Shape& s, const Window& w) {
    std::string select = "SELECT " + (s.bucket != kpi::Bucket::kNone ? std::string("strftime('%Y-%m', day * 86400, 'unixepoch')")
                                                                     : GroupSql(s.by));
    for (int b = 0; b < kpi::kCounterCount; ++b) select += ", SUM((mask >> " + std::to_string(b) + ") & 1)";
    select += ", SUM(due < " + std::to_string(now) + ")";
    std::string where = " FROM cases WHERE day BETWEEN " + std::to_string(w.from) + " AND " + std::to_string(w.to);
    if (w.units.size() == 1) where += " AND unit = " + std::to_string(w.units[0]);
    if (w.units.size() > 1) {
      where += " AND unit IN (";
      for (size_t i = 0; i < w.units.size(); ++i) where += (i ? "," : "") + std::to_string(w.units[i]);
      where += ")";
    }
    if (!s.channel.empty()) where += " AND channel = '" + s.channel + "'";
    if (!s.category_prefix.empty()) {
      where += " AND category >= '" + s.category_prefix + "' AND category < '" + NextPrefix(s.category_prefix) + "'";
    }
    if (!s.region_prefix.empty()) {
      where += " AND region >= '" + s.region_prefix + "' AND region < '" + NextPrefix(s.region_prefix) + "'";
    }
    std::string group = s.bucket != kpi::Bucket::kNone ? " GROUP BY 1" : s.by == kpi::GroupBy::kNone ? "" : " GROUP BY 1";
    return select + where + group;
  };
  auto run_sql = [&](const Shape& s, const Window& w, Groups* out) {
    sqlite3_stmt* st = sql.Prepare(sql_statement(s, w));
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      if (!out) continue;
      kpi::Figures f;
      for (int b = 0; b < kpi::kCounterCount; ++b) f.counts[static_cast<size_t>(b)] = sqlite3_column_int64(st, b + 1);
      f.overdue = sqlite3_column_int64(st, kpi::kCounterCount + 1);
      const unsigned char* key = sqlite3_column_text(st, 0);
      if (!f.Empty()) (*out)[key ? reinterpret_cast<const char*>(key) : ""] = f;
    }
    if (rc != SQLITE_DONE) Die(std::string("sqlite: ") + sqlite3_errmsg(sql.db));
    sqlite3_finalize(st);
  };

  std::printf("\nengine: wall p50 and p99 over n windows, and p99 of the thread's CPU time (no preemption);\n"
              "SQLite: wall p50 and max over n windows (at least 2, then until %.0f s or %d are spent); ratio of p50s\n",
              sqlite_budget_s, sqlite_reps);
  std::printf("\n%-46s %-8s %8s %8s %8s %4s   %9s %9s %3s  %9s  %s\n", "query", "plan", "p50 ms", "p99 ms", "cpu p99",
              "n", "SQLite p50", "max ms", "n", "SQLite/eng", "p99 ≤ 5 ms");
  int met = 0;
  for (const Shape& s : shapes) {
    // The windows, the same for both sides.
    std::vector<Window> windows;
    for (int i = 0; i < reps; ++i) windows.push_back(window(s));
    // Check the first window's figures on both sides.
    Groups mine, theirs;
    run_engine(s, windows[0], &mine);
    if (with_sqlite) {
      run_sql(s, windows[0], &theirs);
      if (mine != theirs) {
        Die("figures differ for \"" + s.name + "\": engine " + std::to_string(mine.size()) + " groups, SQLite " +
            std::to_string(theirs.size()) + "; statement " + sql_statement(s, windows[0]));
      }
    }
    const kpi::Plan plan = engine->PlanFor(engine_query(s, windows[0]));
    std::vector<double> engine_ms, engine_cpu_ms;
    for (const Window& w : windows) {
      const double cpu = ThreadCpuMs();
      const auto t = Clock::now();
      run_engine(s, w, nullptr);
      engine_ms.push_back(Ms(Clock::now() - t));
      engine_cpu_ms.push_back(ThreadCpuMs() - cpu);
    }
    std::vector<double> sql_ms;
    if (with_sqlite) {
      const auto budget_start = Clock::now();
      for (size_t i = 0; i < windows.size() && static_cast<int>(i) < sqlite_reps; ++i) {
        if (i >= 2 && Ms(Clock::now() - budget_start) > sqlite_budget_s * 1000) break;
        const auto t = Clock::now();
        run_sql(s, windows[i], nullptr);
        sql_ms.push_back(Ms(Clock::now() - t));
      }
    }
    const Stats e = Summarise(engine_ms), cpu = Summarise(engine_cpu_ms), q = Summarise(sql_ms);
    const bool ok = e.p99 <= kTargetMs;
    met += ok;
    char sql_text[64] = "        -         -   -", ratio[32] = "-";
    if (with_sqlite) {
      std::snprintf(sql_text, sizeof sql_text, "%9.1f %9.1f %3zu", q.p50, q.max, q.n);
      std::snprintf(ratio, sizeof ratio, "%.0fx", q.p50 / std::max(e.p50, 1e-6));
    }
    // Names hold multi-byte characters (×): pad by display width, not bytes.
    std::string name = s.name;
    size_t width = 0;
    for (unsigned char ch : name) width += (ch & 0xC0) != 0x80;
    if (width < 46) name.append(46 - width, ' ');
    std::printf("%s %-8s %8.3f %8.3f %8.3f %4zu   %s  %9s  %s\n", name.c_str(), std::string(kpi::PlanName(plan)).c_str(),
                e.p50, e.p99, cpu.p99, e.n, sql_text, ratio, ok ? "yes" : (cpu.p99 <= kTargetMs ? "NO (cpu yes)" : "NO"));
    std::fflush(stdout);
  }
  std::printf("\n%d of %zu shapes within the target (wall p99 ≤ %.0f ms); load average at the end %s\n", met,
              shapes.size(), kTargetMs, LoadAverage().c_str());
  std::printf("figures checked equal to SQLite's for the first window of every shape%s\n", with_sqlite ? "" : " (skipped: --no-sqlite)");
  if (with_sqlite) {
    sqlite3_close(sql.db);
    sql.db = nullptr;
    std::filesystem::remove(db_path);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return main_impl(argc, argv); }

// KpiEngine: the casework KPIs (kpi.h) as in-memory aggregates, updated on every change of a case
// and never computed by scanning cases at query time (issue 5 point 7). A query is filters (units,
// channel, category prefix, region prefix, chain) × a grouping (unit, channel, category or region
// at a level, chain, or none) × a period of KPI days, optionally with a time series by day, week,
// month or year.
//
// Layout (docs/kpi.md "How the figures are kept" has the measurements):
//   - one 16-byte record per counted case, in per-day buckets (the case's cell: unit, channel,
//     category, region, chain, and its counts as an interned mask);
//   - cubes: for each key of a dimension set (by default each single dimension, and channel ×
//     each other one) the counts cumulated over months, so any run of whole months costs one
//     subtraction per key; the days of a window's partial months are read from the day buckets
//     (at most about half a month at each end: a partial month is either added day by day or
//     taken whole with the days outside the window subtracted, whichever reads fewer records);
//   - posting lists per unit, category and chain (the case's position, in day order), for
//     filtered queries no cube answers;
//   - the running cases (open, not suspended, with a due time) ordered by due time, for overdue.
// Each query is planned on the records it would read: a cube (keys + edge days), a posting list
// (cases of the filtered values in the window) or the window's day buckets, whichever is least.
//
// Pure: no I/O, no clock (`now` comes with the query). Concurrency: many readers, one writer
// (std::shared_mutex): Run takes the lock shared; Upsert, UpsertMany and Remove exclusive, so a
// query sees every case of a batch before or after it, never between.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/casework/case.h"
#include "domain/org/region.h"
#include "engines/kpi/kpi.h"

namespace lz::engines::kpi {

enum class Dim : uint8_t { kUnit, kChannel, kCategory, kRegion, kChain };
inline constexpr int kDimCount = 5;

enum class GroupBy { kNone, kUnit, kChannel, kCategory, kRegion, kChain };
std::string_view GroupByName(GroupBy by);  // "none", "unit", "channel", "category", "region", "chain"
std::optional<GroupBy> ParseGroupBy(std::string_view name);

enum class Bucket { kNone, kDay, kWeek, kMonth, kYear };
std::string_view BucketName(Bucket bucket);  // "none", "day", "week", "month", "year"
std::optional<Bucket> ParseBucket(std::string_view name);

struct Filter {
  // nullopt: every case, also those with no lead unit; otherwise only cases whose lead unit is
  // listed (an empty list matches nothing).
  std::optional<std::vector<int64_t>> unit_ids;
  std::string channel;          // "" for every channel
  std::string category_prefix;  // category code starts with this ("" for all)
  std::string region_prefix;    // region code starts with this ("" for all)
  std::optional<int64_t> chain_id;  // 0: cases about no chain
};

inline constexpr int kMaxCategoryLevel = 8;
inline constexpr int kMaxSeriesPoints = 1000;

struct Query {
  int64_t from_day = 0;  // first KPI day, China Standard Time day number
  int64_t to_day = 0;    // last KPI day (inclusive); ≥ from_day
  Filter filter;
  GroupBy by = GroupBy::kNone;
  int category_level = 1;  // by category: the first 2 × level characters of the code (1..8)
  org::RegionLevel region_level = org::RegionLevel::kCounty;  // by region: the code at this level
  Bucket bucket = Bucket::kNone;  // also a series over the window, clipped to it
  TimeMs now = 0;                 // overdue = running cases with due time < now
};

// A group: unit and chain by id (0 = none), channel, category and region by code (a case whose
// code is coarser than the level asked stays in the group of its own code).
struct GroupKey {
  int64_t id = 0;
  std::string code;
  bool operator==(const GroupKey&) const = default;
};

struct Row {
  GroupKey key;
  Figures figures;
};

struct SeriesPoint {
  std::string label;  // "2025-03-05", "2025-W10" (ISO week), "2025-03", "2025"
  int64_t from_day = 0;
  int64_t to_day = 0;
  Figures figures;
};

struct Report {
  Figures total;
  std::vector<Row> rows;             // groups with any non-zero figure, by key (id, then code); empty for kNone
  std::vector<SeriesPoint> series;   // when a bucket was asked
};

// How a query was answered (for the bench and tests; nothing depends on it).
enum class Plan { kCube, kPostings, kScan };
std::string_view PlanName(Plan plan);  // "cube", "postings", "scan"

struct EngineStats {
  int64_t cases = 0;         // counted cases held
  int64_t days = 0;          // day buckets
  int64_t months = 0;        // months the cubes span
  int64_t units = 0, channels = 0, categories = 0, regions = 0, chains = 0;  // distinct values seen
  int64_t masks = 0;         // distinct count patterns
  int64_t cube_keys = 0;     // keys over every cube
  int64_t running = 0;       // cases in the overdue index
  size_t memory_bytes = 0;   // the engine's own arrays (capacity), approximate for hash maps
};

struct EngineOptions {
  // Dimension sets kept as month cubes (each ≤ 2 dimensions). Default: each dimension alone and
  // channel × unit, category, region and chain.
  std::vector<std::vector<Dim>> cubes = DefaultCubes();
  // Dimensions with posting lists. Default: unit, category, chain.
  std::vector<Dim> postings = DefaultPostings();
  static std::vector<std::vector<Dim>> DefaultCubes();
  static std::vector<Dim> DefaultPostings();
};

class KpiEngine {
 public:
  // `on_the_spot_channels` decides Counter::kFindings; when it changes the engine must be rebuilt.
  explicit KpiEngine(OnTheSpotChannels on_the_spot_channels, EngineOptions options = {});
  ~KpiEngine();
  KpiEngine(const KpiEngine&) = delete;
  KpiEngine& operator=(const KpiEngine&) = delete;

  // Bulk load: Add every case (any order; a later Add of the same id replaces the earlier), then
  // Finish builds the cubes in one pass. Not thread-safe until Finish returns the engine.
  class Builder {
   public:
    explicit Builder(OnTheSpotChannels on_the_spot_channels, EngineOptions options = {});
    ~Builder();
    Status Add(const casework::Case& c);
    Status Add(const Contribution& contribution);
    std::unique_ptr<KpiEngine> Finish();

   private:
    std::unique_ptr<KpiEngine> engine_;
  };

  const OnTheSpotChannels& on_the_spot_channels() const { return on_the_spot_channels_; }

  // Replaces the case's contribution with its current one (removes it when the case no longer
  // counts). Errors (nothing changed): FailedPrecondition when a value table is full (more than
  // 65,535 categories or chains, 255 channels).
  Status Upsert(const casework::Case& c);
  Status Upsert(const Contribution& contribution);
  // Several cases under one exclusive lock (a committed batch). Stops at the first error; the
  // cases before it stay applied.
  Status UpsertMany(const std::vector<casework::Case>& cases);
  // Forgets the case; nothing when it is not held.
  void Remove(int64_t case_id);

  // Answers a query. InvalidArgument (field named) for to_day < from_day, a category level
  // outside 1..8, or a series of more than kMaxSeriesPoints buckets.
  Result<Report> Run(const Query& query) const;
  // The plan Run would choose for the query's grouped figures (series buckets plan separately).
  Plan PlanFor(const Query& query) const;

  EngineStats Stats() const;

 private:
  friend class QueryRunner;
  struct State;
  Status UpsertLocked(const Contribution& contribution);
  void RemoveLocked(int64_t case_id);

  OnTheSpotChannels on_the_spot_channels_;
  mutable std::shared_mutex mu_;
  std::unique_ptr<State> state_;
};

}  // namespace lz::engines::kpi

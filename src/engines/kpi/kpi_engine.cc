// KpiEngine: records in day buckets, month cubes, posting lists, the overdue index, and the
// query planner that picks the cheapest of them.
#include "engines/kpi/kpi_engine.h"

#include <algorithm>
#include <climits>
#include <mutex>
#include <unordered_map>

#include "common/enum_names.h"
#include "engines/kpi/internal/calendar.h"
#include "engines/kpi/internal/cube.h"
#include "engines/kpi/internal/tables.h"

namespace lz::engines::kpi {
namespace {

using internal::Cell;
using internal::CodeInterner;
using internal::Cube;
using internal::IdInterner;
using internal::Loc;
using internal::LocIndex;
using internal::MaskTable;
using internal::Record;
using internal::ValueOf;

using N = std::string_view;
constexpr auto kGroupByNames = MakeEnumNames<GroupBy>(
    std::pair{GroupBy::kNone, N("none")}, std::pair{GroupBy::kUnit, N("unit")},
    std::pair{GroupBy::kChannel, N("channel")}, std::pair{GroupBy::kCategory, N("category")},
    std::pair{GroupBy::kRegion, N("region")}, std::pair{GroupBy::kChain, N("chain")});
constexpr auto kBucketNames = MakeEnumNames<Bucket>(
    std::pair{Bucket::kNone, N("none")}, std::pair{Bucket::kDay, N("day")}, std::pair{Bucket::kWeek, N("week")},
    std::pair{Bucket::kMonth, N("month")}, std::pair{Bucket::kYear, N("year")});
constexpr auto kPlanNames = MakeEnumNames<Plan>(std::pair{Plan::kCube, N("cube")},
                                                std::pair{Plan::kPostings, N("postings")},
                                                std::pair{Plan::kScan, N("scan")});

// Relative costs for the planner, in "sequentially scanned records": a cube key reads two 60-byte
// cells of two rows; a posting reads a record at a random place.
constexpr int64_t kKeyCost = 4;
constexpr int64_t kPostingCost = 4;

constexpr size_t kMaxChannels = 255;
constexpr size_t kMaxSmallValues = 65535;  // categories, chains (16-bit indices)

constexpr uint8_t DimBit(Dim d) { return static_cast<uint8_t>(1u << static_cast<unsigned>(d)); }

std::optional<Dim> DimOf(GroupBy by) {
  switch (by) {
    case GroupBy::kNone: return std::nullopt;
    case GroupBy::kUnit: return Dim::kUnit;
    case GroupBy::kChannel: return Dim::kChannel;
    case GroupBy::kCategory: return Dim::kCategory;
    case GroupBy::kRegion: return Dim::kRegion;
    case GroupBy::kChain: return Dim::kChain;
  }
  return std::nullopt;
}

size_t RegionCodeLength(org::RegionLevel level) {
  switch (level) {
    case org::RegionLevel::kProvince: return 2;
    case org::RegionLevel::kCity: return 4;
    case org::RegionLevel::kCounty: return 6;
    case org::RegionLevel::kTownship: return 9;
    case org::RegionLevel::kCommunity: return 12;
  }
  return 6;
}

// A day range to read from the day buckets, added (+1) or subtracted (−1).
struct Span {
  int64_t first = 0;
  int64_t last = 0;
  int sign = 1;
};

// Whole months [month_a, month_b) from a cube plus the spans at the edges.
struct WindowPlan {
  int64_t month_a = 0;
  int64_t month_b = 0;
  std::vector<Span> spans;
  int64_t span_records = 0;
};

}  // namespace

std::string_view GroupByName(GroupBy by) { return kGroupByNames.Name(by); }
std::optional<GroupBy> ParseGroupBy(std::string_view name) { return kGroupByNames.Parse(name); }
std::string_view BucketName(Bucket bucket) { return kBucketNames.Name(bucket); }
std::optional<Bucket> ParseBucket(std::string_view name) { return kBucketNames.Parse(name); }
std::string_view PlanName(Plan plan) { return kPlanNames.Name(plan); }

std::vector<std::vector<Dim>> EngineOptions::DefaultCubes() {
  return {{Dim::kUnit},
          {Dim::kChannel},
          {Dim::kCategory},
          {Dim::kRegion},
          {Dim::kChain},
          {Dim::kChannel, Dim::kUnit},
          {Dim::kChannel, Dim::kCategory},
          {Dim::kChannel, Dim::kRegion},
          {Dim::kChannel, Dim::kChain}};
}

std::vector<Dim> EngineOptions::DefaultPostings() { return {Dim::kUnit, Dim::kCategory, Dim::kChain}; }

// ---- State -----------------------------------------------------------------------------------

struct KpiEngine::State {
  EngineOptions options;
  bool bulk = false;
  IdInterner units, chains;
  CodeInterner channels, categories, regions;
  MaskTable masks;
  int64_t first_day = 0;
  std::vector<std::vector<Record>> days;  // days[i]: the records of day first_day + i
  LocIndex locs;
  std::vector<Cube> cubes;
  std::array<bool, kDimCount> has_postings{};
  std::array<std::vector<std::vector<Loc>>, kDimCount> postings;  // [dim][value]: locs in order
  // The running cases (open, not suspended, with a due time) ordered by (due, id), each with a copy
  // of its record so that the overdue walk reads one contiguous array. Kept sorted on every update
  // (a binary search and a move of the tail: tens of thousands of entries); built at Finish.
  struct Running {
    TimeMs due = 0;
    int64_t id = 0;
    int32_t day = 0;
    Record record;
    auto Key() const { return std::make_pair(due, id); }
  };
  std::vector<Running> running;
  std::unordered_map<int64_t, TimeMs> running_due;

  const std::vector<Record>* DayIfAny(int64_t day) const {
    if (days.empty() || day < first_day || day >= first_day + static_cast<int64_t>(days.size())) return nullptr;
    return &days[static_cast<size_t>(day - first_day)];
  }
  std::vector<Record>& Day(int64_t day) {
    if (days.empty()) {
      first_day = day;
      days.resize(1);
    } else if (day < first_day) {
      days.insert(days.begin(), static_cast<size_t>(first_day - day), std::vector<Record>());
      first_day = day;
    } else if (day >= first_day + static_cast<int64_t>(days.size())) {
      days.resize(static_cast<size_t>(day - first_day + 1));
    }
    return days[static_cast<size_t>(day - first_day)];
  }
  Record& At(Loc loc) { return days[static_cast<size_t>(loc.day - first_day)][loc.idx]; }
  const Record& At(Loc loc) const { return days[static_cast<size_t>(loc.day - first_day)][loc.idx]; }

  // Records held in the day buckets of [first, last] (tombstones included): the planner's measure.
  int64_t RecordsIn(int64_t first, int64_t last) const {
    if (days.empty()) return 0;
    first = std::max(first, first_day);
    last = std::min(last, first_day + static_cast<int64_t>(days.size()) - 1);
    int64_t n = 0;
    for (int64_t d = first; d <= last; ++d) n += static_cast<int64_t>(days[static_cast<size_t>(d - first_day)].size());
    return n;
  }

  static bool Listed(Dim d, uint32_t value) { return !((d == Dim::kUnit || d == Dim::kChain) && value == 0); }

  void PostingsInsert(const Record& r, Loc loc) {
    for (int i = 0; i < kDimCount; ++i) {
      if (!has_postings[static_cast<size_t>(i)]) continue;
      const Dim d = static_cast<Dim>(i);
      const uint32_t v = ValueOf(r, d);
      if (!Listed(d, v)) continue;
      auto& lists = postings[static_cast<size_t>(i)];
      if (lists.size() <= v) lists.resize(v + 1);
      auto& list = lists[v];
      list.insert(std::lower_bound(list.begin(), list.end(), loc), loc);
    }
  }
  void PostingsErase(const Record& r, Loc loc) {
    for (int i = 0; i < kDimCount; ++i) {
      if (!has_postings[static_cast<size_t>(i)]) continue;
      const Dim d = static_cast<Dim>(i);
      const uint32_t v = ValueOf(r, d);
      if (!Listed(d, v)) continue;
      auto& lists = postings[static_cast<size_t>(i)];
      if (lists.size() <= v) continue;
      auto& list = lists[v];
      auto it = std::lower_bound(list.begin(), list.end(), loc);
      if (it != list.end() && *it == loc) list.erase(it);
    }
  }
  void CubesAdd(const Record& r, int64_t day, int sign) {
    const int64_t month = internal::MonthOf(day);
    const Mask mask = masks.Value(r.mask);
    for (Cube& cube : cubes) cube.Add(month, cube.KeyOf(r), mask, sign);
  }
  // Records the case's running due time (nullopt: not running). In bulk mode only the map is
  // kept; Finish builds the sorted array.
  void SetRunning(int64_t id, std::optional<TimeMs> due, Loc loc, const Record& record) {
    auto by_key = [](const Running& a, const std::pair<TimeMs, int64_t>& k) { return a.Key() < k; };
    auto it = running_due.find(id);
    if (it != running_due.end()) {
      if (!bulk) {
        auto pos = std::lower_bound(running.begin(), running.end(), std::make_pair(it->second, id), by_key);
        if (pos != running.end() && pos->id == id) running.erase(pos);
      }
      running_due.erase(it);
    }
    if (!due) return;
    running_due.emplace(id, *due);
    if (!bulk) {
      auto pos = std::lower_bound(running.begin(), running.end(), std::make_pair(*due, id), by_key);
      running.insert(pos, Running{*due, id, loc.day, record});
    }
  }
};

// ---- Building and updating -------------------------------------------------------------------

KpiEngine::KpiEngine(OnTheSpotChannels on_the_spot_channels, EngineOptions options)
    : on_the_spot_channels_(std::move(on_the_spot_channels)), state_(std::make_unique<State>()) {
  for (const auto& dims : options.cubes) {
    if (!dims.empty() && dims.size() <= 2) state_->cubes.emplace_back(dims);
  }
  for (Dim d : options.postings) state_->has_postings[static_cast<size_t>(d)] = true;
  state_->options = std::move(options);
}

KpiEngine::~KpiEngine() = default;

KpiEngine::Builder::Builder(OnTheSpotChannels on_the_spot_channels, EngineOptions options)
    : engine_(std::make_unique<KpiEngine>(std::move(on_the_spot_channels), std::move(options))) {
  engine_->state_->bulk = true;
}

KpiEngine::Builder::~Builder() = default;

Status KpiEngine::Builder::Add(const casework::Case& c) {
  auto contribution = ContributionOf(c, engine_->on_the_spot_channels_);
  if (!contribution) {
    engine_->RemoveLocked(c.id);
    return Status::Ok();
  }
  return engine_->UpsertLocked(*contribution);
}

Status KpiEngine::Builder::Add(const Contribution& contribution) { return engine_->UpsertLocked(contribution); }

std::unique_ptr<KpiEngine> KpiEngine::Builder::Finish() {
  State& s = *engine_->state_;
  s.bulk = false;
  // The month range of the live records.
  int64_t first = 0, last = -1;
  bool any = false;
  for (size_t i = 0; i < s.days.size(); ++i) {
    bool live = std::any_of(s.days[i].begin(), s.days[i].end(), [](const Record& r) { return r.live != 0; });
    if (!live) continue;
    const int64_t day = s.first_day + static_cast<int64_t>(i);
    if (!any) first = day;
    last = day;
    any = true;
  }
  if (any) {
    for (Cube& cube : s.cubes) cube.BeginBulk(internal::MonthOf(first), internal::MonthOf(last));
  }
  int64_t month = 0, next_month_day = INT64_MIN;
  for (size_t i = 0; i < s.days.size(); ++i) {
    const int64_t day = s.first_day + static_cast<int64_t>(i);
    if (day >= next_month_day) {
      month = internal::MonthOf(day);
      next_month_day = internal::FirstDayOfMonth(month + 1);
    }
    auto& bucket = s.days[i];
    for (uint32_t idx = 0; idx < bucket.size(); ++idx) {
      const Record& r = bucket[idx];
      if (!r.live) continue;
      const Mask mask = s.masks.Value(r.mask);
      for (Cube& cube : s.cubes) cube.AddBulk(month, cube.KeyOf(r), mask);
      const Loc loc{static_cast<int32_t>(day), idx};
      for (int d = 0; d < kDimCount; ++d) {
        if (!s.has_postings[static_cast<size_t>(d)]) continue;
        const uint32_t v = ValueOf(r, static_cast<Dim>(d));
        if (!State::Listed(static_cast<Dim>(d), v)) continue;
        auto& lists = s.postings[static_cast<size_t>(d)];
        if (lists.size() <= v) lists.resize(v + 1);
        lists[v].push_back(loc);
      }
    }
  }
  if (any) {
    for (Cube& cube : s.cubes) cube.FinishBulk();
  }
  for (auto& lists : s.postings) {
    for (auto& list : lists) list.shrink_to_fit();
  }
  s.running.clear();
  s.running.reserve(s.running_due.size());
  for (const auto& [id, due] : s.running_due) {
    auto loc = s.locs.Find(id);
    if (loc) s.running.push_back(State::Running{due, id, loc->day, s.At(*loc)});
  }
  std::sort(s.running.begin(), s.running.end(), [](const State::Running& a, const State::Running& b) { return a.Key() < b.Key(); });
  return std::move(engine_);
}

Status KpiEngine::UpsertLocked(const Contribution& c) {
  State& s = *state_;
  if (c.day < INT32_MIN + 1 || c.day > INT32_MAX) return InvalidArgument("the KPI day is out of range", "day");
  // Intern first: a full table refuses the case before anything changes.
  if (!s.channels.Find(c.channel) && s.channels.size() >= kMaxChannels) {
    return FailedPrecondition("more than 255 channels: the KPI engine cannot hold another");
  }
  if (!s.categories.Find(c.category_code) && s.categories.size() >= kMaxSmallValues) {
    return FailedPrecondition("more than 65,535 categories: the KPI engine cannot hold another");
  }
  if (!s.chains.Find(c.chain_id) && s.chains.size() >= kMaxSmallValues) {
    return FailedPrecondition("more than 65,535 chains: the KPI engine cannot hold another");
  }
  Record r;
  r.unit = s.units.Intern(c.unit_id);
  r.region = s.regions.Intern(c.region_code);
  r.category = static_cast<uint16_t>(s.categories.Intern(c.category_code));
  r.chain = static_cast<uint16_t>(s.chains.Intern(c.chain_id));
  r.channel = static_cast<uint8_t>(s.channels.Intern(c.channel));
  r.live = 1;
  r.mask = s.masks.Intern(c.mask);

  if (auto old = s.locs.Find(c.case_id); old && old->day == c.day) {
    Record& o = s.At(*old);
    if (!s.bulk) {
      s.CubesAdd(o, c.day, -1);
      s.CubesAdd(r, c.day, +1);
      if (o.unit != r.unit || o.category != r.category || o.chain != r.chain || o.channel != r.channel ||
          o.region != r.region) {
        s.PostingsErase(o, *old);
        s.PostingsInsert(r, *old);
      }
    }
    o = r;
    s.SetRunning(c.case_id, c.running_due, *old, r);
    return Status::Ok();
  } else if (old) {
    RemoveLocked(c.case_id);  // its day moved (not expected: a KPI day is fixed once set)
  }
  auto& bucket = s.Day(c.day);
  const Loc loc{static_cast<int32_t>(c.day), static_cast<uint32_t>(bucket.size())};
  bucket.push_back(r);
  s.locs.Set(c.case_id, loc);
  if (!s.bulk) {
    s.CubesAdd(r, c.day, +1);
    s.PostingsInsert(r, loc);
  }
  s.SetRunning(c.case_id, c.running_due, loc, r);
  return Status::Ok();
}

void KpiEngine::RemoveLocked(int64_t case_id) {
  State& s = *state_;
  auto loc = s.locs.Find(case_id);
  if (!loc) return;
  Record& r = s.At(*loc);
  if (!s.bulk) {
    s.CubesAdd(r, loc->day, -1);
    s.PostingsErase(r, *loc);
  }
  r.live = 0;
  r.mask = 0;
  s.locs.Erase(case_id);
  s.SetRunning(case_id, std::nullopt, *loc, r);
}

Status KpiEngine::Upsert(const casework::Case& c) {
  auto contribution = ContributionOf(c, on_the_spot_channels_);
  std::unique_lock lock(mu_);
  if (!contribution) {
    RemoveLocked(c.id);
    return Status::Ok();
  }
  return UpsertLocked(*contribution);
}

Status KpiEngine::Upsert(const Contribution& contribution) {
  std::unique_lock lock(mu_);
  return UpsertLocked(contribution);
}

Status KpiEngine::UpsertMany(const std::vector<casework::Case>& cases) {
  std::vector<std::pair<int64_t, std::optional<Contribution>>> contributions;
  contributions.reserve(cases.size());
  for (const auto& c : cases) contributions.emplace_back(c.id, ContributionOf(c, on_the_spot_channels_));
  std::unique_lock lock(mu_);
  for (const auto& [id, contribution] : contributions) {
    if (contribution) {
      RETURN_IF_ERROR(UpsertLocked(*contribution));
    } else {
      RemoveLocked(id);
    }
  }
  return Status::Ok();
}

void KpiEngine::Remove(int64_t case_id) {
  std::unique_lock lock(mu_);
  RemoveLocked(case_id);
}

// ---- Queries ---------------------------------------------------------------------------------

namespace {

// A query turned into tables over the engine's value indices.
struct Compiled {
  bool nothing = false;  // no case can match
  uint8_t filter_dims = 0;
  bool unit_filter = false;
  std::vector<uint8_t> unit_ok;
  std::vector<uint32_t> unit_values;
  int channel = -1;
  bool category_filter = false;
  std::vector<uint8_t> category_ok;
  std::vector<uint32_t> category_values;
  bool region_filter = false;
  std::vector<uint8_t> region_ok;
  int chain = -1;

  GroupBy by = GroupBy::kNone;
  std::vector<uint32_t> group_of;  // category / region value → group
  size_t groups = 1;
  std::vector<GroupKey> keys;

  bool Pass(const Record& r) const {
    if (!r.live) return false;
    if (unit_filter && !unit_ok[r.unit]) return false;
    if (channel >= 0 && r.channel != channel) return false;
    if (category_filter && !category_ok[r.category]) return false;
    if (region_filter && !region_ok[r.region]) return false;
    if (chain >= 0 && r.chain != chain) return false;
    return true;
  }
  uint32_t Group(const Record& r) const {
    switch (by) {
      case GroupBy::kNone: return 0;
      case GroupBy::kUnit: return r.unit;
      case GroupBy::kChannel: return r.channel;
      case GroupBy::kCategory: return group_of[r.category];
      case GroupBy::kRegion: return group_of[r.region];
      case GroupBy::kChain: return r.chain;
    }
    return 0;
  }
  uint8_t NeededDims() const {
    uint8_t dims = filter_dims;
    if (auto d = DimOf(by)) dims |= DimBit(*d);
    return dims;
  }
};

}  // namespace

namespace {

// The value a filter fixes dimension `d` to, when it fixes one.
std::optional<uint32_t> FixedValue(const Compiled& c, Dim d) {
  switch (d) {
    case Dim::kChannel: if (c.channel >= 0) return static_cast<uint32_t>(c.channel); break;
    case Dim::kChain: if (c.chain >= 0) return static_cast<uint32_t>(c.chain); break;
    case Dim::kUnit: if (c.unit_filter && c.unit_values.size() == 1) return c.unit_values[0]; break;
    default: break;
  }
  return std::nullopt;
}

void AddBits(Figures& f, Mask mask, int64_t n) {
  while (mask != 0) {
    f.counts[static_cast<size_t>(__builtin_ctz(mask))] += n;
    mask = static_cast<Mask>(mask & (mask - 1));
  }
}

// The plan for one window: how, and about how many records it reads.
struct Choice {
  Plan plan = Plan::kScan;
  const Cube* cube = nullptr;
  const std::vector<uint32_t>* cube_keys = nullptr;  // a subset of the cube's keys (first value fixed)
  Dim postings_dim = Dim::kUnit;
  WindowPlan window;
  int64_t records = 0;  // day-bucket records or postings read
};

}  // namespace

// The engine's query machinery, over a State read under the shared lock (a friend of KpiEngine).
class QueryRunner {
 public:
  QueryRunner(const KpiEngine::State& s, const Query& q) : s_(s), q_(q) {}

  Status Compile(Compiled& c) const;
  // Grouped figures of [from, to] (plan chosen here), overdue included unless told not to.
  std::vector<Figures> Grouped(const Compiled& c, int64_t from, int64_t to, Plan* plan, bool with_overdue = true) const;
  // The overdue counts of a series whose buckets start at `firsts` (ascending) and end at `last`:
  // one walk over the due cases instead of one per bucket.
  void OverdueByBucket(const Compiled& c, const std::vector<int64_t>& firsts, int64_t last,
                       std::vector<SeriesPoint>& series) const;
  Choice Choose(const Compiled& c, int64_t from, int64_t to) const;

 private:
  WindowPlan PlanWindow(int64_t from, int64_t to) const;
  // Calls f(record, sign) for every live record of the days [first, last] that passes the filters.
  template <typename F>
  void ScanDays(const Compiled& c, int64_t first, int64_t last, int sign, F&& f) const;

  const KpiEngine::State& s_;
  const Query& q_;
};

Status QueryRunner::Compile(Compiled& c) const {
  const Filter& f = q_.filter;
  c.by = q_.by;
  if (f.unit_ids) {
    c.unit_filter = true;
    c.filter_dims |= DimBit(Dim::kUnit);
    c.unit_ok.assign(s_.units.size(), 0);
    for (int64_t id : *f.unit_ids) {
      if (auto index = s_.units.Find(id); index && !c.unit_ok[*index]) {
        c.unit_ok[*index] = 1;
        c.unit_values.push_back(*index);
      }
    }
    if (c.unit_values.empty()) c.nothing = true;
  }
  if (!f.channel.empty()) {
    c.filter_dims |= DimBit(Dim::kChannel);
    if (auto index = s_.channels.Find(f.channel)) c.channel = static_cast<int>(*index);
    else c.nothing = true;
  }
  if (!f.category_prefix.empty()) {
    c.category_filter = true;
    c.filter_dims |= DimBit(Dim::kCategory);
    c.category_ok.assign(s_.categories.size(), 0);
    for (uint32_t i = 0; i < s_.categories.size(); ++i) {
      if (s_.categories.Value(i).starts_with(f.category_prefix)) {
        c.category_ok[i] = 1;
        c.category_values.push_back(i);
      }
    }
    if (c.category_values.empty()) c.nothing = true;
  }
  if (!f.region_prefix.empty()) {
    c.region_filter = true;
    c.filter_dims |= DimBit(Dim::kRegion);
    c.region_ok.assign(s_.regions.size(), 0);
    bool any = false;
    for (uint32_t i = 0; i < s_.regions.size(); ++i) {
      if (s_.regions.Value(i).starts_with(f.region_prefix)) {
        c.region_ok[i] = 1;
        any = true;
      }
    }
    if (!any) c.nothing = true;
  }
  if (f.chain_id) {
    c.filter_dims |= DimBit(Dim::kChain);
    if (auto index = s_.chains.Find(*f.chain_id)) c.chain = static_cast<int>(*index);
    else c.nothing = true;
  }

  switch (q_.by) {
    case GroupBy::kNone:
      c.groups = 1;
      c.keys.resize(1);
      break;
    case GroupBy::kUnit:
      c.groups = s_.units.size();
      for (uint32_t i = 0; i < c.groups; ++i) c.keys.push_back(GroupKey{s_.units.Value(i), ""});
      break;
    case GroupBy::kChain:
      c.groups = s_.chains.size();
      for (uint32_t i = 0; i < c.groups; ++i) c.keys.push_back(GroupKey{s_.chains.Value(i), ""});
      break;
    case GroupBy::kChannel:
      c.groups = s_.channels.size();
      for (uint32_t i = 0; i < c.groups; ++i) c.keys.push_back(GroupKey{0, s_.channels.Value(i)});
      break;
    case GroupBy::kCategory:
    case GroupBy::kRegion: {
      const bool category = q_.by == GroupBy::kCategory;
      const CodeInterner& codes = category ? s_.categories : s_.regions;
      const size_t length = category ? static_cast<size_t>(2 * q_.category_level) : RegionCodeLength(q_.region_level);
      std::unordered_map<std::string, uint32_t> group_index;
      c.group_of.resize(codes.size());
      for (uint32_t i = 0; i < codes.size(); ++i) {
        std::string code = codes.Value(i).substr(0, std::min(length, codes.Value(i).size()));
        auto [it, inserted] = group_index.emplace(code, static_cast<uint32_t>(c.keys.size()));
        if (inserted) c.keys.push_back(GroupKey{0, std::move(code)});
        c.group_of[i] = it->second;
      }
      c.groups = c.keys.size();
      break;
    }
  }
  if (c.groups == 0) {
    c.groups = 1;
    c.keys.resize(1);
  }
  return Status::Ok();
}

WindowPlan QueryRunner::PlanWindow(int64_t from, int64_t to) const {
  using internal::FirstDayOfMonth;
  using internal::MonthOf;
  WindowPlan w;
  const int64_t mf = MonthOf(from), mt = MonthOf(to);
  const int64_t fs = FirstDayOfMonth(mf), fe = FirstDayOfMonth(mf + 1) - 1;
  const int64_t ts = FirstDayOfMonth(mt), te = FirstDayOfMonth(mt + 1) - 1;
  auto add = [&](int64_t first, int64_t last, int sign) {
    if (first > last) return;
    w.spans.push_back(Span{first, last, sign});
    w.span_records += s_.RecordsIn(first, last);
  };
  if (mf == mt) {
    const int64_t inside = s_.RecordsIn(from, to);
    const int64_t outside = s_.RecordsIn(fs, from - 1) + s_.RecordsIn(to + 1, te);
    if (inside <= outside) {
      w.month_a = w.month_b = mf;
      add(from, to, +1);
    } else {
      w.month_a = mf;
      w.month_b = mf + 1;
      add(fs, from - 1, -1);
      add(to + 1, te, -1);
    }
    return w;
  }
  if (from == fs) {
    w.month_a = mf;
  } else if (s_.RecordsIn(from, fe) <= s_.RecordsIn(fs, from - 1)) {
    w.month_a = mf + 1;
    add(from, fe, +1);
  } else {
    w.month_a = mf;
    add(fs, from - 1, -1);
  }
  if (to == te) {
    w.month_b = mt + 1;
  } else if (s_.RecordsIn(ts, to) <= s_.RecordsIn(to + 1, te)) {
    w.month_b = mt;
    add(ts, to, +1);
  } else {
    w.month_b = mt + 1;
    add(to + 1, te, -1);
  }
  return w;
}

Choice QueryRunner::Choose(const Compiled& c, int64_t from, int64_t to) const {
  Choice best;
  best.records = s_.RecordsIn(from, to);
  int64_t best_cost = best.records;
  const uint8_t needed = c.NeededDims();
  // The eligible cube with the fewest keys to read (a two-dimension cube whose first value the
  // filter fixes reads only that value's keys).
  const Cube* cube = nullptr;
  const std::vector<uint32_t>* subset = nullptr;
  size_t keys = 0;
  for (const Cube& candidate : s_.cubes) {
    if ((candidate.dim_mask() & needed) != needed) continue;
    const std::vector<uint32_t>* sub = nullptr;
    size_t n = candidate.key_count();
    if (candidate.dims().size() == 2) {
      if (auto v = FixedValue(c, candidate.dims()[0])) {
        sub = &candidate.KeysWithFirst(*v);
        n = sub->size();
      }
    }
    if (!cube || n < keys) {
      cube = &candidate;
      subset = sub;
      keys = n;
    }
  }
  if (cube) {
    WindowPlan window = PlanWindow(from, to);
    const int64_t cost = static_cast<int64_t>(keys) * kKeyCost + window.span_records;
    if (cost < best_cost) {
      best_cost = cost;
      best.plan = Plan::kCube;
      best.cube = cube;
      best.cube_keys = subset;
      best.records = window.span_records;
      best.window = std::move(window);
    }
  }
  // Posting lists of a filtered dimension: the cases of the allowed values in the window.
  auto postings_count = [&](Dim d, const std::vector<uint32_t>& values) -> std::optional<int64_t> {
    const auto& lists = s_.postings[static_cast<size_t>(d)];
    int64_t n = 0;
    const Loc lo{static_cast<int32_t>(from), 0}, hi{static_cast<int32_t>(to + 1), 0};
    for (uint32_t v : values) {
      if (!KpiEngine::State::Listed(d, v)) return std::nullopt;
      if (v >= lists.size()) continue;
      const auto& list = lists[v];
      n += std::lower_bound(list.begin(), list.end(), hi) - std::lower_bound(list.begin(), list.end(), lo);
    }
    return n;
  };
  auto consider = [&](Dim d, bool filtered, const std::vector<uint32_t>& values) {
    if (!filtered || !s_.has_postings[static_cast<size_t>(d)]) return;
    auto n = postings_count(d, values);
    if (n && *n * kPostingCost < best_cost) {
      best_cost = *n * kPostingCost;
      best.plan = Plan::kPostings;
      best.postings_dim = d;
      best.records = *n;
    }
  };
  consider(Dim::kUnit, c.unit_filter, c.unit_values);
  consider(Dim::kCategory, c.category_filter, c.category_values);
  if (c.chain > 0) consider(Dim::kChain, true, std::vector<uint32_t>{static_cast<uint32_t>(c.chain)});
  return best;
}

template <typename F>
void QueryRunner::ScanDays(const Compiled& c, int64_t first, int64_t last, int sign, F&& f) const {
  if (s_.days.empty()) return;
  first = std::max(first, s_.first_day);
  last = std::min(last, s_.first_day + static_cast<int64_t>(s_.days.size()) - 1);
  for (int64_t d = first; d <= last; ++d) {
    for (const Record& r : s_.days[static_cast<size_t>(d - s_.first_day)]) {
      if (c.Pass(r)) f(r, sign);
    }
  }
}

std::vector<Figures> QueryRunner::Grouped(const Compiled& c, int64_t from, int64_t to, Plan* plan_out,
                                          bool with_overdue) const {
  std::vector<Figures> out(c.groups);
  if (plan_out) *plan_out = Plan::kScan;
  if (c.nothing || s_.days.empty()) return out;
  // Clamp the window to the days held.
  from = std::max(from, s_.first_day);
  to = std::min(to, s_.first_day + static_cast<int64_t>(s_.days.size()) - 1);
  if (from > to) return out;

  const Choice choice = Choose(c, from, to);
  if (plan_out) *plan_out = choice.plan;
  // Records read are counted by (group, mask) and expanded into counters at the end — one
  // increment per record — unless they are few next to the table that needs (then each record's
  // bits are added directly).
  const size_t nmasks = s_.masks.size();
  const bool by_mask = choice.records * 2 > static_cast<int64_t>(c.groups * nmasks);
  std::vector<int32_t> acc;
  if (by_mask && choice.records > 0) acc.assign(c.groups * nmasks, 0);
  auto count = [&](const Record& r, int sign) {
    if (by_mask) {
      acc[c.Group(r) * nmasks + r.mask] += sign;
    } else {
      AddBits(out[c.Group(r)], s_.masks.Value(r.mask), sign);
    }
  };
  switch (choice.plan) {
    case Plan::kCube: {
      const Cube& cube = *choice.cube;
      const size_t ra = cube.RowOf(choice.window.month_a), rb = cube.RowOf(choice.window.month_b);
      const auto& dims = cube.dims();
      auto add_key = [&](uint32_t k) {
        const Cell* hi = cube.CellAt(rb, k);
        if (!hi) return;
        const Cell* lo = cube.CellAt(ra, k);
        Record r;
        r.live = 1;
        const auto& values = cube.key_values(k);
        for (size_t i = 0; i < dims.size(); ++i) {
          switch (dims[i]) {
            case Dim::kUnit: r.unit = values[i]; break;
            case Dim::kChannel: r.channel = static_cast<uint8_t>(values[i]); break;
            case Dim::kCategory: r.category = static_cast<uint16_t>(values[i]); break;
            case Dim::kRegion: r.region = values[i]; break;
            case Dim::kChain: r.chain = static_cast<uint16_t>(values[i]); break;
          }
        }
        if (!c.Pass(r)) return;
        auto& figures = out[c.Group(r)];
        for (size_t i = 0; i < static_cast<size_t>(kCounterCount); ++i) figures.counts[i] += (*hi)[i] - (lo ? (*lo)[i] : 0);
      };
      if (choice.cube_keys) {
        for (uint32_t k : *choice.cube_keys) {
          if (k != Cube::kNoKey) add_key(k);
        }
      } else {
        for (uint32_t k = 0; k < cube.key_count(); ++k) add_key(k);
      }
      for (const Span& span : choice.window.spans) ScanDays(c, span.first, span.last, span.sign, count);
      break;
    }
    case Plan::kPostings: {
      const auto& values = choice.postings_dim == Dim::kUnit       ? c.unit_values
                           : choice.postings_dim == Dim::kCategory ? c.category_values
                                                                   : std::vector<uint32_t>{static_cast<uint32_t>(c.chain)};
      const auto& lists = s_.postings[static_cast<size_t>(choice.postings_dim)];
      const Loc lo{static_cast<int32_t>(from), 0}, hi{static_cast<int32_t>(to + 1), 0};
      constexpr ptrdiff_t kAhead = 16;  // records requested ahead: the reads are random
      for (uint32_t v : values) {
        if (v >= lists.size()) continue;
        const auto& list = lists[v];
        if (list.empty()) continue;
        const Loc* begin = &*list.begin() + (std::lower_bound(list.begin(), list.end(), lo) - list.begin());
        const Loc* end = &*list.begin() + (std::lower_bound(list.begin(), list.end(), hi) - list.begin());
        for (const Loc* it = begin; it != end; ++it) {
          if (end - it > kAhead) __builtin_prefetch(&s_.At(it[kAhead]));
          const Record& r = s_.At(*it);
          if (c.Pass(r)) count(r, 1);
        }
      }
      break;
    }
    case Plan::kScan:
      ScanDays(c, from, to, +1, count);
      break;
  }
  // Expand the (group, mask) counts into the counters.
  if (!acc.empty()) {
    for (size_t g = 0; g < c.groups; ++g) {
      const int32_t* row = &acc[g * nmasks];
      for (size_t m = 0; m < nmasks; ++m) {
        if (row[m] != 0) AddBits(out[g], s_.masks.Value(static_cast<uint16_t>(m)), row[m]);
      }
    }
  }
  if (with_overdue) {
    // Overdue: the running cases whose due time has passed, in the window and the filters.
    for (const auto& run : s_.running) {
      if (run.due >= q_.now) break;
      if (run.day < from || run.day > to || !c.Pass(run.record)) continue;
      ++out[c.Group(run.record)].overdue;
    }
  }
  return out;
}

void QueryRunner::OverdueByBucket(const Compiled& c, const std::vector<int64_t>& firsts, int64_t last,
                                  std::vector<SeriesPoint>& series) const {
  for (const auto& run : s_.running) {
    if (run.due >= q_.now) break;
    if (run.day < firsts.front() || run.day > last || !c.Pass(run.record)) continue;
    const size_t b = static_cast<size_t>(std::upper_bound(firsts.begin(), firsts.end(), run.day) - firsts.begin()) - 1;
    ++series[b].figures.overdue;
  }
}

Result<Report> KpiEngine::Run(const Query& q) const {
  if (q.to_day < q.from_day) return InvalidArgument("the period ends before it starts", "to");
  if (q.category_level < 1 || q.category_level > kMaxCategoryLevel) {
    return InvalidArgument("the category level must be between 1 and 8", "category_level");
  }
  std::vector<internal::BucketSpan> buckets;
  if (q.bucket != Bucket::kNone) {
    for (int64_t day = q.from_day; day <= q.to_day;) {
      internal::BucketSpan b = internal::BucketOf(q.bucket, day);
      b.first = std::max(b.first, q.from_day);
      b.last = std::min(b.last, q.to_day);
      day = b.last + 1;
      buckets.push_back(std::move(b));
      if (buckets.size() > static_cast<size_t>(kMaxSeriesPoints)) {
        return InvalidArgument("a series has at most " + std::to_string(kMaxSeriesPoints) +
                                   " points: choose a longer bucket or a shorter period",
                               "bucket");
      }
    }
  }
  std::shared_lock lock(mu_);
  QueryRunner runner(*state_, q);
  Compiled c;
  RETURN_IF_ERROR(runner.Compile(c));
  Report report;
  std::vector<Figures> groups = runner.Grouped(c, q.from_day, q.to_day, nullptr);
  for (size_t g = 0; g < groups.size(); ++g) {
    report.total += groups[g];
    if (q.by != GroupBy::kNone && !groups[g].Empty()) report.rows.push_back(Row{c.keys[g], groups[g]});
  }
  std::sort(report.rows.begin(), report.rows.end(), [](const Row& a, const Row& b) {
    return a.key.id != b.key.id ? a.key.id < b.key.id : a.key.code < b.key.code;
  });
  if (!buckets.empty()) {
    Query series_query = q;
    series_query.by = GroupBy::kNone;
    QueryRunner series_runner(*state_, series_query);
    Compiled sc;
    RETURN_IF_ERROR(series_runner.Compile(sc));
    std::vector<int64_t> firsts;
    for (auto& b : buckets) {
      SeriesPoint point;
      point.label = std::move(b.label);
      point.from_day = b.first;
      point.to_day = b.last;
      point.figures = series_runner.Grouped(sc, b.first, b.last, nullptr, /*with_overdue=*/false)[0];
      firsts.push_back(b.first);
      report.series.push_back(std::move(point));
    }
    if (!sc.nothing) series_runner.OverdueByBucket(sc, firsts, q.to_day, report.series);
  }
  return report;
}

Plan KpiEngine::PlanFor(const Query& q) const {
  std::shared_lock lock(mu_);
  QueryRunner runner(*state_, q);
  Compiled c;
  if (!runner.Compile(c).ok() || c.nothing) return Plan::kScan;
  Plan plan = Plan::kScan;
  runner.Grouped(c, q.from_day, q.to_day, &plan);
  return plan;
}

EngineStats KpiEngine::Stats() const {
  std::shared_lock lock(mu_);
  const State& s = *state_;
  EngineStats st;
  st.cases = s.locs.size();
  st.days = static_cast<int64_t>(s.days.size());
  st.units = static_cast<int64_t>(s.units.size()) - 1;
  st.chains = static_cast<int64_t>(s.chains.size()) - 1;
  st.channels = static_cast<int64_t>(s.channels.size());
  st.categories = static_cast<int64_t>(s.categories.size());
  st.regions = static_cast<int64_t>(s.regions.size());
  st.masks = static_cast<int64_t>(s.masks.size());
  st.running = static_cast<int64_t>(s.running.size());
  size_t bytes = sizeof(State) + s.days.capacity() * sizeof(s.days[0]);
  for (const auto& d : s.days) bytes += d.capacity() * sizeof(Record);
  for (const Cube& cube : s.cubes) {
    st.cube_keys += static_cast<int64_t>(cube.key_count());
    st.months = std::max(st.months, cube.months());
    bytes += cube.MemoryBytes();
  }
  for (const auto& lists : s.postings) {
    bytes += lists.capacity() * sizeof(lists[0]);
    for (const auto& list : lists) bytes += list.capacity() * sizeof(Loc);
  }
  bytes += s.locs.MemoryBytes() + s.units.MemoryBytes() + s.chains.MemoryBytes() + s.channels.MemoryBytes() +
           s.categories.MemoryBytes() + s.regions.MemoryBytes();
  bytes += s.running.capacity() * sizeof(State::Running) + s.running_due.size() * 32 + (size_t{1} << kCounterCount) * sizeof(uint16_t);
  st.memory_bytes = bytes;
  return st;
}

}  // namespace lz::engines::kpi

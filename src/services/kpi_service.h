// KpiService: the casework KPIs (docs/kpi.md) as the API, the UI, the xlsx export and
// `lianzhang report kpi` give them — one query over the in-memory aggregates (KpiFollower), the
// names of the groups read from storage, and the same figures in every form.
//
// Needs case:kpi:read. Data scope: an actor whose scope is not "all" sees only the figures of the
// cases whose lead unit is in the scope (the units UnitRepository lists for it); asking for a unit
// outside it is PermissionDenied (logged), and the self scope covers no unit at all (refused).
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "domain/org/region.h"
#include "engines/kpi/kpi_engine.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "services/chain_sheets.h"
#include "services/kpi_follower.h"
#include "storage/repositories.h"

namespace lz::services {

struct KpiRequest {
  std::string from;  // first KPI day, YYYY-MM-DD (China Standard Time)
  std::string to;    // last KPI day, inclusive
  engines::kpi::GroupBy by = engines::kpi::GroupBy::kNone;
  std::optional<int64_t> unit_id;  // only this lead unit
  std::string channel;             // only this channel
  std::string category_code;       // this category and below
  std::string region_code;         // this region and below
  std::optional<int64_t> chain_id;  // only cases about this chain (0: about none)
  int category_level = 1;           // by category: 1 = top level ("02"), 2 = "0201", …
  org::RegionLevel region_level = org::RegionLevel::kCounty;  // by region
  engines::kpi::Bucket bucket = engines::kpi::Bucket::kNone;  // also a series
};

struct KpiRow {
  engines::kpi::GroupKey key;
  std::string name;  // the unit's, channel's, category's, region's or chain's name
  engines::kpi::Figures figures;
};

struct KpiReport {
  std::string from, to;
  engines::kpi::GroupBy by = engines::kpi::GroupBy::kNone;
  int category_level = 1;
  org::RegionLevel region_level = org::RegionLevel::kCounty;
  engines::kpi::Bucket bucket = engines::kpi::Bucket::kNone;
  TimeMs as_of = 0;         // the `now` overdue was judged at
  bool restricted = false;  // limited to the actor's units (data scope)
  engines::kpi::Figures total;
  std::vector<KpiRow> rows;
  std::vector<engines::kpi::SeriesPoint> series;
};

// The name of the group of cases with no lead unit, and of cases about no chain.
inline constexpr std::string_view kNoUnitName = "未派单";
inline constexpr std::string_view kNoChainName = "非产业链";

class KpiService {
 public:
  // Every reference must outlive the service.
  KpiService(storage::Store& store, const Clock& clock, const AuditTrail& audit, const KpiFollower& kpi)
      : store_(store), clock_(clock), audit_(audit), kpi_(kpi) {}

  // The figures. InvalidArgument (field named) for a malformed date ("from", "to"), a period that
  // ends before it starts, a category level outside 1..8, or a series of more than 1,000 points.
  Result<KpiReport> Report(const Actor& actor, const KpiRequest& request);
  // The same figures as an xlsx file: one row per group (or per series point when not grouped),
  // then the total; counts as integers and rates as percentages with two decimals, rounded half up
  // (engines::kpi::PercentHundredths).
  Result<SheetFile> Export(const Actor& actor, const KpiRequest& request);

 private:
  Result<std::optional<std::vector<int64_t>>> ScopeUnits(const Actor& actor);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const KpiFollower& kpi_;
};

}  // namespace lz::services

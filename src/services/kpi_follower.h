// KpiFollower: the KPI engine (engines/kpi) as this server's in-memory aggregates of the casework
// KPIs, built from storage at start and kept current through the change feed: every committed
// "case" change (topic storage::topic::kCase, ref = case id) re-reads that case from the snapshot
// that holds the change and replaces its contribution, so several servers over one database stay
// in step (decisions 0005, 0006). A batch is applied under the engine's exclusive lock, so a query
// sees it whole or not at all. The channels' on-the-spot flags (which cases are patrol findings)
// are re-read with every batch; when they changed, the engine is rebuilt. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <shared_mutex>

#include "engines/kpi/kpi_engine.h"
#include "storage/change_feed.h"

namespace lz::services {

class KpiFollower final : public storage::ChangeSubscriber {
 public:
  explicit KpiFollower(engines::kpi::EngineOptions options = {});

  // Runs `fn` on the current engine (which no Reload replaces meanwhile; changes may still be
  // applied between two of fn's queries).
  Status Read(const std::function<Status(const engines::kpi::KpiEngine&)>& fn) const;

  // Builds a new engine from every case in `repos` (CaseRepository::ForEach) and swaps it in.
  Status Reload(storage::Repositories& repos) override;
  // Swaps in an engine built elsewhere (bench/cockpit loads ten million generated cases), as Reload
  // would; changes applied later update it as usual.
  void Install(std::unique_ptr<engines::kpi::KpiEngine> engine);
  // Re-reads each case named by a "case" change and upserts it (a case no longer in storage is
  // removed). Idempotent.
  Status Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) override;

 private:
  static Result<engines::kpi::OnTheSpotChannels> OnTheSpot(storage::Repositories& repos);

  engines::kpi::EngineOptions options_;
  mutable std::shared_mutex mu_;  // guards engine_ (the pointer); the engine locks its own data
  std::unique_ptr<engines::kpi::KpiEngine> engine_;
};

}  // namespace lz::services

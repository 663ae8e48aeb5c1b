// KpiFollower: snapshot loading and change application.
#include "services/kpi_follower.h"

#include <charconv>
#include <mutex>
#include <set>

#include <spdlog/spdlog.h>

namespace lz::services {
namespace {

namespace kpi = engines::kpi;

std::optional<int64_t> IdOf(const std::string& ref) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
  if (ec != std::errc() || end != ref.data() + ref.size()) return std::nullopt;
  return id;
}

}  // namespace

KpiFollower::KpiFollower(kpi::EngineOptions options)
    : options_(options), engine_(std::make_unique<kpi::KpiEngine>(kpi::OnTheSpotChannels{}, std::move(options))) {}

Status KpiFollower::Read(const std::function<Status(const kpi::KpiEngine&)>& fn) const {
  RETURN_IF_ERROR(RequireLoaded("the KPI engine"));
  std::shared_lock lock(mu_);
  return fn(*engine_);
}

Result<kpi::OnTheSpotChannels> KpiFollower::OnTheSpot(storage::Repositories& repos) {
  ASSIGN_OR_RETURN(auto channels, repos.catalogue().Channels());
  kpi::OnTheSpotChannels out;
  for (const auto& ch : channels) {
    if (ch.on_the_spot) out.insert(ch.code);
  }
  return out;
}

Status KpiFollower::Reload(storage::Repositories& repos) {
  ASSIGN_OR_RETURN(auto on_the_spot, OnTheSpot(repos));
  kpi::KpiEngine::Builder builder(std::move(on_the_spot), options_);
  storage::CaseQuery all;
  all.scope = auth::ScopeFilter::All();
  RETURN_IF_ERROR(repos.cases().ForEach(all, [&](const casework::Case& c) { return builder.Add(c); }));
  Install(builder.Finish());
  return Status::Ok();
}

void KpiFollower::Install(std::unique_ptr<kpi::KpiEngine> engine) {
  std::unique_lock lock(mu_);
  engine_ = std::move(engine);
  MarkLoaded();
}

Status KpiFollower::Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) {
  // A channel's on-the-spot flag decides which cases are patrol findings; channel edits publish
  // no change, so the flags are compared with every batch (one small read).
  ASSIGN_OR_RETURN(auto on_the_spot, OnTheSpot(repos));
  bool flags_changed = false;
  {
    std::shared_lock lock(mu_);
    flags_changed = engine_->on_the_spot_channels() != on_the_spot;
  }
  if (flags_changed) {
    spdlog::info("KPI aggregates: the channels' on-the-spot flags changed; rebuilding");
    return Reload(repos);
  }
  std::set<int64_t> ids;
  for (const auto& change : changes) {
    if (change.topic != storage::topic::kCase) continue;
    if (auto id = IdOf(change.ref)) ids.insert(*id);
  }
  if (ids.empty()) return Status::Ok();
  std::vector<casework::Case> cases;
  std::vector<int64_t> gone;
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(auto c, repos.cases().Get(id));
    if (c) {
      cases.push_back(std::move(*c));
    } else {
      gone.push_back(id);
    }
  }
  std::shared_lock lock(mu_);
  RETURN_IF_ERROR(engine_->UpsertMany(cases));
  for (int64_t id : gone) engine_->Remove(id);
  return Status::Ok();
}

}  // namespace lz::services

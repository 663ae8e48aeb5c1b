// ChainGraphFollower: snapshot loading and change application.
#include "services/chain_graph_follower.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <mutex>
#include <set>
#include <utility>

#include <spdlog/spdlog.h>

namespace lz::services {
namespace {

namespace g = engines::graph;


g::Chain ToGraph(const chain::Chain& c) { return g::Chain{c.id, c.name}; }
g::Segment ToGraph(const chain::Segment& s) { return g::Segment{s.id, s.chain_id, s.stage, s.parent_id, s.name}; }
g::Enterprise ToGraph(const chain::Enterprise& e) {
  int64_t employees = std::min<int64_t>(e.employees, std::numeric_limits<int32_t>::max());
  return g::Enterprise{e.id, e.region_code, e.local, e.size, e.revenue, static_cast<int32_t>(employees)};
}
g::Membership ToGraph(const chain::Membership& m) { return g::Membership{m.enterprise_id, m.segment_id, m.role}; }
g::SupplyLink ToGraph(const chain::SupplyLink& l) { return g::SupplyLink{l.supplier_id, l.buyer_id, l.volume}; }

// Segments ordered so that every parent precedes its children.
std::vector<chain::Segment> ParentsFirst(std::vector<chain::Segment> segments) {
  std::vector<chain::Segment> out;
  std::set<int64_t> placed;
  while (!segments.empty()) {
    std::vector<chain::Segment> waiting;
    for (auto& s : segments) {
      if (!s.parent_id || placed.count(*s.parent_id)) {
        placed.insert(s.id);
        out.push_back(std::move(s));
      } else {
        waiting.push_back(std::move(s));
      }
    }
    if (waiting.size() == segments.size()) {  // parents outside the list: keep them as they are
      for (auto& s : waiting) out.push_back(std::move(s));
      break;
    }
    segments = std::move(waiting);
  }
  return out;
}

Status IgnoreNotFound(const Status& st) { return st.code() == StatusCode::kNotFound ? Status::Ok() : st; }

std::optional<int64_t> IdOf(const std::string& ref) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
  if (ec != std::errc() || end != ref.data() + ref.size()) return std::nullopt;
  return id;
}

}  // namespace

ChainGraphFollower::ChainGraphFollower() : graph_(std::make_unique<g::ChainGraph>()) {}

Status ChainGraphFollower::Read(const std::function<Status(const g::ChainGraph&)>& fn) const {
  RETURN_IF_ERROR(RequireLoaded("the chain graph engine"));
  std::shared_lock lock(mu_);
  return fn(*graph_);
}

Status ChainGraphFollower::Reload(storage::Repositories& repos) {
  // The nodes first; the links, by far the most rows, go to the loader in chunks, which it
  // translates on a worker thread while the scan reads on.
  constexpr size_t kChunk = 1 << 16;
  g::Snapshot nodes;
  ASSIGN_OR_RETURN(auto chains, repos.chains().All());
  for (const auto& c : chains) nodes.chains.push_back(ToGraph(c));
  ASSIGN_OR_RETURN(auto segments, repos.chains().Segments(0));
  for (const auto& s : segments) nodes.segments.push_back(ToGraph(s));
  ASSIGN_OR_RETURN(auto links, repos.chains().SegmentLinks(0));
  for (const auto& l : links) nodes.segment_links.push_back({l.from_segment_id, l.to_segment_id});
  std::unique_ptr<g::ChainGraphLoader> loader;
  size_t expected_links = 0;
  auto start = [&]() -> Status {
    if (loader) return Status::Ok();
    ASSIGN_OR_RETURN(loader, g::ChainGraphLoader::Start(std::move(nodes), expected_links));
    return Status::Ok();
  };
  std::vector<g::SupplyLink> chunk;
  storage::RegistryScanSink sink;
  sink.enterprise = [&](const chain::Enterprise& e) {
    nodes.enterprises.push_back(ToGraph(e));
    return Status::Ok();
  };
  sink.membership = [&](const chain::Membership& m) {
    nodes.memberships.push_back(ToGraph(m));
    return Status::Ok();
  };
  sink.expect_links = [&](int64_t n) { expected_links = static_cast<size_t>(std::max<int64_t>(n, 0)); };
  sink.links = [&](std::span<const storage::SupplyEdge> edges) -> Status {
    RETURN_IF_ERROR(start());
    if (chunk.capacity() < kChunk) chunk.reserve(kChunk);
    for (const storage::SupplyEdge& e : edges) chunk.push_back(g::SupplyLink{e.supplier_id, e.buyer_id, e.volume});
    if (chunk.size() < kChunk) return Status::Ok();
    return loader->AddLinks(std::exchange(chunk, {}));
  };
  RETURN_IF_ERROR(repos.enterprises().ScanRegistry(sink));
  RETURN_IF_ERROR(start());
  RETURN_IF_ERROR(loader->AddLinks(std::move(chunk)));
  ASSIGN_OR_RETURN(auto built, loader->Finish());
  Install(std::move(built));
  return Status::Ok();
}

void ChainGraphFollower::Install(std::unique_ptr<g::ChainGraph> graph) {
  std::unique_lock lock(mu_);
  graph_ = std::move(graph);
  MarkLoaded();
}

Status ChainGraphFollower::RebuildChain(storage::Repositories& repos, int64_t chain_id) {
  RETURN_IF_ERROR(IgnoreNotFound(graph_->RemoveChain(chain_id)));
  ASSIGN_OR_RETURN(auto c, repos.chains().Get(chain_id));
  if (!c) return Status::Ok();
  RETURN_IF_ERROR(graph_->UpsertChain(ToGraph(*c)));
  ASSIGN_OR_RETURN(auto segments, repos.chains().Segments(chain_id));
  for (const auto& s : ParentsFirst(segments)) RETURN_IF_ERROR(graph_->UpsertSegment(ToGraph(s)));
  ASSIGN_OR_RETURN(auto links, repos.chains().SegmentLinks(chain_id));
  for (const auto& l : links) RETURN_IF_ERROR(graph_->AddSegmentLink({l.from_segment_id, l.to_segment_id}));
  for (const auto& s : segments) {
    ASSIGN_OR_RETURN(auto members, repos.enterprises().Memberships(0, s.id));
    for (const auto& m : members) RETURN_IF_ERROR(graph_->UpsertMembership(ToGraph(m)));
  }
  return Status::Ok();
}

Status ChainGraphFollower::RebuildEnterprise(storage::Repositories& repos, int64_t enterprise_id) {
  RETURN_IF_ERROR(IgnoreNotFound(graph_->RemoveEnterprise(enterprise_id)));
  ASSIGN_OR_RETURN(auto e, repos.enterprises().Get(enterprise_id));
  if (!e) return Status::Ok();
  RETURN_IF_ERROR(graph_->UpsertEnterprise(ToGraph(*e)));
  ASSIGN_OR_RETURN(auto memberships, repos.enterprises().Memberships(enterprise_id, 0));
  for (const auto& m : memberships) RETURN_IF_ERROR(graph_->UpsertMembership(ToGraph(m)));
  for (bool as_supplier : {true, false}) {
    RETURN_IF_ERROR(repos.enterprises().ForEachLink(enterprise_id, as_supplier, [&](const chain::SupplyLink& l) {
      return graph_->UpsertSupplyLink(ToGraph(l));
    }));
  }
  return Status::Ok();
}

Status ChainGraphFollower::Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) {
  std::set<int64_t> chains, enterprises;
  for (const auto& change : changes) {
    auto id = IdOf(change.ref);
    if (!id) continue;
    if (change.topic == storage::topic::kChain) chains.insert(*id);
    if (change.topic == storage::topic::kEnterprise) enterprises.insert(*id);
  }
  if (chains.empty() && enterprises.empty()) return Status::Ok();
  std::unique_lock lock(mu_);
  // Enterprise rows first (chains' memberships refer to them), then chains (enterprises'
  // memberships refer to their segments), then each enterprise's memberships and links.
  Status st = [&]() -> Status {
    for (int64_t id : enterprises) {
      ASSIGN_OR_RETURN(auto e, repos.enterprises().Get(id));
      if (e) RETURN_IF_ERROR(graph_->UpsertEnterprise(ToGraph(*e)));
    }
    for (int64_t id : chains) RETURN_IF_ERROR(RebuildChain(repos, id));
    for (int64_t id : enterprises) RETURN_IF_ERROR(RebuildEnterprise(repos, id));
    return Status::Ok();
  }();
  if (st.ok() || st.code() == StatusCode::kUnavailable) return st;
  // The engine refused a step: its state no longer matches storage. Rebuild it from this snapshot.
  spdlog::warn("chain graph: applying changes failed ({}); rebuilding from storage", st.ToString());
  lock.unlock();
  return Reload(repos);
}

}  // namespace lz::services

// ChainGraph: the locking around GraphData — build, reset, the updates, compaction, stats.
#include "engines/graph/chain_graph.h"

#include <utility>

#include "engines/graph/internal/graph_data.h"

namespace lz::engines::graph {

ChainGraph::ChainGraph() : data_(std::make_unique<internal::GraphData>()) {}
ChainGraph::~ChainGraph() = default;

Result<std::unique_ptr<ChainGraph>> ChainGraph::Build(const Snapshot& snapshot) {
  ASSIGN_OR_RETURN(std::unique_ptr<internal::GraphData> data, internal::GraphData::Build(snapshot));
  auto graph = std::make_unique<ChainGraph>();
  graph->data_ = std::move(data);
  return graph;
}

Status ChainGraph::Reset(const Snapshot& snapshot) {
  std::lock_guard writer(writer_mu_);
  ASSIGN_OR_RETURN(std::unique_ptr<internal::GraphData> data, internal::GraphData::Build(snapshot));
  {
    std::unique_lock lock(mu_);
    data_.swap(data);
  }
  return Status::Ok();  // the old state is freed here, outside the exclusive lock
}

template <typename Validate, typename Mutate>
Status ChainGraph::Apply(Validate&& validate, Mutate&& mutate) {
  std::lock_guard writer(writer_mu_);
  // Only this writer changes data_, so it may read it without the shared lock.
  RETURN_IF_ERROR(validate(static_cast<const internal::GraphData&>(*data_)));
  {
    std::unique_lock lock(mu_);
    mutate(*data_);
  }
  if (data_->adj_.NeedsCompaction()) CompactLocked();
  return Status::Ok();
}

void ChainGraph::CompactLocked() {
  internal::Adjacency fresh = data_->adj_.Compacted();  // readers go on meanwhile
  {
    std::unique_lock lock(mu_);
    std::swap(data_->adj_, fresh);
  }
}  // the old arrays are freed here

void ChainGraph::Compact() {
  std::lock_guard writer(writer_mu_);
  CompactLocked();
}

GraphStats ChainGraph::Stats() const {
  std::shared_lock lock(mu_);
  return data_->Stats();
}

Status ChainGraph::UpsertChain(const Chain& chain) {
  return Apply([&](const internal::GraphData& d) { return d.ValidateChain(chain); },
               [&](internal::GraphData& d) { d.UpsertChain(chain); });
}

Status ChainGraph::RemoveChain(int64_t chain_id) {
  return Apply([&](const internal::GraphData& d) { return d.ValidateRemoveChain(chain_id); },
               [&](internal::GraphData& d) { d.RemoveChain(chain_id); });
}

Status ChainGraph::UpsertSegment(const Segment& segment) {
  return Apply([&](const internal::GraphData& d) { return d.ValidateSegment(segment); },
               [&](internal::GraphData& d) { d.UpsertSegment(segment); });
}

Status ChainGraph::RemoveSegment(int64_t segment_id) {
  return Apply([&](const internal::GraphData& d) { return d.ValidateRemoveSegment(segment_id); },
               [&](internal::GraphData& d) { d.RemoveSegment(segment_id); });
}

Status ChainGraph::AddSegmentLink(const SegmentLink& link) {
  return Apply([&](const internal::GraphData& d) { return d.ValidateSegmentLink(link); },
               [&](internal::GraphData& d) { d.AddSegmentLink(link); });
}

Status ChainGraph::RemoveSegmentLink(const SegmentLink& link) {
  return Apply([&](const internal::GraphData& d) { return d.ValidateRemoveSegmentLink(link); },
               [&](internal::GraphData& d) { d.RemoveSegmentLink(link); });
}

Status ChainGraph::UpsertEnterprise(const Enterprise& enterprise) {
  return Apply([&](const internal::GraphData& d) { return d.ValidateEnterprise(enterprise); },
               [&](internal::GraphData& d) { d.UpsertEnterprise(enterprise); });
}

Status ChainGraph::RemoveEnterprise(int64_t enterprise_id) {
  return Apply([&](const internal::GraphData& d) { return d.ValidateRemoveEnterprise(enterprise_id); },
               [&](internal::GraphData& d) { d.RemoveEnterprise(enterprise_id); });
}

Status ChainGraph::UpsertMembership(const Membership& membership) {
  return Apply([&](const internal::GraphData& d) { return d.ValidateMembership(membership); },
               [&](internal::GraphData& d) { d.UpsertMembership(membership); });
}

Status ChainGraph::RemoveMembership(int64_t enterprise_id, int64_t segment_id) {
  return Apply(
      [&](const internal::GraphData& d) { return d.ValidateRemoveMembership(enterprise_id, segment_id); },
      [&](internal::GraphData& d) { d.RemoveMembership(enterprise_id, segment_id); });
}

Status ChainGraph::UpsertSupplyLink(const SupplyLink& link) {
  return Apply([&](const internal::GraphData& d) { return d.ValidateSupplyLink(link); },
               [&](internal::GraphData& d) { d.UpsertSupplyLink(link); });
}

Status ChainGraph::RemoveSupplyLink(int64_t supplier_id, int64_t buyer_id) {
  return Apply(
      [&](const internal::GraphData& d) { return d.ValidateRemoveSupplyLink(supplier_id, buyer_id); },
      [&](internal::GraphData& d) { d.RemoveSupplyLink(supplier_id, buyer_id); });
}

}  // namespace lz::engines::graph

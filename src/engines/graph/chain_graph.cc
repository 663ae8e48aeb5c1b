// ChainGraph: the locking around GraphData — build, reset, the updates, compaction, stats.
#include "engines/graph/chain_graph.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
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

// ---- ChainGraphLoader. --------------------------------------------------------------------------

struct ChainGraphLoader::State {
  Snapshot nodes;  // kept for the memberships, built last
  std::unique_ptr<internal::GraphData> data;
  std::vector<internal::EdgeInput> records;
  size_t queued_rows = 0;  // links handed to AddLinks so far

  std::mutex mu;
  std::condition_variable changed;
  std::deque<std::pair<std::vector<SupplyLink>, size_t>> queue;  // chunk and its first row
  bool done = false;  // no more chunks
  Status error;       // the first bad link found
  std::optional<std::thread> worker;
};

namespace {
constexpr size_t kMaxQueuedChunks = 8;  // the caller waits beyond this: bounded memory
}  // namespace

ChainGraphLoader::ChainGraphLoader() : state_(std::make_unique<State>()) {}

ChainGraphLoader::~ChainGraphLoader() {
  {
    std::lock_guard lock(state_->mu);
    state_->done = true;
  }
  state_->changed.notify_all();
  if (state_->worker) state_->worker->join();
}

Result<std::unique_ptr<ChainGraphLoader>> ChainGraphLoader::Start(Snapshot nodes, size_t expected_links) {
  auto loader = std::unique_ptr<ChainGraphLoader>(new ChainGraphLoader());
  State& st = *loader->state_;
  nodes.supply_links.clear();
  ASSIGN_OR_RETURN(st.data, internal::GraphData::BuildNodes(nodes));
  st.nodes = std::move(nodes);
  st.records.reserve(expected_links);
  try {
    st.worker.emplace([raw = loader.get()] { raw->Work(); });
  } catch (const std::system_error&) {  // no thread available: AddLinks translates in place
  }
  return loader;
}

Status ChainGraphLoader::Translate(const std::vector<SupplyLink>& chunk, size_t first_row) {
  State& st = *state_;
  const size_t at = st.records.size();
  st.records.resize(at + chunk.size());
  if (auto bad = st.data->TranslateLinks(chunk, st.records.data() + at)) {
    return st.data->LinkError(chunk[*bad], first_row + *bad);
  }
  return Status::Ok();
}

void ChainGraphLoader::Work() {
  State& st = *state_;
  for (;;) {
    std::pair<std::vector<SupplyLink>, size_t> next;
    {
      std::unique_lock lock(st.mu);
      st.changed.wait(lock, [&] { return st.done || !st.queue.empty(); });
      if (st.queue.empty()) return;  // done
      next = std::move(st.queue.front());
      st.queue.pop_front();
    }
    st.changed.notify_all();  // room in the queue
    Status result = st.error.ok() ? Translate(next.first, next.second) : Status::Ok();
    if (!result.ok()) {
      std::lock_guard lock(st.mu);
      st.error = result;
    }
  }
}

Status ChainGraphLoader::FirstError() {
  std::lock_guard lock(state_->mu);
  return state_->error;
}

Status ChainGraphLoader::AddLinks(std::vector<SupplyLink> chunk) {
  State& st = *state_;
  const size_t first_row = st.queued_rows;
  st.queued_rows += chunk.size();
  if (!st.worker) {
    if (!st.error.ok()) return st.error;
    st.error = Translate(chunk, first_row);
    return st.error;
  }
  {
    std::unique_lock lock(st.mu);
    st.changed.wait(lock, [&] { return st.queue.size() < kMaxQueuedChunks || !st.error.ok(); });
    if (!st.error.ok()) return st.error;
    st.queue.emplace_back(std::move(chunk), first_row);
  }
  st.changed.notify_all();
  return Status::Ok();
}

Result<std::unique_ptr<ChainGraph>> ChainGraphLoader::Finish() {
  State& st = *state_;
  if (st.worker) {
    {
      std::lock_guard lock(st.mu);
      st.done = true;
    }
    st.changed.notify_all();
    st.worker->join();
    st.worker.reset();
  }
  RETURN_IF_ERROR(FirstError());
  RETURN_IF_ERROR(st.data->BuildLinks(std::move(st.records), {}));
  RETURN_IF_ERROR(st.data->BuildMemberships(st.nodes));
  auto graph = std::make_unique<ChainGraph>();
  graph->data_ = std::move(st.data);
  return graph;
}

}  // namespace lz::engines::graph

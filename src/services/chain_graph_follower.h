// ChainGraphFollower: the chain graph engine (engines/graph) as this server's in-memory copy of
// the chain data, built from storage at start and kept current through the change feed: topic
// "chain" rebuilds that chain (its segments, segment links and the memberships in them), topic
// "enterprise" rebuilds that enterprise (its row, memberships and every supply link it is part
// of). A batch of changes is applied under an exclusive lock, so analyses (Read) never see a
// half-applied commit. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <shared_mutex>

#include "engines/graph/chain_graph.h"
#include "storage/change_feed.h"

namespace lz::services {

class ChainGraphFollower final : public storage::ChangeSubscriber {
 public:
  ChainGraphFollower();

  // Runs `fn` on the current graph with no change applied meanwhile.
  Status Read(const std::function<Status(const engines::graph::ChainGraph&)>& fn) const;

  Status Reload(storage::Repositories& repos) override;
  // Swaps in a graph built elsewhere (bench/cockpit loads a generated province), as Reload would;
  // changes applied later update it as usual.
  void Install(std::unique_ptr<engines::graph::ChainGraph> graph);
  Status Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) override;

 private:
  Status RebuildChain(storage::Repositories& repos, int64_t chain_id);
  Status RebuildEnterprise(storage::Repositories& repos, int64_t enterprise_id);

  mutable std::shared_mutex mu_;
  std::unique_ptr<engines::graph::ChainGraph> graph_;
};

}  // namespace lz::services

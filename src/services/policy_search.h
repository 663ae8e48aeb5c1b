// PolicySearch: Chinese full-text search over the policy documents (issue 7 point 3) with the
// engine of the casework search (engines/search, the same matching rules as CaseSearch: a
// two-character word finds every policy that contains it, exactly). One in-memory index of every
// policy's document number, title, full text and measures, built from storage at start
// (PolicyRepository::ForEachText) and kept current through the change feed: every committed
// "policy" change (storage::topic::kPolicy, ref = policy id), this server's or another's, re-reads
// that policy from the snapshot holding the change and upserts it, or removes it when it is gone
// (decision 0005). Policies are not scoped by unit (whoever holds chain:policy:read reads them
// all), so every document carries scope key 0 and searches pass no scope set.
//
// Thread-safe: searches run concurrently with each other and with the feed's updates.
#pragma once

#include <string_view>
#include <vector>

#include "engines/search/text_index.h"
#include "storage/change_feed.h"

namespace lz::services {

class PolicySearch final : public storage::ChangeSubscriber {
 public:
  // Rebuilds the index from every policy in `repos`.
  Status Reload(storage::Repositories& repos) override;
  // Re-reads each policy named by a "policy" change and upserts it (removed when no longer stored).
  Status Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) override;

  // The ids of every policy containing all words of `query` (text_index.h's rules), newest
  // (highest id) first. InvalidArgument naming "q" when the query has no word to look up (single
  // characters only), is too long, or matches more than engines::search::kMaxWindow policies.
  Result<std::vector<int64_t>> SearchAll(std::string_view query) const;

  engines::search::IndexStats Stats() const { return index_.Stats(); }

 private:
  engines::search::TextIndex index_;
};

}  // namespace lz::services

// CaseSearch: Chinese full-text search over the cases' titles and texts (issue 5, point 8) — the
// search engine (engines/search) as this server's in-memory index of every case, built from
// storage at start (CaseRepository::ForEachText, keyset batches) and kept current through the
// change feed: every committed "case" change (topic storage::topic::kCase, ref = case id), this
// server's or another's, re-reads that case's texts and involved units from the snapshot that
// holds the change and upserts it (decision 0005). CaseService::List uses it for q.
//
// Data scope. A case belongs to every unit that took part in it (CaseRepository). The engine
// filters on one uint32 scope key per document, so the key of a case is the dense number of its
// *set* of involved units (UnitSetScopes): cases that involved the same units share a key, and a
// reassignment that adds a unit moves the case to the key of the larger set. A user's allowed keys
// are every set with a unit inside the user's ScopeFilter: kUnits / kOwnUnit name the units,
// kOwnUnitAndBelow's units are read from storage at each search (so a moved unit counts where it
// is now), kAll searches without a filter. kSelf (the cases the user reported or filed) is not a
// function of units: those cases are read from storage and searched in a small index built for
// the query, by the same engine, so the matching rules are the same everywhere.
//
// Thread-safe: searches run concurrently with each other and with the feed's updates.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/auth/data_scope.h"
#include "engines/search/text_index.h"
#include "storage/change_feed.h"

namespace lz::services {

// The scope keys of the case index: each distinct set of involved units gets the next dense key
// (0, 1, …), never renumbered or reused while the process runs, so an index and the keys it was
// built with stay consistent across reloads. Thread-safe.
class UnitSetScopes {
 public:
  // The key of the set of `unit_ids` (any order, duplicates ignored; the empty set has a key too,
  // which no unit scope allows).
  uint32_t KeyOf(std::vector<int64_t> unit_ids);

  // Every key whose set holds one of `allowed_units`. Cached per allowed set (at most
  // kMaxCached sets; the cache is emptied when full); keys that appeared since a cached set was
  // made are added to it on the next call, so it is never stale. The result is immutable.
  std::shared_ptr<const engines::search::ScopeSet> SetFor(std::vector<int64_t> allowed_units);

  size_t size() const;
  // The units of `key`, ascending (empty for an unknown key).
  std::vector<int64_t> UnitsOf(uint32_t key) const;
  size_t cached_count() const;

  static constexpr size_t kMaxCached = 256;

 private:
  struct Cached {
    std::shared_ptr<const engines::search::ScopeSet> set;
    uint32_t covered = 0;  // keys [0, covered) were considered
  };

  mutable std::mutex mu_;
  std::map<std::vector<int64_t>, uint32_t> keys_;
  std::vector<std::vector<int64_t>> sets_;                         // by key
  std::unordered_map<int64_t, std::vector<uint32_t>> keys_of_unit_;  // ascending keys per unit
  std::map<std::vector<int64_t>, Cached> cache_;                   // by allowed units
};

// True when `q` is searched as words in the text index: it has a character other than ASCII
// digits, '-' and white space. Case numbers ("360802-20261129-0001") and phone digits are not
// (CaseQuery::q matches them in SQL).
bool IsTextQuery(std::string_view q);

class CaseSearch final : public storage::ChangeSubscriber {
 public:
  // `build_threads` for a full build; 0 uses the hardware's threads (at most 8).
  explicit CaseSearch(int build_threads = 0);

  // Rebuilds the index from every case in `repos` (searches see the old content meanwhile).
  Status Reload(storage::Repositories& repos) override;
  // Re-reads each case named by a "case" change and upserts it (a case no longer stored is
  // removed). Idempotent.
  Status Apply(storage::Repositories& repos, const std::vector<storage::Change>& changes) override;

  // Cases whose title or text contain every word of `query` (text_index.h's rules) among those
  // `scope` lets its user read: the exact count and the ids of [offset, offset + limit), newest
  // (highest id) first. `repos` is the caller's read snapshot, used to resolve the scope.
  // InvalidArgument naming "q" when the query has no word to look up (single characters only)
  // or is too long; naming "page" when offset + limit passes engines::search::kMaxWindow.
  Result<engines::search::SearchResult> Search(storage::Repositories& repos, const auth::ScopeFilter& scope,
                                               std::string_view query, size_t offset, size_t limit) const;
  // Every hit within the scope, newest first, for combining with other filters. InvalidArgument
  // naming "q" when there are more than engines::search::kMaxWindow.
  Result<std::vector<int64_t>> SearchAll(storage::Repositories& repos, const auth::ScopeFilter& scope,
                                         std::string_view query) const;

  const UnitSetScopes& scopes() const { return scopes_; }
  engines::search::IndexStats Stats() const { return index_.Stats(); }

 private:
  // What a search runs on: the shared index with an allowed-key set (or none for kAll), or, for
  // kSelf, an index of the user's own cases.
  struct Target {
    const engines::search::TextIndex* index = nullptr;
    const engines::search::ScopeSet* scope = nullptr;
    std::shared_ptr<const engines::search::ScopeSet> set;
    std::unique_ptr<engines::search::TextIndex> own;
  };
  Result<Target> Resolve(storage::Repositories& repos, const auth::ScopeFilter& scope) const;
  static Result<engines::search::SearchResult> Run(const Target& target, std::string_view query, size_t offset,
                                                   size_t limit);

  int build_threads_;
  mutable UnitSetScopes scopes_;
  engines::search::TextIndex index_;
};

}  // namespace lz::services

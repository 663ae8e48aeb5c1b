// ChainGraph: the in-memory industry-chain graph engine (issue 4, brief §2–§3). It holds chains,
// segments, enterprises, segment memberships and enterprise supply links, built once from a
// Snapshot of storage and then kept current by one update call per committed write. The analyses
// that read it (completeness, breakpoints, leaks, strength, targets, exposure) are in analysis.h.
//
// The engine is pure: no I/O, no clock, no SQL; errors are Status values (Build may use one helper
// thread for the id lookups of a large snapshot, and big arrays ask for huge pages: see
// shared/huge_pages.h). Ids are the database's int64 ids; inside, enterprises are dense uint32
// indices, supply links are compressed sparse rows (CSR) in both directions (out: the buyers of a
// supplier, in: the suppliers of a buyer) plus a small delta overlay (added links; removed base
// links are tombstoned in place), merged into fresh CSR arrays when the delta passes an eighth of
// the base. Per-segment figures (local members, local revenue, supply volumes into local buyers)
// are kept as running sums on every update, so the gap analysis of all chains costs O(segments),
// not O(links).
//
// Concurrency: many readers, one writer, with a std::shared_mutex. Every analysis takes the lock
// shared for its whole run and so sees one consistent state. An update validates first (it changes
// nothing when it fails), then applies under the exclusive lock; updates are O(degree) of the
// enterprises they touch, so readers wait microseconds. The alternative, an immutable snapshot
// swapped by pointer, would copy the 20-million-link CSR on each commit (or need persistent
// structures that slow every traversal), so it is used only where a full copy is made anyway:
// Reset() and compaction build the new arrays aside while readers go on (writers are serialised
// by a second mutex, so the writer may read without the shared lock), then swap them in under a
// short exclusive lock.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/chain/chain.h"

namespace lz::engines::graph {

// ---- Input model: plain structs the services fill from storage. -------------------------------

// The domain's enums (domain/chain/chain.h), with their wire names: chain::StageName and the like.
using chain::MemberRole;
using chain::SizeClass;
using chain::Stage;
using chain::MemberRoleName;
using chain::ParseMemberRole;
using chain::ParseSizeClass;
using chain::ParseStage;
using chain::SizeClassName;
using chain::StageName;
inline constexpr int kStageCount = 3;

struct Chain {
  int64_t id = 0;
  std::string name;
};

struct Segment {
  int64_t id = 0;
  int64_t chain_id = 0;
  Stage stage = Stage::kMidstream;
  std::optional<int64_t> parent_id;  // a segment of the same chain; the parents form a forest
  std::string name;
};

// Segment `from_segment` supplies segment `to_segment`; both of one chain, not the same segment.
struct SegmentLink {
  int64_t from_segment = 0;
  int64_t to_segment = 0;
};

struct Enterprise {
  int64_t id = 0;
  std::string region_code;  // GB/T 2260, 2–12 digits ("36", "3608", "360802", ...)
  bool local = false;       // inside the city or province that runs lianzhang
  SizeClass size = SizeClass::kSmall;
  int64_t revenue = 0;  // yuan per year, ≥ 0
  int32_t employees = 0;  // ≥ 0
};

// Enterprise `enterprise_id` belongs to segment `segment_id`; one row per pair.
struct Membership {
  int64_t enterprise_id = 0;
  int64_t segment_id = 0;
  MemberRole role = MemberRole::kMember;
};

// `supplier_id` sells to `buyer_id`; one link per ordered pair, never to itself.
struct SupplyLink {
  int64_t supplier_id = 0;
  int64_t buyer_id = 0;
  int64_t volume = 0;  // yuan per year, ≥ 0
};

// Everything the engine holds, as read from storage at start.
struct Snapshot {
  std::vector<Chain> chains;
  std::vector<Segment> segments;
  std::vector<SegmentLink> segment_links;
  std::vector<Enterprise> enterprises;
  std::vector<Membership> memberships;
  std::vector<SupplyLink> supply_links;
};

// Sizes and the bytes the engine's structures occupy (capacities of its arrays and maps, plus an
// estimate of the overlay's hash-map nodes). The per-thread traversal scratch (two bitmaps, a
// queue and two index lists per reader thread, about n/4 + 12n bytes at most) is not included.
struct GraphStats {
  int64_t chain_count = 0;
  int64_t segment_count = 0;
  int64_t enterprise_count = 0;
  int64_t membership_count = 0;
  int64_t supply_link_count = 0;
  int64_t overlay_link_count = 0;    // links added since the last compaction
  int64_t tombstone_count = 0;       // base links removed since the last compaction
  int64_t memory_bytes = 0;
};

namespace internal {
class GraphData;
class ReadView;
}  // namespace internal

// ---- The engine. ------------------------------------------------------------------------------
//
// Thread safety: every method may be called from any thread. Updates are serialised; analyses
// (analysis.h) run concurrently with each other and see either all or none of an update.
//
// Costs: an update is O(degree) of the enterprises it touches (removing a hub supplier with 10⁵
// buyers holds the exclusive lock for tens of ms); a removed enterprise leaves a dead slot of about
// 40 bytes until the next Reset. The shared_mutex follows the platform's policy (glibc prefers
// readers), so a writer waits for a gap in a continuous stream of reads.
//
// Update semantics follow the database with ON DELETE CASCADE on association rows:
// removing an enterprise removes its supply links and memberships; removing a segment removes its
// memberships and segment links and clears the parent of its child segments; removing a chain
// removes its segments (as above). Upserts insert or replace the whole row. A failed update
// returns InvalidArgument (field named as in the structs above), NotFound (an id it refers to is
// unknown) or ResourceExhausted (past 2³² − 2 enterprises or links), and leaves the engine
// unchanged.
class ChainGraph {
 public:
  // An empty engine.
  ChainGraph();
  ~ChainGraph();
  ChainGraph(const ChainGraph&) = delete;
  ChainGraph& operator=(const ChainGraph&) = delete;

  // Builds an engine from `snapshot` (not retained). Validates every row: duplicate ids or pairs →
  // AlreadyExists; a reference to an unknown chain, segment or enterprise → NotFound; a malformed
  // field, a self link, a parent in another chain or a parent cycle → InvalidArgument. Field names
  // are indexed, e.g. "supply_links[12].buyer_id". O(V + E) time, no comparison sort of links.
  static Result<std::unique_ptr<ChainGraph>> Build(const Snapshot& snapshot);

  // Replaces the whole state with one built from `snapshot` (same checks as Build); readers see the
  // old state until the new one is complete. On error the old state stays.
  Status Reset(const Snapshot& snapshot);

  Status UpsertChain(const Chain& chain);
  Status RemoveChain(int64_t chain_id);  // NotFound when unknown

  // The segment's chain cannot change (InvalidArgument "chain_id"); remove and re-add instead.
  Status UpsertSegment(const Segment& segment);
  Status RemoveSegment(int64_t segment_id);
  // Adding an existing segment link is a no-op; removing an absent one is NotFound.
  Status AddSegmentLink(const SegmentLink& link);
  Status RemoveSegmentLink(const SegmentLink& link);

  Status UpsertEnterprise(const Enterprise& enterprise);
  Status RemoveEnterprise(int64_t enterprise_id);

  // Inserts the membership or changes its role.
  Status UpsertMembership(const Membership& membership);
  Status RemoveMembership(int64_t enterprise_id, int64_t segment_id);

  // Inserts the link or changes its volume. Self links → InvalidArgument "buyer_id".
  Status UpsertSupplyLink(const SupplyLink& link);
  Status RemoveSupplyLink(int64_t supplier_id, int64_t buyer_id);

  // Merges the delta overlay into fresh CSR arrays now (updates do it by themselves when the delta
  // passes an eighth of the base). Readers are blocked only for the final swap.
  void Compact();

  GraphStats Stats() const;

 private:
  friend class internal::ReadView;
  friend class ChainGraphLoader;
  // Applies `mutate` to the state under the exclusive lock after `validate` passed; compacts after.
  template <typename Validate, typename Mutate>
  Status Apply(Validate&& validate, Mutate&& mutate);
  void CompactLocked();  // caller holds writer_mu_

  mutable std::shared_mutex mu_;  // readers shared, the applying writer exclusive
  std::mutex writer_mu_;          // serialises writers, held across validate, apply and compact
  std::unique_ptr<internal::GraphData> data_;
};

// Builds an engine whose supply links arrive in chunks, as a scan of storage reads them: the
// nodes and memberships first, then the links, each chunk translated to engine indices on a worker
// thread while the caller reads the next one, then Finish. Same result and checks as Build on the
// whole snapshot, except that a duplicate link is named by its ids rather than its row. One caller.
class ChainGraphLoader {
 public:
  // `nodes`: chains, segments, segment links, enterprises and memberships (supply_links ignored).
  // `expected_links`: how many links will come, if known (room is reserved).
  static Result<std::unique_ptr<ChainGraphLoader>> Start(Snapshot nodes, size_t expected_links = 0);
  ~ChainGraphLoader();
  ChainGraphLoader(const ChainGraphLoader&) = delete;
  ChainGraphLoader& operator=(const ChainGraphLoader&) = delete;

  // Queues the next links. A bad link of an earlier chunk may be reported here, else by Finish;
  // rows are numbered across chunks.
  Status AddLinks(std::vector<SupplyLink> chunk);
  // Waits for the queued links and builds the engine.
  Result<std::unique_ptr<ChainGraph>> Finish();

 private:
  ChainGraphLoader();
  void Work();
  Status Translate(const std::vector<SupplyLink>& chunk, size_t first_row);
  Status FirstError();

  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace lz::engines::graph

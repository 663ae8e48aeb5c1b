// GraphData: the whole state behind a ChainGraph — enterprise attributes as parallel arrays over
// dense indices, the supply Adjacency, memberships (a row list per segment and a linked list per
// enterprise), segments, chains, and the running per-segment and per-chain figures that make the
// gap analysis O(segments). Validate* methods check an update without changing anything; the
// matching mutators apply it (the caller holds the locks; see chain_graph.h). ReadView is how the
// analyses reach the state under the shared lock.
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "engines/graph/chain_graph.h"
#include "engines/graph/internal/adjacency.h"
#include "engines/shared/huge_pages.h"
#include "engines/shared/packed_hash_map.h"

namespace lz::engines::graph::internal {

using shared::BigVector;
using IdMap = shared::PackedHashMap<int64_t>;  // database id → dense enterprise index

using Wide = __int128;  // running sums of volumes and revenues: exact, cannot overflow
inline constexpr uint32_t kNone = UINT32_MAX;

inline int64_t ClampToInt64(Wide v) {
  if (v > INT64_MAX) return INT64_MAX;
  if (v < INT64_MIN) return INT64_MIN;
  return static_cast<int64_t>(v);
}

// Province (first 2 digits) and city (first 4 digits, 0 when the code is shorter) of a GB/T 2260
// code of 2–12 digits; false when malformed.
bool ParseRegion(std::string_view code, uint8_t* province, uint16_t* city);

struct Member {
  uint32_t enterprise;
  MemberRole role;
};

struct SegmentData {
  int64_t id = 0;
  uint32_t chain = kNone;
  Stage stage = Stage::kUpstream;
  uint32_t parent = kNone;
  std::string name;
  bool alive = true;
  std::vector<Member> members;          // unordered
  std::vector<uint32_t> supplies_to;    // segment indices, unordered
  std::vector<uint32_t> supplied_by;
  // Running figures over the members and their links.
  int64_t local_members = 0;
  int64_t local_chain_masters = 0;
  Wide local_revenue = 0;
  Wide local_employees = 0;
  Wide supply_total = 0;    // links member → local buyer
  Wide supply_outside = 0;  // of which from non-local members
};

struct ChainData {
  int64_t id = 0;
  std::string name;
  bool alive = true;
  std::vector<uint32_t> segments;  // live segment indices, sorted by (stage, id)
  int64_t local_enterprises = 0;   // distinct local enterprises in any of its segments
  Wide local_revenue = 0;          // their revenue, each enterprise once
};

struct MembershipNode {
  uint32_t segment;
  uint32_t next;  // next membership of the same enterprise, kNone at the end
  MemberRole role;
};

class GraphData {
 public:
  // Validates and builds (see ChainGraph::Build for the errors).
  static Result<std::unique_ptr<GraphData>> Build(const Snapshot& snapshot);

  // Build in stages, for ChainGraphLoader (Build runs the same stages):
  // 1. chains, segments, segment links and enterprises of `snapshot` (its links and memberships
  //    are not read);
  static Result<std::unique_ptr<GraphData>> BuildNodes(const Snapshot& snapshot);
  // 2. supply links to index records (out[i] for links[i]); the first bad row, if any (then
  //    LinkError(links[row], row) says why). Const: may run on several threads at once.
  std::optional<size_t> TranslateLinks(std::span<const SupplyLink> links, EdgeInput* out) const;
  Status LinkError(const SupplyLink& link, size_t row) const;
  // 3. the adjacency; a duplicate pair is reported at its row of `input` when given;
  Status BuildLinks(std::vector<EdgeInput> records, std::span<const SupplyLink> input);
  // 4. the memberships of `snapshot` and the running figures.
  Status BuildMemberships(const Snapshot& snapshot);

  Status ValidateChain(const Chain& chain) const;
  void UpsertChain(const Chain& chain);
  Status ValidateRemoveChain(int64_t chain_id) const;
  void RemoveChain(int64_t chain_id);

  Status ValidateSegment(const Segment& segment) const;
  void UpsertSegment(const Segment& segment);
  Status ValidateRemoveSegment(int64_t segment_id) const;
  void RemoveSegment(int64_t segment_id);
  Status ValidateSegmentLink(const SegmentLink& link) const;
  void AddSegmentLink(const SegmentLink& link);
  Status ValidateRemoveSegmentLink(const SegmentLink& link) const;
  void RemoveSegmentLink(const SegmentLink& link);

  Status ValidateEnterprise(const Enterprise& enterprise) const;
  void UpsertEnterprise(const Enterprise& enterprise);
  Status ValidateRemoveEnterprise(int64_t enterprise_id) const;
  void RemoveEnterprise(int64_t enterprise_id);

  Status ValidateMembership(const Membership& membership) const;
  void UpsertMembership(const Membership& membership);
  Status ValidateRemoveMembership(int64_t enterprise_id, int64_t segment_id) const;
  void RemoveMembership(int64_t enterprise_id, int64_t segment_id);

  Status ValidateSupplyLink(const SupplyLink& link) const;
  void UpsertSupplyLink(const SupplyLink& link);
  Status ValidateRemoveSupplyLink(int64_t supplier_id, int64_t buyer_id) const;
  void RemoveSupplyLink(int64_t supplier_id, int64_t buyer_id);

  GraphStats Stats() const;

  // ---- Lookups for the analyses. ----
  bool local(uint32_t e) const { return TestBit(local_bits_, e); }
  uint32_t EnterpriseIndex(int64_t id) const { return enterprise_index_.Find(id); }
  uint32_t SegmentIndex(int64_t id) const;
  uint32_t ChainIndex(int64_t id) const;
  // f(segment index, role) for each membership of enterprise `e`.
  template <typename F>
  void ForEachMembership(uint32_t e, F&& f) const {
    for (uint32_t n = first_membership_[e]; n != kNone; n = membership_pool_[n].next) {
      f(membership_pool_[n].segment, membership_pool_[n].role);
    }
  }

  // Enterprise attributes, indexed by enterprise index (dead slots keep their last values).
  BigVector<int64_t> enterprise_id_;
  std::vector<int64_t> revenue_;
  std::vector<int32_t> employees_;
  std::vector<uint16_t> city_;
  std::vector<uint8_t> province_;
  std::vector<uint8_t> size_;  // SizeClass
  std::vector<uint64_t> local_bits_;
  std::vector<uint64_t> alive_bits_;
  std::vector<uint32_t> first_membership_;
  std::vector<MembershipNode> membership_pool_;
  uint32_t free_membership_ = kNone;
  IdMap enterprise_index_;
  // True while enterprise_id_ increases with the index (a snapshot in id order, new ids larger):
  // then index order is id order and listings need no sort by id.
  bool ids_ascending_ = true;
  int64_t enterprise_count_ = 0;
  int64_t membership_count_ = 0;
  int64_t segment_link_count_ = 0;

  Adjacency adj_;

  std::vector<SegmentData> segments_;
  std::unordered_map<int64_t, uint32_t> segment_index_;
  std::vector<ChainData> chains_;
  std::unordered_map<int64_t, uint32_t> chain_index_;
  int64_t segment_count_ = 0;
  int64_t chain_count_ = 0;

 private:
  uint32_t AddEnterpriseSlot(const Enterprise& enterprise);
  void SetAttributes(uint32_t e, const Enterprise& enterprise);
  uint32_t FindMembership(uint32_t e, uint32_t segment) const;  // pool index or kNone
  void InsertSegmentInChain(uint32_t segment);
  void EraseSegmentFromChain(uint32_t segment);
  bool WouldCycle(uint32_t segment, uint32_t parent) const;

  // Running figures: each adds sign × the contribution of one fact.
  void MemberAttributeFigures(uint32_t e, uint32_t segment, MemberRole role, int sign);
  void MemberSupplyFigures(uint32_t e, uint32_t segment, int sign);
  void LinkFigures(uint32_t supplier, uint32_t buyer, int64_t volume, int sign);
  void InLinkFigures(uint32_t buyer, int sign);  // all links into `buyer`
  void ChainFigures(uint32_t e, int sign);       // e's place in its chains' distinct local count
  void EnterpriseFigures(uint32_t e, int sign);  // everything that depends on e being local

  void InsertMembership(uint32_t e, uint32_t segment, MemberRole role);
  void EraseMembership(uint32_t e, uint32_t segment);
};

// The state under the engine's shared lock, for as long as the view lives.
class ReadView {
 public:
  explicit ReadView(const ChainGraph& graph) : lock_(graph.mu_), data_(*graph.data_) {}
  const GraphData& data() const { return data_; }

 private:
  std::shared_lock<std::shared_mutex> lock_;
  const GraphData& data_;
};

}  // namespace lz::engines::graph::internal

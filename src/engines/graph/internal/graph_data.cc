// GraphData: build from a snapshot, the validate/apply pair of every update, and the running
// figures. Invariants kept by every mutator (and checked against fresh builds by the tests):
//   segment.local_members / local_chain_masters / local_revenue / local_employees — over its live
//     members that are local;
//   segment.supply_total — Σ volume of links member → local buyer; supply_outside — the part of
//     it from non-local members;
//   chain.local_enterprises / local_revenue — distinct local enterprises with a membership in the
//     chain, and their revenue (each enterprise once).
#include "engines/graph/internal/graph_data.h"

#include <algorithm>
#include <cassert>
#include <string>
#include <system_error>
#include <span>
#include <thread>
#include <utility>

namespace lz::engines::graph::internal {
namespace {

std::string Field(std::string_view list, size_t i, std::string_view field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + std::string(field);
}

// The same status with its field prefixed by the snapshot row it came from.
Status AtRow(const Status& s, std::string_view list, size_t i) {
  std::string field = Field(list, i, s.field().empty() ? "id" : s.field());
  return Status(s.code(), std::string(list) + "[" + std::to_string(i) + "]: " + s.message(),
                std::move(field));
}

Status NotFoundField(std::string message, std::string field) {
  return Status(StatusCode::kNotFound, std::move(message), std::move(field));
}

constexpr size_t kLookAhead = 16;  // rows ahead whose id-map slots are prefetched during a build
constexpr size_t kParallelTranslation = size_t{1} << 16;  // links from which a helper thread helps

bool ValidStage(Stage s) { return static_cast<unsigned>(s) <= static_cast<unsigned>(Stage::kDownstream); }
bool ValidSize(SizeClass s) {
  return static_cast<unsigned>(s) <= static_cast<unsigned>(SizeClass::kLarge);
}
bool ValidRole(MemberRole r) {
  return static_cast<unsigned>(r) <= static_cast<unsigned>(MemberRole::kMember);
}

bool SegmentOrder(const SegmentData& a, const SegmentData& b) {
  return a.stage != b.stage ? a.stage < b.stage : a.id < b.id;
}

}  // namespace

bool ParseRegion(std::string_view code, uint8_t* province, uint16_t* city) {
  if (code.size() < 2 || code.size() > 12) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  *province = static_cast<uint8_t>((code[0] - '0') * 10 + (code[1] - '0'));
  *city = code.size() >= 4
              ? static_cast<uint16_t>(*province * 100 + (code[2] - '0') * 10 + (code[3] - '0'))
              : 0;
  return true;
}

uint32_t GraphData::SegmentIndex(int64_t id) const {
  auto it = segment_index_.find(id);
  return it == segment_index_.end() ? kNone : it->second;
}

uint32_t GraphData::ChainIndex(int64_t id) const {
  auto it = chain_index_.find(id);
  return it == chain_index_.end() ? kNone : it->second;
}

// ---- Build. -----------------------------------------------------------------------------------

Result<std::unique_ptr<GraphData>> GraphData::Build(const Snapshot& snap) {
  ASSIGN_OR_RETURN(std::unique_ptr<GraphData> d, BuildNodes(snap));
  // Supply links: ids → indices (random id-map lookups, prefetched ahead and split over two
  // threads for large snapshots), then the adjacency.
  const size_t m = snap.supply_links.size();
  if (m > Adjacency::kMaxBaseEdges) return ResourceExhausted("too many supply links for one engine");
  std::vector<EdgeInput> records(m);
  const std::span<const SupplyLink> links(snap.supply_links);
  std::optional<size_t> bad;
  if (m >= kParallelTranslation) {
    std::optional<size_t> second_bad;
    std::optional<std::thread> helper;
    auto second = [&] { second_bad = d->TranslateLinks(links.subspan(m / 2), records.data() + m / 2); };
    try {
      helper.emplace(second);
    } catch (const std::system_error&) {  // no thread available: do both halves here
      second();
    }
    bad = d->TranslateLinks(links.first(m / 2), records.data());
    if (helper) helper->join();
    if (!bad && second_bad) bad = m / 2 + *second_bad;
  } else {
    bad = d->TranslateLinks(links, records.data());
  }
  if (bad) return d->LinkError(snap.supply_links[*bad], *bad);
  RETURN_IF_ERROR(d->BuildLinks(std::move(records), links));
  RETURN_IF_ERROR(d->BuildMemberships(snap));
  return d;
}

Result<std::unique_ptr<GraphData>> GraphData::BuildNodes(const Snapshot& snap) {
  auto d = std::make_unique<GraphData>();

  for (size_t i = 0; i < snap.chains.size(); ++i) {
    const Chain& c = snap.chains[i];
    if (d->chain_index_.count(c.id)) {
      return AlreadyExists("chains[" + std::to_string(i) + "]: duplicate chain id " + std::to_string(c.id),
                           Field("chains", i, "id"));
    }
    d->UpsertChain(c);
  }

  // Segments in two passes: all of them, then parents (which may come later in the list).
  d->segments_.reserve(snap.segments.size());
  for (size_t i = 0; i < snap.segments.size(); ++i) {
    Segment s = snap.segments[i];
    if (d->segment_index_.count(s.id)) {
      return AlreadyExists("segments[" + std::to_string(i) + "]: duplicate segment id " + std::to_string(s.id),
                           Field("segments", i, "id"));
    }
    s.parent_id.reset();
    Status st = d->ValidateSegment(s);
    if (!st.ok()) return AtRow(st, "segments", i);
    d->UpsertSegment(s);
  }
  for (size_t i = 0; i < snap.segments.size(); ++i) {
    const Segment& s = snap.segments[i];
    if (!s.parent_id) continue;
    uint32_t self = d->segment_index_.at(s.id);
    uint32_t parent = d->SegmentIndex(*s.parent_id);
    if (parent == kNone) {
      return AtRow(NotFoundField("unknown parent segment " + std::to_string(*s.parent_id), "parent_id"),
                   "segments", i);
    }
    if (parent == self || d->segments_[parent].chain != d->segments_[self].chain) {
      return AtRow(InvalidArgument("the parent must be another segment of the same chain", "parent_id"),
                   "segments", i);
    }
    d->segments_[self].parent = parent;
  }
  {  // Parent cycles: walk up from each segment; 1 = on the current path, 2 = known acyclic.
    std::vector<uint8_t> state(d->segments_.size(), 0);
    for (uint32_t start = 0; start < d->segments_.size(); ++start) {
      std::vector<uint32_t> path;
      uint32_t v = start;
      while (v != kNone && state[v] == 0) {
        state[v] = 1;
        path.push_back(v);
        v = d->segments_[v].parent;
      }
      if (v != kNone && state[v] == 1) {
        size_t row = 0;
        while (snap.segments[row].id != d->segments_[start].id) ++row;
        return AtRow(InvalidArgument("the parents of segments form a cycle", "parent_id"), "segments", row);
      }
      for (uint32_t p : path) state[p] = 2;
    }
  }

  for (size_t i = 0; i < snap.segment_links.size(); ++i) {
    const SegmentLink& l = snap.segment_links[i];
    Status st = d->ValidateSegmentLink(l);
    if (!st.ok()) return AtRow(st, "segment_links", i);
    const SegmentData& from = d->segments_[d->segment_index_.at(l.from_segment)];
    if (std::count(from.supplies_to.begin(), from.supplies_to.end(), d->segment_index_.at(l.to_segment))) {
      return AtRow(AlreadyExists("duplicate segment link", "to_segment"), "segment_links", i);
    }
    d->AddSegmentLink(l);
  }

  const size_t n = snap.enterprises.size();
  if (n >= kNone) return ResourceExhausted("too many enterprises for one engine");
  d->enterprise_index_.Reserve(n);
  d->enterprise_id_.reserve(n);
  d->revenue_.reserve(n);
  d->employees_.reserve(n);
  d->city_.reserve(n);
  d->province_.reserve(n);
  d->size_.reserve(n);
  d->first_membership_.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (i + kLookAhead < n) d->enterprise_index_.Prefetch(snap.enterprises[i + kLookAhead].id);
    const Enterprise& e = snap.enterprises[i];
    if (d->enterprise_index_.Find(e.id) != kNone) {
      return AlreadyExists("enterprises[" + std::to_string(i) + "]: duplicate enterprise id " + std::to_string(e.id),
                           Field("enterprises", i, "id"));
    }
    Status st = d->ValidateEnterprise(e);
    if (!st.ok()) return AtRow(st, "enterprises", i);
    d->AddEnterpriseSlot(e);
  }
  return d;
}

std::optional<size_t> GraphData::TranslateLinks(std::span<const SupplyLink> links, EdgeInput* out) const {
  const IdMap& index = enterprise_index_;
  const size_t m = links.size();
  for (size_t i = 0; i < m; ++i) {
    if (i + kLookAhead < m) {
      index.Prefetch(links[i + kLookAhead].supplier_id);
      index.Prefetch(links[i + kLookAhead].buyer_id);
    }
    const SupplyLink& l = links[i];
    const uint32_t s = index.Find(l.supplier_id);
    const uint32_t b = index.Find(l.buyer_id);
    if (s == kNone || b == kNone || s == b || l.volume < 0) return i;
    out[i] = EdgeInput{s, b, l.volume};
  }
  return std::nullopt;
}

Status GraphData::LinkError(const SupplyLink& link, size_t row) const {
  return AtRow(ValidateSupplyLink(link), "supply_links", row);
}

Status GraphData::BuildLinks(std::vector<EdgeInput> records, std::span<const SupplyLink> input) {
  if (records.size() > Adjacency::kMaxBaseEdges) return ResourceExhausted("too many supply links for one engine");
  auto duplicate = adj_.Build(static_cast<uint32_t>(enterprise_id_.size()), std::move(records));
  if (!duplicate) return Status::Ok();
  const int64_t supplier_id = enterprise_id_[duplicate->first];
  const int64_t buyer_id = enterprise_id_[duplicate->second];
  // Report the second row of the pair in input order, when the input is at hand.
  bool seen = false;
  for (size_t i = 0; i < input.size(); ++i) {
    const SupplyLink& l = input[i];
    if (l.supplier_id != supplier_id || l.buyer_id != buyer_id) continue;
    if (seen) {
      return AtRow(AlreadyExists("duplicate supply link between the same supplier and buyer", "buyer_id"),
                   "supply_links", i);
    }
    seen = true;
  }
  return Status(StatusCode::kAlreadyExists,
                "duplicate supply link from " + std::to_string(supplier_id) + " to " + std::to_string(buyer_id),
                "supply_links");
}

Status GraphData::BuildMemberships(const Snapshot& snap) {
  GraphData* d = this;
  const size_t n = enterprise_id_.size();
  for (size_t i = 0; i < snap.memberships.size(); ++i) {
    const Membership& ms = snap.memberships[i];
    Status st = d->ValidateMembership(ms);
    if (!st.ok()) return AtRow(st, "memberships", i);
    uint32_t e = d->enterprise_index_.Find(ms.enterprise_id);
    uint32_t seg = d->segment_index_.at(ms.segment_id);
    if (d->FindMembership(e, seg) != kNone) {
      return AtRow(AlreadyExists("duplicate membership", "segment_id"), "memberships", i);
    }
    // Figures come below, in one pass per enterprise.
    uint32_t node = static_cast<uint32_t>(d->membership_pool_.size());
    d->membership_pool_.push_back({seg, d->first_membership_[e], ms.role});
    d->first_membership_[e] = node;
    d->segments_[seg].members.push_back({e, ms.role});
    ++d->membership_count_;
  }
  for (uint32_t e = 0; e < n; ++e) {
    if (d->first_membership_[e] == kNone) continue;
    d->ChainFigures(e, +1);
    d->ForEachMembership(e, [&](uint32_t seg, MemberRole role) {
      d->MemberAttributeFigures(e, seg, role, +1);
      d->MemberSupplyFigures(e, seg, +1);
    });
  }
  return Status::Ok();
}


// ---- Running figures. -------------------------------------------------------------------------

void GraphData::MemberAttributeFigures(uint32_t e, uint32_t segment, MemberRole role, int sign) {
  if (!local(e)) return;
  SegmentData& s = segments_[segment];
  s.local_members += sign;
  s.local_revenue += Wide{sign} * revenue_[e];
  s.local_employees += Wide{sign} * employees_[e];
  if (role == MemberRole::kChainMaster) s.local_chain_masters += sign;
}

void GraphData::MemberSupplyFigures(uint32_t e, uint32_t segment, int sign) {
  SegmentData& s = segments_[segment];
  const bool outside = !local(e);
  Wide total = 0;
  adj_.ForEachOut(e, [&](uint32_t buyer, int64_t volume) {
    if (local(buyer)) total += volume;
  });
  s.supply_total += sign * total;
  if (outside) s.supply_outside += sign * total;
}

void GraphData::LinkFigures(uint32_t supplier, uint32_t buyer, int64_t volume, int sign) {
  if (!local(buyer)) return;
  const bool outside = !local(supplier);
  const Wide v = Wide{sign} * volume;
  ForEachMembership(supplier, [&](uint32_t seg, MemberRole) {
    segments_[seg].supply_total += v;
    if (outside) segments_[seg].supply_outside += v;
  });
}

void GraphData::InLinkFigures(uint32_t buyer, int sign) {
  if (!local(buyer)) return;
  adj_.ForEachIn(buyer, [&](uint32_t supplier) {
    if (first_membership_[supplier] == kNone) return;
    LinkFigures(supplier, buyer, *adj_.Find(supplier, buyer), sign);
  });
}

void GraphData::ChainFigures(uint32_t e, int sign) {
  if (!local(e)) return;
  for (uint32_t n = first_membership_[e]; n != kNone; n = membership_pool_[n].next) {
    uint32_t chain = segments_[membership_pool_[n].segment].chain;
    bool first = true;  // count each chain once: at its first membership in e's list
    for (uint32_t k = first_membership_[e]; k != n; k = membership_pool_[k].next) {
      if (segments_[membership_pool_[k].segment].chain == chain) {
        first = false;
        break;
      }
    }
    if (first) {
      chains_[chain].local_enterprises += sign;
      chains_[chain].local_revenue += Wide{sign} * revenue_[e];
    }
  }
}

void GraphData::EnterpriseFigures(uint32_t e, int sign) {
  ChainFigures(e, sign);
  ForEachMembership(e, [&](uint32_t seg, MemberRole role) {
    MemberAttributeFigures(e, seg, role, sign);
    MemberSupplyFigures(e, seg, sign);
  });
  InLinkFigures(e, sign);
}

// ---- Chains. ----------------------------------------------------------------------------------

Status GraphData::ValidateChain(const Chain&) const { return Status::Ok(); }

void GraphData::UpsertChain(const Chain& chain) {
  uint32_t c = ChainIndex(chain.id);
  if (c != kNone) {
    chains_[c].name = chain.name;
    return;
  }
  c = static_cast<uint32_t>(chains_.size());
  chains_.push_back(ChainData{chain.id, chain.name, true, {}, 0});
  chain_index_[chain.id] = c;
  ++chain_count_;
}

Status GraphData::ValidateRemoveChain(int64_t chain_id) const {
  if (ChainIndex(chain_id) == kNone) return NotFound("unknown chain " + std::to_string(chain_id));
  return Status::Ok();
}

void GraphData::RemoveChain(int64_t chain_id) {
  uint32_t c = chain_index_.at(chain_id);
  std::vector<uint32_t> segments = chains_[c].segments;
  for (uint32_t s : segments) RemoveSegment(segments_[s].id);
  assert(chains_[c].local_enterprises == 0 && chains_[c].local_revenue == 0);
  chains_[c] = ChainData{chain_id, {}, false, {}, 0};
  chain_index_.erase(chain_id);
  --chain_count_;
}

// ---- Segments. --------------------------------------------------------------------------------

bool GraphData::WouldCycle(uint32_t segment, uint32_t parent) const {
  for (uint32_t v = parent, steps = 0; v != kNone && steps <= segments_.size(); v = segments_[v].parent, ++steps) {
    if (v == segment) return true;
  }
  return false;
}

Status GraphData::ValidateSegment(const Segment& segment) const {
  if (!ValidStage(segment.stage)) return InvalidArgument("unknown stage", "stage");
  uint32_t chain = ChainIndex(segment.chain_id);
  if (chain == kNone) return NotFoundField("unknown chain " + std::to_string(segment.chain_id), "chain_id");
  uint32_t self = SegmentIndex(segment.id);
  if (self != kNone && segments_[self].chain != chain) {
    return InvalidArgument("a segment cannot move to another chain", "chain_id");
  }
  if (segment.parent_id) {
    uint32_t parent = SegmentIndex(*segment.parent_id);
    if (parent == kNone) {
      return NotFoundField("unknown parent segment " + std::to_string(*segment.parent_id), "parent_id");
    }
    if (*segment.parent_id == segment.id || segments_[parent].chain != chain) {
      return InvalidArgument("the parent must be another segment of the same chain", "parent_id");
    }
    if (self != kNone && WouldCycle(self, parent)) {
      return InvalidArgument("the parent would make the segments a cycle", "parent_id");
    }
  }
  return Status::Ok();
}

void GraphData::InsertSegmentInChain(uint32_t segment) {
  std::vector<uint32_t>& list = chains_[segments_[segment].chain].segments;
  auto at = std::lower_bound(list.begin(), list.end(), segment, [&](uint32_t a, uint32_t b) {
    return SegmentOrder(segments_[a], segments_[b]);
  });
  list.insert(at, segment);
}

void GraphData::EraseSegmentFromChain(uint32_t segment) {
  std::vector<uint32_t>& list = chains_[segments_[segment].chain].segments;
  list.erase(std::find(list.begin(), list.end(), segment));
}

void GraphData::UpsertSegment(const Segment& segment) {
  uint32_t parent = segment.parent_id ? segment_index_.at(*segment.parent_id) : kNone;
  uint32_t s = SegmentIndex(segment.id);
  if (s == kNone) {
    s = static_cast<uint32_t>(segments_.size());
    SegmentData data;
    data.id = segment.id;
    data.chain = chain_index_.at(segment.chain_id);
    data.stage = segment.stage;
    data.parent = parent;
    data.name = segment.name;
    segments_.push_back(std::move(data));
    segment_index_[segment.id] = s;
    InsertSegmentInChain(s);
    ++segment_count_;
    return;
  }
  SegmentData& data = segments_[s];
  data.name = segment.name;
  data.parent = parent;
  if (data.stage != segment.stage) {
    EraseSegmentFromChain(s);
    data.stage = segment.stage;
    InsertSegmentInChain(s);
  }
}

Status GraphData::ValidateRemoveSegment(int64_t segment_id) const {
  if (SegmentIndex(segment_id) == kNone) return NotFound("unknown segment " + std::to_string(segment_id));
  return Status::Ok();
}

void GraphData::RemoveSegment(int64_t segment_id) {
  uint32_t s = segment_index_.at(segment_id);
  std::vector<Member> members = segments_[s].members;
  for (const Member& m : members) EraseMembership(m.enterprise, s);
  std::vector<uint32_t> to = segments_[s].supplies_to;
  for (uint32_t t : to) RemoveSegmentLink({segment_id, segments_[t].id});
  std::vector<uint32_t> from = segments_[s].supplied_by;
  for (uint32_t f : from) RemoveSegmentLink({segments_[f].id, segment_id});
  for (uint32_t other : chains_[segments_[s].chain].segments) {
    if (segments_[other].parent == s) segments_[other].parent = kNone;
  }
  EraseSegmentFromChain(s);
  SegmentData& data = segments_[s];
  assert(data.local_members == 0 && data.supply_total == 0);
  data = SegmentData{};
  data.id = segment_id;
  data.alive = false;
  segment_index_.erase(segment_id);
  --segment_count_;
}

Status GraphData::ValidateSegmentLink(const SegmentLink& link) const {
  uint32_t from = SegmentIndex(link.from_segment);
  if (from == kNone) return NotFoundField("unknown segment " + std::to_string(link.from_segment), "from_segment");
  uint32_t to = SegmentIndex(link.to_segment);
  if (to == kNone) return NotFoundField("unknown segment " + std::to_string(link.to_segment), "to_segment");
  if (from == to) return InvalidArgument("a segment cannot supply itself", "to_segment");
  if (segments_[from].chain != segments_[to].chain) {
    return InvalidArgument("a segment link joins two segments of the same chain", "to_segment");
  }
  return Status::Ok();
}

void GraphData::AddSegmentLink(const SegmentLink& link) {
  uint32_t from = segment_index_.at(link.from_segment);
  uint32_t to = segment_index_.at(link.to_segment);
  std::vector<uint32_t>& out = segments_[from].supplies_to;
  if (std::find(out.begin(), out.end(), to) != out.end()) return;
  out.push_back(to);
  segments_[to].supplied_by.push_back(from);
  ++segment_link_count_;
}

Status GraphData::ValidateRemoveSegmentLink(const SegmentLink& link) const {
  uint32_t from = SegmentIndex(link.from_segment);
  uint32_t to = SegmentIndex(link.to_segment);
  if (from == kNone || to == kNone) return NotFound("unknown segment link");
  const std::vector<uint32_t>& out = segments_[from].supplies_to;
  if (std::find(out.begin(), out.end(), to) == out.end()) return NotFound("unknown segment link");
  return Status::Ok();
}

void GraphData::RemoveSegmentLink(const SegmentLink& link) {
  uint32_t from = segment_index_.at(link.from_segment);
  uint32_t to = segment_index_.at(link.to_segment);
  std::vector<uint32_t>& out = segments_[from].supplies_to;
  out.erase(std::find(out.begin(), out.end(), to));
  std::vector<uint32_t>& in = segments_[to].supplied_by;
  in.erase(std::find(in.begin(), in.end(), from));
  --segment_link_count_;
}

// ---- Enterprises. -----------------------------------------------------------------------------

Status GraphData::ValidateEnterprise(const Enterprise& enterprise) const {
  uint8_t province;
  uint16_t city;
  if (!ParseRegion(enterprise.region_code, &province, &city)) {
    return InvalidArgument("region code must be 2 to 12 digits (GB/T 2260)", "region_code");
  }
  if (!ValidSize(enterprise.size)) return InvalidArgument("unknown size class", "size");
  if (enterprise.revenue < 0) return InvalidArgument("revenue must not be negative", "revenue");
  if (enterprise.employees < 0) return InvalidArgument("employees must not be negative", "employees");
  if (EnterpriseIndex(enterprise.id) == kNone && enterprise_id_.size() >= kNone - 1) {
    return ResourceExhausted("too many enterprises for one engine");
  }
  return Status::Ok();
}

void GraphData::SetAttributes(uint32_t e, const Enterprise& enterprise) {
  ParseRegion(enterprise.region_code, &province_[e], &city_[e]);
  revenue_[e] = enterprise.revenue;
  employees_[e] = enterprise.employees;
  size_[e] = static_cast<uint8_t>(enterprise.size);
  if (enterprise.local) {
    SetBit(local_bits_, e);
  } else {
    ClearBit(local_bits_, e);
  }
}

uint32_t GraphData::AddEnterpriseSlot(const Enterprise& enterprise) {
  uint32_t e = static_cast<uint32_t>(enterprise_id_.size());
  if (e > 0 && enterprise.id <= enterprise_id_.back()) ids_ascending_ = false;
  enterprise_id_.push_back(enterprise.id);
  revenue_.push_back(0);
  employees_.push_back(0);
  city_.push_back(0);
  province_.push_back(0);
  size_.push_back(0);
  first_membership_.push_back(kNone);
  if (local_bits_.size() * 64 <= e) {
    local_bits_.push_back(0);
    alive_bits_.push_back(0);
  }
  SetBit(alive_bits_, e);
  SetAttributes(e, enterprise);
  enterprise_index_.Put(enterprise.id, e);
  if (adj_.node_count() <= e) adj_.AddNode();
  ++enterprise_count_;
  return e;
}

void GraphData::UpsertEnterprise(const Enterprise& enterprise) {
  uint32_t e = EnterpriseIndex(enterprise.id);
  if (e == kNone) {
    AddEnterpriseSlot(enterprise);
    return;
  }
  if (local(e) != enterprise.local) {
    EnterpriseFigures(e, -1);
    SetAttributes(e, enterprise);
    EnterpriseFigures(e, +1);
    return;
  }
  ChainFigures(e, -1);
  ForEachMembership(e, [&](uint32_t seg, MemberRole role) { MemberAttributeFigures(e, seg, role, -1); });
  SetAttributes(e, enterprise);
  ChainFigures(e, +1);
  ForEachMembership(e, [&](uint32_t seg, MemberRole role) { MemberAttributeFigures(e, seg, role, +1); });
}

Status GraphData::ValidateRemoveEnterprise(int64_t enterprise_id) const {
  if (EnterpriseIndex(enterprise_id) == kNone) {
    return NotFound("unknown enterprise " + std::to_string(enterprise_id));
  }
  return Status::Ok();
}

void GraphData::RemoveEnterprise(int64_t enterprise_id) {
  uint32_t e = enterprise_index_.Find(enterprise_id);
  std::vector<uint32_t> others;
  adj_.ForEachOut(e, [&](uint32_t buyer, int64_t) { others.push_back(buyer); });
  for (uint32_t b : others) {
    LinkFigures(e, b, *adj_.Remove(e, b), -1);
  }
  others.clear();
  adj_.ForEachIn(e, [&](uint32_t supplier) { others.push_back(supplier); });
  for (uint32_t s : others) {
    LinkFigures(s, e, *adj_.Remove(s, e), -1);
  }
  while (first_membership_[e] != kNone) EraseMembership(e, membership_pool_[first_membership_[e]].segment);
  ClearBit(alive_bits_, e);
  ClearBit(local_bits_, e);
  enterprise_index_.Erase(enterprise_id);
  --enterprise_count_;
}

// ---- Memberships. -----------------------------------------------------------------------------

uint32_t GraphData::FindMembership(uint32_t e, uint32_t segment) const {
  for (uint32_t n = first_membership_[e]; n != kNone; n = membership_pool_[n].next) {
    if (membership_pool_[n].segment == segment) return n;
  }
  return kNone;
}

Status GraphData::ValidateMembership(const Membership& membership) const {
  if (!ValidRole(membership.role)) return InvalidArgument("unknown member role", "role");
  if (EnterpriseIndex(membership.enterprise_id) == kNone) {
    return NotFoundField("unknown enterprise " + std::to_string(membership.enterprise_id), "enterprise_id");
  }
  if (SegmentIndex(membership.segment_id) == kNone) {
    return NotFoundField("unknown segment " + std::to_string(membership.segment_id), "segment_id");
  }
  return Status::Ok();
}

void GraphData::InsertMembership(uint32_t e, uint32_t segment, MemberRole role) {
  ChainFigures(e, -1);
  uint32_t node;
  if (free_membership_ != kNone) {
    node = free_membership_;
    free_membership_ = membership_pool_[node].next;
    membership_pool_[node] = {segment, first_membership_[e], role};
  } else {
    node = static_cast<uint32_t>(membership_pool_.size());
    membership_pool_.push_back({segment, first_membership_[e], role});
  }
  first_membership_[e] = node;
  segments_[segment].members.push_back({e, role});
  ++membership_count_;
  MemberAttributeFigures(e, segment, role, +1);
  MemberSupplyFigures(e, segment, +1);
  ChainFigures(e, +1);
}

void GraphData::EraseMembership(uint32_t e, uint32_t segment) {
  ChainFigures(e, -1);
  uint32_t* link = &first_membership_[e];
  while (membership_pool_[*link].segment != segment) link = &membership_pool_[*link].next;
  uint32_t node = *link;
  MemberAttributeFigures(e, segment, membership_pool_[node].role, -1);
  MemberSupplyFigures(e, segment, -1);
  *link = membership_pool_[node].next;
  membership_pool_[node].next = free_membership_;
  free_membership_ = node;
  std::vector<Member>& members = segments_[segment].members;
  for (size_t i = 0; i < members.size(); ++i) {
    if (members[i].enterprise == e) {
      members[i] = members.back();
      members.pop_back();
      break;
    }
  }
  --membership_count_;
  ChainFigures(e, +1);
}

void GraphData::UpsertMembership(const Membership& membership) {
  uint32_t e = enterprise_index_.Find(membership.enterprise_id);
  uint32_t seg = segment_index_.at(membership.segment_id);
  uint32_t node = FindMembership(e, seg);
  if (node == kNone) {
    InsertMembership(e, seg, membership.role);
    return;
  }
  MemberAttributeFigures(e, seg, membership_pool_[node].role, -1);
  membership_pool_[node].role = membership.role;
  for (Member& m : segments_[seg].members) {
    if (m.enterprise == e) m.role = membership.role;
  }
  MemberAttributeFigures(e, seg, membership.role, +1);
}

Status GraphData::ValidateRemoveMembership(int64_t enterprise_id, int64_t segment_id) const {
  uint32_t e = EnterpriseIndex(enterprise_id);
  uint32_t seg = SegmentIndex(segment_id);
  if (e == kNone || seg == kNone || FindMembership(e, seg) == kNone) {
    return NotFound("enterprise " + std::to_string(enterprise_id) + " is not a member of segment " +
                    std::to_string(segment_id));
  }
  return Status::Ok();
}

void GraphData::RemoveMembership(int64_t enterprise_id, int64_t segment_id) {
  EraseMembership(enterprise_index_.Find(enterprise_id), segment_index_.at(segment_id));
}

// ---- Supply links. ----------------------------------------------------------------------------

Status GraphData::ValidateSupplyLink(const SupplyLink& link) const {
  if (EnterpriseIndex(link.supplier_id) == kNone) {
    return NotFoundField("unknown enterprise " + std::to_string(link.supplier_id), "supplier_id");
  }
  if (EnterpriseIndex(link.buyer_id) == kNone) {
    return NotFoundField("unknown enterprise " + std::to_string(link.buyer_id), "buyer_id");
  }
  if (link.supplier_id == link.buyer_id) {
    return InvalidArgument("an enterprise cannot supply itself", "buyer_id");
  }
  if (link.volume < 0) return InvalidArgument("volume must not be negative", "volume");
  if (adj_.edge_count() >= Adjacency::kMaxBaseEdges && !adj_.Find(EnterpriseIndex(link.supplier_id),
                                                                     EnterpriseIndex(link.buyer_id))) {
    return ResourceExhausted("too many supply links for one engine");
  }
  return Status::Ok();
}

void GraphData::UpsertSupplyLink(const SupplyLink& link) {
  uint32_t s = enterprise_index_.Find(link.supplier_id);
  uint32_t b = enterprise_index_.Find(link.buyer_id);
  if (std::optional<int64_t> old = adj_.Find(s, b)) LinkFigures(s, b, *old, -1);
  adj_.Upsert(s, b, link.volume);
  LinkFigures(s, b, link.volume, +1);
}

Status GraphData::ValidateRemoveSupplyLink(int64_t supplier_id, int64_t buyer_id) const {
  uint32_t s = EnterpriseIndex(supplier_id);
  uint32_t b = EnterpriseIndex(buyer_id);
  if (s == kNone || b == kNone || !adj_.Find(s, b)) {
    return NotFound("no supply link from " + std::to_string(supplier_id) + " to " + std::to_string(buyer_id));
  }
  return Status::Ok();
}

void GraphData::RemoveSupplyLink(int64_t supplier_id, int64_t buyer_id) {
  uint32_t s = enterprise_index_.Find(supplier_id);
  uint32_t b = enterprise_index_.Find(buyer_id);
  LinkFigures(s, b, *adj_.Remove(s, b), -1);
}

// ---- Stats. -----------------------------------------------------------------------------------

GraphStats GraphData::Stats() const {
  GraphStats st;
  st.chain_count = chain_count_;
  st.segment_count = segment_count_;
  st.enterprise_count = enterprise_count_;
  st.membership_count = membership_count_;
  st.supply_link_count = static_cast<int64_t>(adj_.edge_count());
  st.overlay_link_count = static_cast<int64_t>(adj_.overlay_count());
  st.tombstone_count = static_cast<int64_t>(adj_.tombstone_count());
  size_t bytes = sizeof(GraphData) + adj_.MemoryBytes() + enterprise_index_.MemoryBytes();
  bytes += enterprise_id_.capacity() * sizeof(int64_t) + revenue_.capacity() * sizeof(int64_t) +
           employees_.capacity() * sizeof(int32_t) + city_.capacity() * sizeof(uint16_t) +
           province_.capacity() + size_.capacity() +
           (local_bits_.capacity() + alive_bits_.capacity()) * sizeof(uint64_t) +
           first_membership_.capacity() * sizeof(uint32_t) +
           membership_pool_.capacity() * sizeof(MembershipNode);
  for (const SegmentData& s : segments_) {
    bytes += sizeof(SegmentData) + s.name.capacity() + s.members.capacity() * sizeof(Member) +
             (s.supplies_to.capacity() + s.supplied_by.capacity()) * sizeof(uint32_t);
  }
  for (const ChainData& c : chains_) {
    bytes += sizeof(ChainData) + c.name.capacity() + c.segments.capacity() * sizeof(uint32_t);
  }
  // unordered_map nodes (key, value, next pointer, hash) and buckets, estimated.
  bytes += (segment_index_.size() + chain_index_.size()) * 32 +
           (segment_index_.bucket_count() + chain_index_.bucket_count()) * sizeof(void*);
  st.memory_bytes = static_cast<int64_t>(bytes);
  return st;
}

}  // namespace lz::engines::graph::internal

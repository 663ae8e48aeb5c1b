// ChainService: industry chains, their segments (a tree per chain, from upstream to downstream)
// and the supply relations between segments. Reading needs chain:chain:read, changing
// chain:chain:write; chains are city-wide reference data, so no data scope applies. Every write is
// one transaction with its operation-log row; the rules that need other rows are checked here: the
// region and units exist, names are unique, a parent segment and both ends of a segment link lie
// in the same chain, and segment parents never form a cycle. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "storage/repositories.h"

namespace lz::services {

struct ChainInput {
  std::string name;
  std::string description;
  std::string region_code;
  std::optional<int64_t> lead_unit_id;
  std::vector<int64_t> responsible_unit_ids;
  int64_t target_revenue = 0;
  int target_year = 0;
  bool example = false;
};

struct SegmentInput {
  std::string name;
  chain::Stage stage = chain::Stage::kMidstream;
  std::optional<int64_t> parent_id;
  std::string industry_code;
  std::string description;
  int sort_order = 0;
};

struct NamedUnit {
  int64_t id = 0;
  std::string name;
};

// A chain with everything its map needs.
struct ChainDetail {
  chain::Chain chain;
  std::vector<NamedUnit> responsible_units;
  std::vector<chain::Segment> segments;  // by stage, sort_order, id
  std::vector<chain::SegmentLink> links;
};

class ChainService {
 public:
  ChainService(storage::Store& store, const Clock& clock, const AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  Result<storage::PageOf<chain::Chain>> List(const Actor& actor, const storage::ChainQuery& query);
  // NotFound for an unknown id.
  Result<ChainDetail> Get(const Actor& actor, int64_t id);
  Result<chain::Chain> Create(const Actor& actor, const ChainInput& input);
  Result<chain::Chain> Update(const Actor& actor, int64_t id, const ChainInput& input);
  // Deletes the chain with its segments, segment links and the memberships in them.
  // FailedPrecondition while cases, investment projects, promotion events, work-plan tasks,
  // support bodies or open challenges name it (nothing is deleted then).
  Status Delete(const Actor& actor, int64_t id);

  Result<chain::Segment> CreateSegment(const Actor& actor, int64_t chain_id, const SegmentInput& input);
  Result<chain::Segment> UpdateSegment(const Actor& actor, int64_t chain_id, int64_t segment_id,
                                       const SegmentInput& input);
  // FailedPrecondition while finer segments hang below it, or investment projects or open
  // challenges name it.
  Status DeleteSegment(const Actor& actor, int64_t chain_id, int64_t segment_id);

  // Segment `from` supplies segment `to`; both must be segments of the chain. Idempotent.
  Status LinkSegments(const Actor& actor, int64_t chain_id, const chain::SegmentLink& link);
  Status UnlinkSegments(const Actor& actor, int64_t chain_id, const chain::SegmentLink& link);

 private:
  Status CheckChain(storage::Repositories& repos, chain::Chain& chain);
  Status CheckSegment(storage::Repositories& repos, chain::Segment& segment);
  // The segment with that id in that chain; NotFound otherwise (InvalidArgument on `field` when set).
  Result<chain::Segment> SegmentOf(storage::Repositories& repos, int64_t chain_id, int64_t segment_id,
                                   const std::string& field = {});

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
};

}  // namespace lz::services

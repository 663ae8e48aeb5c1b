// OrgService: regions, units and positions — the organisation every other capability hangs on.
// Every method checks the actor's permission (refusals go to the operation log) and data scope;
// a unit outside the actor's scope is reported as not found. Writes are one transaction each,
// together with their operation-log row. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "services/actor.h"
#include "services/audit_trail.h"
#include "storage/repositories.h"

namespace lz::services {

struct RegionDetail {
  org::Region region;
  std::vector<org::Region> path;  // from the province down to the region itself
};

struct UnitInput {
  std::string name;
  org::UnitKind kind = org::UnitKind::kDepartment;
  std::string region_code;
  std::optional<int64_t> parent_id;
  std::optional<std::string> code;
};

struct UnitFilter {
  std::string q;
  std::optional<org::UnitKind> kind;
  std::string region_code;
  std::optional<int64_t> parent_id;
  storage::PageRequest page;
};

struct PositionInput {
  int64_t user_id = 0;
  org::PositionKind kind = org::PositionKind::kChainLeader;
  org::ContextType context_type = org::ContextType::kUnit;
  std::string context_ref;
  std::string context_name;  // filled from the registry for unit and region contexts
};

struct PositionFilter {
  std::optional<int64_t> user_id;
  std::optional<org::PositionKind> kind;
  storage::PageRequest page;
};

class OrgService {
 public:
  OrgService(storage::Store& store, const Clock& clock, const AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // Regions (reference data; needs org:region:read / org:region:write).
  Result<std::vector<org::Region>> RegionChildren(const Actor& actor, const std::string& parent_code);
  Result<std::vector<org::Region>> SearchRegions(const Actor& actor, const std::string& q);
  Result<RegionDetail> GetRegion(const Actor& actor, const std::string& code);
  // Adds a region below an existing one (communities not in the shipped data).
  Result<org::Region> CreateRegion(const Actor& actor, const org::Region& region);

  // Units (org:unit:read / org:unit:write), filtered by the actor's data scope.
  Result<storage::PageOf<org::Unit>> ListUnits(const Actor& actor, const UnitFilter& filter);
  Result<org::Unit> GetUnit(const Actor& actor, int64_t id);
  Result<org::Unit> CreateUnit(const Actor& actor, const UnitInput& input);
  Result<org::Unit> UpdateUnit(const Actor& actor, int64_t id, const UnitInput& input);
  Status DeleteUnit(const Actor& actor, int64_t id);
  // CSV (UTF-8 with BOM) of every unit matching the filter within the actor's scope.
  Result<std::string> ExportUnitsCsv(const Actor& actor, const UnitFilter& filter);

  // Positions (org:position:read / org:position:write); scoped by the holder's unit.
  Result<storage::PageOf<org::Position>> ListPositions(const Actor& actor, const PositionFilter& filter);
  Result<org::Position> CreatePosition(const Actor& actor, const PositionInput& input);
  Status DeletePosition(const Actor& actor, int64_t id);

 private:
  // Loads a unit the actor may see; NotFound when missing or outside the scope. `refusal` is set
  // when the unit exists but lies outside the scope, so the caller logs the denial once its
  // transaction has ended.
  Result<org::Unit> LoadVisibleUnit(storage::Repositories& repos, const Actor& actor, int64_t id, Refusal& refusal,
                                    const std::string& field = {});
  Status CheckUnitInput(storage::Repositories& repos, const Actor& actor, org::Unit& unit, Refusal& refusal);

  storage::Store& store_;
  const Clock& clock_;
  const AuditTrail& audit_;
};

}  // namespace lz::services

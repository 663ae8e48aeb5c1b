// Unit: any body that acts or reports — government, department, street office, community
// committee, social-work station, chamber of commerce, advisory committee... Units form a tree
// (parent_id) and sit in a region. `path` is the materialised chain of ids ("/1/7/12/") that data
// scopes use to select a unit and everything below it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"

namespace lz::org {

enum class UnitKind {
  kGovernment,
  kPartyCommittee,
  kDepartment,
  kStreetOffice,
  kCommunityCommittee,
  kCommunityTeam,
  kSocialWorkStation,
  kChamberOfCommerce,
  kAdvisoryCommittee,
  kIndustryAlliance,
  kResearchInstitute,
  kTestingCentre,
  kOther,
};

std::string_view UnitKindName(UnitKind kind);  // "government", "party_committee", ...
std::optional<UnitKind> ParseUnitKind(std::string_view name);
const std::vector<UnitKind>& AllUnitKinds();

struct Unit {
  int64_t id = 0;
  std::string name;
  UnitKind kind = UnitKind::kDepartment;
  std::string region_code;
  std::optional<int64_t> parent_id;
  std::optional<std::string> code;  // unified social credit code or organisation code, if known
  std::string path;                 // "/<ancestor ids>/<id>/"
  int64_t created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  // Denormalised for display, filled by queries.
  std::string region_name;
  std::string parent_name;
};

// Normalises (trims) and checks the user-editable fields. Errors name the field.
Status NormaliseUnitFields(Unit& unit);

// Path of a unit given its parent's path ("" for a root unit).
std::string UnitPath(const std::string& parent_path, int64_t id);

}  // namespace lz::org

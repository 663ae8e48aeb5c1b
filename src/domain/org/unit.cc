// Unit kinds and field rules.
#include "domain/org/unit.h"

#include "common/enum_names.h"
#include "common/text.h"

namespace lz::org {
namespace {

using K = UnitKind;
using N = std::string_view;
constexpr auto kKindNames = MakeEnumNames<UnitKind>(
    std::pair{K::kGovernment, N("government")}, std::pair{K::kPartyCommittee, N("party_committee")},
    std::pair{K::kDepartment, N("department")}, std::pair{K::kStreetOffice, N("street_office")},
    std::pair{K::kCommunityCommittee, N("community_committee")}, std::pair{K::kCommunityTeam, N("community_team")},
    std::pair{K::kSocialWorkStation, N("social_work_station")},
    std::pair{K::kChamberOfCommerce, N("chamber_of_commerce")},
    std::pair{K::kAdvisoryCommittee, N("advisory_committee")},
    std::pair{K::kIndustryAlliance, N("industry_alliance")},
    std::pair{K::kResearchInstitute, N("research_institute")}, std::pair{K::kTestingCentre, N("testing_centre")},
    std::pair{K::kOther, N("other")});

}  // namespace

std::string_view UnitKindName(UnitKind kind) { return kKindNames.Name(kind); }
std::optional<UnitKind> ParseUnitKind(std::string_view name) { return kKindNames.Parse(name); }
const std::vector<UnitKind>& AllUnitKinds() {
  static const std::vector<UnitKind> kAll = kKindNames.Values();
  return kAll;
}

Status NormaliseUnitFields(Unit& unit) {
  unit.name = text::Trim(unit.name);
  size_t len = text::Utf8Length(unit.name);
  if (len == 0) return InvalidArgument("unit name is required", "name");
  if (len > 100) return InvalidArgument("unit name is too long (max 100 characters)", "name");
  if (unit.code) {
    *unit.code = text::Trim(*unit.code);
    if (unit.code->empty()) {
      unit.code.reset();
    } else if (unit.code->size() > 32) {
      return InvalidArgument("unit code is too long (max 32 characters)", "code");
    }
  }
  return Status::Ok();
}

std::string UnitPath(const std::string& parent_path, int64_t id) {
  return (parent_path.empty() ? std::string("/") : parent_path) + std::to_string(id) + "/";
}

}  // namespace lz::org

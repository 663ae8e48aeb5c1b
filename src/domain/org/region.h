// Region: an administrative division by its GB/T 2260 code, with the statistical extension for
// townships (9 digits) and communities/villages (12 digits): 36 → 3608 → 360802 → 360802001 → 360802001001.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace lz::org {

enum class RegionLevel { kProvince, kCity, kCounty, kTownship, kCommunity };

std::string_view RegionLevelName(RegionLevel level);  // "province", ..., "community"
std::optional<RegionLevel> ParseRegionLevel(std::string_view name);
// Level implied by the code's length (2, 4, 6, 9, 12 digits); nullopt for any other shape.
std::optional<RegionLevel> LevelOfCode(std::string_view code);

struct Region {
  std::string code;
  std::string name;
  RegionLevel level = RegionLevel::kProvince;
  std::string parent_code;  // empty for a province
  int64_t child_count = 0;  // filled by queries that need it
};

// Checks a new region below `parent`: digits only, one level deeper than the parent, and the
// code starts with the parent's code. Errors name the field ("code", "parent_code", "name").
Status ValidateNewRegion(const Region& region, const Region& parent);

}  // namespace lz::org

// Region codes and levels.
#include "domain/org/region.h"

#include <algorithm>

#include "common/text.h"

namespace lz::org {

std::string_view RegionLevelName(RegionLevel level) {
  switch (level) {
    case RegionLevel::kProvince: return "province";
    case RegionLevel::kCity: return "city";
    case RegionLevel::kCounty: return "county";
    case RegionLevel::kTownship: return "township";
    case RegionLevel::kCommunity: return "community";
  }
  return "province";
}

std::optional<RegionLevel> ParseRegionLevel(std::string_view name) {
  for (auto l : {RegionLevel::kProvince, RegionLevel::kCity, RegionLevel::kCounty, RegionLevel::kTownship,
                 RegionLevel::kCommunity}) {
    if (RegionLevelName(l) == name) return l;
  }
  return std::nullopt;
}

std::optional<RegionLevel> LevelOfCode(std::string_view code) {
  if (code.empty() || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  switch (code.size()) {
    case 2: return RegionLevel::kProvince;
    case 4: return RegionLevel::kCity;
    case 6: return RegionLevel::kCounty;
    case 9: return RegionLevel::kTownship;
    case 12: return RegionLevel::kCommunity;
    default: return std::nullopt;
  }
}

Status ValidateNewRegion(const Region& region, const Region& parent) {
  auto level = LevelOfCode(region.code);
  if (!level) return InvalidArgument("region code must be 2, 4, 6, 9 or 12 digits (GB/T 2260)", "code");
  if (static_cast<int>(*level) != static_cast<int>(parent.level) + 1) {
    return InvalidArgument("region code is not one level below its parent " + parent.code, "code");
  }
  if (region.code.compare(0, parent.code.size(), parent.code) != 0) {
    return InvalidArgument("region code must start with its parent's code " + parent.code, "code");
  }
  size_t len = text::Utf8Length(region.name);
  if (len == 0 || len > 60) return InvalidArgument("region name must have 1 to 60 characters", "name");
  return Status::Ok();
}

}  // namespace lz::org

// Position: an office a user holds in a context — chain leader of a chain, commissioner of an
// enterprise, social worker of a station, member of a community team... Contexts of kind unit and
// region are checked against the registry; chains and enterprises are referenced by key and name
// until their registries exist.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/status.h"

namespace lz::org {

enum class PositionKind {
  kChainLeader,
  kDeputyChainLeader,
  kCommissioner,
  kSocialWorker,
  kLiaisonOfficer,
  kSupervisor,
  kGridWorker,
  kCommunityTeamMember,
  kUnitHead,  // 单位负责人 of the unit in the context: 通报 and 提级 of its cases reach them
  kMonitoringPoint,     // 营商环境监测点: the contact of an enterprise that serves as a monitoring point
  kEnterpriseContact,   // 企业联系人: an enterprise's own account, which files and follows its demands
};
enum class ContextType { kChain, kEnterprise, kUnit, kRegion };

std::string_view PositionKindName(PositionKind kind);
std::optional<PositionKind> ParsePositionKind(std::string_view name);
std::string_view ContextTypeName(ContextType type);
std::optional<ContextType> ParseContextType(std::string_view name);

struct Position {
  int64_t id = 0;
  int64_t user_id = 0;
  PositionKind kind = PositionKind::kChainLeader;
  ContextType context_type = ContextType::kUnit;
  std::string context_ref;   // unit id, region code, chain key, enterprise credit code
  std::string context_name;  // display name of the context
  int64_t created_by = 0;
  TimeMs created_at = 0;
  std::string user_name;     // filled by queries
};

// Trims and checks context_ref / context_name. Errors name the field.
Status NormalisePositionFields(Position& position);

}  // namespace lz::org

// Position kinds and field rules.
#include "domain/org/position.h"

#include "common/enum_names.h"
#include "common/text.h"

namespace lz::org {
namespace {

constexpr auto kKinds = MakeEnumNames<PositionKind>(
    std::pair{PositionKind::kChainLeader, std::string_view("chain_leader")},
    std::pair{PositionKind::kDeputyChainLeader, std::string_view("deputy_chain_leader")},
    std::pair{PositionKind::kCommissioner, std::string_view("commissioner")},
    std::pair{PositionKind::kSocialWorker, std::string_view("social_worker")},
    std::pair{PositionKind::kLiaisonOfficer, std::string_view("liaison_officer")},
    std::pair{PositionKind::kSupervisor, std::string_view("supervisor")},
    std::pair{PositionKind::kGridWorker, std::string_view("grid_worker")},
    std::pair{PositionKind::kCommunityTeamMember, std::string_view("community_team_member")},
    std::pair{PositionKind::kUnitHead, std::string_view("unit_head")},
    std::pair{PositionKind::kMonitoringPoint, std::string_view("monitoring_point")},
    std::pair{PositionKind::kEnterpriseContact, std::string_view("enterprise_contact")});
constexpr auto kContexts = MakeEnumNames<ContextType>(
    std::pair{ContextType::kChain, std::string_view("chain")},
    std::pair{ContextType::kEnterprise, std::string_view("enterprise")},
    std::pair{ContextType::kUnit, std::string_view("unit")},
    std::pair{ContextType::kRegion, std::string_view("region")});

}  // namespace

std::string_view PositionKindName(PositionKind kind) { return kKinds.Name(kind); }
std::optional<PositionKind> ParsePositionKind(std::string_view name) { return kKinds.Parse(name); }
std::string_view ContextTypeName(ContextType type) { return kContexts.Name(type); }
std::optional<ContextType> ParseContextType(std::string_view name) { return kContexts.Parse(name); }

Status NormalisePositionFields(Position& position) {
  position.context_ref = text::Trim(position.context_ref);
  position.context_name = text::Trim(position.context_name);
  if (position.context_ref.empty()) return InvalidArgument("context reference is required", "context_ref");
  if (text::Utf8Length(position.context_ref) > 64) return InvalidArgument("context reference is too long (max 64 characters)", "context_ref");
  if (text::Utf8Length(position.context_name) > 100) return InvalidArgument("context name is too long (max 100 characters)", "context_name");
  return Status::Ok();
}

}  // namespace lz::org

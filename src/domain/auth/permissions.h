// The permission catalogue: every permission string a role can hold. Services check these;
// the UI shows menus and buttons by them. Adding a capability adds its permissions here.
#pragma once

#include <string_view>
#include <vector>

namespace lz::auth {

struct PermissionInfo {
  std::string_view key;    // "org:unit:write"
  std::string_view group;  // "org", "system", "audit", "chain", "case"
};

namespace perm {
inline constexpr std::string_view kRegionRead = "org:region:read";
inline constexpr std::string_view kRegionWrite = "org:region:write";
inline constexpr std::string_view kUnitRead = "org:unit:read";
inline constexpr std::string_view kUnitWrite = "org:unit:write";
inline constexpr std::string_view kPositionRead = "org:position:read";
inline constexpr std::string_view kPositionWrite = "org:position:write";
inline constexpr std::string_view kUserRead = "sys:user:read";
inline constexpr std::string_view kUserWrite = "sys:user:write";
inline constexpr std::string_view kRoleRead = "sys:role:read";
inline constexpr std::string_view kRoleWrite = "sys:role:write";
// Issue and revoke the API keys of machine clients (Open311 apps).
inline constexpr std::string_view kApiKeyWrite = "sys:apikey:write";
inline constexpr std::string_view kAuditRead = "audit:log:read";
inline constexpr std::string_view kChainRead = "chain:chain:read";  // chains, segments, maps and analyses
inline constexpr std::string_view kChainWrite = "chain:chain:write";
inline constexpr std::string_view kEnterpriseRead = "chain:enterprise:read";  // registry, memberships, links
inline constexpr std::string_view kEnterpriseWrite = "chain:enterprise:write";
// Field service for enterprises: record visits (走访) and file problems for the enterprises one
// serves as commissioner, liaison officer, supervisor or monitoring-point contact; assign and
// reassign the commissioners of enterprises (and read every enterprise's field record).
inline constexpr std::string_view kEnterpriseVisit = "chain:enterprise:visit";
inline constexpr std::string_view kCommissionerAssign = "chain:enterprise:assign";
// Investment pipeline (招商项目) and promotion events (推介会): read the projects in one's data
// scope and the events; create, edit and move projects (集中开工 included) and manage the events.
inline constexpr std::string_view kProjectRead = "chain:project:read";
inline constexpr std::string_view kProjectWrite = "chain:project:write";
// The city cockpit (驾驶舱): every chain's figures at once. Chain leaders see their own chains'
// cockpit through their positions, without it.
inline constexpr std::string_view kCockpitRead = "chain:cockpit:read";
// The policy set (1+2+N): read policies, their measures and the enterprises each applies to;
// write (create, update, delete) policies and measures; record policy funds paid out (grants).
inline constexpr std::string_view kPolicyRead = "chain:policy:read";
inline constexpr std::string_view kPolicyWrite = "chain:policy:write";
inline constexpr std::string_view kPolicyGrant = "chain:policy:grant";
// Casework: read cases in the data scope; register (登记) them; act as the intake and dispatch
// centre (受理, 派单, 回访, 办结, 延期审批 …); handle them as a unit (签收, 退单, 办理, 答复); rule on
// thrice-returned cases (仲裁); edit channels, categories and routing; read the KPIs.
inline constexpr std::string_view kCaseRead = "case:case:read";
inline constexpr std::string_view kCaseCreate = "case:case:create";
inline constexpr std::string_view kCaseDispatch = "case:case:dispatch";
inline constexpr std::string_view kCaseHandle = "case:case:handle";
inline constexpr std::string_view kCaseArbitrate = "case:case:arbitrate";
inline constexpr std::string_view kCaseCatalogue = "case:catalogue:write";
inline constexpr std::string_view kCaseKpi = "case:kpi:read";
// Assessment (考核): read the units' monthly scores and rankings (within the data scope); write
// (create, edit, delete) the weight schemes they are computed with.
inline constexpr std::string_view kAssessRead = "case:assess:read";
inline constexpr std::string_view kAssessWrite = "case:assess:write";
// Record patrol findings (城管巡查) and resolve one's own findings on the spot (现场处置) without
// being an intake dispatcher.
inline constexpr std::string_view kCasePatrol = "case:case:patrol";
// Micro-wishes (微心愿): record, publish, record claims and confirm deliveries of a station's
// wishes, and manage the campaigns of the units in one's scope.
inline constexpr std::string_view kCaseWishWrite = "case:wish:write";
// File and follow one's own enterprise's demands (企业诉求) and rate them, as the holder of an
// enterprise_contact position; no other case is visible through it.
inline constexpr std::string_view kCaseDemand = "case:demand:file";
// Work-plan tasks (工作要点): set tasks for units with deadlines and milestones, and supervise them
// (the task is a case the holder registers and dispatches, so it needs case:case:create and
// case:case:dispatch too). Owners report progress with case:case:handle.
inline constexpr std::string_view kTaskWrite = "chain:task:write";
}  // namespace perm

// All permissions, in display order.
const std::vector<PermissionInfo>& AllPermissions();
bool IsKnownPermission(std::string_view key);

}  // namespace lz::auth

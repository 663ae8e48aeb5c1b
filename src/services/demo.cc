// Demo organisation of 吉安市, 定南县, 南昌市, 南昌县 and 新建区欣悦湖街道 from the reference article, with
// the industry chains of 吉安市 (demo_chains.cc) and their leaders and commissioners.
#include "services/demo.h"

#include <array>
#include <map>
#include <vector>

#include <spdlog/spdlog.h>

#include "services/demo_chains.h"

namespace lz::services {
namespace {

using org::UnitKind;

// 8 lead departments (牵头市直部门) and 36 responsible departments (责任部门) of 吉安市; each lead
// department leads one of the 8 chains and each responsible department serves one (demo_chains.cc).
constexpr std::array<const char*, 8> kLeadDepartments = {
    "吉安市工业和信息化局", "吉安市发展和改革委员会", "吉安市科学技术局",     "吉安市商务局",
    "吉安市卫生健康委员会", "吉安市农业农村局",       "吉安市文化广电新闻出版旅游局", "吉安市市场监督管理局",
};
constexpr std::array<const char*, 36> kResponsibleDepartments = {
    "吉安市财政局",         "吉安市人力资源和社会保障局", "吉安市自然资源局",       "吉安市生态环境局",
    "吉安市住房和城乡建设局", "吉安市交通运输局",           "吉安市水利局",           "吉安市应急管理局",
    "吉安市统计局",         "吉安市教育局",               "吉安市公安局",           "吉安市司法局",
    "吉安市民政局",         "吉安市林业局",               "吉安市审计局",           "吉安市国有资产监督管理委员会",
    "吉安市行政审批局",     "吉安市大数据中心",           "吉安市城市管理局",       "吉安市医疗保障局",
    "吉安市地方金融监督管理局", "吉安市投资促进中心",     "吉安市外事办公室",       "吉安市科学技术协会",
    "吉安市工商业联合会",   "吉安市总工会",               "吉安市税务局",           "吉安海关",
    "吉安市供电公司",       "吉安市气象局",               "吉安市退役军人事务局",   "吉安市政务服务管理局",
    "吉安市农业科学研究院", "吉安市粮食和物资储备局",     "吉安市机关事务管理局",   "吉安市营商环境优化办公室",
};

// Key chains of 吉安市; the first four are named by the article, the rest are examples. The chains
// themselves (units, segments, enterprises, links) are built by demo_chains.cc under the same keys
// and names.
struct DemoChain {
  const char* key;
  const char* name;
  int leaders;  // city leaders acting as chain leaders (18 in all)
};
constexpr std::array<DemoChain, 8> kChains = {{
    {"electronics", "电子信息产业链", 3},
    {"biomedicine", "生物医药产业链", 3},
    {"digital_economy", "数字经济产业链", 2},
    {"new_materials", "新型材料产业链", 2},
    {"advanced_equipment", "先进装备制造产业链（示例）", 2},
    {"green_food", "绿色食品产业链（示例）", 2},
    {"cultural_tourism", "文化旅游产业链（示例）", 2},
    {"modern_agriculture", "现代农业产业链（示例）", 2},
}};

constexpr std::array<const char*, 18> kLeaderNames = {
    "王建国（示例）", "李文华（示例）", "张志强（示例）", "刘红梅（示例）", "陈国平（示例）", "杨晓东（示例）",
    "赵德明（示例）", "黄丽萍（示例）", "周振华（示例）", "吴海涛（示例）", "徐春燕（示例）", "孙立新（示例）",
    "胡永红（示例）", "朱文斌（示例）", "高秀英（示例）", "林建平（示例）", "何志刚（示例）", "郭晓燕（示例）",
};

class DemoBuilder {
 public:
  explicit DemoBuilder(Platform& p) : p_(p), actor_(Actor::System("demo")) {}

  Result<DemoSummary> Build() {
    ASSIGN_OR_RETURN(auto existing, p_.org().ListUnits(actor_, UnitFilter{"吉安市人民政府", {}, "", {}, {}}));
    if (existing.total > 0) return FailedPrecondition("the demo organisation exists already in this database");
    ASSIGN_OR_RETURN(staff_role_, RoleId("staff"));
    ASSIGN_OR_RETURN(org_admin_role_, RoleId("org_admin"));
    ASSIGN_OR_RETURN(patroller_role_, RoleId("patroller"));
    ASSIGN_OR_RETURN(handler_role_, RoleId("case_handler"));
    ASSIGN_OR_RETURN(commissioner_role_, RoleId("commissioner"));
    RETURN_IF_ERROR(BuildJian());
    RETURN_IF_ERROR(BuildDingnan());
    RETURN_IF_ERROR(BuildNanchangCivilAffairs());
    RETURN_IF_ERROR(BuildNanchangCounty());
    RETURN_IF_ERROR(BuildXinyuehu());
    return summary_;
  }

 private:
  Result<int64_t> RoleId(const std::string& key) { return demo::BuiltinRoleId(p_, actor_, key); }

  Result<int64_t> Unit(const std::string& name, UnitKind kind, const std::string& region,
                       std::optional<int64_t> parent) {
    ASSIGN_OR_RETURN(auto unit, p_.org().CreateUnit(actor_, UnitInput{name, kind, region, parent, std::nullopt}));
    ++summary_.units;
    unit_ids_.emplace(name, unit.id);
    return unit.id;
  }

  Result<int64_t> User(const std::string& login, const std::string& name, int64_t unit, int64_t role,
                       auth::ScopeKind scope) {
    return User(login, name, unit, std::vector<int64_t>{role}, scope);
  }
  Result<int64_t> User(const std::string& login, const std::string& name, int64_t unit, std::vector<int64_t> roles,
                       auth::ScopeKind scope) {
    ASSIGN_OR_RETURN(int64_t id, demo::CreateDemoUser(p_, actor_, login, name, unit, std::move(roles), scope));
    ++summary_.users;
    return id;
  }

  Status Position(int64_t user, org::PositionKind kind, org::ContextType type, const std::string& ref,
                  const std::string& name) {
    RETURN_IF_ERROR(p_.org().CreatePosition(actor_, PositionInput{user, kind, type, ref, name}).status());
    ++summary_.positions;
    return Status::Ok();
  }

  Status BuildJian() {
    ASSIGN_OR_RETURN(int64_t city, Unit("吉安市人民政府", UnitKind::kGovernment, "3608", std::nullopt));
    for (const char* d : kLeadDepartments) RETURN_IF_ERROR(Unit(d, UnitKind::kDepartment, "3608", city).status());
    for (const char* d : kResponsibleDepartments) RETURN_IF_ERROR(Unit(d, UnitKind::kDepartment, "3608", city).status());
    ASSIGN_OR_RETURN(auto counties, p_.org().RegionChildren(actor_, "3608"));
    for (const auto& county : counties) {
      ASSIGN_OR_RETURN(int64_t gov, Unit(county.name + "人民政府", UnitKind::kGovernment, county.code, city));
      if (county.code == "360802") {
        // A county-level organisation administrator whose scope is the district only.
        RETURN_IF_ERROR(Unit("吉州区工业和信息化局", UnitKind::kDepartment, county.code, gov).status());
        RETURN_IF_ERROR(User("jizhou.admin", "吉州区组织管理员（示例）", gov, org_admin_role_,
                             auth::ScopeKind::kOwnUnitAndBelow)
                            .status());
      }
    }
    RETURN_IF_ERROR(Unit("井冈山经济技术开发区管委会", UnitKind::kGovernment, "3608", city).status());
    RETURN_IF_ERROR(BuildChainsAndLeaders(city));
    for (const auto& chain : kChains) {
      RETURN_IF_ERROR(Unit(std::string(chain.name).substr(0, std::string(chain.name).find("产业链")) + "产业链咨询委员会",
                           UnitKind::kAdvisoryCommittee, "3608", city)
                          .status());
    }
    return Status::Ok();
  }

  // The chains first, then their leaders (a chain position references the chain by its id) and the
  // commissioners stationed in key enterprises (referenced by credit code).
  Status BuildChainsAndLeaders(int64_t city) {
    ASSIGN_OR_RETURN(auto built, demo::BuildChains(p_, actor_, unit_ids_));
    summary_.chains = built.chains;
    summary_.segments = built.segments;
    summary_.enterprises = built.enterprises;
    summary_.links = built.links;
    size_t leader = 0;
    for (const auto& chain : kChains) {
      auto it = built.by_key.find(chain.key);
      if (it == built.by_key.end() || it->second.name != chain.name) {
        return Internal(std::string("the demo chain ") + chain.key + " was not built as " + chain.name);
      }
      for (int i = 0; i < chain.leaders; ++i, ++leader) {
        char login[32];
        std::snprintf(login, sizeof login, "leader%02zu", leader + 1);
        ASSIGN_OR_RETURN(int64_t user, User(login, kLeaderNames[leader], city, staff_role_, auth::ScopeKind::kAll));
        RETURN_IF_ERROR(Position(user, org::PositionKind::kChainLeader, org::ContextType::kChain,
                                 std::to_string(it->second.id), chain.name));
      }
    }
    int n = 0;
    for (const auto& c : built.commissions) {
      auto unit = unit_ids_.find(c.unit_name);
      if (unit == unit_ids_.end()) return Internal("the demo unit " + c.unit_name + " is missing");
      char login[32];
      std::snprintf(login, sizeof login, "commissioner%02d", ++n);
      ASSIGN_OR_RETURN(int64_t user, User(login, c.commissioner_name, unit->second,
                                          std::vector<int64_t>{staff_role_, commissioner_role_}, auth::ScopeKind::kOwnUnit));
      RETURN_IF_ERROR(Position(user, org::PositionKind::kCommissioner, org::ContextType::kEnterprise, c.credit_code,
                               c.enterprise_name));
    }
    return Status::Ok();
  }

  Status BuildDingnan() {
    ASSIGN_OR_RETURN(int64_t gov, Unit("定南县人民政府", UnitKind::kGovernment, "360728", std::nullopt));
    ASSIGN_OR_RETURN(int64_t bureau, Unit("定南县城市管理局", UnitKind::kDepartment, "360728", gov));
    // The 12 residents' committees of 历市镇 the teams are stationed in (the article names 大世界 and 京九大道).
    ASSIGN_OR_RETURN(auto communities, p_.org().RegionChildren(actor_, "360728100"));
    int team = 0;
    for (const auto& c : communities) {
      if (c.name.find("居民委员会") == std::string::npos || team == 12) continue;
      std::string short_name = c.name.substr(0, c.name.find("居民委员会"));
      ASSIGN_OR_RETURN(int64_t unit, Unit("城管驻" + short_name + "社区工作组", UnitKind::kCommunityTeam, c.code, bureau));
      ++team;
      char login[32];
      std::snprintf(login, sizeof login, "dn.team%02d", team);
      // A team member files findings, settles them on the spot and handles the complaints sent to the team.
      ASSIGN_OR_RETURN(int64_t user, User(login, "城管队员" + std::to_string(team) + "号（示例）", unit,
                                          std::vector<int64_t>{patroller_role_, handler_role_}, auth::ScopeKind::kOwnUnit));
      RETURN_IF_ERROR(Position(user, org::PositionKind::kCommunityTeamMember, org::ContextType::kUnit,
                               std::to_string(unit), ""));
    }
    if (team != 12) return Internal("expected 12 residents' committees in 历市镇, found " + std::to_string(team));
    return Status::Ok();
  }

  Status BuildNanchangCivilAffairs() {
    ASSIGN_OR_RETURN(int64_t bureau, Unit("南昌市民政局", UnitKind::kDepartment, "3601", std::nullopt));
    ASSIGN_OR_RETURN(auto counties, p_.org().RegionChildren(actor_, "3601"));
    int township_stations = 0;
    for (const auto& county : counties) {
      ASSIGN_OR_RETURN(int64_t county_station,
                       Unit(county.name + "社会工作服务站", UnitKind::kSocialWorkStation, county.code, bureau));
      ASSIGN_OR_RETURN(auto townships, p_.org().RegionChildren(actor_, county.code));
      for (const auto& t : townships) {
        if (township_stations == 124) break;
        RETURN_IF_ERROR(
            Unit(t.name + "社工站", UnitKind::kSocialWorkStation, t.code, county_station).status());
        ++township_stations;
      }
    }
    if (counties.size() != 9 || township_stations != 124) {
      return Internal("expected 9 county and 124 township social-work stations");
    }
    return Status::Ok();
  }

  Status BuildNanchangCounty() {
    ASSIGN_OR_RETURN(int64_t ufw, Unit("中共南昌县委统战部", UnitKind::kPartyCommittee, "360121", std::nullopt));
    RETURN_IF_ERROR(Unit("南昌县工商业联合会", UnitKind::kChamberOfCommerce, "360121", ufw).status());
    return Status::Ok();
  }

  Status BuildXinyuehu() {
    ASSIGN_OR_RETURN(int64_t street, Unit("新建区欣悦湖街道办事处", UnitKind::kStreetOffice, "360112005", std::nullopt));
    // 城开苑社区 is the residents' committee listed in GB/T 2260 as 城开学苑社区居委会.
    RETURN_IF_ERROR(Unit("城开苑社区居委会", UnitKind::kCommunityCommittee, "360112005002", street).status());
    return Status::Ok();
  }

  Platform& p_;
  Actor actor_;
  int64_t staff_role_ = 0;
  int64_t org_admin_role_ = 0;
  int64_t patroller_role_ = 0;
  int64_t handler_role_ = 0;
  int64_t commissioner_role_ = 0;
  std::map<std::string, int64_t> unit_ids_;  // by name, as created
  DemoSummary summary_;
};

}  // namespace

Result<DemoSummary> BuildDemo(Platform& platform) {
  DemoBuilder builder(platform);
  ASSIGN_OR_RETURN(auto summary, builder.Build());
  spdlog::info("demo built: {} units, {} users, {} positions, {} chains, {} segments, {} enterprises, {} supply links",
               summary.units, summary.users, summary.positions, summary.chains, summary.segments, summary.enterprises,
               summary.links);
  return summary;
}

}  // namespace lz::services

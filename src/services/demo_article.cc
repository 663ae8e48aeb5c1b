// The article's casework driven through the services over simulated time (demo_article.h).
#include "services/demo_article.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "common/china_time.h"
#include "common/embedded.h"
#include "services/demo_chains.h"

namespace lz::services {
namespace {

using casework::Command;
using casework::EventType;
using casework::Outcome;
namespace chr = std::chrono;

// `hour:minute` China Standard Time on the date.
TimeMs ChinaTime(int year, unsigned month, unsigned day, int hour, int minute = 0) {
  int64_t n = DayNumber(chr::year_month_day{chr::year{year}, chr::month{month}, chr::day{day}});
  return ChinaMidnightOf(n) + hour * kHourMs + minute * kMinuteMs;
}

// The Monday-to-Friday days from `first` to `last` (inclusive) as day numbers. Statutory holidays
// are not skipped: teams patrol then too.
std::vector<int64_t> Weekdays(chr::year_month_day first, chr::year_month_day last) {
  std::vector<int64_t> days;
  for (int64_t d = DayNumber(first); d <= DayNumber(last); ++d) {
    unsigned weekday = chr::weekday{chr::sys_days{chr::days{d}}}.c_encoding();  // 0 Sunday
    if (weekday != 0 && weekday != 6) days.push_back(d);
  }
  return days;
}

// The local date of a day number, "YYYY-MM-DD".
std::string DateText(int64_t day) {
  const auto date = DateOfDayNumber(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

// Spreads `n` items over `days`: the day of item i (0-based), in order.
int64_t SpreadDay(const std::vector<int64_t>& days, int i, int n) {
  return days[static_cast<size_t>(static_cast<int64_t>(i) * static_cast<int64_t>(days.size()) / n)];
}

// True for exactly `k` of the items 0..n-1, spread evenly (the last of each run of n/k).
bool EveryKOfN(int i, int k, int n) { return (static_cast<int64_t>(i) + 1) * k / n != static_cast<int64_t>(i) * k / n; }

Command Cmd(EventType type, std::string note = {}) {
  Command c;
  c.type = type;
  c.note = std::move(note);
  return c;
}

// What community teams find on patrol (issue 6 point 2), with the note of an on-the-spot fix.
struct FindingKind {
  const char* category;  // data/casework/categories.csv
  const char* title;
  const char* text;
  const char* fixed;
};
constexpr FindingKind kFindings[] = {
    {"0201", "人行道地砖破损", "人行道地砖松动破损，行人易绊倒。", "已现场更换破损地砖并设置警示。"},
    {"0202", "绿地被毁种菜", "小区公共绿地被开垦种菜，绿化带受损。", "已劝导住户清除菜苗并恢复绿地。"},
    {"0203", "垃圾未及时清运", "垃圾收集点垃圾堆积未清运，有异味。", "已联系环卫当场清运并消杀。"},
    {"0204", "建筑垃圾乱倒", "路边空地倾倒装修建筑垃圾。", "已责令倾倒户当场清理。"},
    {"0205", "占道经营", "商户在人行道摆摊占道经营。", "已劝导商户退店经营。"},
    {"0103", "楼顶违章搭建", "居民楼楼顶新搭建彩钢瓦棚。", "已督促户主当场自行拆除。"},
};

// Residents' complaints (the same loop, channel complaint).
struct ComplaintKind {
  const char* category;
  const char* title;
  const char* text;
  const char* reply;
};
constexpr ComplaintKind kComplaints[] = {
    {"0207", "夜间施工噪声扰民", "小区旁工地夜间施工，噪声影响休息。", "已责令施工方22时后停止施工，并安排夜间巡查。"},
    {"0205", "菜市场周边占道经营", "菜市场门口流动摊贩占道，出行困难。", "已清理占道摊贩并划定临时疏导点。"},
    {"0203", "小区垃圾清运不及时", "小区垃圾桶满溢两天未清运。", "已协调环卫公司增加清运频次至每日两次。"},
    {"0104", "小区路灯损坏", "小区内多盏路灯不亮，夜间出行不便。", "已维修更换路灯。"},
    {"0202", "绿化带被占用", "绿化带被堆放杂物。", "已清理杂物，恢复绿化。"},
};

// Enterprise problems commissioners and liaison officers carry to the departments (channels
// commissioner and liaison), with the department of 吉安市 that answers each kind.
struct ProblemKind {
  const char* category;
  const char* department;  // 吉安市's department for it (demo.cc)
  const char* title;
  const char* text;
  const char* reply;
};
constexpr ProblemKind kProblems[] = {
    {"0501", "吉安市人力资源和社会保障局", "订单增加普工缺口较大", "企业新接订单，生产线普工缺口约百人，招工困难。",
     "市人社局组织专场招聘会并对接职业院校，已帮助企业补齐用工。"},
    {"0502", "吉安市市场监督管理局", "产品送检周期长", "产品需送外省检测，周期长、成本高。",
     "市市场监管局协调省级检测机构设立服务窗口，送检周期缩短至5个工作日。"},
    {"0503", "吉安市自然资源局", "扩产项目用地报批慢", "二期扩产项目用地报批进度慢，影响开工。", "市自然资源局开辟绿色通道，用地已完成报批。"},
    {"0504", "吉安市地方金融监督管理局", "流动资金周转紧张", "原材料涨价，流动资金周转紧张，需要融资支持。",
     "市金融局组织银企对接，企业已获得信用贷款。"},
    {"0505", "吉安市行政审批局", "环评审批材料反复补正", "技改项目环评审批材料多次补正，希望一次性告知。",
     "市行政审批局实行一次性告知和容缺受理，审批已办结。"},
    {"0506", "吉安市财政局", "技改补贴未及时兑现", "去年技改项目补贴尚未兑现。", "市财政局已完成审核，补贴资金已拨付到企业账户。"},
    {"0507", "吉安市供电公司", "新增产线用电扩容", "新增产线需要变压器扩容。", "市供电公司已完成扩容并送电。"},
    {"0508", "吉安市交通运输局", "园区货车通行受限", "园区道路限行，货车进出不便。", "市交通运输局已调整园区道路货车通行时段。"},
};

// Steps to take at given moments, run in time order (then in the order they were added): the
// lifecycles of many cases interleave as they would in an office, and the clock only moves
// forward. A step may add later steps (a case's next actions once it has an id).
class Timeline {
 public:
  void At(TimeMs t, std::function<Status()> step) { steps_.emplace(std::make_pair(t, next_++), std::move(step)); }

  // Runs every step, setting the clock to each step's moment first; stops at the first refusal.
  Status Run(SimulatedClock& clock) {
    while (!steps_.empty()) {
      auto first = steps_.begin();
      const TimeMs t = first->first.first;
      std::function<Status()> step = std::move(first->second);
      steps_.erase(first);
      if (t > clock.NowMs()) clock.Set(t);
      RETURN_IF_ERROR(step());
    }
    return Status::Ok();
  }

 private:
  std::map<std::pair<TimeMs, int64_t>, std::function<Status()>> steps_;
  int64_t next_ = 0;
};

class ArticleDriver {
 public:
  ArticleDriver(Platform& platform, SimulatedClock& clock)
      : p_(platform), clock_(clock), system_(Actor::System("demo")) {}

  Result<ArticleDemoSummary> Run() {
    if (clock_.NowMs() > ArticleDemoStart()) {
      return FailedPrecondition("the clock is past the start of the article's casework (2023-01-04)");
    }
    storage::CaseQuery done;
    done.channel = "patrol";
    done.region_code = "360728";
    done.page.page_size = 1;
    ASSIGN_OR_RETURN(auto existing, p_.cases().List(system_, done));
    if (existing.page.total > 0) return FailedPrecondition("the article's casework exists already in this database");
    clock_.Set(ArticleDemoStart());
    // The people and places first (on the start day), then every program's steps on one timeline:
    // 吉安's commissioners from January, 南昌县's liaison in February, 定南县 in March and April,
    // 南昌's wishes from May to 5 June, 城开苑's meetings in June and July.
    RETURN_IF_ERROR(JianCommissioners());
    RETURN_IF_ERROR(JianSupportBodies());
    RETURN_IF_ERROR(JianInvestmentAndPolicies());
    RETURN_IF_ERROR(NanchangCountyLiaison());
    RETURN_IF_ERROR(Dingnan());
    RETURN_IF_ERROR(NanchangWishes());
    RETURN_IF_ERROR(Chengkaiyuan());
    RETURN_IF_ERROR(timeline_.Run(clock_));
    return summary_;
  }

 private:
  // ---- Lookups and accounts. -----------------------------------------------------------------

  Result<org::Unit> UnitNamed(const std::string& name) {
    ASSIGN_OR_RETURN(auto page, p_.org().ListUnits(system_, UnitFilter{name, {}, "", {}, {1, 100}}));
    for (auto& u : page.items) {
      if (u.name == name) return std::move(u);
    }
    return FailedPrecondition("the demo organisation is missing " + name + ": build it first (BuildDemo)");
  }

  Result<org::Unit> NewUnit(const std::string& name, org::UnitKind kind, const std::string& region) {
    return p_.org().CreateUnit(system_, UnitInput{name, kind, region, std::nullopt, std::nullopt});
  }

  // Units of a kind in a region (or below a parent), in the order they were created.
  Result<std::vector<org::Unit>> UnitsOf(org::UnitKind kind, const std::string& region, std::optional<int64_t> parent) {
    ASSIGN_OR_RETURN(auto page, p_.org().ListUnits(system_, UnitFilter{"", kind, region, parent, {1, 100}}));
    std::sort(page.items.begin(), page.items.end(), [](const org::Unit& a, const org::Unit& b) { return a.id < b.id; });
    return std::move(page.items);
  }

  // A new account (as every demo account, with a random password); returns the actor it acts as,
  // kept alive by the driver for the steps that capture it.
  Result<const Actor*> NewUser(const std::string& login, const std::string& name, int64_t unit,
                               const std::vector<std::string>& roles, auth::ScopeKind scope) {
    std::vector<int64_t> role_ids;
    for (const auto& key : roles) {
      ASSIGN_OR_RETURN(int64_t id, demo::BuiltinRoleId(p_, system_, key));
      role_ids.push_back(id);
    }
    ASSIGN_OR_RETURN(int64_t user, demo::CreateDemoUser(p_, system_, login, name, unit, std::move(role_ids), scope));
    ASSIGN_OR_RETURN(Actor actor, p_.auth().ActorOf(user));
    return &actors_.emplace_back(std::move(actor));
  }

  Result<const Actor*> UserActor(const std::string& login) {
    ASSIGN_OR_RETURN(auto page, p_.accounts().ListUsers(system_, UserFilter{login, {}, {1, 100}}));
    for (const auto& v : page.items) {
      if (v.user.login != login) continue;
      ASSIGN_OR_RETURN(Actor actor, p_.auth().ActorOf(v.user.id));
      return &actors_.emplace_back(std::move(actor));
    }
    return FailedPrecondition("the demo organisation is missing the account " + login);
  }

  Status NewPosition(const Actor& holder, org::PositionKind kind, org::ContextType type, const std::string& ref,
                     const std::string& name) {
    return p_.org().CreatePosition(system_, PositionInput{holder.user_id, kind, type, ref, name}).status();
  }

  // ---- Case steps. ---------------------------------------------------------------------------

  Result<casework::Case> Register(const Actor& actor, NewCaseInput input) {
    ASSIGN_OR_RETURN(auto c, p_.cases().Create(actor, std::move(input)));
    ++summary_.cases;
    return c;
  }

  Status Act(const Actor& actor, int64_t id, Command command) {
    RETURN_IF_ERROR(p_.cases().Act(actor, id, std::move(command)).status());
    ++summary_.actions;
    return Status::Ok();
  }

  Status Dispatch(const Actor& intake, int64_t id, int64_t unit, const std::string& note) {
    Command c = Cmd(EventType::kDispatch, note);
    c.unit_id = unit;
    return Act(intake, id, std::move(c));
  }

  Status Reply(const Actor& handler, int64_t id, Outcome outcome, const std::string& text) {
    Command c = Cmd(EventType::kReply, text);
    c.outcome = outcome;
    return Act(handler, id, std::move(c));
  }

  Status Callback(const Actor& intake, int64_t id, int rating, const std::string& note) {
    Command c = Cmd(EventType::kCallback, note);
    c.rating = rating;
    return Act(intake, id, std::move(c));
  }

  // The department's work on a case accepted at `t`: dispatched, signed, replied, called back.
  void HandleLater(TimeMs t, int64_t id, const Actor* intake, int64_t unit, const Actor* handler, Outcome outcome,
                   std::string reply, const Actor* caller, int rating) {
    timeline_.At(t + 30 * kMinuteMs, [=, this] { return Dispatch(*intake, id, unit, "请按职责办理"); });
    timeline_.At(t + 2 * kHourMs, [=, this] { return Act(*handler, id, Cmd(EventType::kSign)); });
    timeline_.At(t + 3 * kDayMs, [=, this] { return Reply(*handler, id, outcome, reply); });
    if (caller) {
      timeline_.At(t + 4 * kDayMs, [=, this] { return Callback(*caller, id, rating, rating >= 4 ? "企业表示满意" : "企业基本认可"); });
    }
  }

  // ---- 吉安市: commissioners in key enterprises (January–February 2023). ----------------------
  // 40 key enterprises of the city's chains have a commissioner (the four of the chains' demo and
  // 36 more from the responsible departments). Over six weeks the commissioners visit them 320
  // times; the enterprises raise 640 problems, which the city's business-environment office
  // dispatches to the departments: 614 resolved, the rest partly resolved or explained. Among them
  // a firm's 700 missing workers, recruited through the labour bureau (the commissioner's
  // follow-up visit records them), and the lack of a local electronics testing centre, which the
  // market regulator set up.
  Status JianCommissioners() {
    ASSIGN_OR_RETURN(auto office, UnitNamed("吉安市营商环境优化办公室"));
    // The city's dispatch centre sees the problems filed in every commissioner's unit.
    ASSIGN_OR_RETURN(const Actor* intake, NewUser("ja.dispatch", "吉安市营商办受理员（示例）", office.id, {"case_dispatcher"},
                                                  auth::ScopeKind::kAll));
    std::map<std::string, std::pair<int64_t, const Actor*>> departments;  // by name: unit, handler
    int n = 0;
    for (const auto& kind : kProblems) {
      if (departments.count(kind.department)) continue;
      ASSIGN_OR_RETURN(auto unit, UnitNamed(kind.department));
      char login[32];
      std::snprintf(login, sizeof login, "ja.handler%02d", ++n);
      ASSIGN_OR_RETURN(const Actor* handler, NewUser(login, unit.name + "承办人（示例）", unit.id, {"case_handler"},
                                                     auth::ScopeKind::kOwnUnit));
      departments[kind.department] = {unit.id, handler};
    }

    // The commissioners: the chains' four (BuildDemo) and 36 more.
    struct Served {
      std::string credit_code;
      std::string name;
      const Actor* commissioner;
    };
    std::vector<Served> served;
    ASSIGN_OR_RETURN(auto held, p_.org().ListPositions(system_, PositionFilter{{}, org::PositionKind::kCommissioner, {1, 100}}));
    std::set<std::string> assigned;
    for (const auto& position : held.items) {
      ASSIGN_OR_RETURN(Actor actor, p_.auth().ActorOf(position.user_id));
      served.push_back({position.context_ref, position.context_name, &actors_.emplace_back(std::move(actor))});
      assigned.insert(position.context_ref);
    }
    storage::EnterpriseQuery local;
    local.region_code = "3608";
    local.local = true;
    local.page = {1, 100};
    ASSIGN_OR_RETURN(auto firms, p_.enterprises().List(system_, local));
    std::sort(firms.items.begin(), firms.items.end(),
              [](const chain::Enterprise& a, const chain::Enterprise& b) { return a.id < b.id; });
    std::vector<std::string> responsible;
    for (const char* name : {"吉安市发展和改革委员会", "吉安市科学技术局", "吉安市商务局", "吉安市财政局",
                             "吉安市人力资源和社会保障局", "吉安市自然资源局"}) {
      responsible.push_back(name);
    }
    for (const auto& firm : firms.items) {
      if (served.size() == 40) break;
      if (assigned.count(firm.credit_code)) continue;
      ASSIGN_OR_RETURN(auto unit, UnitNamed(responsible[served.size() % responsible.size()]));
      char login[32];
      std::snprintf(login, sizeof login, "ja.tp%02zu", served.size() + 1);
      ASSIGN_OR_RETURN(const Actor* commissioner,
                       NewUser(login, "驻企特派员" + std::to_string(served.size() + 1) + "号（示例）", unit.id,
                               {"commissioner"}, auth::ScopeKind::kOwnUnit));
      RETURN_IF_ERROR(p_.field()
                          .AssignCommissioner(system_, CommissionerAssignment{firm.credit_code, commissioner->user_id,
                                                                              "重点企业驻企帮扶"})
                          .status());
      served.push_back({firm.credit_code, firm.name, commissioner});
    }
    if (served.size() != 40) return FailedPrecondition("the demo chains should have 40 local enterprises in 吉安市");

    const auto days = Weekdays(chr::year{2023} / chr::January / 4, chr::year{2023} / chr::February / 10);
    constexpr int kVisits = 320;
    for (int v = 0; v < kVisits; ++v) {
      const Served& firm = served[static_cast<size_t>(v) % served.size()];
      const int64_t day = SpreadDay(days, v, kVisits);
      const TimeMs t = ChinaMidnightOf(day) + (9 + v % 7) * kHourMs + (v * 13 % 50) * kMinuteMs;
      NewVisit visit;
      visit.credit_code = firm.credit_code;
      visit.visited_on = DateText(day);
      visit.role = casework::FieldRole::kCommissioner;
      visit.summary = "走访" + firm.name + "，了解生产经营、用工和项目推进情况。";
      visit.policies = {"吉安市支持产业链发展若干政策措施（示例）", "惠企政策“免申即享”清单（示例）"};
      visit.help_given = "宣讲惠企政策，收集企业诉求并建立问题清单。";
      visit.funds_paid_yuan = v % 8 == 0 ? 200000 : 0;
      std::vector<const ProblemKind*> kinds;
      std::vector<std::string> replies;
      for (int k = 0; k < 2; ++k) {
        const int i = v * 2 + k;  // the problem's number, 0..639
        const ProblemKind& kind = kProblems[static_cast<size_t>(i) % std::size(kProblems)];
        NewProblem problem{kind.category, kind.title, kind.text};
        std::string reply = kind.reply;
        if (i == 0) {
          problem = {"0501", "用工缺口约700人", "企业扩产后普工、技术工缺口约700人，急需招聘。"};
          reply = "市人社局联合县区举办专场招聘会7场、对接职业院校3所，已帮助企业招聘员工700人。";
        } else if (i == 1) {
          problem = {"0502", "本地缺少电子信息产品检测机构", "电子元器件需送外省检测，周期长、成本高，希望在本地建设检测中心。"};
          reply = "市市场监管局牵头建成吉安市电子信息产品检验检测中心，企业可就近送检。";
        }
        visit.problems.push_back(problem);
        kinds.push_back(&kind);
        replies.push_back(std::move(reply));
      }
      timeline_.At(t, [=, this]() mutable -> Status {
        ASSIGN_OR_RETURN(auto recorded, p_.field().RecordVisit(*firm.commissioner, visit));
        for (size_t k = 0; k < recorded.problems.size(); ++k) {
          ++summary_.cases;
          const int i = v * 2 + static_cast<int>(k);
          const auto& [unit, handler] = departments.at(kinds[k]->department);
          const int64_t id = recorded.problems[k].id;
          const bool fully = i % 24 != 23;  // 27 of 640 only partly resolved
          HandleLater(clock_.NowMs(), id, intake, unit, handler,
                      fully ? Outcome::kResolved : Outcome::kPartlyResolved,
                      fully ? replies[k] : std::string("已部分解决，剩余事项纳入下阶段跟踪。"), firm.commissioner,
                      fully ? 5 : 3);
          if (i == 0) {
            // The commissioner's follow-up visit once the labour bureau has answered: the 700
            // workers recruited are recorded on it (the figure jian.workers_recruited).
            timeline_.At(clock_.NowMs() + 5 * kDayMs, [=, this]() -> Status {
              NewVisit follow_up;
              follow_up.credit_code = firm.credit_code;
              follow_up.visited_on = casework::MeetingDateOf(clock_.NowMs());
              follow_up.role = casework::FieldRole::kCommissioner;
              follow_up.summary = "回访" + firm.name + "，核实专场招聘成效。";
              follow_up.help_given = "协调市人社局举办专场招聘会、对接职业院校，帮助企业招聘员工700人。";
              follow_up.workers_recruited = 700;
              return p_.field().RecordVisit(*firm.commissioner, follow_up).status();
            });
          }
          if (i == 1) {
            // The market regulator's answer: the testing centre, registered when the reply goes out.
            timeline_.At(clock_.NowMs() + 3 * kDayMs - kHourMs, [this]() -> Status {
              return NewUnit("吉安市电子信息产品检验检测中心（示例）", org::UnitKind::kTestingCentre, "3608").status();
            });
          }
        }
        return Status::Ok();
      });
    }
    return Status::Ok();
  }

  // ---- 吉安市: the bodies that support the chains, and 揭榜挂帅 (January–June 2023). ------------
  // The city's chain office registers an advisory committee for each of its eight key chains
  // (组建8个重点产业链咨询委员会), the biomedicine one with the three academicians it engaged as
  // advisers; the electronics chain's alliance, research institute and testing centre (三驾马车);
  // the digital-economy chain's industry college with 井冈山大学; and the new-materials chain posts
  // an enterprise's core technical need as an open challenge, takes two teams' applications,
  // awards one and follows its milestones.
  Status JianSupportBodies() {
    ASSIGN_OR_RETURN(auto bureau, UnitNamed("吉安市工业和信息化局"));
    ASSIGN_OR_RETURN(const Actor* office, NewUser("ja.chainoffice", "吉安市产业链办公室（示例）", bureau.id,
                                                  {"chain_admin"}, auth::ScopeKind::kAll));
    storage::ChainQuery query;
    query.region_code = "3608";
    query.page.page_size = 100;
    ASSIGN_OR_RETURN(auto chains, p_.chains().List(system_, query));
    std::map<std::string, int64_t> chain_ids;
    for (const auto& c : chains.items) chain_ids[c.name] = c.id;
    auto chain_id = [&](const std::string& name) -> Result<int64_t> {
      auto it = chain_ids.find(name);
      if (it == chain_ids.end()) return FailedPrecondition("the demo chains lack " + name);
      return it->second;
    };
    using chain::BodyKind;
    using chain::MemberTitle;
    struct BodySpec {
      BodyKind kind;
      std::string name;
      std::string chain;
      std::vector<chain::BodyMember> members;
    };
    std::vector<BodySpec> bodies;
    for (const auto& c : chains.items) {
      std::string base = c.name;
      if (auto pos = base.find("（示例）"); pos != std::string::npos) base = base.substr(0, pos);
      std::vector<chain::BodyMember> members = {
          {"产业链咨询委员会主任（示例）", MemberTitle::kOfficial, "吉安市人民政府", "主任"},
          {"行业专家（示例）", MemberTitle::kExpert, "井冈山大学", "委员"},
          {"链主企业负责人（示例）", MemberTitle::kEntrepreneur, "", "委员"}};
      if (base == "生物医药产业链") {
        for (const char* name : {"院士甲（示例）", "院士乙（示例）", "院士丙（示例）"}) {
          members.push_back({name, MemberTitle::kAcademician, "中国工程院（示例）", "发展顾问"});
        }
      }
      bodies.push_back({BodyKind::kAdvisoryCommittee, "吉安市" + base + "咨询委员会（示例）", c.name, std::move(members)});
    }
    bodies.push_back({BodyKind::kIndustryAlliance, "吉安市电子信息产业联盟（示例）", "电子信息产业链", {}});
    bodies.push_back({BodyKind::kResearchInstitute, "吉安市电子信息产业研究院（示例）", "电子信息产业链", {}});
    bodies.push_back({BodyKind::kTestingCentre, "吉安市电子信息产品检验检测中心（示例）", "电子信息产业链", {}});
    bodies.push_back({BodyKind::kResearchInstitute, "井冈山大学数字经济现代产业学院（示例）", "数字经济产业链",
                      {{"合作院校负责人（示例）", MemberTitle::kExpert, "井冈山大学", "院长"}}});
    TimeMs t = ChinaTime(2023, 1, 5, 10);
    for (auto& spec : bodies) {
      ASSIGN_OR_RETURN(int64_t id, chain_id(spec.chain));
      chain::SupportBody body;
      body.kind = spec.kind;
      body.name = spec.name;
      body.chain_id = id;
      body.region_code = "3608";
      body.members = std::move(spec.members);
      timeline_.At(t, [=, this] { return p_.support().CreateBody(*office, body).status(); });
      t += 30 * kMinuteMs;
    }

    // 揭榜挂帅 in new materials: posted in February, applications until 31 March, awarded in April.
    ASSIGN_OR_RETURN(int64_t materials, chain_id("新型材料产业链"));
    storage::EnterpriseQuery firms;
    firms.q = "吉水县氟化新材料";
    ASSIGN_OR_RETURN(auto found, p_.enterprises().List(system_, firms));
    if (found.items.empty()) return FailedPrecondition("the demo chains lack 吉水县氟化新材料有限公司（示例）");
    const std::string code = found.items.front().credit_code;
    timeline_.At(ChinaTime(2023, 2, 15, 10), [=, this]() -> Status {
      NewChallenge need;
      need.credit_code = code;
      need.chain_id = materials;
      need.title = "含氟高分子材料核心共性技术攻关（示例）";
      need.need = "突破含氟高分子材料聚合与改性关键工艺，填补本地含氟高分子材料环节空白。";
      need.reward_yuan = 5'000'000;
      need.apply_by = "2023-03-31";
      ASSIGN_OR_RETURN(auto posted, p_.support().Post(*office, need));
      const int64_t id = posted.row.challenge.id;
      timeline_.At(ChinaTime(2023, 3, 10, 15), [=, this] {
        return p_.support()
            .Apply(*office, id, {0, id, "南昌大学材料科学与工程学院团队（示例）", "陈教授（示例）", "南昌大学", "溶液聚合结合辐射改性工艺路线。", "13907960001", 0})
            .status();
      });
      timeline_.At(ChinaTime(2023, 3, 20, 15), [=, this] {
        return p_.support()
            .Apply(*office, id, {0, id, "江西省科学院应用化学研究所团队（示例）", "刘研究员（示例）", "江西省科学院", "悬浮聚合工艺放大与产业化方案。", "13907960002", 0})
            .status();
      });
      timeline_.At(ChinaTime(2023, 4, 12, 10), [=, this]() -> Status {
        ASSIGN_OR_RETURN(auto detail, p_.support().Challenge(*office, id));
        if (detail.applications.size() != 2) return Internal("the challenge should have two applications");
        std::vector<chain::ChallengeMilestone> milestones = {{0, "完成小试并通过专家评审", "2023-06-30", std::nullopt},
                                                             {0, "建成中试线", "2023-12-31", std::nullopt}};
        RETURN_IF_ERROR(p_.support().Award(*office, id, detail.applications[1].id, milestones).status());
        timeline_.At(ChinaTime(2023, 6, 28, 10), [=, this] { return p_.support().MilestoneDone(*office, id, 0).status(); });
        return Status::Ok();
      });
      return Status::Ok();
    });
    return Status::Ok();
  }

  // ---- 吉安市: the investment record of 2022, this year's batch start, the policy set. ---------
  // The chain office records what the investment teams did in 2022 (each event and project with
  // its own date): 83 promotion events — the electronics chain's in the Greater Bay Area in each of
  // the five years 2018–2022 among them — at which 451 projects were signed for 3,715.6亿元 in
  // total; on 10 February 2023, 59 of them start in one batch ceremony (集中开工) for 613.9亿元;
  // and the 115 documents of the "1 + 2 + N" policy set: one overall plan, two supporting
  // mechanisms and 112 special policies, 14 for each chain.
  static constexpr int kEvents2022 = 83;
  static constexpr int kSigned2022 = 451;
  static constexpr int kBatch = 59;
  static constexpr const char* kCeremony = "2023年一季度优强重点产业项目集中开工（示例）";

  Status JianInvestmentAndPolicies() {
    ASSIGN_OR_RETURN(const Actor* office, UserActor("ja.chainoffice"));
    storage::ChainQuery query;
    query.region_code = "3608";
    query.page.page_size = 100;
    ASSIGN_OR_RETURN(auto listed, p_.chains().List(system_, query));
    std::vector<ChainDetail> chains;
    for (const auto& c : listed.items) {
      ASSIGN_OR_RETURN(auto detail, p_.chains().Get(system_, c.id));
      if (detail.segments.empty() || !detail.chain.lead_unit_id) continue;
      chains.push_back(std::move(detail));
    }
    if (chains.size() != 8) return FailedPrecondition("the demo should have eight chains of 吉安 with segments and lead units");
    std::sort(chains.begin(), chains.end(), [](const ChainDetail& a, const ChainDetail& b) { return a.chain.id < b.chain.id; });
    const ChainDetail* electronics = nullptr;
    for (const auto& c : chains) {
      if (c.chain.name == "电子信息产业链") electronics = &c;
    }
    if (!electronics) return FailedPrecondition("the demo chains lack 电子信息产业链");

    // The agreed amounts: 59 projects for the batch start (613.9亿 together) and 392 more, so that
    // the 451 add up to 3,715.6亿; paired deviations keep each group's sum exact.
    std::vector<int64_t> amounts;
    for (int i = 0; i < kBatch - 1; ++i) amounts.push_back(1'040'000'000 + (i % 2 == 0 ? 1 : -1) * (i / 2 % 5) * 100'000'000);
    amounts.push_back(1'070'000'000);
    for (int i = 0; i < kSigned2022 - kBatch; ++i) amounts.push_back(791'250'000 + (i % 2 == 0 ? 1 : -1) * (i / 2 % 7) * 50'000'000);

    static constexpr const char* kBayArea[] = {"深圳", "东莞", "广州", "佛山", "珠海"};
    static constexpr const char* kCities[] = {"深圳", "上海", "厦门", "杭州", "苏州", "宁波", "北京", "南京", "东莞", "广州"};
    static constexpr const char* kFirmPlaces[][2] = {{"440304", "深圳"}, {"310115", "上海"}, {"350203", "厦门"},
                                                    {"330106", "杭州"}, {"320505", "苏州"}, {"441900", "东莞"}};
    // The electronics chain's Bay Area events of 2018–2021 (2022's is among the 83).
    TimeMs t = ChinaTime(2023, 1, 6, 9);
    for (int year = 2018; year <= 2021; ++year) {
      investment::PromotionEvent e;
      e.name = std::to_string(year) + "年吉安电子信息产业（粤港澳大湾区）招商推介会（示例）";
      e.held_on = std::to_string(year) + "-11-18";
      e.city = kBayArea[year % 5];
      e.chain_id = electronics->chain.id;
      e.unit_ids = {*electronics->chain.lead_unit_id};
      e.invited_count = 120;
      timeline_.At(t, [=, this] { return p_.investments().CreateEvent(*office, e).status(); });
      t += kMinuteMs;
    }
    int project = 0;
    auto batch = std::make_shared<std::vector<int64_t>>();
    for (int n = 0; n < kEvents2022; ++n) {
      const ChainDetail& c = n == 0 ? *electronics : chains[static_cast<size_t>(n) % chains.size()];
      investment::PromotionEvent e;
      const int month = 1 + n % 12;
      const int day = 5 + n % 20;
      char held[16];
      std::snprintf(held, sizeof held, "2022-%02d-%02d", month, day);
      e.held_on = held;
      e.city = n == 0 ? "深圳" : kCities[static_cast<size_t>(n) % std::size(kCities)];
      e.name = n == 0 ? "2022年吉安电子信息产业（粤港澳大湾区）招商推介会（示例）"
                      : "2022年" + std::string(e.city) + c.chain.name + "招商推介会" + std::to_string(n) + "（示例）";
      e.chain_id = c.chain.id;
      e.unit_ids = {*c.chain.lead_unit_id};
      e.invited_count = 40 + n % 60;
      // The projects signed there: 451 over 83 events (5 or 6 each).
      const int signed_here = kSigned2022 / kEvents2022 + (n < kSigned2022 % kEvents2022 ? 1 : 0);
      const int first = project;  // projects 0 … 58 carry the batch-start amounts
      std::vector<ProjectInput> projects;
      for (int k = 0; k < signed_here; ++k, ++project) {
        const auto& place = kFirmPlaces[static_cast<size_t>(project) % std::size(kFirmPlaces)];
        const chain::Segment& segment = c.segments[static_cast<size_t>(project) % c.segments.size()];
        ProjectInput in;
        in.name = segment.name + "项目" + std::to_string(project + 1) + "（示例）";
        EnterpriseInput investor;
        investor.name = std::string(place[1]) + "市" + segment.name + "投资示例企业" + std::to_string(project + 1) + "号（示例）";
        investor.region_code = place[0];
        investor.founded = "2015-06-01";
        investor.credit_code = demo::DemoCreditCode(investor.name, investor.region_code, investor.founded);
        investor.size = chain::SizeClass::kLarge;
        in.new_investor = investor;
        in.chain_id = c.chain.id;
        in.segment_id = segment.id;
        in.purpose = static_cast<investment::Purpose>(project % 3);
        in.agreed_amount = amounts[static_cast<size_t>(project)];
        in.unit_id = *c.chain.lead_unit_id;
        in.stage = investment::Stage::kSigned;
        in.stage_on = held;
        projects.push_back(std::move(in));
      }
      timeline_.At(t, [=, this]() -> Status {
        ASSIGN_OR_RETURN(auto created, p_.investments().CreateEvent(*office, e));
        for (size_t k = 0; k < projects.size(); ++k) {
          ProjectInput in = projects[k];
          in.event_id = created.event.id;
          ASSIGN_OR_RETURN(auto detail, p_.investments().CreateProject(*office, std::move(in)));
          if (first + static_cast<int>(k) < kBatch) batch->push_back(detail.project.id);
        }
        return Status::Ok();
      });
      t += kMinuteMs;
    }
    timeline_.At(ChinaTime(2023, 2, 10, 9), [=, this]() -> Status {
      if (batch->size() != static_cast<size_t>(kBatch)) return Internal("the batch start should have 59 projects");
      BatchStartInput in;
      in.project_ids = *batch;
      in.on = "2023-02-10";
      in.ceremony = kCeremony;
      return p_.investments().BatchStart(*office, in).status();
    });

    // The policy set: 1 overall plan, 2 mechanisms, 14 special policies per chain.
    std::vector<int64_t> all_chains;
    for (const auto& c : chains) all_chains.push_back(c.chain.id);
    auto document = [&](policy::PolicyType type, const std::string& number, int64_t issuer, std::vector<int64_t> backs,
                        const std::string& title, const std::string& issued_on) {
      policy::Policy d;
      d.doc_number = number;
      d.issuer_unit_id = issuer;
      d.issued_on = issued_on;
      d.type = type;
      d.chain_ids = std::move(backs);
      d.title = title;
      d.text = title + "。（示例正文）为深入实施产业链链长制，推动重点产业链延链补链强链，制定本文件。";
      timeline_.At(t, [=, this] { return p_.policies().Create(*office, d).status(); });
      t += kMinuteMs;
    };
    ASSIGN_OR_RETURN(auto government, UnitNamed("吉安市人民政府"));
    document(policy::PolicyType::kOverallPlan, "吉府发〔2021〕1号（示例）", government.id, all_chains,
             "吉安市全面推行产业链链长制工作方案（示例）", "2021-03-15");
    document(policy::PolicyType::kMechanism, "吉府办字〔2021〕21号（示例）", government.id, all_chains,
             "吉安市产业链链长制工作推进机制（示例）", "2021-04-02");
    document(policy::PolicyType::kMechanism, "吉府办字〔2021〕22号（示例）", government.id, all_chains,
             "吉安市产业链链长制考核评价办法（示例）", "2021-04-02");
    static constexpr const char* kTopics[] = {"招商引资奖励", "技术改造补助", "人才引进支持", "金融信贷支持", "用地保障",
                                              "研发创新奖励", "市场开拓支持", "企业上市扶持", "标准化建设", "绿色发展",
                                              "数字化转型", "公共服务平台", "产业基金", "稳岗就业"};
    int number = 1;
    for (const auto& c : chains) {
      for (size_t k = 0; k < std::size(kTopics); ++k, ++number) {
        char issued[16];
        std::snprintf(issued, sizeof issued, "2022-%02d-%02d", 1 + static_cast<int>(k % 12), 8 + static_cast<int>(k));
        document(policy::PolicyType::kSpecial, "吉产链办发〔2022〕" + std::to_string(number) + "号（示例）",
                 *c.chain.lead_unit_id, {c.chain.id}, c.chain.name + kTopics[k] + "若干措施（示例）", issued);
      }
    }
    return Status::Ok();
  }

  // ---- 南昌县: business-environment liaison (February 2023). ---------------------------------
  // 14 liaison officers of the county's chamber of commerce, 100 supervisors at the county's
  // business-environment office and 50 monitoring-point enterprises serve the county's 136
  // enterprises: every one visited in February with the policies explained, some with policy funds
  // paid out; the monitoring points report what they see (40 problems, dispatched and solved).
  Status NanchangCountyLiaison() {
    ASSIGN_OR_RETURN(auto chamber, UnitNamed("南昌县工商业联合会"));
    ASSIGN_OR_RETURN(auto office, NewUnit("南昌县优化营商环境办公室", org::UnitKind::kDepartment, "360121"));
    ASSIGN_OR_RETURN(auto approval, NewUnit("南昌县行政审批局", org::UnitKind::kDepartment, "360121"));
    ASSIGN_OR_RETURN(const Actor* intake, NewUser("nx.dispatch", "南昌县营商办受理员（示例）", office.id, {"case_dispatcher"},
                                                  auth::ScopeKind::kOwnUnitAndBelow));
    ASSIGN_OR_RETURN(const Actor* handler, NewUser("nx.approval", "南昌县行政审批局承办人（示例）", approval.id,
                                                   {"case_handler"}, auth::ScopeKind::kOwnUnit));
    ASSIGN_OR_RETURN(auto townships, p_.org().RegionChildren(system_, "360121"));
    if (townships.empty()) return FailedPrecondition("the region data lack 南昌县's townships");

    static constexpr const char* kTrades[] = {"汽车零部件", "食品加工", "医药", "电子", "新材料", "物流", "纺织服装", "智能装备"};
    std::vector<std::string> firms;
    for (int i = 0; i < 136; ++i) {
      const auto& town = townships[static_cast<size_t>(i) % townships.size()];
      EnterpriseInput in;
      in.name = "南昌县" + std::string(kTrades[static_cast<size_t>(i) % std::size(kTrades)]) + "示例企业" +
                std::to_string(i + 1) + "号（示例）";
      in.region_code = town.code;
      in.founded = std::to_string(2005 + i % 17) + "-0" + std::to_string(1 + i % 9) + "-15";
      in.credit_code = demo::DemoCreditCode(in.name, town.code, in.founded);
      in.local = true;
      in.size = i % 10 == 0 ? chain::SizeClass::kMedium : chain::SizeClass::kSmall;
      in.revenue = (20 + i % 30) * 1'000'000LL;
      in.employees = 30 + i % 200;
      ASSIGN_OR_RETURN(auto saved, p_.enterprises().Create(system_, in));
      (void)saved;
      firms.push_back(in.credit_code);
    }
    std::vector<const Actor*> officers, supervisors, points;
    for (int i = 1; i <= 14; ++i) {
      char login[32];
      std::snprintf(login, sizeof login, "nx.ll%02d", i);
      ASSIGN_OR_RETURN(const Actor* a, NewUser(login, "南昌县工商联营商环境联络员" + std::to_string(i) + "号（示例）",
                                               chamber.id, {"liaison_officer"}, auth::ScopeKind::kSelf));
      RETURN_IF_ERROR(NewPosition(*a, org::PositionKind::kLiaisonOfficer, org::ContextType::kUnit,
                                  std::to_string(chamber.id), chamber.name));
      officers.push_back(a);
    }
    for (int i = 1; i <= 100; ++i) {
      char login[32];
      std::snprintf(login, sizeof login, "nx.js%03d", i);
      ASSIGN_OR_RETURN(const Actor* a, NewUser(login, "南昌县营商环境监督员" + std::to_string(i) + "号（示例）", office.id,
                                               {"liaison_officer"}, auth::ScopeKind::kSelf));
      RETURN_IF_ERROR(NewPosition(*a, org::PositionKind::kSupervisor, org::ContextType::kUnit, std::to_string(office.id),
                                  office.name));
      supervisors.push_back(a);
    }
    for (int i = 0; i < 50; ++i) {
      char login[32];
      std::snprintf(login, sizeof login, "nx.jc%02d", i + 1);
      ASSIGN_OR_RETURN(const Actor* a, NewUser(login, "监测点联系人" + std::to_string(i + 1) + "号（示例）", office.id,
                                               {"liaison_officer"}, auth::ScopeKind::kSelf));
      RETURN_IF_ERROR(NewPosition(*a, org::PositionKind::kMonitoringPoint, org::ContextType::kEnterprise,
                                  firms[static_cast<size_t>(i)], ""));
      points.push_back(a);
    }

    const auto days = Weekdays(chr::year{2023} / chr::February / 1, chr::year{2023} / chr::February / 24);
    for (int i = 0; i < 136; ++i) {
      const int64_t day = SpreadDay(days, i, 136);
      const bool by_supervisor = i % 4 == 3;
      const Actor* visitor = by_supervisor ? supervisors[static_cast<size_t>(i) % supervisors.size()]
                                           : officers[static_cast<size_t>(i) % officers.size()];
      NewVisit visit;
      visit.credit_code = firms[static_cast<size_t>(i)];
      visit.visited_on = DateText(day);
      visit.role = by_supervisor ? casework::FieldRole::kSupervisor : casework::FieldRole::kLiaisonOfficer;
      visit.summary = "上门走访，听取企业对营商环境的意见建议。";
      visit.policies = {"南昌县优化营商环境若干措施（示例）"};
      visit.help_given = "讲解惠企政策申报流程，协助企业准备申报材料。";
      visit.funds_paid_yuan = i % 5 == 0 ? 50000 : 0;
      timeline_.At(ChinaMidnightOf(day) + (9 + i % 8) * kHourMs,
                   [=, this] { return p_.field().RecordVisit(*visitor, visit).status(); });
    }
    for (int i = 0; i < 40; ++i) {
      const int64_t day = SpreadDay(days, i, 40);
      const Actor* point = points[static_cast<size_t>(i)];
      const std::string code = firms[static_cast<size_t>(i)];
      const TimeMs t = ChinaMidnightOf(day) + 15 * kHourMs + i * kMinuteMs;
      timeline_.At(t, [=, this]() -> Status {
        NewProblem problem{"0601", "审批事项办理时限偏长", "企业反映部分审批事项办理时限偏长，希望进一步压缩。"};
        ASSIGN_OR_RETURN(auto c, p_.field().FileProblem(*point, code, problem, casework::FieldRole::kMonitoringPoint));
        ++summary_.cases;
        HandleLater(clock_.NowMs(), c.id, intake, approval.id, handler, Outcome::kResolved,
                    "县行政审批局已推行承诺制审批，相关事项办理时限压缩一半。", point, 5);
        return Status::Ok();
      });
    }
    return Status::Ok();
  }

  // ---- 定南县: 城管进社区 (March and April 2023). -------------------------------------------------
  // 12 community teams of the county's urban-management bureau find 317 problems on patrol and
  // settle 261 on the spot; the other 56 go to the bureau. Residents' 45 complaints go to the team
  // of their community: 44 solved, one explained; 44 of the 45 callbacks satisfied (98 %).
  Status Dingnan() {
    ASSIGN_OR_RETURN(auto bureau, UnitNamed("定南县城市管理局"));
    ASSIGN_OR_RETURN(const Actor* intake, NewUser("dn.dispatch", "定南县城管受理员（示例）", bureau.id, {"case_dispatcher"},
                                                  auth::ScopeKind::kOwnUnitAndBelow));
    ASSIGN_OR_RETURN(const Actor* handler, NewUser("dn.bureau", "定南县城管局承办人（示例）", bureau.id, {"case_handler"},
                                                   auth::ScopeKind::kOwnUnit));
    ASSIGN_OR_RETURN(auto teams, UnitsOf(org::UnitKind::kCommunityTeam, "360728", std::nullopt));
    if (teams.size() != 12) return FailedPrecondition("the demo organisation should have 12 community teams in 定南县");
    std::vector<const Actor*> members;
    for (int t = 1; t <= 12; ++t) {
      char login[32];
      std::snprintf(login, sizeof login, "dn.team%02d", t);
      ASSIGN_OR_RETURN(const Actor* member, UserActor(login));
      members.push_back(member);
    }

    const auto days = Weekdays(chr::year{2023} / chr::March / 1, chr::year{2023} / chr::April / 28);
    constexpr int kFound = 317, kReported = 56;
    for (int i = 0; i < kFound; ++i) {
      const org::Unit& team = teams[static_cast<size_t>(i) % teams.size()];
      const Actor* member = members[static_cast<size_t>(i) % members.size()];
      const FindingKind& kind = kFindings[static_cast<size_t>(i) % std::size(kFindings)];
      const TimeMs t = ChinaMidnightOf(SpreadDay(days, i, kFound)) + (9 + i % 7) * kHourMs + (i * 13 % 50) * kMinuteMs;
      NewCaseInput in;
      in.facts.channel = "patrol";
      in.facts.category_code = kind.category;
      in.facts.title = kind.title;
      in.facts.text = kind.text;
      in.facts.region_code = team.region_code;
      in.facts.address = team.region_name + "辖区第" + std::to_string(i / 12 % 9 + 1) + "网格";
      in.accept = false;  // the intake accepts what goes to the bureau
      const bool reported = EveryKOfN(i, kReported, kFound);
      const int64_t team_id = team.id;
      const int64_t bureau_id = bureau.id;
      timeline_.At(t, [=, this]() -> Status {
        ASSIGN_OR_RETURN(auto c, Register(*member, in));
        const int64_t id = c.id;
        if (!reported) {
          timeline_.At(t + 25 * kMinuteMs, [=, this] {
            Command fix = Cmd(EventType::kResolveOnSpot, kind.fixed);
            fix.unit_id = team_id;
            return Act(*member, id, std::move(fix));
          });
          return Status::Ok();
        }
        timeline_.At(t + 40 * kMinuteMs, [=, this] { return Act(*intake, id, Cmd(EventType::kAccept)); });
        timeline_.At(t + 45 * kMinuteMs, [=, this] {
          return Dispatch(*intake, id, bureau_id, "超出社区工作组现场处置能力，转县城管局办理");
        });
        timeline_.At(t + 2 * kHourMs, [=, this] { return Act(*handler, id, Cmd(EventType::kSign)); });
        timeline_.At(t + kDayMs + kHourMs, [=, this] {
          return Reply(*handler, id, Outcome::kResolved, std::string("县城管局已组织处置：") + kind.fixed);
        });
        return Status::Ok();
      });
    }

    constexpr int kComplaintCount = 45;
    for (int i = 0; i < kComplaintCount; ++i) {
      const size_t at = static_cast<size_t>(i * 5) % teams.size();
      const org::Unit& team = teams[at];
      const Actor* member = members[at];
      const ComplaintKind& kind = kComplaints[static_cast<size_t>(i) % std::size(kComplaints)];
      const TimeMs t = ChinaMidnightOf(SpreadDay(days, i, kComplaintCount)) + 10 * kHourMs + (i * 7 % 50) * kMinuteMs;
      NewCaseInput in;
      in.facts.channel = "complaint";
      in.facts.category_code = kind.category;
      in.facts.title = kind.title;
      in.facts.text = kind.text;
      in.facts.region_code = team.region_code;
      in.facts.address = team.region_name;
      in.facts.reporter_name = std::string(i % 2 ? "刘" : "钟") + (i % 3 ? "女士" : "先生") + "（示例）";
      char phone[16];
      std::snprintf(phone, sizeof phone, "1397970%04d", (i * 7919 + 1301) % 10000);
      in.facts.reporter_phone = phone;
      const bool explained = i == 22;  // a request the team could not meet, told why
      const int64_t team_id = team.id;
      timeline_.At(t, [=, this]() -> Status {
        ASSIGN_OR_RETURN(auto c, Register(*intake, in));
        const int64_t id = c.id;
        timeline_.At(t + 30 * kMinuteMs, [=, this] { return Dispatch(*intake, id, team_id, "请社区工作组核实处理"); });
        timeline_.At(t + 90 * kMinuteMs, [=, this] { return Act(*member, id, Cmd(EventType::kSign)); });
        timeline_.At(t + kDayMs + 2 * kHourMs, [=, this] {
          return Reply(*member, id, explained ? Outcome::kExplained : Outcome::kResolved,
                       explained ? "该工地为市重点工程，已协调其调整高噪声工序时段，无法完全停工，已向来电人解释。"
                                 : kind.reply);
        });
        timeline_.At(t + 2 * kDayMs + kHourMs, [=, this] {
          return Callback(*intake, id, explained ? 3 : (i % 4 ? 5 : 4), explained ? "基本满意，理解重点工程需要" : "满意");
        });
        return Status::Ok();
      });
    }
    return Status::Ok();
  }

  // ---- 南昌市: 微心愿 (May to 5 June 2023). ---------------------------------------------------------
  // The city's civil-affairs bureau runs the 六一 campaign; the social workers of its 9 county and
  // 124 township stations record 1,230 children's wishes in May and publish them; donors claim every
  // one (a third on the public page, the rest through the stations), and the stations hand them
  // over between 1 and 5 June, each with a photo.
  Status NanchangWishes() {
    ASSIGN_OR_RETURN(auto bureau, UnitNamed("南昌市民政局"));
    ASSIGN_OR_RETURN(const Actor* organiser, NewUser("nc.civil", "南昌市民政局儿童福利科（示例）", bureau.id,
                                                     {"social_worker"}, auth::ScopeKind::kOwnUnitAndBelow));
    casework::WishCampaign campaign;
    campaign.name = "2023年“六一”微心愿圆梦行动";
    campaign.organiser_unit_id = bureau.id;
    campaign.region_code = "3601";
    campaign.opens_on = "2023-05-15";
    campaign.deadline_on = "2023-06-05";
    campaign.description = "为困境儿童、留守儿童实现一个“六一”微心愿，6月1日至5日集中送达。";
    ASSIGN_OR_RETURN(auto created, p_.wishes().CreateCampaign(*organiser, campaign));
    const int64_t campaign_id = created.campaign.id;

    // One social worker at each county station records for it and the township stations below it.
    struct Station {
      int64_t id;
      const Actor* worker;
    };
    std::vector<Station> stations;
    ASSIGN_OR_RETURN(auto counties, UnitsOf(org::UnitKind::kSocialWorkStation, "3601", bureau.id));
    for (const auto& county : counties) {
      ASSIGN_OR_RETURN(const Actor* worker, NewUser("nc.sw" + county.region_code, county.name + "社工（示例）", county.id,
                                                    {"social_worker"}, auth::ScopeKind::kOwnUnitAndBelow));
      stations.push_back({county.id, worker});
      ASSIGN_OR_RETURN(auto townships, UnitsOf(org::UnitKind::kSocialWorkStation, "", county.id));
      for (const auto& t : townships) stations.push_back({t.id, worker});
    }
    if (stations.size() != 133) return FailedPrecondition("the demo organisation should have 133 social-work stations in 南昌市");

    const EmbeddedFile* photo = storage::assets::Find("data/demo/wish-delivered.png");
    if (!photo) return Internal("the demo's delivery photo is missing from the binary");

    struct WishKindRow {
      const char* item;
      casework::WishKind kind;
      const char* story;
    };
    static constexpr WishKindRow kWishes[] = {
        {"一个新书包", casework::WishKind::kMaterial, "书包用了三年，拉链坏了，想背新书包上学。"},
        {"一双运动鞋", casework::WishKind::kMaterial, "喜欢跑步，想要一双合脚的运动鞋参加校运会。"},
        {"一套课外绘本", casework::WishKind::kMaterial, "喜欢看故事书，想和弟弟一起读绘本。"},
        {"一盏护眼台灯", casework::WishKind::kMaterial, "晚上写作业光线暗，想要一盏台灯。"},
        {"一个篮球", casework::WishKind::kMaterial, "想和同学们一起打篮球。"},
        {"一套文具", casework::WishKind::kMaterial, "想要一套新文具迎接期末考试。"},
        {"去科技馆参观一次", casework::WishKind::kCare, "从没去过科技馆，想看看机器人。"},
        {"有人陪我过一次生日", casework::WishKind::kCare, "父母在外务工，想有人陪着过生日。"},
        {"学一学画画", casework::WishKind::kCare, "喜欢画画，想请老师教一教。"},
        {"和在外打工的妈妈视频聊天", casework::WishKind::kCare, "妈妈在外地打工，想和她视频说说话。"},
    };
    static constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "熊"};
    static constexpr const char* kDonors[] = {"南昌市青年志愿者协会（示例）", "江西某某科技有限公司（示例）",
                                              "南昌某某商会（示例）", "某某银行南昌分行（示例）"};

    constexpr int kWishCount = 1230;
    const auto record_days = Weekdays(chr::year{2023} / chr::May / 8, chr::year{2023} / chr::May / 19);
    const auto claim_days = Weekdays(chr::year{2023} / chr::May / 15, chr::year{2023} / chr::May / 31);
    for (int i = 0; i < kWishCount; ++i) {
      const Station station = stations[static_cast<size_t>(i) % stations.size()];
      const WishKindRow& kind = kWishes[static_cast<size_t>(i) % std::size(kWishes)];
      NewWish wish;
      wish.campaign_id = campaign_id;
      wish.station_unit_id = station.id;
      wish.item = kind.item;
      wish.kind = kind.kind;
      wish.child_alias = std::string(kSurnames[static_cast<size_t>(i) % std::size(kSurnames)]) + "某";
      wish.child_age = 6 + i % 9;
      wish.story = kind.story;
      casework::Donor donor;
      char phone[16];
      std::snprintf(phone, sizeof phone, "1367910%04d", (i * 4099 + 17) % 10000);
      donor.phone = phone;
      const bool on_public_page = i % 3 == 0;  // a person on the public page; else an organisation via the station
      donor.kind = on_public_page ? casework::DonorKind::kPerson : casework::DonorKind::kOrganisation;
      donor.name = on_public_page ? std::string(kSurnames[static_cast<size_t>(i / 3) % std::size(kSurnames)]) + "女士（示例）"
                                  : std::string(kDonors[static_cast<size_t>(i) % std::size(kDonors)]);
      const TimeMs recorded_at =
          ChinaMidnightOf(SpreadDay(record_days, i, kWishCount)) + (9 + i % 8) * kHourMs + (i * 11 % 50) * kMinuteMs;
      const TimeMs claimed_at =
          ChinaMidnightOf(SpreadDay(claim_days, i, kWishCount)) + (8 + i % 13) * kHourMs + (i * 17 % 50) * kMinuteMs;
      const TimeMs delivered_at = ChinaTime(2023, 6, 1 + static_cast<unsigned>(i % 5), 9 + i % 8, i * 7 % 50);
      timeline_.At(recorded_at, [=, this]() -> Status {
        ASSIGN_OR_RETURN(auto recorded, p_.wishes().Record(*station.worker, wish));
        ++summary_.cases;
        const int64_t id = recorded.row.wish.case_id;
        timeline_.At(recorded_at + 20 * kMinuteMs, [=, this] { return Counted(p_.wishes().Publish(*station.worker, id).status()); });
        timeline_.At(claimed_at, [=, this] {
          return Counted(on_public_page
                             ? p_.wishes().ClaimPublic("demo-donor-" + std::to_string(i), id, donor).status()
                             : p_.wishes().RecordClaim(*station.worker, id, donor).status());
        });
        timeline_.At(delivered_at, [=, this]() -> Status {
          ASSIGN_OR_RETURN(auto staged, p_.attachments().Stage(*station.worker, "送达合影.png", photo->bytes));
          DeliveryInput delivery;
          delivery.attachment_ids = {staged.id};
          delivery.note = "心愿礼物已送到孩子手中";
          return Counted(p_.wishes().Deliver(*station.worker, id, delivery).status());
        });
        return Status::Ok();
      });
    }
    return Status::Ok();
  }

  // ---- 城开苑社区: 楼栋会 (June and July 2023). ----------------------------------------------------
  // The meeting of the 10th every month for the community's 56 buildings and 3,600 residents. At
  // the June meeting the residents' representatives raise three dangerous trees; the district's
  // urban-management bureau removes them, and the representatives sign the three items off at the
  // July meeting.
  Status Chengkaiyuan() {
    ASSIGN_OR_RETURN(auto community, UnitNamed("城开苑社区居委会"));
    ASSIGN_OR_RETURN(const Actor* staff, NewUser("cky.staff", "城开苑社区工作人员（示例）", community.id, {"case_dispatcher"},
                                                 auth::ScopeKind::kOwnUnit));
    ASSIGN_OR_RETURN(auto bureau, NewUnit("新建区城市管理局", org::UnitKind::kDepartment, "360112"));
    ASSIGN_OR_RETURN(const Actor* greening, NewUser("xj.greening", "新建区城管局园林科承办人（示例）", bureau.id,
                                                    {"case_handler"}, auth::ScopeKind::kOwnUnit));
    casework::MeetingSchedule schedule;
    schedule.community_unit_id = community.id;
    schedule.day_of_month = 10;
    schedule.place = "城开苑社区党群服务中心";
    schedule.buildings = 56;
    schedule.residents = 3600;
    RETURN_IF_ERROR(p_.meetings().PutSchedule(*staff, schedule).status());

    using casework::AttendeeRole;
    auto attendee = [](AttendeeRole role, std::string name, std::string from) {
      casework::Attendee a;
      a.role = role;
      a.name = std::move(name);
      a.affiliation = std::move(from);
      return a;
    };
    NewMeeting june;
    june.community_unit_id = community.id;
    june.scheduled_on = "2023-06-10";
    june.attendees = std::vector<casework::Attendee>{
        attendee(AttendeeRole::kCommunity, "熊书记（示例）", "城开苑社区居委会"),
        attendee(AttendeeRole::kPropertyCompany, "刘经理（示例）", "城开苑物业服务中心（示例）"),
        attendee(AttendeeRole::kResidentRepresentative, "李秀英（示例）", "3栋"),
        attendee(AttendeeRole::kResidentRepresentative, "王建华（示例）", "12栋"),
        attendee(AttendeeRole::kResidentRepresentative, "陈淑芬（示例）", "27栋"),
        attendee(AttendeeRole::kStreetOffice, "欣悦湖街道干部（示例）", "新建区欣悦湖街道办事处"),
    };
    ASSIGN_OR_RETURN(auto first, p_.meetings().ScheduleMeeting(*staff, june));
    const int64_t june_id = first.id;
    const int64_t bureau_id = bureau.id;
    const int64_t community_id = community.id;
    auto items = std::make_shared<std::vector<int64_t>>();

    timeline_.At(ChinaTime(2023, 6, 10, 19), [=, this]() -> Status {
      RETURN_IF_ERROR(p_.meetings().Hold(*staff, june_id, HoldMeeting{}).status());
      struct Tree {
        const char* building;
        const char* raised_by;
      };
      static constexpr Tree kTrees[] = {
          {"3栋", "李秀英（3栋居民代表）"}, {"12栋", "王建华（12栋居民代表）"}, {"27栋", "陈淑芬（27栋居民代表）"}};
      for (const auto& tree : kTrees) {
        NewMeetingItem item;
        item.title = std::string(tree.building) + "旁危树清除";
        item.text = std::string(tree.building) + "旁香樟树树干空心、向楼体倾斜，汛期存在倒伏风险，居民代表提请清除。";
        item.category_code = "0206";  // 园林绿化与树木
        item.address = std::string(tree.building) + "旁绿地";
        item.raised_by = tree.raised_by;
        ASSIGN_OR_RETURN(auto c, p_.meetings().AddItem(*staff, june_id, item));
        ++summary_.cases;
        RETURN_IF_ERROR(Dispatch(*staff, c.id, bureau_id, "危树清除，请区城管局园林科办理"));
        items->push_back(c.id);
      }
      return p_.meetings()
          .RecordMinutes(*staff, june_id,
                         "六月楼栋会：居民代表反映3栋、12栋、27栋旁三棵危树存在倒伏风险，会议决定提请区城管局清除。")
          .status();
    });
    for (int i = 0; i < 3; ++i) {
      timeline_.At(ChinaTime(2023, 6, 12, 9 + i), [=, this] { return Act(*greening, (*items)[static_cast<size_t>(i)], Cmd(EventType::kSign)); });
      timeline_.At(ChinaTime(2023, 6, 19 + static_cast<unsigned>(i) * 2, 16), [=, this] {
        return Reply(*greening, (*items)[static_cast<size_t>(i)], Outcome::kResolved, "危树已伐除，树根已清理并补种桂花树一棵。");
      });
    }
    timeline_.At(ChinaTime(2023, 7, 10, 19), [=, this]() -> Status {
      storage::MeetingQuery next;
      next.community_unit_id = community_id;
      next.state = casework::MeetingState::kScheduled;
      ASSIGN_OR_RETURN(auto scheduled, p_.meetings().List(*staff, next));
      if (scheduled.items.size() != 1 || scheduled.items[0].meeting.scheduled_on != "2023-07-10") {
        return Internal("holding the June meeting should have scheduled the July one");
      }
      const int64_t july = scheduled.items[0].meeting.id;
      ASSIGN_OR_RETURN(auto held, p_.meetings().Hold(*staff, july, HoldMeeting{}));
      int64_t representative = 0;
      for (const auto& a : held.attendees) {
        if (a.role == AttendeeRole::kResidentRepresentative) {
          representative = a.id;
          break;
        }
      }
      for (int64_t id : *items) {
        RETURN_IF_ERROR(Counted(
            p_.meetings().SignOffItem(*staff, july, id, SignOff{representative, 5, "居民代表现场查看，确认危树已清除"}).status()));
      }
      return p_.meetings().RecordMinutes(*staff, july, "七月楼栋会：三棵危树已全部清除，居民代表签字确认，事项议结。").status();
    });
    return Status::Ok();
  }

  // Counts a channel service's lifecycle action when it succeeded.
  Status Counted(Status st) {
    if (st.ok()) ++summary_.actions;
    return st;
  }

  Platform& p_;
  SimulatedClock& clock_;
  Actor system_;
  Timeline timeline_;
  std::deque<Actor> actors_;  // every actor a step captures (stable addresses)
  ArticleDemoSummary summary_;
};

}  // namespace

TimeMs ArticleDemoStart() { return ChinaTime(2023, 1, 4, 8); }

Result<ArticleDemoSummary> BuildArticleDemo(Platform& platform, SimulatedClock& clock) {
  ArticleDriver driver(platform, clock);
  ASSIGN_OR_RETURN(auto summary, driver.Run());
  spdlog::info("article demo built: {} cases, {} actions", summary.cases, summary.actions);
  return summary;
}

}  // namespace lz::services

// The article's casework driven through the services over simulated time (demo_article.h).
#include "services/demo_article.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "common/china_time.h"

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

class ArticleDriver {
 public:
  ArticleDriver(Platform& platform, SimulatedClock& clock)
      : p_(platform), clock_(clock), system_(Actor::System("demo")) {}

  Result<ArticleDemoSummary> Run() {
    if (clock_.NowMs() > ArticleDemoStart()) {
      return FailedPrecondition("the clock is past the start of the article's casework (2023-03-01)");
    }
    storage::CaseQuery done;
    done.channel = "patrol";
    done.region_code = "360728";
    done.page.page_size = 1;
    ASSIGN_OR_RETURN(auto existing, p_.cases().List(system_, done));
    if (existing.page.total > 0) return FailedPrecondition("the article's casework exists already in this database");
    RETURN_IF_ERROR(Dingnan());
    RETURN_IF_ERROR(Chengkaiyuan());
    return summary_;
  }

 private:
  // Moves the clock to `t` (never back: steps that would go back happen at once).
  void At(TimeMs t) {
    if (t > clock_.NowMs()) clock_.Set(t);
  }

  Result<int64_t> UnitNamed(const std::string& name) {
    ASSIGN_OR_RETURN(auto page, p_.org().ListUnits(system_, UnitFilter{name, {}, "", {}, {1, 100}}));
    for (const auto& u : page.items) {
      if (u.name == name) return u.id;
    }
    return FailedPrecondition("the demo organisation is missing " + name + ": build it first (BuildDemo)");
  }

  Result<int64_t> RoleId(const std::string& key) {
    ASSIGN_OR_RETURN(auto roles, p_.accounts().ListRoles(system_));
    for (const auto& r : roles) {
      if (r.key == key) return r.id;
    }
    return Internal("built-in role " + key + " is missing");
  }

  // A new account (random password, as every demo account) and the actor it acts as.
  Result<Actor> NewUser(const std::string& login, const std::string& name, int64_t unit,
                        const std::vector<std::string>& roles, auth::ScopeKind scope) {
    UserInput in;
    in.login = login;
    in.name = name;
    in.unit_id = unit;
    for (const auto& key : roles) {
      ASSIGN_OR_RETURN(int64_t id, RoleId(key));
      in.role_ids.push_back(id);
    }
    in.scope.kind = scope;
    in.password = GeneratePassword();
    ASSIGN_OR_RETURN(auto view, p_.accounts().CreateUser(system_, in));
    return p_.auth().ActorOf(view.user.id);
  }

  Result<Actor> UserActor(const std::string& login) {
    ASSIGN_OR_RETURN(auto page, p_.accounts().ListUsers(system_, UserFilter{login, {}, {1, 100}}));
    for (const auto& v : page.items) {
      if (v.user.login == login) return p_.auth().ActorOf(v.user.id);
    }
    return FailedPrecondition("the demo organisation is missing the account " + login);
  }

  Result<casework::Case> Register(const Actor& actor, NewCaseInput input) {
    ASSIGN_OR_RETURN(auto c, p_.cases().Create(actor, std::move(input)));
    ++summary_.cases;
    return c;
  }

  Result<casework::Case> Act(const Actor& actor, int64_t id, Command command) {
    ASSIGN_OR_RETURN(auto c, p_.cases().Act(actor, id, std::move(command)));
    ++summary_.actions;
    return c;
  }

  Result<casework::Case> Dispatch(const Actor& intake, int64_t id, int64_t unit, const std::string& note) {
    Command c = Cmd(EventType::kDispatch, note);
    c.unit_id = unit;
    return Act(intake, id, std::move(c));
  }

  Result<casework::Case> Reply(const Actor& handler, int64_t id, Outcome outcome, const std::string& text) {
    Command c = Cmd(EventType::kReply, text);
    c.outcome = outcome;
    return Act(handler, id, std::move(c));
  }

  Result<casework::Case> Callback(const Actor& intake, int64_t id, int rating, const std::string& note) {
    Command c = Cmd(EventType::kCallback, note);
    c.rating = rating;
    return Act(intake, id, std::move(c));
  }

  // 定南县 (spring 2023): 12 community teams of the county's urban-management bureau found 317
  // problems on patrol and settled 261 on the spot; the other 56 went to the bureau. Residents'
  // 45 complaints went to the team of their community: 44 solved, one explained; 44 of the 45
  // callbacks satisfied (98 %).
  Status Dingnan() {
    At(ArticleDemoStart());
    ASSIGN_OR_RETURN(int64_t bureau, UnitNamed("定南县城市管理局"));
    ASSIGN_OR_RETURN(Actor intake, NewUser("dn.dispatch", "定南县城管受理员（示例）", bureau, {"case_dispatcher"},
                                           auth::ScopeKind::kOwnUnitAndBelow));
    ASSIGN_OR_RETURN(Actor handler,
                     NewUser("dn.bureau", "定南县城管局承办人（示例）", bureau, {"case_handler"}, auth::ScopeKind::kOwnUnit));
    UnitFilter teams_filter{"", org::UnitKind::kCommunityTeam, "360728", {}, {1, 100}};
    ASSIGN_OR_RETURN(auto teams, p_.org().ListUnits(system_, teams_filter));
    std::sort(teams.items.begin(), teams.items.end(), [](const org::Unit& a, const org::Unit& b) { return a.id < b.id; });
    if (teams.items.size() != 12) return FailedPrecondition("the demo organisation should have 12 community teams in 定南县");
    std::vector<Actor> members;
    for (int t = 1; t <= 12; ++t) {
      char login[32];
      std::snprintf(login, sizeof login, "dn.team%02d", t);
      ASSIGN_OR_RETURN(Actor member, UserActor(login));
      members.push_back(std::move(member));
    }

    const auto days = Weekdays(chr::year{2023} / chr::March / 1, chr::year{2023} / chr::May / 31);
    constexpr int kFound = 317, kReported = 56;
    for (int i = 0; i < kFound; ++i) {
      const size_t team = static_cast<size_t>(i) % teams.items.size();
      const FindingKind& kind = kFindings[static_cast<size_t>(i) % std::size(kFindings)];
      const TimeMs t = ChinaMidnightOf(SpreadDay(days, i, kFound)) + (9 + i % 7) * kHourMs + (i * 13 % 50) * kMinuteMs;
      At(t);
      NewCaseInput in;
      in.facts.channel = "patrol";
      in.facts.category_code = kind.category;
      in.facts.title = kind.title;
      in.facts.text = kind.text;
      in.facts.region_code = teams.items[team].region_code;
      in.facts.address = teams.items[team].region_name + "辖区第" + std::to_string(i / 12 % 9 + 1) + "网格";
      in.accept = false;  // the intake accepts what goes to the bureau
      ASSIGN_OR_RETURN(auto c, Register(members[team], std::move(in)));
      if (!EveryKOfN(i, kReported, kFound)) {
        At(t + 25 * kMinuteMs);
        Command fix = Cmd(EventType::kResolveOnSpot, kind.fixed);
        fix.unit_id = teams.items[team].id;
        RETURN_IF_ERROR(Act(members[team], c.id, std::move(fix)).status());
        continue;
      }
      At(t + 40 * kMinuteMs);
      RETURN_IF_ERROR(Act(intake, c.id, Cmd(EventType::kAccept)).status());
      RETURN_IF_ERROR(Dispatch(intake, c.id, bureau, "超出社区工作组现场处置能力，转县城管局办理").status());
      At(t + 2 * kHourMs);
      RETURN_IF_ERROR(Act(handler, c.id, Cmd(EventType::kSign)).status());
      At(t + kDayMs + kHourMs);
      RETURN_IF_ERROR(Reply(handler, c.id, Outcome::kResolved, std::string("县城管局已组织处置：") + kind.fixed).status());
    }

    constexpr int kComplaintCount = 45;
    for (int i = 0; i < kComplaintCount; ++i) {
      const size_t team = static_cast<size_t>(i * 5) % teams.items.size();
      const ComplaintKind& kind = kComplaints[static_cast<size_t>(i) % std::size(kComplaints)];
      const TimeMs t = ChinaMidnightOf(SpreadDay(days, i, kComplaintCount)) + 10 * kHourMs + (i * 7 % 50) * kMinuteMs;
      At(t);
      NewCaseInput in;
      in.facts.channel = "complaint";
      in.facts.category_code = kind.category;
      in.facts.title = kind.title;
      in.facts.text = kind.text;
      in.facts.region_code = teams.items[team].region_code;
      in.facts.address = teams.items[team].region_name;
      in.facts.reporter_name = std::string(i % 2 ? "刘" : "钟") + (i % 3 ? "女士" : "先生") + "（示例）";
      char phone[16];
      std::snprintf(phone, sizeof phone, "1397970%04d", (i * 7919 + 1301) % 10000);
      in.facts.reporter_phone = phone;
      ASSIGN_OR_RETURN(auto c, Register(intake, std::move(in)));
      At(t + 30 * kMinuteMs);
      RETURN_IF_ERROR(Dispatch(intake, c.id, teams.items[team].id, "请社区工作组核实处理").status());
      At(t + 90 * kMinuteMs);
      RETURN_IF_ERROR(Act(members[team], c.id, Cmd(EventType::kSign)).status());
      At(t + kDayMs + 2 * kHourMs);
      const bool explained = i == 22;  // a request the team could not meet, told why
      RETURN_IF_ERROR(Reply(members[team], c.id, explained ? Outcome::kExplained : Outcome::kResolved,
                            explained ? "该工地为市重点工程，已协调其调整高噪声工序时段，无法完全停工，已向来电人解释。"
                                      : kind.reply)
                          .status());
      At(t + 2 * kDayMs + kHourMs);
      RETURN_IF_ERROR(
          Callback(intake, c.id, explained ? 3 : (i % 4 ? 5 : 4), explained ? "基本满意，理解重点工程需要" : "满意")
              .status());
    }
    return Status::Ok();
  }

  // 城开苑社区 (新建区欣悦湖街道): the building meeting of the 10th every month for its 56 buildings and
  // 3,600 residents. At the May meeting the residents' representatives raised three dangerous
  // trees; the district's urban-management bureau removed them, and the representatives signed
  // the three items off at the June meeting.
  Status Chengkaiyuan() {
    At(ChinaTime(2023, 4, 20, 9));
    ASSIGN_OR_RETURN(int64_t community, UnitNamed("城开苑社区居委会"));
    ASSIGN_OR_RETURN(Actor staff, NewUser("cky.staff", "城开苑社区工作人员（示例）", community, {"case_dispatcher"},
                                          auth::ScopeKind::kOwnUnit));
    ASSIGN_OR_RETURN(auto bureau, p_.org().CreateUnit(system_, UnitInput{"新建区城市管理局", org::UnitKind::kDepartment,
                                                                          "360112", std::nullopt, std::nullopt}));
    ASSIGN_OR_RETURN(Actor greening, NewUser("xj.greening", "新建区城管局园林科承办人（示例）", bureau.id, {"case_handler"},
                                             auth::ScopeKind::kOwnUnit));
    casework::MeetingSchedule schedule;
    schedule.community_unit_id = community;
    schedule.day_of_month = 10;
    schedule.place = "城开苑社区党群服务中心";
    schedule.buildings = 56;
    schedule.residents = 3600;
    RETURN_IF_ERROR(p_.meetings().PutSchedule(staff, schedule).status());

    using casework::AttendeeRole;
    auto attendee = [](AttendeeRole role, std::string name, std::string from) {
      casework::Attendee a;
      a.role = role;
      a.name = std::move(name);
      a.affiliation = std::move(from);
      return a;
    };
    NewMeeting may;
    may.community_unit_id = community;
    may.scheduled_on = "2023-05-10";
    may.attendees = std::vector<casework::Attendee>{
        attendee(AttendeeRole::kCommunity, "熊书记（示例）", "城开苑社区居委会"),
        attendee(AttendeeRole::kPropertyCompany, "刘经理（示例）", "城开苑物业服务中心（示例）"),
        attendee(AttendeeRole::kResidentRepresentative, "李秀英（示例）", "3栋"),
        attendee(AttendeeRole::kResidentRepresentative, "王建华（示例）", "12栋"),
        attendee(AttendeeRole::kResidentRepresentative, "陈淑芬（示例）", "27栋"),
        attendee(AttendeeRole::kStreetOffice, "欣悦湖街道干部（示例）", "新建区欣悦湖街道办事处"),
    };
    ASSIGN_OR_RETURN(auto first, p_.meetings().ScheduleMeeting(staff, may));
    At(ChinaTime(2023, 5, 10, 19));
    RETURN_IF_ERROR(p_.meetings().Hold(staff, first.id, HoldMeeting{}).status());

    struct Tree {
      const char* building;
      const char* raised_by;
    };
    constexpr Tree kTrees[] = {{"3栋", "李秀英（3栋居民代表）"}, {"12栋", "王建华（12栋居民代表）"}, {"27栋", "陈淑芬（27栋居民代表）"}};
    std::vector<int64_t> items;
    for (const auto& tree : kTrees) {
      NewMeetingItem item;
      item.title = std::string(tree.building) + "旁危树清除";
      item.text = std::string(tree.building) + "旁香樟树树干空心、向楼体倾斜，汛期存在倒伏风险，居民代表提请清除。";
      item.category_code = "0206";  // 园林绿化与树木
      item.address = std::string(tree.building) + "旁绿地";
      item.raised_by = tree.raised_by;
      ASSIGN_OR_RETURN(auto c, p_.meetings().AddItem(staff, first.id, item));
      RETURN_IF_ERROR(Dispatch(staff, c.id, bureau.id, "危树清除，请区城管局园林科办理").status());
      items.push_back(c.id);
    }
    RETURN_IF_ERROR(p_.meetings()
                        .RecordMinutes(staff, first.id,
                                       "五月楼栋会：居民代表反映3栋、12栋、27栋旁三棵危树存在倒伏风险，会议决定提请区城管局清除。")
                        .status());
    for (size_t i = 0; i < items.size(); ++i) {
      At(ChinaTime(2023, 5, 11, 9 + static_cast<int>(i)));
      RETURN_IF_ERROR(Act(greening, items[i], Cmd(EventType::kSign)).status());
      At(ChinaTime(2023, 5, 18 + static_cast<unsigned>(i) * 2, 16));
      RETURN_IF_ERROR(Reply(greening, items[i], Outcome::kResolved, "危树已伐除，树根已清理并补种桂花树一棵。").status());
    }

    At(ChinaTime(2023, 6, 10, 19));
    storage::MeetingQuery next;
    next.community_unit_id = community;
    next.state = casework::MeetingState::kScheduled;
    ASSIGN_OR_RETURN(auto scheduled, p_.meetings().List(staff, next));
    if (scheduled.items.size() != 1 || scheduled.items[0].meeting.scheduled_on != "2023-06-10") {
      return Internal("holding the May meeting should have scheduled the June one");
    }
    const int64_t june = scheduled.items[0].meeting.id;
    ASSIGN_OR_RETURN(auto held, p_.meetings().Hold(staff, june, HoldMeeting{}));
    int64_t representative = 0;
    for (const auto& a : held.attendees) {
      if (a.role == AttendeeRole::kResidentRepresentative) {
        representative = a.id;
        break;
      }
    }
    for (int64_t id : items) {
      RETURN_IF_ERROR(p_.meetings().SignOffItem(staff, june, id, SignOff{representative, 5, "居民代表现场查看，确认危树已清除"}).status());
      ++summary_.actions;
    }
    return p_.meetings()
        .RecordMinutes(staff, june, "六月楼栋会：三棵危树已全部清除，居民代表签字确认，事项议结。")
        .status();
  }

  Platform& p_;
  SimulatedClock& clock_;
  Actor system_;
  ArticleDemoSummary summary_;
};

}  // namespace

TimeMs ArticleDemoStart() { return ChinaTime(2023, 3, 1, 8); }

Result<ArticleDemoSummary> BuildArticleDemo(Platform& platform, SimulatedClock& clock) {
  ArticleDriver driver(platform, clock);
  ASSIGN_OR_RETURN(auto summary, driver.Run());
  spdlog::info("article demo built: {} cases, {} actions", summary.cases, summary.actions);
  return summary;
}

}  // namespace lz::services

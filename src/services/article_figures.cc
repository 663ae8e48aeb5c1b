// The article's figures computed by the platform (article_figures.h).
#include "services/article_figures.h"

#include <cstdlib>
#include <map>
#include <optional>
#include <set>

namespace lz::services {
namespace {

using engines::kpi::Counter;
using engines::kpi::Rate;

// The article's year and the months around it: every case of the demo is accepted in 2023.
constexpr const char* kFrom = "2023-01-01";
constexpr const char* kTo = "2023-12-31";

// "1,230" → 1230; nullopt when not an integer with optional separators.
std::optional<int64_t> ParseGrouped(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int64_t n = 0;
  for (char ch : s) {
    if (ch == ',') continue;
    if (ch < '0' || ch > '9') return std::nullopt;
    n = n * 10 + (ch - '0');
  }
  return n;
}

class FigureReader {
 public:
  FigureReader(Platform& p, const Actor& actor) : p_(p), actor_(actor) {}

  // The KPI figures of the cases of `channel` (and category, when given) in `region` and below.
  Result<engines::kpi::Figures> Kpi(const std::string& channel, const std::string& region,
                                    const std::string& category = "") {
    KpiRequest request;
    request.from = kFrom;
    request.to = kTo;
    request.channel = channel;
    request.region_code = region;
    request.category_code = category;
    ASSIGN_OR_RETURN(auto report, p_.kpi().Report(actor_, request));
    return report.total;
  }

  // Units of a kind in a region and below.
  Result<int64_t> Units(org::UnitKind kind, const std::string& region) {
    UnitFilter filter{"", kind, region, {}, {1, 1}};
    ASSIGN_OR_RETURN(auto page, p_.org().ListUnits(actor_, filter));
    return page.total;
  }

  Result<casework::MeetingSchedule> Schedule(const std::string& community_name) {
    ASSIGN_OR_RETURN(auto page, p_.org().ListUnits(actor_, UnitFilter{community_name, {}, "", {}, {1, 100}}));
    for (const auto& u : page.items) {
      if (u.name == community_name) return p_.meetings().Schedule(actor_, u.id);
    }
    return casework::MeetingSchedule{};
  }

 private:
  Platform& p_;
  const Actor& actor_;
};

ArticleFigure Count(std::string key, std::string label, std::string article, int64_t computed) {
  ArticleFigure f{std::move(key), std::move(label), std::move(article), WithThousands(computed), false};
  f.matches = ArticleFigureMatches(f.article, f.computed);
  return f;
}

// A rate printed as a whole percentage, rounded half up ("—" when nothing was rated).
ArticleFigure Percent(std::string key, std::string label, std::string article, const engines::kpi::Figures& figures,
                      Rate rate) {
  auto hundredths = engines::kpi::PercentHundredths(engines::kpi::RateOf(figures, rate));
  std::string computed = hundredths ? std::to_string((*hundredths + 50) / 100) + "%" : "—";
  ArticleFigure f{std::move(key), std::move(label), std::move(article), std::move(computed), false};
  f.matches = ArticleFigureMatches(f.article, f.computed);
  return f;
}

// An amount of yuan printed as the article prints large sums: 371,560,000,000 → "3,715.6亿" (one
// decimal, rounded half up). Compared as printed.
ArticleFigure Yi(std::string key, std::string label, std::string article, int64_t yuan) {
  const int64_t tenths = (yuan + 5'000'000) / 10'000'000;
  std::string computed = WithThousands(tenths / 10) + "." + std::to_string(tenths % 10) + "亿";
  ArticleFigure f{std::move(key), std::move(label), std::move(article), std::move(computed), false};
  f.matches = f.article == f.computed;
  return f;
}

// The cities of the Guangdong–Hong Kong–Macao Greater Bay Area (粤港澳大湾区).
bool InGreaterBayArea(const std::string& city) {
  static const std::set<std::string> kCities = {"广州", "深圳", "珠海", "佛山", "惠州", "东莞",
                                                "中山", "江门", "肇庆", "香港", "澳门"};
  return kCities.count(city) > 0;
}

// 吉安's investment record and policy set (issue 7): the events and signed projects of 2022, the
// electronics chain's years of Greater Bay Area events, the largest batch start (projects moved to
// 开工 on one day for one ceremony), and the policy documents by type.
Status InvestmentFigures(Platform& platform, const Actor& actor, std::vector<ArticleFigure>& out) {
  storage::EventFigureQuery year2022;
  year2022.year = 2022;
  ASSIGN_OR_RETURN(auto figures, platform.investments().EventFigures(actor, year2022));
  int64_t events = 0;
  for (const auto& f : figures) events += f.events;
  out.push_back(Count("jian.events_2022", "2022年吉安市开展招商活动", "83", events));

  storage::ProjectQuery signed2022;
  signed2022.signed_from = "2022-01-01";
  signed2022.signed_to = "2022-12-31";
  int64_t signed_count = 0, signed_amount = 0;
  RETURN_IF_ERROR(platform.investments().ForEachProject(actor, signed2022, [&](const investment::Project& p) {
    ++signed_count;
    signed_amount += p.agreed_amount;
    return Status::Ok();
  }));
  out.push_back(Count("jian.signed_projects_2022", "2022年签约项目", "451", signed_count));
  out.push_back(Yi("jian.signed_amount_2022", "2022年签约金额", "3,715.6亿", signed_amount));

  storage::EventQuery electronics;
  electronics.q = "电子信息";
  electronics.page.page_size = 100;
  ASSIGN_OR_RETURN(auto held, platform.investments().Events(actor, electronics));
  std::set<std::string> years;
  for (const auto& e : held.items) {
    if (e.chain_name == "电子信息产业链" && InGreaterBayArea(e.city) && e.held_on >= "2018" && e.held_on < "2023") {
      years.insert(e.held_on.substr(0, 4));
    }
  }
  out.push_back(Count("jian.bay_area_years", "电子信息产业链连续赴粤港澳大湾区举办招商推介会（年）", "5",
                      static_cast<int64_t>(years.size())));

  // The batch start: projects moved to 开工 together (same day, same ceremony), the largest group.
  storage::ProjectQuery started;
  started.stages = {investment::Stage::kStarted, investment::Stage::kFunded, investment::Stage::kProducing};
  std::map<std::pair<std::string, std::string>, std::pair<int64_t, int64_t>> groups;  // (on, reason) → count, amount
  std::vector<int64_t> ids;
  RETURN_IF_ERROR(platform.investments().ForEachProject(actor, started, [&](const investment::Project& p) {
    ids.push_back(p.id);
    return Status::Ok();
  }));
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(auto detail, platform.investments().GetProject(actor, id));
    for (const auto& h : detail.history) {
      if (h.to != investment::Stage::kStarted || h.reason.empty()) continue;
      auto& g = groups[{h.on, h.reason}];
      ++g.first;
      g.second += detail.project.agreed_amount;
    }
  }
  std::pair<int64_t, int64_t> batch{0, 0};
  for (const auto& [key, g] : groups) {
    if (g.first > batch.first) batch = g;
  }
  out.push_back(Count("jian.batch_start_projects", "优强重点产业项目同步开工", "59", batch.first));
  out.push_back(Yi("jian.batch_start_amount", "集中开工项目总投资", "613.9亿", batch.second));

  storage::PolicyQuery policies;
  policies.page.page_size = 1;
  ASSIGN_OR_RETURN(auto all, platform.policies().List(actor, policies));
  out.push_back(Count("jian.policies", "配套制订政策文件", "115", all.total));
  policies.type = policy::PolicyType::kOverallPlan;
  ASSIGN_OR_RETURN(auto plans, platform.policies().List(actor, policies));
  out.push_back(Count("jian.overall_plans", "总体方案（“1+2+N”之“1”）", "1", plans.total));
  policies.type = policy::PolicyType::kMechanism;
  ASSIGN_OR_RETURN(auto mechanisms, platform.policies().List(actor, policies));
  out.push_back(Count("jian.mechanisms", "配套机制（“1+2+N”之“2”）", "2", mechanisms.total));
  return Status::Ok();
}

}  // namespace

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

bool ArticleFigureMatches(const std::string& article, const std::string& computed) {
  if (article.size() > 1 && article.back() == '%') {
    return computed.size() > 1 && computed.back() == '%' &&
           ParseGrouped(std::string_view(article).substr(0, article.size() - 1)) ==
               ParseGrouped(std::string_view(computed).substr(0, computed.size() - 1)) &&
           ParseGrouped(std::string_view(computed).substr(0, computed.size() - 1)).has_value();
  }
  auto value = ParseGrouped(computed);
  if (!value) return false;
  if (article.size() > 1 && article.back() == '+') {
    auto floor = ParseGrouped(std::string_view(article).substr(0, article.size() - 1));
    return floor && *value >= *floor;
  }
  auto expected = ParseGrouped(article);
  return expected && *value == *expected;
}

Result<std::vector<ArticleFigure>> ComputeArticleFigures(Platform& platform, const Actor& actor) {
  FigureReader read(platform, actor);
  std::vector<ArticleFigure> out;

  // 定南县: 城管进社区.
  ASSIGN_OR_RETURN(int64_t teams, read.Units(org::UnitKind::kCommunityTeam, "360728"));
  out.push_back(Count("dingnan.teams", "定南县城管进社区工作组", "12", teams));
  ASSIGN_OR_RETURN(auto patrol, read.Kpi("patrol", "360728"));
  out.push_back(Count("dingnan.patrol_findings", "定南县巡查发现问题", "317", patrol[Counter::kFindings]));
  out.push_back(Count("dingnan.on_the_spot", "定南县现场解决问题", "261", patrol[Counter::kOnTheSpot]));
  ASSIGN_OR_RETURN(auto complaints, read.Kpi("complaint", "360728"));
  out.push_back(Count("dingnan.complaints", "定南县受理群众投诉", "45", complaints[Counter::kReceived]));
  out.push_back(Count("dingnan.complaints_solved", "定南县投诉解决", "44", complaints[Counter::kResolved]));
  out.push_back(Percent("dingnan.satisfaction", "定南县投诉群众满意率", "98%", complaints, Rate::kSatisfaction));

  // 南昌市: 微心愿 (the stations that recorded wishes: township stations are on 9-digit regions,
  // county stations on 6-digit ones).
  ASSIGN_OR_RETURN(auto wishes, read.Kpi("micro_wish", "3601"));
  out.push_back(Count("nanchang.wishes", "南昌市社工站收集微心愿", "1,230", wishes[Counter::kReceived]));
  ASSIGN_OR_RETURN(auto stations, platform.wishes().Figures(actor, std::nullopt, "3601"));
  int64_t township_stations = 0, county_stations = 0;
  for (const auto& st : stations.stations) {
    if (st.counts.recorded == 0) continue;
    if (st.region_code.size() == 9) ++township_stations;
    if (st.region_code.size() == 6) ++county_stations;
  }
  out.push_back(Count("nanchang.township_stations", "收集心愿的乡镇（街道）社工站", "124", township_stations));
  out.push_back(Count("nanchang.county_stations", "收集心愿的县级社工站", "9", county_stations));
  out.push_back(Count("nanchang.wishes_fulfilled", "微心愿全部实现", "1,230", wishes[Counter::kResolved]));
  out.push_back(Count("nanchang.fulfilled_by_deadline", "6月5日活动截止前送达", "1,230", stations.total.delivered_on_time));

  // 吉安市: 特派员驻企帮扶 (the problems the commissioners carried, solved: closed as resolved).
  ASSIGN_OR_RETURN(auto commissioned, read.Kpi("commissioner", "3608"));
  out.push_back(Count("jian.problems_solved", "吉安市特派员协调解决企业问题", "600+", commissioned[Counter::kResolved]));
  ASSIGN_OR_RETURN(int64_t centres, read.Units(org::UnitKind::kTestingCentre, "3608"));
  out.push_back(Count("jian.testing_centres", "吉安市为企业新建电子信息检测中心", "1", centres));
  storage::FieldFigureQuery jian_query;
  jian_query.region_code = "3608";
  jian_query.period = {kFrom, kTo};
  jian_query.program = casework::FieldProgram::kCommissioner;
  ASSIGN_OR_RETURN(auto jian_field, platform.field().Figures(actor, jian_query));
  out.push_back(Count("jian.workers_recruited", "吉安市特派员帮助企业招工", "700", jian_field.workers_recruited));
  ASSIGN_OR_RETURN(auto support, platform.support().Figures(actor, "3608"));
  out.push_back(Count("jian.advisory_committees", "吉安市重点产业链咨询委员会", "8", support.advisory_committees));
  storage::SupportBodyQuery committees;
  committees.kind = chain::BodyKind::kAdvisoryCommittee;
  committees.region_code = "3608";
  committees.q = "生物医药";
  ASSIGN_OR_RETURN(auto biomedicine, platform.support().Bodies(actor, committees));
  int64_t academicians = 0;
  for (const auto& b : biomedicine.items) academicians += b.academicians;
  out.push_back(Count("jian.biomedicine_academicians", "生物医药产业链增聘院士", "3", academicians));
  RETURN_IF_ERROR(InvestmentFigures(platform, actor, out));

  // 南昌县: 营商环境联络、监测、监督.
  storage::FieldFigureQuery field_query;
  field_query.region_code = "360121";
  field_query.period = {kFrom, kTo};
  ASSIGN_OR_RETURN(auto field, platform.field().Figures(actor, field_query));
  out.push_back(Count("nanchangxian.liaison_officers", "南昌县营商环境联络员", "14", field.liaison_officers));
  out.push_back(Count("nanchangxian.monitoring_points", "南昌县营商环境监测点", "50", field.monitoring_points));
  out.push_back(Count("nanchangxian.supervisors", "南昌县营商环境监督员", "100", field.supervisors));
  out.push_back(Count("nanchangxian.enterprises_served", "南昌县服务企业", "136", field.enterprises_served));

  // 城开苑社区: 楼栋会.
  ASSIGN_OR_RETURN(auto schedule, read.Schedule("城开苑社区居委会"));
  out.push_back(Count("chengkaiyuan.buildings", "城开苑社区楼栋会覆盖楼栋", "56", schedule.buildings));
  out.push_back(Count("chengkaiyuan.residents", "城开苑社区楼栋会覆盖居民", "3,600", schedule.residents));
  ASSIGN_OR_RETURN(auto trees, read.Kpi("building_meeting", "360112005002", "0206"));
  out.push_back(Count("chengkaiyuan.dangerous_trees", "城开苑社区楼栋会议结清除危树", "3", trees[Counter::kClosed]));

  return out;
}

}  // namespace lz::services
